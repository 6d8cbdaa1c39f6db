"""Channel-neutral messages. Channels turn their requests into Inbound and render Outbound."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

#: Characters no text column and no UTF-8 encoder takes: NUL and unpaired surrogates (JSON can
#: carry both as escapes).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: The longest provider message id or address a channel may give (the inbox's columns hold
#: more; no provider sends anything near it).
MAX_ID_CHARS = 128


@dataclass(frozen=True)
class Inbound:
    """One patient message, whatever channel it came by."""

    practice_id: str
    channel: str  # sms | whatsapp | telegram | web | console
    address: str  # E.164 phone, Telegram chat id, web session id
    text: str | None
    provider_message_id: str  # the provider's id (MessageSid, update_id); unique per channel
    received_at: dt.datetime
    media_count: int = 0

    def __post_init__(self) -> None:
        # Whatever channel brought it, a message is never lost to its characters: what cannot
        # be stored becomes U+FFFD (the patient sees their text read back with a gap at most).
        if self.text is not None and _UNSTORABLE.search(self.text):
            object.__setattr__(self, "text", _UNSTORABLE.sub("\ufffd", self.text))


def checked_id(value: str, what: str) -> str:
    """`value` if it can be a provider's id or address; ValueError if it is too long or holds
    control characters, which no provider sends (a forged or broken request)."""
    if not value or len(value) > MAX_ID_CHARS or any(ord(c) < 32 or c == "\x7f" for c in value):
        raise ValueError(f"{what} is not an id a provider sends")
    return value


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Outbound:
    """One reply. Choices are structured so each channel renders them its own way."""

    text: str
    choices: tuple[str, ...] = ()
    links: tuple[Link, ...] = field(default_factory=tuple)

    def plain_text(self) -> str:
        """The SMS rendering: choices become numbered lines (reply grammar is numbers)."""
        lines = [self.text] if self.text else []
        lines += [f"{i}. {choice}" for i, choice in enumerate(self.choices, start=1)]
        lines += [f"{link.label}: {link.url}" for link in self.links]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "choices": list(self.choices),
            "links": [{"label": k.label, "url": k.url} for k in self.links],
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> Outbound:
        return cls(
            text=raw.get("text", ""),
            choices=tuple(raw.get("choices", ())),
            links=tuple(Link(k["label"], k["url"]) for k in raw.get("links", ())),
        )
