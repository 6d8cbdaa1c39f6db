"""What the database keeps about a patient's address: whether it opted out, and how far each
message sent to it got (`bot.ports.OptOuts`, `bot.ports.Deliveries`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import DeliveryRow, OptOutRow, table_of
from bot.ports import DeliveryRecord

_opt_outs = table_of(OptOutRow)
_deliveries = table_of(DeliveryRow)
#: Read by every turn and every send: built once (building cost more CPU than running it).
_IS_OPTED_OUT = select(_opt_outs.c.opted_out).where(
    _opt_outs.c.practice_id == bindparam("o_practice_id", type_=_opt_outs.c.practice_id.type),
    _opt_outs.c.address == bindparam("o_address", type_=_opt_outs.c.address.type),
)

#: A sender's batch: which of its addresses are on the list, in one statement.
_OPTED_OUT_AMONG = select(_opt_outs.c.address).where(
    _opt_outs.c.practice_id == bindparam("o_practice_id", type_=_opt_outs.c.practice_id.type),
    _opt_outs.c.address.in_(bindparam("o_addresses", expanding=True)),
    _opt_outs.c.opted_out.is_(True),
)


class SqlOptOuts:
    """The opt-out list of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def set_opted_out(
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
        params = {"o_practice_id": practice_id, "o_address": address}
        return bool((await self._conn.execute(_IS_OPTED_OUT, params)).scalar_one_or_none())

    async def opted_out_among(self, practice_id: str, addresses: Sequence[str]) -> set[str]:
        if not addresses:
            return set()
        params = {"o_practice_id": practice_id, "o_addresses": list(addresses)}
        return set((await self._conn.execute(_OPTED_OUT_AMONG, params)).scalars())


class SqlDeliveries:
    """Delivery statuses of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def record(self, delivery: DeliveryRecord) -> bool:
        """One atomic upsert: concurrent callbacks can only ever move the status forward."""
        values = dataclasses.asdict(delivery)
        insert = upsert(self._conn, _deliveries).values(values)
        stmt = insert.on_conflict_do_update(
            index_elements=["channel", "provider_message_id"],
            set_={k: insert.excluded[k] for k in ("status", "rank", "error_code", "updated_at")},
            where=_deliveries.c.rank < insert.excluded.rank,
        ).returning(_deliveries.c.rank)
        return (await self._conn.execute(stmt)).first() is not None

    async def get(self, channel: str, provider_message_id: str) -> DeliveryRecord | None:
        d = _deliveries.c
        stmt = select(_deliveries).where(
            d.channel == channel, d.provider_message_id == provider_message_id
        )
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else DeliveryRecord(**row._mapping)
