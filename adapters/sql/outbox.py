"""The outbox: replies written with the turn, taken by senders without overlap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import OutboxRow, table_of
from adapters.sql.sealing import Sealing
from bot.ports import OutboxRecord

#: How long a claimed message stays with its sender before others may retry it.
CLAIM_LEASE = dt.timedelta(minutes=5)

_outbox = table_of(OutboxRow)


def _due(now: dt.datetime) -> ColumnElement[bool]:
    """Pending and not waiting for a retry, or claimed by a sender whose lease lapsed."""
    o = _outbox.c
    return or_(
        and_(o.status == "pending", or_(o.next_attempt_at.is_(None), o.next_attempt_at <= now)),
        and_(o.status == "sending", o.next_attempt_at <= now),
    )


def _oldest_due(now: dt.datetime, limit: int, *columns: Any, channels: Sequence[str] | None = None) -> Select[Any]:
    # SKIP LOCKED: rows another sender holds are passed over, never waited for or shared.
    # SQLite renders no FOR UPDATE; its transactions are serialised by BEGIN IMMEDIATE.
    due = _due(now) if channels is None else and_(_due(now), _outbox.c.channel.in_(list(channels)))
    return (
        select(*columns)
        .where(due)
        .order_by(_outbox.c.created_at, _outbox.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )


class OutboxOps:
    """The outbox part of `SqlTransaction`."""

    _conn: AsyncConnection
    _sealing: Sealing

    async def enqueue_outbound(self, message: OutboxRecord) -> None:
        await self._conn.execute(insert(_outbox).values(self._sealing.outbox_values(message)))

    async def due_outbound(self, now: dt.datetime, limit: int) -> list[OutboxRecord]:
        """Due messages, oldest first, locked until this transaction ends (PostgreSQL)."""
        rows = await self._conn.execute(_oldest_due(now, limit, _outbox))
        return [self._sealing.outbox_record(row) for row in rows]

    async def claim_due_outbound(
        self, now: dt.datetime, limit: int, channels: Sequence[str] | None = None,
        lease: dt.timedelta = CLAIM_LEASE,
    ) -> list[OutboxRecord]:
        """Mark up to `limit` due messages `sending` (leased for CLAIM_LEASE) and return them.

        Concurrent claimers never get the same row; a sender that dies leaves the
        row due again once its lease lapses. `channels` limits the claim to those a
        sender can deliver.
        """
        stmt = (
            update(_outbox)
            .where(_outbox.c.id.in_(_oldest_due(now, limit, _outbox.c.id, channels=channels)))
            .values(status="sending", next_attempt_at=now + lease)
            .returning(*_outbox.c)
        )
        claimed = [self._sealing.outbox_record(row) for row in await self._conn.execute(stmt)]
        return sorted(claimed, key=lambda m: (m.created_at, m.id))

    async def update_outbound(self, message: OutboxRecord) -> None:
        """Write the message's delivery fields; raises LookupError for an unknown id."""
        stmt = (
            update(_outbox)
            .where(_outbox.c.id == message.id)
            .values(
                status=message.status,
                attempts=message.attempts,
                next_attempt_at=message.next_attempt_at,
                provider_message_id=message.provider_message_id,
                error=message.error,
            )
            .returning(_outbox.c.id)
        )
        if (await self._conn.execute(stmt)).first() is None:
            raise LookupError(f"outbox message {message.id} not found; enqueue it first")
