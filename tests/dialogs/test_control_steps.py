"""The `branch`, `hand_off` and `flow` steps, through the engine with small test flows, and
their validation: each broken one refused naming the flow, the step and the fix."""

from __future__ import annotations

from typing import Any

import pytest

from bot import escalations
from dialogs.schema import FlowError
from dialogs.validation import flow_from_json, validate_flows
from tests.dialogs.driver import Conversation, said


def flow(fid: str, *steps: dict[str, Any], triggers: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": fid, "triggers": list(triggers), "steps": list(steps)}


def say(sid: str, text: str, **more: Any) -> dict[str, Any]:
    return {"id": sid, "say": {"en": text}, **more}


BY_SERVICE = flow(
    "by_service",
    {"id": "service", "collect": "service", "ask": {"en": "Which service?"}},
    {
        "id": "route",
        "branch": [
            {"if": {"slot": "service", "is": "flu shot"}, "next": "flu"},
            {"if": {"slot": "service", "in": ["svc-physio", "svc-xray"]}, "next": "physio"},
            {"otherwise": "other"},
        ],
    },
    say("flu", "Flu shots are walk-in.", end=True),
    say("physio", "Physio needs a referral.", end=True),
    say("other", "Something else, then.", end=True),
    triggers=("book_appointment",),
)

BY_FIELD = flow(
    "by_field",
    {"id": "why", "field": "reason", "kind": "text", "optional": True, "ask": {"en": "Why?"}},
    {
        "id": "route",
        "branch": [
            {"if": {"slot": "form_reason", "set": True}, "next": "noted"},
            {"otherwise": "none"},
        ],
    },
    say("noted", "Noted: {form_reason}.", end=True),
    say("none", "No reason given.", end=True),
    triggers=("book_appointment",),
)


def chat(*raws: dict[str, Any]) -> Conversation:
    conversation = Conversation()
    flows, problems = validate_flows({r["id"]: r for r in raws})
    assert problems == []
    conversation.flows = flows
    return conversation


# --- branch ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "expected"),
    [
        ("flu shot", "Flu shots are walk-in."),  # by the service's name
        ("physio", "Physio needs a referral."),  # by its id, in a list
        ("check-up", "Something else, then."),  # no case holds: the fallback
    ],
)
async def test_a_branch_goes_where_the_patients_service_leads_without_asking(
    service: str, expected: str
) -> None:
    conversation = chat(BY_SERVICE)
    replies = await conversation.send(said(f"book a {service}", "book_appointment"))
    assert conversation.text(replies) == expected
    assert conversation.state.flow is None  # said and ended, nothing asked
    [branched] = [n for n in conversation.notes if n["kind"] == "branched"]
    assert service not in str(branched)  # which way, never the value


async def test_a_branch_asks_nothing_and_follows_what_the_patient_answered_before() -> None:
    conversation = chat(BY_SERVICE)
    assert (
        conversation.text(
            await conversation.send(said("I need an appointment", "book_appointment"))
        )
        == "Which service?"
    )
    replies = await conversation.send(said("flu shot please"))
    assert conversation.text(replies) == "Flu shots are walk-in."


async def test_a_branch_on_a_form_field_being_given_or_skipped() -> None:
    given = chat(BY_FIELD)
    await given.send(said("I'd like to book", "book_appointment"))
    assert given.text(await given.send(said("my knee"))) == "Noted: my knee."
    skipped = chat(BY_FIELD)
    await skipped.send(said("I'd like to book", "book_appointment"))
    assert skipped.text(await skipped.send(said("skip"))) == "No reason given."


# --- hand_off -------------------------------------------------------------------------------

HAND_OFF = flow(
    "dispute",
    say("sorry", "Sorry about that."),
    {"id": "staff", "hand_off": "billing dispute"},
    triggers=("billing_question",),
)


async def test_a_hand_off_ends_the_flow_and_asks_for_a_person() -> None:
    conversation = chat(HAND_OFF)
    replies = await conversation.send(said("this bill is wrong", "billing_question"))
    assert conversation.text(replies) == "Sorry about that."
    assert conversation.state.flow is None
    asked = [n for n in conversation.notes if n["kind"] == "handoff_requested"]
    assert asked == [
        {"kind": "handoff_requested", "reason": "flow", "flow": "dispute", "step": "staff"}
    ]
    assert escalations.triggered(conversation.notes, []) == escalations.Trigger(
        "flow_hand_off", "normal", None
    )


# --- flow -----------------------------------------------------------------------------------

LINKS = flow(
    "first",
    say("hello", "Let's get you registered first."),
    {"id": "go", "flow": "second"},
    triggers=("book_appointment",),
)
LINKED = flow(
    "second",
    {"id": "name", "field": "full_name", "kind": "person_name", "ask": {"en": "Your full name?"}},
    say("thanks", "Thanks {form_full_name}.", end=True),
)


async def test_a_flow_link_ends_this_flow_and_starts_the_named_one() -> None:
    conversation = chat(LINKS, LINKED)
    replies = await conversation.send(said("book me in", "book_appointment"))
    assert conversation.text(replies) == "Let's get you registered first.\nYour full name?"
    assert (conversation.state.flow, conversation.state.step) == ("second", "name")
    ended = [n for n in conversation.notes if n["kind"] == "flow_ended"]
    assert ended == [{"kind": "flow_ended", "flow": "first", "how": "linked"}]


# --- validation ----------------------------------------------------------------------------


def refused(raw: dict[str, Any]) -> FlowError:
    with pytest.raises(FlowError, match="Fix:") as error:
        flow_from_json(raw)
    return error.value


def with_branch(*cases: dict[str, Any]) -> dict[str, Any]:
    return flow(
        "demo",
        {"id": "route", "branch": list(cases)},
        say("a", "A", end=True),
        say("b", "B", end=True),
    )


def test_a_branch_without_a_fallback_is_refused_naming_the_step() -> None:
    error = refused(with_branch({"if": {"slot": "service", "set": True}, "next": "a"}))
    assert (error.flow, error.step) == ("demo", "route")
    assert "a branch without a fallback" in str(error) and "otherwise" in error.fix


def test_a_fallback_that_is_not_last_is_refused() -> None:
    error = refused(
        with_branch({"otherwise": "b"}, {"if": {"slot": "service", "set": True}, "next": "a"})
    )
    assert error.step == "route" and "move '- otherwise" in error.fix


def test_a_branch_on_an_unknown_slot_is_refused() -> None:
    error = refused(
        with_branch({"if": {"slot": "form_age", "is": "3"}, "next": "a"}, {"otherwise": "b"})
    )
    assert error.step == "route" and "slot 'form_age'" in str(error) and "service" in error.fix


def test_a_branch_to_an_unknown_step_is_refused() -> None:
    error = refused(
        with_branch({"if": {"slot": "service", "set": True}, "next": "a"}, {"otherwise": "nowhere"})
    )
    assert error.step == "route" and "'nowhere' that does not exist" in str(error)


def test_a_condition_needs_exactly_one_test() -> None:
    error = refused(with_branch({"if": {"slot": "service"}, "next": "a"}, {"otherwise": "b"}))
    assert error.step == "route"


def test_a_branch_that_loops_without_asking_is_refused() -> None:
    error = refused(
        flow(
            "demo",
            say("a", "A"),
            {
                "id": "route",
                "branch": [
                    {"if": {"slot": "service", "set": True}, "next": "a"},
                    {"otherwise": "a"},
                ],
            },
        )
    )
    assert "without asking the patient anything" in str(error)


def test_a_link_to_an_unknown_flow_is_refused() -> None:
    _, problems = validate_flows({"first": LINKS})
    [problem] = problems
    assert (problem.flow, problem.step) == ("first", "go")
    assert "flow 'second' that does not exist" in str(problem) and "first" in problem.fix


def test_flows_that_link_round_without_asking_are_refused() -> None:
    back = flow("second", say("hi", "Hi again."), {"id": "back", "flow": "first"})
    _, problems = validate_flows({"first": LINKS, "second": back})
    [problem] = problems
    assert problem.flow == "first" and problem.step == "go"
    assert "first -> second -> first" in str(problem)
    # A question on the way breaks the circle.
    asking = flow(
        "second",
        {"id": "name", "field": "n", "kind": "person_name", "ask": {"en": "Name?"}},
        {"id": "back", "flow": "first"},
    )
    assert validate_flows({"first": LINKS, "second": asking})[1] == []


def test_the_new_steps_read_back_as_written() -> None:
    for raw in (BY_SERVICE, BY_FIELD, HAND_OFF, LINKS):
        built = flow_from_json(raw)
        assert flow_from_json(built.as_json()) == built
