"""Round eight: a head injury in someone on blood thinners is an emergency whatever else is said,
in either order and across a sentence; blood thinners alone, or a head knock alone with nothing
wrong, are not. Sentences written fresh, never from an evaluation set."""

from __future__ import annotations

import pytest

from nlu.emergency import screen


@pytest.mark.parametrize(
    "text",
    [
        "fell off the ladder and bumped my head. I take warfarin, is that bad",
        "my dad is on apixaban and he banged his head on the car door an hour ago",
        "she slipped in the bath and hit her head, she's on blood-thinners",
    ],
)
def test_a_head_injury_on_blood_thinners_is_an_emergency(text: str) -> None:
    assert screen(text).emergency is not None


@pytest.mark.parametrize(
    "text",
    [
        "I'm on rivaroxaban, can I have my repeat prescription",
        "when is my next warfarin level check",
        "bumped my head on the cupboard, all fine, just a bit embarrassed",
    ],
)
def test_blood_thinners_or_a_small_knock_alone_are_not(text: str) -> None:
    assert screen(text).emergency is None
