"""Round twelve: a firm word turned by "not" is a no, and the confusions the last blind measurement
named (a move said as a swap, a cancel said as removing, a person wanted against a bare answer,
results against a booking, chit-chat against help) in new voices. Sentences written fresh, never
from an evaluation set."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.short_replies import short_reply_intent
from tests.nlu.conftest import NOW, TZ


@pytest.mark.parametrize(
    "text",
    ["absolutely not", "definitely not!", "of course not", "certainly not, thanks", "defo not"],
)
def test_a_firm_word_turned_by_not_is_a_no(text: str) -> None:
    assert short_reply_intent(text) == "deny"


@pytest.mark.parametrize("text", ["absolutely", "of course", "definitely yes"])
def test_the_firm_word_alone_is_still_a_yes(text: str) -> None:
    assert short_reply_intent(text) == "affirm"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("who won the cricket yesterday", "out_of_scope"),
        ("can you write me a song", "out_of_scope"),
        ("i want a real person not a machine", "request_human"),
        ("please swap my appointment to a different morning", "reschedule_appointment"),
        ("can you please remove my appointment", "cancel_appointment"),
        ("where do I get the paperwork", "start_intake"),
        ("did my sons blood work come back", "check_results"),
        ("I'll make it, no problem", "confirm_attendance"),
    ],
)
def test_the_named_confusions_in_new_voices(nlu_model: NLU, text: str, intent: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent
