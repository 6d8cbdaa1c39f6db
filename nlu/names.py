"""Rule-found names: titled clinicians ("Dr. Patel", "dr kim") and family members ("my son Tom").

These complement the trained recogniser where a pattern is more reliable than
a few hundred examples.
"""

from __future__ import annotations

import re

from nlu.types import Entity

# Accented letters too: "Lucía", "Zoë", "Éamon" are names patients type.
_NAME = r"[A-ZÀ-ÖØ-Þ][a-zA-Zà-öø-ÿÀ-ÖØ-Þ'\-]+"
# Words that follow "doctor" or "nurse" without being a name ("see the doctor again", "nurse practitioner").
_NOT_AFTER_TITLE = (
    r"(?:now|soon|again|with|me|my|you|us|here|there|urgently|practitioner|this|next|first|because|later|right|"
    r"quickly|immediately|but|so|not|as|than|office|surgery|clinic|line|note|notes|letter|call|nurse|doctor|team|"
    r"tomorrow|today|tonight|about|for|and|or|at|on|in|to|the|a|an|is|was|can|could|will|would|said|says|told|"
    r"asap|please|pls|appointment|appt|visit|who|that|if|when|after|before|any|only|just|yet|too|also|then|"
    r"practice|station|aide|assistant|gave|has|had|have|did|does|do|thinks|wants|asked|checked|looked|saw|sees|"
    r"prescribed|recommended|referred|mentioned|from|of|by|it|him|her|them|we|he|she|they|i|are|were|be|been|"
    r"seen|given|taken|written|sent|got|gone|done|put|made|found|rang|told|kept|left|back|out|up|off|over|still)"
)
# Capitalised names after any title; a lower-case name only after "dr", "doctor" or "nurse" ("dr patel",
# "doctor chen", "nurse sofia") and never a common word ("the doctor again").
_TITLED = re.compile(
    rf"\b(?:(?:[Dd]r|DR)\.?\s+(?:{_NAME}|(?!{_NOT_AFTER_TITLE}\b)[a-z][a-z'\-]{{2,}})"
    rf"|(?:[Dd]octor|[Nn]urse)\s+(?:{_NAME}|(?!{_NOT_AFTER_TITLE}\b)(?![a-z'\-]+(?:ing|ly|ed|s)\b)[a-z][a-z'\-]{{2,}})"
    rf"|(?:[Dd]octora|[Pp]rof\.?)\s+{_NAME})"
    rf"(?:,?\s+(?:[A-Z]\.?\s+)*{_NAME})*(?:\s+[A-Z]\.(?!\w))?"
)
_NOT_NAMES = frozenset(
    [
        "appointment",
        "appt",
        "office",
        "visit",
        "today",
        "tomorrow",
        "on",
        "at",
        "in",
        "for",
        "and",
        "or",
        "the",
        "a",
        "an",
        "about",
        "is",
        "was",
        "if",
        "to",
        "when",
        "who",
        "can",
        "could",
        "will",
        "would",
        "said",
        "says",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "appointments",
        "please",
        "pls",
        "asap",
        "said",
        "thinks",
        "told",
        "wants",
        "is's",
        "re",
        "visit's",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_RELATION = (
    r"son|daughter|husband|wife|partner|mum|mom|mother|dad|father|boy|girl|baby|child|kid|toddler|grandson"
    r"|granddaughter|nan|nana|grandma|grandpa|brother|sister|boyfriend|girlfriend|niece|nephew|stepson|stepdaughter"
    r"|newborn|twins?|grandmother|grandfather|granny|aunt|auntie|uncle|cousin|baby\s+(?:boy|girl)"
)
_FAMILY = re.compile(
    rf"\b[Mm]y\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+)?(?:{_RELATION})\s+(?:{_NAME})(?:\s+{_NAME})?"
)
# A patient introducing themself: "my name is Wei Zhang", "my name Aisha Rahman", "this is Tom Nguyen".
# Decision: the whole capitalised name (first and last) is the span, the introduction is not; a lone
# lower-case word is not taken ("i'm late"), and "I'm"/"it's" need two capitalised words ("I'm Tom
# Nguyen"), because "I'm Sorry" and "it's Friday" are not names while "my name is Tom" is.
_INTRO_NAMED = re.compile(
    rf"\b(?:[Mm]y\s+(?:full\s+)?name(?:\s+is|'s)?|MY\s+NAME\s+IS)[:,]?\s+(?P<n>{_NAME}(?:\s+{_NAME}){{0,2}})"
)
_INTRO_TWO = re.compile(
    rf"(?:^|[.,!]\s*|\b[Hh]i\s+|\b[Hh]ello\s+)(?:[Ii]'?m|[Ii]\s+am|[Tt]his\s+is|[Ii]t'?s)\s+"
    rf"(?P<n>{_NAME}\s+{_NAME}(?:\s+{_NAME})?)"
)
_POSSESSIVE = re.compile(
    r"(?<!Dr\s)(?<!Dr\.\s)(?<!dr\s)(?<!Doctor\s)(?<!Nurse\s)\b(?P<n>[A-Z][a-zA-Z\-]+)'s\s+(?:appointment|appt|results|jabs|vaccinations|shots|checkup|check-up|forms|booking|visit|mum|mom|dad|father|mother)\b"
)
_NOT_FIRST = frozenset(
    [
        "Today",
        "Tomorrow",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "It",
        "That",
        "What",
        "Who",
        "This",
        "Where",
        "Doctor",
        "Dr",
        "Nurse",
        "Everyone",
        "Somebody",
        "Someone",
        "Nobody",
        "Mum",
        "Mom",
        "Dad",
        "My",
        "Your",
        "Her",
        "His",
        "There",
        "Here",
        "Friday's",
        "Let",
    ]
)


# Capitalised words that follow a name in a message but are not part of it ("my name is Tom I need ...").
_NOT_SURNAMES = frozenset(
    [
        "i",
        "i'm",
        "im",
        "need",
        "want",
        "would",
        "born",
        "dob",
        "and",
        "please",
        "pls",
        "thanks",
        "thank",
        "here",
        "calling",
    ]
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = text[start:end].split()
    while len(words) > 1 and words[-1].lower().strip(",.") in _NOT_NAMES:
        words.pop()
    if len(words) < 2 or words[1].lower().strip(",.") in _NOT_NAMES:
        return None
    span = " ".join(words).rstrip(",")
    span = span.removesuffix("'s")
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
    for m in [*_INTRO_NAMED.finditer(text), *_INTRO_TWO.finditer(text)]:
        words = m["n"].split()
        while words and (
            words[-1] in _NOT_FIRST
            or words[-1].lower() in _NOT_NAMES
            or words[-1].lower() in _NOT_SURNAMES
        ):
            words.pop()
        if (
            words
            and words[0] not in _NOT_FIRST
            and all(m.start("n") >= o.end or m.end("n") <= o.start for o in out)
        ):
            span = " ".join(words)
            out.append(Entity("person_name", m.start("n"), m.start("n") + len(span), span))
    for m in _POSSESSIVE.finditer(text):
        if m["n"] not in _NOT_FIRST and all(
            m.start() >= o.end or m.end("n") <= o.start for o in out
        ):
            out.append(Entity("person_name", m.start("n"), m.end("n"), m["n"]))
    return sorted((t for e in out if (t := tidy_span(text, e))), key=lambda e: e.start)


#: Words a message opens with that a recogniser sometimes takes into the name after them
#: ("*Did Maria Lopez*'s results come back").
_OPENERS = frozenset(
    [
        "did",
        "does",
        "do",
        "can",
        "could",
        "would",
        "will",
        "is",
        "are",
        "was",
        "has",
        "have",
        "had",
        "please",
        "pls",
        "plz",
        "hi",
        "hello",
        "hey",
        "dear",
        "when",
        "where",
        "why",
        "how",
        "what",
        "which",
        "who",
        "book",
        "cancel",
        "move",
        "tell",
        "ask",
    ]
)
_POSSESSIVE_END = re.compile(r"['\u2019]s$")


def tidy_span(text: str, e: Entity) -> Entity | None:
    """``e`` without an opening word or a possessive "'s" ("my son Omar's" -> "my son Omar"); None if nothing is left.

    The span conventions keep the possessive out of a name, as they keep "the" out of a service.
    """
    start, end = e.start, e.end
    if m := _POSSESSIVE_END.search(text, start, end):
        end = m.start()
    words = text[start:end].split(" ")
    while (
        len(words) > 1
        and words[0].lower() in _OPENERS
        and e.entity in ("person_name", "practitioner")
    ):
        start += len(words.pop(0)) + 1
    if end <= start:
        return None
    if (start, end) == (e.start, e.end):
        return e
    return Entity(e.entity, start, end, text[start:end], e.value)
