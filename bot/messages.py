"""Channel-neutral messages. Channels turn their requests into Inbound and render Outbound."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


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
