"""Choice extraction."""

from __future__ import annotations

from typing import Any

import pytest

from nlu.choices import extract_choices


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("2", "2", {"index": 2}),
        ("2.", "2", {"index": 2}),
        ("3 please", "3", {"index": 3}),
        ("option 3", "option 3", {"index": 3}),
        ("Option 1 pls", "Option 1", {"index": 1}),
        ("number 4 works", "number 4", {"index": 4}),
        ("the second one", "the second one", {"index": 2}),
        ("Second one please", "Second one", {"index": 2}),
        ("the first option", "the first option", {"index": 1}),
        ("the third", "the third", {"index": 3}),
        ("first", "first", {"index": 1}),
        ("the 2nd one", "the 2nd one", {"index": 2}),
        ("the 10:30 one", "the 10:30 one", {"time": "10:30"}),
        ("the 3pm one", "the 3pm one", {"time": "15:00"}),
        ("I'll take the 9:15 one", "the 9:15 one", {"time": "09:15"}),
        ("the last one", "the last one", {"index": -1}),
        ("two", "two", {"index": 2}),
    ],
)
def test_choices(text: str, span: str, value: dict[str, Any]) -> None:
    found = extract_choices(text)
    assert [(e.text, e.value) for e in found] == [(span, value)]
    assert text[found[0].start : found[0].end] == span


@pytest.mark.parametrize(
    "text",
    [
        "I have 2 kids",
        "3 days",
        "the first of march",
        "first time here",
        "the 14th",
        "tuesday at 3",
        "hello",
    ],
)
def test_not_choices(text: str) -> None:
    assert extract_choices(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("the top one please", {"index": 1}),
        ("I'll go with the earliest one", {"index": 1}),
        ("the bottom option", {"index": -1}),
        ("the later one is better for me", {"index": -1}),
        ("número 3", {"index": 3}),
        ("the 4:15", {"time": "16:15"}),
    ],
)
def test_position_words_and_other_languages_numbers_pick_an_option(text: str, value: dict) -> None:
    assert [e.value for e in extract_choices(text)] == [value]


def test_a_later_time_asked_for_is_not_a_pick() -> None:
    assert extract_choices("could I have a later time") == []
