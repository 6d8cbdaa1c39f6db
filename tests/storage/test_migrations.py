"""The migrations build exactly the schema the models describe, on every backend."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect

from adapters.sql import downgrade, migrate
from adapters.sql.engine import create_engine
from adapters.sql.models import Base
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
