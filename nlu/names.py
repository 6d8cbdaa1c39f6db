"""Rule-found practitioners: a title followed by a capitalised name ("Dr. Patel", "doctor Nguyen")."""

from __future__ import annotations

import re

from nlu.types import Entity

_NAME = r"[A-Z][a-zA-Z'\-]+"
_TITLED = re.compile(
    rf"\b(?:[Dd]r\.?|DR\.?|[Dd]octor|[Dd]octora|[Pp]rof\.?|[Nn]urse|NP|PA)\s+(?:{_NAME}|[a-z][a-z'\-]+)(?:,?\s+(?:[A-Z]\.?\s+)*{_NAME})*\.?"
)
_STOP_WORDS = frozenset(
    "appointment appt office visit today tomorrow on at in for and or the a about is was if to when who".split()
)


def rule_names(text: str) -> list[Entity]:
    """Practitioner spans for titled names; the rest is left to the trained recogniser."""
    out: list[Entity] = []
    for m in _TITLED.finditer(text):
        span = m.group().rstrip(".") if not re.search(r"\b[A-Z]\.$", m.group()) else m.group()
        words = span.split()
        while len(words) > 1 and words[-1].lower().strip(",.") in _STOP_WORDS:
            words.pop()
        if len(words) < 2 or words[1].lower().strip(",.") in _STOP_WORDS:
            continue
        span = " ".join(words)
        end = m.start() + len(span) if text[m.start() : m.start() + len(span)] == span else m.end()
        out.append(Entity("practitioner", m.start(), end, text[m.start() : end]))
    return out
