"""The validation rules beyond the schema: one broken flow per rule, refused naming step and fix."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from dialogs.schema import FlowError
from dialogs.validation import flow_from_json, load_flows, validate_flows
from patient_assistant.bootstrap import DATA

DOWN = {"id": "down", "say": {"en": "Sorry, our system is down."}, "end": True}


def flow(*steps: dict[str, Any], triggers: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"id": "demo", "triggers": list(triggers), "steps": list(steps)}


def refused(raw: dict[str, Any]) -> FlowError:
    with pytest.raises(FlowError, match="Fix:") as error:
        flow_from_json(raw)
    return error.value


def shipped(name: str) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((DATA / "flows" / f"{name}.yaml").read_text()))


def test_the_shipped_flows_keep_every_rule() -> None:
    raw = {p.stem: yaml.safe_load(p.read_text()) for p in (DATA / "flows").glob("*.yaml")}
    flows, problems = validate_flows(raw)
    assert problems == [] and len(flows) == len(raw) == 10


def test_an_unknown_action_is_refused_naming_the_step() -> None:
    raw = shipped("cancel_appointment")
    step = next(s for s in raw["steps"] if s.get("action") == "cancel_appointment")
    step["action"] = "cancel_everything"
    error = refused(raw)
    assert (error.flow, error.step) == ("cancel_appointment", step["id"])
    assert "unknown action 'cancel_everything'" in str(error) and "cancel_appointment" in error.fix


def test_a_trigger_that_is_not_an_intent_of_the_contract_is_refused() -> None:
    error = refused(flow({"id": "a", "say": {"en": "hi"}}, triggers=("book_flu_jab",)))
    assert "trigger 'book_flu_jab' is not an intent" in str(error)
    assert "book_appointment" in error.fix


def test_an_option_that_sets_a_slot_no_action_reads_is_refused() -> None:
    menu = {
        "id": "m",
        "menu": {"en": "Which?"},
        "options": [{"label": {"en": "A"}, "set": {"colour": "red"}}],
    }
    error = refused(flow(menu, {"id": "b", "say": {"en": "ok"}}))
    assert error.step == "m" and "slot 'colour'" in str(error) and "consent_code" in error.fix


def test_a_placeholder_of_a_field_the_flow_does_not_collect_is_refused() -> None:
    error = refused(
        flow(
            {"id": "name", "field": "full_name", "kind": "person_name", "ask": {"en": "Name?"}},
            {"id": "bye", "say": {"en": "Thanks {form_nickname}"}},
        )
    )
    assert (
        error.step == "bye" and "{form_nickname}" in str(error) and "{form_full_name}" in error.fix
    )


def test_a_link_to_a_flow_that_does_not_exist_is_refused(tmp_path: Any) -> None:
    menu = {
        "id": "m",
        "menu": {"en": "Which?"},
        "options": [{"label": {"en": "A"}, "flow": "flu_clinic"}],
    }
    (tmp_path / "demo.yaml").write_text(yaml.safe_dump(flow(menu)))
    with pytest.raises(FlowError) as error:
        load_flows(tmp_path)
    assert error.value.step == "m" and "flow 'flu_clinic' that does not exist" in str(error.value)


def test_a_step_nothing_leads_to_is_refused() -> None:
    error = refused(
        flow(
            {"id": "hello", "say": {"en": "Hello"}, "end": True},
            {"id": "orphan", "say": {"en": "Never said"}},
        )
    )
    assert error.step == "orphan" and "no step leads to it" in str(error)


def test_an_action_without_a_route_for_one_of_its_outcomes_is_refused() -> None:
    raw = shipped("cancel_appointment")
    step = next(s for s in raw["steps"] if s.get("action") == "cancel_appointment")
    del step["outcomes"]["down"]
    error = refused(raw)
    assert error.step == step["id"] and "['down']" in str(error) and "route down" in error.fix


def test_a_loop_that_never_asks_the_patient_is_refused() -> None:
    error = refused(
        flow(
            {
                "id": "load",
                "action": "load_intake",
                "outcomes": {
                    "ready": "again",
                    "resumed": "again",
                    "completed": "down",
                    "none": "down",
                    "down": "down",
                },
            },
            {"id": "again", "say": {"en": "Loading again"}, "next": "load"},
            DOWN,
        )
    )
    assert "loops (load -> again -> load)" in str(error) and "asks" in error.fix


def test_a_loop_through_a_question_is_allowed() -> None:
    raw = shipped("intake")  # ask -> save -> ask: each round asks the next question
    assert flow_from_json(raw).id == "intake"


def test_a_text_missing_in_one_of_the_practices_languages_is_refused() -> None:
    raw = {"cancel_appointment": shipped("cancel_appointment")}
    _, problems = validate_flows(raw, languages=("en", "es"))
    assert problems and all(
        "no es text" in str(p) and "add the es wording" in p.fix for p in problems
    )
    steps = raw["cancel_appointment"]["steps"]
    worded = {s["id"] for s in steps if {"ask", "say", "confirm", "menu"} & set(s)}
    assert {p.step for p in problems} == worded
    for step in raw["cancel_appointment"]["steps"]:
        for key in ("ask", "say", "confirm", "menu"):
            if key in step and isinstance(step[key], dict):
                step[key]["es"] = "..."
    assert validate_flows(raw, languages=("en", "es"))[1] == []


@pytest.mark.parametrize("word", ["Stop", "CANCEL", "end", "Unsubscribe", "help", "start", "quit"])
def test_a_menu_answered_by_a_carrier_keyword_is_refused(word: str) -> None:
    menu = {
        "id": "m",
        "menu": {"en": "What now?"},
        "options": [
            {"label": {"en": "Keep it"}, "next": "m"},
            {"label": {"en": "Drop it"}, "words": [word], "next": "m"},
        ],
    }
    error = refused(flow(menu))
    assert (
        error.step == "m" and f"carrier keyword '{word}'" in str(error) and "opt-out" in error.fix
    )


@pytest.mark.parametrize(
    "wording", ["Reply CANCEL to cancel it.", 'Or text "stop" to end.', "Send HELP for options"]
)
def test_wording_that_asks_for_a_carrier_keyword_as_the_answer_is_refused(wording: str) -> None:
    error = refused(flow({"id": "ok", "confirm": {"en": wording}, "on_yes": "ok", "on_no": "ok"}))
    assert error.step == "ok" and "carrier keyword" in str(error)


def test_yes_and_no_stay_allowed_as_answers() -> None:
    confirm = {
        "id": "ok",
        "confirm": {"en": "Shall I? Reply YES or NO."},
        "on_yes": "ok",
        "on_no": "ok",
    }
    assert flow_from_json(flow(confirm)).steps[0].id == "ok"


def test_validate_flows_lists_every_mistake_of_every_flow() -> None:
    broken = flow(
        {"id": "a", "say": {"en": "hi"}, "end": True},
        {"id": "b", "say": {"en": "lost"}},
        triggers=("nope",),
    )
    _, problems = validate_flows({"demo": broken, "bad": {"id": "bad", "steps": []}})
    assert {(p.flow, p.step) for p in problems} == {("demo", None), ("demo", "b"), ("bad", None)}


def test_two_flows_started_by_one_intent_are_refused() -> None:
    book = shipped("book_appointment")
    copy_of = {**shipped("book_appointment"), "id": "flu_clinic"}
    _, problems = validate_flows({"book": book, "flu": copy_of})
    assert [(p.flow, p.step) for p in problems] == [("flu_clinic", None)]
    assert "intent 'book_appointment' already starts flow 'book_appointment'" in str(problems[0])
