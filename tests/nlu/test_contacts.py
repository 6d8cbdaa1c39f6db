"""Phone numbers, e-mails and dates of birth."""

from __future__ import annotations

from nlu.contacts import extract_birth_dates, extract_emails, extract_phones

from .conftest import NOW, TZ


def test_phone_numbers() -> None:
    assert [(e.text, e.value) for e in extract_phones("call me on +44 7700 900123")] == [
        ("+44 7700 900123", "+447700900123")
    ]
    assert [e.value for e in extract_phones("it's (617) 555-0199")] == ["+16175550199"]
    assert [e.text for e in extract_phones("my new number is 555-0134")] == ["555-0134"]
    assert [e.value for e in extract_phones("07700 900456", "en-GB")] == ["+447700900456"]
    assert extract_phones("tuesday at 3") == []


def test_emails_are_lower_cased() -> None:
    [e] = extract_emails("reach me at Maria@Example.com please")
    assert (e.text, e.value) == ("Maria@Example.com", "maria@example.com")


def test_birth_dates_by_locale_and_cue() -> None:
    assert [e.value for e in extract_birth_dates("dob 4/12/1985", NOW, TZ)] == ["1985-04-12"]
    assert [
        e.value for e in extract_birth_dates("dob 4/12/1985", NOW, "Europe/London", "en-GB")
    ] == ["1985-12-04"]
    assert [e.value for e in extract_birth_dates("born 12 April 1985", NOW, TZ)] == ["1985-04-12"]
    assert extract_birth_dates("see you on the 14th", NOW, TZ) == []
