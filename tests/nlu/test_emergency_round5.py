"""Round five of the safety net: emergencies in second-language word order and phonetic spelling,
and the look-alikes that are not emergencies.

Misses of the fourth set, as kinds: the side named before the face and a face that "hangs", German
verb-second order ("can since an hour not speak", "cannot more speak"), a seizure called a "cramp
attack" or an "epileptic attack", the whole body named before the shaking, reduced movements said
"moves not anymore", a pregnancy week as an ordinal, a hypo that cannot be treated by mouth,
Singapore English "blur", someone at a high place who says it is the end, a medicine doubled with
drowsiness or giddiness, an appliance's gas with the household unwell, Scots "no" for "not" ("he's
no wakin up"), red-flag words spelt as they sound. False alarms: a usual brief seizure in a care
plan, a year or an age told after the event, poison as a taste, the Irish "poisoned with a cold",
a carbon monoxide alarm bought or a house checked, "before I go" when moving abroad, an adrenaline
pen to renew, a nosebleed that "stop already", laughing too hard to breathe.

Every case is written here in its own words (none is a line of an evaluation set).
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import detect_emergency, screen
from nlu.emergency.normalise import normalise
from tests.nlu.conftest import NOW, TZ

MISSED_KINDS = [
    # stroke: side before face, a hanging face, verb-second order
    "the right side of his face is sliding down and he drools",
    "my wife her mouth hangs down on the left since lunch",
    "my uncle can since twenty minutes not move the left arm",
    "since this morning my mother cannot more speak and the right hand does not work",
    "opa speaks not clear and his face looks different",
    # seizures
    "my son has an epileptic attack in the supermarket and it goes on and on",
    "her whole body is jerking and she does not answer us",
    "cramp attack with the whole body stiff and lips going blue",
    "the shaking has been going for more than 5 minutes now",
    # pregnancy
    "I am 35 weeks and the baby kicks since yesterday not anymore",
    "the baby is no more moving, I'm 31 weeks",
    "I am in the 29th week of pregnancy and there is blood coming",
    # diabetic
    "my husband type 1, he cannot swallow the glucose tablets, he is so confused",
    "grandpa diabetic, suddenly very blur and not answering properly",
    # self-harm at a high place
    "on top of the multi storey car park and I've had enough",
    "this is my last message, I'm standing on the bridge",
    # poisoning
    "my mum take two times her heart tablets and now she is very drowsy",
    "the boiler gas, everyone in the house has headache and feel sick",
    # breathing, bleeding, a head injury and self-harm as relatives and second-language speakers say them
    "my grandad is gasping and cannot finish his sentence",
    "her leg is bleeding from the wound so much, the towel is full",
    "his head got banged on the goalpost and he has thrown up twice and is drowsy",
    "my sister took all her tablets so she will not wake up",
    # an allergy, a pen already given, a product named after its bottle, a racing heart, a bent limb
    "she is allergic to sesame, had a bread roll, now her tongue is fat and she coughs",
    "the adrenaline pen school gave her but she still can't breathe well",
    "my boy drink out of the bottle of the bleach under the sink",
    "my dad's heart is going very fast and he says he is going to pass out",
    "my daughter fell off the wall and her wrist is pointing the wrong way",
    # the chest named before the weight on it, "me chest"
    "his chest feels like a car is parked on it and he's clammy",
    "terrible pressure on me chest and it's going into me jaw",
    # Scots "no" for "not", sounds-like spelling
    "she's no breathin right and she's gone grey",
    "he's no respondin to us at all",
    "worst hedake ever came on out of nowhere",
    "my babys lips gone bloo and hes breathing funy",
]

FALSE_ALARM_KINDS = [
    "service user had her usual short absence seizures today as in her care plan, logged as normal",
    "my son had a febrile convulsion at age two, the nursery wants his history",
    "I had 2019 a seizure, nothing since, need the form for my driving licence",
    "my mother had 2021 a stroke and needs her blood thinner repeated, she is stable",
    "this cough syrup tastes like poison, is there another one",
    "I'm poisoned with a cold all week, can I get a sick note",
    "where can I get a carbon monoxide detector for the new flat",
    "can the landlord get the boiler tested for carbon monoxide or is that you",
    "off to Australia for a year, can I get my repeat prescriptions sorted before I go",
    "my right hand does not work well since the carpal tunnel op, need physio",
    "I'm at the bridge club tonight so can we do tomorrow",
    "leg cramp attacks at night, can I see the GP about them",
    "I could sleep forever after these night shifts haha, can I book a blood test",
    "the epipen I was given last year has expired, can I get a new one",
    "my little finger is bent a funny way since an old netball injury, can I be referred",
    "her heart was racing on the treadmill, she felt fine after, can she get a check",
    "need his epipen prescription renewed before the school trip",
    "my girl had a nosebleed at school, already stop after 10 minutes pinching, how to prevent",
    "can't breathe this meme is hilarious, anyway can I get my flu jab",
    "my daughter bumped her head at nursery yesterday, no sickness and she's herself, do we need a check",
]


#: Look-alikes the rule screen leaves alone; the classifier still weighs them with the vision mention.
RULES_ONLY_FALSE_ALARM_KINDS = [
    "my sister is diabetic and her vision is very blur since the new glasses, eye test please",
]


@pytest.mark.parametrize("text", MISSED_KINDS)
def test_missed_kinds_fire_on_the_rules_alone(text: str) -> None:
    assert detect_emergency(text) is not None, screen(text)


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS + RULES_ONLY_FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_on_the_rules(text: str) -> None:
    assert detect_emergency(text) is None, screen(text)


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_in_the_full_parse(nlu_model: NLU, text: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("he's no wakin up", "he's not waking up"),
        ("she's no breathing right", "she's not breathing right"),
        ("there's no swelling", "there's no swelling"),
        ("hard tae wake", "hard to wake"),
        ("wurst hedake", "worst headache"),
    ],
)
def test_scots_no_and_sounds_like_spellings_are_read_as_meant(typed: str, read: str) -> None:
    assert normalise(typed)[0] == read


def test_a_cramp_attack_is_a_fit_only_with_an_urgency_cue() -> None:
    assert screen("my daughter has a cramp attack, please hurry").emergency is not None
    assert screen("I get a cramp attack in my calf when I swim").emergency is None
