"""Twilio SMS end to end: signed webhooks only, each message once, the reply through the
real twilio client to the stand-in."""

from __future__ import annotations

import asyncio

import pytest

from tests.channels.conftest import MakeRig
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, Rig, sign

pytestmark = pytest.mark.postgres


async def test_a_signed_hi_from_maria_gets_its_reply_through_twilio(rig: Rig) -> None:
    answer = await rig.sms("hi")
    assert (
        answer.status_code == 200 and "<Response>" in answer.text
    )  # empty TwiML: replies go by REST
    await rig.settle()
    [sent] = rig.twilio.sent("Messages")
    assert (sent.fields["To"], sent.fields["From"]) == (MARIA, SMS_FROM)
    assert "Riverside" in sent.fields["Body"]
    assert sent.fields["StatusCallback"] == PUBLIC + "/webhooks/twilio/status"


async def test_unsigned_or_wrongly_signed_messages_get_403_and_nothing_happens(rig: Rig) -> None:
    fields = rig.twilio_fields("hi")
    internal_url = "http://10.0.0.7:8000/webhooks/twilio/sms"
    tampered = dict(fields, Body="hi there")
    answers = [
        await rig.post_twilio(fields, signature=""),  # no header
        await rig.post_twilio(fields, signature="bm90IGEgc2lnbmF0dXJl"),
        await rig.post_twilio(
            fields, signature=sign(PUBLIC + "/webhooks/twilio/sms", fields, "another-token")
        ),
        await rig.post_twilio(
            fields, signed_url=internal_url
        ),  # what the app sees, not what Twilio called
        await rig.post_twilio(tampered, signature=sign(PUBLIC + "/webhooks/twilio/sms", fields)),
    ]
    assert [a.status_code for a in answers] == [403] * 5
    await rig.settle()
    assert rig.twilio.requests == []
    async with rig.runtime.storage.unit_of_work() as uow:
        assert await uow.inbox.last_received_at("riverside", "sms", MARIA) is None


async def test_fifty_identical_deliveries_at_once_get_exactly_one_reply(rig: Rig) -> None:
    fields = rig.twilio_fields("hi")
    answers = await asyncio.gather(*(rig.post_twilio(fields) for _ in range(50)))
    assert {a.status_code for a in answers} == {200}
    await rig.settle()
    assert len(rig.texts_to(MARIA)) == 1
    await rig.settle()  # nothing left over for a second round either
    assert len(rig.twilio.requests) == 1


@pytest.mark.parametrize(
    ("public_base_url", "path", "signed_url"),
    [
        # Behind a proxy on a non-standard port.
        (
            "https://clinic.example.org:8443",
            "/webhooks/twilio/sms",
            "https://clinic.example.org:8443/webhooks/twilio/sms",
        ),
        # Twilio sometimes signs https URLs with the default port written out.
        (
            "https://clinic.example.org",
            "/webhooks/twilio/sms",
            "https://clinic.example.org:443/webhooks/twilio/sms",
        ),
        # The proxy strips a path prefix; the query string is part of what Twilio signed.
        (
            "https://example.org/riverside",
            "/webhooks/twilio/sms?practice=riverside&v=2",
            "https://example.org/riverside/webhooks/twilio/sms?practice=riverside&v=2",
        ),
    ],
    ids=["port", "default-port", "prefix-and-query"],
)
async def test_signatures_are_checked_against_the_public_url(
    make_rig: MakeRig, public_base_url: str, path: str, signed_url: str
) -> None:
    async with make_rig(public_base_url=public_base_url) as rig:
        fields = rig.twilio_fields("hi")
        assert (await rig.post_twilio(fields, path=path, signed_url=signed_url)).status_code == 200
        unsigned_query = signed_url.split("?")[0]
        if "?" in path:  # the query string counts: a signature without it is refused
            refused = await rig.post_twilio(
                rig.twilio_fields("hi"), path=path, signed_url=unsigned_query
            )
            assert refused.status_code == 403
        await rig.settle()
        assert len(rig.texts_to(MARIA)) == 1


async def test_the_webhook_is_answered_at_once_even_when_fhir_hangs(
    make_rig: MakeRig, hanging_url: str
) -> None:
    async with make_rig(fhir_base_url=hanging_url) as rig:
        # FHIR never answers: a webhook that waited on the turn would never be answered. The
        # wait_for only keeps a regression from hanging the suite; it is not a speed limit.
        answer = await asyncio.wait_for(rig.sms("hi"), 60)
        assert answer.status_code == 200
        async with rig.runtime.storage.unit_of_work() as uow:
            recorded = await uow.inbox.last_received_at("riverside", "sms", MARIA)
        assert recorded is not None  # recorded before the answer; processing waits on FHIR
        assert rig.twilio.requests == []


async def test_media_only_over_long_and_unknown_senders_get_sensible_answers(rig: Rig) -> None:
    stranger = "+16175550999"
    await rig.sms("", NumMedia="1", MediaUrl0="https://api.twilio.com/media/1")
    await rig.settle()
    await rig.sms("word " * 300)
    await rig.settle()
    await rig.sms("can I book a check-up on friday", phone=stranger)
    await rig.settle()
    media, too_long = rig.texts_to(MARIA)
    assert "only read text" in media
    assert "too long" in too_long
    [unknown] = rig.texts_to(stranger)
    assert "couldn't find this number" in unknown


async def test_ten_messages_at_once_are_all_acknowledged_and_answered(rig: Rig) -> None:
    answers = await asyncio.gather(*(rig.sms(f"message {i}") for i in range(10)))
    assert {a.status_code for a in answers} == {200}
    await rig.settle()
    assert rig.texts_to(MARIA)  # a burst is answered, not dropped
