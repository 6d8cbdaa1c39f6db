"""Invoices of throwaway patients in the FHIR sandbox, and Maria's seeded one put back."""

from __future__ import annotations

from typing import Any

from adapters.fhir import FhirAdapters
from adapters.fhir.billing import PAYS_TAG
from adapters.fhir.mapping import ref_id
from tests.support.fhir import new_patient

MARIA_PHONE = "+16175550134"
MARIA_INVOICE = "RFC-100134-invoice-1"


async def patient_with_invoice(
    fhir: FhirAdapters, cents: int = 8000, phone: str | None = None, **extra: Any
) -> tuple[str, str]:
    """A new patient and an `issued` invoice of `cents` for them: (patient id, invoice id)."""
    patient = await new_patient(fhir, phone)
    amount = {"value": cents / 100, "currency": "USD"}
    invoice = {
        "resourceType": "Invoice",
        "status": "issued",
        "subject": {"reference": f"Patient/{patient}"},
        "date": "2026-02-20",
        "lineItem": [
            {
                "sequence": 1,
                "chargeItemCodeableConcept": {"text": "Visit"},
                "priceComponent": [{"type": "base", "amount": amount}],
            }
        ],
        "totalGross": amount,
        **extra,
    }
    created = await fhir.connection.http.create(invoice)
    return patient, str(created["id"])


async def maria_invoice(fhir: FhirAdapters) -> dict[str, Any]:
    [found] = await fhir.connection.search_one_type(
        "Invoice", {"identifier": f"https://riverside.example/fhir/invoice|{MARIA_INVOICE}"}
    )
    return found


async def notices_for(fhir: FhirAdapters, invoice_id: str) -> list[dict[str, Any]]:
    # The sandbox searches PaymentNotice by its tags only (adapters/fhir/billing.py).
    found = await fhir.connection.search_one_type(
        "PaymentNotice", {"_tag": f"{PAYS_TAG}|{invoice_id}"}
    )
    return [
        n
        for n in found
        if ref_id(n.get("request"), "Invoice") == invoice_id and n.get("status") == "active"
    ]


async def reopen_maria_invoice(fhir: FhirAdapters) -> None:
    """Leave the seeded $80.00 open for the next test: its payments entered in error, `issued`."""
    invoice = await maria_invoice(fhir)
    for notice in await notices_for(fhir, invoice["id"]):
        await fhir.connection.http.update({**notice, "status": "entered-in-error"})
    if invoice["status"] != "issued":
        await fhir.connection.http.update({**invoice, "status": "issued"})
