"""The staff event feed's reader (bot/staff_events.py) on the in-memory store: ids handed out
in order, an id still in flight waited for (PostgreSQL makes ids visible in commit order, not
id order), one rolled back given up after the grace period, each stream its practice's only,
a reader in another thread's event loop woken by a commit at once; and the retention purge
keeping a day of events (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import AsyncGenerator

from adapters.sql import SqlStorage
from bot.ports import StaffEvent
from bot.retention import purge_expired
from bot.staff_events import StaffEventFeed, nudge_after_commit
from tests.storage.builders import NOW
from tests.storage.memory import MemoryStorage

WAIT = 30.0


def event(id: int, practice: str = "riverside") -> StaffEvent:
    return StaffEvent(id, practice, f"conv-{id}", "message_in", None, NOW)


async def taken(stream: AsyncGenerator[StaffEvent | None, None], n: int) -> list[int]:
    ids: list[int] = []
    while len(ids) < n:
        got = await asyncio.wait_for(anext(stream), WAIT)
        if got is not None:
            ids.append(got.id)
    return ids


async def test_a_late_id_is_waited_for_and_a_rolled_back_one_given_up() -> None:
    storage = MemoryStorage()
    feed = StaffEventFeed(storage, poll_seconds=0.01, gap_grace=3600)
    stream = feed.stream("riverside", None, keepalive=0.05)
    assert await anext(stream) is None  # subscribed; nothing yet
    # 2 is in flight: 1 and 3 are visible, 2 not yet.
    storage.tables.staff_events += [event(1), event(3)]
    assert await taken(stream, 1) == [1]
    await feed.read_once()
    assert feed.cursor == 1  # 3 waits for 2
    storage.tables.staff_events.insert(1, event(2))
    assert await taken(stream, 2) == [2, 3]
    # 4 rolled back: after the grace period 5 goes on without it.
    storage.tables.staff_events.append(event(5))
    await feed.read_once()
    assert feed.cursor == 3
    feed.gap_grace = 0
    assert await taken(stream, 1) == [5]
    await stream.aclose()


async def test_each_stream_gets_its_own_practice_and_a_commit_elsewhere_wakes_it() -> None:
    storage = MemoryStorage()
    storage.on_staff_events(nudge_after_commit())
    # Polling once an hour: only the nudge can bring the event in time.
    feed = StaffEventFeed(storage, poll_seconds=3600)
    ours = feed.stream("riverside", None, keepalive=WAIT)
    theirs = feed.stream("thames-physio", None, keepalive=0.05)
    waiting = asyncio.create_task(anext(ours))
    assert await anext(theirs) is None
    await asyncio.sleep(0.05)  # the reader is waiting now

    def commit_on_another_loop() -> None:
        async def change() -> None:
            async with storage.unit_of_work() as uow:
                await uow.staff_events.append("riverside", "conv-1", "claimed", NOW, "normal")

        asyncio.run(change())

    thread = threading.Thread(target=commit_on_another_loop)
    thread.start()
    thread.join()
    got = await asyncio.wait_for(waiting, WAIT)
    assert got is not None
    assert (got.practice_id, got.change, got.urgency) == ("riverside", "claimed", "normal")
    assert await anext(theirs) is None  # Thames saw nothing of it
    await ours.aclose()
    await theirs.aclose()


async def test_the_retention_purge_keeps_a_day_of_events(storage: SqlStorage) -> None:
    async with storage.unit_of_work() as uow:
        await uow.staff_events.append(
            "riverside", "conv-old", "claimed", NOW - dt.timedelta(hours=25)
        )
        await uow.staff_events.append(
            "riverside", "conv-new", "claimed", NOW - dt.timedelta(hours=23)
        )
    await purge_expired(storage, ["riverside"], default_days=30, now=NOW)
    async with storage.reading() as uow:
        kept = await uow.staff_events.after(0, "riverside")
    assert [e.conversation_id for e in kept] == ["conv-new"]
