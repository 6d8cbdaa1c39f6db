"""Round five of the date grammar: constructions from new voices, each read in two time zones from
a Friday two days before a clock change (as ``test_dates_constructions``), so every case past the
Sunday checks that the offset moved with the clocks.

- a weekend told beside a weekday is two days ("busy all weekend, tuesday aft?"), while a weekend's
  own Saturday or Sunday narrows it ("this weekend, saturday at 10");
- the short parts of the day with "this" ("this aft", "this eve");
- British and Irish dotted times on the hour or a quarter ("have you got 11.30"), never after a word
  of money or measure ("it cost 12.30");
- European dotted dates after a weekday ("Monday 30.3") or before their hour ("1.09 after 12");
- German words kept in English: "übermorgen", "morgen früh", weekdays, "um" and "am" ("Freitag um
  14 Uhr", "am 3. Dezember"), while "Guten Morgen" stays a greeting;
- "book for 2 weeks later", as Singapore English says "in 2 weeks";
- saints' days without "St" ("the day after stephen's day"), the second Weihnachtstag, NDP.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from nlu.contacts import extract_phones
from nlu.datetime_resolution import resolve_datetimes

#: zone -> (tz, locale, the Friday before its clock change)
FRIDAYS = {
    "NY": ("America/New_York", "en-US", date(2026, 10, 30)),
    "LON": ("Europe/London", "en-GB", date(2026, 10, 23)),
    "DUB": ("Europe/Dublin", "en-IE", date(2026, 10, 23)),
    "AKL": ("Pacific/Auckland", "en-NZ", date(2026, 9, 25)),
    "BER": ("Europe/Berlin", "en-DE", date(2026, 3, 27)),
}


def _expected(zone: str, days: int, clock: str) -> str:
    tz, _, friday = FRIDAYS[zone]
    h, m = map(int, clock.split(":"))
    return datetime.combine(
        friday + timedelta(days=days), time(h, m), tzinfo=ZoneInfo(tz)
    ).isoformat()


def _found(text: str, zone: str, at: str = "10:00") -> list[tuple[str, str]]:
    tz, locale, friday = FRIDAYS[zone]
    now = datetime.combine(friday, time.fromisoformat(at))
    return [(e.text, e.value["start"]) for e in resolve_datetimes(text, now, tz, locale)]


def _monday_after(zone: str) -> date:
    return FRIDAYS[zone][2] + timedelta(days=3)


# (phrase, expected span, days after the Friday, local start, zones)
CASES = [
    ("busy all weekend, tuesday aft?", "tuesday aft", 4, "12:00", ("NY", "AKL")),
    ("working the bar all weekend, mon morn?", "mon morn", 3, "08:00", ("DUB", "BER")),
    ("this weekend, saturday at 10", "this weekend, saturday at 10", 1, "10:00", ("NY", "LON")),
    ("this aft if you've got anything", "this aft", 0, "12:00", ("LON", "AKL")),
    ("this eve would be easier", "this eve", 0, "17:00", ("NY", "BER")),
    ("have you got monday 11.30", "monday 11.30", 3, "11:30", ("LON", "DUB")),
    ("tuesday 2.45 if free", "tuesday 2.45", 4, "14:45", ("LON", "AKL")),
    ("übermorgen at 10 after Kita?", "übermorgen at 10", 2, "10:00", ("BER", "NY")),
    ("uebermorgen morning", "uebermorgen morning", 2, "08:00", ("BER", "LON")),
    # German day, time-of-day and linking words kept in English; "Guten Morgen" stays a greeting
    ("next Mittwoch at 10", "next Mittwoch at 10", 5, "10:00", ("BER", "NY")),
    ("Freitag um 14 Uhr", "Freitag um 14 Uhr", 7, "14:00", ("BER", "AKL")),
    ("14 Uhr am Dienstag", "14 Uhr am Dienstag", 4, "14:00", ("BER", "LON")),
    ("morgen früh if possible", "morgen früh", 1, "08:00", ("BER", "NY")),
    ("Montag nachmittag", "Montag nachmittag", 3, "12:00", ("BER", "AKL")),
    ("heute abend", "heute abend", 0, "17:00", ("BER", "LON")),
    ("Guten Morgen, can I come monday at 9", "monday at 9", 3, "09:00", ("BER", "NY")),
    # a duration "later" as the thing booked: its week's Monday, like "in 2 weeks"
    ("can book for 2 weeks later?", "2 weeks later", 10, "00:00", ("NY", "AKL")),
    ("can come 3 weeks later", "3 weeks later", 17, "00:00", ("LON", "BER")),
]


@pytest.mark.parametrize(("text", "span", "days", "clock", "zones"), CASES)
def test_round_five_constructions(
    text: str, span: str, days: int, clock: str, zones: tuple[str, str]
) -> None:
    for zone in zones:
        got = dict(_found(text, zone))
        assert got.get(span) == _expected(zone, days, clock), (text, zone, got)


@pytest.mark.parametrize("zone", ["BER", "DUB"])
def test_dotted_dates_after_a_weekday_or_before_their_hour(zone: str) -> None:
    monday = _monday_after(zone)
    dotted = f"{monday.day}.{monday.month}"
    two_digit = f"{monday.day}.{monday.month:02d}"
    assert _found(f"Monday {dotted} at 11 o'clock for my appointment?", zone) == [
        (f"Monday {dotted} at 11 o'clock", _expected(zone, 3, "11:00"))
    ]
    assert _found(f"I can come {two_digit} after 12", zone) == [
        (f"{two_digit} after 12", _expected(zone, 3, "12:00"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "the prescription cost 12.30 last time",
        "version 2.15 of the app keeps crashing",
        "my temp is 37.5 and my bmi 22.30",
        "I had surgery and the stitches came out 2 weeks later",
    ],
)
def test_money_measures_and_stories_are_not_times(text: str) -> None:
    for zone in ("LON", "AKL"):
        assert _found(text, zone) == [], (text, zone)


@pytest.mark.parametrize(
    ("text", "locale", "tz", "span", "start"),
    [
        (
            "working christmas, the day after stephen's day?",
            "en-IE",
            "Europe/Dublin",
            "day after stephen's day",
            "2026-12-27T00:00:00+00:00",
        ),
        ("stephen's day", "en-GB", "Europe/London", "stephen's day", "2026-12-26T00:00:00+00:00"),
        ("brigid's day", "en-IE", "Europe/Dublin", "brigid's day", "2027-02-01T00:00:00+00:00"),
        (
            "am zweiten weihnachtstag",
            "en-DE",
            "Europe/Berlin",
            "am zweiten weihnachtstag",
            "2026-12-26T00:00:00+01:00",
        ),
        ("after NDP", "en-SG", "Asia/Singapore", "NDP", "2027-08-09T00:00:00+08:00"),
        (
            "am 3. Dezember um 10",
            "en-DE",
            "Europe/Berlin",
            "3. Dezember um 10",
            "2027-12-03T10:00:00+01:00",
        ),
    ],
)
def test_holidays_named_the_way_people_say_them(
    text: str, locale: str, tz: str, span: str, start: str
) -> None:
    now = datetime(2026, 12, 14, 9, 0)
    got = [(e.text, e.value["start"]) for e in resolve_datetimes(text, now, tz, locale)]
    assert (span, start) in got, got


def test_a_date_and_an_hour_are_not_a_german_phone_number() -> None:
    assert extract_phones("can I come on 31.03. at 14:00?", "en-DE") == []
    assert [e.value for e in extract_phones("ruf mich an 030 1234567", "de-DE")] == ["+49301234567"]
