"""Hostile input at the webhooks: random bytes, wrong content types, huge and deep bodies,
invalid UTF-8, NULs, missing and repeated fields, garbled signatures.

The parsing functions are fuzzed directly (fast, many examples), and the same inputs go
through the real ASGI app (tests/channels/rig.py: PostgreSQL, the FHIR sandbox, the real
NLU). What a provider is promised: an unsigned or malformed request gets a clear 4xx and
nothing is recorded; an update that is not a message gets the 2xx Telegram expects; a
valid, signed message is recorded and answered whatever it says; nothing gets a 5xx.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from sqlalchemy import func, select
from starlette.datastructures import ImmutableMultiDict

from adapters.sql.models import InboundMessageRow
from adapters.telegram.updates import inbound_of_update
from adapters.twilio.webhook import delivery_of, inbound_of, is_signed
from api.webhooks.limits import MAX_WEBHOOK_BODY
from tests.channels.conftest import make_rig, rig  # noqa: F401 - fixtures
from tests.channels.rig import MARIA, PUBLIC, SMS_FROM, TELEGRAM_SECRET, Rig, sign
from tests.security.fuzz_profiles import (
    FUZZ,
    FUZZ_FEW,
    LARGE_REPR,
    field_names,
    hostile_bytes,
    hostile_text,
)
from tests.support.standins import telegram_api, twilio_api  # noqa: F401 - fixtures

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
PATHS = ("/webhooks/twilio/sms", "/webhooks/twilio/whatsapp", "/webhooks/twilio/status")
WEBHOOKS = (*PATHS, "/webhooks/telegram")
CONTENT_TYPES = (
    None,
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "application/json",
    "text/plain",
    "application/octet-stream",
    "\x00/\xff",
)

#: Any JSON value, nested a little.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=20,
)


# --- the parsing functions ------------------------------------------------------------------


@FUZZ
@given(fields=st.dictionaries(field_names, hostile_text, max_size=10))
def test_any_twilio_form_is_a_message_or_a_missing_field(fields: dict[str, str]) -> None:
    if "From" not in fields or "MessageSid" not in fields:
        with pytest.raises((KeyError, ValueError)):  # either way the webhook answers 400
            inbound_of(fields, "sms", "riverside", NOW)
        return
    try:
        message = inbound_of(fields, "sms", "riverside", NOW)
    except ValueError:
        return  # an identifier no provider sends (see test_twilio_ids_are_refused_...)
    assert message.text is None or message.text
    assert message.address and message.provider_message_id == fields["MessageSid"]
    assert message.media_count >= 0


@FUZZ
@given(fields=st.dictionaries(field_names | st.just("MessageStatus"), hostile_text, max_size=8))
def test_any_status_callback_is_a_delivery_or_nothing(fields: dict[str, str]) -> None:
    delivery = delivery_of(fields, "sms", NOW)
    assert delivery is None or delivery.provider_message_id == fields["MessageSid"]


@FUZZ
@given(
    fields=st.dictionaries(field_names, hostile_text, max_size=6),
    signature=st.none() | hostile_text,
    signature_settings=st.none() | hostile_text,
)
def test_a_garbled_twilio_signature_is_just_not_valid(
    fields: dict[str, str], signature: str | None, signature_settings: str | None
) -> None:
    url = PUBLIC + "/webhooks/twilio/sms"
    good = sign(url, fields)
    assert is_signed("token", url, fields, signature, signature_settings) is False or (
        signature == good
    )


@FUZZ
@given(update=json_values)
def test_any_json_is_a_telegram_message_nothing_or_refused(update: Any) -> None:
    try:
        message = inbound_of_update(update, "riverside", NOW)
    except (ValidationError, ValueError):
        return
    assert message is None or (message.address and message.channel == "telegram")


def test_twilio_ids_are_refused_when_no_provider_would_send_them() -> None:
    """Ids longer than a column or with control characters are a forged or broken request."""
    base = {"MessageSid": "SM" + "1" * 32, "From": MARIA, "To": SMS_FROM, "Body": "hi"}
    for bad in (
        {"MessageSid": "SM" + "1" * 200},
        {"From": "+1" + "5" * 300},
        {"From": MARIA + "\x00"},
        {"MessageSid": "SM\x001"},
    ):
        with pytest.raises(ValueError, match="not an id a provider sends"):
            inbound_of(base | bad, "sms", "riverside", NOW)
    assert inbound_of(base | {"Body": "a\x00b"}, "sms", "riverside", NOW).text == "a\ufffdb"


# --- through the app --------------------------------------------------------------------------


async def recorded(rig: Rig, provider_id: str | None = None) -> int:
    """Inbound messages recorded (with this provider id, or all)."""
    async with rig.runtime.storage.engine.connect() as conn:  # type: ignore[attr-defined]
        query = select(func.count()).select_from(InboundMessageRow)
        if provider_id is not None:
            query = query.where(InboundMessageRow.provider_message_id == provider_id)
        return int((await conn.execute(query)).scalar_one())


async def statuses(rig: Rig) -> dict[str, int]:
    async with rig.runtime.storage.engine.connect() as conn:  # type: ignore[attr-defined]
        rows = await conn.execute(
            select(InboundMessageRow.status, func.count()).group_by(InboundMessageRow.status)
        )
        return {status: int(n) for status, n in rows}


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
@FUZZ
@given(
    path=st.sampled_from(WEBHOOKS),
    body=hostile_bytes,
    content_type=st.sampled_from(CONTENT_TYPES),
    signature=st.none() | st.text(alphabet=st.characters(codec="latin-1"), max_size=80),
    secret=st.none() | st.sampled_from(["", "x", TELEGRAM_SECRET[:-1], "\u00ff" * 40]),
)
async def test_unsigned_garbage_is_refused_with_a_4xx_and_nothing_recorded(
    rig: Rig,
    path: str,
    body: bytes,
    content_type: str | None,
    signature: str | None,
    secret: str | None,
) -> None:
    # Bytes, as they come off the wire: any latin-1 a client can put in a header.
    headers: dict[str, bytes] = {}
    if content_type is not None:
        headers["Content-Type"] = content_type.encode("latin-1")
    if signature is not None:
        headers["X-Twilio-Signature"] = signature.encode("latin-1")
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret.encode("latin-1")
    before = await recorded(rig)
    answer = await rig.client.post(path, content=body, headers=headers)
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:200])
    assert await recorded(rig) == before


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
@FUZZ_FEW
@given(
    channel=st.sampled_from(["sms", "whatsapp"]),
    body=hostile_text,
    extra=st.dictionaries(field_names, hostile_text, max_size=4),
    repeated=st.lists(st.sampled_from(["Body", "To", "NumMedia", "Foo"]), max_size=2),
)
async def test_a_signed_twilio_message_is_recorded_and_answered_whatever_it_says(
    rig: Rig, channel: str, body: str, extra: dict[str, str], repeated: list[str]
) -> None:
    fields = extra | rig.twilio_fields(body, channel=channel, phone=unique_phone())
    path = f"/webhooks/twilio/{channel}"
    # Repeated fields: Twilio signs every value; the app reads the last.
    items = list(fields.items()) + [(name, fields.get(name, "x")) for name in repeated]
    signed = ImmutableMultiDict(items)  # what Twilio signs: every value of every field
    headers = {"X-Twilio-Signature": sign(PUBLIC + path, signed)}  # type: ignore[arg-type]
    data = {k: signed.getlist(k) for k in signed}
    answer = await rig.client.post(path, data=data, headers=headers)
    assert answer.status_code == 200, (answer.status_code, answer.text[:200])
    assert await recorded(rig, fields["MessageSid"]) == 1
    await rig.settle()
    assert "failed" not in await statuses(rig)


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
@FUZZ_FEW
@given(text=hostile_text, callback=st.none() | hostile_text, kind=st.sampled_from(["msg", "cb"]))
async def test_a_telegram_update_with_the_secret_is_recorded_or_ignored(
    rig: Rig, text: str, callback: str | None, kind: str
) -> None:
    update_id = uuid.uuid4().int % 2**31
    chat = {"id": 700000 + update_id % 1000, "type": "private"}
    message = {"message_id": 1, "date": 1772460000, "chat": chat, "text": text}
    update: dict[str, Any] = {"update_id": update_id}
    if kind == "msg":
        update["message"] = message
    else:
        update["callback_query"] = {
            "id": "cb1",
            "from": {"id": 1, "is_bot": False, "first_name": "x"},
            "chat_instance": "1",
            "message": message,
            "data": "choice:2" if callback is None else callback,
        }
    answer = await rig.telegram_update(update)
    assert answer.status_code in (200, 204), (answer.status_code, answer.text[:200])
    assert await recorded(rig, str(update_id)) in (0, 1)
    if kind == "msg" or callback is None:
        assert await recorded(rig, str(update_id)) == 1
    await rig.settle()
    assert "failed" not in await statuses(rig)


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
async def test_hostile_bodies_that_once_gave_500s_get_clear_answers(rig: Rig) -> None:
    """Regressions found by the fuzzing above, each once."""
    tg = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET, "Content-Type": "application/json"}
    deep = b"[" * 100_000 + b"]" * 100_000
    huge_form = b"Body=" + b"a" * (MAX_WEBHOOK_BODY + 1)
    cases: list[tuple[str, bytes, dict[str, str]]] = [
        ("/webhooks/telegram", deep, tg),
        ("/webhooks/telegram", b'{"update_id": 1, "message": ' * 5000, tg),
        ("/webhooks/telegram", b"\xff\xfe not json", tg),
        ("/webhooks/telegram", b"a" * (5 * 1024 * 1024), tg),
        ("/webhooks/twilio/sms", huge_form, {"X-Twilio-Signature": "x"}),
        ("/webhooks/twilio/sms", b"x" * (8 * 1024 * 1024), {}),
    ]
    answers = [await rig.client.post(path, content=body, headers=h) for path, body, h in cases]
    assert [a.status_code for a in answers] == [400, 400, 400, 413, 413, 413]

    # A huge body sent in chunks without a length is cut off as soon as it is too long.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(200):
            yield b"z" * 65536

    streamed = await rig.client.post("/webhooks/telegram", content=chunks(), headers=tg)
    assert streamed.status_code == 413

    # NULs and lone surrogates from Telegram (JSON escapes), a NUL in a Twilio body: recorded.
    for text in ("a\\u0000b", "\\ud800 lone", "\\u0000"):
        update_id = uuid.uuid4().int % 2**31
        message = '"message_id": 1, "date": 1772460000, "chat": {"id": 700001, "type": "private"}'
        raw = f'{{"update_id": {update_id}, "message": {{{message}, "text": "{text}"}}}}'.encode()
        answer = await rig.client.post("/webhooks/telegram", content=raw, headers=tg)
        assert answer.status_code == 204, answer.text
        assert await recorded(rig, str(update_id)) == 1
    nul = await rig.sms("can I book\x00 a visit", phone=unique_phone())
    assert nul.status_code == 200
    await rig.settle()
    assert "failed" not in await statuses(rig)


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
async def test_signed_twilio_requests_with_impossible_ids_get_400_not_500(rig: Rig) -> None:
    for bad in ({"MessageSid": "SM" + "9" * 300}, {"From": "+1" + "5" * 400}):
        fields = rig.twilio_fields("hi") | bad
        answer = await rig.post_twilio(fields)
        assert answer.status_code == 400, answer.text
    assert await recorded(rig) == 0


def unique_phone() -> str:
    return "+1617555" + f"{uuid.uuid4().int % 10_000:04d}"
