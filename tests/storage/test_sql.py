"""What the SQL adapter guarantees below the port: immutable audit, time zones, SQLite setup."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, event, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.sql import SqlStorage
from adapters.sql.engine import async_url
from adapters.sql.models import AuditRow
from tests.storage.builders import NOW, audit_record, inbound


async def test_the_database_refuses_to_change_the_audit_log(storage: SqlStorage) -> None:
    record = audit_record()
    async with storage.unit_of_work() as uow:
        await uow.audit.append(record)
    for statement in (update(AuditRow).values(action="tampered"), delete(AuditRow)):
        with pytest.raises(DBAPIError, match="append-only"):
            async with storage.engine.begin() as connection:
                await connection.execute(statement)
    async with storage.unit_of_work() as uow:
        assert await uow.audit.trail(record.practice_id) == [record]


async def test_an_orm_session_cannot_edit_an_audit_row(storage: SqlStorage) -> None:
    record = audit_record()
    async with storage.unit_of_work() as uow:
        await uow.audit.append(record)
    async with AsyncSession(storage.engine) as session:
        row = await session.get(AuditRow, record.id)
        assert row is not None
        row.detail = {"slot": "Slot/2"}
        with pytest.raises(DBAPIError, match="append-only"):
            await session.commit()
        await session.rollback()
        await session.delete(row)
        with pytest.raises(DBAPIError, match="append-only"):
            await session.commit()


@pytest.mark.parametrize(
    "storage_backend", [pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_postgresql_refuses_truncating_the_audit_log(storage: SqlStorage) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        async with storage.engine.begin() as connection:
            await connection.execute(text("TRUNCATE audit_log"))


async def test_naive_datetimes_are_refused(storage: SqlStorage) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        async with storage.unit_of_work() as uow:
            await uow.inbox.record(inbound(at=NOW.replace(tzinfo=None)))


async def test_instants_come_back_as_aware_utc(storage: SqlStorage) -> None:
    local = dt.timezone(dt.timedelta(hours=2))
    async with storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create(
            "p1", "sms", "+1555", NOW.astimezone(local)
        )
    assert conversation.created_at == NOW
    assert conversation.created_at is not None and conversation.created_at.tzinfo == dt.UTC


@pytest.mark.parametrize("storage_backend", ["sqlite"])
async def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(storage: SqlStorage) -> None:
    async with storage.engine.connect() as connection:
        pragma = {
            name: (await connection.execute(text(f"PRAGMA {name}"))).scalar_one()
            for name in ("journal_mode", "busy_timeout", "foreign_keys")
        }
    assert pragma == {"journal_mode": "wal", "busy_timeout": 30_000, "foreign_keys": 1}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p%40ss@db/pa", "postgresql+asyncpg://u:p%40ss@db/pa"),
        ("postgres://db/pa", "postgresql+asyncpg://db/pa"),
        ("postgresql+asyncpg://db/pa", "postgresql+asyncpg://db/pa"),
        ("sqlite:///pa.db", "sqlite+aiosqlite:///pa.db"),
    ],
)
def test_urls_get_their_async_driver(given: str, expected: str) -> None:
    assert async_url(given) == expected


def test_sync_only_drivers_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        async_url("mysql://db/pa")


@pytest.mark.parametrize(
    "storage_backend", [pytest.param("postgresql", marks=pytest.mark.postgres)]
)
async def test_a_turns_reads_and_slot_holds_are_one_round_trip_each_on_postgresql(
    storage: SqlStorage,
) -> None:
    """A turn's first reads are one statement, and the slot holds' reads and release run in
    autocommit: no BEGIN, COMMIT or ROLLBACK round trips around them."""
    async with storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("p1", "sms", "+15550100", NOW)
    sent: list[str] = []
    engine = storage.engine.sync_engine

    def statement(_conn: object, _cursor: object, text: str, *_: object) -> None:
        sent.append(text.split()[0])

    def transaction(connection: Connection, *_: object) -> None:
        if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
            sent.append("BEGIN/END")

    event.listen(engine, "before_cursor_execute", statement)
    for name in ("begin", "commit", "rollback"):
        event.listen(engine, name, transaction)
    async with storage.reading() as uow:
        assert await uow.conversations.for_turn(conversation.id, "+15550100") is not None
    holds = storage.slot_holds()
    assert await holds.held_by_others(conversation.id, NOW) == set()
    await holds.release(conversation.id)
    assert sent == ["SELECT", "SELECT", "DELETE"]
