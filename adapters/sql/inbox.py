"""`SqlInbox`: inbound messages, recorded once per provider message id, processed in arrival
order (the `bot.ports.Inbox` port)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.arrivals import (
    arrival_params,
    next_seq_statement,
    record_arrival,
)
from adapters.sql.dialect import upsert
from adapters.sql.models import InboundMessageRow, table_of
from adapters.sql.sealing import Sealing
from bot.ports import InboundRecord, Received

_inbound = table_of(InboundMessageRow)
# Every turn runs these: built once, their values bound when they run (building a
# statement's expression cost more CPU than running it).
_i = _inbound.c
_PENDING = (
    select(_inbound)
    .where(
        _i.conversation_id == bindparam("i_conversation_id", type_=_i.conversation_id.type),
        _i.status == "pending",
    )
    .order_by(_i.received_at, _i.seq, _i.id)
)
_MARK = (
    update(_inbound)
    .where(_i.id == bindparam("i_id", type_=_i.id.type))
    .values(status=bindparam("i_status", type_=_i.status.type))
    .returning(_i.id)
)


class SqlInbox:
    """The inbox of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing) -> None:
        self._conn = connection
        self._sealing = sealing

    async def receive(self, message: InboundRecord) -> Received | None:
        """Record a message in its conversation (created if need be) with the conversation's
        next arrival number; None if it is a duplicate. One statement on PostgreSQL
        (adapters/sql/arrivals.py explains it and why order and deduplication hold)."""
        new_conversation_id = uuid.uuid4().hex
        values = self._sealing.inbound_values(message)
        arrival = await record_arrival(self._conn, arrival_params(values, new_conversation_id))
        if arrival is None or not arrival.recorded:
            return None
        message.conversation_id, message.seq = arrival.conversation_id, arrival.seq
        message.received_at = arrival.received_at
        return Received(
            conversation_id=arrival.conversation_id,
            new_conversation=arrival.conversation_id == new_conversation_id,
            seq=arrival.seq,
            received_at=arrival.received_at,
        )

    async def record(self, message: InboundRecord) -> bool:
        """Store a received message; False (and nothing stored) if it is a duplicate.

        ON CONFLICT DO NOTHING, rather than catching the unique violation, keeps
        the surrounding transaction usable on PostgreSQL. A message of a conversation
        gets the next arrival number (`seq`) from the conversation's counter, whose row
        stays locked until the transaction ends, so numbers follow commit order even with
        several API processes.
        """
        values = self._sealing.inbound_values(message)
        if message.conversation_id is not None:
            counter = next_seq_statement(self._conn.dialect.name)
            params = {
                "a_conversation_id": message.conversation_id,
                "m_channel": message.channel,
                "m_provider_message_id": message.provider_message_id,
                "m_received_at": message.received_at,
            }
            # No row: a duplicate (the insert below does nothing) or an unknown conversation
            # (the insert below fails on its foreign key).
            values["seq"] = (await self._conn.execute(counter, params)).scalar_one_or_none()
        stmt = (
            upsert(self._conn, _inbound)
            .values(values)
            .on_conflict_do_nothing(index_elements=["channel", "provider_message_id"])
            .returning(_inbound.c.id, _inbound.c.seq)
        )
        row = (await self._conn.execute(stmt)).first()
        if row is not None:
            message.seq = row.seq
        return row is not None

    async def get(self, message_id: str) -> InboundRecord | None:
        row = (
            await self._conn.execute(select(_inbound).where(_inbound.c.id == message_id))
        ).first()
        return None if row is None else self._sealing.inbound_record(row)

    async def mark(self, message_id: str, status: str) -> None:
        """Set the message's status; raises LookupError for an unknown id."""
        params = {"i_id": message_id, "i_status": status}
        if (await self._conn.execute(_MARK, params)).first() is None:
            raise LookupError(
                f"inbound message {message_id} not found; record it before marking it"
            )

    async def retry(self, message_id: str, retry_at: dt.datetime, metadata: dict[str, Any]) -> None:
        """Keep the message pending for another attempt: attempts + 1, `metadata` merged in.

        `retry_at` is kept as `metadata["retry_at"]` (ISO 8601) unless `metadata` sets it.
        """
        i = _inbound.c
        stored = select(i["metadata"]).where(i.id == message_id).with_for_update()
        current = (await self._conn.execute(stored)).scalar_one_or_none()
        if current is None:
            raise LookupError(
                f"inbound message {message_id} not found; record it before retrying it"
            )
        merged = {**current, "retry_at": retry_at.isoformat(), **metadata}
        await self._conn.execute(
            update(_inbound)
            .where(i.id == message_id)
            .values(status="pending", attempts=i.attempts + 1, metadata=merged)
        )

    async def conversations_with_pending(
        self, limit: int, practice_id: str | None = None
    ) -> list[str]:
        """Ids of conversations with pending messages, the one waiting longest first."""
        i = _inbound.c
        oldest = func.min(i.received_at)
        of_practice = [i.practice_id == practice_id] if practice_id is not None else []
        stmt = (
            select(i.conversation_id)
            .where(i.status == "pending", i.conversation_id.is_not(None), *of_practice)
            .group_by(i.conversation_id)
            .order_by(oldest)
            .limit(limit)
        )
        return [row[0] for row in await self._conn.execute(stmt)]

    async def pending(self, conversation_id: str) -> list[InboundRecord]:
        """Unprocessed messages of a conversation, in arrival order."""
        rows = await self._conn.execute(_PENDING, {"i_conversation_id": conversation_id})
        return [self._sealing.inbound_record(row) for row in rows]

    async def last_received_at(
        self, practice_id: str, channel: str, address: str
    ) -> dt.datetime | None:
        i = _inbound.c
        stmt = select(func.max(i.received_at)).where(
            i.practice_id == practice_id, i.channel == channel, i.address == address
        )
        value = (await self._conn.execute(stmt)).scalar_one_or_none()
        if value is not None and value.tzinfo is None:  # max() bypasses the column type on SQLite
            value = dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)
        return value
