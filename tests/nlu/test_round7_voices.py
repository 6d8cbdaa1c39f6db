"""Round seven of generalisation: booked times said the way people say them, names signed or given
with a date of birth, and a pick by time. Sentences written fresh, never from an evaluation set."""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu import NLU
from nlu.choices import extract_choices
from nlu.extract import rule_entities
from nlu.names import rule_names, tidy_span
from nlu.pipeline import is_fallback
from nlu.roles import EXISTING, assign_roles
from nlu.types import Entity
from tests.nlu.conftest import NOW, TZ


def roles(text: str, intent: str) -> list[tuple[str, str | None]]:
    now = datetime(2026, 3, 2, 9, 0)
    ents = assign_roles(text, intent, rule_entities(text, now, "America/New_York"))
    return [(e.text, e.role) for e in ents if e.entity == "datetime"]


R = "reschedule_appointment"


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        # "I have appointment <day>": the article is often left out, "got" says "have".
        (
            "I have appointment Monday but my car is broken, can change to Wednesday?",
            R,
            [("Monday", EXISTING), ("Wednesday", None)],
        ),
        (
            "we got a check up tues but can we do fri instead",
            R,
            [("tues", EXISTING), ("fri", None)],
        ),
        # "I'm booked <time>" with no preposition, or with the clinician named.
        (
            "I'm booked tomorrow 3pm could I swap to 4:30",
            R,
            [("tomorrow 3pm", EXISTING), ("4:30", None)],
        ),
        (
            "I'm booked with Sofia on Tuesday, could we make it Wednesday",
            R,
            [("Tuesday", EXISTING), ("Wednesday", None)],
        ),
        # A refusal after the time names the booked one.
        (
            "need to move it, Thursday is not possible, Monday afternoon?",
            R,
            [("Thursday", EXISTING), ("Monday afternoon", None)],
        ),
        ("MONDAY NO GOOD. TUESDAY PLEASE", R, [("MONDAY", EXISTING), ("TUESDAY", None)]),
        (
            "want to change, wednesday i busy, friday better",
            R,
            [("wednesday", EXISTING), ("friday", None)],
        ),
        # "<time> moved to <time>"
        (
            "can I get march 9th moved to march 19th",
            R,
            [("march 9th", EXISTING), ("march 19th", None)],
        ),
        # The first of two times in a move is the booked one, unless the two are alternatives or refused.
        (
            "the doctor rang, I have work on friday, monday ok?",
            R,
            [("friday", EXISTING), ("monday", None)],
        ),
        (
            "can we move it, monday or tuesday would be good",
            R,
            [("monday", None), ("tuesday", None)],
        ),
        ("could it be the 12th, not the 5th", R, [("the 12th", None), ("the 5th", EXISTING)]),
        (
            "put me in next thursday rather than this thursday",
            R,
            [("next thursday", None), ("this thursday", EXISTING)],
        ),
        # What a patient calls the visit: "my sched", "my date".
        ("please resched my sched on the 6th", R, [("the 6th", EXISTING)]),
        # A visit that is over is not one the patient has.
        (
            "my bloods were taken last Tuesday, are they in",
            "check_results",
            [("last Tuesday", None)],
        ),
    ],
)
def test_a_booked_time_is_told_from_the_wanted_one(
    text: str, intent: str, expected: list[tuple[str, str | None]]
) -> None:
    assert roles(text, intent) == expected


def names(text: str) -> list[tuple[str, str]]:
    return [(e.entity, e.text) for e in rule_names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Signed after the last sentence, as a letter is.
        (
            "Could you post me the new times. I am not online. Doreen Fairweather",
            [("person_name", "Doreen Fairweather")],
        ),
        ("Is the car park free? Cecil Amberley.", [("person_name", "Cecil Amberley")]),
        (
            "I look forward to hearing from you. Yours sincerely, Bertram Oakes",
            [("person_name", "Bertram Oakes")],
        ),
        # Given with the date of birth.
        ("Olumide Bakare, born 4 May 1981", [("person_name", "Olumide Bakare")]),
        ("Name: Ines Carvalho, DOB: 02-03-1970", [("person_name", "Ines Carvalho")]),
        # A question then an introduction.
        ("Are you taking on patients? I'm Yusuf Demir", [("person_name", "Yusuf Demir")]),
        # Owned things, two owners, a two-word owner.
        (
            "can you shift Ama's and Kojo's jabs to friday",
            [("person_name", "Ama"), ("person_name", "Kojo")],
        ),
        (
            "any news on Lina's bloods? and Sami's too",
            [("person_name", "Lina"), ("person_name", "Sami")],
        ),
        ("I look after Peter Hollis's bills, where do I pay", [("person_name", "Peter Hollis")]),
        # Kin words of other languages, long names.
        ("book my abuela Carmen for a flu shot", [("person_name", "my abuela Carmen")]),
        (
            "my husband Abdul Karim Al Farsi needs a check-up",
            [("person_name", "my husband Abdul Karim Al Farsi")],
        ),
        # A clinician's name stops at the first word that is not a name.
        ("see Dr Chen Wednesday, Maria Lopez Thursday", [("practitioner", "Dr Chen")]),
    ],
)
def test_a_person_signed_given_or_owned_is_found(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Guten Morgen", "Buenos Dias", "Kia Ora", "Call me back. I Need Help", "thanks. See You Soon"],
)
def test_a_greeting_or_a_common_phrase_is_no_name(text: str) -> None:
    assert [e for e in rule_names(text) if e.entity == "person_name"] == []


def test_the_surname_the_recogniser_left_off_is_taken_in() -> None:
    text = "I fill in forms for Harriet Quigley, can you send them"
    got = tidy_span(text, Entity("person_name", 20, 27, "Harriet"))
    assert got is not None and got.text == "Harriet Quigley"
    text = "is Jonas Berg in on Saturday"
    got = tidy_span(text, Entity("practitioner", 3, 8, "Jonas"))
    assert got is not None and got.text == "Jonas Berg"
    # A weekday or a site after the name is not its surname.
    text = "can Omar come Thursday, or Omar Friday"
    got = tidy_span(text, Entity("person_name", 27, 31, "Omar"))
    assert got is not None and got.text == "Omar"


@pytest.mark.parametrize(
    ("text", "value"),
    [("the one at 11", {"time": "11:00"}), ("the one at 3:15 please", {"time": "15:15"})],
)
def test_a_reply_picking_by_time_is_a_choice(text: str, value: dict[str, str]) -> None:
    got = extract_choices(text)
    assert [(e.text, e.value) for e in got] == [(text.removesuffix(" please"), value)]


def test_inside_a_sentence_the_one_at_a_time_is_a_booked_appointment(nlu_model: NLU) -> None:
    p = nlu_model.parse("please cancel the one at 10", now=NOW, tz=TZ)
    assert not p.all("choice")
    assert [(e.text, e.role) for e in p.all("datetime")] == [("10", EXISTING)]


def test_a_signed_message_names_its_writer_through_the_real_nlu(nlu_model: NLU) -> None:
    p = nlu_model.parse(
        "Please let me know the time of my appointment. Doreen Fairweather", now=NOW, tz=TZ
    )
    assert p.intent == "check_appointment"
    assert [e.text for e in p.all("person_name")] == ["Doreen Fairweather"]


def test_keyboard_mash_is_out_of_scope_and_asks_to_rephrase(nlu_model: NLU) -> None:
    p = nlu_model.parse("sdfkjh qwpeoiz", now=NOW, tz=TZ)
    assert p.intent == "out_of_scope"
    assert is_fallback(p)


@pytest.mark.parametrize(
    "text",
    [
        "could I see the nurse sometime next week",
        "please let the nurse know I'm on the bus",
        "the doctor thought it was a sprain",
        "the nurse took two tubes of blood",
        "can I do a video call with the doctor instead",
    ],
)
def test_a_word_after_nurse_or_doctor_in_a_sentence_is_no_name(text: str) -> None:
    assert rule_names(text) == []


def test_a_street_after_a_house_number_is_no_person() -> None:
    text = "I've moved, it's 17 Holloway Road now"
    at = text.index("Holloway")
    assert tidy_span(text, Entity("person_name", at, at + 8, "Holloway")) is None
    text = "please ask Holloway to call me"
    at = text.index("Holloway")
    assert tidy_span(text, Entity("person_name", at, at + 8, "Holloway")) is not None
