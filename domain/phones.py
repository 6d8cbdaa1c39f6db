"""Phone numbers: the one place that turns what people and record systems write into E.164.

A number written without a country code ("(617) 555-0134", "07700 900123") is read as a
number of the practice's country, the region of its locale (en-US -> US, en-GB -> GB,
en-AU -> AU); `phonenumbers` knows each country's rules, so no rule is written by hand here.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

#: Channels whose address is the person's phone number in E.164: SMS and WhatsApp, and the
#: console and web chat, which stand in for SMS and are given a number (the web chat's form
#: requires E.164). A Telegram chat has no number; its address is its chat id.
PHONE_CHANNELS = frozenset({"sms", "whatsapp", "console", "web"})
#: The region of a locale that names none ("en").
DEFAULT_REGION = "US"


def region_of(locale: str) -> str:
    """The country of a locale ("en-GB" -> "GB", "en_AU" -> "AU"); US when it names none."""
    parts = re.split(r"[-_]", locale)
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else DEFAULT_REGION


#: Numbers read lately and what they read as. A turn reads the same few numbers several times
#: (its address, each telecom of the patients found on it, the reply's recipient) and
#: `phonenumbers.parse` is a tenth of a millisecond each time; the answer depends only on the
#: two strings, so it is kept. Bounded, and holds numbers only (no names or messages).
_READ_CACHE_SIZE = 4096


@lru_cache(maxsize=_READ_CACHE_SIZE)
def to_e164(number: str, region: str = DEFAULT_REGION) -> str | None:
    """ "(617) 555-0134", "+1 617 555 0134", "tel:+16175550134" -> "+16175550134"; a number with
    no country code is read as one of `region`; None if it cannot be a phone number."""
    text = number.strip().removeprefix("tel:")
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    # A number only dialable inside its area ("555 0134") is not one we can text.
    if (
        phonenumbers.is_possible_number_with_reason(parsed)
        != phonenumbers.ValidationResult.IS_POSSIBLE
    ):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
