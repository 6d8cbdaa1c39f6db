"""The Celery worker's tasks: each runs its job on the runtime of its practice, built once per
worker process and practice (patient_assistant/practice_runtimes.py).

The app's configuration and task names are in `adapters/celery_app.py`; the tasks are
registered here, beside the composition root they build the runtimes with, so the adapter
never imports it. A task about one conversation or one practice's outbox carries the practice
id; beat's tasks (due work, jobs, invitations, results, the purge) run for every practice in
turn, each under its own settings, and one practice's failure does not keep the others'
work from running.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from celery import Celery
from celery.signals import worker_init, worker_ready

from adapters.celery_app import (
    INVITE_TO_INTAKE,
    POLL_RESULTS,
    PROCESS_CONVERSATION,
    PROCESS_DUE,
    PURGE_EXPIRED,
    RUN_JOBS,
    SEND_OUTBOX,
    make_celery,
)
from adapters.redis.locks import LEASE_SECONDS as LOCK_LEASE
from bot.logs import bind
from bot.messages import Outbound
from bot.retention import purge_expired as purge
from patient_assistant.bootstrap import ModelOnFirstParse, Runtime
from patient_assistant.channels import Channels
from patient_assistant.jobs import run_due_jobs
from patient_assistant.practice_runtimes import PracticeRuntimes
from patient_assistant.serve_loop import fast_loop_factory
from patient_assistant.settings import Settings

T = TypeVar("T")
log = logging.getLogger(__name__)


#: What a worker asks for as soon as it is ready: the work that fell due while no worker ran.
CATCH_UP = (PROCESS_DUE, RUN_JOBS, SEND_OUTBOX)


def worker_app(settings: Settings, now: dt.datetime | None = None) -> Celery:
    """The Celery app with its tasks, for `patient-assistant worker` and `beat`; `now` starts
    the worker's clock there (`worker --now`, as `serve --now`: travel in time)."""
    app = make_celery(settings)
    register_tasks(app, settings, now)
    catch_up_when_ready(app, settings)
    return app


def catch_up_when_ready(app: Celery, settings: Settings) -> None:
    """A worker that starts (after a crash, a deploy) asks at once for the due work: the
    messages left pending, the jobs that fell due and the replies left unsent while no worker
    ran, rather than on beat's next round (up to RUN_JOBS_EVERY_SECONDS later)."""

    def ready(sender: object = None, **_: object) -> None:
        if getattr(sender, "app", None) is not app:  # another app's worker (tests run several)
            return
        for name in CATCH_UP:
            app.send_task(name)
        # What a killed worker held (a conversation's lock, claimed replies and jobs) is free
        # once its lease lapses: look again then, rather than on beat's next round.
        for name in CATCH_UP:
            app.send_task(name, countdown=lapsed)

    lapsed = max(settings.outbox_lease_seconds, settings.job_lease_seconds, LOCK_LEASE) + 1

    # weak=False: the receiver is a closure, kept alive by the signal itself.
    worker_ready.connect(ready, weak=False)


def load_model_before_fork(app: Celery, nlu: ModelOnFirstParse) -> None:
    """The worker's main process loads the NLU model before it starts its pool, and every
    pool process it forks has it from the start.

    Loaded by each pool process instead (on its first task), a restarted worker's processes
    each paid spaCy's import and the model's load, all at once on a busy machine, before the
    first answer (bench/crash_recovery.py); once in the parent, and shared by fork, it costs
    a single load's CPU and memory. No thread runs while it loads, so the fork is safe."""

    def init(sender: object = None, **_: object) -> None:
        if getattr(sender, "app", None) is app:  # another app's worker (tests run several)
            nlu.load()

    # weak=False: the receiver is a closure, kept alive by the signal itself.
    worker_init.connect(init, weak=False)


def register_tasks(app: Celery, settings: Settings, now: dt.datetime | None = None) -> None:
    """Process due work, a conversation, the outbox, intake invitations and the retention purge."""
    # One event loop per worker process, and one runtime per practice, made by the first task
    # that needs it.
    loops: list[asyncio.AbstractEventLoop] = []
    nlu = ModelOnFirstParse()
    practices = PracticeRuntimes(settings, now, nlu=nlu)
    load_model_before_fork(app, nlu)

    def run(coro_factory: Callable[[], Awaitable[T]]) -> T:
        if not loops:
            # uvloop where installed, as `serve`: a turn's many small database and FHIR
            # round trips cost less on it.
            loops.append((fast_loop_factory() or asyncio.new_event_loop)())
        return loops[0].run_until_complete(coro_factory())

    async def each_practice(work: Callable[[Runtime], Awaitable[int]], job: str) -> int:
        """`work` for every practice; a practice whose work fails is logged (and its work
        found again by the next round), the others' still runs. Raises if every one failed."""
        total, failures = 0, list[Exception]()
        runtimes = await practices.every()
        for rt in runtimes:
            try:
                total += await work(rt)
            except Exception as e:  # noqa: BLE001 - one practice down must not stop the rest
                failures.append(e)
                bind(log, job=job, practice=rt.settings.practice_id).failure("failed", e)
        if failures and len(failures) == len(runtimes):
            raise failures[-1]
        return total

    def channels_of(rt: Runtime) -> Channels:
        if rt.channels is None:  # build() always makes them; a runtime without is a bug
            raise RuntimeError("the worker's runtime has no channels to send the outbox with")
        return rt.channels

    @app.task(name=PROCESS_DUE)
    def process_due() -> int:
        # The replies are sent as each conversation's are written, as process_conversation's
        # are: a worker's catch-up after a restart answers the messages it finds then, not
        # on beat's next send_outbox round (nor never, in a deployment without beat).
        waits: dict[str, float] = {}  # by practice: seconds until a put-off reply is due

        async def go() -> int:
            async def due(rt: Runtime) -> int:
                practice = rt.settings.practice_id

                async def send(_: list[Outbound]) -> None:
                    done = await channels_of(rt).sender.drain()
                    if done.wake_at is not None:
                        wait = (done.wake_at - rt.clock.now()).total_seconds()
                        waits[practice] = min(wait, waits.get(practice, wait))

                return int(await rt.assistant.process_due(replies_written=send))

            return await each_practice(due, "process-due")

        produced = int(run(go))
        for practice, wait in waits.items():  # a reply put off: the sender runs again then
            send_outbox.apply_async((practice,), countdown=max(wait, 0.0))
        return produced

    @app.task(name=PROCESS_CONVERSATION)
    def process_conversation(conversation_id: str, practice_id: str | None = None) -> int:
        # `practice_id`: the practice whose address received the message (a task queued
        # before practices carried one is the first practice's, the only one there was).
        # One task per turn: the replies of each message are sent from here as soon as they
        # are written, rather than by a second task (a broker round trip and a task's
        # overhead per turn, queued behind other conversations' tasks).
        wake_at: list[dt.datetime] = []
        ran: list[Runtime] = []
        retry_at: list[dt.datetime | None] = []

        async def go() -> int:
            rt = await practices.of(practice_id)
            ran.append(rt)

            async def send(_: list[Outbound]) -> None:
                try:
                    done = await channels_of(rt).sender.drain()
                except Exception:
                    wake_at.append(rt.clock.now())  # another sender tries at once
                    raise
                if done.wake_at is not None:
                    wake_at.append(done.wake_at)

            handled = await rt.assistant.process(conversation_id, send, hand_over=True)
            retry_at.append(handled.retry_at)
            return len(handled.replies)

        produced = int(run(go))
        rt = ran[0]
        if wake_at:  # a reply put off (a retry, a send slot): the sender runs again then
            wait = (min(wake_at) - rt.clock.now()).total_seconds()
            send_outbox.apply_async((rt.settings.practice_id,), countdown=max(wait, 0.0))
        if retry_at and retry_at[0] is not None:
            # A message kept for a retry (the record system down, an unexpected failure): its
            # conversation again when it is due, not up to a beat interval later (beat's
            # process_due still finds it if this task is lost).
            wait = (retry_at[0] - rt.clock.now()).total_seconds()
            process_conversation.apply_async(
                (conversation_id, practice_id), countdown=max(wait, 0.0)
            )
        return produced

    @app.task(name=SEND_OUTBOX)
    def send_outbox(practice_id: str | None = None) -> int:
        # Each practice sends its own messages from its own numbers; None (beat): every one.
        waits: dict[str, float] = {}

        async def go() -> int:
            async def drain(rt: Runtime) -> int:
                done = await channels_of(rt).sender.drain()
                if done.more:  # stopped at its bound: the rest now, in a task of its own
                    waits[rt.settings.practice_id] = 0.0
                elif done.wake_at is not None:
                    waits[rt.settings.practice_id] = (done.wake_at - rt.clock.now()).total_seconds()
                return int(done.sent)

            if practice_id is not None:
                return await drain(await practices.of(practice_id))
            return await each_practice(drain, "send-outbox")

        sent = run(go)
        for practice, wait in waits.items():
            send_outbox.apply_async((practice,), countdown=max(wait, 0.0))
        return int(sent)

    @app.task(name=INVITE_TO_INTAKE)
    def invite_to_intake() -> int:
        async def go() -> int:
            async def invite(rt: Runtime) -> int:
                return int(await rt.outreach.run_due()) if rt.outreach else 0

            return await each_practice(invite, "invite-to-intake")

        invited = int(run(go))
        if invited:
            send_outbox.delay()
        return invited

    @app.task(name=POLL_RESULTS)
    def poll_results() -> int:
        async def go() -> int:
            async def poll(rt: Runtime) -> int:
                return int(await rt.results_outreach.poll()) if rt.results_outreach else 0

            return await each_practice(poll, "poll-results")

        told = int(run(go))
        if told:
            send_outbox.delay()
        return told

    @app.task(name=RUN_JOBS)
    def run_jobs() -> int:
        # The same scan as `jobs run-due` and the in-process runner; two workers running it
        # at once claim different jobs (SKIP LOCKED), and a killed one's lease lapses.
        # Each practice's jobs run under its own settings (time zone, quiet hours).
        async def go() -> int:
            async def jobs(rt: Runtime) -> int:
                return (await run_due_jobs(rt)).get("done", 0)

            return await each_practice(jobs, "run-jobs")

        done = int(run(go))
        if done:
            send_outbox.delay()
        return done

    @app.task(name=PURGE_EXPIRED)
    def purge_expired() -> int:
        async def go() -> int:
            async def purged(rt: Runtime) -> int:
                reports = await purge(
                    rt.storage,
                    [rt.settings.practice_id],
                    settings.message_retention_days,
                    rt.clock.now(),
                )
                return sum(r.inbound + r.outbound for r in reports.values())

            return await each_practice(purged, "purge-expired")

        return int(run(go))
