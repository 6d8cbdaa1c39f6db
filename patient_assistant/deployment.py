"""The practices one running API serves, each with its own runtime, and which one a received
message belongs to.

A message belongs to the practice that owns the address that received it: the Twilio
number in `To`, the Telegram bot whose webhook secret came with the update, the web chat of
the practice the page names. An address no practice owns is refused — a message is never
handed to some practice by guess, since that practice would look the sender up in the wrong
record system.

A deployment configured only by environment variables is one practice (`single`): every
message is its own, as before practices could be configured.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field

from bot.practice_config import PracticeConfig
from patient_assistant.bootstrap import Runtime

log = logging.getLogger(__name__)


@dataclass
class Deployment:
    """Runtimes by practice id, and the addresses each owns."""

    runtimes: dict[str, Runtime]
    default_id: str  # the web chat's practice when a page names none; the first practice
    #: (channel, address) -> practice id; None: one practice, which owns every address.
    owners: dict[tuple[str, str], str] | None = None
    telegram_secrets: dict[str, str] = field(default_factory=dict)  # practice id -> secret
    web_chat: frozenset[str] = frozenset()  # practices with a web chat

    @classmethod
    def single(cls, runtime: Runtime) -> Deployment:
        """One practice that receives on every address (the environment-only deployment)."""
        practice_id = runtime.settings.practice_id
        secret = runtime.settings.telegram_webhook_secret
        return cls(
            {practice_id: runtime},
            practice_id,
            owners=None,
            telegram_secrets={practice_id: secret} if secret else {},
            web_chat=frozenset({practice_id}),
        )

    @classmethod
    def of(cls, practices: list[tuple[PracticeConfig, Runtime]]) -> Deployment:
        """Several configured practices: each receives only on its own addresses."""
        owners = {key: p.id for p, _ in practices for key in p.addresses()}
        return cls(
            {p.id: runtime for p, runtime in practices},
            practices[0][0].id,
            owners=owners,
            telegram_secrets={
                p.id: p.channels.telegram.webhook_secret
                for p, _ in practices
                if p.channels.telegram is not None
            },
            web_chat=frozenset(p.id for p, _ in practices if p.channels.web_chat),
        )

    @property
    def default(self) -> Runtime:
        return self.runtimes[self.default_id]

    def by_id(self, practice_id: str) -> Runtime | None:
        """The runtime of the practice `practice_id`; None if this deployment has no such one."""
        return self.runtimes.get(practice_id)

    def for_payment(self, practice_id: str | None) -> Runtime | None:
        """The practice a payment link or provider event names (the first practice's when it
        names none: made before practices were configured); None for one not served here."""
        return self.default if practice_id is None else self.by_id(practice_id)

    def by_address(self, channel: str, address: str) -> Runtime | None:
        """The runtime of the practice that owns `address` on `channel`; None if none does."""
        if self.owners is None:
            return self.default
        practice_id = self.owners.get((channel, address.removeprefix("whatsapp:")))
        if practice_id is None:
            # The receiving number is the practice's, not the patient's: loggable.
            log.warning("message to %s %s refused: no practice owns it", channel, address)
            return None
        return self.runtimes[practice_id]

    def by_telegram_secret(self, given: str) -> Runtime | None:
        """The runtime whose bot's webhook secret is `given` (compared in constant time, and
        against every practice's, so the time taken tells nothing of which matched)."""
        found = None
        for practice_id, expected in self.telegram_secrets.items():
            if secrets.compare_digest(given.encode(), expected.encode()):
                found = self.runtimes[practice_id]
        return found

    def for_web_chat(self, practice_id: str | None) -> Runtime | None:
        """The web chat of `practice_id` (the default practice's when None), if it has one."""
        chosen = practice_id or self.default_id
        return self.runtimes[chosen] if chosen in self.web_chat else None

    async def aclose(self) -> None:
        for runtime in self.runtimes.values():
            await runtime.aclose()
