"""Telegram: secret-checked webhook, replies through the real aiogram Bot to the stand-in."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from bot.messages import Outbound
from bot.ports import OutboxRecord
from tests.channels.rig import Rig
from tests.support.standins import telegram_error

pytestmark = pytest.mark.postgres
CHAT = 777001


def text_update(update_id: int, text: str, chat: int = CHAT) -> dict[str, Any]:
    message = {
        "message_id": update_id,
        "date": 1772460000,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "Maria"},
        "text": text,
    }
    return {"update_id": update_id, "message": message}


async def enqueue(rig: Rig, outbound: Outbound, chat: int = CHAT) -> None:
    async with rig.runtime.storage.unit_of_work() as uow:
        await uow.outbox.enqueue(
            OutboxRecord(
                id=uuid.uuid4().hex,
                practice_id="riverside",
                conversation_id=None,
                channel="telegram",
                address=str(chat),
                payload=outbound.to_json(),
                created_at=rig.clock.now(),
                purpose="notification",
            )
        )


async def test_an_update_with_the_right_secret_gets_a_reply(rig: Rig) -> None:
    assert (await rig.telegram_update(text_update(1, "hi"))).status_code == 204
    await rig.settle()
    [sent] = rig.telegram.sent("sendMessage")
    assert sent.fields["chat_id"] == str(CHAT) and "Riverside" in sent.fields["text"]


async def test_without_the_secret_it_is_403_and_nothing_is_recorded(rig: Rig) -> None:
    answers = [
        await rig.telegram_update(text_update(2, "hi"), secret=None),
        await rig.telegram_update(text_update(2, "hi"), secret="telegram-secret-0123456788"),
    ]
    assert [a.status_code for a in answers] == [403, 403]
    await rig.settle()
    assert rig.telegram.requests == []
    async with rig.runtime.storage.unit_of_work() as uow:
        assert await uow.inbox.last_received_at("riverside", "telegram", str(CHAT)) is None


async def test_redelivered_updates_are_answered_once(rig: Rig) -> None:
    for _ in range(5):
        await rig.telegram_update(text_update(3, "hi"))
    await rig.settle()
    assert len(rig.telegram.sent("sendMessage")) == 1


async def test_choices_become_an_inline_keyboard_and_a_press_is_the_number(rig: Rig) -> None:
    await enqueue(rig, Outbound("Which time suits you?", choices=("Fri 9:00", "Fri 9:30")))
    await rig.settle()
    [sent] = rig.telegram.sent("sendMessage")
    keyboard = sent.fields["reply_markup"]["inline_keyboard"]
    assert [[(b["text"], b["callback_data"]) for b in row] for row in keyboard] == [
        [("1. Fri 9:00", "choice:1")],
        [("2. Fri 9:30", "choice:2")],
    ]
    assert "1." not in sent.fields["text"]  # the choices are buttons, not numbered text
    press = {
        "update_id": 4,
        "callback_query": {
            "id": "cb1",
            "chat_instance": "ci",
            "from": {"id": CHAT, "is_bot": False, "first_name": "Maria"},
            "data": "choice:2",
            "message": {
                "message_id": 1,
                "date": 1772460000,
                "chat": {"id": CHAT, "type": "private"},
            },
        },
    }
    answer = await rig.telegram_update(press)
    assert answer.json() == {
        "method": "answerCallbackQuery",
        "callback_query_id": "cb1",
    }  # stops the spinner
    async with rig.runtime.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create(
            "riverside", "telegram", str(CHAT), rig.clock.now()
        )
        events_before = await uow.conversations.events(conversation.id)
    await rig.settle()
    async with rig.runtime.storage.unit_of_work() as uow:
        [processed] = [
            e for e in await uow.conversations.events(conversation.id) if e not in events_before
        ]
    assert processed["kind"] == "message_processed"


async def test_retry_after_is_honoured_exactly(rig: Rig) -> None:
    rig.telegram.fail_next(429, telegram_error(429, retry_after=2))
    await enqueue(rig, Outbound("Your results are ready to discuss."))
    loop = rig.channels.loop
    assert loop is not None
    loop.start()  # the in-process sender: it sleeps until the retry falls due
    for _ in range(120):  # bounded: at most 6 s
        if rig.telegram.sent("sendMessage"):
            break
        await asyncio.sleep(0.05)
    first, second = rig.telegram.requests
    assert first.status == 429 and second.status == 200
    assert 2.0 <= second.at - first.at < 3.0
