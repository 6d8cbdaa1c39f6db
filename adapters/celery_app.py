"""Celery: the app of deployments with Redis, and the dispatcher that hands conversations to it.

This module configures Celery and names its tasks; the tasks themselves need the whole runtime
and are registered by the composition root's side (`patient_assistant/worker.py`), so that no
adapter imports it. Beat asks for `process_due`, `send_outbox` and `purge_expired` on the BEAT_* intervals of
the settings, and `invite_to_intake` every minute (patients with an upcoming new patient
visit are invited by message to fill in the intake form, bot/outreach.py); a worker runs
each for every practice, with a runtime per practice built once per worker process (the NLU
model and connections are not rebuilt per task).

Webhooks hand conversations over with `process_conversation` (the conversation and its
practice), which sends each message's
replies itself as soon as they are written (one task per turn); `send_outbox` runs on beat
as a safety net and for retries, and schedules itself for the earliest retry it set. Every key in Redis (broker, locks, rate limits) starts with
REDIS_KEY_PREFIX and tasks go to CELERY_QUEUE, so deployments (and tests) can share a Redis.
"""

from __future__ import annotations

import asyncio
import base64
import uuid
from typing import Any, Protocol

from celery import Celery
from kombu.utils.json import dumps
from redis.asyncio import Redis

PROCESS_DUE = "patient_assistant.process_due"
PROCESS_CONVERSATION = "patient_assistant.process_conversation"
SEND_OUTBOX = "patient_assistant.send_outbox"
PURGE_EXPIRED = "patient_assistant.purge_expired"
INVITE_TO_INTAKE = "patient_assistant.invite_to_intake"
#: How often beat looks for new patient visits whose patients are to be invited to the intake form.
INVITE_EVERY_SECONDS = 60.0
#: Polling for results that became ready: the fallback to (and safety net of) the Subscription.
POLL_RESULTS = "patient_assistant.poll_results"
POLL_RESULTS_EVERY_SECONDS = 60.0
#: The due-job scan (durable jobs: appointment reminders, bot/jobs.py). Beat only asks for a
#: scan; the jobs and their due times live in the database, never as Celery ETAs (which run
#: again after the broker's visibility timeout).
RUN_JOBS = "patient_assistant.run_jobs"
RUN_JOBS_EVERY_SECONDS = 30.0


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
            "global_keyprefix": broker_key_prefix(settings),
            "visibility_timeout": 300,
        },
        worker_hijack_root_logger=False,
        beat_schedule={
            "process-due": {"task": PROCESS_DUE, "schedule": settings.beat_process_due_seconds},
            "send-outbox": {"task": SEND_OUTBOX, "schedule": settings.beat_send_outbox_seconds},
            "purge-expired": {"task": PURGE_EXPIRED, "schedule": settings.beat_purge_seconds},
            # New patient visits booked by anyone (chat, phone, front desk): forms by message.
            "invite-to-intake": {"task": INVITE_TO_INTAKE, "schedule": INVITE_EVERY_SECONDS},
            "poll-results": {"task": POLL_RESULTS, "schedule": POLL_RESULTS_EVERY_SECONDS},
            "run-jobs": {"task": RUN_JOBS, "schedule": RUN_JOBS_EVERY_SECONDS},
        },
    )
    return app


def broker_key_prefix(settings: CelerySettings) -> str:
    """What kombu puts before each of its Redis keys (its queues are lists named after them)."""
    return f"{settings.redis_key_prefix}celery:"


class RedisTaskPublisher:
    """Sends Celery tasks by name with one LPUSH on the asyncio Redis client.

    Celery's own `send_task` goes through kombu's blocking Redis client, so on the event loop
    it needs a thread per call; under a reminder batch those hops cost more than the rest of a
    webhook. Celery builds the task message here (`amqp.as_task_v2`, protocol 2, no I/O) and
    the envelope is the one kombu's Redis transport pushes for a queue of default priority
    (tests/channels/test_celery_publish.py compares the two, and a worker runs what this sends).
    """

    def __init__(self, app: Celery, redis: Redis, key_prefix: str, queue: str) -> None:
        self.app, self.redis, self.queue = app, redis, queue
        self.key = key_prefix + queue  # the Redis list of the queue (priority 0)

    def envelope(self, name: str, args: list[Any]) -> str:
        task_id = str(uuid.uuid4())
        message = self.app.amqp.as_task_v2(
            task_id, name, args=tuple(args), origin="patient-assistant"
        )
        body = base64.b64encode(dumps(message.body).encode()).decode()
        return str(
            dumps(
                {
                    "body": body,
                    "content-encoding": "utf-8",
                    "content-type": "application/json",
                    "headers": message.headers,
                    "properties": {
                        **message.properties,
                        "delivery_mode": 2,  # persistent
                        "delivery_info": {"exchange": "", "routing_key": self.queue},
                        "priority": 0,
                        "body_encoding": "base64",
                        "delivery_tag": str(uuid.uuid4()),
                    },
                }
            )
        )

    async def send(self, name: str, args: list[Any]) -> None:
        await self.redis.lpush(self.key, self.envelope(name, args))


class CeleryDispatcher:
    """Hands received conversations to Celery workers (`bot.ports.Dispatcher`).

    If the publish fails the webhook fails too (the provider retries it), and the message,
    recorded before, stays pending: beat's `process_due` picks it up, so none is lost.

    The task carries the practice whose address received the message: the worker processes
    it with that practice's runtime (its FHIR server, its settings), never by guess."""

    def __init__(self, app: Celery, publisher: RedisTaskPublisher, practice_id: str) -> None:
        self.app, self.publisher, self.practice_id = app, publisher, practice_id

    async def conversation_received(self, conversation_id: str) -> None:
        await self.publisher.send(PROCESS_CONVERSATION, [conversation_id, self.practice_id])

    async def leftovers(self) -> None:
        """Ask a worker for every practice's pending messages (`process_due`), as an API
        starts: a killed one's messages recorded but never handed over are answered then,
        not on beat's next round (their provider's retries are duplicates, handed over no
        more)."""
        await self.publisher.send(PROCESS_DUE, [])

    async def aclose(self) -> None:
        await asyncio.to_thread(self.app.close)
