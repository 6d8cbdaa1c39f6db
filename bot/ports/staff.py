"""Staff accounts and their sign-in sessions: the records, the storage ports, and the two
cryptographic ports (password hashes, signed tokens) that bot/staff_access.py needs.

One login is one practice: an account's email is unique across the whole deployment, and
the account belongs to exactly one practice. Someone who works for two practices of one
deployment has two accounts with two addresses, so signing in never has to ask "which
practice?" and a token can never be stretched over two practices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from bot.ports.records import ConversationRecord

Role = Literal["staff", "admin"]
ROLES: tuple[Role, ...] = ("staff", "admin")


@dataclass(frozen=True)
class StaffAccount:
    """A person on a practice's staff. `password_hash` is an argon2 hash, never a password."""

    id: str
    email: str  # lower-case; unique in the deployment
    practice_id: str
    role: Role
    password_hash: str
    created_at: dt.datetime
    failed_logins: int = 0  # consecutive wrong passwords since the last sign-in or lock-out
    locked_until: dt.datetime | None = None
    last_active_at: dt.datetime | None = None  # the last sign-in or request with a token
    disabled: bool = False

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


@dataclass(frozen=True)
class StaffSession:
    """One issued token, by its `jti`: what makes a stateless token revocable and idle-able
    across every API process."""

    token_id: str  # the token's jti
    staff_id: str
    practice_id: str
    issued_at: dt.datetime
    expires_at: dt.datetime
    last_seen_at: dt.datetime
    revoked_at: dt.datetime | None = None


class StaffAccounts(Protocol):
    """Staff accounts of every practice (`uow.staff`)."""

    async def add(self, account: StaffAccount) -> bool:
        """Store a new account; False, and nothing stored, if its email is taken."""
        ...

    async def get(self, staff_id: str) -> StaffAccount | None: ...

    async def by_email(self, email: str) -> StaffAccount | None:
        """The account of `email` (compared lower-case), whatever its practice."""
        ...

    async def listed(self, practice_id: str | None = None) -> list[StaffAccount]:
        """Accounts of one practice, or of all with None; by practice, then email."""
        ...

    async def count_failure(
        self, staff_id: str, limit: int, lock_until: dt.datetime
    ) -> dt.datetime | None:
        """Count one more wrong password, atomically under concurrent attempts. The `limit`-th
        consecutive one locks the account until `lock_until` and starts the count again;
        returns `lock_until` then, None otherwise."""
        ...

    async def signed_in(self, staff_id: str, now: dt.datetime) -> None:
        """A successful sign-in: no failures counted, active now."""
        ...

    async def mark_active(self, staff_id: str, now: dt.datetime) -> None: ...

    async def disable(self, staff_id: str) -> bool:
        """Disable the account; False if it already was."""
        ...


class StaffSessions(Protocol):
    """Issued tokens, so a revoked or idle one is refused by every process (`uow.staff_sessions`)."""

    async def open(self, session: StaffSession) -> None: ...

    async def get(self, token_id: str) -> StaffSession | None: ...

    async def seen(self, token_id: str, now: dt.datetime) -> None:
        """The token was used at `now` (its idle time starts again)."""
        ...

    async def revoke(self, token_id: str, now: dt.datetime) -> bool:
        """Revoke one token; False if it was unknown or already revoked."""
        ...

    async def revoke_all(self, staff_id: str, now: dt.datetime) -> int:
        """Revoke every live token of an account (it was disabled); how many."""
        ...


@dataclass(frozen=True)
class TranscriptLine:
    """One message of a conversation as staff read it: the patient's or the assistant's."""

    direction: Literal["in", "out"]  # from the patient | to the patient
    at: dt.datetime  # received, or written to the outbox
    text: str | None  # None once the retention purge removed it
    status: str  # the inbound or outbox status


@dataclass(frozen=True)
class QueueFilter:
    """Which conversations of the staff queue to list; None in a field: any.

    Applied by the storage query itself, before its limit: filtered over only the latest
    conversations, an escalation opened long ago and still waiting would be missed."""

    #: The live escalation's state; "none": no live escalation (with the assistant).
    status: Literal["open", "claimed", "none"] | None = None
    urgency: Literal["urgent", "normal"] | None = None  # of the live escalation
    channel: str | None = None
    holder: str | None = None  # the staff account holding the live escalation


#: No filter: every conversation of the practice.
EVERY_CONVERSATION = QueueFilter()


class Transcripts(Protocol):
    """What staff read of conversations (`uow.transcripts`); callers scope by practice."""

    async def conversations(
        self, practice_id: str, limit: int = 100, only: QueueFilter = EVERY_CONVERSATION
    ) -> list[ConversationRecord]:
        """The practice's conversations that `only` lets through, in the queue's order:
        those with a live escalation first (urgent first, then by when a reply is due),
        then the rest, the most recently active first; at most `limit`."""
        ...

    async def transcript(self, conversation_id: str) -> list[TranscriptLine]:
        """Every message of the conversation, both ways, oldest first."""
        ...


class PasswordHasher(Protocol):
    """Slow, salted password hashes (argon2 in adapters/staff_auth/passwords.py)."""

    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True if `password` matches; False otherwise, including for a malformed hash."""
        ...

    def verify_nothing(self, password: str) -> None:
        """Spend as long as `verify` would, for an unknown account: the answer's timing then
        does not tell which emails have accounts."""
        ...


class TokenSigner(Protocol):
    """Signed bearer tokens (JWT in adapters/staff_auth/tokens.py)."""

    def sign(self, claims: dict[str, Any]) -> str: ...

    def read(self, token: str) -> dict[str, Any]:
        """The claims of a token this signer made; raises InvalidToken otherwise. Times
        (`exp`, `iat`) are returned, not judged: the caller's clock judges them."""
        ...


class InvalidToken(Exception):
    """A token that is malformed, forged, or signed with another key."""
