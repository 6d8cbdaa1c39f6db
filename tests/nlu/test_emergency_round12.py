"""Round twelve: the families emergency-14-dev showed missing, each held in sentences written fresh
for this file (never from an evaluation set): psychosis told by the world speaking to one alone,
nights without sleep, feeling unreal; indirect suicidal intent by affairs put in order, a plan set, a
high place with no reason to be there, harm repeated until injured; a whole prescription or more than
the maximum dose swallowed; second-language "he no wake up"; a fall or lost speech beside a low sugar.
And the look-alikes that must stay ordinary messages: machines that "had a fit", "I can't wake up in
the mornings", one extra vitamin, a blood pressure reading, self-harm in the past, a habit bitten till
it bleeds."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import screen
from nlu.emergency_eval import SET_NOW, SET_TZ


@pytest.mark.parametrize(
    "text",
    [
        # psychosis and mania
        "the radio keeps talking to me and telling me to do bad things",
        "nothing feels real anymore and I keep hearing someone whisper my name",
        "my sister says the news presenters are sending her signals and she has to go to the motorway",
        "cant stop shaking, people are in the vents watching me, i havent slept in 4 nights",
        "been up 5 nights straight and I think the police are following me",
        # self-harm said indirectly or by the act
        "tell my mum I'm sorry. I can't do this anymore",
        "I'm up on the multi storey car park roof, I don't even know how I got here",
        "he keeps hitting himself in the face until his nose bleeds",
        "keep banging my head on the floor till it splits open",
        "i burn my skin with cigarettes because i deserve the pain",
        "I want to carve into myself tonight",
        "gave away my guitar and my dog, wrote to my brother, it's time",
        # overdose
        "she's been taking more than the recommended dose of paracetamol all week and now she's yellow",
        "took way over the daily limit of my painkillers, feeling really sick",
        "I swallowed my whole prescription of sertraline",
        # diabetic, unconscious, abdominal
        "my dad has sugar disease, very low reading, now he fall and not talking",
        "my mother no wake up, i call her name, no answer",
        "tummy pain unbearible, cant even stand, throwing up everything",
        "my belly is rock hard and swolen and i cant stop being sick",
        "bloated like a balloon and throwing up brown smelly stuff",
        "she is walking around naked in the street at 3am shouting that she is an angel",
    ],
)
def test_round_twelve_families_are_emergencies(text: str) -> None:
    assert screen(text).emergency is not None


@pytest.mark.parametrize(
    "text",
    [
        "the radio said there'd be snow, will the surgery be open",
        "nothing feels right with this new inhaler, can I switch back",
        "tell my mum I'm sorry I missed her appointment, can we rebook",
        "my care plan is set for friday",
        "I'm at the train station, running 10 minutes late for my appointment",
        "he bites his nails till they bleed, is there anything to help him stop",
        "my son picks at his eczema until it bleeds, can we get a stronger cream",
        "gave the dog to my sister while I'm in hospital next week, what time should I arrive",
        "what is the maximum dose of ibuprofen",
        "my blood pressure was 100/70 at the pharmacy, is that ok",
        "my laptop crashed and I lost the booking email",
        "the website passed out on me again, can I book by phone",
        "I can't wake up early enough for an 8am appointment",
        "I haven't self harmed for 6 months, I'd like to talk about coming off my meds",
        "my mum is going to kill me if I miss this appointment, can I move it",
        "I don't know why I came to this surgery, the other one is closer, can I transfer",
        "my grandad took an extra multivitamin by mistake, does it matter",
        "my printer had a fit so I couldn't print the form, can I bring it tomorrow",
        "stomach bug for 2 days, keeping fluids down, when should I worry",
        "my stomach pain is back, the usual IBS flare, can I get mebeverine",
    ],
)
def test_round_twelve_look_alikes_are_not(text: str, nlu_model: NLU) -> None:
    assert nlu_model.parse(text, now=SET_NOW, tz=SET_TZ).intent != "emergency"
