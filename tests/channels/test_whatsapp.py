"""WhatsApp: free-form only within 24 hours of the patient's last message, else the approved
template; Twilio's 63016 switches to the template at once instead of retrying."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from bot.messages import Outbound
from bot.ports import OutboxRecord
from tests.channels.rig import MARIA, TEMPLATE_SID, WHATSAPP_FROM, Rig
from tests.support.standins import twilio_error

pytestmark = pytest.mark.postgres


async def notify(rig: Rig, outbound: Outbound) -> None:
    async with rig.runtime.storage.transaction() as tx:
        await tx.enqueue_outbound(OutboxRecord(
            id=uuid.uuid4().hex, practice_id="riverside", conversation_id=None, channel="whatsapp", address=MARIA,
            payload=outbound.to_json(), created_at=rig.clock.now(), purpose="notification"))


async def test_a_whatsapp_message_is_answered_free_form_with_numbered_choices(rig: Rig) -> None:
    await rig.post_twilio(rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp")
    await rig.settle()
    await notify(rig, Outbound("Which suits you?", choices=("Fri 9:00", "Fri 9:30")))
    await rig.settle()
    greeting, choice = rig.twilio.sent("Messages")
    assert (greeting.fields["To"], greeting.fields["From"]) == ("whatsapp:" + MARIA, "whatsapp:" + WHATSAPP_FROM)
    assert "Riverside" in greeting.fields["Body"] and "ContentSid" not in greeting.fields
    assert choice.fields["Body"] == "Which suits you?\n1. Fri 9:00\n2. Fri 9:30"


async def test_outside_the_24_hour_window_the_approved_template_is_sent(rig: Rig) -> None:
    await notify(rig, Outbound("Your appointment is tomorrow at 9:00."))  # she never wrote on WhatsApp
    await rig.settle()
    await rig.post_twilio(rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp")
    await rig.settle()
    rig.clock.advance(dt.timedelta(hours=25))
    await notify(rig, Outbound("Your appointment is tomorrow at 9:00."))
    await rig.settle()
    never, greeting, lapsed = rig.twilio.sent("Messages")
    for templated in (never, lapsed):
        assert templated.fields["ContentSid"] == TEMPLATE_SID and "Body" not in templated.fields
    assert "ContentSid" not in greeting.fields


async def test_63016_switches_to_the_template_instead_of_retrying(rig: Rig) -> None:
    await rig.post_twilio(rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp")
    rig.twilio.fail_next(400, twilio_error(63016))
    await rig.settle()
    refused, templated = rig.twilio.requests
    assert refused.status == 400 and "Body" in refused.fields
    assert templated.status == 201 and templated.fields["ContentSid"] == TEMPLATE_SID
