"""`patient-assistant serve` and `demo`: the API under uvicorn, with the in-process job runner."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import secrets
import sys
from typing import TYPE_CHECKING

import uvicorn

from api.app import create_app
from bot.retention import purge_periodically
from patient_assistant.bootstrap import (
    ModelOnFirstParse,
    Runtime,
    build,
    make_clock,
    register_results_subscription,
)
from patient_assistant.demo_practices import demo_practices
from patient_assistant.deployment import Deployment
from patient_assistant.jobs import InProcessJobs
from patient_assistant.practices import configured_practices, practice_settings
from patient_assistant.sandbox_access import fhir_server
from patient_assistant.serve_loop import fast_loop_factory
from patient_assistant.settings import Settings
from patient_assistant.turn_process import TurnProcess, reproducible
from patient_assistant.turn_thread import ThreadDispatcher, ThreadSender, TurnThread

if TYPE_CHECKING:
    from domain.ports import Clock

#: How long a stopping API lets open requests finish (a staff event stream never does).
SHUTDOWN_GRACE_SECONDS = 10


async def serve(
    settings: Settings,
    host: str,
    port: int,
    now: dt.datetime | None,
    demo: bool,
    telegram_polling: bool = False,
) -> None:
    if demo and not settings.results_subscription_secret:
        # The demo shows results found by Subscription: a secret of its own for this run.
        settings = settings.model_copy(
            update={"results_subscription_secret": secrets.token_urlsafe(24)}
        )
    async with contextlib.AsyncExitStack() as stack:
        practices = await configured_practices(settings)
        if demo and not practices and not settings.fhir_base_url:
            # The demo's two practices, each on a sandbox of its own (docs/demo-practice.md).
            practices = await stack.enter_async_context(demo_practices(settings, now))
        # One practice of the environment: its FHIR_BASE_URL, or the seeded sandbox.
        base_url = "" if practices else await stack.enter_async_context(fhir_server(settings, now))
        jobs: list[InProcessJobs] = []
        stop_polling = asyncio.Event()
        web_chat = demo or settings.environment != "production"
        background: list[asyncio.Task[None]] = []

        async def start_practice(
            settings: Settings, base_url: str, one_of_several: bool = False
        ) -> Runtime:
            # With Redis, workers process the conversations, and embedded the turns' child
            # process (TurnProcess) loads a model of its own: unless the web chat is on (it
            # converses in this process), the API parses only on request (the NLU endpoint,
            # the flow editor's try-it), so a restarted API spends no CPU on a model the
            # workers need (bench/crash_recovery.py), and an embedded one no second load of it
            # (bench/startup.py). Otherwise it loads beside start-up.
            clock = make_clock(now)
            turns_elsewhere = bool(settings.redis_url) or (
                turns_in_process(settings, clock) and not web_chat
            )
            nlu = ModelOnFirstParse() if turns_elsewhere else None
            runtime = await build(settings, fhir_base_url=base_url, clock=clock, nlu=nlu)
            if not settings.redis_url:
                # Embedded default: conversations, retries and other due work are processed
                # in a child process (or on a thread of this one), so webhooks stay fast.
                turns = await start_turns(runtime, base_url)
                jobs.append(InProcessJobs(runtime, due=turns.run_due))
                jobs[-1].start()
            channels = runtime.channels
            if channels is not None and channels.loop is not None:
                channels.loop.start()  # the in-process outbox sender
                background.append(
                    asyncio.create_task(
                        purge_periodically(
                            runtime.storage,
                            [settings.practice_id],
                            settings.message_retention_days,
                            runtime.clock,
                        ),
                        name="retention-purge",
                    )
                )
            # The demo's API is where it listens; a deployment's is PUBLIC_BASE_URL.
            local = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{port}"
            await register_results_subscription(
                runtime, local if demo else settings.public_base_url, per_practice=one_of_several
            )
            if telegram_polling:
                background.append(
                    asyncio.create_task(
                        _poll_telegram(runtime, stop_polling), name="telegram-polling"
                    )
                )
            return runtime

        async def runtime_factory() -> Runtime | Deployment:
            if not practices:  # configured by environment variables only: one practice
                runtime = await start_practice(settings, base_url)
                await hand_over_leftovers(runtime)
                return runtime
            # With REDIS_URL, the Celery workers build each practice's runtime themselves
            # (patient_assistant/practice_runtimes.py); the tasks carry the practice.
            started = [
                (p, await start_practice(practice_settings(settings, p), p.fhir_base_url, True))
                for p in practices
            ]
            await hand_over_leftovers(started[0][1])  # the task runs for every practice
            return Deployment.of(started)

        app = create_app(
            settings,
            runtime_factory,
            web_chat=web_chat,
            telegram_polling=telegram_polling,
        )
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            # Staff event streams never end by themselves; without a bound, uvicorn's shutdown
            # waited on every open console forever. The consoles reconnect elsewhere.
            timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        )
        server = uvicorn.Server(config)
        if demo:
            for practice in practices:
                print(f"FHIR sandbox of {practice.name}: {practice.fhir_base_url}", flush=True)
            if base_url:
                print(f"FHIR sandbox: {base_url}", flush=True)
            print(f"Web chat:     http://{host}:{port}/chat", flush=True)
            print(f"API docs:     http://{host}:{port}/docs", flush=True)
            print("Ctrl-C stops.", file=sys.stderr, flush=True)
        try:
            await server.serve()
        finally:
            # Cancelling is safe: a polled update is only acknowledged once it is recorded.
            stop_polling.set()
            for task in background:
                task.cancel()
            await asyncio.gather(*background, return_exceptions=True)
            for job in jobs:
                await job.stop()


async def hand_over_leftovers(runtime: Runtime) -> None:
    """With Celery workers, ask one at once for the pending messages: an API killed between
    recording a message and handing it over left it pending, and the provider's retry of
    that webhook is answered as a duplicate, so nothing else asks before beat's next
    `process_due` round (bench/crash_recovery.py). Embedded turns look for them as they
    start."""
    if not runtime.settings.redis_url:
        return
    from adapters.celery_app import CeleryDispatcher  # Celery is imported only with Redis

    dispatcher = runtime.channels.dispatcher if runtime.channels is not None else None
    if isinstance(dispatcher, CeleryDispatcher):
        await dispatcher.leftovers()


def turns_in_process(settings: Settings, clock: Clock) -> bool:
    """Whether an embedded API's turns run in a TurnProcess (else on a TurnThread)."""
    return settings.embedded_turns == "process" and reproducible(clock)


async def start_turns(runtime: Runtime, fhir_base_url: str) -> TurnThread | TurnProcess:
    """Move the runtime's conversation processing and outbox sending to a TurnProcess, or a
    TurnThread (`EMBEDDED_TURNS`): the API's loop is left with the webhooks."""
    channels = runtime.channels
    assert channels is not None and channels.loop is not None
    turns: TurnThread | TurnProcess
    if turns_in_process(runtime.settings, runtime.clock):
        turns = TurnProcess(runtime.settings, fhir_base_url, clock=runtime.clock)
    else:
        turns = TurnThread(runtime.settings, fhir_base_url, runtime.nlu, clock=runtime.clock)
    await turns.start()
    # The in-loop dispatcher and sender it replaces have done nothing yet.
    await channels.dispatcher.aclose()
    await channels.loop.stop()
    channels.dispatcher = ThreadDispatcher(turns)
    channels.loop = ThreadSender(turns)
    return turns


async def _poll_telegram(runtime: Runtime, stop: asyncio.Event) -> None:
    from adapters.telegram.polling import TelegramPoller

    channels = runtime.channels
    if channels is None or channels.telegram is None:
        raise RuntimeError("--telegram-polling needs TELEGRAM_BOT_TOKEN")
    poller = TelegramPoller(
        channels.telegram,
        runtime.assistant,
        channels.dispatcher,
        runtime.settings.practice_id,
        runtime.clock,
    )
    await poller.run(stop)


def main(
    settings: Settings,
    host: str,
    port: int,
    now: dt.datetime | None = None,
    demo: bool = False,
    telegram_polling: bool = False,
) -> int:
    try:
        with asyncio.Runner(loop_factory=fast_loop_factory()) as runner:
            runner.run(serve(settings, host, port, now, demo, telegram_polling))
    except KeyboardInterrupt:
        return 130
    return 0
