"""The outbox: replies written with the turn, taken by senders without overlap and, within
one stream (practice, channel, address: one thread on the patient's phone), in order.

Order is kept at claim time. A message is claimable only when no earlier message of its
stream holds it back (in flight, due, or waiting for a retry or a send slot) and no later
one is in flight. So a stream has at most one message in flight, whichever sender holds it,
and a message waiting for its retry holds back the ones after it. A message that failed
permanently (or was suppressed) is finished and holds nothing back; a sender that died
leaves its message `sending` until the lease lapses, when it is the stream's next again.

One exception: a message scheduled for later (quiet hours) and not yet tried holds nothing
back until it is due. It belongs at its send time, and what is written meanwhile (an
answer, emergency guidance) must not wait for the morning.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnClause,
    ColumnElement,
    Insert,
    Select,
    Update,
    and_,
    bindparam,
    exists,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import UNFINISHED, OutboxRow, OutboxStreamRow, table_of
from adapters.sql.sealing import Sealing
from adapters.sql.types import UtcDateTime
from bot.ports import OutboxRecord

#: How long a claimed message stays with its sender before others may retry it.
CLAIM_LEASE = dt.timedelta(minutes=5)

_outbox = table_of(OutboxRow)
_streams = table_of(OutboxStreamRow)
_other = _outbox.alias("other")
# Literal values, not bind parameters: only then can PostgreSQL's planner match the
# predicate of the partial index ix_outbox_unfinished.
_UNFINISHED_LITERALS: list[ColumnClause[Any]] = [
    literal_column(f"'{status}'") for status in UNFINISHED
]
#: The claim's times, bound when it runs: the statement itself is built once (building its
#: expression tree cost more CPU than running it).
_NOW: BindParameter[dt.datetime] = bindparam("claim_now", type_=UtcDateTime())
_LEASE_UNTIL: BindParameter[dt.datetime] = bindparam("claim_lease_until", type_=UtcDateTime())


def _due(now: dt.datetime | ColumnElement[Any]) -> ColumnElement[bool]:
    """Pending and not waiting for a retry, or claimed by a sender whose lease lapsed."""
    o = _outbox.c
    return or_(
        and_(o.status == "pending", or_(o.next_attempt_at.is_(None), o.next_attempt_at <= now)),
        and_(o.status == "sending", o.next_attempt_at <= now),
    )


def _holds_back(e: Any, now: dt.datetime | ColumnElement[Any]) -> ColumnElement[bool]:
    """`e` is unfinished and was written to go now: in flight, due, or already tried or put
    off by a sender (attempts or an error). Not: scheduled for later and not yet touched."""
    return or_(
        e.status == "sending",
        and_(
            e.status == "pending",
            or_(
                e.next_attempt_at.is_(None),
                e.next_attempt_at <= now,
                e.attempts > 0,
                e.error.is_not(None),
            ),
        ),
    )


def _next_of_its_stream(now: dt.datetime | ColumnElement[Any]) -> ColumnElement[bool]:
    """No earlier message of the same stream holds this one back, and no later one is in flight."""
    o, e = _outbox.c, _other.c
    same_stream = and_(
        e.practice_id == o.practice_id,
        e.channel == o.channel,
        e.address == o.address,
        e.status.in_(_UNFINISHED_LITERALS),
    )
    return and_(
        ~exists().where(same_stream, e.seq < o.seq, _holds_back(e, now)),
        ~exists().where(same_stream, e.seq > o.seq, e.status == "sending", e.next_attempt_at > now),
    )


def _oldest_due(
    now: dt.datetime | ColumnElement[Any],
    limit: int,
    *columns: Any,
    channels: Sequence[str] | None = None,
    in_order: bool = False,
    practice_id: str | None = None,
) -> Select[Any]:
    # SKIP LOCKED: rows another sender holds are passed over, never waited for or shared,
    # so claimers never wait on each other (no deadlocks). A stream's next message is taken
    # only once the statement's snapshot shows the earlier ones finished, and a row another
    # claimer took meanwhile is re-checked against `_due` when it is locked.
    # SQLite renders no FOR UPDATE; its transactions are serialised by BEGIN IMMEDIATE.
    conditions = [_due(now)]
    if channels is not None:
        conditions.append(_outbox.c.channel.in_(list(channels)))
    if practice_id is not None:
        conditions.append(_outbox.c.practice_id == practice_id)
    if in_order:
        conditions.append(_next_of_its_stream(now))
    return (
        select(*columns)
        .where(*conditions)
        .order_by(_outbox.c.created_at, _outbox.c.id)
        .limit(limit)
        .with_for_update(of=_outbox, skip_locked=True)
    )


class SqlOutbox:
    """The outbox of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing) -> None:
        self._conn = connection
        self._sealing = sealing

    async def enqueue(self, message: OutboxRecord) -> bool:
        """Add the message at the end of its stream; False if its idempotency key is taken.

        Two writers racing with one key: the unique constraint fails the second one's
        transaction, which its caller retries (and then finds the key taken here).

        On PostgreSQL the stream's upsert and the insert are one statement (a data-modifying
        CTE, built once): one round trip and one statement's client CPU per reply instead of
        two. SQLite has no INSERT in a WITH, so it takes the two statements."""
        if message.idempotency_key is not None:
            o = _outbox.c
            taken = select(o.id).where(
                o.practice_id == message.practice_id,
                o.idempotency_key == message.idempotency_key,
            )
            if (await self._conn.execute(taken)).first() is not None:
                return False
        values = self._sealing.outbox_values(message)
        if self._conn.dialect.name == "postgresql":
            stmt = _enqueue_statement(tuple(sorted(values)))
            await self._conn.execute(stmt, {f"v_{k}": v for k, v in values.items()})
            return True
        values["seq"] = await self._next_seq(message)
        await self._conn.execute(insert(_outbox).values(values))
        return True

    async def _next_seq(self, message: OutboxRecord) -> int:
        # The upsert locks the stream's row until commit: a concurrent enqueuer to the same
        # address waits here, so a higher seq is never committed before a lower one.
        key = {
            "practice_id": message.practice_id,
            "channel": message.channel,
            "address": message.address,
        }
        first_of_stream = upsert(self._conn, _streams).values(key | {"last_seq": 1})
        stmt = first_of_stream.on_conflict_do_update(
            index_elements=list(key), set_={"last_seq": _streams.c.last_seq + 1}
        ).returning(_streams.c.last_seq)
        return int((await self._conn.execute(stmt)).scalar_one())

    async def due(self, now: dt.datetime, limit: int) -> list[OutboxRecord]:
        """Due messages, oldest first, locked until this transaction ends (PostgreSQL).

        Every due message, whatever its place in its stream: for looking at the outbox.
        Senders use `claim`, which keeps each stream in order.
        """
        rows = await self._conn.execute(_oldest_due(now, limit, _outbox))
        return [self._sealing.outbox_record(row) for row in rows]

    async def claim(
        self,
        now: dt.datetime,
        limit: int,
        channels: Sequence[str] | None = None,
        lease: dt.timedelta = CLAIM_LEASE,
        practice_id: str | None = None,
    ) -> list[OutboxRecord]:
        """Mark up to `limit` due messages `sending` (leased for CLAIM_LEASE) and return them.

        Concurrent claimers never get the same row; a sender that dies leaves the
        row due again once its lease lapses. At most one message per stream, the
        next in its order (see the module's docstring). `channels` limits the claim
        to those a sender can deliver.
        """
        stmt = _claim_statement(limit, None if channels is None else tuple(channels), practice_id)
        params = {"claim_now": now, "claim_lease_until": now + lease}
        rows = await self._conn.execute(stmt, params)
        claimed = [self._sealing.outbox_record(row) for row in rows]
        return sorted(claimed, key=lambda m: (m.created_at, m.id))

    async def renew(self, ids: Sequence[str], lease_until: dt.datetime) -> int:
        o = _outbox.c
        stmt = (
            update(_outbox)
            .where(o.id.in_(list(ids)), o.status == "sending")
            .values(next_attempt_at=lease_until)
        )
        return int((await self._conn.execute(stmt)).rowcount)

    async def update(self, message: OutboxRecord) -> None:
        """Write the message's delivery fields; raises LookupError for an unknown id."""
        params = {f"u_{name}": getattr(message, name) for name in _DELIVERY_FIELDS}
        if (await self._conn.execute(_UPDATE, params | {"u_id": message.id})).first() is None:
            raise LookupError(f"outbox message {message.id} not found; enqueue it first")

    async def update_many(self, messages: Sequence[OutboxRecord]) -> None:
        """`update` for each message. On PostgreSQL one UPDATE ... FROM unnest(<an array a
        field>) on the connection's asyncpg connection (its statement prepared once per
        connection): a sender's batch costs one round trip and one statement's client CPU
        instead of one each. SQLite runs `update` for each."""
        if not messages:
            return
        if self._conn.dialect.name != "postgresql":
            for message in messages:
                await self.update(message)
            return
        adapted = (await self._conn.get_raw_connection()).dbapi_connection
        # In a unit of work SQLAlchemy sends BEGIN with the first statement it runs itself:
        # start it here, so this statement is the transaction's (a no-op in autocommit).
        if adapted._transaction is None:  # type: ignore[union-attr]
            await adapted._start_transaction()  # type: ignore[union-attr]
        raw = adapted.driver_connection  # type: ignore[union-attr]
        arrays: list[list[Any]] = [[m.id for m in messages]]
        arrays += [[getattr(m, name) for m in messages] for name in _DELIVERY_FIELDS]
        arrays[_DELIVERY_FIELDS.index("next_attempt_at") + 1] = [
            _utc(m.next_attempt_at) for m in messages
        ]
        found = {row[0] for row in await raw.fetch(_UPDATE_MANY, *arrays)}
        if len(found) < len({m.id for m in messages}):
            unknown = next(m.id for m in messages if m.id not in found)
            raise LookupError(f"outbox message {unknown} not found; enqueue it first")


#: What a sender writes back after a delivery attempt (`SqlOutbox.update`).
_DELIVERY_FIELDS = ("status", "attempts", "next_attempt_at", "provider_message_id", "error")
#: Built once, as the claim is: every reply sent runs it.
_UPDATE = (
    update(_outbox)
    .where(_outbox.c.id == bindparam("u_id", type_=_outbox.c.id.type))
    .values({name: bindparam(f"u_{name}", type_=_outbox.c[name].type) for name in _DELIVERY_FIELDS})
    .returning(_outbox.c.id)
)

#: `update_many` on PostgreSQL: one array a field, unnested into rows joined on the id.
_UPDATE_MANY = (
    "UPDATE outbox SET status = u.status, attempts = u.attempts, "
    "next_attempt_at = u.next_attempt_at, provider_message_id = u.provider_message_id, "
    "error = u.error FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], "
    "$5::text[], $6::text[]) AS u(id, status, attempts, next_attempt_at, "
    "provider_message_id, error) WHERE outbox.id = u.id RETURNING outbox.id"
)


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """An aware time in UTC (UtcDateTime's rule: naive ones are refused, not guessed)."""
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} given; pass a timezone-aware one")
    return value.astimezone(dt.UTC)


@functools.lru_cache(maxsize=64)
def _claim_statement(
    limit: int, channels: tuple[str, ...] | None, practice_id: str | None = None
) -> Update:
    """`SqlOutbox.claim`'s statement, with its times as the parameters `claim_now` and
    `claim_lease_until`."""
    return (
        update(_outbox)
        .where(
            _outbox.c.id.in_(
                _oldest_due(
                    _NOW,
                    limit,
                    _outbox.c.id,
                    channels=channels,
                    in_order=True,
                    practice_id=practice_id,
                )
            )
        )
        .values(status="sending", next_attempt_at=_LEASE_UNTIL)
        .returning(*_outbox.c)
    )


@functools.lru_cache(maxsize=8)
def _enqueue_statement(columns: tuple[str, ...]) -> Insert:
    """`SqlOutbox.enqueue`'s statement on PostgreSQL, its values bound as `v_<column>`:

        WITH stream AS (INSERT INTO outbox_streams ... ON CONFLICT ... DO UPDATE
                        SET last_seq = last_seq + 1 RETURNING last_seq)
        INSERT INTO outbox (..., seq) SELECT ..., stream.last_seq FROM stream

    The upsert still locks the stream's row until commit, as `_next_seq` does."""
    value = {c: bindparam(f"v_{c}", type_=_outbox.c[c].type) for c in columns}
    key = ("practice_id", "channel", "address")
    stream = (
        postgresql.insert(_streams)
        .values({k: value[k] for k in key} | {"last_seq": 1})
        .on_conflict_do_update(index_elements=list(key), set_={"last_seq": _streams.c.last_seq + 1})
        .returning(_streams.c.last_seq)
        .cte("stream")
    )
    rows = select(*value.values(), stream.c.last_seq)
    return insert(_outbox).from_select([*columns, "seq"], rows)
