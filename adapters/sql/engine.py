"""Async engines for PostgreSQL (asyncpg) and SQLite (aiosqlite).

On SQLite every transaction starts with BEGIN IMMEDIATE: writers queue on the
busy timeout instead of failing with "database is locked" when a read
transaction later tries to write, and SAVEPOINTs behave. WAL lets readers
run beside the writer; reads only (`SqlStorage.reading`) begin DEFERRED, so they take no
write lock at all.

An operator may turn SQL logging on (`sqlalchemy.engine` at INFO, or everything at DEBUG):
the statements are logged, never their values (`hide_parameters`, which also keeps them out
of a failed statement's error message) nor the rows they return (SQLAlchemy logs those at
DEBUG, and aiosqlite each statement with its values: a filter drops both): all of them are
addresses, messages and names.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

#: PostgreSQL's connection pool: up to 15 connections, as SQLAlchemy's default (5 kept and
#: 10 more "overflow"), but all 15 kept once opened. With 5 kept, each burst of more than 5
#: webhooks at once opened connections and closed them again as each was given back: a new
#: server process, a TLS attempt and the statements prepared again, on the request's path:
#: 14% of the API process's CPU at 8 webhooks at once (sampled), waiting for a core each time.
POSTGRESQL_POOL: dict[str, Any] = {"pool_size": 15, "max_overflow": 0}
#: How long an SQLite writer waits for the lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: Execution option: begin a read-only transaction DEFERRED, without the write lock.
SQLITE_DEFERRED = "patient_assistant_sqlite_deferred"

_ASYNC_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}


def async_url(database_url: str) -> str:
    """The URL with its async driver: `postgresql://` → asyncpg, `sqlite://` → aiosqlite."""
    url = make_url(database_url)
    if url.drivername in _ASYNC_DRIVERS.values():
        return database_url
    driver = _ASYNC_DRIVERS.get(url.drivername)
    if driver is None:
        raise ValueError(
            f"unsupported database URL scheme {url.drivername!r}; "
            "use postgresql+asyncpg://... or sqlite+aiosqlite:///path.db"
        )
    return url.set(drivername=driver).render_as_string(hide_password=False)


class _NoRows(logging.Filter):
    """Drops DEBUG records: SQLAlchemy's are the rows a statement returned, aiosqlite's each
    statement with its values."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


_NO_ROWS = _NoRows()


def create_engine(database_url: str, **options: Any) -> AsyncEngine:
    """An engine for `database_url`; connects lazily, so this does no I/O."""
    for name in ("sqlalchemy.engine.Engine", "aiosqlite"):
        logging.getLogger(name).addFilter(_NO_ROWS)  # once: a logger's filters are a set
    url = async_url(database_url)
    if make_url(url).get_backend_name() == "postgresql" and "poolclass" not in options:
        options = POSTGRESQL_POOL | options
    engine = create_async_engine(url, hide_parameters=True, **options)
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the sqlite3 module; _on_begin emits it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        deferred = connection.get_execution_options().get(SQLITE_DEFERRED)
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")
