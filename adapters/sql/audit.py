"""`SqlAuditLog`: append and read, nothing else (database triggers refuse the rest)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import AuditRow, table_of
from adapters.sql.records import to_record, to_values
from bot.ports import AuditRecord

_audit = table_of(AuditRow)


class SqlAuditLog:
    """The audit log of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def append(self, record: AuditRecord) -> None:
        """Append `record`, setting its `id` to the one the database assigned."""
        values = to_values(record)
        del values["id"]
        stmt = insert(_audit).values(values).returning(_audit.c.id)
        record.id = (await self._conn.execute(stmt)).scalar_one()

    async def trail(self, practice_id: str, subject: str | None = None) -> list[AuditRecord]:
        """The practice's audit records (of one subject, if given), oldest first."""
        a = _audit.c
        stmt = select(_audit).where(a.practice_id == practice_id).order_by(a.id)
        if subject is not None:
            stmt = stmt.where(a.subject == subject)
        return [to_record(AuditRecord, row) for row in await self._conn.execute(stmt)]
