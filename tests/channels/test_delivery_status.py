"""Delivery status callbacks: signed, and each message only ever moves forward."""

from __future__ import annotations

import asyncio
import random

import pytest
from sqlalchemy import text

from tests.channels.rig import MARIA, SMS_FROM, Rig

pytestmark = pytest.mark.postgres
STATUS = "/webhooks/twilio/status"


def callback(sid: str, status: str, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": sid,
        "MessageStatus": status,
        "To": MARIA,
        "From": SMS_FROM,
        "AccountSid": "AC",
        **extra,
    }


async def status_of(rig: Rig, sid: str) -> str | None:
    async with rig.runtime.storage.unit_of_work() as uow:
        found = await uow.deliveries.get("sms", sid)
    return None if found is None else found.status


async def sent_sid(rig: Rig) -> str:
    """The provider id of a real reply, sent through the stand-in."""
    await rig.sms("hi")
    await rig.settle()
    async with rig.runtime.storage.engine.connect() as connection:
        result = await connection.execute(
            text("SELECT provider_message_id FROM outbox WHERE status = 'sent'")
        )
        return str(result.scalar_one())


async def test_a_late_sent_never_overwrites_delivered_or_failed(rig: Rig) -> None:
    delivered, failed = await sent_sid(rig), "SM" + "f" * 32
    for sid, order in (
        (delivered, ["queued", "delivered", "sent", "sending"]),
        (failed, ["sent", "failed", "sent", "queued"]),
    ):
        for status in order:
            extra = {"ErrorCode": "30006"} if status == "failed" else {}
            assert (
                await rig.post_twilio(callback(sid, status, **extra), path=STATUS)
            ).status_code == 204
    assert await status_of(rig, delivered) == "delivered"
    assert await status_of(rig, failed) == "failed"
    async with rig.runtime.storage.unit_of_work() as uow:
        record = await uow.deliveries.get("sms", failed)
    assert record is not None and record.error_code == "30006"


async def test_the_callbacks_of_a_multi_segment_sms_in_any_order_end_delivered(rig: Rig) -> None:
    sid = await sent_sid(rig)
    statuses = [
        "queued",
        "sending",
        "sent",
        "sent",
        "sent",
        "delivered",
        "delivered",
        "delivered",
    ] * 3
    random.Random(7).shuffle(statuses)
    answers = await asyncio.gather(
        *(rig.post_twilio(callback(sid, s), path=STATUS) for s in statuses)
    )
    assert {a.status_code for a in answers} == {204}
    assert await status_of(rig, sid) == "delivered"


async def test_whatsapp_read_comes_after_delivered(rig: Rig) -> None:
    sid = "SM" + "a" * 32
    for status in ("delivered", "read", "delivered", "sent"):
        fields = callback(sid, status) | {"To": "whatsapp:" + MARIA}
        await rig.post_twilio(fields, path=STATUS)
    async with rig.runtime.storage.unit_of_work() as uow:
        record = await uow.deliveries.get("whatsapp", sid)
    assert record is not None and record.status == "read"


async def test_unsigned_status_callbacks_are_refused(rig: Rig) -> None:
    sid = "SM" + "b" * 32
    assert (
        await rig.post_twilio(callback(sid, "delivered"), path=STATUS, signature="")
    ).status_code == 403
    assert await status_of(rig, sid) is None
