"""Holidays of the practice's country, decided by the locale's region, at local midnight."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from nlu.dates.holidays import country_of, easter
from nlu.datetime_resolution import resolve_datetimes

#: Monday 2 March 2026, 09:00 local time in every zone below.
NOW = datetime(2026, 3, 2, 9, 0)


def _start(text: str, tz: str, locale: str) -> str | None:
    ents = resolve_datetimes(text, NOW, tz, locale)
    assert len(ents) <= 1, ents
    if not ents:
        return None
    assert ents[0].value["grain"] == "day"
    return ents[0].value["start"]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("good friday", "2026-04-03T00:00:00-04:00"),
        ("memorial day", "2026-05-25T00:00:00-04:00"),
        ("juneteenth", "2026-06-19T00:00:00-04:00"),
        ("independence day", "2026-07-04T00:00:00-04:00"),
        ("labor day", "2026-09-07T00:00:00-04:00"),
        ("indigenous peoples day", "2026-10-12T00:00:00-04:00"),
        ("veterans day", "2026-11-11T00:00:00-05:00"),
        ("can i come in the day after thanksgiving", "2026-11-27T00:00:00-05:00"),
        ("christmas eve", "2026-12-24T00:00:00-05:00"),
        ("new year's eve", "2026-12-31T00:00:00-05:00"),
        ("new years day", "2027-01-01T00:00:00-05:00"),
        ("MLK day", "2027-01-18T00:00:00-05:00"),
        ("presidents' day", "2027-02-15T00:00:00-05:00"),
        # no US holiday, but one date wherever the name is said
        ("boxing day", "2026-12-26T00:00:00-05:00"),
        ("thanksgiving", "2026-11-26T00:00:00-05:00"),
    ],
)
def test_united_states(text: str, start: str | None) -> None:
    assert _start(text, "America/New_York", "en-US") == start


@pytest.mark.parametrize(
    ("text", "tz", "locale", "start"),
    [
        # Britain: Easter falls after the clocks change on 29 March.
        ("good friday", "Europe/London", "en-GB", "2026-04-03T00:00:00+01:00"),
        ("easter monday", "Europe/London", "en-GB", "2026-04-06T00:00:00+01:00"),
        ("the bank holiday", "Europe/London", "en-GB", "2026-04-03T00:00:00+01:00"),
        ("early may bank holiday", "Europe/London", "en-GB", "2026-05-04T00:00:00+01:00"),
        ("summer bank holiday", "Europe/London", "en-GB", "2026-08-31T00:00:00+01:00"),
        ("the day after boxing day", "Europe/London", "en-GB", "2026-12-27T00:00:00+00:00"),
        # abbreviations and a dropped "the", written the way patients text them
        ("good fri", "Europe/London", "en-GB", "2026-04-03T00:00:00+01:00"),
        ("may bank hol", "Europe/London", "en-GB", "2026-05-04T00:00:00+01:00"),
        ("day after easter sunday", "Europe/London", "en-GB", "2026-04-06T00:00:00+01:00"),
        ("day before good fri", "Australia/Sydney", "en-AU", "2026-04-02T00:00:00+11:00"),
        # weekdays in holiday names are as often short; "bank holiday monday" skips Good Friday
        ("easter mon", "Europe/London", "en-GB", "2026-04-06T00:00:00+01:00"),
        ("bank hol mon", "Europe/London", "en-GB", "2026-04-06T00:00:00+01:00"),
        ("easter sat", "Australia/Sydney", "en-AU", "2026-04-04T00:00:00+11:00"),
        # not a US holiday, but the day after Easter wherever it is said (never Easter Sunday)
        ("easter mon", "America/New_York", "en-US", "2026-04-06T00:00:00-04:00"),
        ("thanksgiving", "Europe/London", "en-GB", None),
        # Ireland
        ("paddy's day", "Europe/Dublin", "en-IE", "2026-03-17T00:00:00+00:00"),
        ("june bank holiday", "Europe/Dublin", "en-IE", "2026-06-01T00:00:00+01:00"),
        ("st brigid's day", "Europe/Dublin", "en-IE", "2027-02-01T00:00:00+00:00"),
        # Australia: Sydney leaves summer time on Easter Sunday 2026.
        ("good friday", "Australia/Sydney", "en-AU", "2026-04-03T00:00:00+11:00"),
        ("easter monday", "Australia/Sydney", "en-AU", "2026-04-06T00:00:00+10:00"),
        ("anzac day", "Australia/Sydney", "en-AU", "2026-04-25T00:00:00+10:00"),
        ("king's birthday", "Australia/Sydney", "en-AU", "2026-06-08T00:00:00+10:00"),
        ("australia day", "Australia/Sydney", "en-AU", "2027-01-26T00:00:00+11:00"),
        # Labour Day differs by state; a country-only locale takes NSW's, ACT's and SA's
        # (first Monday of October), the day after Sydney's clocks go forward.
        ("labour day", "Australia/Sydney", "en-AU", "2026-10-05T00:00:00+11:00"),
        ("the day before labour day", "Australia/Sydney", "en-AU", "2026-10-04T00:00:00+10:00"),
        # New Zealand: the same name, another rule.
        ("king's birthday", "Pacific/Auckland", "en-NZ", "2026-06-01T00:00:00+12:00"),
        ("labour day", "Pacific/Auckland", "en-NZ", "2026-10-26T00:00:00+13:00"),
        ("waitangi day", "Pacific/Auckland", "en-NZ", "2027-02-06T00:00:00+13:00"),
        # Canada: Thanksgiving in October.
        ("thanksgiving", "America/Toronto", "en-CA", "2026-10-12T00:00:00-04:00"),
        ("victoria day", "America/Toronto", "en-CA", "2026-05-18T00:00:00-04:00"),
        ("canada day", "America/Toronto", "en-CA", "2026-07-01T00:00:00-04:00"),
        # Singapore and Germany
        ("national day", "Asia/Singapore", "en-SG", "2026-08-09T00:00:00+08:00"),
        ("ascension day", "Europe/Berlin", "de-DE", "2026-05-14T00:00:00+02:00"),
        ("whit monday", "Europe/Berlin", "de-DE", "2026-05-25T00:00:00+02:00"),
    ],
)
def test_other_countries(text: str, tz: str, locale: str, start: str | None) -> None:
    assert _start(text, tz, locale) == start


def test_holidays_compose_with_times_shifts_and_years() -> None:
    ents = resolve_datetimes("christmas eve morning", NOW, "America/New_York", "en-US")
    assert ents[0].value["start"] == "2026-12-24T08:00:00-05:00"
    assert (
        _start("2 days before christmas", "America/New_York", "en-US")
        == "2026-12-23T00:00:00-05:00"
    )
    # Easter 2027 is the day British clocks go forward, at 01:00: its midnight is still GMT.
    assert _start("easter 2027", "Europe/London", "en-GB") == "2027-03-28T00:00:00+00:00"


def test_a_holidays_weekend_runs_from_the_holiday_or_its_saturday() -> None:
    """A Monday holiday's weekend is the Monday the long weekend is named for; one on another
    day starts on the holiday or the weekend's Saturday, whichever is first."""

    def days(text: str, tz: str, locale: str) -> tuple[str, str]:
        ents = resolve_datetimes(text, NOW, tz, locale)
        assert len(ents) == 1, ents
        return ents[0].value["start"], ents[0].value["end"]

    # a Monday holiday: the Monday; a Thursday one: Thursday to Sunday
    assert days("memorial day wknd", "America/New_York", "en-US") == (
        "2026-05-25T00:00:00-04:00",
        "2026-05-26T00:00:00-04:00",
    )
    assert days("thanksgiving weekend", "America/New_York", "en-US") == (
        "2026-11-26T00:00:00-05:00",
        "2026-11-30T00:00:00-05:00",
    )
    # Sydney's clocks go back during Easter weekend 2026; the long weekend runs on over Easter
    # Monday, the public holiday next to it
    assert days("easter long weekend", "Australia/Sydney", "en-AU") == (
        "2026-04-04T00:00:00+11:00",
        "2026-04-07T00:00:00+10:00",
    )


def test_a_holiday_today_is_today() -> None:
    ents = resolve_datetimes("good friday", datetime(2026, 4, 3, 8, 0), "Europe/London", "en-GB")
    assert ents[0].value["start"] == "2026-04-03T00:00:00+01:00"


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2000, date(2000, 4, 23)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter(year: int, day: date) -> None:
    assert easter(year) == day


def test_country_of_locale() -> None:
    assert [country_of(x) for x in ("en-US", "en_GB", "en-uk", "de-DE", "en")] == [
        "US",
        "GB",
        "GB",
        "DE",
        "",
    ]


@pytest.mark.parametrize(
    ("text", "tz", "locale", "start"),
    [
        # The Gulf: the Eids by the Umm al-Qura calendar; "eid" alone is whichever comes next.
        ("eid", "Asia/Dubai", "en-AE", "2026-03-20T00:00:00+04:00"),
        ("eid al adha", "Asia/Dubai", "en-AE", "2026-05-27T00:00:00+04:00"),
        ("eid-ul-fitr", "Asia/Riyadh", "en-SA", "2026-03-20T00:00:00+03:00"),
        ("arafat day", "Asia/Dubai", "en-AE", "2026-05-26T00:00:00+04:00"),
        ("hijri new year", "Asia/Dubai", "en-AE", "2026-06-16T00:00:00+04:00"),
        ("the prophet's birthday", "Asia/Riyadh", "en-SA", "2026-08-25T00:00:00+03:00"),
        ("national day", "Asia/Dubai", "en-AE", "2026-12-02T00:00:00+04:00"),
        ("national day", "Asia/Riyadh", "en-SA", "2026-09-23T00:00:00+03:00"),
        ("national day", "Asia/Qatar", "en-QA", "2026-12-18T00:00:00+03:00"),
        ("founding day", "Asia/Riyadh", "en-SA", "2027-02-22T00:00:00+03:00"),
        # after the fast is Eid al-Fitr (Hari Raya Puasa in Singapore); Ramadan said during it is today
        ("after ramadan", "Asia/Dubai", "en-AE", "2026-03-20T00:00:00+04:00"),
        ("after ramadan", "Asia/Singapore", "en-SG", "2026-03-21T00:00:00+08:00"),
        ("during ramadan", "Asia/Riyadh", "en-SA", "2026-03-02T00:00:00+03:00"),
        # Patients elsewhere name the Eids too, across their clock changes
        ("eid", "Europe/London", "en-GB", "2026-03-20T00:00:00+00:00"),
        ("eid al adha", "Europe/London", "en-GB", "2026-05-27T00:00:00+01:00"),
        ("eid", "Australia/Sydney", "en-AU", "2026-03-20T00:00:00+11:00"),
        ("bakri eid", "Australia/Sydney", "en-AU", "2026-05-27T00:00:00+10:00"),
        ("end of ramadan", "Europe/London", "en-GB", "2026-03-20T00:00:00+00:00"),
        # Germany's days kept by the larger states, and carnival
        ("corpus christi", "Europe/Berlin", "en-DE", "2026-06-04T00:00:00+02:00"),
        ("fronleichnam", "Europe/Berlin", "de-DE", "2026-06-04T00:00:00+02:00"),
        ("reformation day", "Europe/Berlin", "en-DE", "2026-10-31T00:00:00+01:00"),
        ("all saints day", "Europe/Berlin", "en-DE", "2026-11-01T00:00:00+01:00"),
        ("pentecost monday", "Europe/Berlin", "en-DE", "2026-05-25T00:00:00+02:00"),
        ("rosenmontag", "Europe/Berlin", "en-DE", "2027-02-08T00:00:00+01:00"),
        # The Christian year around Easter, named everywhere; Palm Sunday 2026 is the day
        # British clocks go forward (its midnight is still GMT) and three weeks after New York's
        ("palm sunday", "Europe/London", "en-GB", "2026-03-29T00:00:00+00:00"),
        ("palm sunday", "America/New_York", "en-US", "2026-03-29T00:00:00-04:00"),
        ("maundy thursday", "Europe/London", "en-GB", "2026-04-02T00:00:00+01:00"),
        ("holy thursday", "America/New_York", "en-US", "2026-04-02T00:00:00-04:00"),
        ("whitsun", "Europe/London", "en-GB", "2026-05-24T00:00:00+01:00"),
        ("pancake day", "Europe/London", "en-GB", "2027-02-09T00:00:00+00:00"),
        ("ash wednesday", "America/New_York", "en-US", "2027-02-10T00:00:00-05:00"),
        # New Zealand's anniversary days: the Monday nearest the date
        ("auckland anniversary", "Pacific/Auckland", "en-NZ", "2027-02-01T00:00:00+13:00"),
        ("wellington anniversary day", "Pacific/Auckland", "en-NZ", "2027-01-25T00:00:00+13:00"),
        # Canada's provinces name the August civic holiday their own way
        ("bc day", "America/Vancouver", "en-CA", "2026-08-03T00:00:00-07:00"),
        ("louis riel day", "America/Winnipeg", "en-CA", "2027-02-15T00:00:00-06:00"),
        ("st jean baptiste", "America/Toronto", "en-CA", "2026-06-24T00:00:00-04:00"),
        # More observances named as dates
        ("cinco de mayo", "America/New_York", "en-US", "2026-05-05T00:00:00-04:00"),
        ("black friday", "America/New_York", "en-US", "2026-11-27T00:00:00-05:00"),
        ("black friday", "Europe/London", "en-GB", "2026-11-27T00:00:00+00:00"),
        ("election day", "America/New_York", "en-US", "2026-11-03T00:00:00-05:00"),
        ("remembrance sunday", "Europe/London", "en-GB", "2026-11-08T00:00:00+00:00"),
        ("burns night", "Europe/London", "en-GB", "2027-01-25T00:00:00+00:00"),
        # Christmas as texted
        ("chrissy", "Australia/Sydney", "en-AU", "2026-12-25T00:00:00+11:00"),
        ("crimbo", "Europe/London", "en-GB", "2026-12-25T00:00:00+00:00"),
        ("NYE", "America/New_York", "en-US", "2026-12-31T00:00:00-05:00"),
    ],
)
def test_more_holidays_and_observances(text: str, tz: str, locale: str, start: str | None) -> None:
    assert _start(text, tz, locale) == start


def test_the_weekend_in_the_gulf() -> None:
    # Saudi Arabia's weekend is Friday and Saturday; the UAE's Saturday and Sunday since 2022
    assert _start("this weekend", "Asia/Riyadh", "en-SA") == "2026-03-06T00:00:00+03:00"
    assert _start("next weekend", "Asia/Riyadh", "en-SA") == "2026-03-13T00:00:00+03:00"
    assert _start("this weekend", "Asia/Dubai", "en-AE") == "2026-03-07T00:00:00+04:00"


@pytest.mark.parametrize(
    ("text", "tz", "locale", "start"),
    [
        # a holiday named without its "day", then weekend: the Monday holiday it is named for
        # (Sydney's clocks go forward on the Sunday between)
        ("labour weekend", "Pacific/Auckland", "en-NZ", "2026-10-26T00:00:00+13:00"),
        ("labour long weekend", "Australia/Sydney", "en-AU", "2026-10-05T00:00:00+11:00"),
        # "the long weekend": the next public holiday on a Monday or Friday, from its weekend's start
        ("the long weekend", "Australia/Sydney", "en-AU", "2026-04-03T00:00:00+11:00"),
        ("the long weekend", "Europe/London", "en-GB", "2026-04-03T00:00:00+01:00"),
        # the day off kept for a holiday at the weekend, named by its weekday
        ("the national day holiday monday", "Asia/Singapore", "en-SG", "2026-08-10T00:00:00+08:00"),
        ("the boxing day holiday monday", "Europe/London", "en-GB", "2026-12-28T00:00:00+00:00"),
    ],
)
def test_holiday_weekends_and_days_off(text: str, tz: str, locale: str, start: str) -> None:
    ents = resolve_datetimes(text, NOW, tz, locale)
    assert ents and ents[0].value["start"] == start, ents
