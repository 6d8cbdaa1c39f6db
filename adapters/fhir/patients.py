"""PatientRegistry on FHIR: search for identity, conditional create, chat links, details.

Writes to an existing Patient are read-modify-write with If-Match; a lost race (412) is
retried once on a fresh read, then reported as Conflict.
"""

from __future__ import annotations

from collections.abc import Callable

from adapters.fhir.codes import REGISTRATION_SYSTEM, chat_telecom
from adapters.fhir.connection import FhirConnection
from adapters.fhir.directory import FhirPatientDirectory
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import apply_change, new_patient_json, to_patient, to_record
from adapters.fhir.phones import spellings
from adapters.fhir.reference import ReferenceCache
from domain.details import DetailChange
from domain.errors import Conflict
from domain.model import Patient
from domain.patients import NewPatient, PatientRecord, normalise


class FhirPatients(FhirPatientDirectory):
    """The patient directory (by phone, by chat) and the registry, on one FHIR server."""

    def __init__(self, conn: FhirConnection, reference: ReferenceCache):
        super().__init__(conn)
        self._reference = reference

    async def find_by_chat(self, channel: str, address: str) -> list[Patient]:
        wanted = chat_telecom(channel, address)
        found = await self._conn.search_one_type("Patient", {"telecom": wanted})
        mine = [
            p
            for p in found
            if p.get("active", True) is not False
            and any(
                t.get("system") == "other" and t.get("value") == wanted
                for t in p.get("telecom") or []
            )
        ]
        return sorted(
            (to_patient(p, self._conn.phone_region) for p in mine), key=lambda p: (p.name, p.id)
        )

    async def candidates(self, person: NewPatient) -> list[PatientRecord]:
        searches: list[dict[str, str]] = [{"birthdate": person.birth_date.isoformat()}]
        searches += [{"family": part} for part in normalise(person.family).split() if len(part) > 1]
        if person.phone:
            searches.append({"telecom": ",".join(spellings(person.phone))})
        if person.email:
            searches.append({"email": person.email})
        found: dict[str, Json] = {}
        for params in searches:
            for p in await self._conn.search_one_type("Patient", params):
                if p.get("active", True) is not False:
                    found[p["id"]] = p
        return [to_record(p, self._conn.phone_region) for p in found.values()]

    async def registered(self, request_id: str) -> Patient | None:
        found = await self._conn.search_one_type(
            "Patient", {"identifier": f"{REGISTRATION_SYSTEM}|{request_id}"}
        )
        mine = [
            p
            for p in found
            if any(
                i.get("system") == REGISTRATION_SYSTEM and i.get("value") == request_id
                for i in p.get("identifier") or []
            )
        ]
        return to_patient(mine[0], self._conn.phone_region) if mine else None

    async def create(self, person: NewPatient, request_id: str) -> Patient:
        organization = (await self._reference.get()).organization["id"]
        resource = new_patient_json(person, request_id, organization)
        async with translated("create Patient"):
            created = await self._conn.http.create(
                resource, if_none_exist=f"identifier={REGISTRATION_SYSTEM}|{request_id}"
            )
        return to_patient(
            created if created.get("id") else await self._by_request(request_id),
            self._conn.phone_region,
        )

    async def _by_request(self, request_id: str) -> Json:
        patient = await self.registered(request_id)
        assert patient is not None, (
            "the server reported the conditional create but has no such Patient"
        )
        return await self._conn.read("Patient", patient.id)

    async def link_chat(self, patient_id: str, channel: str, address: str) -> None:
        value = chat_telecom(channel, address)

        def link(p: Json) -> Json:
            telecom = p.get("telecom") or []
            if not any(t.get("system") == "other" and t.get("value") == value for t in telecom):
                p["telecom"] = [*telecom, {"system": "other", "value": value, "use": "mobile"}]
            return p

        await self._modify(patient_id, link)

    async def update(self, patient_id: str, change: DetailChange) -> None:
        await self._modify(patient_id, lambda p: apply_change(p, change))

    async def _modify(self, patient_id: str, edit: Callable[[Json], Json]) -> None:
        for _ in range(2):
            current = await self._conn.read("Patient", patient_id)
            async with translated(f"update Patient/{patient_id}"):
                try:
                    await self._conn.http.update(edit(current), if_match=version_of(current))
                    return
                except FhirHttpError as e:
                    if e.status not in (409, 412):
                        raise
        raise Conflict(f"Patient/{patient_id} kept changing while it was being updated")
