"""Telegram long polling (`serve --telegram-polling`): the same recording, deduplication and
ordering as the webhook, without a public URL."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from adapters.telegram.polling import TelegramPoller
from tests.channels.processes import isolated_env, processes
from tests.channels.rig import Rig
from tests.channels.test_telegram import text_update
from tests.support.fhir import SeededServer
from tests.support.standins import TELEGRAM_TOKEN, StandIn, free_port, queue_update

CHAT = 880001


def poller(rig: Rig) -> TelegramPoller:
    assert rig.channels.telegram is not None
    return TelegramPoller(
        rig.channels.telegram,
        rig.runtime.assistant,
        rig.channels.dispatcher,
        "riverside",
        rig.clock,
        poll_timeout=1,
    )


@pytest.mark.postgres
async def test_polled_updates_are_answered_in_order_and_once(rig: Rig) -> None:
    for update_id, text in ((10, "hi"), (11, "help"), (12, "thank you")):
        queue_update(rig.telegram, text_update(update_id, text, chat=CHAT))
    first = poller(rig)
    assert await first.poll_once() == 3
    assert await poller(rig).poll_once() == 0  # a restarted poller sees them again: recorded once
    await rig.settle()
    assert await first.poll_once() == 0  # the offset moved past them
    replies = [r.fields["text"] for r in rig.telegram.sent("sendMessage")]
    assert len(replies) == 3
    assert "Riverside" in replies[0] and "For help call" in replies[1] and "welcome" in replies[2]


@pytest.mark.postgres
async def test_the_poller_runs_until_stopped(rig: Rig) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(poller(rig).run(stop))
    queue_update(rig.telegram, text_update(20, "hi", chat=CHAT))
    for _ in range(100):  # bounded: 5 s
        await asyncio.sleep(0.05)
        await rig.settle()
        if rig.telegram.sent("sendMessage"):
            break
    stop.set()
    await asyncio.wait_for(task, 5)
    assert next(r.path for r in rig.telegram.requests) == "deleteWebhook"
    assert len(rig.telegram.sent("sendMessage")) == 1


@pytest.mark.slow
async def test_serve_with_telegram_polling_answers_without_a_webhook(
    telegram_api: StandIn, fhir_sandbox: SeededServer, nlu: object, tmp_path: Path
) -> None:
    env = isolated_env(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'pa.db'}",
        FHIR_BASE_URL=fhir_sandbox.base_url,
        SECRET_KEY="test-secret-key-0123456789",
        TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN,
        TELEGRAM_API_BASE_URL=telegram_api.base_url,
    )
    del env["REDIS_URL"]  # the embedded default: in-process processing and sending
    with processes(env, tmp_path) as running:
        await asyncio.to_thread(running.api, free_port(), "--telegram-polling")
        queue_update(telegram_api, text_update(30, "hi", chat=CHAT))
        deadline = time.monotonic() + 60
        while not telegram_api.sent("sendMessage") and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    [reply] = telegram_api.sent("sendMessage")
    assert reply.fields["chat_id"] == str(CHAT) and "Riverside" in reply.fields["text"]
