"""Carrier keywords on every channel, and the opt-out list the sender enforces."""

from __future__ import annotations

import uuid

import pytest

from bot.messages import Outbound
from bot.ports import OutboxRecord
from tests.channels.rig import MARIA, Rig
from tests.support.standins import twilio_error

pytestmark = pytest.mark.postgres


async def remind(rig: Rig, address: str = MARIA, channel: str = "sms") -> str:
    """A proactive message (a reminder) put in the outbox, as the reminder jobs do."""
    message = OutboxRecord(
        id=uuid.uuid4().hex,
        practice_id="riverside",
        conversation_id=None,
        channel=channel,
        address=address,
        payload=Outbound("Riverside Family Clinic: you have an appointment tomorrow.").to_json(),
        created_at=rig.clock.now(),
        purpose="notification",
    )
    async with rig.runtime.storage.unit_of_work() as uow:
        await uow.outbox.enqueue(message)
    return message.id


async def test_after_stop_nothing_is_sent_reminders_included_until_start(rig: Rig) -> None:
    await rig.sms("hi")
    await rig.settle()
    await rig.sms("STOP")
    await rig.settle()
    await rig.sms("Stop!")  # a second opt-out is not confirmed again
    await rig.sms("can I book a check-up on friday")
    await remind(rig)
    await remind(rig, channel="whatsapp")  # the opt-out is the number's, on every phone channel
    await rig.settle()
    _greeting, confirmation = rig.texts_to(MARIA)
    assert "unsubscribed" in confirmation and "START" in confirmation
    await rig.sms("START")
    await rig.settle()
    await remind(rig)
    await rig.sms("hi")
    await rig.settle()
    *_, resubscribed, reminder, hello = rig.texts_to(MARIA)
    assert len(rig.texts_to(MARIA)) == 5
    assert "subscribed again" in resubscribed
    assert "appointment tomorrow" in reminder and "Riverside" in hello


async def test_an_opt_out_holds_at_once_even_for_replies_already_queued(rig: Rig) -> None:
    await remind(rig)  # queued before the STOP arrives, not yet sent
    await rig.sms("UNSUBSCRIBE")
    await rig.settle()
    [confirmation] = rig.texts_to(MARIA)
    assert "unsubscribed" in confirmation


async def test_help_is_answered_and_keywords_work_on_telegram_too(rig: Rig) -> None:
    await rig.sms("help")
    await rig.settle()
    [help_text] = rig.texts_to(MARIA)
    assert "For help call" in help_text and "STOP" in help_text
    chat = {"id": 4242, "type": "private"}
    update = {
        "update_id": 9001,
        "message": {"message_id": 1, "date": 0, "chat": chat, "text": "stop"},
    }
    assert (await rig.telegram_update(update)).status_code == 204
    await rig.settle()
    await remind(rig, address="4242", channel="telegram")
    await rig.settle()
    [confirmation] = [r.fields["text"] for r in rig.telegram.sent("sendMessage")]
    assert "unsubscribed" in confirmation


async def test_twilio_21610_puts_the_number_on_the_opt_out_list(rig: Rig) -> None:
    rig.twilio.fail_next(400, twilio_error(21610))
    failed_id = await remind(rig)
    await rig.settle()
    await remind(rig)
    await rig.settle()
    assert rig.texts_to(MARIA) == []
    assert len(rig.twilio.requests) == 1  # the second was never tried
    async with rig.runtime.storage.unit_of_work() as uow:
        assert await uow.opt_outs.is_opted_out("riverside", MARIA)
        due = await uow.outbox.due(rig.clock.now(), 10)
    assert failed_id not in {m.id for m in due}
