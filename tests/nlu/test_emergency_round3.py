"""Round three of the safety net: the kinds of miss and false alarm the second blind set showed.

Misses: second-language and indirect self-harm intent, everyday chemicals, medicines found gone
near a toddler, a heart patient's spray not helping, shorthand pregnancy weeks, a limp child who
does not answer. False alarms: jokes beside booking talk, figures of speech, device fittings and
care plans, second-language history ("before two weeks"), denied items at the end of a list,
symptoms that passed, chronic and exertional mildness, reassured questions.

Every case is written here in its own words (none is a line of an evaluation set); each kind has
several voices so the test is about the mechanism, not a sentence.
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import detect_emergency, screen
from nlu.pipeline import is_emergency_parse
from tests.nlu.conftest import NOW, TZ

MISSED_KINDS = [
    # self-harm, indirect and second-language
    ("I'm going to walk into the sea and not come back", "self_harm"),
    ("tonight i drive to the cliffs and i won't come home", "self_harm"),
    ("life is finished for me, I have the tablets", "self_harm"),
    ("I don't think I'll survive tonight, I've decided", "self_harm"),
    ("i dont think ill get through another night like this", "self_harm"),
    ("I looked up how many of my sleeping pills it would take", "self_harm"),
    ("no want wake up tomorrow", "self_harm"),
    ("i don't want to do it but i think i'm going to", "self_harm"),
    (
        "I'm taking all my tablets now",
        "poisoning_overdose",
    ),  # an overdose in progress: its guidance comes first
    ("on the platform, waiting for an express train to come through", "self_harm"),
    ("sat in the car in the garage with the engine running", "self_harm"),
    ("after tonight I won't be a burden to anyone any more", "self_harm"),
    ("I can't see myself waking up tomorrow", "self_harm"),
    ("I'm ready to go, I can't keep fighting any more, sorry", "self_harm"),
    ("everything's in order now, thank you for everything you tried", "self_harm"),
    ("I want this to be over, the rope is in the shed", "self_harm"),
    ("I'm stepping out for the very last time, look after the dog", "self_harm"),
    ("today I end everything, no more fight in me", "self_harm"),
    ("I've counted out all the tablets and there are enough", "self_harm"),
    ("I don't trust what I might do tonight", "self_harm"),
    ("my brother phoned to say thank you for everything and now nobody can reach him", "self_harm"),
    ("there's a ligature round his neck in the bathroom", "self_harm"),
    ("I slit my wrists an hour ago and it's still going", "self_harm"),
    (
        "I drove up to the top floor of the multi-storey today and I'm heading back there tonight",
        "self_harm",
    ),
    (
        "dad keeps saying he won't be a burden for much longer and his tablets have gone",
        "self_harm",
    ),
    ("i've got the knife in my hand, please help", "self_harm"),
    ("I could take everything from the bathroom cabinet tonight and be done", "self_harm"),
    ("the voices say I should just die and I'm starting to agree", "self_harm"),
    ("been planning how I would do it for days", "self_harm"),
    ("he sent his sister a picture of tablets and said sorry", "self_harm"),
    ("sitting in the tub with a blade", "self_harm"),
    ("my mate says he'll drive into the river on purpose", "self_harm"),
    ("my kids would be better off, I've got the pills", "self_harm"),
    ("this is the last anyone will hear from me", "self_harm"),
    ("i'll be dead before sunrise", "self_harm"),
    ("she posted goodbye on facebook and her phone is off", "self_harm"),
    # poisoning
    ("the bleach was left out and my 2 year old had some", "poisoning_overdose"),
    ("she has white marks around her lips after playing under the sink", "poisoning_overdose"),
    (
        "all of us have a headache and feel sick since the new gas fire went in",
        "poisoning_overdose",
    ),
    ("my partner is clammy and grey and his left arm and jaw are aching", "chest_pain"),
    ("my flatmate downed a whole packet of sleeping tablets", "poisoning_overdose"),
    ("his hands and feet are ice cold and he has a blotchy purple rash", "sepsis_meningitis_other"),
    # seizure, breathing, other
    ("he's shaking with foam out of his mouth", "collapse_seizure"),
    ("her fit has lasted more than 5 minutes now", "collapse_seizure"),
    ("gave him the buccal midazolam and it hasn't worked", "collapse_seizure"),
    ("nan is breathing like a fish, mouth wide open", "breathing"),
    (
        "my c-section wound is red and oozing and I'm shivering with a temperature",
        "sepsis_meningitis_other",
    ),
    ("he got an electric shock from the socket and his arm is tingling", "sepsis_meningitis_other"),
    (
        "the pain started by my belly button and has moved to the right, it's severe and I've vomited",
        "abdominal",
    ),
    ("she swallowed some antifreeze from the garage", "poisoning_overdose"),
    ("my 3yo got into the washing pods", "poisoning_overdose"),
    (
        "grandad's heart tablets are all missing and my toddler was playing in his room",
        "poisoning_overdose",
    ),
    ("my little boy has had a mouthful of white spirit", "poisoning_overdose"),
    # chest pain
    ("the gtn spray is not touching this chest pain", "chest_pain"),
    ("he had a stent put in two years ago and that same pressure is back right now", "chest_pain"),
    # pregnancy
    ("I'm pregnant 31 wks and bleeding", "pregnancy"),
    ("haven't felt the baby move since breakfast, I'm 35 weeks", "pregnancy"),
    # infant / child
    ("my son is burning up and now he's floppy like a rag doll", "infant_child"),
    ("my daughter is very hot and there's no answer from her when I shake her", "infant_child"),
    # anaphylaxis
    ("my lips feel tight after eating prawns and my voice is changing", "anaphylaxis"),
]

FALSE_ALARM_KINDS = [
    # a joke beside booking talk, and figures of speech
    "this heat is suffocating lol, can I move my appointment to the morning",
    "I nearly had a heart attack when I saw the bill haha, can I pay in instalments",
    "my manager is breathing down my neck, I need a fit note",
    "I'm so exhausted I could collapse, could I book a blood test",
    "the stock market collapsed and I'm stressed, routine appointment please",
    "the rent price is poison for my budget, are prescriptions cheaper with a certificate",
    "I'm drowning in paperwork, can I change my appointment",
    # device fittings, plans, leaflets, courses, questions about services
    "need to book a coil fitting",
    "can I book the fitting for my hearing aid",
    "the nursery needs an asthma plan for my daughter signed",
    "please send me information on the glass test for a meningitis rash",
    "I want a CPR refresher, do you run first aid courses",
    "do you have a bereavement support group",
    "our puppy ate a whole tube of toothpaste, is there a vet you recommend",
    "my son tripped over on purpose to make his sister laugh, he's fine",
    "I'll be gone by tomorrow on holiday so please cancel Friday",
    "the practice should just end it with that locum agency, rant over, can I book with Dr Shah",
    "can someone call me back about my daughter's self-harm referral, no rush",
    "I collapsed with laughter at your newsletter, lovely work",
    "my brain will explode with all these forms, can someone help me fill them in",
    "for the record, I bled a lot with my first, all went fine in the end",
    # second-language history, a previous pregnancy, at birth, recovery
    "Before three weeks I had chest pain, hospital say all fine, I want check up",
    "Before month my son faint at school, doctor say fine, want follow up",
    "my waters broke early in my first pregnancy, now expecting again, when is my scan",
    "my son was born early and needed oxygen at birth, he's 4 now and fine, booking his review",
    "I've been in recovery from self-harm for two years and I'm well, can I ask about scar treatment",
    # a denied item at the end of a list, an averted swallowing
    "nettle rash that comes and goes, no lip or tongue swelling",
    "my daughter fell off her bike yesterday, the school nurse checked her over, no vomiting",
    "she got hold of my tablets but I took them off her before she swallowed any",
    # passed, mild, chronic, exertional
    "my chest went tight for a second climbing the stairs yesterday but it went straight away and I've been fine since",
    "small burn on my hand from the kettle, healing ok",
    "my grandson licked a bit of toothpaste, he's fine",
    "my speech goes a bit slurred when I'm exhausted, always has, should I mention it",
    "my nose is so stuffy I can't breathe through it, been like that for months",
    "I get short of breath when I climb hills, I want to stop smoking",
    "my son chokes a little when he eats too quickly, should we see someone",
    "I feel dizzy when I stand up too quickly, is that worth checking",
    "I think I have a urine infection, it burns when I pee",
    "my blood pressure was a little high at the antenatal check, they want it repeated",
    "my waters haven't broken yet and I'm 40 weeks, when is the sweep",
    # reassured, second language, other intents
    "my ketones read 0.4 with a sugar of 8, I feel well, is that fine",
    "I'm tired of life in this city, the noise, but I'm ok, just want a sleep review",
    "I want to give up on sugar, can I see the dietitian",
    "my friend died by suicide last month and I'm grieving, I'm safe, can I get counselling",
    "no wet nappy problems, just need her vitamin drops",
    "my toddler won't stop crying when I wash her hair, is that normal",
    "I have to cancel, my wife is in labour and we're at the maternity unit already",
]


@pytest.mark.parametrize(("text", "category"), MISSED_KINDS)
def test_missed_kinds_fire_on_the_rules_alone(text: str, category: str) -> None:
    match = detect_emergency(text)
    assert match is not None, text
    assert match.category == category, (text, match)


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_in_the_full_parse(nlu_model: NLU, text: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency", text


@pytest.mark.parametrize(
    "text",
    [
        "my asthma is really bad, used my inhaler 10 times and no difference",
        "my grandpa's arm and leg on the left have no power since an hour",
        "baby no kicks since yesterday and I'm 36 weeks",
    ],
)
def test_a_denied_looking_tail_that_is_itself_the_danger_still_fires(text: str) -> None:
    assert detect_emergency(text) is not None, text


def test_a_swallowing_stopped_in_time_is_averted_but_some_swallowed_still_fires() -> None:
    assert (
        detect_emergency("he got into my pills but I got them off him before he swallowed any")
        is None
    )
    assert (
        detect_emergency("he swallowed some of my pills before I got them off him, he took 6")
        is not None
    )


def test_self_harm_feelings_for_months_are_not_made_chronic() -> None:
    text = "I've felt like this for months and tonight I'm going to the bridge and not coming back"
    assert detect_emergency(text) is not None


def test_a_reassured_question_does_not_let_an_urgency_word_alone_call_an_emergency() -> None:
    seen = screen("my toddler won't stop crying at bath time, is that normal")
    assert seen.urgent and seen.reassured
    assert not is_emergency_parse(seen, [("emergency", 0.9), ("book_appointment", 0.1)])
    unreassured = screen("my toddler won't stop crying and has gone a strange colour")
    assert is_emergency_parse(unreassured, [("emergency", 0.9), ("book_appointment", 0.1)])


def test_a_passed_symptom_is_ordinary_for_an_adult_but_never_for_a_baby() -> None:
    assert (
        detect_emergency(
            "his breathing stopped for a few seconds in his sleep but he's been fine since"
        )
        is None
    )
    assert (
        detect_emergency("my newborn stopped breathing for a few seconds but has been fine since")
        is not None
    )
    assert (
        detect_emergency("sudden tight chest an hour ago, went straight away, been fine since")
        is not None
    )
