"""Celery: the app of deployments with Redis, and the dispatcher that hands conversations to it.

This module configures Celery and names its tasks; the tasks themselves need the whole runtime
and are registered by the composition root's side (`patient_assistant/worker.py`), so that no
adapter imports it. Beat asks for `process_due`, `send_outbox` and `purge_expired` on the BEAT_* intervals of
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
from typing import Protocol

from celery import Celery

PROCESS_DUE = "patient_assistant.process_due"
PROCESS_CONVERSATION = "patient_assistant.process_conversation"
SEND_OUTBOX = "patient_assistant.send_outbox"
PURGE_EXPIRED = "patient_assistant.purge_expired"
INVITE_TO_INTAKE = "patient_assistant.invite_to_intake"
#: How often beat looks for new patient visits whose patients are to be invited to the intake form.
INVITE_EVERY_SECONDS = 60.0


class CelerySettings(Protocol):
    """What Celery is configured from: patient_assistant.settings.Settings, named here by its
    fields because an adapter does not import the composition root's side."""

    @property
    def redis_url(self) -> str | None: ...
    @property
    def redis_key_prefix(self) -> str: ...
    @property
    def celery_queue(self) -> str: ...
    @property
    def beat_process_due_seconds(self) -> float: ...
    @property
    def beat_send_outbox_seconds(self) -> float: ...
    @property
    def beat_purge_seconds(self) -> float: ...


def make_celery(settings: CelerySettings) -> Celery:
    """The Celery app for these settings, without its tasks (enough to send them by name)."""
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
    return app


class CeleryDispatcher:
    """Hands received conversations to Celery workers (`bot.ports.Dispatcher`)."""

    def __init__(self, app: Celery) -> None:
        self.app = app

    async def conversation_received(self, conversation_id: str) -> None:
        # Publishing is a blocking broker call: keep it off the event loop.
        await asyncio.to_thread(self.app.send_task, PROCESS_CONVERSATION, args=[conversation_id])

    async def aclose(self) -> None:
        await asyncio.to_thread(self.app.close)
