"""Staff's live stream: the practice's conversation changes as they commit, for
`GET /staff/api/events` (api/staff/events.py).

Decisions:

- **Durable feed.** Each change writes its event in its own transaction
  (bot/ports/staff_events.py), so an event exists exactly when its change does, nothing is
  lost across a crash or a dropped connection, and replay after a reconnect is "ids after the
  last one seen" (`Last-Event-ID`), for as long as events are kept (a day).
- **One reader per process** (`StaffEventFeed`), shared by every open stream of every
  practice: one query per wake-up, not one per console. It reads the one id sequence of all
  practices and hands each stream its own practice's events only; reading the whole sequence
  is what lets it tell a gap (a transaction that took its id but has not committed yet) from
  another practice's event.
- **Ids in order, none skipped.** On PostgreSQL ids are taken at insert and made visible at
  commit, so 7 may appear before 6. The reader hands out ids only up to the first gap, and
  waits for the gap to fill for at most `GAP_GRACE` (a rolled-back transaction leaves one
  forever); so a stream's ids only increase, and `Last-Event-ID` never skips an event that
  was merely late. On SQLite writers take turns, and no gap occurs.
- **Wake-up.** After a commit that wrote events the storage calls its nudge
  (`Storage.on_staff_events`, wired in the composition root): `LOCAL_NUDGES` wakes readers in
  this process (turns on a TurnThread, staff actions on the API's loop), and with Redis a
  publish on a pub/sub channel (adapters/redis/nudges.py) wakes the readers of every API
  process (turns in Celery workers). Readers also poll: every `POLL_SECONDS` without Redis,
  every `POLL_WITH_NUDGES_SECONDS` with it, so a lost nudge costs latency, never an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Collection, Coroutine
from dataclasses import dataclass, field
from typing import Any

from bot.logs import bind
from bot.ports import StaffEvent, Storage

log = logging.getLogger(__name__)

#: Without Redis, how often the reader looks for events written by other processes.
POLL_SECONDS = 0.25
#: With Redis nudges, the reader's poll is only a safety net for a lost nudge.
POLL_WITH_NUDGES_SECONDS = 2.0
#: How long an id not yet visible is waited for before it is taken as rolled back.
GAP_GRACE = 2.0
#: Events each practice keeps in memory for its streams; older ones are read from the table.
BUFFERED = 1000
#: Events read per query.
BATCH = 500


class LocalNudges:
    """Wakes this process's readers when a commit wrote events, from any thread or loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: dict[int, tuple[asyncio.AbstractEventLoop, asyncio.Event]] = {}

    def register(self, wake: asyncio.Event) -> Callable[[], None]:
        """Set `wake` (on the running loop) at each nudge; returns the function to stop."""
        loop = asyncio.get_running_loop()
        key = id(wake)
        with self._lock:
            self._waiters[key] = (loop, wake)

        def unregister() -> None:
            with self._lock:
                self._waiters.pop(key, None)

        return unregister

    def nudge(self) -> None:
        with self._lock:
            waiters = list(self._waiters.values())
        for loop, wake in waiters:
            with contextlib.suppress(RuntimeError):  # a loop closed meanwhile
                loop.call_soon_threadsafe(wake.set)


#: The process's nudges: a TurnThread's storage and the API's feed meet here.
LOCAL_NUDGES = LocalNudges()

Publish = Callable[[Collection[str]], Awaitable[None]]


def nudge_after_commit(
    publish: Publish | None = None,
) -> Callable[[Collection[str]], Awaitable[None]]:
    """The storage's after-commit nudge: this process's readers, then (with Redis) every
    other process's."""

    async def nudge(practices: Collection[str]) -> None:
        LOCAL_NUDGES.nudge()
        if publish is not None:
            await publish(practices)

    return nudge


@dataclass
class _Practice:
    """One practice's recent events, for its open streams."""

    floor: int  # the buffer holds every event of the practice with an id above this
    events: deque[StaffEvent] = field(default_factory=lambda: deque(maxlen=BUFFERED))
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    streams: int = 0


Listen = Callable[[Callable[[], None]], Coroutine[Any, Any, None]]


class StaffEventFeed:
    """The process's one reader of staff events, run while at least one stream is open."""

    def __init__(
        self,
        storage: Storage,
        *,
        listen: Listen | None = None,
        poll_seconds: float | None = None,
        gap_grace: float = GAP_GRACE,
    ) -> None:
        """`listen(wake)`: runs until cancelled, calling `wake()` at each nudge from other
        processes (Redis pub/sub); None when there is no Redis."""
        self.storage, self.listen = storage, listen
        self.poll_seconds = poll_seconds or (
            POLL_WITH_NUDGES_SECONDS if listen is not None else POLL_SECONDS
        )
        self.gap_grace = gap_grace
        self.cursor = 0  # every id up to this one has been handed out or given up on
        self._practices: dict[str, _Practice] = {}
        self._gaps: dict[int, float] = {}  # the first id missing -> when it was first missed
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._starting = asyncio.Lock()

    async def stream(
        self, practice_id: str, after: int | None, keepalive: float
    ) -> AsyncGenerator[StaffEvent | None, None]:
        """The practice's events with ids above `after` (replayed from the table), or from
        now on when None, then each as it commits; None after `keepalive` seconds without
        one. Runs until the caller stops iterating."""
        practice = await self._join(practice_id)
        try:
            cursor = self.cursor if after is None else after
            while True:
                if cursor < practice.floor:
                    settled = self.cursor
                    async with self.storage.reading() as uow:
                        missed = await uow.staff_events.after(cursor, practice_id, BATCH)
                    missed = [e for e in missed if e.id <= settled]
                    for event in missed:
                        yield event
                    cursor = missed[-1].id if missed else max(cursor, settled)
                    continue
                changed = practice.changed
                fresh = [e for e in practice.events if e.id > cursor]
                if fresh:
                    for event in fresh:
                        yield event
                    cursor = fresh[-1].id
                    continue
                try:
                    await asyncio.wait_for(changed.wait(), keepalive)
                except TimeoutError:
                    yield None
        finally:
            self._leave(practice_id)  # no await: a cancelled stream's cleanup must not wait

    def wake(self) -> None:
        """Read now (on the feed's loop)."""
        self._wake.set()

    async def _join(self, practice_id: str) -> _Practice:
        async with self._starting:
            if not self._tasks:
                async with self.storage.reading() as uow:
                    self.cursor = await uow.staff_events.head()
                self._practices.clear()
                self._gaps.clear()
                self._tasks.append(asyncio.create_task(self._run(), name="staff-events"))
                if self.listen is not None:
                    self._tasks.append(
                        asyncio.create_task(self.listen(self.wake), name="staff-events-nudges")
                    )
            practice = self._practices.get(practice_id)
            if practice is None:
                practice = self._practices[practice_id] = _Practice(floor=self.cursor)
            practice.streams += 1
            return practice

    def _leave(self, practice_id: str) -> None:
        practice = self._practices[practice_id]
        practice.streams -= 1
        if practice.streams == 0:
            del self._practices[practice_id]
        if not self._practices:
            tasks, self._tasks = self._tasks, []
            for task in tasks:
                task.cancel()

    async def _run(self) -> None:
        unregister = LOCAL_NUDGES.register(self._wake)
        try:
            while True:
                try:
                    more = await self.read_once()
                except Exception as e:  # noqa: BLE001 - the database may come back
                    bind(log).failure("staff events not read", e, logging.WARNING)
                    more = False
                if more:
                    continue
                # A gap still open is looked at again soon, whatever the nudges say.
                wait = min(self.poll_seconds, 0.05) if self._gaps else self.poll_seconds
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), wait)
                self._wake.clear()
        finally:
            unregister()

    async def read_once(self) -> bool:
        """Read what committed since the cursor and hand it to the streams; True if there may
        be more to read at once."""
        async with self.storage.reading() as uow:
            rows = await uow.staff_events.after(self.cursor, None, BATCH)
        now = time.monotonic()
        expected, settled = self.cursor + 1, []
        for event in rows:
            if event.id != expected:
                missed_since = self._gaps.setdefault(expected, now)
                if now - missed_since < self.gap_grace:
                    break  # wait for it: its transaction may not have committed yet
            settled.append(event)
            expected = event.id + 1
        if not settled:
            return False
        self.cursor = settled[-1].id
        self._gaps = {k: v for k, v in self._gaps.items() if k > self.cursor}
        touched = set()
        for event in settled:
            practice = self._practices.get(event.practice_id)
            if practice is None:
                continue
            if len(practice.events) == practice.events.maxlen:
                practice.floor = practice.events[0].id
            practice.events.append(event)
            touched.add(event.practice_id)
        for practice_id in touched:
            practice = self._practices[practice_id]
            changed, practice.changed = practice.changed, asyncio.Event()
            changed.set()
        return len(rows) == BATCH and len(settled) == len(rows)
