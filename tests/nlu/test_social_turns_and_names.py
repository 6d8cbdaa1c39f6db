"""Round two of generalisation, through the real NLU: social turns in other languages and emoji,
booked datetimes masked apart from wanted ones, and names patients give for themselves."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.features import classifier_text, social_meaning
from nlu.names import rule_names
from tests.nlu.conftest import NOW, TZ


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("muchas gracias!", "thank"),
        ("Merci beaucoup", "thank"),
        ("shukriya ji", "thank"),
        ("hasta luego", "goodbye"),
        ("Auf Wiedersehen!", "goodbye"),
        ("allah hafiz", "goodbye"),
        ("buenas noches", "greet"),
        ("xin chào", "greet"),
        ("nein danke", "deny"),
        ("hindi", "deny"),
        ("opo", "affirm"),
        ("sí por favor", "affirm"),
        ("👍🏽", "affirm"),
        ("🙏", "thank"),
    ],
)
def test_a_social_turn_in_another_language_or_emoji_is_understood(
    nlu_model: NLU, text: str, intent: str
) -> None:
    p = nlu_model.parse(text, now=NOW, tz=TZ)
    assert (p.intent, p.confidence >= 0.35) == (intent, True)


def test_only_a_whole_message_is_translated() -> None:
    # "la" is Arabic "no" on its own, an article inside a Spanish request.
    assert social_meaning("la") == "no"
    assert social_meaning("cancelar la cita por favor") is None
    assert social_meaning("👍🙏") is None  # two meanings: left to the classifier


def test_short_english_replies_keep_their_meaning(nlu_model: NLU) -> None:
    assert nlu_model.parse("yes", now=NOW, tz=TZ).intent == "affirm"
    assert nlu_model.parse("STOP", now=NOW, tz=TZ).intent == "opt_out"
    assert nlu_model.parse("xqzvkpw", now=NOW, tz=TZ).confidence < 0.35


def test_a_booked_datetime_is_masked_apart_from_a_wanted_one() -> None:
    from nlu.extract import rule_entities

    text = "my dad can't make monday, could he come on wednesday instead"
    masked = classifier_text(text, rule_entities(text, NOW, TZ))
    assert "xbooked" in masked and "xdate" in masked
    assert masked.index("xbooked") < masked.index("xdate")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("hello, my name is Grace Okoye and I need a check-up", "Grace Okoye"),
        ("My name's Pedro Alves, born 1980", "Pedro Alves"),
        ("Hi, I'm Hana Sato. Can I book physio?", "Hana Sato"),
        ("could I bring my granddaughter Zoë on friday", "my granddaughter Zoë"),
        ("registering my newborn Amara", "my newborn Amara"),
    ],
)
def test_names_patients_give(text: str, name: str) -> None:
    assert [e.text for e in rule_names(text) if e.entity == "person_name"] == [name]


@pytest.mark.parametrize(
    "text", ["I'm Sorry, wrong number", "i'm late", "It's Friday I think", "This is Dr Patel"]
)
def test_no_name_where_there_is_none(text: str) -> None:
    assert [e for e in rule_names(text) if e.entity == "person_name"] == []
