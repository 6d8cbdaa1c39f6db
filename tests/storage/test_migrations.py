"""The migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, bindparam, inspect, text

from adapters.sql import downgrade, migrate
from adapters.sql.engine import create_engine
from adapters.sql.models import Base
from adapters.sql.types import UtcDateTime
from tests.support.storage import BACKENDS, DatabaseFactory

pytestmark = pytest.mark.parametrize("storage_backend", BACKENDS)


def _diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def schema_diff(url: str) -> list[Any]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_diff)
    finally:
        await engine.dispose()


async def table_names(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return set(await connection.run_sync(lambda c: inspect(c).get_table_names()))
    finally:
        await engine.dispose()


async def test_migrated_schema_matches_the_models(
    storage_backend: str, database_url: DatabaseFactory
) -> None:
    url = await database_url(storage_backend, migrated=False)
    assert await schema_diff(url) != []  # the comparison does see a missing schema
    await migrate(url)
    assert await schema_diff(url) == []


async def test_migrate_is_idempotent_and_safe_to_run_concurrently(
    storage_backend: str, database_url: DatabaseFactory
) -> None:
    url = await database_url(storage_backend, migrated=False)
    await asyncio.gather(migrate(url), migrate(url))
    await migrate(url)
    assert await schema_diff(url) == []


async def test_downgrade_removes_everything_and_upgrade_restores_it(
    storage_backend: str, database_url: DatabaseFactory
) -> None:
    url = await database_url(storage_backend)
    await downgrade(url, "base")
    assert await table_names(url) == {"alembic_version"}
    await migrate(url)
    assert await schema_diff(url) == []


async def test_outbox_rows_written_before_0003_are_numbered_in_the_order_senders_took_them(
    storage_backend: str, database_url: DatabaseFactory
) -> None:
    url = await database_url(storage_backend, migrated=False)
    await migrate(url, "0002_channels")
    at = dt.datetime(2025, 1, 1, 10, tzinfo=dt.UTC)
    rows = [
        ("b", "+1", at),
        ("a", "+1", at),
        ("c", "+1", at - dt.timedelta(hours=1)),
        ("d", "+2", at + dt.timedelta(hours=1)),
    ]
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            for message_id, address, created in rows:
                await connection.execute(
                    text(
                        "INSERT INTO outbox (id, practice_id, channel, address, payload, created_at, status, attempts)"
                        " VALUES (:id, 'p1', 'sms', :address, '{}', :created, 'pending', 0)"
                    ).bindparams(bindparam("created", type_=UtcDateTime())),
                    {"id": message_id, "address": address, "created": created},
                )
        await migrate(url)
        async with engine.connect() as connection:
            seqs = dict((await connection.execute(text("SELECT id, seq FROM outbox"))).all())
            streams = dict(
                (
                    await connection.execute(text("SELECT address, last_seq FROM outbox_streams"))
                ).all()
            )
    finally:
        await engine.dispose()
    assert seqs == {"c": 1, "a": 2, "b": 3, "d": 1}
    assert streams == {"+1": 3, "+2": 1}
