"""Celery: the worker and beat of deployments with Redis.

Beat asks for `process_due`, `send_outbox` and `purge_expired` on the BEAT_* intervals of
the settings, and `invite_to_intake` every minute (patients with an upcoming new patient
visit are invited by message to fill in the intake form, bot/outreach.py); a worker runs
each with a runtime built once per worker process (the NLU model and connections are not
rebuilt per task).

Webhooks hand conversations over with `process_conversation`; its replies are sent by
`send_outbox`, which also runs on beat as a safety net and schedules itself for the
earliest retry it set. Every key in Redis (broker, locks, rate limits) starts with
REDIS_KEY_PREFIX and tasks go to CELERY_QUEUE, so deployments (and tests) can share a Redis.
"""

from __future__ import annotations

import asyncio
from typing import Any

from celery import Celery

PROCESS_DUE = "patient_assistant.process_due"
PROCESS_CONVERSATION = "patient_assistant.process_conversation"
SEND_OUTBOX = "patient_assistant.send_outbox"
PURGE_EXPIRED = "patient_assistant.purge_expired"
INVITE_TO_INTAKE = "patient_assistant.invite_to_intake"
#: How often beat looks for new patient visits whose patients are to be invited to the intake form.
INVITE_EVERY_SECONDS = 60.0


def make_celery(settings: Any) -> Celery:
    """The Celery app for these settings. `settings` is patient_assistant.settings.Settings."""
    if not settings.redis_url:
        raise RuntimeError(
            "REDIS_URL is not set: without Redis the API runs jobs in process (serve, demo)"
        )
    app = Celery("patient_assistant", broker=settings.redis_url)
    app.conf.update(
        task_acks_late=True,  # a worker killed mid-task leaves the task for another worker
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        task_default_queue=settings.celery_queue,
        broker_transport_options={
            "global_keyprefix": f"{settings.redis_key_prefix}celery:",
            "visibility_timeout": 300,
        },
        worker_hijack_root_logger=False,
        beat_schedule={
            "process-due": {"task": PROCESS_DUE, "schedule": settings.beat_process_due_seconds},
            "send-outbox": {"task": SEND_OUTBOX, "schedule": settings.beat_send_outbox_seconds},
            "purge-expired": {"task": PURGE_EXPIRED, "schedule": settings.beat_purge_seconds},
            # New patient visits booked by anyone (chat, phone, front desk): forms by message.
            "invite-to-intake": {"task": INVITE_TO_INTAKE, "schedule": INVITE_EVERY_SECONDS},
        },
    )
    worker_state: dict[str, Any] = {}

    def run(coro_factory: Any) -> Any:
        loop = worker_state.get("loop")
        if loop is None:
            loop = worker_state["loop"] = asyncio.new_event_loop()
        return loop.run_until_complete(coro_factory())

    async def runtime() -> Any:
        if "runtime" not in worker_state:
            from patient_assistant.bootstrap import build

            if not settings.fhir_base_url:
                raise RuntimeError("FHIR_BASE_URL must be set for Celery workers")
            worker_state["runtime"] = await build(settings, fhir_base_url=settings.fhir_base_url)
        return worker_state["runtime"]

    @app.task(name=PROCESS_DUE)
    def process_due() -> int:
        async def go() -> int:
            return int(await (await runtime()).assistant.process_due())

        return int(run(go))

    @app.task(name=PROCESS_CONVERSATION)
    def process_conversation(conversation_id: str) -> int:
        async def go() -> int:
            return len((await (await runtime()).assistant.process(conversation_id)).replies)

        produced = int(run(go))
        if produced:
            send_outbox.delay()
        return produced

    @app.task(name=SEND_OUTBOX)
    def send_outbox() -> int:
        async def go() -> tuple[int, float | None]:
            rt = await runtime()
            done = await rt.channels.sender.drain()
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

    @app.task(name=PURGE_EXPIRED)
    def purge_expired() -> int:
        async def go() -> int:
            from bot.retention import purge_expired as purge

            rt = await runtime()
            reports = await purge(
                rt.storage, [settings.practice_id], settings.message_retention_days, rt.clock.now()
            )
            return sum(r.inbound + r.outbound for r in reports.values())

        return int(run(go))

    return app


class CeleryDispatcher:
    """Hands received conversations to Celery workers (`bot.dispatch.Dispatcher`)."""

    def __init__(self, app: Celery) -> None:
        self.app = app

    async def conversation_received(self, conversation_id: str) -> None:
        # Publishing is a blocking broker call: keep it off the event loop.
        await asyncio.to_thread(self.app.send_task, PROCESS_CONVERSATION, args=[conversation_id])

    async def aclose(self) -> None:
        await asyncio.to_thread(self.app.close)
