"""The Celery worker's tasks: each runs its job on a runtime built once per worker process.

The app's configuration and task names are in `adapters/celery_app.py`; the tasks are
registered here, beside the composition root they build the runtime with, so the adapter
never imports it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TypeVar

from celery import Celery

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
from bot.messages import Outbound
from bot.retention import purge_expired as purge
from patient_assistant.bootstrap import Runtime, build, make_clock
from patient_assistant.channels import Channels
from patient_assistant.jobs import run_due_jobs
from patient_assistant.serve_loop import fast_loop_factory
from patient_assistant.settings import Settings

T = TypeVar("T")


def worker_app(settings: Settings, now: dt.datetime | None = None) -> Celery:
    """The Celery app with its tasks, for `patient-assistant worker` and `beat`; `now` starts
    the worker's clock there (`worker --now`, as `serve --now`: travel in time)."""
    app = make_celery(settings)
    register_tasks(app, settings, now)
    return app


def register_tasks(app: Celery, settings: Settings, now: dt.datetime | None = None) -> None:
    """Process due work, a conversation, the outbox, intake invitations and the retention purge."""
    # One event loop and one runtime per worker process, made by its first task.
    loops: list[asyncio.AbstractEventLoop] = []
    runtimes: list[Runtime] = []

    def run(coro_factory: Callable[[], Awaitable[T]]) -> T:
        if not loops:
            # uvloop where installed, as `serve`: a turn's many small database and FHIR
            # round trips cost less on it.
            loops.append((fast_loop_factory() or asyncio.new_event_loop)())
        return loops[0].run_until_complete(coro_factory())

    async def runtime() -> Runtime:
        if not runtimes:
            if not settings.fhir_base_url:
                raise RuntimeError("FHIR_BASE_URL must be set for Celery workers")
            runtimes.append(
                await build(settings, fhir_base_url=settings.fhir_base_url, clock=make_clock(now))
            )
        return runtimes[0]

    def channels_of(rt: Runtime) -> Channels:
        if rt.channels is None:  # build() always makes them; a runtime without is a bug
            raise RuntimeError("the worker's runtime has no channels to send the outbox with")
        return rt.channels

    @app.task(name=PROCESS_DUE)
    def process_due() -> int:
        async def go() -> int:
            return int(await (await runtime()).assistant.process_due())

        return int(run(go))

    @app.task(name=PROCESS_CONVERSATION)
    def process_conversation(conversation_id: str) -> int:
        # One task per turn: the replies of each message are sent from here as soon as they
        # are written, rather than by a second task (a broker round trip and a task's
        # overhead per turn, queued behind other conversations' tasks).
        wake_at: list[dt.datetime] = []

        async def go() -> int:
            rt = await runtime()

            async def send(_: list[Outbound]) -> None:
                try:
                    done = await channels_of(rt).sender.drain()
                except Exception:
                    wake_at.append(rt.clock.now())  # another sender tries at once
                    raise
                if done.wake_at is not None:
                    wake_at.append(done.wake_at)

            handled = await rt.assistant.process(conversation_id, send, hand_over=True)
            return len(handled.replies)

        produced = int(run(go))
        if wake_at:  # a reply put off (a retry, a send slot): the sender runs again then
            wait = (min(wake_at) - runtimes[0].clock.now()).total_seconds()
            send_outbox.apply_async(countdown=max(wait, 0.0))
        return produced

    @app.task(name=SEND_OUTBOX)
    def send_outbox() -> int:
        async def go() -> tuple[int, float | None]:
            rt = await runtime()
            done = await channels_of(rt).sender.drain()
            wait = None if done.wake_at is None else (done.wake_at - rt.clock.now()).total_seconds()
            return done.sent, wait

        sent, wait = run(go)
        if wait is not None:
            send_outbox.apply_async(countdown=max(wait, 0.0))
        return int(sent)

    @app.task(name=INVITE_TO_INTAKE)
    def invite_to_intake() -> int:
        async def go() -> int:
            rt = await runtime()
            return int(await rt.outreach.run_due()) if rt.outreach else 0

        invited = int(run(go))
        if invited:
            send_outbox.delay()
        return invited

    @app.task(name=POLL_RESULTS)
    def poll_results() -> int:
        async def go() -> int:
            rt = await runtime()
            return int(await rt.results_outreach.poll()) if rt.results_outreach else 0

        told = int(run(go))
        if told:
            send_outbox.delay()
        return told

    @app.task(name=RUN_JOBS)
    def run_jobs() -> int:
        # The same scan as `jobs run-due` and the in-process runner; two workers running it
        # at once claim different jobs (SKIP LOCKED), and a killed one's lease lapses.
        async def go() -> int:
            return (await run_due_jobs(await runtime())).get("done", 0)

        done = int(run(go))
        if done:
            send_outbox.delay()
        return done

    @app.task(name=PURGE_EXPIRED)
    def purge_expired() -> int:
        async def go() -> int:
            rt = await runtime()
            reports = await purge(
                rt.storage, [settings.practice_id], settings.message_retention_days, rt.clock.now()
            )
            return sum(r.inbound + r.outbound for r in reports.values())

        return int(run(go))
