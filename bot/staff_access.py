"""Staff sign-in: passwords to bearer tokens, tokens to staff members, logout.

    login(email, password)  -> a token, or LoginRefused (one answer for every reason)
    authenticate(token)     -> the StaffMember behind it, or NotAuthenticated
    logout(member)          -> the token is revoked for every API process

A token is a short-lived signed JWT (sub, practice, role, jti, iat, exp) *and* a row in
`uow.staff_sessions` keyed by its jti: the signature proves who issued it, the row lets
logout revoke it and inactivity end it, everywhere at once. Each request with a token moves
the session's idle time on (at most once a minute, to spare the database a write per request).

Five wrong passwords in a row lock the account for 15 minutes. Unknown email, wrong password,
locked or disabled account: the caller gets the same refusal after the same argon2 work, so
the answer does not tell which emails have accounts. The audit log tells staff which it was.
Every sign-in, failed sign-in, lock-out and logout is audited; never a password, never PHI.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from dataclasses import dataclass
from typing import Any, NoReturn

from bot.ports import (
    AuditRecord,
    InvalidToken,
    PasswordHasher,
    Role,
    StaffAccount,
    StaffSession,
    Storage,
    TokenSigner,
    UnitOfWork,
)
from domain.ports import Clock

log = logging.getLogger(__name__)

#: The audit rows of sign-in attempts for an email with no account belong to no practice.
NO_PRACTICE = "-"
#: Longer passwords are refused unread: argon2 would hash megabytes if asked to.
MAX_PASSWORD = 1024
#: A session's last use is written at most this often (its idle time is that precise).
SEEN_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class StaffPolicy:
    """How long tokens last, and when repeated failures lock an account."""

    token_lifetime: dt.timedelta = dt.timedelta(minutes=60)
    idle: dt.timedelta = dt.timedelta(minutes=30)
    max_failures: int = 5
    lock_for: dt.timedelta = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int  # seconds


@dataclass(frozen=True)
class StaffMember:
    """Who made an authenticated request: the account as it is now, and the token used."""

    id: str
    email: str
    practice_id: str
    role: Role
    token_id: str
    token_expires_at: dt.datetime

    @property
    def actor(self) -> str:
        """How the audit log names this person."""
        return actor_of(self.id)


class LoginRefused(Exception):
    """Wrong email or password, or an account that is locked or disabled: callers say the same."""


class NotAuthenticated(Exception):
    """A missing, malformed, forged, expired, idle or revoked token, or a disabled account.
    The message is the reason, for logs; callers answer 401 whatever it is."""


def actor_of(staff_id: str) -> str:
    return f"staff:{staff_id}"


def subject_of(staff_id: str) -> str:
    return f"StaffAccount/{staff_id}"


class StaffAccess:
    def __init__(
        self,
        storage: Storage,
        passwords: PasswordHasher,
        tokens: TokenSigner,
        clock: Clock,
        policy: StaffPolicy | None = None,
    ) -> None:
        self._storage = storage
        self._passwords = passwords
        self._tokens = tokens
        self._clock = clock
        self.policy = policy or StaffPolicy()

    async def login(self, email: str, password: str, client: str | None = None) -> IssuedToken:
        """A token for the account of `email`; raises LoginRefused otherwise."""
        async with self._storage.reading() as uow:
            account = await uow.staff.by_email(email.strip())
        if len(password) > MAX_PASSWORD:
            password = ""  # still verified (and refused) below, at the usual cost
        if account is None:
            # argon2 is CPU work: off the event loop, as every verification here.
            await asyncio.to_thread(self._passwords.verify_nothing, password)
            await self._refused(None, "unknown_account", client)
        matches = await asyncio.to_thread(self._passwords.verify, account.password_hash, password)
        now = self._clock.now()
        if account.disabled:
            await self._refused(account, "disabled", client)
        if account.locked(now):
            await self._refused(account, "locked", client)
        if not matches or not password:
            await self._wrong_password(account, now, client)
        return await self._issue(account, now, client)

    async def authenticate(self, token: str) -> StaffMember:
        """The staff member a token stands for, now; raises NotAuthenticated otherwise."""
        try:
            claims = self._tokens.read(token)
        except InvalidToken as e:
            raise NotAuthenticated(f"invalid token ({e})") from e
        now = self._clock.now()
        if now.timestamp() >= _number(claims, "exp"):
            raise NotAuthenticated("expired token")
        async with self._storage.reading() as uow:
            session = await uow.staff_sessions.get(str(claims["jti"]))
            account = await uow.staff.get(str(claims["sub"]))
        if session is None or account is None or session.staff_id != account.id:
            raise NotAuthenticated("unknown token")
        if session.revoked_at is not None:
            raise NotAuthenticated("revoked token")
        if account.disabled:
            raise NotAuthenticated("disabled account")
        if account.practice_id != claims["practice"]:
            raise NotAuthenticated("token of another practice")
        if now - session.last_seen_at > self.policy.idle:
            await self._end_idle(account, session, now)
        if now - session.last_seen_at >= SEEN_EVERY:
            async with self._storage.unit_of_work() as uow:
                await uow.staff_sessions.seen(session.token_id, now)
                await uow.staff.mark_active(account.id, now)
        return StaffMember(
            account.id,
            account.email,
            account.practice_id,
            account.role,
            session.token_id,
            session.expires_at,
        )

    async def still_valid(self, member: StaffMember) -> bool:
        """Whether the token `authenticate` accepted for a long-lived request (the staff event
        stream) still would be: not expired, revoked, idle, nor its account disabled. It does
        not count as activity: a console left open is not a person at the desk."""
        now = self._clock.now()
        if now >= member.token_expires_at:
            return False
        async with self._storage.reading() as uow:
            session = await uow.staff_sessions.get(member.token_id)
            account = await uow.staff.get(member.id)
        return (
            session is not None
            and account is not None
            and session.revoked_at is None
            and not account.disabled
            and now - session.last_seen_at <= self.policy.idle
        )

    async def logout(self, member: StaffMember) -> None:
        """Revoke the member's token, for every process."""
        now = self._clock.now()
        async with self._storage.unit_of_work() as uow:
            await uow.staff_sessions.revoke(member.token_id, now)
            await _audit(uow, member.practice_id, member.actor, "staff.signed_out", member.id, now)

    async def _issue(
        self, account: StaffAccount, now: dt.datetime, client: str | None
    ) -> IssuedToken:
        token_id = uuid.uuid4().hex
        expires_at = now + self.policy.token_lifetime
        claims = {
            "sub": account.id,
            "practice": account.practice_id,
            "role": account.role,
            "jti": token_id,
            "iat": int(now.timestamp()),
            "exp": int(expires_at.timestamp()),
        }
        session = StaffSession(token_id, account.id, account.practice_id, now, expires_at, now)
        async with self._storage.unit_of_work() as uow:
            await uow.staff.signed_in(account.id, now)
            await uow.staff_sessions.open(session)
            await _audit(
                uow,
                account.practice_id,
                actor_of(account.id),
                "staff.signed_in",
                account.id,
                now,
                {"client": client, "token": token_id},
            )
        log.info("signed in", extra={"staff": account.id})
        return IssuedToken(
            self._tokens.sign(claims), int(self.policy.token_lifetime.total_seconds())
        )

    async def _wrong_password(
        self, account: StaffAccount, now: dt.datetime, client: str | None
    ) -> NoReturn:
        async with self._storage.unit_of_work() as uow:
            locked_until = await uow.staff.count_failure(
                account.id, self.policy.max_failures, now + self.policy.lock_for
            )
            await _audit(
                uow,
                account.practice_id,
                "anonymous",
                "staff.login_failed",
                account.id,
                now,
                {"reason": "wrong_password", "client": client},
            )
            if locked_until is not None:
                await _audit(
                    uow,
                    account.practice_id,
                    "system",
                    "staff.locked_out",
                    account.id,
                    now,
                    {"until": locked_until.isoformat(), "failures": self.policy.max_failures},
                )
        raise LoginRefused()

    async def _refused(
        self, account: StaffAccount | None, reason: str, client: str | None
    ) -> NoReturn:
        now = self._clock.now()
        async with self._storage.unit_of_work() as uow:
            await uow.audit.append(
                AuditRecord(
                    practice_id=account.practice_id if account else NO_PRACTICE,
                    actor="anonymous",
                    action="staff.login_failed",
                    subject=subject_of(account.id) if account else "StaffAccount/unknown",
                    at=now,
                    detail={"reason": reason, "client": client},
                )
            )
        raise LoginRefused()

    async def _end_idle(
        self, account: StaffAccount, session: StaffSession, now: dt.datetime
    ) -> NoReturn:
        async with self._storage.unit_of_work() as uow:
            # Revoked, so it stays dead even after the account signs in again elsewhere.
            if await uow.staff_sessions.revoke(session.token_id, now):
                await _audit(
                    uow,
                    account.practice_id,
                    "system",
                    "staff.session_idle",
                    account.id,
                    now,
                    {"token": session.token_id, "last_seen_at": session.last_seen_at.isoformat()},
                )
        raise NotAuthenticated("idle token")


def _number(claims: dict[str, Any], name: str) -> float:
    value = claims[name]
    if not isinstance(value, int | float):
        raise NotAuthenticated(f"token claim {name} is not a number")
    return float(value)


async def _audit(
    uow: UnitOfWork,
    practice_id: str,
    actor: str,
    action: str,
    staff_id: str,
    at: dt.datetime,
    detail: dict[str, Any] | None = None,
) -> None:
    await uow.audit.append(
        AuditRecord(practice_id, actor, action, subject_of(staff_id), at, detail or {})
    )
