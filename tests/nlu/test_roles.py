"""Entity roles through the real NLU: a datetime naming a booked appointment is "existing"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlu import NLU, Entity
from nlu.roles import assign_roles
from nlu.scoring import role_accuracy
from nlu.training_data import parse_annotated
from tests.nlu.conftest import NOW, TZ


def roles(nlu: NLU, text: str) -> list[tuple[str, str | None]]:
    """(span text, role) of each datetime, in order."""
    return [(e.text.lower(), e.role) for e in nlu.parse(text, now=NOW, tz=TZ).all("datetime")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Attached to the appointment words: the booked one.
        (
            "can I move my thursday appointment to next tuesday afternoon",
            [("thursday", "existing"), ("next tuesday afternoon", None)],
        ),
        ("hi I need to move my appointment on thursday", [("thursday", "existing")]),
        ("could we shift our appt for the 5th please", [("the 5th", "existing")]),
        (
            "hi, my appointment is tomorrow, can I change it to next week",
            [("tomorrow", "existing"), ("next week", None)],
        ),
        ("push my friday appt back to monday", [("friday", "existing"), ("monday", None)]),
        (
            "my friday 3pm appointment, can we make it monday",
            [("friday 3pm", "existing"), ("monday", None)],
        ),
        # "from X to Y", "move X to Y", "instead of X", "can't make X".
        ("move it from thursday to friday", [("thursday", "existing"), ("friday", None)]),
        ("change thursday to friday at 3", [("thursday", "existing"), ("friday at 3", None)]),
        (
            "I can't make thursday, can we do next week instead",
            [("thursday", "existing"), ("next week", None)],
        ),
        (
            "book me in for tuesday instead of my thursday appointment",
            [("tuesday", None), ("thursday", "existing")],
        ),
        # Saying the appointment is had or booked.
        (
            "I have an appointment on thursday but need to change it to friday",
            [("thursday", "existing"), ("friday", None)],
        ),
        (
            "i've got a checkup thursday can i move it to monday",
            [("thursday", "existing"), ("monday", None)],
        ),
        (
            "I'm booked in for thursday, can I move to next week",
            [("thursday", "existing"), ("next week", None)],
        ),
        ("running late for my 3pm", [("3pm", "existing")]),
        ("running late, be there in 10 minutes", [("in 10 minutes", None)]),
        ("can we rebook my appointment for tomorrow instead", [("tomorrow", None)]),
        ("I'd like to have an appointment on friday", [("friday", None)]),
        # A reschedule's lone datetime not attached to the appointment is the new time.
        ("can we move my appt to friday", [("friday", None)]),
        ("i ned to chnage my apointment to wensday pls", [("wensday", None)]),
        # Cancel / check: the lone datetime names the booked visit.
        ("cancel my appointment tomorrow", [("tomorrow", "existing")]),
        ("what time is my appointment tomorrow", [("tomorrow", "existing")]),
        ("cancel Thursday's", [("thursday's", "existing")]),
        # A new booking's datetimes are wanted times.
        ("can I get an appointment on friday", [("friday", None)]),
        ("book my checkup for friday", [("friday", None)]),
        ("cancel my thursday and book me in friday", [("thursday", "existing"), ("friday", None)]),
        ("thursday's fine", [("thursday's", None)]),
        # A possessive belongs to the span; "one" after a day is a pronoun, not 1pm.
        ("cancel tomorrow's please", [("tomorrow's", "existing")]),
        ("cancel the thursday one", [("thursday", "existing")]),
        # Said of the booked time after it: it can't be made, needs moving, is too early.
        (
            "the wednesday clinic visit has to be moved, maybe friday?",
            [("wednesday", "existing"), ("friday", None)],
        ),
        (
            "the 9am is too early for me, anything after lunch",
            [("9am", "existing"), ("after lunch", None)],
        ),
        (
            "sorry my appointment friday 2pm I cant anymore, how about monday",
            [("friday 2pm", "existing"), ("monday", None)],
        ),
        (
            "which day am I down for, thursday or friday",
            [("thursday", "existing"), ("friday", "existing")],
        ),
        ("sorry but I won't be attending tomorrow", [("tomorrow", "existing")]),
        ("need a different day for the 20th, I'm away", [("the 20th", "existing")]),
        ("my 2:30 with Dr Chen, could it be later", [("2:30", "existing")]),
        # In a move, "<time> to <time>" is the old one then the new one, even written as a range.
        (
            "can you move my visit tomorrow to thursday",
            [("tomorrow", "existing"), ("thursday", None)],
        ),
        (
            "could you change the booking from April 3 to April 8",
            [("april 3", "existing"), ("april 8", None)],
        ),
        ("swap my 10am to 11 please", [("10am", "existing"), ("11", None)]),
        ("book me in from 3 to 4 tomorrow", [("from 3 to 4 tomorrow", None)]),
    ],
)
def test_roles_of_datetimes(
    nlu_model: NLU, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert roles(nlu_model, text) == expected


def test_the_one_on_a_day_names_a_booked_appointment(nlu_model: NLU) -> None:
    [(_, role)] = roles(nlu_model, "the one on thursday")
    assert role == "existing"


def test_role_is_in_the_json_only_when_there_is_one(nlu_model: NLU) -> None:
    out = nlu_model.parse("move my thursday appointment to friday", now=NOW, tz=TZ).to_json()
    thursday, friday = [e for e in out["entities"] if e["entity"] == "datetime"]
    assert thursday["role"] == "existing"
    assert "role" not in friday


@pytest.mark.nlu_model
def test_nlu_parse_cli_prints_the_role() -> None:
    cli = str(Path(sys.executable).with_name("patient-assistant"))
    result = subprocess.run(
        [cli, "nlu", "parse", "--now", "2026-03-02T09:00:00", "--tz", TZ],
        input="cancel Thursday's appointment\n",
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    [line] = result.stdout.splitlines()
    [dt] = [e for e in json.loads(line)["entities"] if e["entity"] == "datetime"]
    assert dt["text"] == "Thursday's" and dt["role"] == "existing"


def test_roles_follow_the_intent_when_the_words_do_not_say() -> None:
    """The same words, "on friday", name a booked visit in a cancel and a wanted time in a booking."""
    friday = Entity("datetime", 18, 27, "on friday", {"start": "2026-03-06T00:00:00-05:00"})
    text = "my appointment is on friday"
    assert assign_roles(text, "cancel_appointment", [friday])[0].role == "existing"
    assert assign_roles(text, "book_appointment", [friday])[0].role is None


def test_training_data_reads_rasa_roles() -> None:
    text, spans = parse_annotated(
        'cancel [friday]{"entity": "datetime", "role": "existing"} and [monday](datetime)'
    )
    assert text == "cancel friday and monday"
    assert [(s.text, s.role) for s in spans] == [("friday", "existing"), ("monday", None)]


def test_role_accuracy_counts_gold_roles_and_false_ones() -> None:
    gold = [[(0, 6, "existing"), (10, 16, None)], [(0, 5, "existing")]]
    pred = [[(0, 6, "existing"), (10, 16, "existing")], [(0, 5, None)]]
    assert role_accuracy(gold, pred) == {"n": 2, "accuracy": 0.5, "correct": 1, "false_roles": 1}
