"""FHIR R4 JSON <-> domain values, for the practice's reference data and its Patients.

Each resource's mapping is here, both ways where the adapter writes it (a Patient: read for
the directory, compared for identity, written for a registration or a change of details).
Slots and Appointments are in slots.py, questionnaires in questionnaire.py, consents in
consent.py. Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from adapters.fhir.codes import (
    BCP47,
    DEFAULT_SERVICE_MINUTES,
    EXT_SERVICE_DURATION,
    EXT_SYNONYM,
    EXT_TIMEZONE,
    REGISTRATION_SYSTEM,
    TELEHEALTH_CODE,
)
from adapters.fhir.http import Json, version_of
from adapters.fhir.phones import to_e164
from domain.details import DetailChange
from domain.model import Location, OpeningHours, Patient, Practitioner, Service
from domain.patients import NewPatient, PatientRecord
from domain.phones import DEFAULT_REGION

Code = tuple[str, str]  # (system, code)
#: Channels whose chats are linked to a Patient as telecom {system: other, value: "<channel>:<id>"}.
CHAT_CHANNELS = ("telegram",)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def ref_id(reference: Any, resource_type: str) -> str | None:
    """The id in a Reference to `resource_type` ("Type/id", absolute or versioned), else None."""
    value = reference.get("reference") if isinstance(reference, dict) else reference
    if not isinstance(value, str):
        return None
    parts = value.split("/_history/")[0].rstrip("/").split("/")
    if len(parts) >= 2 and parts[-2] == resource_type:
        return parts[-1]
    return None


def refs(references: Iterable[Any], resource_type: str) -> list[str]:
    return [i for i in (ref_id(r, resource_type) for r in references) if i]


def extension_values(resource: Json, url: str) -> list[Any]:
    """The value[x] of every extension with this url."""
    out = []
    for ext in resource.get("extension") or []:
        if ext.get("url") == url:
            out += [v for k, v in ext.items() if k.startswith("value")]
    return out


def instant(value: str) -> dt.datetime:
    """A FHIR instant/dateTime with offset as an aware datetime."""
    parsed = dt.datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def codes(concepts: Iterable[Json]) -> set[Code]:
    """(system, code) of every coding of some CodeableConcepts."""
    return {
        (c.get("system", ""), c.get("code", "")) for cc in concepts for c in cc.get("coding") or []
    }


def timezone_of(resource: Json) -> str | None:
    values = extension_values(resource, EXT_TIMEZONE)
    return str(values[0]) if values else None


def opening_hours(locations: Iterable[Json]) -> tuple[OpeningHours, ...]:
    """The practice's hours: per weekday, from the earliest opening to the latest closing of its locations."""
    span: dict[int, tuple[dt.time, dt.time]] = {}
    for loc in locations:
        for h in loc.get("hoursOfOperation") or []:
            if h.get("allDay") or not (h.get("openingTime") and h.get("closingTime")):
                continue
            opens, closes = (
                dt.time.fromisoformat(h["openingTime"]),
                dt.time.fromisoformat(h["closingTime"]),
            )
            for day in h.get("daysOfWeek") or []:
                wd = DAYS.index(day)
                old = span.get(wd, (opens, closes))
                span[wd] = (min(old[0], opens), max(old[1], closes))
    return tuple(OpeningHours(wd, o, c) for wd, (o, c) in sorted(span.items()))


def human_name(resource: Json) -> tuple[str, list[str]]:
    """The display name of a Patient/Practitioner and the other ways of calling them."""
    names = resource.get("name") or [{}]
    name = next((n for n in names if n.get("use") == "official"), names[0])
    given, family = " ".join(name.get("given") or []), name.get("family", "")
    prefix = " ".join(name.get("prefix") or [])
    text = name.get("text") or " ".join(p for p in (prefix, given, family) if p)
    others = [f"{given} {family}".strip(), family]
    if prefix:
        bare = prefix.rstrip(".")
        others += [f"{prefix} {family}", f"{bare} {family}", f"{bare} {given} {family}"]
    return text, [o for o in others if o and o != text]


def phones_of(resource: Json, region: str) -> tuple[str, ...]:
    """The E.164 numbers of a person's telecom (phone and sms), each once, in order; numbers
    that do not parse are left out."""
    numbers = (
        to_e164(t["value"], region)
        for t in resource.get("telecom") or []
        if t.get("system") in ("phone", "sms") and t.get("value")
    )
    return tuple(dict.fromkeys(n for n in numbers if n))


def birth_date_of(resource: Json) -> dt.date | None:
    """A person's birthDate when it is a full date (FHIR allows a year or a year-month)."""
    born = resource.get("birthDate")
    return dt.date.fromisoformat(born) if born and len(born) == 10 else None


def to_location(loc: Json) -> Location:
    address = loc.get("address") or {}
    street = address.get("text") or ", ".join(address.get("line") or [])
    return Location(
        id=loc["id"],
        name=loc.get("name", ""),
        address=street,
        synonyms=tuple(loc.get("alias") or []),
    )


def to_practitioner(prac: Json, roles: Iterable[Json]) -> Practitioner:
    text, derived = human_name(prac)
    role = next(
        (c.get("text", "") for r in roles for c in r.get("code") or [] if c.get("text")), ""
    )
    words = [str(v) for v in extension_values(prac, EXT_SYNONYM)] + derived
    return Practitioner(id=prac["id"], name=text, role=role, synonyms=tuple(dict.fromkeys(words)))


def service_minutes(hs: Json) -> int:
    for v in extension_values(hs, EXT_SERVICE_DURATION):
        if isinstance(v, dict) and v.get("value"):
            factor = 60 if v.get("code") == "h" else 1
            return int(v["value"]) * factor
    return DEFAULT_SERVICE_MINUTES


def to_service(hs: Json, practitioner_ids: Iterable[str]) -> Service:
    telehealth = TELEHEALTH_CODE in {c for _, c in codes(hs.get("characteristic") or [])}
    return Service(
        id=hs["id"],
        name=hs.get("name", ""),
        minutes=service_minutes(hs),
        practitioner_ids=tuple(sorted(set(practitioner_ids))),
        synonyms=tuple(str(v) for v in extension_values(hs, EXT_SYNONYM)),
        telehealth=telehealth,
        description=service_description(hs),
    )


def service_description(hs: Json) -> str:
    """What a HealthcareService is for, in lay words: its `comment`, `extraDetails` and the text
    of its `characteristic`s and `type`s (R4 has no element for keywords)."""
    texts = [hs.get("comment"), hs.get("extraDetails")]
    texts += [c.get("text") for c in (hs.get("characteristic") or []) + (hs.get("type") or [])]
    return " ".join(str(t) for t in texts if t)


def to_patient(p: Json, region: str = DEFAULT_REGION) -> Patient:
    text, _ = human_name(p)
    comms = p.get("communication") or []
    chosen = next((c for c in comms if c.get("preferred")), comms[0] if comms else {})
    coded = [c["code"] for c in (chosen.get("language") or {}).get("coding") or [] if c.get("code")]
    language = str(coded[0]).split("-")[0] if coded else "en"
    chats = [
        t["value"]
        for t in p.get("telecom") or []
        if t.get("system") == "other" and str(t.get("value", "")).split(":")[0] in CHAT_CHANNELS
    ]
    return Patient(
        id=p["id"],
        name=text,
        birth_date=birth_date_of(p),
        phones=phones_of(p, region),
        language=language,
        chats=tuple(chats),
    )


# Patient JSON for identity: new registrations, detail changes, and records to compare.


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
    telecom = p.get("telecom") or []
    return PatientRecord(
        id=p["id"],
        given=" ".join(current.get("given") or []),
        family=current.get("family", ""),
        birth_date=birth_date_of(p),
        former_families=former,
        phones=tuple(sorted(phones_of(p, region))),
        emails=tuple(
            t["value"].lower() for t in telecom if t.get("system") == "email" and t.get("value")
        ),
    )


__all__ = [
    "Code",
    "apply_change",
    "birth_date_of",
    "codes",
    "extension_values",
    "instant",
    "new_patient_json",
    "opening_hours",
    "phones_of",
    "ref_id",
    "refs",
    "timezone_of",
    "to_location",
    "to_patient",
    "to_practitioner",
    "to_record",
    "to_service",
    "version_of",
]
