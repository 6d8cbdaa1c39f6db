"""`SqlSlotHolds`: the `domain.ports.SlotHolds` port, one short transaction per call."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from sqlalchemy import Select, bindparam, delete, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.dml import ReturningInsert

from adapters.sql.dialect import dialect_upsert
from adapters.sql.engine import SQLITE_DEFERRED
from adapters.sql.models import ConversationRow, SlotHoldRow, table_of

_holds = table_of(SlotHoldRow)
_conversations = table_of(ConversationRow)


def _practice_of(conversation_id: str) -> Select[tuple[str]]:
    return select(_conversations.c.practice_id).where(_conversations.c.id == conversation_id)


# Every search for times and every booking runs these: built once, their values bound when
# they run (building a statement's expression cost more CPU than running it).
_h = _holds.c
_HELD_BY_OTHERS = select(_h.slot_id).where(
    _h.practice_id
    == select(_conversations.c.practice_id)
    .where(_conversations.c.id == bindparam("h_conversation_id", type_=_h.conversation_id.type))
    .scalar_subquery(),
    _h.conversation_id != bindparam("h_conversation_id", type_=_h.conversation_id.type),
    _h.expires_at > bindparam("h_now", type_=_h.expires_at.type),
)
_RELEASE = delete(_holds).where(
    _h.conversation_id == bindparam("h_conversation_id", type_=_h.conversation_id.type)
)


@functools.lru_cache(maxsize=32)  # an offer holds a handful of slots
def _holding(dialect: str, count: int) -> ReturningInsert[tuple[str]]:
    """`SqlSlotHolds.hold`'s statement for `count` slots, built once per dialect and count
    with its values bound (`h_conversation_id`, `h_until`, `h_now`, `h_slot_1`...).

    The rows come from SELECTs of the conversation's row (one per slot, UNION ALL), so the
    practice is read in the same statement (one round trip instead of a transaction's four)
    and a conversation that does not exist holds nothing. Not a multi-row VALUES: SQLAlchemy
    gives that no cache key and compiled it at every offer. Every SELECT has a WHERE, which
    SQLite needs to parse an upsert from a SELECT."""
    h, c = _holds.c, _conversations.c
    conversation_id = bindparam("h_conversation_id", type_=h.conversation_id.type)
    rows = [
        select(
            c.practice_id.label("practice_id"),
            bindparam(f"h_slot_{n}", type_=h.slot_id.type).label("slot_id"),
            conversation_id.label("conversation_id"),
            bindparam("h_until", type_=h.expires_at.type).label("expires_at"),
        ).where(c.id == conversation_id)
        for n in range(1, count + 1)
    ]
    insert = dialect_upsert(dialect, _holds).from_select(
        ["practice_id", "slot_id", "conversation_id", "expires_at"],
        rows[0] if count == 1 else union_all(*rows),
    )
    return insert.on_conflict_do_update(
        index_elements=["practice_id", "slot_id"],
        set_={
            "conversation_id": insert.excluded.conversation_id,
            "expires_at": insert.excluded.expires_at,
        },
        where=or_(
            h.conversation_id == conversation_id,
            h.expires_at <= bindparam("h_now", type_=h.expires_at.type),
        ),
    ).returning(h.slot_id)


class SqlSlotHolds:
    """Holds on offered appointment slots, scoped to the conversation's practice."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")
        # SQLite: a read begins DEFERRED, without the write lock (adapters/sql/engine.py).
        self._deferred = engine.execution_options(**{SQLITE_DEFERRED: True})

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
        params: dict[str, Any] = {
            "h_conversation_id": conversation_id,
            "h_until": until,
            "h_now": now,
        }
        params |= {f"h_slot_{n}": slot_id for n, slot_id in enumerate(wanted, start=1)}
        dialect = self._engine.dialect.name
        # PostgreSQL: the one statement is atomic by itself, so no BEGIN and COMMIT.
        connecting = self._autocommit.connect() if dialect == "postgresql" else self._engine.begin()
        async with connecting as conn:
            held = set((await conn.execute(_holding(dialect, len(wanted)), params)).scalars())
            if not held:  # every slot held by others, or no such conversation: say which
                await self._practice_id(conn, conversation_id)
        return [slot_id for slot_id in dict.fromkeys(slot_ids) if slot_id in held]

    async def held_by_others(self, conversation_id: str, now: dt.datetime) -> set[str]:
        """Slots of this conversation's practice under another conversation's live hold."""
        params = {"h_conversation_id": conversation_id, "h_now": now}
        # One statement: on PostgreSQL in autocommit (no BEGIN and ROLLBACK round trips),
        # on SQLite in a deferred transaction (no write lock for a read).
        postgresql = self._engine.dialect.name == "postgresql"
        async with (self._autocommit if postgresql else self._deferred).begin() as conn:
            return set((await conn.execute(_HELD_BY_OTHERS, params)).scalars())

    async def release(self, conversation_id: str) -> None:
        """Drop every hold of the conversation: one statement, atomic by itself (PostgreSQL:
        in autocommit, without BEGIN and COMMIT round trips)."""
        postgresql = self._engine.dialect.name == "postgresql"
        async with (self._autocommit if postgresql else self._engine).begin() as conn:
            await conn.execute(_RELEASE, {"h_conversation_id": conversation_id})

    @staticmethod
    async def _practice_id(conn: AsyncConnection, conversation_id: str) -> str:
        practice_id = (await conn.execute(_practice_of(conversation_id))).scalar_one_or_none()
        if practice_id is None:
            raise LookupError(
                f"conversation {conversation_id} not found; holds belong to a stored conversation"
            )
        return str(practice_id)
