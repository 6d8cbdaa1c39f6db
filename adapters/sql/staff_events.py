"""Staff events (`bot.ports.StaffEvents`): appended in the unit of work of the change they
describe; the storage nudges the live stream after that commits (`appended`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    delete,
    func,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import StaffEventRow, table_of
from bot.ports.staff_events import Change, StaffEvent

_events = table_of(StaffEventRow)
#: Built once with its values bound: a turn that escalates or books appends one or more, and
#: building the statement's expression cost more CPU than running it.
_APPEND = _events.insert().values(
    {
        name: bindparam(f"se_{name}", type_=_events.c[name].type)
        for name in ("practice_id", "conversation_id", "change", "urgency", "at")
    }
)
#: SQLite's record of the last id each AUTOINCREMENT table gave.
_sqlite_sequence = Table(
    "sqlite_sequence", MetaData(), Column("name", String), Column("seq", Integer)
)
#: PostgreSQL's last id given, when every row was purged (NULL if none ever was).
_PG_SEQUENCE = text("SELECT pg_sequence_last_value(pg_get_serial_sequence('staff_events', 'id'))")


def _event(row: Any) -> StaffEvent:
    return StaffEvent(**row._mapping)


class SqlStaffEvents:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection
        #: Practices with events appended in this unit of work, nudged after it commits.
        self.appended: set[str] = set()

    async def append(
        self,
        practice_id: str,
        conversation_id: str,
        change: Change,
        at: dt.datetime,
        urgency: str | None = None,
    ) -> None:
        params = {
            "se_practice_id": practice_id,
            "se_conversation_id": conversation_id,
            "se_change": change,
            "se_urgency": urgency,
            "se_at": at,
        }
        await self._conn.execute(_APPEND, params)
        self.appended.add(practice_id)

    async def after(
        self, cursor: int, practice_id: str | None = None, limit: int = 500
    ) -> list[StaffEvent]:
        e = _events.c
        query = select(_events).where(e.id > cursor).order_by(e.id).limit(limit)
        if practice_id is not None:
            query = query.where(e.practice_id == practice_id)
        return [_event(row) for row in await self._conn.execute(query)]

    async def head(self) -> int:
        """The highest committed id; with no rows left, the last id the sequence gave, so a
        reader starting there does not take the purged ids for a gap still to fill. (On
        PostgreSQL the sequence may be ahead of commits only when the table is empty, and then
        an event in flight is at most missed by a stream opened at that instant.)"""
        if self._conn.dialect.name == "sqlite":
            # Writers take turns on SQLite, so AUTOINCREMENT's record is the committed head.
            given = await self._conn.scalar(
                select(func.max(_sqlite_sequence.c.seq)).where(
                    _sqlite_sequence.c.name == "staff_events"
                )
            )
            return int(given or 0)
        given = await self._conn.scalar(select(func.max(_events.c.id)))
        if given is None:
            given = await self._conn.scalar(_PG_SEQUENCE)
        return int(given or 0)

    async def purge(self, before: dt.datetime) -> int:
        result = await self._conn.execute(delete(_events).where(_events.c.at < before))
        return int(result.rowcount or 0)
