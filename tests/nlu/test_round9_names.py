"""Round nine: names written with Latin letters beyond Latin-1 ("Ayşe", "Łukasz", "Dvořák") are
found whole, and a pronoun with its verb before a name ("He's James O'Brien") is not part of it.
Sentences written fresh, never from an evaluation set; through the real NLU."""

from __future__ import annotations

import pytest

from nlu import NLU
from tests.nlu.conftest import NOW, TZ


def person_names(nlu: NLU, text: str) -> list[str]:
    return [e.text for e in nlu.parse(text, now=NOW, tz=TZ).all("person_name")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can my daughter Gülşen Yıldız have a check up on friday", "my daughter Gülşen Yıldız"),
        ("my husband Łukasz needs his flu shot", "my husband Łukasz"),
        ("my name is Tomáš Dvořák, I need to book a physio", "Tomáš Dvořák"),
        ("this is Şule Arslan, can I move my appointment", "Şule Arslan"),
    ],
)
def test_a_name_with_letters_beyond_latin_1_is_found_whole(
    nlu_model: NLU, text: str, expected: str
) -> None:
    assert expected in person_names(nlu_model, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("please ring my mother, she's Margaret Doyle", "Margaret Doyle"),
        ("can I pay for my uncle? He's Patrick Flynn", "Patrick Flynn"),
    ],
)
def test_a_pronoun_before_a_name_is_left_out(nlu_model: NLU, text: str, expected: str) -> None:
    found = person_names(nlu_model, text)
    assert expected in found, found
    assert not any(n.lower().startswith(("he's", "she's")) for n in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quiero una cita con la dra Gomez el lunes", "dra Gomez"),
        ("can I see Dra. Silva on friday for my check up", "Dra. Silva"),
    ],
)
def test_dra_before_a_name_is_a_clinician(nlu_model: NLU, text: str, expected: str) -> None:
    parse = nlu_model.parse(text, now=NOW, tz=TZ)
    assert [e.text for e in parse.all("practitioner")] == [expected]
    assert not parse.all("person_name")
