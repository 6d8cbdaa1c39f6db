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


def test_numbers_written_with_wide_gaps_are_still_found() -> None:
    """Phone scans are skipped only in a message with no seven digits close together; numbers
    spaced, bracketed, dotted or in full-width digits still have such a run."""
    assert [e.value for e in extract_phones("617 - 555 - 0134 is my cell")] == ["+16175550134"]
    assert [e.value for e in extract_phones("ring (617)  555.0134 after 5")] == ["+16175550134"]
    assert [
        e.value
        for e in extract_phones("\uff16\uff11\uff17\uff15\uff15\uff15\uff10\uff11\uff13\uff14")
    ] == ["+16175550134"]
    # Seven digits and more, but apart: a date, two times and a count.
    assert extract_phones("the 14th at 3:30 or 4:15, for my 2 kids aged 9 and 11") == []


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
