"""`SqlSlotHolds`: the `domain.ports.SlotHolds` port, one short transaction per call."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Select, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.sql.dialect import upsert
from adapters.sql.models import ConversationRow, SlotHoldRow, table_of

_holds = table_of(SlotHoldRow)
_conversations = table_of(ConversationRow)


def _practice_of(conversation_id: str) -> Select[tuple[str]]:
    return select(_conversations.c.practice_id).where(_conversations.c.id == conversation_id)


class SqlSlotHolds:
    """Holds on offered appointment slots, scoped to the conversation's practice."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def hold(
        self, conversation_id: str, slot_ids: list[str], until: dt.datetime, now: dt.datetime
    ) -> list[str]:
        """Hold each slot not held by another live conversation; return those held, in order.

        One upsert decides every slot atomically: a row is (re)written only if it is
        this conversation's or its hold has expired. Slots are written in sorted
        order so concurrent holders on PostgreSQL lock rows in the same order.
        """
        wanted = sorted(set(slot_ids))
        if not wanted:
            return []
        async with self._engine.begin() as conn:
            practice_id = await self._practice_id(conn, conversation_id)
            rows = [
                {
                    "practice_id": practice_id,
                    "slot_id": slot_id,
                    "conversation_id": conversation_id,
                    "expires_at": until,
                }
                for slot_id in wanted
            ]
            insert = upsert(conn, _holds).values(rows)
            stmt = insert.on_conflict_do_update(
                index_elements=["practice_id", "slot_id"],
                set_={
                    "conversation_id": insert.excluded.conversation_id,
                    "expires_at": insert.excluded.expires_at,
                },
                where=or_(_holds.c.conversation_id == conversation_id, _holds.c.expires_at <= now),
            ).returning(_holds.c.slot_id)
            held = set((await conn.execute(stmt)).scalars())
        return [slot_id for slot_id in dict.fromkeys(slot_ids) if slot_id in held]

    async def held_by_others(self, conversation_id: str, now: dt.datetime) -> set[str]:
        """Slots of this conversation's practice under another conversation's live hold."""
        h = _holds.c
        stmt = select(h.slot_id).where(
            h.practice_id == _practice_of(conversation_id).scalar_subquery(),
            h.conversation_id != conversation_id,
            h.expires_at > now,
        )
        async with self._engine.connect() as conn:
            return set((await conn.execute(stmt)).scalars())

    async def release(self, conversation_id: str) -> None:
        """Drop every hold of the conversation."""
        async with self._engine.begin() as conn:
            await conn.execute(delete(_holds).where(_holds.c.conversation_id == conversation_id))

    @staticmethod
    async def _practice_id(conn: AsyncConnection, conversation_id: str) -> str:
        practice_id = (await conn.execute(_practice_of(conversation_id))).scalar_one_or_none()
        if practice_id is None:
            raise LookupError(
                f"conversation {conversation_id} not found; holds belong to a stored conversation"
            )
        return str(practice_id)
