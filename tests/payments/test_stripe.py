"""Stripe as the provider, through the real `stripe` client and the loopback stand-in of its
API: a Checkout Session with the invoice's lines and opaque ids only; a webhook signed by
Stripe's scheme writes the PaymentNotice once and thanks the patient, an unsigned or wrongly
signed one gets 400 and changes nothing. Also the practice sending a link
(`patient-assistant payments send`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.codes import TASK_SYSTEM
from bot import escalations
from bot.payments import RECORDED
from domain.billing import CreatePaymentLink, PaymentLinkCreated
from domain.consent import MESSAGING, latest
from domain.payments import CompletedPayment, PaymentRefused
from tests.payments.conftest import MakeRig, PayRig
from tests.payments.support import (
    maria_invoice,
    notices_for,
    patient_with_invoice,
    reopen_maria_invoice,
)
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import StandIn
from tests.support.stripe_api import STRIPE_KEY, WEBHOOK_SECRET, completed_event, signature

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

CHECKOUT = re.compile(r"https://checkout\.stripe\.test/c/pay/(cs_test_[0-9a-f]+)")


@pytest.fixture
async def rig(
    make_pay_rig: MakeRig, stripe_api: StandIn, fhir_adapters: FhirAdapters
) -> AsyncIterator[PayRig]:
    await reopen_maria_invoice(fhir_adapters)
    async with make_pay_rig(
        payment_provider="stripe",
        stripe_api_key=STRIPE_KEY,
        stripe_webhook_secret=WEBHOOK_SECRET,
        stripe_api_base_url=stripe_api.base_url,
        stripe_account_id="acct_riverside",
    ) as made:
        yield made
    await reopen_maria_invoice(fhir_adapters)


def _session(stripe_api: StandIn, session_url: str) -> dict:  # type: ignore[type-arg]
    """The session the stand-in answered with, rebuilt from what the client sent."""
    [request] = stripe_api.sent("/v1/checkout/sessions")
    found = CHECKOUT.search(session_url)
    assert found
    f = request.fields
    return {
        "id": found.group(1),
        "object": "checkout.session",
        "amount_total": int(f["line_items[0][price_data][unit_amount]"]),
        "currency": f["line_items[0][price_data][currency]"],
        "metadata": {k[9:-1]: v for k, v in f.items() if k.startswith("metadata[")},
    }


async def test_maria_pays_by_stripe_checkout_and_the_webhook_records_it_once(
    rig: PayRig, stripe_api: StandIn, fhir_adapters: FhirAdapters
) -> None:
    await rig.say("how much do I owe?")
    answer = " ".join(await rig.say("04/12/1985"))
    assert "$80.00" in answer and CHECKOUT.search(answer), answer

    [request] = stripe_api.sent("/v1/checkout/sessions")
    fields = request.fields
    assert fields["mode"] == "payment" and fields["stripe-account"] == "acct_riverside"
    assert fields["line_items[0][price_data][currency]"] == "usd"
    assert fields["line_items[0][price_data][unit_amount]"] == "8000"
    assert fields["line_items[0][price_data][product_data][name]"] == "Check-up visit (co-payment)"
    metadata = {k: v for k, v in fields.items() if k.startswith("metadata[")}
    assert set(metadata) == {
        "metadata[practice_id]",  # which practice's record has the bill (the webhook's route)
        "metadata[invoice_id]",
        "metadata[patient_id]",
        "metadata[conversation_id]",
    }
    assert metadata["metadata[practice_id]"] == "riverside"
    sent = json.dumps(fields)
    assert "Maria" not in sent and "Lopez" not in sent and "6175550134" not in sent

    session = _session(stripe_api, answer)
    body = completed_event(session)
    invoice = await maria_invoice(fhir_adapters)

    for bad in ({}, {"Stripe-Signature": signature(body, "whsec_someone_else")}):
        refused = await rig.client.post(
            "/webhooks/stripe", content=body, headers={**bad, "Content-Type": "application/json"}
        )
        assert refused.status_code == 400
    assert await notices_for(fhir_adapters, invoice["id"]) == []
    assert (await maria_invoice(fhir_adapters))["status"] == "issued"

    headers = {"Stripe-Signature": signature(body), "Content-Type": "application/json"}
    first = await rig.client.post("/webhooks/stripe", content=body, headers=headers)
    assert first.status_code == 200 and first.json() == {"result": "recorded"}
    replay = await rig.client.post("/webhooks/stripe", content=body, headers=headers)
    assert replay.status_code == 200 and replay.json() == {"result": "already_recorded"}
    # Stripe sends an event again as a new delivery: a new signature, the same session.
    again = await rig.client.post(
        "/webhooks/stripe",
        content=body,
        headers={**headers, "Stripe-Signature": signature(body, at=int(TEST_NOW.timestamp()) + 5)},
    )
    assert again.status_code == 400  # outside Stripe's 5-minute tolerance: not verified

    [notice] = await notices_for(fhir_adapters, invoice["id"])
    assert notice["identifier"][0] == {
        "system": "https://patient-assistant.example/fhir/payment/stripe",
        "value": session["id"],
    }
    assert (await maria_invoice(fhir_adapters))["status"] == "balanced"
    async with rig.runtime.storage.unit_of_work() as uow:
        trail = await uow.audit.trail("riverside", f"Invoice/{invoice['id']}")
    assert [a.action for a in trail].count(RECORDED) == 1

    # A tampered body under the old signature changes nothing either.
    tampered = body.replace(b'"amount_total": 8000', b'"amount_total": 1')
    answer_to_tampered = await rig.client.post(
        "/webhooks/stripe", content=tampered, headers=headers
    )
    assert answer_to_tampered.status_code == 400


async def test_the_thanks_go_to_the_patients_channel_and_a_mismatch_is_refused(
    rig: PayRig, stripe_api: StandIn, fhir_adapters: FhirAdapters
) -> None:
    phone = f"+1617555{uuid.uuid4().int % 10000:04d}"
    patient, invoice = await patient_with_invoice(fhir_adapters, 4500, phone=phone)
    async with rig.runtime.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("riverside", "sms", phone, TEST_NOW)
    assert rig.runtime.payments is not None
    made = await rig.runtime.payments.payments.link(
        CreatePaymentLink(patient, invoice, conversation.id)
    )
    assert isinstance(made, PaymentLinkCreated)
    session = _session(stripe_api, made.link.url)

    # Bad input, each signed: more than is owed, an unknown invoice, another patient's invoice.
    others = {**session["metadata"], "patient_id": "someone-else"}
    unknown = {**session["metadata"], "invoice_id": "no-such-invoice"}
    for changes in ({"amount_total": 9900}, {"metadata": unknown}, {"metadata": others}):
        body = completed_event(session, **changes)
        answer = await rig.client.post(
            "/webhooks/stripe", content=body, headers={"Stripe-Signature": signature(body)}
        )
        assert answer.json() == {"result": "refused"}
    assert await notices_for(fhir_adapters, invoice) == []

    body = completed_event(session)
    answer = await rig.client.post(
        "/webhooks/stripe", content=body, headers={"Stripe-Signature": signature(body)}
    )
    assert answer.json() == {"result": "recorded"}
    async with rig.runtime.storage.unit_of_work() as uow:
        due = [m for m in await uow.outbox.due(TEST_NOW, 500) if m.address == phone]
    # The amount that did not match went to staff (one escalation, told once); then the thanks.
    assert [m.payload["text"] for m in due][1:] == [
        (
            "Thank you: Riverside Family Clinic has received your payment of $45.00. "
            "Nothing more is owed on that bill."
        )
    ]
    assert "couldn't match your payment" in due[0].payload["text"]


async def test_a_payment_that_does_not_match_its_bill_is_handed_to_staff_once(
    rig: PayRig, stripe_api: StandIn, fhir_adapters: FhirAdapters
) -> None:
    phone = f"+1617555{uuid.uuid4().int % 10000:04d}"
    patient, invoice = await patient_with_invoice(fhir_adapters, 4500, phone=phone)
    async with rig.runtime.storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create("riverside", "sms", phone, TEST_NOW)
    assert rig.runtime.payments is not None
    made = await rig.runtime.payments.payments.link(
        CreatePaymentLink(patient, invoice, conversation.id)
    )
    assert isinstance(made, PaymentLinkCreated)
    session = _session(stripe_api, made.link.url)
    body = completed_event(session, currency="eur")  # the bill is in dollars
    for _ in range(2):  # Stripe delivers a webhook again when it is unsure it arrived
        answer = await rig.client.post(
            "/webhooks/stripe", content=body, headers={"Stripe-Signature": signature(body)}
        )
        assert answer.json() == {"result": "refused"}
    assert await notices_for(fhir_adapters, invoice) == []

    async with rig.runtime.storage.reading() as uow:
        escalation = await uow.escalations.live(conversation.id)
        due = [m for m in await uow.outbox.due(TEST_NOW, 500) if m.address == phone]
        trail = await uow.audit.trail("riverside", f"Conversation/{conversation.id}")
    assert escalation is not None
    assert (escalation.reason, escalation.urgency) == ("payment_mismatch", "normal")
    assert escalation.due_at - escalation.opened_at == dt.timedelta(minutes=240)
    [told] = [m.payload["text"] for m in due]
    assert "couldn't match your payment" in told and "don't pay again" in told
    assert [a.action for a in trail].count("escalation.opened") == 1
    task = await fhir_adapters.connection.read("Task", escalation.task_id or "")
    assert task["code"]["coding"][0]["code"] == "review-payment-mismatch"
    due_by = dt.datetime.fromisoformat(task["restriction"]["period"]["end"])
    assert due_by == escalation.due_at.replace(microsecond=0)  # FHIR keeps whole seconds here
    inputs = {i["type"]["text"]: i for i in task["input"]}
    assert inputs["invoice"]["valueReference"] == {"reference": f"Invoice/{invoice}"}
    assert inputs["conversation"]["valueString"] == conversation.id
    assert phone not in str(task)


async def test_a_mismatch_sent_to_no_conversation_is_a_staff_task_only(
    rig: PayRig, fhir_adapters: FhirAdapters
) -> None:
    patient, invoice = await patient_with_invoice(fhir_adapters, 4500)
    payment_id = f"desk-{uuid.uuid4().hex[:8]}"
    assert rig.runtime.payments is not None
    refused = await rig.runtime.payments.complete(
        CompletedPayment("desk", payment_id, invoice, patient, 9900, "USD", TEST_NOW)
    )
    assert isinstance(refused, PaymentRefused) and refused.reason == "over_balance"
    escalation_id = escalations.escalation_id(f"payment:desk:{payment_id}")
    request = escalations.task_request(escalation_id)
    [task] = [
        t
        for t in await fhir_adapters.connection.search_one_type(
            "Task", {"identifier": f"{TASK_SYSTEM}|{request}"}
        )
        if t["identifier"][0]["value"] == request
    ]
    assert task["for"] == {"reference": f"Patient/{patient}"}
    assert "conversation" not in {i["type"]["text"] for i in task["input"]}
    async with rig.runtime.storage.reading() as uow:
        assert await uow.escalations.live_of("riverside") == {}
        [audit] = await uow.audit.trail("riverside", f"Invoice/{invoice}")
    assert (audit.action, audit.detail["task_id"]) == ("payment.refused", task["id"])


async def test_the_practice_sends_a_link_naming_only_the_practice(
    fhir_sandbox: SeededServer, fhir_adapters: FhirAdapters, tmp_path: Path
) -> None:
    phone = f"+1617556{uuid.uuid4().int % 10000:04d}"
    patient, _ = await patient_with_invoice(fhir_adapters, 3000, phone=phone)
    env = {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
    }
    cli = str(Path(sys.executable).with_name("patient-assistant"))
    command = [cli, "payments", "send", "--patient", patient, "--now", "2026-03-02T10:00:00"]
    unconsented = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert unconsented.returncode == 1 and "not agreed to messages" in unconsented.stdout

    document = latest(await fhir_adapters.consents.documents(), MESSAGING)
    assert document is not None
    await fhir_adapters.consents.record(patient, document, True, "sms", TEST_NOW)
    sent = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    assert sent.returncode == 0 and "payment link sent" in sent.stdout, sent.stderr[-2000:]

    from adapters.sql import SqlStorage
    from patient_assistant.channels import keyring_of
    from patient_assistant.settings import Settings

    settings = Settings(database_url=env["DATABASE_URL"])
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    try:
        async with storage.unit_of_work() as uow:
            [message] = [m for m in await uow.outbox.due(TEST_NOW, 500) if m.address == phone]
    finally:
        await storage.close()
    text = message.payload["text"]
    assert text.startswith("Riverside Family Clinic: you have a payment due.")
    assert "/pay/" in text and "$" not in text and "Visit" not in text and "Test" not in text
