"""Patient JSON for identity: new registrations, detail changes, and records to compare.

Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adapters.fhir.http import Json
from adapters.fhir.patient_codes import BCP47, REGISTRATION_SYSTEM
from adapters.fhir.phones import to_e164
from domain.details import DetailChange
from domain.patients import NewPatient, PatientRecord
from domain.phones import DEFAULT_REGION


def new_patient_json(person: NewPatient, request_id: str, organization_id: str) -> Json:
    telecom: list[Json] = []
    if person.phone:
        telecom += [
            {"system": "phone", "value": person.phone, "use": "mobile", "rank": 1},
            {"system": "sms", "value": person.phone, "use": "mobile"},
        ]
    if person.email:
        telecom.append({"system": "email", "value": person.email})
    resource: Json = {
        "resourceType": "Patient",
        "identifier": [{"system": REGISTRATION_SYSTEM, "value": request_id}],
        "active": True,
        "name": [
            {
                "use": "official",
                "text": person.name,
                "family": person.family,
                "given": person.given.split(),
            }
        ],
        "birthDate": person.birth_date.isoformat(),
        "telecom": telecom,
        "communication": [
            {"language": {"coding": [{"system": BCP47, "code": "en"}]}, "preferred": True}
        ],
        "managingOrganization": {"reference": f"Organization/{organization_id}"},
    }
    if person.address:
        resource["address"] = [{"use": "home", "text": person.address}]
    return resource


def apply_change(p: Json, change: DetailChange) -> Json:
    """The Patient with the new details; replaced values are kept as old where FHIR allows."""
    telecom: list[Json] = list(p.get("telecom") or [])
    if change.phone:
        telecom = [
            t for t in telecom if t.get("system") not in ("phone", "sms") or t.get("use") == "home"
        ]
        telecom += [
            {"system": "phone", "value": change.phone, "use": "mobile", "rank": 1},
            {"system": "sms", "value": change.phone, "use": "mobile"},
        ]
    if change.email:
        telecom = [t for t in telecom if t.get("system") != "email"] + [
            {"system": "email", "value": change.email}
        ]
    p["telecom"] = telecom
    if change.address:
        old = [
            {**a, "use": "old"} if a.get("use") in (None, "home") else a
            for a in p.get("address") or []
        ]
        p["address"] = [{"use": "home", "text": change.address}, *old]
    if change.language:
        others = [
            {**c, "preferred": False}
            for c in p.get("communication") or []
            if _language(c) != change.language
        ]
        p["communication"] = [
            {
                "language": {"coding": [{"system": BCP47, "code": change.language}]},
                "preferred": True,
            },
            *others,
        ]
    return p


def _language(communication: Json) -> str | None:
    coded = (communication.get("language") or {}).get("coding") or [{}]
    code = coded[0].get("code")
    return str(code) if code else None


def to_record(p: Json, region: str = DEFAULT_REGION) -> PatientRecord:
    names: list[dict[str, Any]] = p.get("name") or [{}]
    current = next((n for n in names if n.get("use") in (None, "official", "usual")), names[0])
    former = tuple(n.get("family", "") for n in names if n is not current and n.get("family"))
    born = p.get("birthDate")
    telecom = p.get("telecom") or []
    phones = {
        to_e164(t["value"], region)
        for t in telecom
        if t.get("system") in ("phone", "sms") and t.get("value")
    }
    return PatientRecord(
        id=p["id"],
        given=" ".join(current.get("given") or []),
        family=current.get("family", ""),
        birth_date=dt.date.fromisoformat(born) if born and len(born) == 10 else None,
        former_families=former,
        phones=tuple(sorted(x for x in phones if x)),
        emails=tuple(
            t["value"].lower() for t in telecom if t.get("system") == "email" and t.get("value")
        ),
    )
