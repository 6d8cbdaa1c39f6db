"""Round ten, through the real NLU: short social replies in many voices (nlu/short_replies.py).

A message of a few words, every one of them a yes, no, thanks, bye or hello word (in a regional
English, another language or an emoji) or a filler, is read by its words' kinds; any other word
leaves the message to the classifier."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.short_replies import MAX_WORDS, short_reply_intent
from tests.nlu.conftest import NOW, TZ


def _intent(nlu: NLU, text: str) -> tuple[str, bool]:
    p = nlu.parse(text, now=NOW, tz=TZ)
    return p.intent, p.confidence >= 0.35


@pytest.mark.parametrize(
    "text",
    [
        "aye go on",  # Scottish / Northern English
        "yeppp",
        "righto",
        "Sim, claro",  # Portuguese / Spanish
        "haanji please",  # Hindi with the respectful ji
        "ja, genau",  # German
        "opo",  # Tagalog, respectful
        "nah yeah mate",  # Australian: the last word is the answer
        "sweet as bro",  # New Zealand
        "no worries",  # a no that is a yes
        "👌🏾",
        "✅ ok",
        "of course, go ahead",
        "uh huh",
        "okie dokie",
        "roger that",
        "defo",
        "sì, sì",  # Italian
    ],
)
def test_a_short_yes_in_any_voice_is_an_affirm(nlu_model: NLU, text: str) -> None:
    assert _intent(nlu_model, text) == ("affirm", True)


@pytest.mark.parametrize(
    "text",
    [
        "yeah nah",  # Australian: the last word is the answer
        "naw mate",
        "nopeee",
        "not yet, no",
        "nein danke",
        "nahi ji",  # Hindi
        "la, shukran jazilan",  # Arabic no + thank you very much
        "hindi po",  # Tagalog, respectful
        "não, obrigada",  # Portuguese
        "👎",
        "no ta",  # British no thanks
        "not really sorry",
        "nako",  # Marathi
        "illa",  # Tamil
    ],
)
def test_a_short_no_in_any_voice_is_a_deny(nlu_model: NLU, text: str) -> None:
    assert _intent(nlu_model, text) == ("deny", True)


@pytest.mark.parametrize(
    "text",
    [
        "ta very much",
        "chur bro",  # New Zealand
        "dhanyavaad ji",
        "thank u so much dear",
        "ok thanks 🙏🏽",
        "much appreciated!",
        "danke schön",
        "thanks for everything x",
    ],
)
def test_short_thanks_in_any_voice_are_a_thank(nlu_model: NLU, text: str) -> None:
    assert _intent(nlu_model, text) == ("thank", True)


@pytest.mark.parametrize(
    "text",
    [
        "ta-ra love",  # Northern English
        "cheers, see ya",
        "thanks, that's all",
        "ok ttfn",
        "khuda hafiz",
        "bye 👋",
        "night night",
        "tschüss!",
        "byeeee 😊",
        "thank you, take care",
    ],
)
def test_a_short_goodbye_in_any_voice_is_a_goodbye(nlu_model: NLU, text: str) -> None:
    assert _intent(nlu_model, text) == ("goodbye", True)


@pytest.mark.parametrize("text", ["heyyy", "g'day", "hiya doc", "namaskar ji", "good afternoon!"])
def test_a_short_hello_is_a_greet(nlu_model: NLU, text: str) -> None:
    assert _intent(nlu_model, text) == ("greet", True)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Another word makes it a request, left to the classifier.
        ("no, I need to cancel my appointment on friday", "cancel_appointment"),
        ("hi, can I book a flu shot next week", "book_appointment"),
        ("thanks, can I pay my bill online", "pay_bill"),
    ],
)
def test_a_reply_with_content_is_read_by_its_content(
    nlu_model: NLU, text: str, intent: str
) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "no he's not breathing",
        "no she's unconscious",
        "no i can't breathe",
        "nope he's having a seizure",
    ],
)
def test_an_emergency_told_after_a_no_is_an_emergency(nlu_model: NLU, text: str) -> None:
    # A "no" that answers a question and then tells denies nothing after it.
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == "emergency"


@pytest.mark.parametrize(
    "text",
    [
        "no chest pain",
        "no he has no chest pain",
        "no I did not overdose, I take them as prescribed",
        "no she didn't collapse, she sat down because she was tired",
    ],
)
def test_a_denied_symptom_after_a_no_is_not_an_emergency(nlu_model: NLU, text: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent != "emergency"


def test_a_carrier_keyword_stays_a_keyword(nlu_model: NLU) -> None:
    assert nlu_model.parse("STOP", now=NOW, tz=TZ).intent == "opt_out"


def test_a_wanted_time_is_not_a_greeting(nlu_model: NLU) -> None:
    p = nlu_model.parse("morning", now=NOW, tz=TZ)
    assert p.entities and p.entities[0].entity == "datetime"


@pytest.mark.parametrize(
    "text",
    [
        "yes tuesday",  # a wanted time
        "ok 3",  # a number is an answer to a menu
        "yes no",  # a contradiction
        "kkkkkkk",  # laughter, not "k"
        "haha ok",  # laughter is labelled out of scope
        "see you then",  # confirms a visit
        "noon",  # a time, not "non"
        "🍕",  # an unknown picture is content
        "please",  # fillers alone say nothing
        "hai",  # Japanese yes or English hi
        "👋",  # hello or bye
    ],
)
def test_a_message_with_a_word_of_no_known_kind_is_not_a_short_reply(text: str) -> None:
    assert short_reply_intent(text) is None


def test_a_long_message_of_social_words_is_left_to_the_classifier() -> None:
    assert short_reply_intent(" ".join(["yes"] * MAX_WORDS)) == "affirm"
    assert short_reply_intent(" ".join(["yes"] * (MAX_WORDS + 1))) is None
