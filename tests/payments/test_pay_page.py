"""Paying through the conversation and the sandbox's pay page, in process (ASGI), on the FHIR
sandbox: Maria asks what she owes, proves who she is, gets $80.00 and a link, pays it once.
Links that cannot be paid get a page that says why (4xx), never an error."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import re
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.fhir import FhirAdapters
from adapters.payments.sandbox import SandboxPayments
from bot.payments import RECORDED, REFUSED
from domain.billing import LinkRequest
from domain.clock import FixedClock
from tests.payments.conftest import PUBLIC, SECRET, MakeRig, PayRig
from tests.payments.support import (
    maria_invoice,
    notices_for,
    patient_with_invoice,
    reopen_maria_invoice,
)
from tests.support.fhir import TEST_NOW

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

LINK = re.compile(re.escape(PUBLIC) + r"(/pay/[A-Za-z0-9_\-.]+)")


@pytest.fixture
async def rig(make_pay_rig: MakeRig, fhir_adapters: FhirAdapters) -> AsyncIterator[PayRig]:
    await reopen_maria_invoice(fhir_adapters)
    async with make_pay_rig() as made:
        yield made
    await reopen_maria_invoice(fhir_adapters)


async def _trail(rig: PayRig, subject: str) -> list[Any]:
    async with rig.runtime.storage.unit_of_work() as uow:
        return await uow.audit.trail("riverside", subject)


async def test_maria_asks_what_she_owes_verifies_and_pays_once(
    rig: PayRig, fhir_adapters: FhirAdapters, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    first = await rig.say("how much do I owe?")
    assert not any("$" in r or "/pay/" in r for r in first), "money before verification"
    assert "date of birth" in " ".join(first)
    answer = " ".join(await rig.say("04/12/1985"))
    assert "$80.00" in answer
    found = LINK.search(answer)
    assert found, answer
    path = found.group(1)

    page = await rig.client.get(path)
    assert page.status_code == 200
    assert "Riverside Family Clinic" in page.text and "$80.00" in page.text
    assert "Maria" not in page.text and "Lopez" not in page.text and "1985" not in page.text

    paid = await rig.client.post(path)
    assert paid.status_code == 200 and "Thank you" in paid.text
    invoice = await maria_invoice(fhir_adapters)
    assert invoice["status"] == "balanced"
    [notice] = await notices_for(fhir_adapters, invoice["id"])
    assert notice["amount"] == {"value": 80.0, "currency": "USD"}

    again = await rig.client.post(path)  # pressed again, or the form sent twice
    assert again.status_code == 410 and "already been used" in again.text
    reopened = await rig.client.get(path)
    assert reopened.status_code == 410
    assert len(await notices_for(fhir_adapters, invoice["id"])) == 1
    recorded = [a for a in await _trail(rig, f"Invoice/{invoice['id']}") if a.action == RECORDED]
    assert len(recorded) == 1 and recorded[0].detail["remaining_cents"] == 0

    # Nothing is owed now, and the patient is told so.
    assert "nothing to pay" in " ".join(await rig.say("can I pay my bill"))
    # The app's logs (not this test's own HTTP client's) carry ids and outcomes only.
    logged = "\n".join(r.getMessage() for r in caplog.records if not r.name.startswith("httpx"))
    assert "payment recorded" in logged
    for phi in ("6175550134", "Maria", "Lopez", "1985", "how much", "80.00"):
        assert phi not in logged


def _links(at: dt.datetime, hours: float = 72) -> SandboxPayments:
    return SandboxPayments(SECRET, PUBLIC, FixedClock(at), dt.timedelta(hours=hours))


async def _link_for(
    fhir: FhirAdapters, invoice_id: str, patient_id: str, *, at: dt.datetime = TEST_NOW
) -> str:
    invoice = await fhir.billing.invoice(invoice_id)
    link = await _links(at).create_link(LinkRequest(invoice, patient_id, "", "Riverside"))
    return link.url.removeprefix(PUBLIC)


async def test_links_that_cannot_be_paid_get_a_page_that_says_why(
    rig: PayRig, fhir_adapters: FhirAdapters
) -> None:
    patient, invoice = await patient_with_invoice(fhir_adapters, 4000)
    other, others_invoice = await patient_with_invoice(fhir_adapters, 6000)

    expired = await _link_for(fhir_adapters, invoice, patient, at=TEST_NOW - dt.timedelta(days=4))
    page = await rig.client.get(expired)
    assert page.status_code == 410 and "expired" in page.text
    assert (await rig.client.post(expired)).status_code == 410

    good = await _link_for(fhir_adapters, invoice, patient)
    body, _, sig = good.removeprefix("/pay/").partition(".")
    tampered = f"/pay/{body[:-2]}xx.{sig}"
    for bad in (tampered, "/pay/not-a-token", f"/pay/{body}.{'A' * len(sig)}"):
        answer = await rig.client.post(bad)
        assert answer.status_code == 400 and "t valid" in answer.text

    not_theirs = await _link_for(fhir_adapters, others_invoice, patient)
    answer = await rig.client.post(not_theirs)
    assert answer.status_code == 404 and "find this bill" in answer.text

    gone = dataclasses.replace(await fhir_adapters.billing.invoice(invoice), id="no-such-invoice")
    unknown = await _links(TEST_NOW).create_link(LinkRequest(gone, patient, "", "Riverside"))
    assert (await rig.client.post(unknown.url.removeprefix(PUBLIC))).status_code == 404

    for invoice_id in (invoice, others_invoice):
        assert await notices_for(fhir_adapters, invoice_id) == []
        assert (await fhir_adapters.billing.invoice(invoice_id)).status == "issued"
    assert other != patient


async def test_a_link_for_more_than_is_owed_is_refused_and_staff_told(
    rig: PayRig, fhir_adapters: FhirAdapters
) -> None:
    patient, invoice = await patient_with_invoice(fhir_adapters, 5000)
    link = await _link_for(fhir_adapters, invoice, patient)  # for $50.00
    # Meanwhile $20.00 is paid at the desk (another provider's payment of the same bill).
    from domain.payments import CompletedPayment

    assert rig.runtime.payments is not None
    await rig.runtime.payments.complete(
        CompletedPayment("desk", f"desk-{invoice}", invoice, patient, 2000, "USD", TEST_NOW)
    )
    answer = await rig.client.post(link)
    assert answer.status_code == 409
    assert "no longer matches" in answer.text
    assert [n["amount"]["value"] for n in await notices_for(fhir_adapters, invoice)] == [20.0]
    refused = [a for a in await _trail(rig, f"Invoice/{invoice}") if a.action == REFUSED]
    assert [a.detail["reason"] for a in refused] == ["over_balance"]


async def test_several_open_bills_are_numbered_choices_with_dates_and_amounts(
    rig: PayRig, fhir_adapters: FhirAdapters
) -> None:
    phone = f"+1617557{uuid.uuid4().int % 10000:04d}"
    patient = await fhir_adapters.connection.http.create(
        {
            "resourceType": "Patient",
            "identifier": [
                {
                    "system": "https://patient-assistant.example/fhir/test-patient",
                    "value": str(uuid.uuid4()),
                }
            ],
            "name": [{"family": "Okafor", "given": ["Ada"]}],
            "birthDate": "1990-07-15",
            "telecom": [{"system": "phone", "value": phone, "use": "mobile"}],
        }
    )
    for cents, date in ((2500, "2026-01-10"), (6000, "2026-02-20")):
        amount = {"value": cents / 100, "currency": "USD"}
        await fhir_adapters.connection.http.create(
            {
                "resourceType": "Invoice",
                "status": "issued",
                "subject": {"reference": f"Patient/{patient['id']}"},
                "date": date,
                "totalGross": amount,
            }
        )
    assert "date of birth" in " ".join(await rig.say("can I pay my bill", phone))
    listed = " ".join(await rig.say("07/15/1990", phone))
    assert "2 open bills, $85.00 in all" in listed, listed
    assert "1. Sat 10 Jan 2026: $25.00\n2. Fri 20 Feb 2026: $60.00" in listed
    told = " ".join(await rig.say("2", phone))
    assert "$60.00" in told and "Fri 20 Feb 2026" in told and LINK.search(told), told


async def test_two_presses_at_once_pay_once_and_thank_once(
    rig: PayRig, fhir_adapters: FhirAdapters
) -> None:
    phone = f"+1617558{uuid.uuid4().int % 10000:04d}"
    patient, invoice_id = await patient_with_invoice(fhir_adapters, 3500, phone=phone)
    async with rig.runtime.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("riverside", "sms", phone, TEST_NOW)
    invoice = await fhir_adapters.billing.invoice(invoice_id)
    link = await _links(TEST_NOW).create_link(
        LinkRequest(invoice, patient, conversation.id, "Riverside")
    )
    path = link.url.removeprefix(PUBLIC)
    answers = await asyncio.gather(rig.client.post(path), rig.client.post(path))
    assert sorted(a.status_code for a in answers) == [200, 410]
    assert len(await notices_for(fhir_adapters, invoice_id)) == 1
    trail = await _trail(rig, f"Invoice/{invoice_id}")
    assert [a.action for a in trail].count(RECORDED) == 1
    async with rig.runtime.storage.unit_of_work() as uow:
        thanks = [m for m in await uow.outbox.due(TEST_NOW, 500) if m.address == phone]
    assert len(thanks) == 1 and "$35.00" in thanks[0].payload["text"]


async def test_the_record_system_down_gets_a_page_saying_so_and_nothing_is_charged(
    make_pay_rig: MakeRig, fhir_adapters: FhirAdapters
) -> None:
    patient, invoice_id = await patient_with_invoice(fhir_adapters, 1500)
    path = await _link_for(fhir_adapters, invoice_id, patient)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/fhir"
    async with make_pay_rig(fhir_base_url=closed) as down:
        for answer in (await down.client.get(path), await down.client.post(path)):
            assert answer.status_code == 503 and "Nothing was charged" in answer.text
    assert await notices_for(fhir_adapters, invoice_id) == []
