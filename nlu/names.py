"""Rule-found names: titled clinicians ("Dr. Patel", "dr kim") and family members ("my son Tom").

These complement the trained recogniser where a pattern is more reliable than
a few hundred examples.
"""

from __future__ import annotations

import re

from nlu.types import Entity

_NAME = r"[A-Z][a-zA-Z'\-]+"
# Capitalised names after any title; a lower-case name only after "dr" ("dr patel").
_TITLED = re.compile(
    rf"\b(?:(?:[Dd]r|DR)\.?\s+(?:{_NAME}|[a-z][a-z'\-]{{2,}})|(?:[Dd]octor|[Dd]octora|[Pp]rof\.?|[Nn]urse)\s+{_NAME})"
    rf"(?:,?\s+(?:[A-Z]\.?\s+)*{_NAME})*(?:\s+[A-Z]\.(?!\w))?"
)
_NOT_NAMES = frozenset(
    "appointment appt office visit today tomorrow on at in for and or the a an about is was if to when who"
    " can could will would said says did does do has have had appointments please pls asap said thinks"
    " told wants is's re visit's monday tuesday wednesday thursday friday saturday sunday".split()
)
_RELATION = (
    r"son|daughter|husband|wife|partner|mum|mom|mother|dad|father|boy|girl|baby|child|kid|toddler|grandson"
    r"|granddaughter|nan|nana|grandma|grandpa|brother|sister|boyfriend|girlfriend|niece|nephew|stepson|stepdaughter"
)
_FAMILY = re.compile(rf"\b[Mm]y\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+)?(?:{_RELATION})\s+(?:{_NAME})(?:\s+{_NAME})?")
_POSSESSIVE = re.compile(
    rf"(?<!Dr\s)(?<!Dr\.\s)(?<!dr\s)(?<!Doctor\s)(?<!Nurse\s)\b(?P<n>[A-Z][a-zA-Z\-]+)'s\s+(?:appointment|appt|results|jabs|vaccinations|shots|checkup|check-up|forms|booking|visit|mum|mom|dad|father|mother)\b"
)
_NOT_FIRST = frozenset(
    "Today Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday It That What Who This Where Doctor Dr"
    " Nurse Everyone Somebody Someone Nobody Mum Mom Dad My Your Her His There Here Friday's Let".split()
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower().strip(",.") in _NOT_NAMES:
        words.pop()
    if len(words) < 2 or words[1].lower().strip(",.") in _NOT_NAMES:
        return None
    span = " ".join(words).rstrip(",")
    if span.endswith("'s"):
        span = span[:-2]
    if text[start : start + len(span)] != span:
        return None
    return start, start + len(span)


def rule_names(text: str) -> list[Entity]:
    """Practitioner and person_name spans found by pattern."""
    out: list[Entity] = []
    for m in _TITLED.finditer(text):
        se = _trim(text, m.start(), m.end())
        if se:
            out.append(Entity("practitioner", se[0], se[1], text[se[0] : se[1]]))
    for m in _FAMILY.finditer(text):
        words = m.group().split()
        if words[-1] in _NOT_FIRST or words[-1].lower() in _NOT_NAMES:
            continue
        out.append(Entity("person_name", m.start(), m.end(), m.group()))
    for m in _POSSESSIVE.finditer(text):
        if m["n"] not in _NOT_FIRST and all(m.start() >= o.end or m.end("n") <= o.start for o in out):
            out.append(Entity("person_name", m.start("n"), m.end("n"), m["n"]))
    return sorted(out, key=lambda e: e.start)
