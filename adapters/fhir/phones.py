"""Phone numbers as the record system may hold them, compared as E.164 (read by domain/phones.py)."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

from domain.phones import DEFAULT_REGION, to_e164

__all__ = ["spellings", "to_e164"]


def spellings(e164: str, region: str = DEFAULT_REGION) -> list[str]:
    """The ways a server may have stored this number: E.164, national and international forms.

    Token search matches exact strings, so we ask for each spelling (comma = OR) and
    compare the results in E.164 afterwards.
    """
    return list(_spellings(e164, region))


@lru_cache(maxsize=1024)
def _spellings(e164: str, region: str) -> tuple[str, ...]:
    # Every turn on a phone searches Patients and RelatedPersons by its spellings: made once
    # per number (phonenumbers' parse and formats cost more than the rest of the search's
    # preparation). Numbers only are kept.
    parsed = phonenumbers.parse(e164, region)
    national_digits = str(parsed.national_number)
    forms = [
        e164,
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        national_digits,
        e164.lstrip("+"),
    ]
    # A comma inside a token search value would split it into two values.
    return tuple(dict.fromkeys(f for f in forms if "," not in f))
