"""Carrier keywords: whole message only, any case and punctuation."""

from __future__ import annotations

import pytest

from nlu.keywords import carrier_keyword, keyword_intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("STOP", "opt_out"),
        ("stop", "opt_out"),
        ("Stop.", "opt_out"),
        (" stop! ", "opt_out"),
        ("STOPALL", "opt_out"),
        ("stop all", "opt_out"),
        ("Unsubscribe", "opt_out"),
        ("CANCEL", "opt_out"),
        ("cancel", "opt_out"),
        ("END", "opt_out"),
        ("quit.", "opt_out"),
        ("REVOKE", "opt_out"),
        ("OPTOUT", "opt_out"),
        ("opt-out", "opt_out"),
        ("opt out", "opt_out"),
        ("STOP 🛑", "opt_out"),
        ('"stop"', "opt_out"),
        ("START", "opt_in"),
        ("start", "opt_in"),
        ("Unstop", "opt_in"),
        ("UNSTOP!", "opt_in"),
        ("HELP", "help"),
        ("help?", "help"),
        ("Info", "help"),
        ("INFO.", "help"),
    ],
)
def test_whole_message_keywords(text: str, intent: str) -> None:
    assert keyword_intent(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "stop the appointment on friday",
        "please stop",
        "cancel my appointment",
        "can you help me",
        "start the forms",
        "the end",
        "I want to quit smoking",
        "stopping by later",
        "stop it",
        "info about parking",
        "",
        "   ",
        "2",
    ],
)
def test_keywords_inside_sentences_do_not_match(text: str) -> None:
    assert keyword_intent(text) is None


def test_carrier_keyword_reports_the_keyword() -> None:
    assert carrier_keyword("Stop all!") == "STOPALL"
    assert carrier_keyword("stop the appointment") is None
