"""The FHIR R4 adapter: the practice's record system behind the domain's ports.

Reads, searches, conditional writes and transaction Bundles go through a thin helper
over one pooled HTTP session (see http.py for why). Only domain values and domain
errors leave this package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.fhir.billing import FhirBilling
from adapters.fhir.connection import FhirConnection
from adapters.fhir.consent import FhirConsentStore
from adapters.fhir.directory import FhirPatientDirectory, FhirPracticeDirectory
from adapters.fhir.errors import FhirRequestRejected
from adapters.fhir.intake import FhirIntakeStore
from adapters.fhir.patients import FhirPatients
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.results import FhirResultsStore
from adapters.fhir.schedule import FhirScheduleStore
from adapters.fhir.tasks import FhirCoverage, FhirStaffTasks
from domain.phones import region_of
from domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours


@dataclass
class FhirAdapters:
    """The FHIR implementations of the domain's ports, sharing one connection."""

    connection: FhirConnection
    practice: FhirPracticeDirectory
    patients: FhirPatients  # the patient directory, by phone and by linked chat
    schedule: FhirScheduleStore
    # Identity, intake, consent and results; `patients` is also the registry.
    registry: FhirPatients = field(repr=False)
    tasks: FhirStaffTasks = field(repr=False)
    coverage: FhirCoverage = field(repr=False)
    intake: FhirIntakeStore = field(repr=False)
    consents: FhirConsentStore = field(repr=False)
    results: FhirResultsStore = field(repr=False)
    billing: FhirBilling = field(repr=False)  # invoices and the payments made on them

    async def aclose(self) -> None:
        await self.connection.aclose()


def connect(
    base_url: str,
    *,
    organization: str | None = None,
    default_timezone: str = "UTC",
    timeout: float = 10.0,
    authorization: str | None = None,
    reference_ttl: float = 300.0,
    public_base_url: str = "http://127.0.0.1:8000",
    intake_url: str | None = None,
    locale: str = "en-US",
    quiet_hours: QuietHours = DEFAULT_QUIET_HOURS,
) -> FhirAdapters:
    """Build the adapters for the FHIR server at `base_url` (nothing is contacted yet).

    organization: the practice's Organization as an identifier token "system|value";
    None when the server holds exactly one Organization.
    default_timezone: used when neither the Organization nor a Location carries one.
    public_base_url: where patients read consent documents in full (`/documents/{id}`).
    intake_url: the intake Questionnaire's canonical url (None: the active one named "intake").
    locale: the practice's (PRACTICE_LOCALE): how dates are read and written, and the country
    of phone numbers the server holds without a country code.
    quiet_hours: the practice's (its configuration, not its record): kept on its Practice.
    """
    conn = FhirConnection(
        base_url, timeout=timeout, authorization=authorization, phone_region=region_of(locale)
    )
    reference = ReferenceCache(conn, organization, ttl=reference_ttl)
    patients = FhirPatients(conn, reference)
    return FhirAdapters(
        connection=conn,
        practice=FhirPracticeDirectory(
            reference, default_timezone=default_timezone, locale=locale, quiet_hours=quiet_hours
        ),
        patients=patients,
        schedule=FhirScheduleStore(conn, reference),
        registry=patients,
        tasks=FhirStaffTasks(conn, reference),
        coverage=FhirCoverage(conn),
        intake=FhirIntakeStore(conn, intake_url),
        consents=FhirConsentStore(
            conn, reference, f"{public_base_url.rstrip('/')}/documents/{{id}}"
        ),
        results=FhirResultsStore(conn),
        billing=FhirBilling(conn, reference),
    )


__all__ = [
    "FhirAdapters",
    "FhirConnection",
    "FhirPatientDirectory",
    "FhirPracticeDirectory",
    "FhirRequestRejected",
    "FhirScheduleStore",
    "ReferenceCache",
    "connect",
]
