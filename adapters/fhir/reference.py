"""The practice's reference data (organization, locations, roles, services), read once and cached.

Reference data changes when staff edit the practice, not per message; reading it on every
turn would multiply the load on the FHIR server, so it is cached for `ttl` seconds.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirRequestRejected
from adapters.fhir.http import Json
from adapters.fhir.mapping import Code, codes, ref_id, refs


@dataclass(frozen=True)
class ReferenceData:
    """One consistent read of the practice's reference resources (plain FHIR JSON)."""

    organization: Json
    locations: list[Json]
    roles: list[Json]
    practitioners: list[Json]
    services: list[Json]

    def service_ids_by_code(self) -> dict[Code, str]:
        """HealthcareService.type coding -> service id (how Slot/Appointment.serviceType name a service)."""
        return {code: hs["id"] for hs in self.services for code in codes(hs.get("type") or [])}

    def practitioners_of_service(self, service_id: str) -> list[str]:
        return [
            pid
            for r in self.roles
            if service_id in refs(r.get("healthcareService") or [], "HealthcareService")
            for pid in [ref_id(r.get("practitioner"), "Practitioner")]
            if pid
        ]

    def service(self, service_id: str) -> Json | None:
        return next((s for s in self.services if s["id"] == service_id), None)


def _active(resource: Json) -> bool:
    return resource.get("active", True) is not False and resource.get("status") != "inactive"


class ReferenceCache:
    """Loads ReferenceData for one Organization, found by business identifier ("system|value").

    With `organization=None` the server must hold exactly one Organization.
    """

    def __init__(self, conn: FhirConnection, organization: str | None, ttl: float = 300.0):
        self._conn = conn
        self._organization = organization
        self._ttl = ttl
        self._data: ReferenceData | None = None
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        self._data = None

    async def get(self) -> ReferenceData:
        async with self._lock:
            if self._data is None or time.monotonic() - self._loaded_at > self._ttl:
                self._data = await self._load()
                self._loaded_at = time.monotonic()
            return self._data

    async def _find_organization(self) -> Json:
        params = {"identifier": self._organization} if self._organization else {}
        orgs = await self._conn.search_one_type("Organization", params)
        if self._organization:
            system, _, value = self._organization.partition("|")
            orgs = [
                o
                for o in orgs
                if any(
                    i.get("system") == system and i.get("value") == value
                    for i in o.get("identifier") or []
                )
            ]
        if len(orgs) != 1:
            raise FhirRequestRejected(
                f"expected one Organization {self._organization or '(any)'} on {self._conn.base_url}, "
                f"found {len(orgs)}; seed the server or configure the practice's organization identifier"
            )
        return orgs[0]

    async def _load(self) -> ReferenceData:
        org = await self._find_organization()
        org_ref = f"Organization/{org['id']}"
        # The filters are repeated client-side: a server may silently ignore a search parameter.
        locations = [
            x
            for x in await self._conn.search_one_type("Location", {"organization": org_ref})
            if ref_id(x.get("managingOrganization"), "Organization") == org["id"] and _active(x)
        ]
        roles = [
            x
            for x in await self._conn.search_one_type("PractitionerRole", {"organization": org_ref})
            if ref_id(x.get("organization"), "Organization") == org["id"] and _active(x)
        ]
        services = [
            x
            for x in await self._conn.search_one_type(
                "HealthcareService", {"organization": org_ref}
            )
            if ref_id(x.get("providedBy"), "Organization") == org["id"] and _active(x)
        ]
        wanted = {
            pid for r in roles for pid in [ref_id(r.get("practitioner"), "Practitioner")] if pid
        }
        practitioners = []
        if wanted:
            found = await self._conn.search_one_type(
                "Practitioner", {"_id": ",".join(sorted(wanted))}
            )
            practitioners = [p for p in found if p["id"] in wanted and _active(p)]
        return ReferenceData(org, locations, roles, practitioners, services)
