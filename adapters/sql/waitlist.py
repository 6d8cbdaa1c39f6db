"""`bot.ports.Waitlist` on SQL: waitlist entries, each change conditional on its version."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import WaitlistRow, table_of
from domain.waitlist import EXPIRED, LIVE, WAITING, WaitlistEntry

_entries = table_of(WaitlistRow)
_FIELDS = tuple(f.name for f in dataclasses.fields(WaitlistEntry))


def _entry(row: Row[object]) -> WaitlistEntry:
    values = row._mapping
    return WaitlistEntry(**{f: values[f] for f in _FIELDS})


class SqlWaitlist:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def join(self, entry: WaitlistEntry) -> WaitlistEntry:
        w = _entries.c
        same = select(_entries).where(
            w.practice_id == entry.practice_id,
            w.patient_id == entry.patient_id,
            w.service_id == entry.service_id,
            w.practitioner_id.is_(None)
            if entry.practitioner_id is None
            else w.practitioner_id == entry.practitioner_id,
            w.state.in_(LIVE),
        )
        existing = (await self._conn.execute(same.with_for_update())).first()
        if existing is None:
            values = {f: getattr(entry, f) for f in _FIELDS} | {"updated_at": entry.created_at}
            await self._conn.execute(insert(_entries).values(values))
            return entry
        stmt = (
            update(_entries)
            .where(w.id == existing.id)
            .values(
                window_start=entry.window_start,
                window_end=entry.window_end,
                expires_at=entry.expires_at,
                conversation_id=entry.conversation_id,
                version=w.version + 1,
                updated_at=entry.created_at,
            )
            .returning(*_entries.c)
        )
        return _entry((await self._conn.execute(stmt)).one())

    async def get(self, practice_id: str, entry_id: str) -> WaitlistEntry | None:
        w = _entries.c
        stmt = select(_entries).where(w.practice_id == practice_id, w.id == entry_id)
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else _entry(row)

    async def waiting(self, practice_id: str, now: dt.datetime) -> list[WaitlistEntry]:
        w = _entries.c
        stmt = (
            select(_entries)
            .where(w.practice_id == practice_id, w.state == WAITING, w.expires_at > now)
            .order_by(w.created_at, w.id)
        )
        return [_entry(r) for r in (await self._conn.execute(stmt)).all()]

    async def move(
        self,
        entry: WaitlistEntry,
        state: str,
        now: dt.datetime,
        offer: dict[str, Any] | None = None,
    ) -> WaitlistEntry | None:
        w = _entries.c
        stmt = (
            update(_entries)
            .where(
                w.practice_id == entry.practice_id,
                w.id == entry.id,
                w.version == entry.version,
            )
            .values(state=state, offer=offer, version=w.version + 1, updated_at=now)
            .returning(*_entries.c)
        )
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else _entry(row)

    async def expire(self, practice_id: str, now: dt.datetime) -> int:
        w = _entries.c
        stmt = (
            update(_entries)
            .where(w.practice_id == practice_id, w.state == WAITING, w.expires_at <= now)
            .values(state=EXPIRED, version=w.version + 1, updated_at=now)
        )
        return int((await self._conn.execute(stmt)).rowcount)

    async def of_patient(self, practice_id: str, patient_id: str) -> list[WaitlistEntry]:
        w = _entries.c
        stmt = (
            select(_entries)
            .where(w.practice_id == practice_id, w.patient_id == patient_id)
            .order_by(w.created_at, w.id)
        )
        return [_entry(r) for r in (await self._conn.execute(stmt)).all()]
