"""The field, menu and questionnaire step types: validation with fixes, and the flows using them."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.schema import FlowError, Menu
from dialogs.validation import flow_from_json, load_flows
from patient_assistant.bootstrap import DATA

FLOWS = load_flows(DATA / "flows")


def flow(*steps: dict[str, Any]) -> dict[str, Any]:
    return {"id": "demo", "triggers": [], "steps": list(steps)}


def test_every_flow_round_trips_through_json() -> None:
    for item in FLOWS.values():
        assert flow_from_json(item.as_json()) == item


def test_menus_start_only_flows_that_exist() -> None:
    targets = {
        o.flow
        for f in FLOWS.values()
        for s in f.steps
        if isinstance(s, Menu)
        for o in s.options
        if o.flow
    }
    assert targets == {"consent"} and targets <= set(FLOWS)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([{"id": "a", "field": "email", "ask": {"en": "?"}}], "field needs 'kind' and 'ask'"),
        ([{"id": "a", "field": "email", "kind": "shoe_size", "ask": {"en": "?"}}], "use one of"),
        (
            [{"id": "a", "field": "x", "kind": "text", "ask": {"en": "?"}, "only_if": "y"}],
            "only_if names a field 'y'",
        ),
        (
            [
                {
                    "id": "a",
                    "menu": {"en": "?"},
                    "options": [{"label": {"en": "1"}, "next": "nowhere"}],
                }
            ],
            "step 'nowhere' that does not exist",
        ),
        (
            [
                {
                    "id": "a",
                    "menu": {"en": "?"},
                    "options": [{"label": {"en": "1"}, "next": "a", "flow": "b"}],
                }
            ],
            "flow 'demo', step 'a'",
        ),
        ([{"id": "a", "questionnaire": "survey"}], "use one of"),
    ],
)
def test_mistakes_name_the_step_and_the_fix(steps: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(FlowError, match="Fix:") as error:
        flow_from_json(flow(*steps))
    assert message in str(error.value)
