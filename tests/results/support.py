"""Reports and patients for the results tests, on the shared FHIR sandbox.

Maria's blood test (seeded final) is the headline: a test takes it back to preliminary and
makes it final again, and leaves it final whatever happens (other tests read it). The other
tests make their own patients and reports.
"""

from __future__ import annotations

import random
import uuid

from adapters.fhir import FhirAdapters
from domain.consent import MESSAGING, latest
from tests.support.fhir import TEST_NOW, TEST_PATIENT_SYSTEM

MARIA = "+16175550134"
MARIA_REPORT = "https://riverside.example/fhir/diagnostic-report|RFC-100134-blood-test-1"
#: Words that would say what the result is about or what it found.
CLINICAL = ("blood", "cbc", "panel", "normal", "range", "values", "lab", "conclusion", "test")
SECRET = "results-secret-0123456789"


async def maria(fhir: FhirAdapters) -> tuple[str, str]:
    """Maria's patient id and her blood test's report id; she has agreed to SMS messages."""
    [report] = await fhir.connection.search_one_type(
        "DiagnosticReport", {"identifier": MARIA_REPORT}
    )
    [patient] = [p for p in await fhir.patients.find_by_phone(MARIA) if p.name == "Maria Lopez"]
    await agree_to_messages(fhir, patient.id)
    return patient.id, str(report["id"])


async def agree_to_messages(fhir: FhirAdapters, patient_id: str) -> None:
    document = latest(await fhir.consents.documents(), MESSAGING)
    assert document is not None
    await fhir.consents.record(patient_id, document, True, "sms", TEST_NOW)


async def set_status(fhir: FhirAdapters, report_id: str, status: str) -> None:
    report = await fhir.connection.read("DiagnosticReport", report_id)
    await fhir.connection.http.update({**report, "status": status})


async def new_patient(fhir: FhirAdapters, *, consent: bool = True) -> tuple[str, str]:
    """A fresh patient with a mobile number of their own: (id, phone)."""
    phone = f"+1617{random.randint(200, 999)}{random.randint(0, 9999):04d}"
    patient = await fhir.connection.http.create(
        {
            "resourceType": "Patient",
            "meta": {"tag": [{"system": TEST_PATIENT_SYSTEM, "code": "test"}]},
            "identifier": [{"system": TEST_PATIENT_SYSTEM, "value": str(uuid.uuid4())}],
            "name": [{"use": "official", "given": ["Rowan"], "family": "Quillfeather"}],
            "birthDate": "1990-07-21",
            "telecom": [{"system": "phone", "value": phone, "use": "mobile"}],
        }
    )
    if consent:
        await agree_to_messages(fhir, patient["id"])
    return str(patient["id"]), phone


#: The full report as an attachment: never sent by message.
ATTACHMENT = {
    "contentType": "application/pdf",
    "url": "https://lab.example.org/reports/lipids-2026-02-27.pdf",
    "title": "Full laboratory report",
}


async def new_report(fhir: FhirAdapters, subject: str | None, status: str = "final") -> str:
    """A lipid panel report about `subject` ("Patient/<id>"), with a conclusion and the
    full report attached."""
    resource: dict[str, object] = {
        "resourceType": "DiagnosticReport",
        "status": status,
        "code": {"text": "Lipid panel"},
        "effectiveDateTime": "2026-02-27",
        "conclusion": "Cholesterol slightly raised.",
        "presentedForm": [ATTACHMENT],
    }
    if subject:
        resource["subject"] = {"reference": subject}
    return str((await fhir.connection.http.create(resource))["id"])
