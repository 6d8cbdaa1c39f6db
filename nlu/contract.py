"""The fixed labels of the NLU contract (docs/nlu-contract.md): intents, entities and datetime
grains; and how much of a message is read."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from nlu.types import Parse

INTENTS = (
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "book_appointment",
    "reschedule_appointment",
    "cancel_appointment",
    "check_appointment",
    "confirm_attendance",
    "running_late",
    "register_patient",
    "update_details",
    "start_intake",
    "pay_bill",
    "billing_question",
    "check_results",
    "request_human",
    "clinic_info",
    "emergency",
    "opt_out",
    "opt_in",
    "help",
    "inform",
    "out_of_scope",
)
ENTITIES = (
    "datetime",
    "practitioner",
    "service",
    "location",
    "person_name",
    "birth_date",
    "phone_number",
    "email",
    "choice",
)
GRAINS = ("minute", "hour", "day", "week", "month", "part_of_day")

#: A message is read up to this many characters: as many as the assistant reads at all (longer
#: ones get bot/preflight.py's "too long" answer). The date grammar's cost grows faster than the
#: length: 4,000 characters of "at 3 pm" cost seconds, 16,000 ten times that.
MAX_PARSE_CHARS = 1000
#: ... and up to the end of the first run of this many characters without a space. spaCy's
#: tokenizer splits affixes off a space-free chunk one at a time, each a search over the
#: whole chunk: 1,000 brackets in a row cost 0.75 s, 4,000 cost 14 s, 16,000 three minutes.
#: No word, number, address or link a patient types is this long.
MAX_WORD_CHARS = 200
_LONG_WORD = re.compile(f"[^ ]{{{MAX_WORD_CHARS + 1}}}")


def readable_part(text: str) -> str:
    """The part of `text` that is read: all of any message a patient sends, the beginning of
    a huge or degenerate one, so that no input can hold a worker for long."""
    head = text[:MAX_PARSE_CHARS]
    long_word = _LONG_WORD.search(head)
    return head[: long_word.start() + MAX_WORD_CHARS] if long_word else head


def parse_within_bounds(parse: Callable[..., Parse], text: str, **options: Any) -> Parse:
    """`parse(text, **options)` of the readable part of `text`, reported against all of it: the
    output's `text` is the input, and every span, being in the part, is in the input too."""
    part = readable_part(text)
    result = parse(part, **options)
    return result if part == text else replace(result, text=text)


def language_problem(lang: str) -> str | None:
    """Why `lang` cannot be read, or None. English is read by the grammar; another language's
    dates by dateparser, which knows the languages it has data for and refuses any other."""
    if lang.split("-")[0].lower() == "en":
        return None
    return None if lang in _dateparser_languages() else f"unsupported language {lang!r}"


@cache
def _dateparser_languages() -> frozenset[str]:
    from dateparser.languages.loader import LocaleDataLoader

    return frozenset(LocaleDataLoader().get_locale_map())
