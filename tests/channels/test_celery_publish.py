"""Webhooks hand conversations to Celery with one asyncio LPUSH (adapters/celery_app.py), not
through kombu's blocking client: what they push must read, for kombu and Celery, exactly as
what `send_task` pushes. (test_ordering.py and test_worker_kill.py run real workers on it.)"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from redis.asyncio import Redis

from adapters.celery_app import (
    PROCESS_CONVERSATION,
    RedisTaskPublisher,
    broker_key_prefix,
    make_celery,
)
from patient_assistant.settings import Settings

pytestmark = [pytest.mark.redis]
REDIS = "redis://127.0.0.1:6379/0"


def received(app: Any, queue: str, count: int) -> list[tuple[dict[str, Any], Any]]:
    """(headers, decoded body) of `count` messages, read with kombu's own consumer."""
    out = []
    with app.connection_for_read() as connection:
        simple = connection.SimpleQueue(queue)
        try:
            for _ in range(count):
                message = simple.get(timeout=10)
                out.append((message.headers, message.decode()))
                message.ack()
        finally:
            simple.close()
    return out


async def test_a_published_conversation_reads_as_celery_s_own_message() -> None:
    run = uuid.uuid4().hex[:10]
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        secret_key="test-secret-key-0123456789",
        redis_url=REDIS,
        redis_key_prefix=f"pa-test-{run}:",
        celery_queue=f"pa-test-{run}",
    )
    app = make_celery(settings)
    redis = Redis.from_url(REDIS)
    publisher = RedisTaskPublisher(app, redis, broker_key_prefix(settings), settings.celery_queue)
    try:
        await asyncio.to_thread(app.send_task, PROCESS_CONVERSATION, args=["by-celery"])
        await publisher.send(PROCESS_CONVERSATION, ["by-publisher"])
        ours_raw = await redis.lindex(publisher.key, 0)
        theirs_raw = await redis.lindex(publisher.key, 1)
        assert ours_raw and theirs_raw

        messages = await asyncio.to_thread(received, app, settings.celery_queue, 2)
        (theirs_headers, theirs_body), (ours_headers, ours_body) = messages
        assert theirs_body[0] == ["by-celery"] and ours_body[0] == ["by-publisher"]
        assert ours_body[1:] == theirs_body[1:]
        assert ours_headers["task"] == theirs_headers["task"] == PROCESS_CONVERSATION
        assert set(ours_headers) == set(theirs_headers)
    finally:
        async for key in redis.scan_iter(match=f"pa-test-{run}:*"):
            await redis.delete(key)
        await redis.aclose()
        await asyncio.to_thread(app.close)
