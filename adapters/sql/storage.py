"""`SqlStorage`: the `bot.ports.Storage` port on PostgreSQL or SQLite."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.crypto import Keyring
from adapters.sql.engine import SQLITE_DEFERRED, create_engine
from adapters.sql.holds import SqlSlotHolds
from adapters.sql.inbox import SqlInbox
from adapters.sql.sealing import Sealing
from adapters.sql.unit_of_work import SqlUnitOfWork
from bot.ports import InboundRecord, Received
from bot.ports.storage import StaffEventNudge

log = logging.getLogger(__name__)


class SqlStorage:
    """The assistant's own database. Creating one does no I/O; `close()` releases it.

    The schema must exist: run `adapters.sql.migrate(database_url)` first. With a
    `keyring`, message bodies are encrypted at rest (the composition root always gives one).
    """

    def __init__(
        self, database_url: str, *, keyring: Keyring | None = None, **engine_options: Any
    ) -> None:
        self._engine = create_engine(database_url, **engine_options)
        self._holds = SqlSlotHolds(self._engine)
        self._sealing = Sealing(keyring)
        # The same pool; its connections run each statement as its own transaction.
        self._autocommit = self._engine.execution_options(isolation_level="AUTOCOMMIT")
        # SQLite: transactions begin DEFERRED instead of IMMEDIATE (adapters/sql/engine.py).
        self._deferred = self._engine.execution_options(**{SQLITE_DEFERRED: True})
        self._nudge: StaffEventNudge | None = None

    def on_staff_events(self, nudge: StaffEventNudge | None) -> None:
        """After each commit that appended staff events, `nudge(practices)` (the live
        stream's wake-up; bot/staff_events.py). A failing nudge is logged, never raised: the
        change is committed, and readers poll anyway."""
        self._nudge = nudge

    async def _after_commit(self, uow: SqlUnitOfWork) -> None:
        practices = uow.staff_event_practices
        if not practices or self._nudge is None:
            return
        try:
            await self._nudge(frozenset(practices))
        except Exception as e:  # noqa: BLE001 - see on_staff_events
            log.warning("staff event nudge failed (%s)", type(e).__name__)

    @property
    def engine(self) -> AsyncEngine:
        """The underlying engine, for health checks and tests."""
        return self._engine

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[SqlUnitOfWork]:
        """One transaction over every repository: committed when the block exits cleanly,
        rolled back on error."""
        async with self._engine.begin() as connection:
            uow = SqlUnitOfWork(connection, self._sealing)
            yield uow
        await self._after_commit(uow)  # reached only when the block committed

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[SqlUnitOfWork]:
        """Repositories for reads only: on PostgreSQL each statement in autocommit (no BEGIN
        and COMMIT round trips); on SQLite one deferred transaction, which in WAL mode reads
        beside the writer instead of taking the write lock as a unit of work does (the
        embedded default's turn thread read while webhooks waited on that lock)."""
        if self._engine.dialect.name != "postgresql":
            async with self._deferred.begin() as connection:
                yield SqlUnitOfWork(connection, self._sealing)
            return
        async with self._autocommit.connect() as connection:
            yield SqlUnitOfWork(connection, self._sealing)

    @asynccontextmanager
    async def single_statement(self) -> AsyncIterator[SqlUnitOfWork]:
        """For one statement, atomic by itself: autocommit on PostgreSQL (one round trip);
        SQLite runs it in a unit of work."""
        if self._engine.dialect.name != "postgresql":
            async with self.unit_of_work() as uow:
                yield uow
            return
        async with self._autocommit.connect() as connection:
            uow = SqlUnitOfWork(connection, self._sealing)
            yield uow
        await self._after_commit(uow)

    async def receive(self, message: InboundRecord) -> Received | None:
        """`Inbox.receive` as a transaction of its own. On PostgreSQL it is one statement
        (adapters/sql/arrivals.py), atomic by itself, so it runs without BEGIN and COMMIT:
        one round trip. SQLite takes its two statements in a unit of work."""
        if self._engine.dialect.name != "postgresql":
            async with self.unit_of_work() as uow:
                return await uow.inbox.receive(message)
        async with self._autocommit.connect() as connection:
            return await SqlInbox(connection, self._sealing).receive(message)

    def slot_holds(self) -> SqlSlotHolds:
        return self._holds

    async def close(self) -> None:
        await self._engine.dispose()
