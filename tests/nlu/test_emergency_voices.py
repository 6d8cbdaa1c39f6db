"""The rule screen on the kinds of red flag that slipped through before: indirect self-harm intent,
second-language phrasings, hidden bleeding, dangerous meter readings, the glass test, and more.

Each case is written here in its own words (none is a line of an evaluation set); the
point is the *kind* of message, so each kind has several voices.
"""

from __future__ import annotations

import pytest

from nlu.emergency import detect_emergency, is_emergency, screen

SELF_HARM = [
    "i'm not safe around myself tonight",
    "i have made up my mind, i won't make it through the night",
    "today feels like the day, i have everything sorted, goodbye",
    "been giving away all my things so nobody has to sort them later",
    "the voices keep telling me to cut deeper",
    "someone in my head keeps saying I should jump",
    "the tablets are counted out next to me",
    "got all my meds lined up",
    "can't promise i'll be alive by the weekend",
    "cant promise ill be ok tmrw",
    "thinking of unaliving tbh",
    "kms fr this time",
    "i just want to end things now",
    "I want to finish my life",
    "i want to stop all, i prepared my tablets",
    "my daughter told us she wants to die and won't come out of the bathroom",
    "I think he is going to hurt himself, he has been talking about it all day",
    "she texted goodbye and isn't answering her phone",
    "i have planned it for weeks, I know the times of the trains",
    "i've put my affairs in order and written a letter to my wife",
    "i'm going to keep cutting until it's over",
    "i'm by the river and i want to go in the water",
    "nobody needs me, I'm at the bridge",
    "not hurt myself yet but I will when everyone is asleep",
    "i'm a danger to myself",
    "I'm going to do it tonight",
    "i have written my farewell letters",
    "i want to finish myself",
    "I've got a plan and I have the means",
    "you won't hear from me again after tonight",
    "standing on the platform, I'm going to jump",
    "i just want to be gone",
    "not wanting to be alive anymore",
    "going to swallow all my pills in one go",
    "I don't see any reason to keep living",
    "I no want to live anymore, I have a rope",
    "after tonight nobody will have to worry about me, sorry",
    "can't stop thinking about jumping",
    "I've taken them, I don't want help, just wanted someone to know",
    "goodbye to all of you, thank you for everything",
    "I won't live past this weekend, I've decided",
    "standing on the balcony, I'm going to let go",
]

BY_CATEGORY = [
    ("dads gtn spray has done nothing, three puffs and still the pain", "chest_pain"),
    ("she has a pressing pain behind her breastbone moving into her neck", "chest_pain"),
    ("my husband face go down on one side and he talk like drunk man", "stroke"),
    ("his left leg is dragging and he can't find his words", "stroke"),
    ("all of a sudden mum couldn't read the clock", "stroke"),
    ("mum's pulse oximeter shows 86 and she's puffing", "breathing"),
    ("i have to pause between each word to get air", "breathing"),
    ("the sick is dark red and has clots in it", "bleeding"),
    ("his stools are black and tarry and he's pale", "bleeding"),
    ("mouth keeps filling with blood after the extraction", "bleeding"),
    ("the toilet bowl is full of blood", "bleeding"),
    ("she swallowed a whole strip of her mum's tablets", "poisoning_overdose"),
    ("grandad had his heart tablets again by mistake, forgot he'd had them", "poisoning_overdose"),
    ("i gave him 5 times the dose of ibuprofen by mistake", "poisoning_overdose"),
    ("my toddler bit into a dishwasher pod", "poisoning_overdose"),
    ("he took something at the club and now he's grey and gurgling", "poisoning_overdose"),
    ("my little girl eat the pills of her grandfather, she is very drowsy", "poisoning_overdose"),
    ("within minutes of the wasp sting he was covered in hives and wheezing", "anaphylaxis"),
    ("her lips ballooned after the new antibiotic", "anaphylaxis"),
    (
        "ate a satay by mistake and now keeps clearing his throat, says it feels tight",
        "anaphylaxis",
    ),
    ("contractions are three minutes apart and i'm 31 weeks", "pregnancy"),
    ("baby no kicking since yesterday, I am 35 week", "pregnancy"),
    ("my water is coming out and I am only 30 weeks", "pregnancy"),
    ("my baby is being sick and it's bright green", "infant_child"),
    ("our newborn is limp and floppy and cold", "infant_child"),
    ("she keeps screaming and pulling her legs up to her tummy", "infant_child"),
    ("his sugar is 1.9 and he's sweating", "diabetic"),
    ("her breath smells of nail polish and she's type 1", "diabetic"),
    ("i'm diabetic and can't keep any water down", "diabetic"),
    ("did my insulin then skipped dinner, now 2.4 and muddled", "diabetic"),
    ("purple dots that stay when you press them, and he's hot", "sepsis_meningitis_other"),
    ("scalded with boiling water and now huge blisters on her arm", "sepsis_meningitis_other"),
    ("my dad is having chemotherapy and he's got a fever of 38.6", "sepsis_meningitis_other"),
    ("i cannot pass urine at all and my tummy is swollen", "sepsis_meningitis_other"),
    ("grandad is shivering and confused, doesn't know where he is", "sepsis_meningitis_other"),
]

ORDINARY = [
    "I hurt myself at football, can I see someone about my ankle",
    "I'm not thinking of hurting myself but I would like to talk to someone about my mood",
    "I have everything ready for the appointment",
    "I picked today for my check-up",
    "can I finish my forms online",
    "I'd like to end my appointment early if that's ok",
    "my chest pain is long gone, I want to book a review",
    "I have a tiny bit of blood on the paper when I wipe, I think it's piles",
    "I have pain in testicle a little, not strong, can doctor check",
    "I burned my hand on the oven, there's a small blister",
    "my vape refill is empty lol",
    "my son snores a lot at night, should he see someone",
    "the dentist said the filling will feel odd for a day",
    "my sugar was 6.2 this morning, is that good",
    "my tablets are ready for collection at the pharmacy",
    "I'd love to say goodbye to the nurse before she retires",
    "I've decided to book with someone else",
    "please stop all reminders",
    "STOP ALL",
    "goodbye to everyone at the practice, we're moving away",
    "I need out of my contract with the gym",
    "you won't need to see me at the clinic again, I'm registered elsewhere",
    "I'm giving away my old walking frame, does anyone need it",
    "I'm dying to know my results",
    "can I jump the queue, I only need a signature",
    "I'm doing a naloxone training course for work, do you stock kits",
    "I want to be gone by five if possible, can I have an early slot",
    "last time I saw the doctor she said to come back",
    "what do we do in an emergency, it's for my mum's care plan",
    "I had too much to drink at the weekend, can I move my appointment",
    "I'm thinking about freezing my eggs, is the procedure painful, is it severe",
    "her temperature is low 36.4, is that ok",
    "I took my pills this morning, can I still have my blood test",
    "she took her tablets as usual, can I order more",
    "my baby is not moving her bowels much, can we book",
    "my jaw dropped when I saw how long the wait is",
    "been knocked out by this flu bug all week, can I move my slot",
    "the gossip in that office is pure poison, anyway can I book",
    "I was out of breath with laughter at the baby's face, can we book her jabs",
]


@pytest.mark.parametrize("text", SELF_HARM)
def test_indirect_self_harm_intent_fires(text: str) -> None:
    hit = detect_emergency(text)
    assert hit is not None and hit.category == "self_harm", hit


@pytest.mark.parametrize(("text", "category"), BY_CATEGORY)
def test_each_category_fires_in_new_voices(text: str, category: str) -> None:
    hit = detect_emergency(text)
    assert hit is not None and hit.category == category, hit


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_messages_with_the_same_words_do_not_fire(text: str) -> None:
    assert not is_emergency(text), detect_emergency(text)


def test_a_denied_intent_does_not_fire_but_a_later_plan_does() -> None:
    assert not is_emergency("no thoughts of harming myself, just tired")
    assert is_emergency("no thoughts of harming myself before, but now i have the pills ready")


def test_a_shorter_red_flag_is_found_when_a_longer_match_is_set_aside() -> None:
    # The long bleeding pattern runs into "gauze", whose clause mentions a filling; the short
    # "bleeding and bleeding" alone is still a present danger.
    assert is_emergency("had a filling, since then bleeding and bleeding, gauze not helping")


def test_a_first_person_self_harm_topic_with_a_time_cue_is_an_emergency() -> None:
    seen = screen("I keep thinking I should just die")
    assert seen.mention is not None and seen.mention.category == "self_harm"
    assert is_emergency("honestly I think I'll just die right now")
