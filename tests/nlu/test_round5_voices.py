"""Round five of generalisation: people named by title, signature or alone, booked visits named by
their service, regional spellings, and what a patient notices of them through the real NLU."""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu import NLU
from nlu.extract import rule_entities
from nlu.features import classifier_text, social_meaning
from nlu.names import rule_names
from nlu.roles import EXISTING, assign_roles
from tests.nlu.conftest import NOW, TZ


def names(text: str) -> list[tuple[str, str]]:
    return [(e.entity, e.text) for e in rule_names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A carer or an assistant writing for someone names them by title.
        (
            "Could you check whether Mrs Adeyemi's scan is back?",
            [("person_name", "Mrs Adeyemi")],
        ),
        ("PA to Ms Joanna Pike here, she needs a new date", [("person_name", "Ms Joanna Pike")]),
        # After "with" or "see" a titled name is the clinician (a UK surgeon or physio is "Mr").
        ("can I have my knee seen with Mr. Okoye next week", [("practitioner", "Mr. Okoye")]),
        # A signature closes a letter or a text.
        (
            "Please cancel Friday. Kind regards, Ingrid Svensson",
            [("person_name", "Ingrid Svensson")],
        ),
        ("Running late, sorry. Thanks, Dolores", [("person_name", "Dolores")]),
        ("Regards, J. Okafor", [("person_name", "J. Okafor")]),
        # A name given alone as the answer to "who is the appointment for?".
        ("Nguyen Van Minh", [("person_name", "Nguyen Van Minh")]),
        ("Ana Reyes po", [("person_name", "Ana Reyes")]),
        ("Hemi Walker here", [("person_name", "Hemi Walker")]),
        ("the patient's name is Lucas Moreau", [("person_name", "Lucas Moreau")]),
        ("hi it is Padraig Walsh, can I book a check-up", [("person_name", "Padraig Walsh")]),
    ],
)
def test_a_person_named_by_title_signature_or_alone_is_found(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Good Morning",
        "Thank You Very Much",
        "Happy New Year",
        "Sounds Good",
        "Yes Please",
        "thanks, Friday works",
        "Tuesday Morning",
        "Elm Ave",
        "See You Soon",
    ],
)
def test_a_short_capitalised_message_that_is_not_a_name_has_no_name(text: str) -> None:
    assert [e for e in rule_names(text) if e.entity == "person_name"] == []


def booked(text: str, intent: str) -> list[tuple[str, str | None]]:
    now = datetime(2026, 3, 2, 9, 0)
    ents = assign_roles(text, intent, rule_entities(text, now, "America/New_York"))
    return [(e.text, e.role) for e in ents if e.entity == "datetime"]


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        # A visit named by its service is a booked one.
        (
            "sorry, my physio on monday, could it be thursday instead",
            "reschedule_appointment",
            [("monday", EXISTING), ("thursday", None)],
        ),
        (
            "my appt tues can move to wed?",
            "reschedule_appointment",
            [("tues", EXISTING), ("wed", None)],
        ),
        (
            "I won't be able to make my flu jab on friday, can I come monday",
            "reschedule_appointment",
            [("friday", EXISTING), ("monday", None)],
        ),
        (
            "we booked his check-up for the 9th but he's away",
            "cancel_appointment",
            [("the 9th", EXISTING)],
        ),
        (
            "cannae make friday, can we dae monday",
            "reschedule_appointment",
            [("friday", EXISTING), ("monday", None)],
        ),
        # A service wanted at a time is not a booked one.
        ("can I get my flu jab saturday", "book_appointment", [("saturday", None)]),
        ("I'd like physio on friday", "book_appointment", [("friday", None)]),
    ],
)
def test_a_booked_visit_named_by_its_service_is_the_existing_one(
    text: str, intent: str, expected: list[tuple[str, str | None]]
) -> None:
    assert booked(text, intent) == expected


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("ah'll be there, cannae wait", "i'll be there , can't wait"),
        ("dun send me sms", "don't send me sms"),
        ("would ye know the parking", "would you know the parking"),
        ("hi.need a checkup.friday ok", "hi. need a checkup. friday ok"),
        ("🌵🌵🎈", "xemoji"),
    ],
)
def test_regional_spellings_and_glued_words_reach_the_classifier_as_standard_words(
    text: str, reads: str
) -> None:
    assert classifier_text(text) == reads


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("cheerio", "goodbye"),
        ("chur", "thank"),
        ("hooroo", "goodbye"),
        ("gidday", "greet"),
        ("aye, I'll be in tomorrow", "confirm_attendance"),
        ("Kamala Devi Rao", "inform"),
        ("🦄🦄🌈", "out_of_scope"),
        ("send a text to my brother saying happy birthday", "out_of_scope"),
        ("is Bupa one of the insurers you work with?", "billing_question"),
        ("blood test monday first thing would suit me", "book_appointment"),
    ],
)
def test_regional_turns_names_and_requests_are_understood(
    nlu_model: NLU, text: str, intent: str
) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("alright ta-ra", "goodbye"), ("ok hooroo", "goodbye"), ("Ta!", "thank you"), ("ok", None)],
)
def test_a_leading_ok_does_not_hide_a_regional_social_turn(text: str, meaning: str | None) -> None:
    assert social_meaning(text) == meaning


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("do you take Bupa?", "do you take xinsurer ?"),
        ("I'm with Blue Cross Blue Shield", "i'm with xinsurer"),
        ("I accept, thanks", "i accept , thanks"),
    ],
)
def test_an_insurer_named_by_brand_reads_as_one_word(text: str, reads: str) -> None:
    assert classifier_text(text) == reads
