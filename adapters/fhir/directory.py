"""PracticeDirectory and PatientDirectory on FHIR."""

from __future__ import annotations

from adapters.fhir.connection import FhirConnection
from adapters.fhir.mapping import (
    opening_hours,
    ref_id,
    timezone_of,
    to_location,
    to_patient,
    to_practitioner,
    to_service,
)
from adapters.fhir.phones import spellings, to_e164
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.related import related_by_phone
from domain.model import Location, Patient, Practice, Practitioner, Service
from domain.phones import region_of
from domain.related import RelatedPerson


class FhirPracticeDirectory:
    """The practice as its FHIR Organization, Locations, PractitionerRoles and HealthcareServices say.

    The time zone comes from the Organization's (else a Location's) timezone extension,
    else `default_timezone`; the hours are the union of the Locations' hoursOfOperation.
    """

    def __init__(
        self, reference: ReferenceCache, default_timezone: str = "UTC", locale: str = "en-US"
    ):
        self._reference = reference
        self._default_timezone = default_timezone
        self._locale = locale

    async def practice(self) -> Practice:
        data = await self._reference.get()
        org = data.organization
        zones = [timezone_of(org), *(timezone_of(loc) for loc in data.locations)]
        phone = next(
            (
                t["value"]
                for t in org.get("telecom") or []
                if t.get("system") == "phone" and t.get("value")
            ),
            "",
        )
        return Practice(
            id=org["id"],
            name=org.get("name", ""),
            timezone=next((z for z in zones if z), self._default_timezone),
            phone=to_e164(phone, region_of(self._locale)) or phone,
            locale=self._locale,
            hours=opening_hours(data.locations),
        )

    async def services(self) -> list[Service]:
        data = await self._reference.get()
        return [to_service(hs, data.practitioners_of_service(hs["id"])) for hs in data.services]

    async def practitioners(self) -> list[Practitioner]:
        data = await self._reference.get()
        return [
            to_practitioner(
                p,
                [r for r in data.roles if ref_id(r.get("practitioner"), "Practitioner") == p["id"]],
            )
            for p in data.practitioners
        ]

    async def locations(self) -> list[Location]:
        return [to_location(loc) for loc in (await self._reference.get()).locations]


class FhirPatientDirectory:
    """Patients by phone number and by id, and the RelatedPersons on a phone."""

    def __init__(self, conn: FhirConnection):
        self._conn = conn

    async def find_by_phone(self, e164: str) -> list[Patient]:
        """Every active Patient with this number in telecom (several when a family shares a phone)."""
        wanted = to_e164(e164, self._conn.phone_region)
        if wanted is None:
            return []
        found = await self._conn.search_one_type(
            "Patient", {"telecom": ",".join(spellings(wanted))}
        )
        # Compare in E.164 ourselves: the server matched strings, and may have ignored the filter.
        patients = [
            to_patient(p, self._conn.phone_region)
            for p in found
            if p.get("active", True) is not False
        ]
        return sorted((p for p in patients if wanted in p.phones), key=lambda p: (p.name, p.id))

    async def get(self, patient_id: str) -> Patient:
        return to_patient(await self._conn.read("Patient", patient_id), self._conn.phone_region)

    async def related_by_phone(self, e164: str) -> list[RelatedPerson]:
        """RelatedPersons (a parent, a carer) with this number: the patients they may act for."""
        return await related_by_phone(self._conn, e164)
