"""Who a person is: the details a new patient gives, duplicate scoring, and identifying a
person by name and date of birth.

A likely duplicate is never created as a second record (the registration sends it to
staff). Scoring weighs the date of birth and the name most; a shared phone or e-mail adds
a little, so a family on one phone is not mistaken for one person:

    score = 0.45 * birth date + 0.35 * name + 0.10 * phone + 0.10 * e-mail

each part in [0, 1]. The surname part counts former surnames (Patient.name use=old/maiden)
and either part of a double-barrelled one ("Lopez" within "Lopez-Garcia").
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

#: At or above this score a match is a likely duplicate that goes to staff.
LIKELY = 0.7
WEIGHTS = {"birth_date": 0.45, "name": 0.35, "phone": 0.10, "email": 0.10}
NICKNAMES = {
    "tom": "thomas",
    "tommy": "thomas",
    "bill": "william",
    "will": "william",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "bob": "robert",
    "rob": "robert",
    "jim": "james",
    "jimmy": "james",
    "mike": "michael",
    "kate": "katherine",
    "katie": "katherine",
    "sam": "samuel",
    "dan": "daniel",
    "alex": "alexander",
    "chris": "christopher",
    "jen": "jennifer",
    "jenny": "jennifer",
}


@dataclass(frozen=True)
class NewPatient:
    """What a person gives when registering. `phone` is E.164; `email` lower-case."""

    given: str
    family: str
    birth_date: dt.date
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    insurer: str | None = None
    member_id: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}".strip()


@dataclass(frozen=True)
class PatientRecord:
    """A Patient as identity rules see it."""

    id: str
    given: str
    family: str
    birth_date: dt.date | None = None
    former_families: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """How much a record looks like the person registering, and why (no PHI in reasons)."""

    patient_id: str
    score: float
    reasons: tuple[str, ...]


def normalise(name: str) -> str:
    """Lower case, accents and punctuation dropped, hyphens as spaces: "López-García" -> "lopez garcia"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", re.sub(r"[^a-z\s]", " ", plain.lower().replace("-", " "))).strip()


def split_name(full: str) -> tuple[str, str]:
    """("Maria", "Lopez-Garcia") from "Maria Lopez-Garcia": the last word is the surname."""
    words = full.split()
    if len(words) < 2:
        return full.strip(), ""
    return " ".join(words[:-1]), words[-1]


def given_similarity(a: str, b: str) -> float:
    x, y = normalise(a).split()[:1] or [""], normalise(b).split()[:1] or [""]
    first, second = NICKNAMES.get(x[0], x[0]), NICKNAMES.get(y[0], y[0])
    if not first or not second:
        return 0.0
    if first == second:
        return 1.0
    if len(first) == 1 or len(second) == 1:
        return 0.5 if first[0] == second[0] else 0.0
    ratio = difflib.SequenceMatcher(None, first, second).ratio()
    return ratio if ratio >= 0.8 else 0.0


def family_similarity(family: str, record: PatientRecord) -> float:
    wanted = normalise(family)
    best = 0.0
    for known in (record.family, *record.former_families):
        have = normalise(known)
        if not wanted or not have:
            continue
        if wanted == have:
            return 1.0
        if set(wanted.split()) & set(have.split()):
            best = max(best, 0.9)  # one part of a double-barrelled or changed surname
            continue
        ratio = difflib.SequenceMatcher(None, wanted, have).ratio()
        best = max(best, ratio if ratio >= 0.8 else 0.0)
    return best


def birth_date_similarity(a: dt.date, b: dt.date | None) -> float:
    if b is None:
        return 0.0
    if a == b:
        return 1.0
    if (a.year, a.month, a.day) == (b.year, b.day, b.month):
        return 0.7  # day and month swapped
    pairs = [
        (f"{x:04d}", f"{y:04d}")
        for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
        if x != y
    ]
    if len(pairs) != 1:
        return 0.0
    x, y = pairs[0]
    typo = (
        x[::-1] == y
        or sum(p != q for p, q in zip(x, y, strict=True)) == 1
        or sorted(x) == sorted(y)
    )
    return 0.7 if typo else 0.4  # one part wrong: a slip of the finger, or a real difference


def score(person: NewPatient, record: PatientRecord) -> Match:
    parts = {
        "birth_date": birth_date_similarity(person.birth_date, record.birth_date),
        "name": 0.4 * given_similarity(person.given, record.given)
        + 0.6 * family_similarity(person.family, record),
        "phone": 1.0 if person.phone and person.phone in record.phones else 0.0,
        "email": 1.0
        if person.email and person.email.lower() in {e.lower() for e in record.emails}
        else 0.0,
    }
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    return Match(record.id, round(total, 3), tuple(k for k, v in parts.items() if v > 0))


def likely_duplicates(person: NewPatient, records: list[PatientRecord]) -> list[Match]:
    """Records likely to be this person, best first."""
    matches = [score(person, r) for r in {r.id: r for r in records}.values()]
    return sorted((m for m in matches if m.score >= LIKELY), key=lambda m: -m.score)


def identify(
    given: str, family: str, birth_date: dt.date, records: list[PatientRecord]
) -> PatientRecord | None:
    """The one record with this birth date and name (a former surname counts); None when
    none or several match, because a guess here would open someone else's record."""
    found = {
        r.id: r
        for r in records
        if r.birth_date == birth_date
        and given_similarity(given, r.given) == 1.0
        and family_similarity(family, r) == 1.0
    }
    return next(iter(found.values())) if len(found) == 1 else None
