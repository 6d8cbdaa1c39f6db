"""A practice's stored settings and the retention purge of its message bodies
(`bot.ports.Practices`, `bot.ports.Retention`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import InboundMessageRow, OutboxRow, PracticeRow, table_of
from bot.ports import PurgeReport

_inbound = table_of(InboundMessageRow)
_outbox = table_of(OutboxRow)
_practices = table_of(PracticeRow)


class SqlPractices:
    """Practice settings of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def settings(self, practice_id: str) -> dict[str, Any]:
        stmt = select(_practices.c.settings).where(_practices.c.id == practice_id)
        return dict((await self._conn.execute(stmt)).scalar_one_or_none() or {})


class SqlRetention:
    """The retention purge of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def purge_bodies(
        self, practice_id: str, before: dt.datetime, now: dt.datetime
    ) -> PurgeReport:
        """Bodies of finished messages older than `before` are removed; pending ones are kept
        because they are still to be processed or sent."""
        i, o = _inbound.c, _outbox.c
        inbound = await self._conn.execute(
            update(_inbound)
            .where(
                i.practice_id == practice_id,
                i.received_at < before,
                i.status != "pending",
                i.purged_at.is_(None),
            )
            .values(body=None, body_key=None, purged_at=now)
        )
        outbound = await self._conn.execute(
            update(_outbox)
            .where(
                o.practice_id == practice_id,
                o.created_at < before,
                o.status.not_in(("pending", "sending")),
                o.purged_at.is_(None),
            )
            .values(payload={}, payload_key=None, purged_at=now)
        )
        return PurgeReport(inbound=inbound.rowcount, outbound=outbound.rowcount)
