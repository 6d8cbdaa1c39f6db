"""`bot.ports.ResultNotices` on SQL: the reports a patient was told about, and the poll's cursor."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import PollCursorRow, ResultNoticeRow, table_of

_notices = table_of(ResultNoticeRow)
_cursors = table_of(PollCursorRow)


class SqlResultNotices:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def record(
        self, practice_id: str, report_key: str, patient_id: str, at: dt.datetime
    ) -> bool:
        # ON CONFLICT DO NOTHING: of two paths racing on one report, one insert wins.
        stmt = (
            upsert(self._conn, _notices)
            .values(
                practice_id=practice_id,
                report_key=report_key,
                patient_id=patient_id,
                notified_at=at,
            )
            .on_conflict_do_nothing(index_elements=["practice_id", "report_key"])
        )
        return (await self._conn.execute(stmt)).rowcount == 1

    async def is_recorded(self, practice_id: str, report_key: str) -> bool:
        n = _notices.c
        stmt = select(n.report_key).where(n.practice_id == practice_id, n.report_key == report_key)
        return (await self._conn.execute(stmt)).first() is not None

    async def cursor(self, practice_id: str, name: str) -> str | None:
        c = _cursors.c
        stmt = select(c.position).where(c.practice_id == practice_id, c.name == name)
        return (await self._conn.execute(stmt)).scalar_one_or_none()

    async def move_cursor(
        self, practice_id: str, name: str, position: str, at: dt.datetime
    ) -> None:
        values = {"practice_id": practice_id, "name": name, "position": position, "updated_at": at}
        stmt = upsert(self._conn, _cursors).values(values)
        await self._conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["practice_id", "name"],
                set_={"position": position, "updated_at": at},
            )
        )
