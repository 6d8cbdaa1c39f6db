"""Acting for someone else: a parent for a child, through the record's RelatedPerson link.

A phone can reach a patient two ways: the patient's own telecom, or the telecom of a
RelatedPerson of that patient (a parent, a carer). Who is speaking when someone on the
phone picks a patient:

- an adult reached by their own number speaks for themselves;
- a minor, or anyone reached only through a RelatedPerson on this phone, is acted for
  by that RelatedPerson, who proves identity with their OWN date of birth (a child's birth
  date is known to too many people to prove anything);
- a minor with no RelatedPerson on this phone is not acted for at all: a guess here would
  let anyone holding the phone speak for a child the record gives them no right to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from domain.model import Patient

#: Below this age a patient is acted for by a parent or guardian (US age of majority).
ADULT_AGE = 18


@dataclass(frozen=True)
class RelatedPerson:
    """Someone the record links to a patient (FHIR RelatedPerson), e.g. Omar's mother."""

    id: str
    patient_id: str
    name: str
    birth_date: dt.date | None = None
    relationship: str = ""  # as the record words it: "mother"
    phones: tuple[str, ...] = ()  # E.164


class Speaker(Enum):
    SELF = "self"  # the patient themselves
    RELATED = "related"  # a RelatedPerson of the patient on this phone
    NOBODY = "nobody"  # nobody here may act for this patient


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_minor(born: dt.date | None, day: dt.date) -> bool:
    """Unknown birth dates count as adults: the record would have to say otherwise."""
    return born is not None and age_on(born, day) < ADULT_AGE


def guardians(patient_id: str, related: Iterable[RelatedPerson]) -> list[RelatedPerson]:
    """The RelatedPersons of this patient among those on the phone."""
    return [r for r in related if r.patient_id == patient_id]


def speaker_for(
    patient: Patient, related: Iterable[RelatedPerson], direct: bool, day: dt.date
) -> Speaker:
    """Who speaks for `patient` (see the module docstring). `direct`: the conversation's
    address is the patient's own, not only a RelatedPerson's."""
    minor = is_minor(patient.birth_date, day)
    if guardians(patient.id, related) and (minor or not direct):
        return Speaker.RELATED
    if minor or not direct:
        return Speaker.NOBODY
    return Speaker.SELF


def proven(
    patient_id: str, related: Iterable[RelatedPerson], born: dt.date
) -> RelatedPerson | None:
    """The one RelatedPerson of the patient on this phone with this birth date, else None."""
    found = [r for r in guardians(patient_id, related) if r.birth_date == born]
    return found[0] if len(found) == 1 else None
