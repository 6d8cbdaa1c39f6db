"""Round six of the safety net: three triage categories of their own (abdominal, trauma, a mental
health crisis), and kinds the earlier rounds missed: notes written as fragments ("baby 6 wks. temp
38.4. floppy"), burns by their size, place or cause, head injuries by their warning signs, a
baby's dehydration, fits and chest recession, a child who chewed a painkiller patch, means at hand
reported by a relative. False alarms: a family or work emergency given as a reason to cancel, acid
reflux, threats that are idioms, an injection that "will hurt her", past and treated events.

Every case is written here in its own words (none is a line of an evaluation set).
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import detect_emergency
from tests.nlu.conftest import NOW, TZ

BY_NEW_CATEGORY = [
    ("his tummy is rock hard and he is groaning, won't let me touch it", "abdominal"),
    (
        "pain began near her belly button and has gone to the lower right, she has a temp and keeps vomiting",
        "abdominal",
    ),
    ("my hernia is stuck out and has gone hard and purple, I keep being sick", "abdominal"),
    ("no poo or wind for three days, belly swollen like a drum and I keep being sick", "abdominal"),
    ("my grandad slipped in the garden and his hip looks turned out and shorter", "trauma"),
    ("my son's wrist is bent the wrong way after he fell off the monkey bars", "trauma"),
    ("the forklift pinned his leg and we can't get it off", "trauma"),
    ("a metal rod went into his foot through the boot", "trauma"),
    ("he fell off the scaffolding and now says he can't feel his legs", "trauma"),
    (
        "my dad keeps saying he'll stab the neighbour, he's got a knife and hasn't slept",
        "mental_health_crisis",
    ),
    (
        "my sister is convinced the police are watching her and she's trying to climb out the window",
        "mental_health_crisis",
    ),
    (
        "he wrote goodbye on facebook and drove off, nobody knows where he is",
        "mental_health_crisis",
    ),
    (
        "since giving birth my wife hears voices telling her the baby is evil and she hasn't slept in days",
        "mental_health_crisis",
    ),
]

MISSED_KINDS = [
    # an ectopic pregnancy's signs, a goodbye before going missing
    "5 weeks pregnant and sharp pain low on the left side and my shoulder hurts",
    "she left notes saying goodbye to the kids and now her phone is switched off",
    # notes written as fragments
    "son 6 wks. temp 38.4. floppy",
    "on chemo. temp 38.5. shaking",
    # burns by size, place or cause
    "spilled the kettle, her whole leg is blistering",
    "drain cleaner splashed on his hand and the skin went white",
    "my uncle's shirt caught fire at the bbq, burns all down his side",
    "toddler grabbed the iron, his palm is all blistered",
    "the kids breathed in smoke from the fire, they're hoarse and there's soot round their noses",
    # head injuries by their signs
    "fell off his scooter, helmet cracked in two and he's throwing up",
    "she banged her head on the shelf and now keeps asking where she is, same question again and again",
    "clear liquid dripping from his nose since the fall",
    # babies
    "baby 9 months, vomiting all day, no tears and her soft spot is sunken",
    "my 3 week old is jerking her legs and her eyes won't focus",
    "his ribs are sucking in with every breath, he is 4 months",
    "my toddler swallowed a battery i think, he's drooling and won't drink",
    # overdose
    "my daughter was chewing on grandma's fentanyl patch",
    "he is 15 and drank a load of vodka at a party, barely conscious now",
    # means at hand, told by a relative
    "he shut himself in the car in the garage with the engine on",
    "she said she'll take all her pills and end it tonight",
    # unconscious
    "found a lady lying by the bus stop, I shook her and she doesn't respond",
]

FALSE_ALARM_KINDS = [
    "need to cancel tomorrow, work emergency sorry",
    "family emergency overseas so I can't make thursday, can we rebook",
    "acid reflux burning again after dinner, same as always, can I get my omeprazole renewed",
    "my mum will kill me if I miss another appointment haha",
    "is the flu jab going to hurt her? she's scared of needles",
    "had my appendix out years ago, does that go on the form",
    "he broke his wrist last year, need a letter for his school sports",
]


@pytest.mark.parametrize(("text", "category"), BY_NEW_CATEGORY)
def test_new_categories_fire_in_their_own_words(text: str, category: str) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    assert match.category == category, (text, match)


@pytest.mark.parametrize("text", MISSED_KINDS)
def test_missed_kinds_fire_on_the_rules_alone(text: str) -> None:
    assert detect_emergency(text) is not None, text


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_on_the_rules(text: str) -> None:
    assert detect_emergency(text) is None, (text, detect_emergency(text))


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_in_the_full_parse(nlu_model: NLU, text: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency", text
