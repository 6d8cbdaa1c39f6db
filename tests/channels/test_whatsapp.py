"""WhatsApp: free-form only within 24 hours of the patient's last message, else the approved
template; Twilio's 63016 switches to the template at once instead of retrying; choices as an
interactive list (a list-picker Content template) when one is configured, and a pick read as
its number."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from bot.messages import Outbound
from bot.ports import OutboxRecord
from tests.channels.conftest import MakeRig
from tests.channels.rig import MARIA, TEMPLATE_SID, WHATSAPP_FROM, Rig
from tests.support.standins import twilio_error

pytestmark = pytest.mark.postgres


async def notify(rig: Rig, outbound: Outbound) -> None:
    async with rig.runtime.storage.unit_of_work() as uow:
        await uow.outbox.enqueue(
            OutboxRecord(
                id=uuid.uuid4().hex,
                practice_id="riverside",
                conversation_id=None,
                channel="whatsapp",
                address=MARIA,
                payload=outbound.to_json(),
                created_at=rig.clock.now(),
                purpose="notification",
            )
        )


async def test_a_whatsapp_message_is_answered_free_form_with_numbered_choices(rig: Rig) -> None:
    await rig.post_twilio(
        rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
    )
    await rig.settle()
    await notify(rig, Outbound("Which suits you?", choices=("Fri 9:00", "Fri 9:30")))
    await rig.settle()
    greeting, choice = rig.twilio.sent("Messages")
    assert (greeting.fields["To"], greeting.fields["From"]) == (
        "whatsapp:" + MARIA,
        "whatsapp:" + WHATSAPP_FROM,
    )
    assert "Riverside" in greeting.fields["Body"] and "ContentSid" not in greeting.fields
    assert choice.fields["Body"] == "Which suits you?\n1. Fri 9:00\n2. Fri 9:30"


@pytest.mark.parametrize(
    "configured", ["whatsapp:" + WHATSAPP_FROM, WHATSAPP_FROM], ids=["prefixed", "bare"]
)
async def test_the_whatsapp_sender_may_be_configured_with_or_without_its_prefix(
    make_rig: MakeRig, configured: str
) -> None:
    # The README (and Twilio's console) write the sender as whatsapp:+1...; Twilio refuses a
    # message from whatsapp:whatsapp:+1...
    async with make_rig(twilio_whatsapp_from=configured) as rig:
        await rig.post_twilio(
            rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
        )
        await rig.settle()
        [greeting] = rig.twilio.sent("Messages")
        assert (greeting.fields["To"], greeting.fields["From"]) == (
            "whatsapp:" + MARIA,
            "whatsapp:" + WHATSAPP_FROM,
        )


async def test_outside_the_24_hour_window_the_approved_template_is_sent(rig: Rig) -> None:
    await notify(
        rig, Outbound("Your appointment is tomorrow at 9:00.")
    )  # she never wrote on WhatsApp
    await rig.settle()
    await rig.post_twilio(
        rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
    )
    await rig.settle()
    rig.clock.advance(dt.timedelta(hours=25))
    await notify(rig, Outbound("Your appointment is tomorrow at 9:00."))
    await rig.settle()
    never, greeting, lapsed = rig.twilio.sent("Messages")
    for templated in (never, lapsed):
        assert templated.fields["ContentSid"] == TEMPLATE_SID and "Body" not in templated.fields
    assert "ContentSid" not in greeting.fields


async def test_63016_switches_to_the_template_instead_of_retrying(rig: Rig) -> None:
    await rig.post_twilio(
        rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
    )
    rig.twilio.fail_next(400, twilio_error(63016))
    await rig.settle()
    refused, templated = rig.twilio.requests
    assert refused.status == 400 and "Body" in refused.fields
    assert templated.status == 201 and templated.fields["ContentSid"] == TEMPLATE_SID


LIST_SID = "HX" + "2" * 32
TIMES = ("Fri 6 Mar 9:00", "Fri 6 Mar 9:30", "Fri 6 Mar 10:00")


async def test_choices_go_as_an_interactive_list_when_a_list_template_is_set(
    make_rig: MakeRig,
) -> None:
    async with make_rig(twilio_whatsapp_list_template_sid=LIST_SID) as rig:
        await rig.post_twilio(
            rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
        )
        await rig.settle()
        before = len(rig.twilio.sent("Messages"))
        await notify(rig, Outbound("Which time suits you?", choices=TIMES))
        await notify(
            rig, Outbound("Which suits you?", choices=TIMES[:2])
        )  # the template has three items
        await notify(
            rig,
            Outbound(
                "Which clinician?",
                choices=("Dr Patel", "Dr Okafor", "Any clinician at all, please"),
            ),
        )
        await rig.settle()
        rig.clock.advance(dt.timedelta(hours=25))  # the session has closed: lists cannot be sent
        await notify(rig, Outbound("Which time suits you?", choices=TIMES))
        await rig.settle()
        listed, fewer, too_long, lapsed = rig.twilio.sent("Messages")[before:]
    assert listed.fields["ContentSid"] == LIST_SID and "Body" not in listed.fields
    assert json.loads(listed.fields["ContentVariables"]) == {
        "1": "Which time suits you?",
        "2": TIMES[0],
        "3": TIMES[1],
        "4": TIMES[2],
    }
    assert fewer.fields["Body"] == f"Which suits you?\n1. {TIMES[0]}\n2. {TIMES[1]}"
    assert (
        too_long.fields["Body"].endswith("3. Any clinician at all, please")
        and "ContentSid" not in too_long.fields
    )
    assert lapsed.fields["ContentSid"] == TEMPLATE_SID


async def test_a_list_whatsapp_will_not_take_goes_as_numbered_text(make_rig: MakeRig) -> None:
    async with make_rig(twilio_whatsapp_list_template_sid=LIST_SID) as rig:
        await rig.post_twilio(
            rig.twilio_fields("hi", channel="whatsapp"), path="/webhooks/twilio/whatsapp"
        )
        await rig.settle()
        before = len(rig.twilio.requests)
        rig.twilio.fail_next(400, twilio_error(63021))  # channel invalid content
        await notify(rig, Outbound("Which time suits you?", choices=TIMES))
        await rig.settle()
        refused, numbered = rig.twilio.requests[before:]
    assert (refused.status, refused.fields["ContentSid"]) == (400, LIST_SID)
    assert numbered.status == 201 and numbered.fields["Body"].startswith(
        "Which time suits you?\n1. "
    )


@pytest.mark.parametrize(
    "pick", [{"ListId": "choice:2", "ListTitle": TIMES[1]}, {"ButtonPayload": "choice:2"}]
)
async def test_a_pick_from_a_list_or_button_is_read_as_its_number(
    rig: Rig, pick: dict[str, str]
) -> None:
    fields = rig.twilio_fields(TIMES[1], channel="whatsapp", **pick)
    assert (await rig.post_twilio(fields, path="/webhooks/twilio/whatsapp")).status_code == 200
    await rig.settle()
    async with rig.runtime.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create(
            "riverside", "whatsapp", MARIA, rig.clock.now()
        )
        [event] = [
            e
            for e in await uow.conversations.events(conversation.id)
            if e["kind"] == "message_processed"
        ]
        message = await uow.inbox.get(event["data"]["message_id"])
    assert message is not None and message.body == "2"
