"""A BillingStore and a PaymentProvider in memory, for the payment rules' tests."""

from __future__ import annotations

import dataclasses
import datetime as dt

from domain.billing import Invoice, LinkRequest, PaymentLink
from domain.errors import Conflict, NotFound
from domain.payments import CompletedPayment


class FakeBilling:
    def __init__(self, *invoices: Invoice) -> None:
        self.invoices = {i.id: i for i in invoices}
        self.notices: dict[str, CompletedPayment] = {}  # payment id -> payment
        self.balanced: list[str] = []
        self.conflicts = 0  # how many mark_balanced calls lose a race first

    def _paid(self, invoice_id: str) -> int:
        return sum(p.cents for p in self.notices.values() if p.invoice_id == invoice_id)

    async def open_invoices(self, patient_id: str) -> list[Invoice]:
        return [
            i
            for i in [await self.invoice(k) for k in self.invoices]
            if i.status == "issued" and i.answers_for(patient_id)
        ]

    async def invoice(self, invoice_id: str) -> Invoice:
        if invoice_id not in self.invoices:
            raise NotFound(invoice_id)
        return dataclasses.replace(self.invoices[invoice_id], paid_cents=self._paid(invoice_id))

    async def recorded(self, payment_id: str) -> str | None:
        return f"notice-{payment_id}" if payment_id in self.notices else None

    async def record_payment(self, payment: CompletedPayment, invoice: Invoice) -> tuple[str, bool]:
        new = payment.payment_id not in self.notices
        self.notices.setdefault(payment.payment_id, payment)
        return f"notice-{payment.payment_id}", new

    async def mark_balanced(self, invoice: Invoice) -> None:
        if self.conflicts:
            self.conflicts -= 1
            raise Conflict(invoice.id)
        self.invoices[invoice.id] = dataclasses.replace(
            self.invoices[invoice.id], status="balanced"
        )
        self.balanced.append(invoice.id)


class FakeProvider:
    name = "fake"

    def __init__(self) -> None:
        self.requests: list[LinkRequest] = []

    async def create_link(self, request: LinkRequest) -> PaymentLink:
        self.requests.append(request)
        return PaymentLink(
            f"https://pay.example/{request.invoice.id}",
            dt.datetime(2026, 3, 5, tzinfo=dt.UTC),
        )
