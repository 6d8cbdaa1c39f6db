"""The due-job scan: durable scheduled work (the `jobs` table), run by whoever runs due work.

Jobs live in the assistant's database, never as long Celery ETAs (those run again after
the broker's visibility timeout). `JobRunner.run_due()` claims due jobs (a lease, so a
runner that dies leaves them to the next scan; adapters/sql/jobs.py) and hands each to
the handler of its kind. The same call runs from `patient-assistant jobs run-due --now`,
the in-process runner of the embedded default and the Celery beat task (worker.py).

A handler does its work and finishes the job in one transaction (`Jobs.finish` is
conditional on the claim, so a job taken over after a lapsed lease cannot finish twice:
its transaction - with the message it wrote - rolls back). What a job writes to the outbox
carries the job's key, which the outbox keeps unique: running a job twice sends nothing
twice. A handler that raises puts the job back, due again after a back-off; after
MAX_ATTEMPTS it is marked failed (the error's type is kept, never its text).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Awaitable, Callable, Mapping

from bot.leases import kept
from bot.logs import bind
from bot.ports import JobRecord, Storage
from domain.ports import Clock

log = logging.getLogger(__name__)

#: A claimed job stays with its runner this long, renewed while the runner works through its
#: batch (bot/leases.py); a dead runner's jobs are another scan's after it (JOB_LEASE_SECONDS).
LEASE = dt.timedelta(seconds=20)
#: Tries before a job is given up (failed).
MAX_ATTEMPTS = 5
#: Jobs claimed per round trip.
BATCH = 20

Handler = Callable[[JobRecord], Awaitable[str]]


class JobRaced(Exception):
    """The job's claim was taken over meanwhile; its transaction is rolled back."""


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(minutes=2 ** min(attempts, 6))


class JobRunner:
    """Runs due jobs with the handler of their kind; a handler returns the state it finished
    the job in (done, dropped, deferred) for the counts."""

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        handlers: Mapping[str, Handler],
        lease: dt.timedelta = LEASE,
        practice_id: str | None = None,  # only that practice's jobs (each has its own runner)
    ) -> None:
        self.storage, self.clock, self.handlers = storage, clock, dict(handlers)
        self.lease = lease
        self.practice_id = practice_id

    async def run_due(self, limit: int = 1000) -> dict[str, int]:
        """Run every job due now (up to `limit`); how many ended in each state."""
        counts: dict[str, int] = {}
        ran = 0
        while ran < limit:
            now = self.clock.now()
            async with self.storage.unit_of_work() as uow:
                claimed = await uow.jobs.claim(
                    now, min(BATCH, limit - ran), self.lease, list(self.handlers), self.practice_id
                )
            if not claimed:
                break
            held = list(claimed)  # what this runner still has to run
            async with kept(functools.partial(self._renew, held), self.lease.total_seconds()):
                for job in claimed:
                    state = await self._run(job)
                    held.remove(job)
                    counts[state] = counts.get(state, 0) + 1
            ran += len(claimed)
        return counts

    async def _renew(self, held: list[JobRecord]) -> None:
        async with self.storage.unit_of_work() as uow:
            await uow.jobs.renew(list(held), self.clock.now() + self.lease)

    async def _run(self, job: JobRecord) -> str:
        try:
            return await self.handlers[job.kind](job)
        except JobRaced:
            bind(log, job=job.kind, job_id=job.id).info("taken over by another runner")
            return "raced"
        except Exception as e:  # noqa: BLE001 - one job's failure must not stop the others
            bind(log, job=job.kind).failure("a job failed", e)
            now = self.clock.now()
            async with self.storage.unit_of_work() as uow:
                if job.attempts >= MAX_ATTEMPTS:
                    await uow.jobs.finish(job, "failed", now, error=type(e).__name__)
                    return "failed"
                await uow.jobs.release(job, now + backoff(job.attempts), now)
            return "retry"
