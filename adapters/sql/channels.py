"""What the channels need from the database: opt-outs, delivery status, the WhatsApp window,
conversation locks at receive time and the retention purge."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import (
    ConversationRow,
    DeliveryRow,
    InboundMessageRow,
    OptOutRow,
    OutboxRow,
    PracticeRow,
    table_of,
)
from bot.ports import DeliveryRecord, PurgeReport

_opt_outs = table_of(OptOutRow)
_deliveries = table_of(DeliveryRow)
_inbound = table_of(InboundMessageRow)
_outbox = table_of(OutboxRow)
_conversations = table_of(ConversationRow)
_practices = table_of(PracticeRow)


class ChannelOps:
    """The channel part of `SqlTransaction`."""

    _conn: AsyncConnection

    async def lock_conversation(self, conversation_id: str) -> None:
        """Hold the conversation's row until the transaction ends (SQLite: writers are serial)."""
        c = _conversations.c
        await self._conn.execute(select(c.id).where(c.id == conversation_id).with_for_update())

    async def set_opt_out(
        self, practice_id: str, address: str, channel: str, opted_out: bool, now: dt.datetime
    ) -> bool:
        """Upsert the address's entry; True if its opted-out state changed (or it is new and out)."""
        before = await self.is_opted_out(practice_id, address)
        values = {
            "practice_id": practice_id,
            "address": address,
            "channel": channel,
            "opted_out": opted_out,
            "updated_at": now,
        }
        stmt = upsert(self._conn, _opt_outs).values(values)
        await self._conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["practice_id", "address"],
                set_={"channel": channel, "opted_out": opted_out, "updated_at": now},
            )
        )
        return before != opted_out

    async def is_opted_out(self, practice_id: str, address: str) -> bool:
        o = _opt_outs.c
        stmt = select(o.opted_out).where(o.practice_id == practice_id, o.address == address)
        return bool((await self._conn.execute(stmt)).scalar_one_or_none())

    async def record_delivery(self, delivery: DeliveryRecord) -> bool:
        """One atomic upsert: concurrent callbacks can only ever move the status forward."""
        values = dataclasses.asdict(delivery)
        stmt = upsert(self._conn, _deliveries).values(values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["channel", "provider_message_id"],
            set_={k: stmt.excluded[k] for k in ("status", "rank", "error_code", "updated_at")},
            where=_deliveries.c.rank < stmt.excluded.rank,
        ).returning(_deliveries.c.rank)
        return (await self._conn.execute(stmt)).first() is not None

    async def delivery(self, channel: str, provider_message_id: str) -> DeliveryRecord | None:
        d = _deliveries.c
        stmt = select(_deliveries).where(
            d.channel == channel, d.provider_message_id == provider_message_id
        )
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else DeliveryRecord(**row._mapping)

    async def last_inbound_at(
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

    async def practice_settings(self, practice_id: str) -> dict[str, Any]:
        stmt = select(_practices.c.settings).where(_practices.c.id == practice_id)
        return dict((await self._conn.execute(stmt)).scalar_one_or_none() or {})

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
