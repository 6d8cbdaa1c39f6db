"""Storage fixtures: fresh SQLite and PostgreSQL databases, migrated, removed afterwards.

- `database_url`: a factory; `await database_url("postgresql", migrated=False)`.
- `storage_backend`: "sqlite" or "postgresql" (parametrised; PostgreSQL tests carry
  the `postgres` marker, so `-m "not postgres"` runs without a server).
- `storage`: an `SqlStorage` on a fresh migrated database of that backend.

PostgreSQL is reached through PA_TEST_POSTGRES_URL (default: user `postgres`,
trust auth, on 127.0.0.1:5432); each database is `pa_test_<uuid>`, dropped at
teardown, so no test sees another's rows or relies on leftovers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy.engine import make_url

from adapters.sql import SqlStorage, migrate

POSTGRES_ADMIN_URL = os.environ.get(
    "PA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)

#: Parameters for every storage backend; use with `pytest.mark.parametrize` or fixtures.
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def postgres_url(database: str) -> str:
    """The asyncpg URL of `database` on the test server."""
    url = make_url(POSTGRES_ADMIN_URL).set(drivername="postgresql+asyncpg", database=database)
    return url.render_as_string(hide_password=False)


async def _admin(sql: str) -> None:
    try:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
    except (OSError, asyncpg.PostgresError) as e:
        raise RuntimeError(
            f"cannot reach PostgreSQL at {POSTGRES_ADMIN_URL}; start it, set "
            'PA_TEST_POSTGRES_URL, or deselect with -m "not postgres"'
        ) from e
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


class DatabaseFactory:
    """Creates uniquely named databases and drops the PostgreSQL ones in `cleanup()`."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._postgres: list[str] = []

    async def __call__(self, backend: str = "sqlite", *, migrated: bool = True) -> str:
        """The URL of a new empty database; migrated to head unless `migrated=False`."""
        name = f"pa_test_{uuid.uuid4().hex}"
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{self._directory / name}.db"
        elif backend == "postgresql":
            await _admin(f'CREATE DATABASE "{name}"')
            self._postgres.append(name)
            url = postgres_url(name)
        else:
            raise ValueError(f"unknown storage backend {backend!r}; use 'sqlite' or 'postgresql'")
        if migrated:
            await migrate(url)
        return url

    async def cleanup(self) -> None:
        while self._postgres:
            await _admin(f'DROP DATABASE IF EXISTS "{self._postgres.pop()}" WITH (FORCE)')


@pytest.fixture
async def database_url(tmp_path: Path) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path)
    try:
        yield factory
    finally:
        await factory.cleanup()


@pytest.fixture(params=BACKENDS)
def storage_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def storage(storage_backend: str, database_url: DatabaseFactory) -> AsyncIterator[SqlStorage]:
    store = SqlStorage(await database_url(storage_backend))
    try:
        yield store
    finally:
        await store.close()
