"""The red-flag lexicon, by the categories of a nurse triage protocol: one module per category.

Each category module has two strengths of pattern:

- ``RED_FLAGS``: enough on their own ("my face has gone crooked", "contractions
  every 3 minutes", "I don't trust myself to stay safe tonight");
- ``MENTIONS``: red-flag symptoms that need an urgency cue in the same message
  ("he's bleeding, please hurry") or the classifier's agreement to count.

Each category compiles to one alternation, so screening a message costs a
couple of dozen regex searches, not hundreds; only the patterns whose words are in a message
are compiled and run (``nlu.emergency.matching``).
"""

from __future__ import annotations

import re
from types import ModuleType

from nlu.emergency.lexicon import (
    abdominal,
    anaphylaxis,
    bleeding,
    breathing,
    chest_pain,
    collapse_seizure,
    diabetic,
    infant_child,
    mental_health_crisis,
    poisoning_overdose,
    pregnancy,
    self_harm,
    sepsis_meningitis_other,
    stroke,
    trauma,
)
from nlu.emergency.matching import Alternations, Patterns

CATEGORY_IDS: tuple[str, ...] = (
    "chest_pain",
    "stroke",
    "breathing",
    "bleeding",
    "poisoning_overdose",
    "anaphylaxis",
    "collapse_seizure",
    "self_harm",
    "pregnancy",
    "infant_child",
    "diabetic",
    "abdominal",
    "trauma",
    "mental_health_crisis",
    "sepsis_meningitis_other",
)
_MODULES: dict[str, ModuleType] = {
    "chest_pain": chest_pain,
    "stroke": stroke,
    "breathing": breathing,
    "bleeding": bleeding,
    "poisoning_overdose": poisoning_overdose,
    "anaphylaxis": anaphylaxis,
    "collapse_seizure": collapse_seizure,
    "self_harm": self_harm,
    "pregnancy": pregnancy,
    "infant_child": infant_child,
    "diabetic": diabetic,
    "abdominal": abdominal,
    "trauma": trauma,
    "mental_health_crisis": mental_health_crisis,
    "sepsis_meningitis_other": sepsis_meningitis_other,
}
assert tuple(_MODULES) == CATEGORY_IDS

#: The order categories are tried in: the most specific context first, so a pregnant
#: woman's headache is a pregnancy emergency and a floppy baby an infant one.
SCREEN_ORDER: tuple[str, ...] = (
    "pregnancy",
    "infant_child",
    "trauma",  # a fall then numb legs is an injury, not a stroke
    *(c for c in CATEGORY_IDS if c not in ("pregnancy", "infant_child", "trauma")),
)
RED_FLAGS: dict[str, list[str]] = {c: _MODULES[c].RED_FLAGS for c in CATEGORY_IDS}
MENTIONS: dict[str, list[str]] = {c: _MODULES[c].MENTIONS for c in CATEGORY_IDS}


#: Each category's patterns as one alternation, in screen order (compiled on first use, as
#: the parts below: ``nlu.emergency.matching``).
RED_FLAG_RX = Alternations({cat: RED_FLAGS[cat] for cat in SCREEN_ORDER})
MENTION_RX = Alternations({cat: MENTIONS[cat] for cat in SCREEN_ORDER})
#: Each category's patterns one by one: when the alternation's leftmost match is set aside (negated,
#: history), a shorter pattern starting at the same place may still be a present danger
#: ("bleeding and bleeding" inside a longer match that ran into a reassuring clause).
RED_FLAG_PARTS: dict[str, Patterns] = {cat: Patterns(RED_FLAGS[cat]) for cat in SCREEN_ORDER}
MENTION_PARTS: dict[str, Patterns] = {cat: Patterns(MENTIONS[cat]) for cat in SCREEN_ORDER}


_WHOLE_WORD = re.compile(r"(?<![\\a-z])[a-z]{5,}(?![a-z]|\\w|\?|\[|\{|s\?)")


def lexicon_words() -> frozenset[str]:
    """The whole words (five letters or more) the patterns are written with, for the spelling normaliser."""
    sources = [p for table in (RED_FLAGS, MENTIONS) for pats in table.values() for p in pats]
    return frozenset(w for src in sources for w in _WHOLE_WORD.findall(src))
