"""`SqlInbox`: inbound messages, recorded once per provider message id, processed in arrival
order (the `bot.ports.Inbox` port)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import ConversationRow, InboundMessageRow, table_of
from adapters.sql.sealing import Sealing
from bot.ports import InboundRecord

_inbound = table_of(InboundMessageRow)
_conversations = table_of(ConversationRow)


class SqlInbox:
    """The inbox of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing) -> None:
        self._conn = connection
        self._sealing = sealing

    async def record(self, message: InboundRecord) -> bool:
        """Store a received message; False (and nothing stored) if it is a duplicate.

        ON CONFLICT DO NOTHING, rather than catching the unique violation, keeps
        the surrounding transaction usable on PostgreSQL. A message of a conversation
        gets the next arrival number (`seq`) under the conversation's row lock, so
        numbers follow commit order even with several API processes.
        """
        values = self._sealing.inbound_values(message)
        if message.conversation_id is not None:
            c, i = _conversations.c, _inbound.c
            await self._conn.execute(
                select(c.id).where(c.id == message.conversation_id).with_for_update()
            )
            last = select(func.coalesce(func.max(i.seq), 0) + 1).where(
                i.conversation_id == message.conversation_id
            )
            values["seq"] = last.scalar_subquery()
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
        stmt = (
            update(_inbound)
            .where(_inbound.c.id == message_id)
            .values(status=status)
            .returning(_inbound.c.id)
        )
        if (await self._conn.execute(stmt)).first() is None:
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

    async def conversations_with_pending(self, limit: int) -> list[str]:
        """Ids of conversations with pending messages, the one waiting longest first."""
        i = _inbound.c
        oldest = func.min(i.received_at)
        stmt = (
            select(i.conversation_id)
            .where(i.status == "pending", i.conversation_id.is_not(None))
            .group_by(i.conversation_id)
            .order_by(oldest)
            .limit(limit)
        )
        return [row[0] for row in await self._conn.execute(stmt)]

    async def pending(self, conversation_id: str) -> list[InboundRecord]:
        """Unprocessed messages of a conversation, in arrival order."""
        stmt = (
            select(_inbound)
            .where(_inbound.c.conversation_id == conversation_id, _inbound.c.status == "pending")
            .order_by(_inbound.c.received_at, _inbound.c.seq, _inbound.c.id)
        )
        return [self._sealing.inbound_record(row) for row in await self._conn.execute(stmt)]

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
