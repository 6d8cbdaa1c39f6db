"""Round four of the safety net: the kinds of miss and false alarm the third set showed, and the
voices a new set is written in (Irish, Scots, Australian and New Zealand, Singaporean, Gulf-expat,
German English, dyslexic spelling, voice-to-text, minimisers, capitals, danger after admin talk).

Misses: a reliever by another name doing nothing, too breathless to talk or breathless at rest,
bleeding through pressure, fumes with a household unwell, insulin doubled, a first fit, a snore-like
breath on the floor, self-harm deeper than usual, a farewell with no return, the cord seen outside,
a moaning cry with a fever, a hypo that sugar does not lift, smoke breathed in, a live wire, a bowel
that has stopped. False alarms: figures of speech, prevention and family history, a photo, an
improving palsy, a trigger (brushing, standing up, pollen), a swallow taken straight back out,
retiring and moving away, vaccines against a disease, months in the past, a relative's old illness.

Every case is written here in its own words (none is a line of an evaluation set).
"""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.emergency import detect_emergency, screen
from nlu.emergency.normalise import normalise
from tests.nlu.conftest import NOW, TZ

MISSED_KINDS = [
    # breathing: relievers by other names, too breathless to talk, at rest, colour, peak flow
    "the blue pump has done nothing and he's too wheezy to talk",
    "used her puffer six times, it isn't touching it",
    "my chest's that tight I can hardly speak",
    "my partner is puffed out just sitting still on the sofa",
    "gran's panting as if she's done a race and she's only lying in bed",
    "his peak flow is under half his best and the nebuliser hasn't helped",
    "my dad has turned a strange colour and his breathing is slow and shallow",
    "probably nothing but his lips are a touch blue",
    # bleeding: second-language and through pressure
    "the blood is coming out very fast from his arm and will not stop",
    "we are pressing a towel on it and it keeps soaking through",
    "she has a big hole in her leg from the fence",
    # poisoning: fumes, doubled doses, venom, brand names
    "the heater smells of gas and all of us are dizzy and being sick",
    "i gave myself my insulin twice by mistake tonight",
    "he doubled up on his insulin at tea time and now he's sweaty",
    "my husband was bitten by a snake in the garden in Queensland",
    "our helper drank some Harpic, her mouth is burning",
    "my son has taken something at a party and keeps fitting",
    # collapse and seizures: second language, Irish and Scots, voice-to-text
    "my mother is down on the kitchen tiles and gives no answer to my calling",
    "he collapsed and his breathing sounds like loud snoring and he won't respond",
    "she fell down and then started jerking all over her body",
    "our son had his first ever seizure this morning",
    "my da's after taking a bad turn in the chapel, he's very grey",
    "the wean's been knocked out cold at the swings",
    "he is not responsive and there is foam round his lips",
    # self-harm
    "the cuts are much worse than before and I don't care if I die",
    "I have been saving up lots of tablets and today I will take them all",
    "if you don't hear from me tomorrow it's because I've gone, sorry",
    "thank you for all you did for me, tell my sister I love her, I will never come back",
    # pregnancy, infant, diabetic, other
    "37 weeks along, there's cord between my legs",
    "our nine week baby is hot with a temperature and gives a weak whimpering cry",
    "the baby grunts on every breath out",
    "I've had three jelly babies and a glass of juice and my sugar still isn't coming up",
    "her meter says it's too high to read and she's very drowsy",
    "we had a kitchen fire and my father breathed in lots of smoke",
    "my husband touched a live cable in the loft and he's confused",
    "been vomiting all night, tummy is swollen and no wind has passed",
    "I'm on chemo and now my temperature is 38.4",
    "his belly is rock hard and he's screaming in pain",
    # regional and country words
    "me chest is at me and I'm pouring sweat",
    "my wee lassie cannae breathe, her lips look blue",
    "the bub's gone floppy, we can't wake her, should I call triple zero",
    "my husband has strong pressure on the breast since one hour, his left fingers are numb",
    "my mum's mouth has gone squint and her words are all wrong",
    "my father cannot breathe already, face also blue, should call 995",
    # minimised, admin first, capitals, dyslexic spelling, g dropped
    "sorry to bother you, just a bit of tightness in my chest going into my jaw, bit sweaty",
    "could Friday work instead for my appointment, also my wife's face has dropped on one side",
    "MY SON IS NOT BREATHING HE IS BLUE",
    "my dauter swalowed sum of my pils",
    "chest's crushin and I'm sweatin and goin grey",
    "my husbend is unconshus on the floor",
    # more kinds found by writing new voices: clumsy hand, white in a cut, clots after a birth, a sting
    # then swallowing trouble, dropping like a stone, fits back to back, a sleepy yellow newborn,
    # no wee with shivers, cold and mumbling, a blow to the belly, a child found under water
    "his left leg is dragging and he keeps calling the kettle the phone",
    "sliced my thumb on the mandoline and there's something white showing",
    "I delivered my son last week and I'm passing clots the size of plums",
    "a wasp stung the inside of her mouth and now she's struggling to swallow",
    "grandad dropped like a stone in the queue at the shop",
    "two fits inside an hour and she never came round in between",
    "the newborn is a yellow colour and too drowsy to suck",
    "shivering, heart pounding and I've not had a wee since this morning",
    "my granny was found in the garden freezing cold and mumbling",
    "he came off his bike onto the handlebars and his belly has gone hard and he's grey",
    "my toddler slipped under the water in the bath and now he's floppy",
    # published red flags: a tearing pain to the back, a hot swollen calf with breathlessness
    "ripping pain through my chest into my back, it hit out of the blue",
    "her calf went red and tender after the long drive and she's suddenly breathless",
    # dictated run-ons: an old event or admin first, the danger after a new time or a reason
    "we had the smear done last month and this morning my wife passed out in the shower and won't wake",
    "he had a heart attack a decade back, texting because that same crushing pain has started",
    "she had fits when she was little and she's just had another one that hasn't stopped",
    # third person intent, German and Gulf English, phonetic spelling
    "my flatmate keeps talking about killing himself and he's sitting with a knife",
    "my husband has suddenly no power in the right leg and talks very strange",
    "she has a headache she never had like this before, came in one second, and she is vomiting",
    "my mums mouth is drupping and she cant speek propaly",
    # pregnancy and children, more voices
    "36 weeks along, zig-zags across my vision and both hands swelled up today",
    "her waters went and now there's a little arm coming out",
    "the baby arrived an hour ago at home and the placenta still hasn't been delivered",
    "he's been drowsy all afternoon after the sickness bug and his eyes have gone sunken",
    "my toddler's nostrils are flaring with each breath in",
    "my grandson pushed a tiny round battery into his ear",
    # minimised or after admin talk, told in the other order
    "do you have my blood results yet? my son is slurring and acting weird, he's type 1",
    "I'm probably fussing but our newborn (3 weeks) feels boiling hot and is too drowsy to feed",
    "sorry to trouble you, dad has thrown up with blood in it this morning",
    # dictated numbers
    "my seven week old is thirty nine point one on the thermometer",
    "sugar reading says one point eight and he's barely rousable",
]

FALSE_ALARM_KINDS = [
    "this heatwave is poisoning my life, any chance of a morning slot",
    "the kids' screaming will give me a heart attack, is there a smear slot",
    "I almost passed out at the parking charge, anyway is there a blood test slot",
    "gonna die of thirst in your waiting room, how long now",
    "my grandmother had a stroke at 70, how can I lower my own risk",
    "worried about strokes because my uncle had one, which habits lower the chance",
    "my eyelid is drooping in my passport picture, will a doctor countersign it",
    "the palsy in my face from last month is slowly getting better, shall I come back",
    "gums bleed slightly whenever I floss, could I see the hygienist",
    "I went dizzy when I stood up too fast, I'm fine now",
    "the baby put a coin in her mouth and I fished it out at once",
    "the tablet he chewed was still in its blister pack, just checking",
    "I'm retiring to Spain, goodbye and thanks, please send my notes on",
    "where can I get the jab against meningitis before my trip",
    "dad was admitted with chest pain in October, he needs his cholesterol review",
    "my waters broke early with my first child, can we talk about this birth",
    "we lost my cousin to suicide in the spring, I'm struggling, I'm safe but would like counselling",
    "I have bad dreams since the accident, I'm not in any danger",
    "I've got old self-harm scars that itch, it's been 8 years",
    "my husband had one of his seizures overnight like his usual ones, now he's back to normal",
    "my teen is hard to wake up in the mornings, is it his age",
    "are antihistamines fine alongside sertraline, I'd hate to overdose by mistake",
    "our nearest ambulance station is closing, will that affect the practice",
    "my readings were all over the place lately, can I see the diabetes nurse",
    "my husband is a bit crook with a cold, any appointments this week",
    "my six week old has been unsettled for forty minutes after her bottle",
    "my calf is swollen after twisting my ankle and I puff a bit climbing stairs",
    "phoned 111 yesterday about my earache, they told me to see my GP",
    "I'm anxious about having a heart attack like my dad, can I get my cholesterol checked",
    "my 10 week old had her jabs this morning, temp is 37.6, she's settled and feeding",
    "our baby, 4 weeks, seemed warm, yet the thermometer reads 36.9 and she's feeding well",
    "sprained my wrist yesterday, it's swollen, plus I puff a bit on stairs",
]


@pytest.mark.parametrize("text", MISSED_KINDS)
def test_missed_kinds_fire_on_the_rules_alone(text: str) -> None:
    assert detect_emergency(text) is not None, screen(text)


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_on_the_rules(text: str) -> None:
    assert detect_emergency(text) is None, screen(text)


@pytest.mark.parametrize("text", FALSE_ALARM_KINDS)
def test_false_alarm_kinds_stay_ordinary_in_the_full_parse(nlu_model: NLU, text: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("sweatin", "sweating"),
        ("goin", "going"),
        ("bleedin", "bleeding"),
        ("cannae", "can't"),
        ("abit", "a bit"),
        ("ambo", "ambulance"),
        ("cousin", "cousin"),
        ("raisin", "raisin"),
        ("margin", "margin"),
    ],
)
def test_dropped_g_and_regional_words_are_read_as_meant(typed: str, read: str) -> None:
    assert normalise(typed)[0] == read


def test_a_minimised_symptom_keeps_its_red_flag_only_with_a_companion_sign() -> None:
    assert detect_emergency("just a slight chest ache after the gym, otherwise fine") is None
    assert (
        detect_emergency("just a slight chest ache, it runs to the left arm and I'm clammy")
        is not None
    )


def test_a_figure_of_speech_does_not_let_the_classifier_call_it_alone() -> None:
    assert screen("dying to see the new film, can I move my appointment").reassured
    assert not screen("my dad is dying, he can't breathe").reassured


def test_other_countries_emergency_numbers_are_urgent_but_prices_are_not() -> None:
    assert detect_emergency("he's dizzy and bleeding from the head, ringing 000 now") is not None
    assert detect_emergency("the invoice says 995 dollars, is that right") is None


@pytest.mark.parametrize(
    "text", ["i need to push monday's to the week after", "can we push thursday back an hour"]
)
def test_pushing_an_appointment_is_not_labour(text: str) -> None:
    assert screen(text).emergency is None
