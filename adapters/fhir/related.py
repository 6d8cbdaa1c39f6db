"""RelatedPerson on FHIR: who may act for a patient from a phone (a parent for a child)."""

from __future__ import annotations

from adapters.fhir.connection import FhirConnection
from adapters.fhir.http import Json
from adapters.fhir.mapping import birth_date_of, human_name, phones_of, ref_id
from adapters.fhir.phones import spellings, to_e164
from domain.phones import DEFAULT_REGION
from domain.related import RelatedPerson


def to_related_person(r: Json, region: str = DEFAULT_REGION) -> RelatedPerson | None:
    """None for a RelatedPerson that names no Patient (nobody to act for)."""
    patient_id = ref_id(r.get("patient"), "Patient")
    if not patient_id:
        return None
    name, _ = human_name(r)
    relationship = next(
        (
            cc.get("text") or next((c.get("display") for c in cc.get("coding") or []), "")
            for cc in r.get("relationship") or []
        ),
        "",
    )
    return RelatedPerson(
        id=r["id"],
        patient_id=patient_id,
        name=name,
        birth_date=birth_date_of(r),
        relationship=relationship or "",
        phones=phones_of(r, region),
    )


async def related_by_phone(conn: FhirConnection, e164: str) -> list[RelatedPerson]:
    """Active RelatedPersons with this number, compared in E.164 (the server matched strings)."""
    wanted = to_e164(e164, conn.phone_region)
    if wanted is None:
        return []
    found = await conn.search_one_type("RelatedPerson", {"telecom": ",".join(spellings(wanted))})
    people = [
        to_related_person(r, conn.phone_region) for r in found if r.get("active", True) is not False
    ]
    return sorted((p for p in people if p and wanted in p.phones), key=lambda p: (p.name, p.id))
