"""Round seven of the safety net: the families emergency-6 showed missing, each written here in
other words than the set's (none of these lines is a line of an evaluation set).

Families: a run of seizures ("fit after fit" is not "after a fit"), a seizure told by the verb,
froth at the mouth in any order, "not reacting", drowsiness nobody can break; an overdose told by
quantity ("more than I should", "two boxes of", "a week's worth in one go") or taken "to end it";
psychosis, mania and delirium in a frightened family's words; sepsis without the word (a fever with a
mind gone vague, red streaks climbing, rigors after an operation); belly pain told as "very strong"
with a sign; urinary retention; falls from a storey and bones "outside"; burns by what the skin did;
skull fracture signs; a baby's apnoea; a birth happening now; a heart attack called indigestion;
a heart rate out of range; swelling after a medicine in everyday words; a hypo that will not rise;
bleeding through a towel and a fall on blood thinners.

False alarms kept ordinary: "now that I've had my baby", a hard week at work that was "manic",
a cake "to die for", a sleeping tablet taken "so I can wake up fresh", a past fit told as history.
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import detect_emergency
from nlu.emergency.cues import PRESENT
from tests.nlu.conftest import NOW, TZ

BY_FAMILY = [
    # seizures
    ("my girlfriend is having fit after fit and isn't coming round", "collapse_seizure"),
    ("the carer says he fitted twice in the chair this morning", "collapse_seizure"),
    ("she went stiff and now there's froth coming out of her mouth", "collapse_seizure"),
    ("grandad is on the kitchen floor and isn't reacting to anything we say", "collapse_seizure"),
    ("we can't keep him awake, he keeps drifting off mid sentence", "collapse_seizure"),
    # overdose and poisoning
    (
        "i swallowed more of my sleeping tablets than i was supposed to and everything is spinning",
        "poisoning_overdose",
    ),
    ("my flatmate took three boxes of ibuprofen an hour ago", "poisoning_overdose"),
    ("dad took a whole month's worth of his warfarin at once by mistake", "poisoning_overdose"),
    (
        "she has been taking the methotrexate daily instead of weekly for 5 days",
        "poisoning_overdose",
    ),
    ("my little boy ate some of grandad heart pills, maybe three", "poisoning_overdose"),
    (
        "a dishwasher tablet split open in my toddler's mouth and he is coughing",
        "poisoning_overdose",
    ),
    # self-harm
    ("I swallowed all of them so I won't wake up tomorrow", "self_harm|collapse_seizure"),
    ("left a note for my parents on the table. I'm finished.", "self_harm"),
    # mental health crisis
    (
        "my brother says the neighbours are demons and he's outside with a hammer",
        "mental_health_crisis",
    ),
    (
        "mum doesn't recognise any of us tonight, she's screaming and trying to run into the street",
        "mental_health_crisis",
    ),
    (
        "my wife had the baby ten days ago and now she says god told her the baby is not hers, she won't sleep",
        "mental_health_crisis",
    ),
    ("he has locked himself in the flat and the cooker gas is on", "mental_health_crisis"),
    # sepsis
    (
        "my gran is burning up and has gone all vague, she doesn't know who I am",
        "sepsis_meningitis_other",
    ),
    (
        "the scratch on his leg has a red line running up to the knee and he's shivering with a fever",
        "sepsis_meningitis_other",
    ),
    (
        "since my c-section on friday i have a fever and rigors and feel faint",
        "sepsis_meningitis_other",
    ),
    # abdominal
    (
        "my son has very strong pain in his tummy on the right, he can't stand up straight and he's vomiting",
        "abdominal",
    ),
    (
        "haven't been able to wee since last night, my bladder feels like it will burst",
        "sepsis_meningitis_other",
    ),
    # trauma
    ("a man fell from the third floor balcony and is not moving", "trauma"),
    ("he came off the quad bike and you can see the bone in his shin", "trauma"),
    ("crash on the motorway, my husband's arm is broken and he's screaming", "trauma"),
    # burns
    ("she grabbed the hot iron and the skin on her fingers went white", "sepsis_meningitis_other"),
    ("boiling oil on his arm, the skin is peeling off in sheets", "sepsis_meningitis_other"),
    # head injury
    ("after falling off the horse there is bruising behind both her ears", "collapse_seizure"),
    (
        "my 2 year old tumbled down the steps, there's a big bump and she keeps being sick",
        "collapse_seizure",
    ),
    ("he's been throwing up since the tackle and doesn't know what year it is", "collapse_seizure"),
    # infant
    ("our newborn keeps pausing his breathing for about ten seconds", "infant_child"),
    ("my 3 week old is very yellow and won't wake for her feeds", "infant_child"),
    # pregnancy
    ("she is giving birth in the car, we are on the motorway", "pregnancy"),
    ("I'm 33 weeks and I haven't felt the baby moving all day", "pregnancy"),
    ("pregnant with a pounding headache and I keep seeing flashing spots", "pregnancy"),
    # cardiac
    (
        "he thought it was heartburn but the pain is going into his jaw and he's grey and sweating",
        "chest_pain",
    ),
    ("my heart rate is 190 and I'm about to faint", "chest_pain"),
    ("pulse down to 35 and I'm really dizzy", "chest_pain"),
    # anaphylaxis
    ("her tongue is ballooning after the new antibiotic", "anaphylaxis"),
    ("lips swollen up and I can barely swallow", "anaphylaxis"),
    ("we used the epipen but he's still wheezing badly", "anaphylaxis|breathing"),
    # diabetic
    ("my levels crashed and I can't get them up, I'm shaking on my own", "diabetic"),
    ("his sugar has been over 28 since yesterday and he is very drowsy", "diabetic"),
    # stroke
    ("all of a sudden I can't feel my right arm and leg", "stroke"),
    (
        "she keeps screaming that ants are crawling all over her and hasn't slept for days",
        "mental_health_crisis",
    ),
    (
        "my uncle thinks the radio is sending him messages and he's holding a knife",
        "mental_health_crisis",
    ),
    ("a van knocked down a cyclist outside the surgery", "trauma"),
    ("she fell off the wall and her wrist is bent backwards", "trauma"),
    (
        "my little girl is shaking her arms and legs and it not stop, 8 minutes now",
        "collapse_seizure",
    ),
    ("he drank all bottle of sleeping pills", "poisoning_overdose"),
    ("dad is seeing men who are not there and trying to punch us", "mental_health_crisis"),
    (
        "she hasn't slept in days, talking very fast, spent all her money and says she is going to jump",
        "mental_health_crisis|self_harm",
    ),
    ("he tripped holding scissors and it is still stuck in his thigh", "trauma"),
    # bleeding
    ("the cut is pouring blood through the tea towel", "bleeding"),
    ("nan is on apixaban, she fell and hit her head and now she is vomiting", "bleeding"),
]

#: Hard non-emergencies in the same words.
ORDINARY = [
    "Can I book a smear now I've had my baby?",
    "work has been manic this week, can I move my appointment to friday",
    "the chocolate cake at the clinic cafe is to die for",
    "I took a sleeping tablet so I can wake up fresh for my exam, is that ok",
    "my son had fit after fit as a baby years ago, now he's 20 and needs a driving form",
    "I took the whole week off work, can I come in on monday instead",
    "I had a fever last week and I'm fine now, can I get a sick note",
    "my heart rate on my watch was 160 during my run, is that normal for my age?",
    "my grandma doesn't recognise me anymore with her dementia, can we review her care plan",
    "can the nurse check the burn on my hand from last month, it has healed nicely",
    "I'm 12 weeks pregnant and want to book my first scan",
    "pulse was 55 at my check, the nurse said it's fine because I run",
    # everyday turns: a pattern that matches them has lost its grouping
    "what time do you open",
    "yes I will come, thank you",
    "can you text me the address",
]


@pytest.mark.parametrize(("text", "category"), BY_FAMILY)
def test_round_seven_families_fire_on_the_rules_alone(text: str, category: str) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    # "a|b": either category's guidance fits (an overdose taken to die is also a person who won't wake)
    assert match.category in category.split("|"), (text, match)


@pytest.mark.parametrize("text", ORDINARY)
def test_round_seven_false_alarms_stay_ordinary_on_the_rules(text: str) -> None:
    assert detect_emergency(text) is None, (text, detect_emergency(text))


@pytest.mark.parametrize("text", ORDINARY)
def test_round_seven_false_alarms_stay_ordinary_in_the_full_parse(
    nlu_model: NLU, text: str
) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency", text


def test_a_new_symptom_after_an_old_event_is_present() -> None:
    """ "…from last week, now I've got a fever" is happening now; "now I've had my baby" is not a cue."""
    assert PRESENT.search("the cut from last week is red now and i've got a fever")
    assert not PRESENT.search("can i book a coil fitting now i've had my baby")
    assert not PRESENT.search("i stopped for a year now and i'm doing better")
