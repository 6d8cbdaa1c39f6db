"""Celery: the worker and beat of deployments with Redis.

Beat asks for `process_due` every few seconds; a worker runs it with a runtime built once
per worker process (the NLU model and connections are not rebuilt per task).
"""

from __future__ import annotations

import asyncio
from typing import Any

from celery import Celery

PROCESS_DUE = "patient_assistant.process_due"
PROCESS_CONVERSATION = "patient_assistant.process_conversation"


def make_celery(settings: Any) -> Celery:
    """The Celery app for these settings. `settings` is patient_assistant.settings.Settings."""
    if not settings.redis_url:
        raise RuntimeError("REDIS_URL is not set: without Redis the API runs jobs in process (serve, demo)")
    app = Celery("patient_assistant", broker=settings.redis_url)
    app.conf.update(
        task_acks_late=True,  # a worker killed mid-task leaves the task for another worker
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
        beat_schedule={"process-due": {"task": PROCESS_DUE, "schedule": 15.0}},
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

        return int(run(go))

    return app
