"""Round eight: a person named the way patients type names — lower case, one given name of any
origin, after a relation word, introduced, signed off or given alone — and never a clinician, a
common word or an e-mail address. Sentences written fresh, never from an evaluation set."""

from __future__ import annotations

import pytest

from nlu import NLU
from nlu.names import given_names, looks_like_a_person, rule_names
from tests.nlu.conftest import NOW, TZ


def names(text: str) -> list[tuple[str, str]]:
    return [(e.entity, e.text) for e in rule_names(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A relation word and a given name in lower case: the relation is part of the span.
        ("can my son tom come in tomorrow", "my son tom"),
        ("my little girl ayesha has ear ache", "my little girl ayesha"),
        ("my wife mei ling needs her bloods", "my wife mei ling"),
        ("is my husband wiremu booked for friday", "my husband wiremu"),
        # Introduced, in any case.
        ("hi this is siobhan, can i book a smear", "siobhan"),
        ("its chukwuemeka, any news on my results", "chukwuemeka"),
        ("hello, Tevita here", "Tevita"),
        ("tomasz here, need physio for my back", "tomasz"),
        # Signed off at the end of the message.
        ("need a check up next week thanks - priya", "priya"),
        ("can you ring me back. cheers, darragh", "darragh"),
        ("running 10 min late sorry x tatiana", "tatiana"),
        # A reply that is only a name.
        ("priya sharma", "priya sharma"),
        ("aroha", "aroha"),
    ],
)
def test_a_given_name_of_any_origin_is_found_in_any_case(text: str, expected: str) -> None:
    assert names(text) == [("person_name", expected)]


@pytest.mark.parametrize(
    "text",
    [
        "my son has a cough",  # no name after the relation word
        "its urgent please",
        "im running late",
        "this is about my bill",
        "thanks - see you then",
        "its tom.nguyen@example.net",  # an e-mail address, not a person
        "ok thanks - mei",  # a given name that is also a common word, alone at the end
    ],
)
def test_common_words_and_addresses_are_no_person(text: str) -> None:
    assert [e for e in rule_names(text) if e.entity == "person_name"] == []


def test_a_clinician_of_the_practice_or_a_titled_one_is_no_patient() -> None:
    # Jonas is the practice's physio: "with jonas" names him, and he is no patient.
    assert [e for e in rule_names("physio with jonas please") if e.entity == "person_name"] == []
    assert names("this is Dr Patel's patient") == [("practitioner", "Dr Patel")]
    assert names("book with dr priya") == [("practitioner", "dr priya")]


def test_the_name_list_covers_many_origins() -> None:
    names_known = given_names()
    for name in ("priya", "wei", "fatima", "chukwuemeka", "dariusz", "aroha", "siobhan", "jurgen"):
        assert name in names_known
    assert not any(n != n.lower() or " " in n for n in names_known)


def test_the_full_parse_reads_a_lower_case_family_name(nlu_model: NLU) -> None:
    p = nlu_model.parse("can my son tom have a check up thursday", now=NOW, tz=TZ)
    assert ("person_name", "my son tom") in [(e.entity, e.text) for e in p.entities]
    assert p.intent == "book_appointment"


@pytest.mark.parametrize(
    ("span", "person"),
    [
        ("my son tom", True),
        ("my lola Remedios", True),
        ("Perth Amboy", True),  # capitalised: the recogniser's call stands
        ("priya sharma", True),
        ("pleese", False),  # a typo the recogniser took for a name
        ("immediate effect", False),
        ("my mother who", False),
        ("my mum", False),  # a relation alone is no name
        ("River St", False),
        ("🍕🍕", False),
    ],
)
def test_a_recognised_person_must_look_like_one(span: str, person: bool) -> None:
    assert looks_like_a_person(span) is person
