"""Reading one typed value from a message for a `field` step, or naming what is wrong with it.

Each reader returns (value, None) or (None, problem); the problem names a text
(`problem_<name>` in data/texts/identity.yaml) that tells the patient how to answer.
"""

from __future__ import annotations

import datetime as dt
import re

from dialogs.context import TurnContext
from domain.dates import MONTH_NAMES, read_birth_date
from domain.phones import PHONE_CHANNELS, region_of, to_e164
from nlu.types import Parse

Reading = tuple[str | None, str | None]
SKIP = {
    "skip",
    "no",
    "none",
    "n/a",
    "na",
    "no thanks",
    "rather not",
    "id rather not",
    "pass",
    "not now",
}
_NAME_LEAD = re.compile(
    r"^(?:(?:hi|hello|hey)\W+)?(?:my name is|my name's|name is|name:|i am|i'm|im|it's|its|this is|call me)\s+",
    re.IGNORECASE,
)
_NAME = re.compile(r"[^\W\d_]+(?:['\-. ][^\W\d_]+)*\.?")
_EMAIL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")
LANGUAGES = {
    "english": "en",
    "en": "en",
    "spanish": "es",
    "espanol": "es",
    "español": "es",
    "es": "es",
    "arabic": "ar",
    "ar": "ar",
    "german": "de",
    "deutsch": "de",
    "de": "de",
    "french": "fr",
    "francais": "fr",
    "français": "fr",
    "fr": "fr",
    "portuguese": "pt",
    "pt": "pt",
    "vietnamese": "vi",
    "vi": "vi",
    "chinese": "zh",
    "mandarin": "zh",
    "zh": "zh",
}


EXPLICIT_SKIP = {
    "skip",
    "skip it",
    "skip this",
    "skip this one",
    "pass",
    "rather not say",
    "prefer not to say",
    "id rather not say",
}


def is_skip(text: str) -> bool:
    """Declines an optional field ("skip", "no thanks", "none")."""
    return _plain(text) in SKIP | EXPLICIT_SKIP


def is_explicit_skip(text: str) -> bool:
    """Asks to skip in so many words, where "no" or "none" could be an answer ("skip")."""
    return _plain(text) in EXPLICIT_SKIP


def _plain(text: str) -> str:
    return re.sub(r"[^\w\s/]", "", text.lower()).strip()


def read(kind: str, parse: Parse, ctx: TurnContext) -> Reading:
    text = parse.text.strip()
    if not text:
        return None, "required"
    readers = {
        "person_name": _name,
        "birth_date": _birth_date,
        "phone": _phone,
        "email": _email,
        "address": _address,
        "text": _text,
        "language": _language,
    }
    return readers[kind](text, parse, ctx)


def read_name(text: str) -> Reading:
    """A full name, first and last: "my name is maria lopez-garcia" -> "Maria Lopez-Garcia"."""
    name = _NAME_LEAD.sub("", text.strip()).strip(" .!,")
    if not _NAME.fullmatch(name) or len(name) > 80:
        return None, "name_letters"
    if len(name.split()) < 2:
        return None, "name_full"
    if name.islower() or name.isupper():
        name = re.sub(r"[^\W\d_]+", lambda m: m[0].capitalize(), name.lower())
    return name, None


def _name(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    return read_name(text)


def _birth_date(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    reading = read_birth_date(text, ctx.catalogue.practice.locale, ctx.now.date())
    if reading.problem == "unreadable" and (entity := parse.first("birth_date")) and entity.value:
        reading = read_birth_date(str(entity.value), "en-US", ctx.now.date())
    if reading.value:
        return reading.value, None
    return None, {"future": "birth_date_future", "too_old": "birth_date_too_old"}.get(
        reading.problem or "", f"date_{reading.problem}"
    )


def _phone(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    if ctx.channel in PHONE_CHANNELS and re.search(
        r"\b(this|same|that) (one|number)\b|^same$", text.lower()
    ):
        return ctx.address, None
    entity = parse.first("phone_number")
    if entity and isinstance(entity.value, str) and entity.value.startswith("+"):
        return entity.value, None
    if len(re.findall(r"[a-z]", text.lower())) > 3:
        return None, "phone"
    number = to_e164(text, region_of(ctx.catalogue.practice.locale))
    return (number, None) if number else (None, "phone")


def _email(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    words = [w.strip(".,;:!?()<>\"'") for w in text.lower().split()]
    candidate = next((w for w in words if "@" in w), None)
    if candidate is None:
        return None, "email"
    if _EMAIL.fullmatch(candidate):
        return candidate, None
    local, _, domain = candidate.partition("@")
    return None, "email_domain" if local and "." not in domain else "email"


def _address(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    if (
        len(text) < 6
        or len(text) > 200
        or not re.search(r"\d", text)
        or not re.search(r"[^\W\d_]{2}", text)
    ):
        return None, "address"
    return text, None


def _text(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    return (text, None) if len(text) <= 200 else (None, "too_long")


def _language(text: str, parse: Parse, ctx: TurnContext) -> Reading:
    words = re.findall(r"[^\W\d_]+", text.lower())
    codes = {LANGUAGES[w] for w in words if w in LANGUAGES}
    return (codes.pop(), None) if len(codes) == 1 else (None, "language")


def birth_date_text(iso: str, locale: str) -> str:
    """'April 12, 1985' (US) or '12 April 1985'."""
    day = dt.date.fromisoformat(iso)
    month = MONTH_NAMES[day.month - 1]
    return (
        f"{month} {day.day}, {day.year}"
        if locale.endswith("US")
        else f"{day.day} {month} {day.year}"
    )
