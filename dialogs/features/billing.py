"""Paying a bill: the open balance from the record and a link to pay it.
Flow: data/flows/pay_bill.yaml (verified patients only, so nothing about money is said before
the date of birth is confirmed).

{invoice_count}    how many bills are open
{balance_total}    what is owed on them all ("$80.00")
{invoice_balance}  what is owed on the chosen bill
{invoice_date}     the chosen bill's date ("Fri 20 Feb")
{payment_link}     where to pay it
"""

from __future__ import annotations

import datetime as dt

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.state import State
from domain.billing import (
    CreatePaymentLink,
    FindOpenInvoices,
    Invoice,
    NothingToPay,
    OpenInvoicesFound,
    PaymentLinkCreated,
    money_text,
)


def _date_text(day: dt.date | None) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}" if day else "an earlier date"


def _item(invoice: Invoice) -> dict:
    balance = money_text(invoice.balance_cents, invoice.currency)
    return {
        "id": invoice.id,
        "date": _date_text(invoice.date),
        "balance": balance,
        "label": f"{_date_text(invoice.date)}: {balance}",
    }


def _find(state: State, ctx: TurnContext) -> FindOpenInvoices:
    return FindOpenInvoices(state.patient_id or "")


def _link(state: State, ctx: TurnContext) -> CreatePaymentLink:
    chosen = state.slots.get("invoice")
    if not chosen:
        raise MissingSlot("create_payment_link needs the invoice chosen")
    return CreatePaymentLink(state.patient_id or "", chosen["id"], ctx.conversation_id)


def _found(outcome: OpenInvoicesFound, state: State) -> str:
    state.slots["invoices"] = [_item(i) for i in outcome.invoices]
    state.slots.pop("invoice", None)
    if outcome.invoices:
        currencies = {i.currency for i in outcome.invoices}
        state.slots["balance_total"] = (
            money_text(sum(i.balance_cents for i in outcome.invoices), currencies.pop())
            if len(currencies) == 1
            else ""
        )
    return "found" if outcome.invoices else "none"


def _created(outcome: PaymentLinkCreated, state: State) -> str:
    state.slots["invoice"] = _item(outcome.invoice)
    state.slots["payment_link"] = outcome.link.url
    return "created"


def _nothing(outcome: NothingToPay, state: State) -> str:
    return "settled"


def _found_audit(outcome: OpenInvoicesFound) -> list[Entry]:
    return [
        (
            "record.disclosed",
            f"Patient/{outcome.patient_id}",
            {"what": "open_invoices", "invoices": [f"Invoice/{i.id}" for i in outcome.invoices]},
        )
    ]


def _created_audit(outcome: PaymentLinkCreated) -> list[Entry]:
    return [
        (
            "payment.link_created",
            f"Invoice/{outcome.invoice.id}",
            {
                "patient": f"Patient/{outcome.patient_id}",
                "cents": outcome.invoice.balance_cents,
                "expires_at": outcome.link.expires_at.isoformat(),
            },
        )
    ]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    invoices = state.slots.get("invoices") or []
    chosen = state.slots.get("invoice") or {}
    return {
        "invoice_count": str(len(invoices)),
        "balance_total": str(state.slots.get("balance_total") or ""),
        "invoice_balance": str(chosen.get("balance", "")),
        "invoice_date": str(chosen.get("date", "")),
        "payment_link": str(state.slots.get("payment_link") or ""),
    }


FEATURE = Feature(
    actions=(
        ActionSpec("find_open_invoices", ("found", "none", "down"), _find),
        ActionSpec("create_payment_link", ("created", "settled", "down"), _link),
    ),
    routes={OpenInvoicesFound: _found, PaymentLinkCreated: _created, NothingToPay: _nothing},
    audit={OpenInvoicesFound: _found_audit, PaymentLinkCreated: _created_audit},
    values=_values,
)
