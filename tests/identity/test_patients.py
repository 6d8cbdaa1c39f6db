"""Identity rules: duplicate scoring, identifying a person, reading dates of birth."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.dates import read_birth_date, read_date
from domain.patients import LIKELY, NewPatient, PatientRecord, identify, likely_duplicates, score

MARIA = PatientRecord("maria", "Maria", "Lopez", dt.date(1985, 4, 12), phones=("+16175550134",))
AISHA = PatientRecord("aisha", "Aisha", "Rahman", dt.date(1990, 7, 21), phones=("+16175550150",))
OMAR = PatientRecord("omar", "Omar", "Rahman", dt.date(2019, 2, 14), phones=("+16175550150",))
TODAY = dt.date(2026, 3, 2)


def person(
    given: str, family: str, born: dt.date, phone: str | None = None, email: str | None = None
) -> NewPatient:
    return NewPatient(given, family, born, phone, email)


def test_a_new_double_barrelled_surname_is_a_likely_duplicate() -> None:
    [match] = likely_duplicates(
        person("Maria", "Lopez-Garcia", dt.date(1985, 4, 12), "+16175550199"), [MARIA]
    )
    assert (
        match.patient_id == "maria"
        and match.score >= LIKELY
        and set(match.reasons) == {"birth_date", "name"}
    )


def test_a_former_surname_counts() -> None:
    married = PatientRecord(
        "m2", "Maria", "Garcia", dt.date(1985, 4, 12), former_families=("Lopez",)
    )
    assert score(person("Maria", "Lopez", dt.date(1985, 4, 12)), married).score >= LIKELY


def test_a_typo_in_the_birth_date_with_the_same_phone_and_name_is_caught() -> None:
    assert (
        score(person("Maria", "Lopez", dt.date(1985, 4, 21), "+16175550134"), MARIA).score >= LIKELY
    )


@pytest.mark.parametrize(
    "other",
    [
        person(
            "Omar", "Rahman", dt.date(2021, 6, 1), "+16175550150"
        ),  # a sibling on the family phone
        person("Mario", "Lopez", dt.date(1979, 1, 5)),  # a similar name, another person
        person("Jane", "Doe", dt.date(1985, 4, 12)),  # same birthday, nothing else
    ],
)
def test_family_members_and_namesakes_are_not_duplicates(other: NewPatient) -> None:
    assert likely_duplicates(other, [MARIA, AISHA, OMAR]) == []


def test_identify_needs_exactly_one_exact_match() -> None:
    assert identify("maria", "LÓPEZ", dt.date(1985, 4, 12), [MARIA, AISHA]) == MARIA
    assert identify("Maria", "Lopez", dt.date(1985, 4, 13), [MARIA]) is None
    twin = PatientRecord("maria-2", "Maria", "Lopez", dt.date(1985, 4, 12))
    assert identify("Maria", "Lopez", dt.date(1985, 4, 12), [MARIA, twin]) is None


@pytest.mark.parametrize(
    ("text", "value", "problem"),
    [
        ("04/12/1985", "1985-04-12", None),
        ("13/02/1990", "1990-02-13", None),  # only a day-first reading exists
        ("12 April 1985", "1985-04-12", None),
        ("April 12th, 1985", "1985-04-12", None),
        ("31/02/1990", None, "impossible"),
        ("02/30/1990", None, "impossible"),
        ("12/01/2030", None, "future"),
        ("yesterday-ish", None, "unreadable"),
        ("01/01/1850", None, "too_old"),
    ],
)
def test_birth_dates(text: str, value: str | None, problem: str | None) -> None:
    reading = read_birth_date(text, "en-US", TODAY)
    assert (reading.value, reading.problem) == (value, problem)


def test_partial_dates_for_questions_that_allow_them() -> None:
    assert read_date("March 2025", "en-US", TODAY, partial=True).value == "2025-03"
    assert read_date("2019", "en-US", TODAY, partial=True).value == "2019"
    assert read_date("June 2031", "en-US", TODAY, partial=True).problem == "future"
    assert read_date("March 2025", "en-US", TODAY).problem == "unreadable"
