"""Asking for one of a fixed set (a service, which patient on a shared phone): the set as
numbered choices, answered by number, "yes", name or what the visit is for. Messages go
through the real NLU; the services carry the demo practice's own descriptions."""

from __future__ import annotations

import dataclasses
import json

import pytest

from adapters.fhir.mapping import service_description, to_service
from dialogs.context import Catalogue, TurnContext
from dialogs.matching import suggest_services
from dialogs.schema import Collect, Flow, Say
from dialogs.slots import fill, question
from dialogs.state import State
from domain.model import Service
from nlu.types import Parse
from patient_assistant.bootstrap import DATA
from tests import fakes
from tests.dialogs.driver import NOW, Conversation


def described_services() -> tuple[Service, ...]:
    """The fakes' services with the descriptions (HealthcareService.comment) of data/fhir/practice.json."""
    bundle = json.loads((DATA / "fhir" / "practice.json").read_text())
    described = {
        e["resource"]["name"].lower(): service_description(e["resource"])
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "HealthcareService"
    }
    return tuple(
        dataclasses.replace(s, description=described[s.name.lower()]) for s in fakes.SERVICES
    )


@dataclasses.dataclass
class Chat(Conversation):
    nlu: object = None

    def context(self) -> TurnContext:
        catalogue = Catalogue(
            fakes.PRACTICE, described_services(), fakes.PRACTITIONERS, fakes.LOCATIONS
        )
        return dataclasses.replace(super().context(), catalogue=catalogue)

    async def say(self, text: str) -> list:  # type: ignore[type-arg]
        parse: Parse = self.nlu.parse(text, now=NOW, tz=fakes.PRACTICE.timezone)  # type: ignore[attr-defined]
        return await self.send(parse)


@pytest.fixture
def chat(nlu) -> Chat:  # type: ignore[no-untyped-def]
    return Chat(nlu=nlu)


async def test_back_pain_offers_the_services_for_it_numbered_and_1_takes_the_first(
    chat: Chat,
) -> None:
    asked = await chat.say("I need to see a doctor about my back pain next week")
    assert "could help with that" in Conversation.text(asked)
    assert asked[-1].choices == ("check-up", "physiotherapy session")
    offered = await chat.say("1")
    assert chat.state.slots["service_id"] == "svc-checkup"
    assert (
        "What kind of visit" not in Conversation.text(offered) and offered[-1].choices
    )  # times, next week


async def test_a_need_one_service_fits_is_suggested_and_yes_takes_it(chat: Chat) -> None:
    await chat.say("I'd like to book an appointment")
    suggested = await chat.say("my knee has been really sore")
    assert "A physiotherapy session could help" in Conversation.text(suggested)
    assert suggested[-1].choices == ("physiotherapy session",)
    assert "What day and time" in Conversation.text(await chat.say("yes"))
    assert chat.state.slots["service_id"] == "svc-physio"


async def test_no_to_a_suggestion_shows_everything_instead_of_ending_the_booking(
    chat: Chat,
) -> None:
    await chat.say("I'd like to book an appointment")
    await chat.say("my knee has been really sore")
    everything = await chat.say("no")
    assert (
        "everything we offer" in Conversation.text(everything)
        and chat.state.flow == "book_appointment"
    )
    assert everything[-1].choices == tuple(s.name for s in fakes.SERVICES)
    await chat.say("2")
    assert chat.state.slots["service_id"] == "svc-flu"


async def test_no_with_another_need_suggests_for_that_need(chat: Chat) -> None:
    await chat.say("I'd like to book an appointment")
    await chat.say("I keep getting headaches")
    again = await chat.say("no, it's my sore knee really")
    assert "A physiotherapy session could help" in Conversation.text(again)


async def test_a_miss_is_asked_again_with_the_numbered_list_and_a_name_still_answers(
    chat: Chat,
) -> None:
    first = await chat.say("I'd like to book an appointment")
    again = await chat.say("purple")
    assert (
        first[-1].choices == again[-1].choices == ("check-up", "flu shot", "physiotherapy session")
    )
    assert "What day and time" in Conversation.text(await chat.say("physio"))


def demo_services() -> list[Service]:
    """The demo practice's seven services as the FHIR adapter reads them."""
    bundle = json.loads((DATA / "fhir" / "practice.json").read_text())
    return [
        to_service({**e["resource"], "id": e["resource"]["identifier"][0]["value"]}, [])
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "HealthcareService"
    ]


@pytest.mark.parametrize(
    ("need", "service"),
    [
        ("my shoulder is stiff", "physiotherapy-session"),
        ("pulled a muscle at the gym", "physiotherapy-session"),
        ("rehab after knee surgery", "physiotherapy-session"),
        ("sprained wrist", "physiotherapy-session"),
        ("a cough that won't go away", "check-up"),
        ("I keep getting headaches", "check-up"),
        ("need a sick note for work", "check-up"),
        ("my mood has been low", "check-up"),
        ("my cholesterol needs checking", "blood-test"),
        ("thyroid levels", "blood-test"),
        ("my baby's growth", "child-wellness-visit"),
        ("repeat prescription by video", "telehealth-consult"),
    ],
)
def test_a_described_need_is_offered_the_service_whose_description_fits(
    need: str, service: str
) -> None:
    assert service in [s.id for s in suggest_services(need, demo_services())]


def test_a_request_that_says_nothing_about_the_need_suggests_nothing() -> None:
    services = described_services()
    assert suggest_services("I need to see a doctor next week please", services) == []
    assert [s.name for s in suggest_services("twisted my ankle", services)] == [
        "physiotherapy session"
    ]


async def test_a_shared_phone_lists_the_first_names_and_takes_a_number(nlu) -> None:  # type: ignore[no-untyped-def]
    chat = Chat(nlu=nlu, phone_patients=(fakes.AISHA, fakes.OMAR), related=(fakes.AISHA_FOR_OMAR,))
    asked = await chat.say("I'd like to book a check up")
    assert "shared by more than one" in Conversation.text(asked)
    assert asked[-1].choices == (fakes.AISHA.name.split()[0], fakes.OMAR.name.split()[0])
    again = await chat.say("Fred")
    assert "doesn't match" in Conversation.text(again) and again[-1].choices == asked[-1].choices
    await chat.say("2")
    assert chat.state.patient_id == fakes.OMAR.id and chat.state.proxy_id == fakes.AISHA_FOR_OMAR.id


def test_a_practitioner_is_asked_among_those_who_give_the_chosen_service_and_a_number_picks_one(
    nlu,
) -> None:  # type: ignore[no-untyped-def]
    flow = Flow(
        "pick",
        "",
        ("book_appointment",),
        (),
        (
            Collect(
                "who", None, False, slot="practitioner", ask={"en": "Who would you like to see?"}
            ),
            Say("done", None, True, text={"en": "ok"}),
        ),
    )
    chat = Chat(nlu=nlu)
    state = State(flow="pick", step="who", slots={"service_id": "svc-checkup"})
    context = chat.context()
    text, choices = question(flow.steps[0], state, context)
    assert text["en"] == "Who would you like to see?" and choices == (
        "Dr. Amara Patel",
        "Dr. Liam Chen",
    )
    assert fill(nlu.parse("2", now=NOW, tz=fakes.PRACTICE.timezone), state, context, flow) == {
        "practitioner_id"
    }
    assert state.slots["practitioner_id"] == fakes.CHEN and state.scratch.offer is None
