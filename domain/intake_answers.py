"""Reading one typed answer to an intake question from a text message, or saying what is wrong.

The problem names map to texts (data/texts/intake.yaml, `intake_problem_<name>`) that tell
the patient how to answer: "Please reply with a whole number, e.g. 172".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from domain.dates import read_date
from domain.intake import Option, Question, Value
from domain.patients import normalise

YES = {"yes", "y", "yeah", "yep", "yup", "sure", "correct", "true", "i do", "i have", "ya", "ok"}
NO = {
    "no",
    "n",
    "nope",
    "nah",
    "none",
    "false",
    "i dont",
    "i don't",
    "not really",
    "no i dont",
    "no i don't",
}
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
_NUMBERS = re.compile(r"\s*\d+(?:\s*(?:,|;|&|\+|and|\s)\s*\d+)*\s*\.?\s*")
_SPLIT = re.compile(r"\s*(?:;|\n|,)\s*")
MAX_STRING, MAX_TEXT = 250, 1000


@dataclass(frozen=True)
class AnswerReading:
    """The values an answer gives, or the problem with it (None values)."""

    values: tuple[Value, ...] | None
    problem: str | None = None


def _bad(problem: str) -> AnswerReading:
    return AnswerReading(None, problem)


def read_answer(question: Question, text: str, locale: str, today: dt.date) -> AnswerReading:
    """The answer `text` gives to `question`, validated for its type."""
    t = text.strip()
    if not t:
        return _bad("empty")
    reader = {
        "boolean": _boolean,
        "string": _string,
        "text": _text,
        "choice": _choice,
        "integer": _integer,
        "decimal": _decimal,
    }.get(question.type)
    if question.type == "date":
        reading = read_date(t, locale, today, partial=True)
        return AnswerReading((reading.value,)) if reading.value else _bad(f"date_{reading.problem}")
    if reader is None:
        return _bad("unsupported")
    return reader(question, t)


def _boolean(question: Question, t: str) -> AnswerReading:
    plain = re.sub(r"[^\w\s']", "", t.lower()).strip()
    if plain in YES or plain.startswith("yes"):
        return AnswerReading((True,))
    if plain in NO or plain.startswith("no "):
        return AnswerReading((False,))
    return _bad("boolean")


def _string(question: Question, t: str) -> AnswerReading:
    parts = [p.strip() for p in (_SPLIT.split(t) if question.repeats else [t]) if p.strip()]
    if any(len(p) > MAX_STRING for p in parts):
        return _bad("too_long")
    return AnswerReading(tuple(parts)) if parts else _bad("empty")


def _text(question: Question, t: str) -> AnswerReading:
    return AnswerReading((t,)) if len(t) <= MAX_TEXT else _bad("too_long")


def _choice(question: Question, t: str) -> AnswerReading:
    options = question.options
    picked: list[Option] = []
    if _NUMBERS.fullmatch(t.lower()):
        numbers = [int(n) for n in re.findall(r"\d+", t)]
        if any(not 1 <= n <= len(options) for n in numbers) or not numbers:
            return _bad("choice_number")
        picked = [options[n - 1] for n in dict.fromkeys(numbers)]
    else:
        words = f" {normalise(t)} "
        picked = [
            o
            for o in options
            if f" {normalise(o.display)} " in words
            or (o.code and f" {normalise(o.code)} " in words)
        ]
        if not picked and normalise(t) in {"none", "no", "nothing", "neither"}:
            picked = [o for o in options if normalise(o.display).startswith("none")]
    if not picked:
        return _bad("choice")
    if len(picked) > 1 and not question.repeats:
        return _bad("choice_one")
    return AnswerReading(tuple(o.value() for o in picked))


def _number(t: str) -> str | None:
    found = _NUMBER.findall(t)
    return found[0].replace(",", ".") if len(found) == 1 else None


def _integer(question: Question, t: str) -> AnswerReading:
    number = _number(t)
    if number is None or "." in number:
        return _bad("integer")
    return AnswerReading((int(number),))


def _decimal(question: Question, t: str) -> AnswerReading:
    number = _number(t)
    return AnswerReading((float(number),)) if number is not None else _bad("decimal")
