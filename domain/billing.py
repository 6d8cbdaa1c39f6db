"""What a patient owes: open invoices, what has been paid on them, and what remains.

Amounts are whole cents (`int`), never floats: $80.00 is 8000. An invoice is open while the
record says `issued`; each payment recorded against it (a FHIR PaymentNotice) reduces its
balance, and the payment that brings the balance to nothing closes it (`balanced`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


def to_cents(value: float | str | Decimal) -> int:
    """A decimal amount of money (80.0, "80.00") as whole cents (8000)."""
    return int((Decimal(str(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def money_text(cents: int, currency: str) -> str:
    """How an amount is written to a patient: "$80.00" in dollars, "80.00 EUR" otherwise."""
    amount = f"{Decimal(cents) / 100:,.2f}"
    return f"${amount}" if currency.upper() == "USD" else f"{amount} {currency.upper()}"


@dataclass(frozen=True)
class InvoiceLine:
    description: str
    cents: int


@dataclass(frozen=True)
class Invoice:
    """An invoice from the record, with what has been paid on it so far."""

    id: str
    patient_id: str  # whom it is for (Invoice.subject)
    status: str  # issued | balanced | cancelled | draft | entered-in-error
    date: dt.date | None
    total_cents: int
    currency: str
    paid_cents: int = 0
    lines: tuple[InvoiceLine, ...] = ()
    version: str | None = None  # the record's version, for a version-checked write
    # Everyone who answers for it: the subject, the recipient, the account's guarantors.
    responsible: frozenset[str] = field(default_factory=frozenset)

    @property
    def balance_cents(self) -> int:
        return max(self.total_cents - self.paid_cents, 0)

    @property
    def is_open(self) -> bool:
        return self.status == "issued" and self.balance_cents > 0

    def answers_for(self, patient_id: str) -> bool:
        return patient_id == self.patient_id or patient_id in self.responsible


@dataclass(frozen=True)
class PaymentLink:
    """Where the patient pays: a URL of the provider (or the sandbox's own pay page)."""

    url: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class LinkRequest:
    """A link to pay the open balance of one invoice; `conversation_id` is where the thanks go."""

    invoice: Invoice
    patient_id: str
    conversation_id: str
    practice_name: str


# --- the conversation's commands and outcomes ------------------------------------------------


@dataclass(frozen=True)
class FindOpenInvoices:
    patient_id: str


@dataclass(frozen=True)
class OpenInvoicesFound:
    patient_id: str
    invoices: tuple[Invoice, ...]  # oldest first


@dataclass(frozen=True)
class CreatePaymentLink:
    patient_id: str
    invoice_id: str
    conversation_id: str


@dataclass(frozen=True)
class PaymentLinkCreated:
    patient_id: str
    invoice: Invoice
    link: PaymentLink


@dataclass(frozen=True)
class NothingToPay:
    """The invoice asked about is not open for this patient (paid meanwhile, or not theirs)."""

    patient_id: str
    invoice_id: str
