"""The practice's own services, sites and clinician roles, found by name, alias or a typing slip of one.

The trained recogniser learns what a service or a site mention looks like;
the practice's own words for them ("physio", "bloods", "Elm Ave", "northside")
are known for certain, so they are looked up rather than guessed. The words
come from the practice's FHIR seed data (``HealthcareService`` name and
synonym extension, ``Location`` name and ``alias``), read as a data file:
``nlu`` imports no other package of the project. ``$PATIENT_ASSISTANT_GAZETTEER``
points at another practice's Bundle; without one the gazetteer is empty.

Left out on purpose, because in a patient's message they more often mean
something else: one-word synonyms that are symptoms or everyday words
("blood", "flu", "jab", "vaccine", "physical"), phrases that describe the
patient rather than the visit ("new patient", "first visit"), and aliases
that start with "the" (the span convention keeps "the" and "clinic" outside a
site's name: "the [downtown](location) clinic").
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from nlu.types import Entity

DEFAULT_BUNDLE = Path(__file__).resolve().parents[1] / "data" / "fhir" / "practice.json"
_SYNONYM_URL = "StructureDefinition/synonym"
_AMBIGUOUS = frozenset(
    {
        "blood",
        "flu",
        "jab",
        "vaccine",
        "vaccination",
        "physical",
        "new patient",
        "first visit",
        "first appointment",
        "new patient appointment",
        "register as a new patient",
        "initial consultation",
        "video call",
        "physiotherapist",
    }
)
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    entity: str


def _distance_at_most_one(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _same_word(typed: str, known: str) -> bool:
    """Exact, or one slip away for words of 5+ letters ("physo", "nothside").

    A plural "s" more or less is no slip ("blood" is not "bloods"), nor is a
    word that is itself one of the left-out ambiguous words.
    """
    if typed == known:
        return True
    if len(known) < 5 or typed in _AMBIGUOUS or typed.rstrip("s") == known.rstrip("s"):
        return False
    return _distance_at_most_one(typed, known)


def _phrases_of(bundle: dict) -> list[_Phrase]:
    out: dict[tuple[str, ...], str] = {}
    for entry in bundle.get("entry", []):
        r = entry.get("resource", {})
        if r.get("resourceType") == "HealthcareService":
            names = [r.get("name", "")] + [
                x.get("valueString", "")
                for x in r.get("extension", [])
                if x.get("url", "").endswith(_SYNONYM_URL)
            ]
            kind = "service"
        elif r.get("resourceType") == "Location":
            names = [r.get("name", ""), *r.get("alias", [])]
            kind = "location"
        elif r.get("resourceType") == "Practitioner":
            # Only the role words ("the physio", "the nurse"): they outrank the service
            # word inside them. Names ("Dr Patel") are found by rule, first names are too
            # often the patient's own.
            names = [
                x.get("valueString", "")
                for x in r.get("extension", [])
                if x.get("url", "").endswith(_SYNONYM_URL)
            ]
            names = [n for n in names if n.lower().startswith("the ")]
            kind = "practitioner"
        else:
            continue
        for name in names:
            low = name.lower().strip()
            if not low or low in _AMBIGUOUS or (low.startswith("the ") and kind != "practitioner"):
                continue
            words = tuple(_WORD.findall(low))
            if words:
                out.setdefault(words, kind)
    return sorted((_Phrase(w, k) for w, k in out.items()), key=lambda p: -len(p.words))


@dataclass(frozen=True)
class _Table:
    """Phrases by their first word, longest first, and the first words a typo may stand for."""

    by_first: dict[str, tuple[_Phrase, ...]]
    #: first words of 5+ letters by each one-letter deletion of them (and themselves): a
    #: typed word one slip from a first word shares one of these keys with it.
    fuzzy_index: dict[str, tuple[str, ...]]
    #: The phrases each typed word may be a slip for, kept once worked out (they depend only on
    #: the word and this table): most words of a message are not first words, and the lookup
    #: by deletions was most of the time of a parse's gazetteer pass.
    near: dict[str, tuple[_Phrase, ...]] = field(default_factory=dict, compare=False, repr=False)


@lru_cache(maxsize=4)
def _load(path: str) -> _Table:
    p = Path(path)
    found = _phrases_of(json.loads(p.read_text(encoding="utf-8"))) if p.exists() else []
    by_first: dict[str, list[_Phrase]] = {}
    for ph in found:
        by_first.setdefault(ph.words[0], []).append(ph)
    index: dict[str, set[str]] = {}
    for first in (k for k in by_first if len(k) >= 5):
        for key in _deletes(first) | {first}:
            index.setdefault(key, set()).add(first)
    return _Table(
        {k: tuple(v) for k, v in by_first.items()}, {k: tuple(sorted(v)) for k, v in index.items()}
    )


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def table() -> _Table:
    """The practice's service and site phrases (``$PATIENT_ASSISTANT_GAZETTEER`` or the demo practice)."""
    return _load(os.environ.get("PATIENT_ASSISTANT_GAZETTEER") or str(DEFAULT_BUNDLE))


#: At most this many typed words' slips are kept (a bound on memory for a long-running worker).
NEAR_CACHE_SIZE = 50_000


def _slips_for(tab: _Table, word: str) -> tuple[_Phrase, ...]:
    """The phrases whose first word ``word`` is one slip from ("physo": "physio ...")."""
    found = tab.near.get(word)
    if found is None:
        near = {f for key in _deletes(word) | {word} for f in tab.fuzzy_index.get(key, ())}
        found = tuple(
            ph for first in sorted(near) if _same_word(word, first) for ph in tab.by_first[first]
        )
        if len(tab.near) < NEAR_CACHE_SIZE:
            tab.near[word] = found
    return found


def gazetteer_entities(text: str) -> list[Entity]:
    """``service``, ``location`` and role-word ``practitioner`` spans of the practice's own names, longest match first."""
    tab = table()
    if not tab.by_first:
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text.lower())]
    out: list[Entity] = []
    i = 0
    while i < len(tokens):
        word = tokens[i][2]
        candidates = tab.by_first.get(word, ())
        if not candidates and len(word) >= 4:
            candidates = _slips_for(tab, word)
        for ph in candidates:
            n = len(ph.words)
            if i + n <= len(tokens) and all(
                _same_word(tokens[i + k][2], ph.words[k]) for k in range(1, n)
            ):
                s, e = tokens[i][0], tokens[i + n - 1][1]
                out.append(_visit_handled(tab, text, Entity(ph.entity, s, e, text[s:e])))
                i += n
                break
        else:
            i += 1
    return out


#: A verb that handles a booked visit, just before "the physio": the visit is meant, not the clinician
#: ("cancel the physio Saturday", "can I swap the physio to Tuesday"); "see the physio" stays a clinician.
_HANDLES_A_VISIT = re.compile(
    r"\b(?:cancel\w*|mov(?:e|ing)|swap\w*|shift\w*|reschedul\w*|rebook\w*|postpon\w*|chang(?:e|ing)|skip\w*|miss(?:ing)?|"
    r"push(?:ing)?\s+back|bring(?:ing)?\s+forward|drop(?:ping)?|scrap\w*|ditch\w*|can't\s+make|cannot\s+make)\s+(?:my\s+|our\s+|his\s+|her\s+)?$",
    re.IGNORECASE,
)


def _visit_handled(tab: _Table, text: str, e: Entity) -> Entity:
    """``e``, or the service it names when a role word after "the" is the object of a verb that
    handles a booked visit and is also one of the practice's service words ("cancel the [physio]")."""
    if e.entity != "practitioner" or not e.text.lower().startswith("the "):
        return e
    if not _HANDLES_A_VISIT.search(text, max(0, e.start - 40), e.start):
        return e
    words = tuple(e.text.lower().split()[1:])
    if not any(
        ph.entity == "service" and ph.words == words for ph in tab.by_first.get(words[0], ())
    ):
        return e
    s = e.start + len("the ")
    return Entity("service", s, e.end, text[s : e.end])


@lru_cache(maxsize=4)
def _clinician_words(path: str) -> frozenset[str]:
    p = Path(path)
    if not p.exists():
        return frozenset()
    words: set[str] = set()
    for entry in json.loads(p.read_text(encoding="utf-8")).get("entry", []):
        r = entry.get("resource", {})
        if r.get("resourceType") != "Practitioner":
            continue
        for name in r.get("name", []):
            words.update(w.lower() for w in name.get("given", []))
        words.update(
            x.get("valueString", "").lower()
            for x in r.get("extension", [])
            if x.get("url", "").endswith(_SYNONYM_URL) and " " not in x.get("valueString", " ")
        )
    return frozenset(words)


def clinician_given_names() -> frozenset[str]:
    """The practice's clinicians' one-word names, lower case ("jonas", "sofia"): a patient who writes
    "physio with Jonas" names the clinician, so the name rules leave these words to the recogniser."""
    return _clinician_words(os.environ.get("PATIENT_ASSISTANT_GAZETTEER") or str(DEFAULT_BUNDLE))
