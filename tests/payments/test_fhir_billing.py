"""The BillingStore on the FHIR sandbox: what is owed, and payments written back once."""

from __future__ import annotations

import datetime as dt

import pytest

from adapters.fhir import FhirAdapters
from domain.errors import Conflict, NotFound
from domain.payments import CompletedPayment, PaymentRecorded, PaymentRefused, Payments
from tests.payments.fakes import FakeProvider
from tests.payments.support import (
    MARIA_PHONE,
    maria_invoice,
    notices_for,
    patient_with_invoice,
)
from tests.support.fhir import new_patient

pytestmark = [pytest.mark.fhir, pytest.mark.each_fhir_server]

AT = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


def paid(patient: str, invoice: str, cents: int, payment_id: str) -> CompletedPayment:
    return CompletedPayment("sandbox", payment_id, invoice, patient, cents, "USD", AT)


async def test_marias_seeded_invoice_is_80_dollars_open(fhir_adapters: FhirAdapters) -> None:
    [maria] = [
        p
        for p in await fhir_adapters.patients.find_by_phone(MARIA_PHONE)
        if p.name == "Maria Lopez"
    ]
    [owed] = await fhir_adapters.billing.open_invoices(maria.id)
    assert owed.id == (await maria_invoice(fhir_adapters))["id"]
    assert (owed.balance_cents, owed.currency, owed.status) == (8000, "USD", "issued")
    assert [line.description for line in owed.lines] == ["Check-up visit (co-payment)"]


async def test_a_guarantor_owes_the_bills_of_their_account(fhir_adapters: FhirAdapters) -> None:
    parent, child = await new_patient(fhir_adapters), await new_patient(fhir_adapters)
    account = await fhir_adapters.connection.http.create(
        {
            "resourceType": "Account",
            "status": "active",
            "subject": [{"reference": f"Patient/{child}"}],
            "guarantor": [{"party": {"reference": f"Patient/{parent}"}}],
        }
    )
    _, invoice = await patient_with_invoice(
        fhir_adapters, 2500, account={"reference": f"Account/{account['id']}"}
    )
    owed = await fhir_adapters.billing.open_invoices(parent)
    assert [i.id for i in owed] == [invoice]


async def test_payments_are_written_back_once_partly_then_wholly(
    fhir_adapters: FhirAdapters,
) -> None:
    patient, invoice = await patient_with_invoice(fhir_adapters, 8000)
    payments = Payments(fhir_adapters.billing, FakeProvider(), fhir_adapters.practice)

    part = await payments.complete(paid(patient, invoice, 3000, f"p1-{invoice}"))
    assert isinstance(part, PaymentRecorded) and part.new and part.remaining_cents == 5000
    stored = await fhir_adapters.billing.invoice(invoice)
    assert (stored.status, stored.balance_cents) == ("issued", 5000)

    replay = await payments.complete(paid(patient, invoice, 3000, f"p1-{invoice}"))
    assert isinstance(replay, PaymentRecorded) and not replay.new
    assert replay.notice_id == part.notice_id

    over = await payments.complete(paid(patient, invoice, 6000, f"p2-{invoice}"))
    assert isinstance(over, PaymentRefused) and over.reason == "over_balance"

    rest = await payments.complete(paid(patient, invoice, 5000, f"p3-{invoice}"))
    assert isinstance(rest, PaymentRecorded) and rest.remaining_cents == 0
    assert (await fhir_adapters.billing.invoice(invoice)).status == "balanced"
    notices = await notices_for(fhir_adapters, invoice)
    assert sorted(n["amount"]["value"] for n in notices) == [30.0, 50.0]
    notice = notices[0]
    assert notice["identifier"][0]["system"].endswith("/payment/sandbox")
    assert notice["recipient"]["reference"].startswith("Organization/")
    assert await fhir_adapters.billing.open_invoices(patient) == []


async def test_the_conditional_create_says_whether_it_made_the_notice(
    fhir_adapters: FhirAdapters,
) -> None:
    patient, invoice_id = await patient_with_invoice(fhir_adapters, 1000)
    invoice = await fhir_adapters.billing.invoice(invoice_id)
    payment = paid(patient, invoice_id, 1000, f"twice-{invoice_id}")
    first = await fhir_adapters.billing.record_payment(payment, invoice)
    second = await fhir_adapters.billing.record_payment(payment, invoice)
    assert first[1] is True and second == (first[0], False)
    assert await fhir_adapters.billing.recorded(payment.payment_id) == first[0]


async def test_balancing_a_changed_invoice_is_a_conflict(fhir_adapters: FhirAdapters) -> None:
    _, invoice_id = await patient_with_invoice(fhir_adapters, 1000)
    stale = await fhir_adapters.billing.invoice(invoice_id)
    current = await fhir_adapters.connection.read("Invoice", invoice_id)
    await fhir_adapters.connection.http.update({**current, "paymentTerms": "changed"})
    with pytest.raises(Conflict):
        await fhir_adapters.billing.mark_balanced(stale)
    assert (await fhir_adapters.billing.invoice(invoice_id)).status == "issued"


async def test_an_unknown_invoice_is_not_found(fhir_adapters: FhirAdapters) -> None:
    with pytest.raises(NotFound):
        await fhir_adapters.billing.invoice("no-such-invoice")
