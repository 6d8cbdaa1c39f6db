"""Recording a message as it arrives: its conversation (found or created), the next arrival
number and the insert deduplicated by provider id — in one statement on PostgreSQL.

The arrival number comes from a counter on the conversation's row (`conversations.last_seq`),
with the latest received time beside it (`last_received_at`). On PostgreSQL:

    WITH conversation AS (
        INSERT INTO conversations (..., last_seq, last_received_at) VALUES (..., 1, :at)
        ON CONFLICT (practice_id, channel, address) DO UPDATE
            SET last_seq = conversations.last_seq + 1,
                last_received_at = greatest(conversations.last_received_at, :at)
            WHERE NOT EXISTS (the provider id is already recorded)
        RETURNING id, last_seq, last_received_at
    ), message AS (
        INSERT INTO inbound_messages (..., conversation_id, seq, received_at)
        SELECT ..., id, last_seq, last_received_at FROM conversation
        ON CONFLICT (channel, provider_message_id) DO NOTHING
        RETURNING id
    )
    SELECT id, last_seq, last_received_at, (SELECT count(*) FROM message) FROM conversation

Why the guarantees hold:

- Order: the upsert locks the conversation's row until the transaction commits. A receiver
  of the same conversation waits for it, then updates the row as committed (ON CONFLICT DO
  UPDATE works on the latest version, not the statement's snapshot), so numbers and times
  follow commit order across processes. Two creators of a new conversation meet on its
  unique key: one inserts, the other waits and updates.
- Duplicates: a retry that comes after its original committed is stopped by the WHERE and
  changes nothing. One racing its original passes the WHERE (the original is not in its
  snapshot) but not ON CONFLICT DO NOTHING, which sees rows committed after the statement
  started: nothing is stored, only its number is skipped. Numbers always increase in
  commit order; that race is the one way they can have a gap.

Being one statement, it is atomic on its own: `SqlStorage.receive` runs it outside any
transaction block (autocommit), one round trip to the server.

SQLite has no data-modifying CTEs; it runs the same two INSERTs one after the other (its
writers are serial, every transaction starting with BEGIN IMMEDIATE).

The statements are built once per dialect with bound parameters, so SQLAlchemy compiles
them once and asyncpg prepares them once per connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Insert,
    Select,
    Table,
    Update,
    bindparam,
    exists,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import Upsert
from adapters.sql.models import ConversationRow, InboundMessageRow, table_of

_conversations = table_of(ConversationRow)
_inbound = table_of(InboundMessageRow)

#: Columns of an inbound message taken from the message itself; the others (conversation,
#: arrival number, received time) come from its conversation's row.
_MESSAGE_COLUMNS = (
    "id",
    "practice_id",
    "channel",
    "provider_message_id",
    "address",
    "body",
    "body_key",
    "status",
    "attempts",
    "metadata",
)


@dataclass(frozen=True)
class Arrival:
    """What recording one message gave: its conversation's row after the counter moved."""

    conversation_id: str
    seq: int
    received_at: dt.datetime
    recorded: bool  # False: a duplicate of a message recorded meanwhile


def arrival_params(values: dict[str, Any], new_conversation_id: str) -> dict[str, Any]:
    """Parameters of the statements from the message's column values (body already sealed)."""
    params = {f"m_{name}": values[name] for name in _MESSAGE_COLUMNS}
    params["m_received_at"] = values["received_at"]
    params["c_id"] = new_conversation_id
    params["c_state"] = {}
    return params


async def record_arrival(conn: AsyncConnection, params: dict[str, Any]) -> Arrival | None:
    """Record the message of `params` (see `arrival_params`); None if its provider id is
    already recorded."""
    statements = _statements(conn.dialect.name)
    if conn.dialect.name == "postgresql":
        row = (await conn.execute(statements.in_one, params)).first()
        if row is None:
            return None
        return Arrival(row.id, row.last_seq, row.last_received_at, bool(row.recorded))
    counted = (await conn.execute(statements.conversation, params)).first()
    if counted is None:
        return None
    inserted = (
        await conn.execute(
            statements.message,
            params
            | {
                "a_conversation_id": counted.id,
                "a_seq": counted.last_seq,
                "a_received_at": counted.last_received_at,
            },
        )
    ).first()
    return Arrival(counted.id, counted.last_seq, counted.last_received_at, inserted is not None)


def next_seq_statement(dialect: str) -> Update:
    """An UPDATE taking the next arrival number of conversation `:a_conversation_id` (for
    `Inbox.record`, which is given its conversation), unless the provider id is already
    recorded; RETURNING `last_seq`. The row stays locked until the transaction ends."""
    return _statements(dialect).next_seq


@dataclass(frozen=True)
class _Statements:
    conversation: Insert  # the conversation upsert moving its counter, RETURNING the row
    message: Insert  # the deduplicated insert of the message (SQLite's second statement)
    in_one: Select[Any]  # both, as one statement (PostgreSQL)
    next_seq: Update  # the counter of a known conversation (see `next_seq_statement`)


_built: dict[str, _Statements] = {}


def _statements(dialect: str) -> _Statements:
    if dialect not in _built:
        _built[dialect] = _build(dialect)
    return _built[dialect]


def _param(name: str, column: Column[Any]) -> ColumnElement[Any]:
    return bindparam(name, type_=column.type)


def _already_recorded() -> ColumnElement[bool]:
    i = _inbound.c
    return exists().where(
        i.channel == _param("m_channel", i.channel),
        i.provider_message_id == _param("m_provider_message_id", i.provider_message_id),
    )


def _build(dialect: str) -> _Statements:
    inserts: dict[str, Callable[[Table], Upsert]] = {
        "postgresql": postgresql.insert,
        "sqlite": sqlite.insert,
    }
    insert = inserts.get(dialect)
    if insert is None:
        raise NotImplementedError(f"SQL storage supports PostgreSQL and SQLite, not {dialect}")
    c, i = _conversations.c, _inbound.c
    received_at = _param("m_received_at", c.last_received_at)
    new = insert(_conversations).values(
        id=_param("c_id", c.id),
        practice_id=_param("m_practice_id", c.practice_id),
        channel=_param("m_channel", c.channel),
        address=_param("m_address", c.address),
        state=_param("c_state", c.state),
        version=0,
        created_at=received_at,
        updated_at=received_at,
        last_seq=1,
        last_received_at=received_at,
    )
    # greatest() on PostgreSQL, max() of two on SQLite; neither may see a NULL.
    later = func.greatest if dialect == "postgresql" else func.max
    moved = {
        "last_seq": c.last_seq + 1,
        "last_received_at": later(func.coalesce(c.last_received_at, received_at), received_at),
    }
    conversation = new.on_conflict_do_update(
        index_elements=[c.practice_id, c.channel, c.address],
        set_=moved,
        where=~_already_recorded(),
    ).returning(c.id, c.last_seq, c.last_received_at)
    next_seq = (
        _conversations.update()
        .where(c.id == _param("a_conversation_id", c.id), ~_already_recorded())
        .values(moved)
        .returning(c.last_seq)
    )

    message_values = {name: _param(f"m_{name}", i[name]) for name in _MESSAGE_COLUMNS}
    message = (
        insert(_inbound)
        .values(
            **message_values,
            conversation_id=_param("a_conversation_id", i.conversation_id),
            seq=_param("a_seq", i.seq),
            received_at=_param("a_received_at", i.received_at),
        )
        .on_conflict_do_nothing(index_elements=[i.channel, i.provider_message_id])
        .returning(i.id)
    )

    counted = conversation.cte("conversation")
    rows = select(
        *message_values.values(), counted.c.id, counted.c.last_seq, counted.c.last_received_at
    )
    inserted = (
        insert(_inbound)
        .from_select([*_MESSAGE_COLUMNS, "conversation_id", "seq", "received_at"], rows)
        .on_conflict_do_nothing(index_elements=[i.channel, i.provider_message_id])
        .returning(i.id)
        .cte("message")
    )
    in_one = select(
        counted.c.id,
        counted.c.last_seq,
        counted.c.last_received_at,
        select(func.count()).select_from(inserted).scalar_subquery().label("recorded"),
    )
    return _Statements(conversation, message, in_one, next_seq)
