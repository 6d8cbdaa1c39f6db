"""The FHIR R4 adapter: the practice's record system behind the domain's ports.

Reads and searches go through fhirpy's AsyncFHIRClient; conditional writes and
transaction Bundles through a thin httpx helper (see http.py for why). Only domain
values and domain errors leave this package.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.fhir.connection import FhirConnection
from adapters.fhir.directory import FhirPatientDirectory, FhirPracticeDirectory
from adapters.fhir.errors import FhirRequestRejected
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.schedule import FhirScheduleStore


@dataclass
class FhirAdapters:
    """The FHIR implementations of the domain's ports, sharing one connection."""

    connection: FhirConnection
    practice: FhirPracticeDirectory
    patients: FhirPatientDirectory
    schedule: FhirScheduleStore

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
) -> FhirAdapters:
    """Build the adapters for the FHIR server at `base_url` (nothing is contacted yet).

    organization: the practice's Organization as an identifier token "system|value";
    None when the server holds exactly one Organization.
    default_timezone: used when neither the Organization nor a Location carries one.
    """
    conn = FhirConnection(base_url, timeout=timeout, authorization=authorization)
    reference = ReferenceCache(conn, organization, ttl=reference_ttl)
    return FhirAdapters(
        connection=conn,
        practice=FhirPracticeDirectory(reference, default_timezone=default_timezone),
        patients=FhirPatientDirectory(conn),
        schedule=FhirScheduleStore(conn, reference),
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
