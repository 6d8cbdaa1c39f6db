"""Schema migrations (Alembic), run programmatically: there is no alembic.ini.

`migrate(url)` is what `patient-assistant migrate`, the demo and the tests call.
For a new revision: `alembic.command.revision(alembic_config(url), message=...,
autogenerate=True)` against a database at head.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.pool import NullPool

from adapters.sql.engine import async_url, create_engine

_Action = Callable[[Config], None]

MIGRATIONS = Path(__file__).with_name("migrations")

# Any fixed 64-bit key: concurrent migrators on PostgreSQL take turns on it.
_PG_LOCK_KEY = 0x7061_6D69_6772_6174


def alembic_config(database_url: str | None = None) -> Config:
    """An Alembic config for this package's migrations (and `database_url`, if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if database_url is not None:
        # ConfigParser interpolates '%': escape it (URL-encoded passwords have them).
        config.set_main_option("sqlalchemy.url", async_url(database_url).replace("%", "%%"))
    return config


async def migrate(database_url: str, revision: str = "head") -> None:
    """Upgrade the database at `database_url` to `revision` (default: the latest)."""
    await _run(database_url, lambda config: command.upgrade(config, revision))


async def downgrade(database_url: str, revision: str) -> None:
    """Downgrade the database to `revision` ("base" removes every table)."""
    await _run(database_url, lambda config: command.downgrade(config, revision))


async def _run(database_url: str, action: _Action) -> None:
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY}
                )
            await connection.run_sync(_with_connection, action)
    finally:
        await engine.dispose()


def _with_connection(connection: Connection, action: _Action) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    action(config)
