"""The in-process job runner of the embedded default (no Redis, no Celery).

It retries messages kept while the record system was down, picks up anything a crash
left pending, invites patients with an upcoming new patient visit to fill in the
intake form (bot/outreach.py), and polls for results that became ready
(bot/results_outreach.py; the Subscription finds them sooner where it is registered),
schedules appointment reminders from the booked appointments and runs the durable jobs
that are due (bot/jobs.py, bot/reminders.py, bot/escalation_notices.py). With REDIS_URL set, Celery beat and workers
do this instead, with the same `run_due_jobs`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.escalations import OVERDUE_KIND
from bot.jobs import JobRunner
from bot.logs import bind
from bot.waitlist import KIND as WAITLIST_KIND
from patient_assistant.bootstrap import ModelOnFirstParse, Runtime, build, make_clock
from patient_assistant.sandbox_access import fhir_server
from patient_assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DueWork:
    replies: int  # replies to messages kept for a retry
    invited: int  # patients invited to fill in the intake form
    results: int = 0  # patients told that a result is ready (found by polling)
    reminders: int = 0  # appointment reminders and missed-appointment follow-ups queued
    sent: int = 0  # messages sent from the outbox (`jobs run-due` only)


async def run_due_jobs(runtime: Runtime) -> dict[str, int]:
    """Schedule the reminders of the booked appointments and the waitlist offers of freed
    times, then run every durable job due now: how many jobs ended in each state (done,
    dropped, deferred, retry, failed)."""
    if runtime.reminders is None:
        return {}
    await runtime.reminders.sync()
    reminders = runtime.reminders
    handlers = {"reminder": reminders.send, "noshow": reminders.follow_up}
    if runtime.waitlist is not None:
        try:
            await runtime.waitlist.sync()  # times freed since the last look: offer jobs
        except Exception as e:  # noqa: BLE001 - the next scan looks again; reminders still run
            bind(log, job="waitlist-sync").failure("the look for freed times failed", e)
        handlers[WAITLIST_KIND] = runtime.waitlist.offer
    if runtime.escalation_notices is not None:
        handlers[OVERDUE_KIND] = runtime.escalation_notices.send
    runner = JobRunner(
        runtime.storage,
        runtime.clock,
        handlers,
        lease=dt.timedelta(seconds=runtime.settings.job_lease_seconds),
        practice_id=runtime.settings.practice_id,
    )
    return await runner.run_due()


async def run_due(runtime: Runtime) -> DueWork:
    """One round of due work."""
    replies = await runtime.assistant.process_due()
    invited = await runtime.outreach.run_due() if runtime.outreach else 0
    results = await runtime.results_outreach.poll() if runtime.results_outreach else 0
    jobs = await run_due_jobs(runtime)
    return DueWork(replies, invited, results, reminders=jobs.get("done", 0))


class InProcessJobs:
    """Runs a round of due work every `interval_seconds`: `run_due(runtime)` here, or `due`
    (serve passes the turn thread's, so conversations are only ever processed there)."""

    def __init__(
        self,
        runtime: Runtime,
        interval_seconds: float = 15.0,
        due: Callable[[], Awaitable[DueWork]] | None = None,
    ) -> None:
        self.runtime = runtime
        self.interval = interval_seconds
        self._due = due
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="in-process-jobs")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def run_due(self) -> DueWork:
        return await (self._due() if self._due else run_due(self.runtime))

    async def _loop(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.run_due()
            except Exception as e:  # noqa: BLE001 - a failed round must not stop the next
                bind(log, job="in-process-jobs").failure("a round failed", e)


def run_due_once(settings: Settings, now: dt.datetime | None) -> DueWork:
    """`patient-assistant jobs run-due`: one round of due work of every practice, each under
    its own settings, then send what it queued (what quiet hours hold back stays for a later
    run), and exit: the work of all of them, added up."""
    from patient_assistant.practice_runtimes import PracticeRuntimes
    from patient_assistant.practices import configured_practices

    async def round_of(runtime: Runtime) -> DueWork:
        done = await run_due(runtime)
        if runtime.channels is None:
            return done
        sent = (await runtime.channels.sender.drain()).sent
        return dataclasses.replace(done, sent=sent)

    async def go() -> DueWork:
        if not await configured_practices(settings):  # the environment's one practice
            async with fhir_server(settings, now) as base_url:
                runtime = await build(
                    settings,
                    fhir_base_url=base_url,
                    clock=make_clock(now),
                    nlu=ModelOnFirstParse(),
                )
                try:
                    return await round_of(runtime)
                finally:
                    await runtime.aclose()
        practices = PracticeRuntimes(settings, now, nlu=ModelOnFirstParse())
        try:
            rounds = [await round_of(runtime) for runtime in await practices.every()]
        finally:
            await practices.aclose()
        return DueWork(
            *(sum(getattr(r, f.name) for r in rounds) for f in dataclasses.fields(DueWork))
        )

    return asyncio.run(go())
