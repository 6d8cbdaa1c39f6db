"""Round eleven: the emergency categories the last blind measurement found weakest (a mental health
crisis told by what the person does or believes, indirect suicidal intent, abdominal red flags in lay
words) and the weakest intents (paying, a plain no, a yes against confirming a visit, messages the
practice cannot help with). Sentences written fresh, never from an evaluation set."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import screen
from nlu.short_replies import short_reply_intent
from tests.nlu.conftest import NOW, TZ


@pytest.mark.parametrize(
    "text",
    [
        # psychosis and mania by what the person believes or does, with an acute sign
        "my uncle says the neighbours are reading his mind and he's taken a knife to bed",
        "voices said she has to punish herself, she keeps banging the door, please send someone",
        "my son told us he is jesus and he is walking to the canal",
        "she thinks the council put a tracker in her arm and is trying to cut it out",
        "husband stopped his lithium, hasn't slept for days and went out at 2am in his pyjamas",
        "grandma suddenly agitated tonight and doesnt know who we are, keeps hitting the carer",
        # indirect suicidal intent
        "honestly it'd be simpler for my family if i wasnt around anymore",
        "i just want to go to sleep and not wake",
        "i dont feel like living any more",
        "i want to stop existing",
        "whats the point in me living",
        "my daughter keeps cutting and cant stop tonight",
        "they'd all be fine without me",
        # abdominal
        "started round her belly button and now it's moved to the lower right, she's burning up",
        "14 yr old, sudden pain in his privates, been sick twice",
    ],
)
def test_the_weak_categories_are_caught_by_the_rule_screen(text: str) -> None:
    assert screen(text).emergency is not None


@pytest.mark.parametrize(
    "text",
    [
        "my brother hears voices but he's settled on his injection, can we book his review",
        "i'm not suicidal, just exhausted, can i get a sick note",
        "tummy hurts a bit when i cough since the cold, can i see the nurse next week",
        "she nearly got into the bleach but i caught her in time, is there a leaflet on cupboard locks",
        "my toddler almost swallowed a button, took it off him, all fine",
        "no the bleeding stopped an hour ago, can the nurse look at it tomorrow",
        "we're thinking about it, will let you know about the appointment",
    ],
)
def test_their_look_alikes_are_not(text: str) -> None:
    assert screen(text).emergency is None


def test_an_answering_no_before_an_article_denies_nothing() -> None:
    assert screen("no the bleeding won't stop").emergency is not None
    assert screen("no the bleeding has stopped now").emergency is None


@pytest.mark.parametrize("text", ["see you there", "yep see u there", "ok see you there 👍"])
def test_see_you_there_is_left_to_the_classifier(text: str) -> None:
    assert short_reply_intent(text) is None


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes see you there", "confirm_attendance"),
        ("yes we come, see you there", "confirm_attendance"),
        ("wat do i owe u, want to pay it off", "pay_bill"),
        ("can i pay for my mums visit, she hasnt got a phone", "pay_bill"),
        ("no not ok for me", "deny"),
        ("stop sending me these texts", "opt_out"),
        ("is the chemist on the high street open late", "out_of_scope"),
        ("can you help me fill in my tax return", "out_of_scope"),
    ],
)
def test_the_weak_intents_in_new_voices(nlu_model: NLU, text: str, intent: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent
