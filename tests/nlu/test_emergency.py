"""The emergency detector: near-perfect recall, no firing on ordinary symptoms."""

from __future__ import annotations

import pytest

from nlu.emergency import detect_emergency, is_emergency

POSITIVES = [
    ("my chest is crushing and my arm is numb", "chest_pain"),
    ("chest pain and can't breathe", "chest_pain"),
    ("I think I'm having a heart attack", "chest_pain"),
    ("pain going down my left arm and into my jaw", "chest_pain"),
    ("my dad's face is drooping and his speech is slurred", "stroke"),
    ("sudden numbness on one side of my body", "stroke"),
    ("worst headache of my life, came on suddenly", "stroke"),
    ("I can't breathe", "breathing"),
    ("cant breath", "breathing"),
    ("really struggling to breathe", "breathing"),
    ("her lips are turning blue", "breathing"),
    ("bleeding heavily and it won't stop", "bleeding"),
    ("he's coughing up blood", "bleeding"),
    ("I took too many pills", "poisoning_overdose"),
    ("my friend took a whole bottle of tylenol", "poisoning_overdose"),
    ("my toddler swallowed a button battery", "poisoning_overdose"),
    ("my daughter drank bleach", "poisoning_overdose"),
    ("throat is closing up after eating peanuts", "anaphylaxis"),
    ("severe allergic reaction, can't swallow", "anaphylaxis"),
    ("used my epipen and still feel awful", "anaphylaxis"),
    ("he collapsed and is unresponsive", "collapse_seizure"),
    ("she's having a seizure", "collapse_seizure"),
    ("I want to kill myself", "self_harm"),
    ("I've been thinking about ending it all", "self_harm"),
    ("everyone would be better off without me", "self_harm"),
    ("i don't want to be here anymore", "self_harm"),
    ("I just want to go to sleep and never wake up", "self_harm"),
    ("nobody would miss me if I was gone", "self_harm"),
    ("I can't see the point in living anymore", "self_harm"),
    ("I've been saving up my pills", "self_harm"),
    ("I'm going to end it tonight", "self_harm"),
    ("i keep hurting myself", "self_harm"),
    ("I just want it all to end", "self_harm"),
    ("my baby isn't breathing", None),
    ("my son stopped breathing", None),
    ("i just want to end it", "self_harm"),
    ("I want to end my life", "self_harm"),
    ("my baby is floppy and won't wake up", None),
]

NEGATIVES = [
    "rash for a week, can I book",
    "please end my appointment early",  # "end my ..." names what ends: not self-harm
    "I want to finish my forms",
    "I have a sore throat and a runny nose",
    "need a follow up after my stroke last year",
    "no chest pain, just a cough",
    "can I book a physical",
    "my back hurts when I bend over",
    "stop the appointment on friday",
    "my kid has had a fever since yesterday",
    "headache for 2 days, can I see someone",
    "I need a refill of my inhaler",
    "can I get the flu shot",
    "chest infection I think, coughing a lot",
    "I get a bit short of breath when I run",
    "is the emergency contact on my file correct?",
    "I'm dying to know my test results lol",
    "my knee is killing me, can I see the physio",
    "can I get my blood pressure checked",
    "I had a heart attack in 2019 and need my annual review",
    "my ears are blocked",
    "why was I charged $80?",
    "I cut my finger on paper",
    "mild allergies, can I get antihistamines",
    "what time do you close",
    "I'm tired all the time, can I get bloods done",
]


@pytest.mark.parametrize(("text", "category"), POSITIVES)
def test_fires_on_emergencies(text: str, category: str | None) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    if category:
        assert match.category == category


@pytest.mark.parametrize("text", NEGATIVES)
def test_does_not_fire_on_ordinary_messages(text: str) -> None:
    assert not is_emergency(text), detect_emergency(text)


def test_match_points_at_the_text() -> None:
    m = detect_emergency("hello, my chest hurts badly")
    assert m is not None and "chest" in "hello, my chest hurts badly"[m.start : m.end]
