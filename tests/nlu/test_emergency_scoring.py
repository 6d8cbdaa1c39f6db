"""The scored screen: symptom x severity x person-now, by word classes rather than phrases.

The messages below were written for these tests (not taken from any evaluation set), in the voices
that the phrase lexicon missed: second-language English, typos, carers, terse texts. Each emergency
is one the phrase lexicon alone did not catch when the scorer was added, so the tests say what the
scorer adds; each non-emergency shares its category's words.
"""

from __future__ import annotations

import pytest

from nlu.emergency import screen
from nlu.emergency.normalise import normalise
from nlu.emergency.scoring import THRESHOLD, score_message, scored_emergency

#: (message, the category the scorer should name).
EMERGENCIES = [
    # a body fluid with a word of amount or persistence
    ("my period is like a tap, i've gone through 4 pads in an hour and i feel dizzy", "bleeding"),
    ("he is cough blood, a lot, on the pillow", "bleeding"),
    # burns told by what the skin did
    (
        "toddler pulled the kettle cord, water all over his arm and the skin is coming away",
        "trauma",
    ),
    ("my hand touched the hob, it's gone white and waxy and i can't feel it", "trauma"),
    # a household chemical or medicine taken by a child, in any order
    ("my 2yo got the cap off the descaler and drank some, he's drooling", "poisoning_overdose"),
    (
        "found my daughter with an empty pack of nan's tablets, she's very sleepy",
        "poisoning_overdose",
    ),
    # stroke signs without the word
    ("my grandma's mouth is pulled down on the left and her left hand won't work", "stroke"),
    # infant: a young age said any way, with a sign
    ("lo is 9 days, hot to touch and won't feed", "infant_child"),
    # head injury with a sign after it
    ("my boy fell off the climbing frame onto his head and has been sick 3 times", "trauma"),
    # diabetic low that will not come up
    ("type 1, my sugar's 2.6 and keeps dropping even with sweets, hands shaking", "diabetic"),
    # seizure that does not stop
    ("my aunt is fitting on the floor for 7 minutes now", "collapse_seizure"),
    # psychosis with danger
    ("my son believes the neighbours are poisoning him and he has a knife", "mental_health_crisis"),
]

#: Self-harm said indirectly: safety, goodbyes, no reason to go on, the means, a plan or a time.
SELF_HARM = [
    "i cannot keep myself safe tonight",
    "i've written notes for my kids and i'm saying goodbye to everyone",
    "there's no point going on, i've got the tablets lined up",
    "everyone would be better off without me and tonight is the night",
    "i'm stood on the bridge and i don't want to be here",
]

#: Hard non-emergencies that share the categories' words: the past, follow-ups, questions about a
#: condition, negated symptoms, mild things, paperwork and figures of speech.
NON_EMERGENCIES = [
    "had a heavy period last month, can i get bloods done",
    "no blood in my wee now, can I book a follow up",
    "small burn on my thumb from the toaster, healing fine",
    "how do you treat a scald on a child",
    "my son swallowed a grape pip, he's totally fine and playing",
    "is it safe to take ibuprofen with my blood pressure tablets",
    "my mum had a stroke in 2019, her face droops a bit, need her repeat",
    "my 3 month old had her jabs yesterday, bit hot, can we book the next ones",
    "bumped my head on the car boot, tiny bump, no other symptoms",
    "my sugar was 4.2 before lunch, is that ok",
    "my daughter's epilepsy review is due, no fits this year",
    "this report is giving me a headache, i'll collapse if they add more",
    "i'm not suicidal, just low, can i see the counsellor next week",
    "please cancel my appointment, I can't go on Tuesday anymore",
]


@pytest.mark.parametrize(("text", "category"), EMERGENCIES)
def test_a_symptom_with_severity_happening_now_is_an_emergency(text: str, category: str) -> None:
    seen = screen(text)
    assert seen.emergency is not None, score_message(normalise(text)[0])
    # the phrase lexicon, tried first, names its own category when it also fires
    assert seen.emergency.kind != "scored" or seen.emergency.category == category, seen.emergency


@pytest.mark.parametrize("text", SELF_HARM)
def test_indirect_suicidal_intent_is_an_emergency(text: str) -> None:
    seen = screen(text)
    assert seen.emergency is not None and seen.emergency.category == "self_harm", seen


@pytest.mark.parametrize("text", NON_EMERGENCIES)
def test_past_mild_questions_and_negations_are_not(text: str) -> None:
    assert screen(text).emergency is None, score_message(normalise(text)[0])


def test_the_score_adds_severity_and_now_to_a_symptom() -> None:
    """A symptom alone is below the threshold; severity takes it over; calm brings it back under."""
    alone = scored_emergency(normalise("my son is bleeding from his knee")[0])
    heavy = scored_emergency(normalise("my son is bleeding from his knee, a lot, it won't stop")[0])
    calm = scored_emergency(
        normalise("my son is bleeding a bit from his knee, small graze, fine")[0]
    )
    assert alone is None
    assert heavy is not None and heavy.score >= THRESHOLD and heavy.category == "bleeding"
    assert calm is None


def test_a_denied_or_past_symptom_has_no_score() -> None:
    assert scored_emergency(normalise("no chest pain at all, just a cough, can I book")[0]) is None
    assert scored_emergency(normalise("the chest pain I had last year was muscular")[0]) is None


def test_the_match_points_at_the_patients_own_words() -> None:
    text = "Mum is FITTING on the floor, 7 mins now"
    hit = screen(text).emergency
    assert hit is not None and hit.kind in {"red_flag", "urgent_mention", "scored"}
    assert text[hit.start : hit.end].strip()


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        # a message that laughs at itself is a figure of speech, for the phrase lexicon too
        ("my laptop is having a seizure lol", False),
        ("the canteen lasagne is pure poison haha", False),
        ("if the bus is late again I'll end it all jk", False),
        # unless something is plainly happening now
        ("lol not funny, my throat is closing and I can't breathe right now", True),
        # a question about a condition in general has nobody in it now
        ("how do you treat a scald on a child", False),
        ("what causes a seizure in adults", False),
        # a question from someone in the middle of it does
        ("what do I do, my 5 week old is floppy and burning hot", True),
    ],
)
def test_jokes_and_general_questions_frame_every_layer(text: str, emergency: bool) -> None:
    assert (screen(text).emergency is not None) is emergency, screen(text)
