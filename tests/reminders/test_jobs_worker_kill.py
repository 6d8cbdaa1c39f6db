"""A Celery worker killed (SIGKILL) in the middle of its due jobs: none is lost, none is sent
twice. The kill lands inside a job's transaction (the test holds the outbox table, so the
worker blocks writing its first reminder); the jobs it had claimed are taken over by the next
worker once their lease lapses (JOB_LEASE_SECONDS), and the message the dead worker was
writing was never committed, so nothing is duplicated at all."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from adapters.celery_app import RUN_JOBS, make_celery
from adapters.fhir import connect
from tests.channels.processes import celery_settings, processes, twilio_deployment
from tests.reminders.support import book_like, maria_check_up
from tests.results.support import MARIA, maria
from tests.support.fhir import DEMO_ORGANIZATION, SeededServer
from tests.support.standins import StandIn
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.fhir, pytest.mark.slow]
SECRET = "test-secret-key-0123456789"
#: Monday 2 March 2026, 11:30 at the practice: the 3-day reminders of Thursday's 09:00 to
#: 11:00 visits are all due.
NOW = "2026-03-02T11:30:00"
#: The next worker starts a minute later, past the dead one's lease (each process's clock
#: starts at its own `--now` and ticks from there).
A_MINUTE_LATER = "2026-03-02T11:31:00"
THURSDAY_TIMES = ["9:00", "9:30", "10:00", "10:30", "11:00"]


async def test_a_worker_killed_mid_job_loses_no_reminder_and_sends_none_twice(
    database_url: DatabaseFactory,
    own_sandbox: SeededServer,
    twilio_api: StandIn,
    nlu: object,
    tmp_path: Path,
) -> None:
    fhir = connect(own_sandbox.base_url, organization=DEMO_ORGANIZATION)
    try:
        patient_id, _ = await maria(fhir)  # she has agreed to SMS messages
        check_up = await maria_check_up(fhir, patient_id)  # Thursday 10:00
        for hour, minute in [(9, 0), (9, 30), (10, 30), (11, 0)]:
            start = check_up.start.replace(hour=hour + 5, minute=minute)  # New York is UTC-5
            await book_like(fhir, check_up, patient_id, start)
    finally:
        await fhir.aclose()

    url = await database_url("postgresql")
    env = twilio_deployment(
        url,
        own_sandbox.base_url,
        twilio_api,
        SECRET,
        JOB_LEASE_SECONDS="3",
        REMINDER_DAILY_CAP="10",  # five visits in a day, each with its reminder
    )
    settings = celery_settings(env, SECRET)
    celery = make_celery(settings)
    engine = create_async_engine(url)
    try:
        async with engine.connect() as watcher, engine.connect() as holder:
            # Writes to the outbox wait for this transaction; reads go on.
            await holder.execute(text("LOCK TABLE outbox IN EXCLUSIVE MODE"))
            with processes(env, tmp_path) as running:
                first = running.worker("w1", "--now", NOW)
                await asyncio.to_thread(celery.send_task, RUN_JOBS)
                await until(watcher, claimed_jobs_blocked_on_the_outbox, 120)
                os.killpg(first.pid, signal.SIGKILL)  # killed inside a job's transaction
                first.wait(timeout=10)
                await holder.rollback()  # the dead worker's write was never committed

                running.worker("w2", "--now", A_MINUTE_LATER)  # the dead worker's claims lapsed
                await asyncio.to_thread(celery.send_task, RUN_JOBS)
                await until_true(lambda: len(twilio_api.sent("Messages")) >= 5, 120)
                await asyncio.sleep(1.5)  # room for a duplicate to show up, were there one
            states = (
                await watcher.execute(text("SELECT state, count(*) FROM jobs GROUP BY state"))
            ).all()
    finally:
        await asyncio.to_thread(celery.close)
        await engine.dispose()

    texts = [r.fields["Body"] for r in twilio_api.requests if r.fields.get("To") == MARIA]
    assert len(texts) == 5  # nothing tried twice: the one in flight was rolled back
    times = sorted(visit_time(body) for body in texts)
    assert times == sorted(THURSDAY_TIMES)  # one reminder for each of the five visits
    assert dict(states)["done"] == 5  # the five 3-day reminders, run by the second worker
    assert dict(states).get("running", 0) == 0


def visit_time(reminder: str) -> str:
    found = re.search(r"\b(\d{1,2}):(\d\d)\b", reminder)
    assert found, "a reminder names the visit's time"
    return f"{int(found.group(1))}:{found.group(2)}"


async def claimed_jobs_blocked_on_the_outbox(conn: AsyncConnection) -> bool:
    """The worker has claimed the due reminders and waits to write the first one."""
    claimed = (
        await conn.execute(text("SELECT count(*) FROM jobs WHERE state = 'running'"))
    ).scalar_one()
    waiting = (
        await conn.execute(
            text(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'outbox'::regclass"
            )
        )
    ).scalar_one()
    await conn.rollback()  # the next look sees a fresh snapshot
    return bool(claimed and waiting)


async def until(
    conn: AsyncConnection,
    condition: Callable[[AsyncConnection], Awaitable[bool]],
    seconds: float,
) -> None:
    deadline = time.monotonic() + seconds
    while not await condition(conn):
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.1)


async def until_true(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        await asyncio.sleep(0.1)
