"""Round thirteen: voices the earlier rounds had little of (Bengali, Malay, Turkish, Russian and
Brazilian Portuguese speakers' own short words, Spanish messages, Vietnamese and Yoruba names,
Malay patronymics, UK fiction numbers) and the confusions the reading of messages-7 and
messages-10 named (a price asked against paying, registering with details given, stopping texts
without "stop", a visit promised with "don't cancel"). Sentences written fresh, never from an
evaluation set."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.contacts import extract_phones
from nlu.names import rule_names
from nlu.short_replies import short_reply_intent
from tests.nlu.conftest import NOW, TZ


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("obrigado, tchau!", "goodbye"),
        ("terima kasih, jumpa lagi", "goodbye"),
        ("poka", "goodbye"),
        ("dhonyobad", "thank"),
        ("valeu", "thank"),
        ("merhaba", "greet"),
        ("selamat pagi", "greet"),
        ("evet tamam", "affirm"),
        ("iya betul", "affirm"),
        ("agreed 👍", "affirm"),
        ("tidak", "deny"),
        ("nyet", "deny"),
        ("tak boleh lah", "deny"),
    ],
)
def test_short_words_of_the_new_voices_are_read(text: str, intent: str) -> None:
    assert short_reply_intent(text) == intent


@pytest.mark.parametrize("text", ["hayır", "HAYIR", "Hayır, teşekkürler"])
def test_a_turkish_no_typed_with_a_dotless_i_is_a_no(text: str) -> None:
    assert short_reply_intent(text) == "deny"


def test_boleh_alone_is_a_yes_but_tak_boleh_a_no() -> None:
    assert short_reply_intent("boleh") == "affirm"
    assert short_reply_intent("tak boleh") == "deny"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("please cancel for my father Lê Văn Thắng, he is sick", "my father Lê Văn Thắng"),
        ("booking for my daughter Ngọc Ánh", "my daughter Ngọc Ánh"),
        ("my wife Ọláyínká needs a check-up", "my wife Ọláyínká"),
    ],
)
def test_a_name_with_vietnamese_or_yoruba_letters_is_kept_whole(text: str, name: str) -> None:
    assert [e.text for e in rule_names(text) if e.entity == "person_name"] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my husband Rahim bin Osman needs his bloods done", "my husband Rahim bin Osman"),
        ("this is Nur Aisyah binti Rosli", "Nur Aisyah binti Rosli"),
    ],
)
def test_a_malay_patronymic_is_part_of_the_name(nlu_model: NLU, text: str, name: str) -> None:
    names = [e.text for e in nlu_model.parse(text, now=NOW, tz=TZ).all("person_name")]
    assert names == [name]


def test_a_lone_vietnamese_name_is_an_answer_with_that_name(nlu_model: NLU) -> None:
    p = nlu_model.parse("Võ Thị Sáu", now=NOW, tz=TZ)
    assert p.intent == "inform"
    assert [e.text for e in p.all("person_name")] == ["Võ Thị Sáu"]


@pytest.mark.parametrize("text", ["my new mobile 07700 900321", "ring me on +44 7700 900654"])
def test_a_uk_drama_range_number_is_a_phone_number(text: str) -> None:
    found = extract_phones(text)
    assert len(found) == 1 and found[0].value is not None
    assert found[0].value.startswith("+447700900")


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hay que cancelar mi cita del doctor, ya no puedo", "cancel_appointment"),
        ("how much would a telehealth call cost me", "billing_question"),
        ("why have I got two charges for the same visit", "billing_question"),
        ("I'm new, name is Tolga Demir, can I sign up with the practice", "register_patient"),
        ("I don't want any more texts from you", "opt_out"),
        ("can you reserve me a table at a restaurant", "out_of_scope"),
    ],
)
def test_the_named_confusions_in_new_voices(nlu_model: NLU, text: str, intent: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The consents, asked for by name as the README and the sandbox's hint say.
        ("my consents please", "update_details"),
        ("I want to check my consents", "update_details"),
        # A cancel said not to happen keeps the visit.
        ("please dont cancel my appt, I'm still coming", "confirm_attendance"),
        ("no need to cancel it, we'll be there", "confirm_attendance"),
    ],
)
def test_the_products_own_words(nlu_model: NLU, text: str, intent: str) -> None:
    assert nlu_model.parse(text, now=NOW, tz=TZ).intent == intent
