"""Who a conversation's address reaches: patients by their own telecom, and the patients of
the RelatedPersons on it (a parent's phone reaches her child through the RelatedPerson link,
whether or not the child's own record carries the number)."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.errors import NotFound
from domain.model import Patient
from domain.ports import PatientDirectory
from domain.related import RelatedPerson


@dataclass(frozen=True)
class Household:
    patients: tuple[Patient, ...] = ()
    related: tuple[RelatedPerson, ...] = ()
    # Patients reached only through a RelatedPerson, not by their own telecom.
    via_related: frozenset[str] = field(default_factory=frozenset)


async def on_phone(directory: PatientDirectory, e164: str) -> Household:
    direct = list(await directory.find_by_phone(e164))
    related = tuple(await directory.related_by_phone(e164))
    known = {p.id for p in direct}
    through: list[Patient] = []
    for person in related:
        if person.patient_id in known:
            continue
        try:
            through.append(await directory.get(person.patient_id))
        except NotFound:  # a link to a record since removed: nobody to act for
            continue
        known.add(person.patient_id)
    patients = sorted([*direct, *through], key=lambda p: (p.name, p.id))
    return Household(tuple(patients), related, frozenset(p.id for p in through))
