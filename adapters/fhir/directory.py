"""PracticeDirectory and PatientDirectory on FHIR."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

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
from adapters.fhir.reference import ReferenceCache, ReferenceData
from adapters.fhir.related import related_by_phone
from domain.model import Location, Patient, Practice, Practitioner, Service
from domain.phones import region_of
from domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from domain.related import RelatedPerson

T = TypeVar("T")


class FhirPracticeDirectory:
    """The practice as its FHIR Organization, Locations, PractitionerRoles and HealthcareServices say.

    The time zone comes from the Organization's (else a Location's) timezone extension,
    else `default_timezone`; the hours are the union of the Locations' hoursOfOperation.

    Every turn reads the catalogue (twice), so what is made of one read of the reference
    data is kept with it and made again only when the reference cache reads afresh (after
    its TTL, or invalidated): a staff edit is seen exactly as soon as before.
    """

    def __init__(
        self,
        reference: ReferenceCache,
        default_timezone: str = "UTC",
        locale: str = "en-US",
        quiet_hours: QuietHours = DEFAULT_QUIET_HOURS,
    ):
        self._reference = reference
        self._default_timezone = default_timezone
        self._locale = locale
        self._quiet_hours = quiet_hours
        self._made_from: ReferenceData | None = None
        self._made: dict[str, Any] = {}

    async def _of_current(self, what: str, make: Callable[[ReferenceData], T]) -> T:
        data = await self._reference.get()
        if data is not self._made_from:  # read afresh: what was made from the old one goes
            self._made_from, self._made = data, {}
        if what not in self._made:
            self._made[what] = make(data)
        made: T = self._made[what]
        return made

    async def practice(self) -> Practice:
        return await self._of_current("practice", self._practice)

    def _practice(self, data: ReferenceData) -> Practice:
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
            quiet_hours=self._quiet_hours,
        )

    async def services(self) -> list[Service]:
        return list(await self._of_current("services", _services))

    async def practitioners(self) -> list[Practitioner]:
        return list(await self._of_current("practitioners", _practitioners))

    async def locations(self) -> list[Location]:
        return list(await self._of_current("locations", _locations))


def _services(data: ReferenceData) -> tuple[Service, ...]:
    return tuple(to_service(hs, data.practitioners_of_service(hs["id"])) for hs in data.services)


def _practitioners(data: ReferenceData) -> tuple[Practitioner, ...]:
    return tuple(
        to_practitioner(
            p, [r for r in data.roles if ref_id(r.get("practitioner"), "Practitioner") == p["id"]]
        )
        for p in data.practitioners
    )


def _locations(data: ReferenceData) -> tuple[Location, ...]:
    return tuple(to_location(loc) for loc in data.locations)


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
