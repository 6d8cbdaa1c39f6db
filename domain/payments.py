"""Paying a bill: the open balance, a link to pay it, and the write-back of a completed payment.

The ports are here, beside the one service that uses them: `BillingStore` is the record
(FHIR Invoice and PaymentNotice), `PaymentProvider` makes the link (Stripe Checkout, or the
sandbox's own signed pay page). Whoever reports a completed payment — a provider's verified
webhook or the sandbox page — calls `Payments.complete`, so both take one path:

- a payment already recorded (the provider's payment id is the PaymentNotice's identifier)
  changes nothing, however often it is reported;
- an invoice that is unknown, not the patient's, or in another currency, or an amount over
  what is owed, is refused (the runtime logs and audits it for staff; nothing is written);
- otherwise one PaymentNotice is created, conditionally on that identifier, and the payment
  that leaves nothing owing sets the Invoice to `balanced` by a version-checked write.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Protocol

from domain.billing import (
    CreatePaymentLink,
    FindOpenInvoices,
    Invoice,
    LinkRequest,
    NothingToPay,
    OpenInvoicesFound,
    PaymentLink,
    PaymentLinkCreated,
)
from domain.errors import Conflict, NotFound
from domain.ports import PracticeDirectory

log = logging.getLogger(__name__)

#: How often a lost version race on the Invoice is read again and retried.
BALANCE_RETRIES = 3


class BillingStore(Protocol):
    async def open_invoices(self, patient_id: str) -> list[Invoice]:
        """Invoices `issued` for the patient or an account they answer for, with what is paid."""
        ...

    async def invoice(self, invoice_id: str) -> Invoice:
        """One invoice with what is paid on it; NotFound if there is none."""
        ...

    async def recorded(self, payment_id: str) -> str | None:
        """The id of the PaymentNotice carrying this provider payment id, if there is one."""
        ...

    async def record_payment(self, payment: CompletedPayment, invoice: Invoice) -> tuple[str, bool]:
        """Create the PaymentNotice unless one with this payment id exists: (its id, created)."""
        ...

    async def mark_balanced(self, invoice: Invoice) -> None:
        """Set the Invoice `balanced`, If-Match its version; Conflict if it changed meanwhile."""
        ...


class PaymentProvider(Protocol):
    name: str

    async def create_link(self, request: LinkRequest) -> PaymentLink:
        """A link where the patient pays `request.invoice`'s open balance."""
        ...


@dataclass(frozen=True)
class CompletedPayment:
    """A payment a provider reports as completed. Opaque ids and the amount only."""

    provider: str  # sandbox | stripe
    payment_id: str  # the provider's id of the payment: what makes it recorded once
    invoice_id: str
    patient_id: str
    cents: int
    currency: str
    paid_at: dt.datetime
    conversation_id: str = ""  # where the link was sent, so the thanks go there too


@dataclass(frozen=True)
class PaymentRecorded:
    payment: CompletedPayment
    notice_id: str
    remaining_cents: int  # 0: the invoice is balanced
    new: bool  # False: it was recorded before (a replay); nothing changed now


@dataclass(frozen=True)
class PaymentRefused:
    """Nothing was written. `reason`: unknown_invoice | not_theirs | not_open | currency |
    over_balance | no_amount."""

    payment: CompletedPayment
    reason: str


class Payments:
    def __init__(
        self, store: BillingStore, provider: PaymentProvider, directory: PracticeDirectory
    ) -> None:
        self.store, self.provider, self.directory = store, provider, directory

    # --- in the conversation ----------------------------------------------------------

    async def open_invoices(self, command: FindOpenInvoices) -> OpenInvoicesFound:
        found = [i for i in await self.store.open_invoices(command.patient_id) if i.is_open]
        found.sort(key=lambda i: (i.date or dt.date.min, i.id))
        return OpenInvoicesFound(command.patient_id, tuple(found))

    async def link(self, command: CreatePaymentLink) -> PaymentLinkCreated | NothingToPay:
        try:
            invoice = await self.store.invoice(command.invoice_id)
        except NotFound:
            return NothingToPay(command.patient_id, command.invoice_id)
        if not invoice.is_open or not invoice.answers_for(command.patient_id):
            return NothingToPay(command.patient_id, command.invoice_id)
        practice = await self.directory.practice()
        link = await self.provider.create_link(
            LinkRequest(invoice, command.patient_id, command.conversation_id, practice.name)
        )
        return PaymentLinkCreated(command.patient_id, invoice, link)

    # --- the write-back ------------------------------------------------------------------

    async def complete(self, payment: CompletedPayment) -> PaymentRecorded | PaymentRefused:
        try:
            invoice = await self.store.invoice(payment.invoice_id)
        except NotFound:
            return PaymentRefused(payment, "unknown_invoice")
        if not invoice.answers_for(payment.patient_id):
            return PaymentRefused(payment, "not_theirs")
        notice_id = await self.store.recorded(payment.payment_id)
        if notice_id is not None:
            # A replay: nothing new, but finish a write-back a crash may have cut short.
            await self._balance_if_paid(invoice.id)
            return PaymentRecorded(payment, notice_id, invoice.balance_cents, new=False)
        refusal = _refusal(payment, invoice)
        if refusal:
            return PaymentRefused(payment, refusal)
        notice_id, created = await self.store.record_payment(payment, invoice)
        remaining = await self._balance_if_paid(invoice.id)
        return PaymentRecorded(payment, notice_id, remaining, new=created)

    async def _balance_if_paid(self, invoice_id: str) -> int:
        """Close the invoice once nothing is owed (read again after a lost race); what remains."""
        for _ in range(BALANCE_RETRIES):
            invoice = await self.store.invoice(invoice_id)
            if invoice.balance_cents > 0 or invoice.status != "issued":
                return invoice.balance_cents
            try:
                await self.store.mark_balanced(invoice)
                return 0
            except Conflict:
                log.info("invoice=%s changed while being balanced; reading it again", invoice_id)
        raise Conflict(f"Invoice/{invoice_id} kept changing while being balanced")


def _refusal(payment: CompletedPayment, invoice: Invoice) -> str | None:
    if invoice.status != "issued":
        return "not_open"
    if payment.currency.upper() != invoice.currency.upper():
        return "currency"
    if payment.cents <= 0:
        return "no_amount"
    if payment.cents > invoice.balance_cents:
        return "over_balance"
    return None
