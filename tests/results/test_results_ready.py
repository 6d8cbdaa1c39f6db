"""A result becomes final: the patient is told once, by SMS through the Twilio stand-in, that
a result is ready, with nothing clinical in it; found by the FHIR Subscription or by polling.

The whole assistant (bootstrap.build) runs on the FHIR sandbox; the Subscription test also
serves the API on a loopback port, so the sandbox's rest-hook reaches it as it would a
deployment's public URL.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from api.app import create_app
from bot.messages import Outbound
from bot.optout import optout_address
from patient_assistant.bootstrap import Runtime, register_results_subscription
from tests.channels.conftest import MakeRig
from tests.channels.rig import Rig
from tests.results.support import (
    CLINICAL,
    MARIA,
    SECRET,
    maria,
    new_patient,
    new_report,
    set_status,
)
from tests.support.fhir import TEST_NOW

pytestmark = [pytest.mark.fhir, pytest.mark.slow]


def outreach(rig: Rig):  # type: ignore[no-untyped-def]
    assert rig.runtime.results_outreach is not None
    return rig.runtime.results_outreach


async def queued_to(runtime: Runtime, phone: str, at: dt.datetime) -> list[str]:
    """Texts in the outbox for `phone` that are due at `at`."""
    async with runtime.storage.unit_of_work() as uow:
        due = await uow.outbox.due(at, 500)
    return [Outbound.from_json(m.payload).text for m in due if m.address == phone]


async def sent_to(rig: Rig, phone: str, rounds: int = 1) -> list[str]:
    """Send what is due, then the texts the Twilio stand-in accepted for `phone`."""
    for _ in range(rounds):
        await rig.channels.sender.drain()
    return rig.texts_to(phone)


def nothing_clinical(text: str) -> None:
    assert "result" in text.lower() and "Riverside Family Clinic" in text
    for word in CLINICAL:
        assert word not in text.lower(), word


@pytest.fixture
async def rig(make_rig: MakeRig) -> AsyncIterator[Rig]:
    async with make_rig(results_subscription_secret=SECRET) as running:
        yield running


async def test_maria_is_told_once_when_her_report_becomes_final_found_by_polling(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    patient_id, report_id = await maria(fhir)
    assert await outreach(rig).poll() == 0  # the first poll takes its position: old news stays old
    try:
        await set_status(fhir, report_id, "preliminary")
        assert await outreach(rig).poll() == 0  # not ready yet
        await set_status(fhir, report_id, "final")
        assert await outreach(rig).poll() == 1
    finally:
        await set_status(fhir, report_id, "final")
    [text] = await sent_to(rig, MARIA)
    nothing_clinical(text)
    # Polled again, or found again by the Subscription's path: nothing more is sent.
    assert await outreach(rig).poll() == 0
    assert await outreach(rig).notify(report_id) == "already"
    assert await sent_to(rig, MARIA) == [text]
    async with rig.runtime.storage.unit_of_work() as uow:
        [audit] = [
            a
            for a in await uow.audit.trail("riverside", f"Patient/{patient_id}")
            if a.action == "results.ready_notified"
        ]
    assert audit.detail["report"] == f"DiagnosticReport/{report_id}"
    assert audit.detail["status"] == "final" and audit.actor == "system"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def served(rig: Rig) -> AsyncIterator[str]:
    """The rig's assistant behind a real loopback port (the URL), as the FHIR server reaches it."""
    app = create_app(rig.settings, lambda: _never(), web_chat=False)
    app.state.runtime = rig.runtime  # the rig owns it (lifespan off: nothing to build or close)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "the API did not start"
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def _never() -> Runtime:
    raise AssertionError("the test's app is given its runtime")


async def test_the_subscription_tells_maria_once_with_nothing_clinical(
    rig: Rig, served: str
) -> None:
    fhir = rig.runtime.fhir
    _, report_id = await maria(fhir)
    subscription = await register_results_subscription(rig.runtime, served)
    assert subscription
    try:
        stored = await fhir.connection.read("Subscription", subscription)
        assert stored["status"] == "active" and stored["criteria"].startswith("DiagnosticReport?")
        await set_status(fhir, report_id, "preliminary")
        await set_status(fhir, report_id, "final")
        # The server posts the report on its own time: look until it has (bounded, no timing).
        for _ in range(600):
            if await sent_to(rig, MARIA):
                break
            await asyncio.sleep(0.1)
        [text] = await sent_to(rig, MARIA)
        nothing_clinical(text)
        # The server writing the report again (still final) and the polling job change nothing.
        await set_status(fhir, report_id, "final")
        await outreach(rig).poll()
        await asyncio.sleep(1)
        assert await sent_to(rig, MARIA) == [text]
    finally:
        await set_status(fhir, report_id, "final")
        async with httpx.AsyncClient() as client:
            await client.delete(f"{fhir.connection.base_url}/Subscription/{subscription}")


@pytest.mark.parametrize("secret", ["wrong-secret-0123456789", None])
async def test_a_subscription_call_without_the_secret_is_refused_and_changes_nothing(
    rig: Rig, secret: str | None
) -> None:
    patient_id, phone = await new_patient(rig.runtime.fhir)
    report_id = await new_report(rig.runtime.fhir, f"Patient/{patient_id}")
    headers = {"X-Results-Subscription-Secret": secret} if secret else {}
    refused = await rig.client.put(
        f"/webhooks/fhir/results/DiagnosticReport/{report_id}",
        json={"resourceType": "DiagnosticReport", "id": report_id, "status": "final"},
        headers=headers,
    )
    assert refused.status_code == 403
    assert await queued_to(rig.runtime, phone, TEST_NOW + dt.timedelta(days=1)) == []
    accepted = await rig.client.put(
        f"/webhooks/fhir/results/DiagnosticReport/{report_id}",
        json={"resourceType": "DiagnosticReport", "id": report_id, "status": "final"},
        headers={"X-Results-Subscription-Secret": SECRET},
    )
    assert accepted.status_code == 200 and accepted.json() == {"notified": 1}
    assert len(await queued_to(rig.runtime, phone, TEST_NOW)) == 1


async def test_a_report_for_an_unknown_patient_or_none_is_not_notified(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    nobody = await new_report(fhir, None)
    assert await outreach(rig).notify(nobody) == "unknown_patient"
    gone, _phone = await new_patient(fhir)
    orphan = await new_report(fhir, f"Patient/{gone}")
    async with httpx.AsyncClient() as client:
        deleted = await client.delete(f"{fhir.connection.base_url}/Patient/{gone}")
    if deleted.status_code < 300:  # a server that keeps referenced patients skips this half
        assert await outreach(rig).notify(orphan) == "unknown_patient"
    assert await outreach(rig).notify("no-such-report") == "unknown_report"
    async with rig.runtime.storage.unit_of_work() as uow:
        assert await uow.outbox.due(TEST_NOW + dt.timedelta(days=1), 500) == []


async def test_a_report_not_yet_final_or_a_patient_without_consent_gets_nothing(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    patient_id, phone = await new_patient(fhir)
    assert (
        await outreach(rig).notify(await new_report(fhir, f"Patient/{patient_id}", "preliminary"))
        == "not_ready"
    )
    silent, silent_phone = await new_patient(fhir, consent=False)
    assert await outreach(rig).notify(await new_report(fhir, f"Patient/{silent}")) == "no_consent"
    later = TEST_NOW + dt.timedelta(days=1)
    assert await queued_to(rig.runtime, phone, later) == []
    assert await queued_to(rig.runtime, silent_phone, later) == []


async def test_an_opted_out_patient_is_not_told(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    patient_id, phone = await new_patient(fhir)
    async with rig.runtime.storage.unit_of_work() as uow:
        await uow.opt_outs.set_opted_out(
            "riverside", optout_address("sms", phone), "sms", True, TEST_NOW
        )
    report_id = await new_report(fhir, f"Patient/{patient_id}")
    assert await outreach(rig).notify(report_id) == "opted_out"
    assert await sent_to(rig, phone) == []
    # Nothing was recorded as told: after START, a new status of the report is told.
    async with rig.runtime.storage.unit_of_work() as uow:
        assert not await uow.result_notices.is_recorded(
            "riverside", f"DiagnosticReport/{report_id}:final"
        )


async def test_late_in_the_evening_the_notification_waits_until_eight(rig: Rig) -> None:
    fhir = rig.runtime.fhir
    rig.clock.advance(dt.timedelta(hours=13, minutes=30))  # 22:30 in New York
    patient_id, phone = await new_patient(fhir)
    assert await outreach(rig).notify(await new_report(fhir, f"Patient/{patient_id}")) == "notified"
    assert await sent_to(rig, phone) == []  # held
    morning = dt.datetime(2026, 3, 3, 8, 0, tzinfo=TEST_NOW.tzinfo)
    assert await queued_to(rig.runtime, phone, morning - dt.timedelta(minutes=1)) == []
    [held] = await queued_to(rig.runtime, phone, morning)
    nothing_clinical(held)
    rig.clock.advance(morning - rig.clock.now() + dt.timedelta(minutes=1))
    [text] = await sent_to(rig, phone)
    assert text == held
