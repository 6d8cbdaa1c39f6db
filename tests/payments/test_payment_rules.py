"""The payment rules on fakes: what is owed, a link only for an open bill of the patient's own,
and a completed payment written back once, partly or wholly, or refused."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.billing import (
    CreatePaymentLink,
    FindOpenInvoices,
    Invoice,
    NothingToPay,
    PaymentLinkCreated,
    money_text,
    to_cents,
)
from domain.errors import Conflict
from domain.payments import CompletedPayment, PaymentRecorded, PaymentRefused, Payments
from tests.fakes import FakeDirectory
from tests.payments.fakes import FakeBilling, FakeProvider

AT = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


def invoice(iid: str = "inv-1", patient: str = "maria", cents: int = 8000, **kw: object) -> Invoice:
    values: dict[str, object] = {
        "status": "issued",
        "date": dt.date(2026, 2, 20),
        "currency": "USD",
    }
    return Invoice(id=iid, patient_id=patient, total_cents=cents, **(values | kw))  # type: ignore[arg-type]


def paid(
    cents: int, payment_id: str = "pay-1", invoice_id: str = "inv-1", **kw: object
) -> CompletedPayment:
    values: dict[str, object] = {
        "provider": "fake",
        "payment_id": payment_id,
        "invoice_id": invoice_id,
        "patient_id": "maria",
        "cents": cents,
        "currency": "USD",
        "paid_at": AT,
    }
    return CompletedPayment(**(values | kw))  # type: ignore[arg-type]


def service(*invoices: Invoice) -> tuple[Payments, FakeBilling, FakeProvider]:
    store, provider = FakeBilling(*invoices), FakeProvider()
    return Payments(store, provider, FakeDirectory()), store, provider


def test_money_is_whole_cents() -> None:
    assert to_cents(80.0) == 8000 and to_cents("19.99") == 1999 and to_cents(0.1 + 0.2) == 30
    assert money_text(8000, "USD") == "$80.00" and money_text(123456, "eur") == "1,234.56 EUR"


async def test_open_bills_are_the_patients_own_oldest_first() -> None:
    older = invoice("inv-0", date=None)
    theirs_by_account = invoice("inv-2", patient="omar", responsible=frozenset({"maria"}))
    payments, _, _ = service(invoice(), older, theirs_by_account, invoice("other", patient="ann"))
    found = await payments.open_invoices(FindOpenInvoices("maria"))
    assert [i.id for i in found.invoices] == ["inv-0", "inv-1", "inv-2"]


async def test_a_link_is_made_for_an_open_bill_of_the_patients_own_only() -> None:
    payments, _, provider = service(invoice(), invoice("other", patient="ann"))
    made = await payments.link(CreatePaymentLink("maria", "inv-1", "conv-1"))
    assert isinstance(made, PaymentLinkCreated) and made.link.url.endswith("/inv-1")
    assert provider.requests[0].conversation_id == "conv-1"
    for invoice_id in ("other", "no-such-invoice"):
        assert isinstance(
            await payments.link(CreatePaymentLink("maria", invoice_id, "c")), NothingToPay
        )
    assert len(provider.requests) == 1


async def test_paying_in_full_records_once_and_balances_the_bill() -> None:
    payments, store, _ = service(invoice())
    first = await payments.complete(paid(8000))
    assert isinstance(first, PaymentRecorded) and first.new and first.remaining_cents == 0
    assert store.balanced == ["inv-1"]
    again = await payments.complete(paid(8000))  # a replayed webhook
    assert isinstance(again, PaymentRecorded) and not again.new
    assert len(store.notices) == 1 and store.balanced == ["inv-1"]


async def test_a_partial_payment_is_recorded_and_the_balance_says_what_remains() -> None:
    payments, store, _ = service(invoice())
    part = await payments.complete(paid(3000))
    assert isinstance(part, PaymentRecorded) and part.remaining_cents == 5000
    assert store.balanced == [] and (await store.invoice("inv-1")).balance_cents == 5000
    rest = await payments.complete(paid(5000, "pay-2"))
    assert isinstance(rest, PaymentRecorded) and rest.remaining_cents == 0
    assert store.balanced == ["inv-1"]


@pytest.mark.parametrize(
    ("payment", "reason"),
    [
        (paid(9000), "over_balance"),
        (paid(8000, currency="EUR"), "currency"),
        (paid(0), "no_amount"),
        (paid(8000, invoice_id="no-such-invoice"), "unknown_invoice"),
        (paid(8000, patient_id="ann"), "not_theirs"),
    ],
)
async def test_a_payment_that_does_not_fit_the_bill_is_refused_and_nothing_written(
    payment: CompletedPayment, reason: str
) -> None:
    payments, store, _ = service(invoice())
    refused = await payments.complete(payment)
    assert isinstance(refused, PaymentRefused) and refused.reason == reason
    assert store.notices == {} and store.balanced == []


async def test_a_new_payment_on_a_paid_bill_is_refused() -> None:
    payments, store, _ = service(invoice())
    await payments.complete(paid(8000))
    refused = await payments.complete(paid(8000, "pay-2"))
    assert isinstance(refused, PaymentRefused) and refused.reason == "not_open"
    assert len(store.notices) == 1


async def test_a_lost_version_race_is_read_again_and_retried() -> None:
    payments, store, _ = service(invoice())
    store.conflicts = 1
    done = await payments.complete(paid(8000))
    assert isinstance(done, PaymentRecorded) and store.balanced == ["inv-1"]
    payments, store, _ = service(invoice())
    store.conflicts = 10
    with pytest.raises(Conflict):
        await payments.complete(paid(8000))
