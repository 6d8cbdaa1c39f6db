"""`SqlConversations`: conversations (optimistically versioned) and their append-only event
log (the `bot.ports.Conversations` port)."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import Insert, bindparam, func, insert, literal, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import (
    ConversationEventRow,
    ConversationRow,
    EscalationRow,
    OptOutRow,
    table_of,
)
from adapters.sql.records import to_record
from bot.ports import ConversationRecord, EscalationRecord, StaleConversation, TurnStart

_conversations = table_of(ConversationRow)
_events = table_of(ConversationEventRow)
#: The columns a ConversationRecord is read from (the arrival counters stay in storage).
_record_columns = [_conversations.c[f.name] for f in fields(ConversationRecord)]

# A turn's statements are built once, with their values bound when they run (building a
# statement's expression cost more CPU than running it).
_c = _conversations.c
#: The owner of a conversation, whose row this locks until the transaction ends.
_LOCK_OWNER = (
    select(_c.practice_id)
    .where(_c.id == bindparam("ev_conversation_id", type_=_c.id.type))
    .with_for_update()
)
_GET = select(*_record_columns).where(_c.id == bindparam("c_id", type_=_c.id.type))
_escalations = table_of(EscalationRow)
_opt_outs = table_of(OptOutRow)
#: The escalation's columns in `_FOR_TURN`, named apart from the conversation's.
_escalation_columns = {f"e_{f.name}": f.name for f in fields(EscalationRecord)}
#: A turn's first reads as one statement (one round trip and one statement's client CPU
#: instead of three): the conversation, whether its address opted out, and its live
#: escalation (at most one is not closed: a partial unique index), joined when there is one.
_FOR_TURN = (
    select(
        *_record_columns,
        select(_opt_outs.c.opted_out)
        .where(
            _opt_outs.c.practice_id == _c.practice_id,
            _opt_outs.c.address == bindparam("t_optout_key", type_=_opt_outs.c.address.type),
        )
        .scalar_subquery()
        .label("t_opted_out"),
        *(_escalations.c[name].label(label) for label, name in _escalation_columns.items()),
    )
    .select_from(
        _conversations.outerjoin(
            _escalations,
            (_escalations.c.conversation_id == _c.id) & (_escalations.c.state != "closed"),
        )
    )
    .where(_c.id == bindparam("c_id", type_=_c.id.type))
)
_SAVE = (
    update(_conversations)
    .where(
        _c.id == bindparam("c_id", type_=_c.id.type),
        _c.version == bindparam("c_version", type_=_c.version.type),
    )
    .values(
        state=bindparam("c_state", type_=_c.state.type),
        version=bindparam("c_next_version", type_=_c.version.type),
        updated_at=bindparam("c_now", type_=_c.updated_at.type),
    )
    .returning(_c.version)
)


@functools.lru_cache(maxsize=16)  # a turn writes a handful of events
def _appending(count: int) -> Insert:
    """INSERT of `count` events after the conversation's last, built once per count: building
    a statement's expression costs more CPU than running it.

    Every row's number is the last one before the statement plus its place: the subquery
    sees the log as it was when the statement began (PostgreSQL's snapshot; SQLite fills a
    temporary table first when an INSERT reads its own table), and the conversation's row
    lock keeps other writers of the log waiting meanwhile.

    The rows come from a SELECT (one per event, UNION ALL), not a multi-row VALUES:
    SQLAlchemy never caches the compiled form of a multi-row VALUES, so each call compiled
    it afresh (a profile of a worker's turns put that at a twelfth of a turn's CPU); an
    INSERT from a SELECT is compiled once per connection's dialect."""
    e = _events.c
    last = (
        select(func.coalesce(func.max(e.seq), 0))
        .where(e.conversation_id == bindparam("ev_conversation_id", type_=e.conversation_id.type))
        .scalar_subquery()
    )
    rows = [
        select(
            bindparam("ev_practice_id", type_=e.practice_id.type).label("practice_id"),
            bindparam("ev_conversation_id", type_=e.conversation_id.type).label("conversation_id"),
            (last + literal(n, e.seq.type)).label("seq"),
            bindparam(f"ev_kind_{n}", type_=e.kind.type).label("kind"),
            bindparam(f"ev_data_{n}", type_=e.data.type).label("data"),
            bindparam("ev_at", type_=e.at.type).label("at"),
        )
        for n in range(1, count + 1)
    ]
    source = rows[0] if count == 1 else union_all(*rows)
    return insert(_events).from_select(
        ["practice_id", "conversation_id", "seq", "kind", "data", "at"], source
    )


class SqlConversations:
    """The conversations of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection
        # Conversations whose row this transaction already holds (by `save`, `lock` or an
        # earlier event), with their practice: a turn's events then cost one INSERT each,
        # not a locking SELECT as well.
        self._held: dict[str, str] = {}

    async def get_or_create(
        self, practice_id: str, channel: str, address: str, now: dt.datetime
    ) -> ConversationRecord:
        """The conversation of this address; concurrent creators end up with one row."""
        found = await self._find(practice_id, channel, address)
        if found is not None:
            return found
        values = {
            "id": uuid.uuid4().hex,
            "practice_id": practice_id,
            "channel": channel,
            "address": address,
            "state": {},
            "version": 0,
            "created_at": now,
            "updated_at": now,
        }
        await self._conn.execute(
            upsert(self._conn, _conversations)
            .values(values)
            .on_conflict_do_nothing(index_elements=["practice_id", "channel", "address"])
        )
        found = await self._find(practice_id, channel, address)
        if found is None:  # pragma: no cover - the insert or the winner's row is visible
            raise RuntimeError(f"conversation of practice {practice_id} on {channel} vanished")
        return found

    async def _find(
        self, practice_id: str, channel: str, address: str
    ) -> ConversationRecord | None:
        c = _conversations.c
        stmt = select(*_record_columns).where(
            c.practice_id == practice_id, c.channel == channel, c.address == address
        )
        row = (await self._conn.execute(stmt)).first()
        return None if row is None else to_record(ConversationRecord, row)

    async def get(self, conversation_id: str) -> ConversationRecord | None:
        row = (await self._conn.execute(_GET, {"c_id": conversation_id})).first()
        return None if row is None else to_record(ConversationRecord, row)

    async def for_turn(self, conversation_id: str, optout_key: str) -> TurnStart | None:
        params = {"c_id": conversation_id, "t_optout_key": optout_key}
        row = (await self._conn.execute(_FOR_TURN, params)).first()
        if row is None:
            return None
        values = row._mapping
        conversation = ConversationRecord(
            **{f.name: values[f.name] for f in fields(ConversationRecord)}
        )
        with_staff = (
            None
            if values["e_id"] is None
            else EscalationRecord(
                **{name: values[label] for label, name in _escalation_columns.items()}
            )
        )
        return TurnStart(conversation, bool(values["t_opted_out"]), with_staff)

    async def save(self, conversation: ConversationRecord, now: dt.datetime) -> None:
        """Write state if the stored version is still `conversation.version`, then bump both."""
        params = {
            "c_id": conversation.id,
            "c_version": conversation.version,
            "c_state": conversation.state,
            "c_next_version": conversation.version + 1,
            "c_now": now,
        }
        if (await self._conn.execute(_SAVE, params)).first() is None:
            raise StaleConversation(
                f"conversation {conversation.id} is no longer at version {conversation.version}; "
                "reload it and process the message again"
            )
        conversation.version += 1
        conversation.updated_at = now
        self._held[conversation.id] = conversation.practice_id  # the UPDATE locked the row

    async def lock(self, conversation_id: str) -> None:
        """Hold the conversation's row until the transaction ends (SQLite: writers are serial)."""
        c = _conversations.c
        stmt = select(c.practice_id).where(c.id == conversation_id).with_for_update()
        practice_id = (await self._conn.execute(stmt)).scalar_one_or_none()
        if practice_id is not None:
            self._held[conversation_id] = practice_id

    async def append_event(
        self, conversation_id: str, kind: str, data: dict[str, Any], at: dt.datetime
    ) -> None:
        """Append the next event; the conversation row lock serialises `seq` allocation."""
        await self.append_events(conversation_id, [(kind, data)], at)

    async def append_events(
        self,
        conversation_id: str,
        events: Sequence[tuple[str, dict[str, Any]]],
        at: dt.datetime,
    ) -> None:
        """Append `events` (kind, data) in order, numbered after the last: one INSERT."""
        if not events:
            return
        practice_id = self._held.get(conversation_id)
        if practice_id is None:
            practice_id = (
                await self._conn.execute(_LOCK_OWNER, {"ev_conversation_id": conversation_id})
            ).scalar_one_or_none()
            if practice_id is None:
                raise LookupError(
                    f"conversation {conversation_id} not found; create it before logging"
                )
            self._held[conversation_id] = practice_id
        params: dict[str, Any] = {
            "ev_practice_id": practice_id,
            "ev_conversation_id": conversation_id,
            "ev_at": at,
        }
        for n, (kind, data) in enumerate(events, start=1):
            params[f"ev_kind_{n}"], params[f"ev_data_{n}"] = kind, data
        await self._conn.execute(_appending(len(events)), params)

    async def events(self, conversation_id: str) -> list[dict[str, Any]]:
        """The log in order: dicts with `seq`, `kind`, `data` and `at`."""
        e = _events.c
        stmt = (
            select(e.seq, e.kind, e.data, e.at)
            .where(e.conversation_id == conversation_id)
            .order_by(e.seq)
        )
        return [dict(row._mapping) for row in await self._conn.execute(stmt)]
