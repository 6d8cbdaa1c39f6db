"""Intake answers as patients give them, each message through the real NLU: relationships by
lay word, synonym and typo; a content answer to a yes/no that opens a follow-up; a form
that gives up offers the way back, and "yes, carry on" takes it."""

from __future__ import annotations

import pytest

from adapters.fhir.questionnaire import to_form
from dialogs.answers import match_options
from domain.intake import Option, find
from nlu.types import Parse
from tests import fakes
from tests.dialogs.driver import NOW
from tests.patient_fakes import PatientConversation, intake_form

MARIA = fakes.MARIA.id


class Chat:
    """Maria filling in her intake form; every message parsed by the trained NLU."""

    def __init__(self, nlu) -> None:  # type: ignore[no-untyped-def]
        self.nlu = nlu
        self.conversation = PatientConversation(address=fakes.MARIA.phones[0])

    def parse(self, text: str) -> Parse:
        return self.nlu.parse(text, now=NOW, tz=fakes.PRACTICE.timezone)  # type: ignore[no-any-return]

    async def say(self, text: str) -> str:
        return PatientConversation.text(await self.conversation.send(self.parse(text)))

    async def start(self) -> str:
        await self.say("can I do my forms")
        return await self.say("04/12/1985")

    @property
    def answers(self) -> dict[str, list[object]]:
        return self.conversation.intake.saved[MARIA].answers  # type: ignore[return-value]

    async def answer_up_to_relationship(self) -> str:
        await self.start()
        for text in ("no", "none", "none", "March 2025", "170", "70", "Sam Lopez"):
            reply = await self.say(text)
        return reply


@pytest.fixture
def chat(nlu) -> Chat:  # type: ignore[no-untyped-def]
    return Chat(nlu)


async def test_penicillin_to_the_allergies_question_is_yes_and_the_allergy_and_the_list_is_not_asked(
    chat: Chat,
) -> None:
    assert "Do you have any allergies" in await chat.start()
    reply = await chat.say("penicillin")
    assert "medicines" in reply and "list each allergy" not in reply and "YES or NO" not in reply
    assert chat.answers["allergies.any"] == [True] and chat.answers["allergies.list"] == [
        "penicillin"
    ]


@pytest.mark.parametrize(
    ("text", "allergies"),
    [
        ("yes, penicillin and latex", ["penicillin and latex"]),
        ("I'm allergic to peanuts; shellfish", ["peanuts", "shellfish"]),
    ],
)
async def test_yes_with_the_allergy_in_the_same_message_answers_both(
    chat: Chat, text: str, allergies: list[str]
) -> None:
    await chat.start()
    assert "medicines" in await chat.say(text)
    assert chat.answers["allergies.any"] == [True] and chat.answers["allergies.list"] == allergies


@pytest.mark.parametrize(
    "text", ["no", "none", "nkda", "NKDA", "not that I know of", "I don't think so"]
)
async def test_no_and_its_shorthands_stay_no(chat: Chat, text: str) -> None:
    await chat.start()
    assert "medicines" in await chat.say(text)
    assert chat.answers["allergies.any"] == [False] and "allergies.list" not in chat.answers


@pytest.mark.parametrize("text", ["help", "what do you mean", "I'm not sure"])
async def test_what_is_not_an_allergy_is_not_taken_for_one(chat: Chat, text: str) -> None:
    await chat.start()
    assert "Please reply YES or NO" in await chat.say(text)
    assert MARIA not in chat.conversation.intake.saved


async def test_a_plain_yes_still_asks_the_list_and_a_hedge_still_asks_yes_or_no(chat: Chat) -> None:
    await chat.start()
    assert "Please reply YES or NO" in await chat.say("maybe")
    assert "list each allergy" in await chat.say("yes")


@pytest.mark.parametrize(
    "text", ["husband", "my husband", "husbnd", "partnr", "spouse", "the wife", "my bf"]
)
async def test_the_emergency_contacts_relationship_is_taken_by_lay_word_partial_word_and_typo(
    chat: Chat, text: str
) -> None:
    assert "related to you" in await chat.answer_up_to_relationship()
    assert "phone number" in await chat.say(text)
    assert chat.answers["emergency-contact.relationship"] == ["Spouse or partner"]


@pytest.mark.parametrize(
    ("text", "relationship"),
    [
        ("my mum", "Parent"),
        ("dad", "Parent"),
        ("daughter", "Child"),
        ("my sis", "Sibling"),
        ("brother in law", "Other"),
        ("2", "Parent"),
    ],
)
async def test_other_relationships_by_the_words_people_use(
    chat: Chat, text: str, relationship: str
) -> None:
    await chat.answer_up_to_relationship()
    assert "phone number" in await chat.say(text)
    assert chat.answers["emergency-contact.relationship"] == [relationship]


async def test_a_word_that_is_none_of_the_options_is_asked_again_with_the_numbers(
    chat: Chat,
) -> None:
    await chat.answer_up_to_relationship()
    reply = await chat.say("life")  # one letter from "wife", but not how anyone misspells it
    assert "couldn't match" in reply and "related to you" in reply
    assert "emergency-contact.relationship" not in chat.answers


async def test_conditions_by_their_designations_and_a_misspelling(chat: Chat) -> None:
    await chat.start()
    await chat.say("no")
    await chat.say("none")
    assert "last see a doctor" in await chat.say("diabetic, high bp and asthmaa")
    assert [c["code"] for c in chat.answers["conditions"]] == ["asthma", "diabetes", "hypertension"]  # type: ignore[index]


async def test_a_form_that_gives_up_offers_the_way_back_and_carry_on_resumes_it(chat: Chat) -> None:
    await chat.start()
    await chat.say("no")
    await chat.say("none")
    for _ in range(3):
        assert "long-term conditions" in await chat.say("purple")
    gave_up = await chat.say("purple")
    assert (
        "reply FORMS to carry on where you left off" in gave_up
        and chat.conversation.state.flow is None
    )
    resumed = await chat.say("yes, carry on")
    assert (
        "Welcome back" in resumed and "long-term conditions" in resumed and "Sorry" not in resumed
    )
    assert "last see a doctor" in await chat.say("asthma")
    assert chat.answers["allergies.any"] == [False] and chat.answers["medications"] == ["none"]


@pytest.mark.parametrize("text", ["continue", "FORMS", "yes"])
async def test_other_ways_of_saying_carry_on_resume_too(chat: Chat, text: str) -> None:
    await chat.answer_up_to_relationship()
    for _ in range(4):
        reply = await chat.say("purple")
    assert "reply FORMS" in reply
    assert "related to you" in await chat.say(text)


async def test_no_after_giving_up_is_taken_politely_and_nothing_is_asked(chat: Chat) -> None:
    await chat.answer_up_to_relationship()
    for _ in range(4):
        await chat.say("purple")
    reply = await chat.say("no")
    assert "whenever you'd like" in reply and "related to you" not in reply


def test_an_option_label_word_alone_does_not_pick_a_longer_label() -> None:
    options = (Option("Heart disease", "heart-disease"), Option("Kidney stones", "kidney"))
    assert match_options(options, "kidney disease") == [1]  # by its code, not "disease"
    assert match_options(options, "disease") == []


def test_the_forms_designations_come_from_the_questionnaire() -> None:
    relationship = find(intake_form(), "emergency-contact.relationship")
    assert relationship is not None and "husband" in relationship.options[0].synonyms


def test_a_contained_value_sets_designations_are_words_for_its_concepts() -> None:
    questionnaire = {
        "id": "q",
        "url": "https://example.org/q",
        "item": [
            {"linkId": "rel", "type": "choice", "text": "Relationship?", "answerValueSet": "#rel"}
        ],
        "contained": [
            {
                "resourceType": "ValueSet",
                "id": "rel",
                "compose": {
                    "include": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/v3-RoleCode",
                            "concept": [
                                {
                                    "code": "HUSB",
                                    "display": "husband",
                                    "designation": [{"value": "hubby"}],
                                },
                                {
                                    "code": "NBOR",
                                    "display": "neighbor",
                                    "designation": [{"value": "next door"}],
                                },
                            ],
                        }
                    ]
                },
            }
        ],
    }
    [question] = to_form(questionnaire).items
    assert [o.code for o in question.options] == ["HUSB", "NBOR"]
    assert match_options(question.options, "my hubby") == [0]
    assert match_options(question.options, "the lady next door") == [1]


@pytest.mark.fhir
async def test_the_words_for_answers_and_services_survive_the_fhir_server(fhir_adapters) -> None:  # type: ignore[no-untyped-def]
    form = await fhir_adapters.intake.form(None)
    relationship = find(form, "emergency-contact.relationship")
    conditions = find(form, "conditions")
    assert relationship is not None and "husband" in relationship.options[0].synonyms
    assert conditions is not None and "diabetic" in conditions.options[1].synonyms
    services = {s.name: s for s in await fhir_adapters.practice.services()}
    assert "back pain" in services["Physiotherapy session"].description
