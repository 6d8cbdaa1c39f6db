"""Staff accounts and their sessions (`bot.ports.StaffAccounts`, `bot.ports.StaffSessions`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import case, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import StaffAccountRow, StaffSessionRow, table_of
from bot.ports.staff import StaffAccount, StaffSession

_accounts = table_of(StaffAccountRow)
_sessions = table_of(StaffSessionRow)


def _account(row: Any) -> StaffAccount:
    return StaffAccount(**row._mapping)


class SqlStaffAccounts:
    """Staff accounts of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def add(self, account: StaffAccount) -> bool:
        values = dataclasses.asdict(account) | {"email": account.email.lower()}
        stmt = upsert(self._conn, _accounts).values(values).on_conflict_do_nothing()
        return (await self._conn.execute(stmt)).rowcount == 1

    async def get(self, staff_id: str) -> StaffAccount | None:
        row = (
            await self._conn.execute(select(_accounts).where(_accounts.c.id == staff_id))
        ).first()
        return None if row is None else _account(row)

    async def by_email(self, email: str) -> StaffAccount | None:
        stmt = select(_accounts).where(_accounts.c.email == email.lower())
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else _account(row)

    async def listed(self, practice_id: str | None = None) -> list[StaffAccount]:
        a = _accounts.c
        stmt = select(_accounts).order_by(a.practice_id, a.email)
        if practice_id is not None:
            stmt = stmt.where(a.practice_id == practice_id)
        return [_account(row) for row in await self._conn.execute(stmt)]

    async def count_failure(
        self, staff_id: str, limit: int, lock_until: dt.datetime
    ) -> dt.datetime | None:
        # One statement reads and bumps the count, so concurrent wrong passwords each count
        # and exactly one of them reaches the limit.
        a = _accounts.c
        reaches = a.failed_logins + 1 >= limit
        stmt = (
            update(_accounts)
            .where(a.id == staff_id)
            .values(
                failed_logins=case((reaches, 0), else_=a.failed_logins + 1),
                # Typed as the column, or the instant would skip its conversion to UTC.
                locked_until=case(
                    (reaches, literal(lock_until, a.locked_until.type)), else_=a.locked_until
                ),
            )
            .returning(a.failed_logins, a.locked_until)
        )
        row = (await self._conn.execute(stmt)).first()
        if row is None or row.failed_logins != 0:
            return None
        return lock_until

    async def signed_in(self, staff_id: str, now: dt.datetime) -> None:
        await self._conn.execute(
            update(_accounts)
            .where(_accounts.c.id == staff_id)
            .values(failed_logins=0, locked_until=None, last_active_at=now)
        )

    async def mark_active(self, staff_id: str, now: dt.datetime) -> None:
        a = _accounts.c
        # Never moves back: two requests may finish in either order.
        await self._conn.execute(
            update(_accounts)
            .where(a.id == staff_id, or_(a.last_active_at.is_(None), a.last_active_at < now))
            .values(last_active_at=now)
        )

    async def disable(self, staff_id: str) -> bool:
        a = _accounts.c
        stmt = (
            update(_accounts).where(a.id == staff_id, a.disabled.is_(False)).values(disabled=True)
        )
        return (await self._conn.execute(stmt)).rowcount == 1


class SqlStaffSessions:
    """Issued staff tokens of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def open(self, session: StaffSession) -> None:
        await self._conn.execute(_sessions.insert().values(dataclasses.asdict(session)))

    async def get(self, token_id: str) -> StaffSession | None:
        stmt = select(_sessions).where(_sessions.c.token_id == token_id)
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else StaffSession(**row._mapping)

    async def seen(self, token_id: str, now: dt.datetime) -> None:
        s = _sessions.c
        # Never moves back: two requests of one token may finish in either order.
        await self._conn.execute(
            update(_sessions)
            .where(s.token_id == token_id, s.last_seen_at < now)
            .values(last_seen_at=now)
        )

    async def revoke(self, token_id: str, now: dt.datetime) -> bool:
        s = _sessions.c
        stmt = (
            update(_sessions)
            .where(s.token_id == token_id, s.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return (await self._conn.execute(stmt)).rowcount == 1

    async def revoke_all(self, staff_id: str, now: dt.datetime) -> int:
        s = _sessions.c
        stmt = (
            update(_sessions)
            .where(s.staff_id == staff_id, s.revoked_at.is_(None), s.expires_at > now)
            .values(revoked_at=now)
        )
        return (await self._conn.execute(stmt)).rowcount
