"""Round thirteen of the date grammar and the `existing` role: what dates-10 and messages-7 found.

- Spanish day words that Spanish speakers keep in English ("el viernes", "mañana a las 10",
  "por la tarde", "el próximo martes", "dentro de 2 semanas"), where "la mañana" is the morning;
- Hindi/Urdu "aaj", the weekday names and "kal"/"parso" (read forward, and only next to a Hindi
  word that places them: "Kal" is also a name), Gulf Arabic "bukra";
- "the monday after" / "the friday before" with no date of their own count from the date said
  just before ("remembrance sunday is out, the monday after?"), as "the day after" does;
- "st patty's day";
- roles: Spanish "mi cita de <dt>", a time said to be better is a wanted one, the last time of a
  move said after "my physio," is the new one, and a cross (❌) before a visit cancels it.

Every construction runs in two zones, each from the Friday before its clocks change.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu.datetime_resolution import resolve_datetimes
from nlu.roles import assign_roles
from nlu.types import Entity
from tests.nlu.test_dates_round5 import _expected, _found

# (phrase, expected span, days after the Friday, local start, zones)
CASES = [
    # Spanish
    ("tengo tiempo el jueves", "jueves", 6, "00:00", ("NY", "LON")),
    ("can I come sábado por la mañana?", "sábado por la mañana", 1, "08:00", ("NY", "AKL")),
    ("sabado en la tarde ok", "sabado en la tarde", 1, "12:00", ("DUB", "NY")),
    ("mañana a las 11 de la mañana", "mañana a las 11 de la mañana", 1, "11:00", ("NY", "BER")),
    ("manana at 3 if possible", "manana at 3", 1, "15:00", ("LON", "AKL")),
    ("pasado mañana por favor", "pasado mañana", 2, "00:00", ("NY", "DUB")),
    ("el lunes al mediodía", "lunes al mediodía", 3, "12:00", ("NY", "LON")),
    ("hoy por la tarde is fine", "hoy por la tarde", 0, "12:00", ("BER", "NY")),
    ("el próximo miércoles", "próximo miércoles", 5, "00:00", ("NY", "AKL")),
    ("la semana que viene", "la semana que viene", 3, "00:00", ("LON", "NY")),
    ("dentro de 2 semanas", "dentro de 2 semanas", 10, "00:00", ("NY", "BER")),
    # Hindi/Urdu and Gulf Arabic
    ("aaj shaam 6 baje mil sakta hai?", "aaj shaam 6 baje", 0, "18:00", ("NY", "LON")),
    ("kal subah 9 baje", "kal subah 9 baje", 1, "09:00", ("DUB", "AKL")),
    ("kal ka slot free hai?", "kal", 1, "00:00", ("NY", "BER")),
    ("parso 11 baje for my father", "parso 11 baje", 2, "11:00", ("LON", "NY")),
    ("agle hafte mangalwar", "agle hafte mangalwar", 4, "00:00", ("NY", "AKL")),
    ("bukra 4pm ok?", "bukra 4pm", 1, "16:00", ("LON", "BER")),
    # a weekday after or before what was just said
    ("sunday is no good, the monday after?", "monday", 3, "00:00", ("LON", "AKL")),
    ("next wednesday we're away, the friday after works", "friday", 7, "00:00", ("NY", "DUB")),
    ("not the 20th, the thursday before is fine", "thursday", None, "00:00", ("NY", "LON")),
]


@pytest.mark.parametrize(("text", "span", "days", "clock", "zones"), CASES)
def test_round_thirteen_constructions(
    text: str, span: str, days: int | None, clock: str, zones: tuple[str, str]
) -> None:
    for zone in zones:
        got = dict(_found(text, zone))
        if days is None:  # "the thursday before the 20th": counted from that date
            day20 = next(v for k, v in got.items() if "20th" in k)
            d = datetime.fromisoformat(day20).date()
            wanted = datetime.fromisoformat(got[span]).date()
            assert wanted.weekday() == 3 and 0 < (d - wanted).days <= 7, (text, zone, got)
            continue
        assert got.get(span) == _expected(zone, days, clock), (text, zone, got)


@pytest.mark.parametrize(
    "text",
    [
        "Kal said to text the clinic",  # a name
        "the monday after my surgery",  # after something that is no date
        "a la carte menu at the cafe",  # "a la" is no "a las"
    ],
)
def test_no_date_where_none_is_told(text: str) -> None:
    found = resolve_datetimes(text, datetime(2026, 10, 30, 10), "America/New_York", "en-US")
    # "the monday after my surgery" stays the coming Monday, never a shift from an earlier date
    assert all(e.text.lower() == "monday" for e in found), found


def test_the_weekday_after_a_holiday_said_before() -> None:
    [h, m] = resolve_datetimes(
        "remembrance day I can't, the tuesday after?",
        datetime(2026, 10, 20, 12),
        "America/Toronto",
        "en-CA",
    )
    # Remembrance Day is Wednesday 11 November 2026, after the clocks go back
    assert h.value["start"] == "2026-11-11T00:00:00-05:00"
    assert m.value["start"] == "2026-11-17T00:00:00-05:00"


def test_st_pattys_day() -> None:
    [e] = resolve_datetimes(
        "st pattys day would be fun lol", datetime(2026, 3, 2, 9), "America/Chicago", "en-US"
    )
    assert e.value["start"] == "2026-03-17T00:00:00-05:00"


def _roles(text: str, intent: str, spans: list[str]) -> list[str | None]:
    ents = []
    for s in spans:
        i = text.index(s)
        ents.append(Entity("datetime", i, i + len(s), s, None))
    return [e.role for e in assign_roles(text, intent, ents)]


@pytest.mark.parametrize(
    ("text", "intent", "spans", "roles"),
    [
        # Spanish "cita" owned and followed by "de"/"del"
        (
            "quiero cambiar mi cita del lunes al martes",
            "reschedule_appointment",
            ["lunes", "martes"],
            ["existing", None],
        ),
        ("cuando es mi cita, el viernes?", "check_appointment", ["viernes"], ["existing"]),
        ("necesito mover la cita de hoy", "reschedule_appointment", ["hoy"], ["existing"]),
        # a time said to be better is a wanted one
        (
            "can you change my appointment, 4pm would be better",
            "reschedule_appointment",
            ["4pm"],
            [None],
        ),
        (
            "move my friday slot, monday works better for me",
            "reschedule_appointment",
            ["friday", "monday"],
            ["existing", None],
        ),
        # the last time of a move after a pause is the new one; with no pause it is the booked one
        (
            "please change the time of my bloods, thursday afternoon",
            "reschedule_appointment",
            ["thursday afternoon"],
            [None],
        ),
        ("can you move my bloods thursday", "reschedule_appointment", ["thursday"], ["existing"]),
        (
            "change my appt, tmrw, to friday",
            "reschedule_appointment",
            ["tmrw", "friday"],
            ["existing", None],
        ),
        # a cross before a visit strikes it out, whatever the classifier said
        ("❌ tuesday physio sorry", "book_appointment", ["tuesday"], ["existing"]),
        ("🚫 the 3pm tmrw", "out_of_scope", ["3pm tmrw"], ["existing"]),
    ],
)
def test_round_thirteen_roles(
    text: str, intent: str, spans: list[str], roles: list[str | None]
) -> None:
    assert _roles(text, intent, spans) == roles
