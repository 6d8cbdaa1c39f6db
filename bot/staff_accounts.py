"""Managing staff accounts (`patient-assistant staff add | list | disable`), and what makes a
password acceptable.

One login is one practice: an email has at most one account in the deployment (see
bot/ports/staff.py). Adding and disabling accounts is audited under the practice concerned.
"""

from __future__ import annotations

import asyncio
import re
import uuid

from bot.ports import ROLES, AuditRecord, PasswordHasher, Role, StaffAccount, Storage
from bot.staff_access import subject_of
from domain.ports import Clock

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: Passwords that meet the length rule and are still among the first an attacker tries.
COMMON = frozenset(
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "qwertyuiop12",
        "qwertyuiop123",
        "passwordpassword",
        "password1234",
        "password12345",
        "letmeinletmein",
        "iloveyou1234",
        "changemechangeme",
    }
)


class StaffAccountError(Exception):
    """A request the accounts refuse; the message says why and what to do instead."""


def password_problem(password: str, email: str = "") -> str | None:
    """Why `password` is too weak for a staff account, or None if it will do."""
    if not password.strip():
        return "the password is empty"
    if len(password) < MIN_PASSWORD:
        return f"the password is shorter than {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"the password is longer than {MAX_PASSWORD} characters"
    if len(set(password)) < 5:
        return "the password repeats too few different characters"
    lowered = password.lower()
    if lowered in COMMON or "password" in lowered:
        return "the password is a commonly used one"
    name = email.partition("@")[0].lower()
    if len(name) >= 3 and name in lowered:
        return "the password contains the email's name"
    return None


def normalised_email(email: str) -> str:
    email = email.strip().lower()
    if len(email) > 320 or not EMAIL.fullmatch(email):
        raise StaffAccountError(f"{email!r} is not an email address")
    return email


class StaffAccounts:
    """Adds, lists and disables accounts; `actor` names who did it in the audit log."""

    def __init__(self, storage: Storage, passwords: PasswordHasher, clock: Clock) -> None:
        self._storage = storage
        self._passwords = passwords
        self._clock = clock

    async def add(
        self, email: str, practice_id: str, role: str, password: str, actor: str = "cli"
    ) -> StaffAccount:
        email = normalised_email(email)
        if not practice_id.strip() or len(practice_id) > 64:
            raise StaffAccountError("give the practice's id (at most 64 characters)")
        if role not in ROLES:
            raise StaffAccountError(f"the role is one of {', '.join(ROLES)}, not {role!r}")
        problem = password_problem(password, email)
        if problem:
            raise StaffAccountError(f"{problem}; choose a longer, less common one")
        password_hash = await asyncio.to_thread(self._passwords.hash, password)
        now = self._clock.now()
        account = StaffAccount(
            id=uuid.uuid4().hex,
            email=email,
            practice_id=practice_id,
            role=_role(role),
            password_hash=password_hash,
            created_at=now,
        )
        async with self._storage.unit_of_work() as uow:
            if not await uow.staff.add(account):
                raise StaffAccountError(
                    f"{email} already has an account (one login is one practice: use "
                    "another address for another practice)"
                )
            await uow.audit.append(
                AuditRecord(
                    practice_id,
                    actor,
                    "staff.account_added",
                    subject_of(account.id),
                    now,
                    {"role": role},
                )
            )
        return account

    async def listed(self, practice_id: str | None = None) -> list[StaffAccount]:
        async with self._storage.reading() as uow:
            return await uow.staff.listed(practice_id)

    async def disable(self, email: str, actor: str = "cli") -> int:
        """Disable the account of `email` and revoke its tokens; how many were live."""
        email = normalised_email(email)
        now = self._clock.now()
        async with self._storage.unit_of_work() as uow:
            account = await uow.staff.by_email(email)
            if account is None:
                raise StaffAccountError(f"no account has the email {email}")
            if not await uow.staff.disable(account.id):
                raise StaffAccountError(f"{email} is already disabled")
            revoked = await uow.staff_sessions.revoke_all(account.id, now)
            await uow.audit.append(
                AuditRecord(
                    account.practice_id,
                    actor,
                    "staff.account_disabled",
                    subject_of(account.id),
                    now,
                    {"tokens_revoked": revoked},
                )
            )
        return revoked

    def status(self, account: StaffAccount) -> str:
        """active | locked | disabled, as `staff list` shows it."""
        if account.disabled:
            return "disabled"
        return "locked" if account.locked(self._clock.now()) else "active"


def _role(role: str) -> Role:
    return "admin" if role == "admin" else "staff"
