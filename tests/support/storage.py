"""Storage fixtures: fresh SQLite and PostgreSQL databases, migrated, removed afterwards.

- `database_url`: a factory; `await database_url("postgresql", migrated=False)`.
- `storage_backend`: "sqlite" or "postgresql" (parametrised; PostgreSQL tests carry
  the `postgres` marker, so `-m "not postgres"` runs without a server).
- `storage`: an `SqlStorage` on a fresh migrated database of that backend.

PostgreSQL is reached through PA_TEST_POSTGRES_URL (default: user `postgres`,
trust auth, on 127.0.0.1:5432); each database is `pa_test_<uuid>`, dropped at
teardown, so no test sees another's rows or relies on leftovers.

A migrated database is a copy of one the session migrated once (`MigratedTemplates`):
PostgreSQL's `CREATE DATABASE ... TEMPLATE`, a file copy for SQLite. It is the same
schema the migrations make, at a fraction of the cost: running every migration took
about 2 s a database on PostgreSQL and 0.5 s on SQLite, for hundreds of tests. The
migrations themselves are tested from `migrated=False` (tests/storage).
"""

from __future__ import annotations

import asyncio
import os
import shutil
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


class MigratedTemplates:
    """One database per backend migrated to head, made on first use in the test session
    and copied for each test that wants a migrated database; `cleanup()` drops them.

    The PostgreSQL template's name is this session's own (several sessions may share the
    server), and nobody stays connected to it: PostgreSQL copies only an unused database."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._made: dict[str, str] = {}  # backend -> the template's file (SQLite) or name
        self._lock = asyncio.Lock()

    async def template(self, backend: str) -> str:
        """The migrated template of `backend`: a file path (SQLite) or a database name."""
        async with self._lock:
            if backend not in self._made:
                name = f"pa_template_{uuid.uuid4().hex}"
                if backend == "sqlite":
                    path = self._directory / f"{name}.db"
                    await migrate(f"sqlite+aiosqlite:///{path}")
                    # A copy of the main file is the whole database once the engine is closed.
                    assert not path.with_name(path.name + "-wal").exists()
                    self._made[backend] = str(path)
                else:
                    await _admin(f'CREATE DATABASE "{name}"')
                    self._made[backend] = name
                    await migrate(postgres_url(name))
            return self._made[backend]

    async def cleanup(self) -> None:
        if "postgresql" in self._made:
            await _admin(f'DROP DATABASE IF EXISTS "{self._made.pop("postgresql")}" WITH (FORCE)')


class DatabaseFactory:
    """Creates uniquely named databases and drops the PostgreSQL ones in `cleanup()`.
    Migrated ones are copies of `templates` when given, else migrated here."""

    def __init__(self, directory: Path, templates: MigratedTemplates | None = None) -> None:
        self._directory = directory
        self._templates = templates
        self._postgres: list[str] = []

    async def __call__(self, backend: str = "sqlite", *, migrated: bool = True) -> str:
        """The URL of a new empty database; migrated to head unless `migrated=False`."""
        if backend not in ("sqlite", "postgresql"):
            raise ValueError(f"unknown storage backend {backend!r}; use 'sqlite' or 'postgresql'")
        name = f"pa_test_{uuid.uuid4().hex}"
        template = None
        if migrated and self._templates is not None:
            template = await self._templates.template(backend)
        if backend == "sqlite":
            path = self._directory / f"{name}.db"
            if template:
                shutil.copyfile(template, path)
            url = f"sqlite+aiosqlite:///{path}"
        else:
            as_copy = f' TEMPLATE "{template}"' if template else ""
            await _admin(f'CREATE DATABASE "{name}"{as_copy}')
            self._postgres.append(name)
            url = postgres_url(name)
        if migrated and not template:
            await migrate(url)
        return url

    async def cleanup(self) -> None:
        while self._postgres:
            await _admin(f'DROP DATABASE IF EXISTS "{self._postgres.pop()}" WITH (FORCE)')


@pytest.fixture(scope="session")
async def migrated_templates(
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[MigratedTemplates]:
    templates = MigratedTemplates(tmp_path_factory.mktemp("migrated-templates"))
    try:
        yield templates
    finally:
        await templates.cleanup()


@pytest.fixture
async def database_url(
    tmp_path: Path, migrated_templates: MigratedTemplates
) -> AsyncIterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path, migrated_templates)
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
