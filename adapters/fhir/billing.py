"""BillingStore on FHIR: Invoices, who answers for them, and the PaymentNotices paid on them.

An invoice is the patient's when it is about them (`subject`), addressed to them
(`recipient`) or billed to an Account they are a guarantor of. What is paid on it is the
sum of the active PaymentNotices whose `request` is the Invoice. A payment is recorded as a
PaymentNotice created conditionally on the provider's payment id (its identifier), so a
replayed webhook finds the one already made; closing the Invoice is a version-checked PUT.

Not every server searches PaymentNotice by `identifier` and `request` (the sekmet sandbox
searches it by nothing but the common parameters). Each notice therefore also carries the
payment id and the invoice as `meta.tag`s, and where the server's CapabilityStatement does
not list those parameters the condition and the searches use `_tag`, which every server has.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adapters.fhir.codes import PROJECT
from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import ref_id
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.slots import fhir_time
from domain.billing import Invoice, InvoiceLine, to_cents
from domain.errors import Conflict, NotFound
from domain.payments import CompletedPayment

#: The identifier system of a PaymentNotice's provider payment id ("…/payment/stripe").
PAYMENT_SYSTEM = f"{PROJECT}/payment"
#: The tag naming the Invoice a PaymentNotice pays (for servers without `request` search).
PAYS_TAG = f"{PROJECT}/pays-invoice"


def payment_system(provider: str) -> str:
    return f"{PAYMENT_SYSTEM}/{provider}"


def _amount(money: Any) -> tuple[int, str] | None:
    if isinstance(money, dict) and money.get("value") is not None:
        return to_cents(money["value"]), str(money.get("currency") or "USD")
    return None


def _lines(resource: Json) -> tuple[InvoiceLine, ...]:
    lines = []
    for item in resource.get("lineItem") or []:
        concept = item.get("chargeItemCodeableConcept") or {}
        text = concept.get("text") or next(
            (c.get("display") for c in concept.get("coding") or [] if c.get("display")), "Charge"
        )
        base = sum(
            found[0]
            for p in item.get("priceComponent") or []
            if p.get("type") in ("base", "surcharge") and (found := _amount(p.get("amount")))
        ) - sum(
            found[0]
            for p in item.get("priceComponent") or []
            if p.get("type") in ("discount", "deduction") and (found := _amount(p.get("amount")))
        )
        lines.append(InvoiceLine(str(text), base))
    return tuple(lines)


def to_invoice(resource: Json, paid_cents: int, guarantors: frozenset[str]) -> Invoice:
    lines = _lines(resource)
    total = _amount(resource.get("totalGross")) or _amount(resource.get("totalNet"))
    cents, currency = total or (sum(line.cents for line in lines), "USD")
    date = str(resource.get("date") or "")[:10]
    patient = ref_id(resource.get("subject"), "Patient") or ""
    recipient = ref_id(resource.get("recipient"), "Patient")
    return Invoice(
        id=str(resource["id"]),
        patient_id=patient,
        status=str(resource.get("status") or ""),
        date=dt.date.fromisoformat(date) if len(date) == 10 else None,
        total_cents=cents,
        currency=currency,
        paid_cents=paid_cents,
        lines=lines,
        version=version_of(resource),
        responsible=frozenset({patient, *([recipient] if recipient else []), *guarantors}),
    )


def payment_notice(payment: CompletedPayment, invoice: Invoice, organization_id: str) -> Json:
    """The PaymentNotice of a completed payment: ids, amount and date only.

    R4 requires `payment` (a PaymentReconciliation); the provider's payment is named by its
    identifier there, as a logical reference, until the practice's ledger reconciles it."""
    identifier = {"system": payment_system(payment.provider), "value": payment.payment_id}
    return {
        "resourceType": "PaymentNotice",
        "meta": {
            "tag": [
                {"system": identifier["system"], "code": payment.payment_id},
                {"system": PAYS_TAG, "code": invoice.id},
            ]
        },
        "identifier": [identifier],
        "status": "active",
        "request": {"reference": f"Invoice/{invoice.id}"},
        "created": fhir_time(payment.paid_at),
        "payment": {"identifier": identifier},
        "paymentDate": payment.paid_at.date().isoformat(),
        "recipient": {"reference": f"Organization/{organization_id}"},
        "amount": {"value": payment.cents / 100, "currency": payment.currency.upper()},
    }


class FhirBilling:
    def __init__(self, conn: FhirConnection, reference: ReferenceCache) -> None:
        self._conn, self._reference = conn, reference
        self._notice_params: set[str] | None = None

    async def _searches_notices_by(self, param: str) -> bool:
        """Does the server search PaymentNotice by `param` (its CapabilityStatement says)?"""
        if self._notice_params is None:
            async with translated("read the CapabilityStatement"):
                statement = await self._conn.http.capabilities()
            self._notice_params = {
                str(p.get("name"))
                for rest in statement.get("rest") or []
                for r in rest.get("resource") or []
                if r.get("type") == "PaymentNotice"
                for p in r.get("searchParam") or []
            }
        return param in self._notice_params

    async def _by_payment_id(self, provider: str | None, payment_id: str) -> str:
        """The search (and the conditional create's condition) for one provider payment id."""
        system = f"{payment_system(provider)}|" if provider else ""
        if await self._searches_notices_by("identifier"):
            return f"identifier={system}{payment_id}"
        return f"_tag={system}{payment_id}"

    async def open_invoices(self, patient_id: str) -> list[Invoice]:
        patient = f"Patient/{patient_id}"
        accounts = await self._guaranteed_accounts(patient_id)
        found: dict[str, Json] = {}
        searches: list[dict[str, str]] = [
            {"subject": patient, "status": "issued"},
            {"recipient": patient, "status": "issued"},
            *({"account": f"Account/{a}", "status": "issued"} for a in accounts),
        ]
        for params in searches:
            for r in await self._conn.search_one_type("Invoice", params):
                found[str(r["id"])] = r
        invoices = []
        for resource in found.values():
            account = ref_id(resource.get("account"), "Account")
            guarantors = await self._guarantors(account) if account else frozenset()
            invoice = to_invoice(resource, await self._paid(resource["id"]), guarantors)
            # The server may ignore a search parameter: check what matters here.
            if invoice.status == "issued" and invoice.answers_for(patient_id):
                invoices.append(invoice)
        return invoices

    async def invoice(self, invoice_id: str) -> Invoice:
        resource = await self._conn.read("Invoice", invoice_id)
        account = ref_id(resource.get("account"), "Account")
        guarantors = await self._guarantors(account) if account else frozenset()
        return to_invoice(resource, await self._paid(invoice_id), guarantors)

    async def recorded(self, payment_id: str) -> str | None:
        # By value (a token without a system matches any), then the system checked here.
        name, _, value = (await self._by_payment_id(None, payment_id)).partition("=")
        found = await self._conn.search_one_type("PaymentNotice", {name: value})
        for notice in found:
            for ident in notice.get("identifier") or []:
                if str(ident.get("system", "")).startswith(PAYMENT_SYSTEM) and (
                    ident.get("value") == payment_id
                ):
                    return str(notice["id"])
        return None

    async def record_payment(self, payment: CompletedPayment, invoice: Invoice) -> tuple[str, bool]:
        organization = (await self._reference.get()).organization["id"]
        notice = payment_notice(payment, invoice, organization)
        condition = await self._by_payment_id(payment.provider, payment.payment_id)
        async with translated("create PaymentNotice"):
            stored, created = await self._conn.http.create_if_none(notice, condition)
        return str(stored.get("id", "")), created

    async def mark_balanced(self, invoice: Invoice) -> None:
        current = await self._conn.read("Invoice", invoice.id)
        if invoice.version and version_of(current) != invoice.version:
            raise Conflict(f"Invoice/{invoice.id} changed since it was read")
        current["status"] = "balanced"
        async with translated(f"balance Invoice/{invoice.id}"):
            try:
                await self._conn.http.update(current, if_match=version_of(current))
            except FhirHttpError as e:
                if e.status in (409, 412):
                    raise Conflict(f"Invoice/{invoice.id} changed while being balanced") from e
                raise

    async def _paid(self, invoice_id: str) -> int:
        params = (
            {"request": f"Invoice/{invoice_id}"}
            if await self._searches_notices_by("request")
            else {"_tag": f"{PAYS_TAG}|{invoice_id}"}
        )
        notices = await self._conn.search_one_type("PaymentNotice", params)
        return sum(
            found[0]
            for n in notices
            if n.get("status") == "active"
            and ref_id(n.get("request"), "Invoice") == invoice_id
            and (found := _amount(n.get("amount")))
        )

    async def _guaranteed_accounts(self, patient_id: str) -> list[str]:
        """Accounts the patient is a guarantor of (no standard search parameter: read and check)."""
        accounts = await self._conn.search_one_type("Account", {"status": "active"})
        return [
            str(a["id"])
            for a in accounts
            if any(
                ref_id(g.get("party"), "Patient") == patient_id for g in a.get("guarantor") or []
            )
        ]

    async def _guarantors(self, account_id: str) -> frozenset[str]:
        try:
            account = await self._conn.read("Account", account_id)
        except NotFound:  # an account gone from the record names no one extra
            return frozenset()
        return frozenset(
            p for g in account.get("guarantor") or [] if (p := ref_id(g.get("party"), "Patient"))
        )
