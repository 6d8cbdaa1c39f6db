"""The BillingStore contract, run unchanged on the in-memory fake (tests/payments/fakes.py) and
on the FHIR adapter over the sandbox, as tests/ports does for the other ports: what is owed,
a payment recorded once by its id, and closing an invoice only at the version read."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from domain.billing import Invoice
from domain.errors import Conflict, NotFound
from domain.payments import BillingStore, CompletedPayment
from tests.payments.fakes import FakeBilling
from tests.payments.support import patient_with_invoice
from tests.support.fhir import SeededServer

AT = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


@dataclass
class BillingSide:
    store: BillingStore
    #: A new patient with an issued invoice of so many cents: (patient id, invoice id).
    add_invoice: Callable[[int], Awaitable[tuple[str, str]]]
    #: Someone else changes the invoice (a new version), as staff editing it would.
    touch: Callable[[str], Awaitable[None]]


@pytest.fixture(
    params=[
        pytest.param("fake", id="fake"),
        pytest.param("fhir", marks=pytest.mark.fhir),
        pytest.param("medplum", marks=pytest.mark.fhir),
    ]
)
def billing_server(request: pytest.FixtureRequest) -> str | None:
    """The FHIR side's server (the sandbox, or Medplum's: a plain fixture, as
    tests/ports/sides.py explains: the session's servers are asked for only by FHIR-side
    tests); None for the fake."""
    if request.param == "fake":
        return None
    fixture = "medplum_fhir" if request.param == "medplum" else "fhir_sandbox"
    server: SeededServer = request.getfixturevalue(fixture)
    return server.base_url


@pytest.fixture
async def side(billing_server: str | None) -> AsyncIterator[BillingSide]:
    if billing_server is None:
        fake = FakeBilling()

        async def add_fake(cents: int) -> tuple[str, str]:
            patient, invoice = uuid.uuid4().hex, uuid.uuid4().hex
            fake.invoices[invoice] = Invoice(
                invoice, patient, "issued", dt.date(2026, 2, 20), cents, "USD", version="1"
            )
            return patient, invoice

        async def touch_fake(invoice_id: str) -> None:
            fake.conflicts += 1  # the next write at the old version loses

        yield BillingSide(fake, add_fake, touch_fake)
        return
    from adapters.fhir import connect
    from adapters.fhir.codes import DEMO_ORGANIZATION

    fhir = connect(billing_server, organization=DEMO_ORGANIZATION)

    async def add_fhir(cents: int) -> tuple[str, str]:
        return await patient_with_invoice(fhir, cents)

    async def touch_fhir(invoice_id: str) -> None:
        current = await fhir.connection.read("Invoice", invoice_id)
        await fhir.connection.http.update({**current, "paymentTerms": "edited"})

    try:
        yield BillingSide(fhir.billing, add_fhir, touch_fhir)
    finally:
        await fhir.aclose()


def payment(patient: str, invoice: str, cents: int) -> CompletedPayment:
    return CompletedPayment("sandbox", uuid.uuid4().hex, invoice, patient, cents, "USD", AT)


async def test_an_issued_invoice_is_owed_by_its_patient_only(side: BillingSide) -> None:
    patient, invoice = await side.add_invoice(4200)
    [owed] = await side.store.open_invoices(patient)
    assert (owed.id, owed.balance_cents, owed.currency, owed.patient_id) == (
        invoice,
        4200,
        "USD",
        patient,
    )
    other, _ = await side.add_invoice(100)
    assert [i.id for i in await side.store.open_invoices(other)] != [invoice]


async def test_a_payment_is_recorded_once_by_its_id_and_reduces_the_balance(
    side: BillingSide,
) -> None:
    patient, invoice_id = await side.add_invoice(5000)
    invoice = await side.store.invoice(invoice_id)
    paid = payment(patient, invoice_id, 2000)
    assert await side.store.recorded(paid.payment_id) is None
    notice, created = await side.store.record_payment(paid, invoice)
    assert created and await side.store.recorded(paid.payment_id) == notice
    assert await side.store.record_payment(paid, invoice) == (notice, False)
    assert (await side.store.invoice(invoice_id)).balance_cents == 3000


async def test_an_invoice_is_balanced_only_at_the_version_read(side: BillingSide) -> None:
    _, invoice_id = await side.add_invoice(1000)
    stale = await side.store.invoice(invoice_id)
    await side.touch(invoice_id)
    with pytest.raises(Conflict):
        await side.store.mark_balanced(stale)
    await side.store.mark_balanced(await side.store.invoice(invoice_id))
    assert (await side.store.invoice(invoice_id)).status == "balanced"


async def test_an_unknown_invoice_is_not_found(side: BillingSide) -> None:
    with pytest.raises(NotFound):
        await side.store.invoice(f"no-such-{uuid.uuid4().hex[:8]}")
