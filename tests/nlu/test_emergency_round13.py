"""Round thirteen: the families emergency-12 and emergency-16-dev showed missing, each held in
sentences written fresh for this file (never from an evaluation set): an emergency told after a turn
of topic from admin ("also", "by the way"), a symptom that persists or is timed in minutes, chest pain
placed in words, a bowel stopped said with any verb, confusion in lay words beside a sugar, a whole
supply used up, being found afterwards, everything taken, a ligature, going somewhere "to end it", the
eye (a retina tearing, acute glaucoma), fumes from an engine or an old heater indoors, blood told by
its colour, a vehicle that hit someone, Scots words for a child and for swallowing. And the look-alikes
that must stay ordinary messages: a course of tablets finished, routine care asked before and after a
mild symptom, hot flashes, a will made for the solicitor, everything taken out of a cupboard, a chest
that "passed", a CPR class, a thing labelled non-toxic, a seizure medicine, self-harm in one's teens,
the common faint at the sight of blood, a count of different medicines."""

from __future__ import annotations

import pytest

from nlu.emergency import screen


@pytest.mark.parametrize(
    "text",
    [
        # an emergency after a turn of topic from admin: the request said first is no calm
        "can you resend my invoice please. oh and my dad's belly has blown up and he hasn't passed gas since yesterday, he keeps being sick",
        # confusion in lay words beside a sugar, second-language verbs
        "grandad has sugar, he start talk foolishness, not make any sense",
        # a whole supply used up, with a sign
        "she emptied the whole box of her sleeping tablets and she's very drowsy",
        # self-harm and intent, said indirectly
        "I've swallowed the lot. whoever finds me, tell my sister I'm sorry",
        "my flatmate tied a belt round his neck in the bathroom, I got it off him, he's coughing",
        "he's had a few drinks and is going down to the harbour to finish it, now he won't pick up",
        # the eye: a retina tearing, acute glaucoma
        "new floaters in my left eye and a shadow at the edge of my sight",
        "terrible pain in my eye and I can see rainbows round the street lamps, I've been sick twice",
        # fumes indoors with no alarm
        "found my neighbour in his garage with the car running, he has a pounding headache",
        # blood by its colour, shock after a reported "fine"
        "the bath water is dripping red and he says he's fine but he's ashen and clammy",
        # Scots child and swallowing
        "the bairn's swallied a magnet and a battery, he's being sick",
        # a fit with a fever, the eyes' verb with its helper
        "my son is hot and jerking and his eyes are rolling up",
    ],
)
def test_round_thirteen_families_are_emergencies(text: str) -> None:
    assert screen(text).emergency is not None, text


@pytest.mark.parametrize(
    "text",
    [
        # a course of tablets finished, asking for more
        "I finished the whole pack of my antibiotics, do I need another course?",
        # routine care around a mild, old symptom: the turn of topic does not undo mildness or the past
        "can I book a review next week, also my chest has been a bit sore on and off for months",
        "Could I move my smear to Thursday? Also I had a nosebleed last week that stopped quickly",
        # hot flashes are no flashes of light; floaters for years are the optician's
        "I keep getting hot flashes at night, is HRT an option?",
        "I've had floaters for years, the optician says they're normal, can I get my eye test letter",
        # a will for the solicitor
        "I've made a will and the solicitor needs a capacity letter from the doctor",
        # everything taken out of a cupboard
        "I've taken everything out of the medicine cupboard to check the dates, what do I do with old tablets?",
        # a gas heater checked, nobody unwell
        "our gas heater was serviced today, the engineer said it's safe, just booking my flu jab",
        # a child who swallowed nothing in Scots
        "the wean's got a cold and a runny nose, can I bring him in tomorrow",
        # an appointment not needed, without a goodbye
        "please cancel my check-up on Friday, I won't need it, the pain has gone",
        # round thirteen's look-alike families (each called an emergency by the round-12 screen): a
        # symptom that "passed", a CPR class, a swallowed thing labelled non-toxic, a medicine named after
        # the condition, self-harm in one's teens, a face "ever since ... years back", the common faint
        # at the sight of blood, a count of different medicines
        "I had a tight chest with the flu but it's passed, just need a sick note for work",
        "can my husband join the CPR class on Tuesday",
        "my daughter licked a glue stick, the label says non-toxic, she's fine",
        "her seizure medication makes her drowsy, can we try another one",
        "my son cut himself in his teens, he's 30 now and wants his old notes",
        "my smile has been a bit lopsided ever since a nerve injury years back, can I get a referral",
        "my husband fainted at the sight of the blood when the kids cut their knees",
        "I take 14 different tablets a day, can the pharmacist review them",
        # a symptom that persists is severe only while happening now: a long-standing patch is for booking
        "can I book in about a patch of eczema on my arm that won't go away",
    ],
)
def test_round_thirteen_look_alikes_are_not_emergencies(text: str) -> None:
    assert screen(text).emergency is None, text
