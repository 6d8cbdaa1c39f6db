"""Turning flow JSON (from YAML files or the admin API) into Flow objects, refusing every mistake.

The JSON Schema (flow.schema.json) checks each step's shape; here each step's references
(actions and their outcomes, steps, fields) and then the rules of dialogs/flow_rules.py.
A single flow is refused at its first mistake; `validate_flows` lists all of a set's.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from dialogs.actions import ACTIONS
from dialogs.flow_rules import flow_problems, flow_set_problems
from dialogs.schema import (
    COLLECTABLE,
    SETTABLE_SLOTS,
    Action,
    Branch,
    BranchCase,
    Choose,
    Collect,
    Condition,
    Confirm,
    Field,
    Flow,
    FlowError,
    FlowLink,
    HandOff,
    Menu,
    MenuOption,
    Questions,
    Say,
    Step,
)

SCHEMA_PATH = Path(__file__).with_name("flow.schema.json")
STEP_KINDS = (
    "collect",
    "choose",
    "confirm",
    "action",
    "say",
    "field",
    "menu",
    "questionnaire",
    "branch",
    "hand_off",
    "flow",
)


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


def flow_from_json(raw: Any, source: str = "?") -> Flow:
    """The flow, or a FlowError for its first mistake."""
    flow = _built(raw, source)
    for problem in flow_problems(flow):
        raise problem
    return flow


def _built(raw: Any, source: str) -> Flow:
    """The flow if its shape and references are right; its rules are not checked yet."""
    if not isinstance(raw, dict):
        raise FlowError(source, None, "the file is not a mapping", "start the file with 'id:'")
    name = str(raw.get("id", source))
    for error in sorted(_validator().iter_errors(raw), key=lambda e: list(e.path)):
        step = _step_of(raw, list(error.path))
        raise FlowError(name, step, f"{error.message} at {_where(error.path)}", _hint(error))
    steps = tuple(_step(name, s) for s in raw["steps"])
    flow = Flow(
        id=name,
        description=str(raw.get("description", "")),
        triggers=tuple(raw["triggers"]),
        requires=tuple(raw.get("requires", ())),
        steps=steps,
    )
    _check_links(flow)
    return flow


def _step(flow: str, raw: dict[str, Any]) -> Step:
    sid, nxt, end = raw["id"], raw.get("next"), bool(raw.get("end", False))
    if "collect" in raw:
        return Collect(sid, nxt, end, slot=raw["collect"], ask=raw["ask"])
    if "choose" in raw:
        return Choose(sid, nxt, end, list=raw["choose"], ask=raw["ask"], on_none=raw.get("on_none"))
    if "confirm" in raw:
        return Confirm(sid, nxt, end, text=raw["confirm"], on_yes=raw["on_yes"], on_no=raw["on_no"])
    if "action" in raw:
        action = raw["action"]
        if action not in ACTIONS:
            raise FlowError(
                flow, sid, f"unknown action '{action}'", f"use one of {sorted(ACTIONS)}"
            )
        unknown = set(raw["outcomes"]) - set(ACTIONS[action].outcomes)
        if unknown:
            raise FlowError(
                flow,
                sid,
                f"action '{action}' has no outcome {sorted(unknown)}",
                f"route only its outcomes {list(ACTIONS[action].outcomes)}",
            )
        return Action(sid, nxt, end, action=action, outcomes=dict(raw["outcomes"]))
    if "field" in raw:
        return Field(
            sid,
            nxt,
            end,
            key=raw["field"],
            kind=raw["kind"],
            ask=raw["ask"],
            optional=bool(raw.get("optional", False)),
            only_if=raw.get("only_if"),
        )
    if "menu" in raw:
        options = tuple(
            MenuOption(
                label=o["label"],
                words=tuple(o.get("words", ())),
                next=o.get("next"),
                flow=o.get("flow"),
                set=dict(o.get("set", {})),
            )
            for o in raw["options"]
        )
        return Menu(sid, nxt, end, text=raw["menu"], options=options)
    if "questionnaire" in raw:
        return Questions(sid, nxt, end, form=raw["questionnaire"])
    if "branch" in raw:
        return _branch(flow, sid, nxt, end, raw["branch"])
    if "hand_off" in raw:
        return HandOff(sid, nxt, end, reason=raw["hand_off"])
    if "flow" in raw:
        return FlowLink(sid, nxt, end, flow=raw["flow"])
    return Say(sid, nxt, end, text=raw["say"])


def _branch(flow: str, sid: str, nxt: str | None, end: bool, raw: list[dict[str, Any]]) -> Branch:
    """A branch's cases, refused without a final `otherwise` (the fallback every patient whose
    slots match no case goes to) or with one anywhere else (the cases below it never run)."""
    *cases, last = raw
    if any("otherwise" in c for c in cases):
        raise FlowError(
            flow,
            sid,
            "'otherwise' is not the branch's last entry, so the cases below it never run",
            "move '- otherwise: <step>' to the end of the branch",
        )
    if "otherwise" not in last:
        raise FlowError(
            flow,
            sid,
            "a branch without a fallback: a patient matching no case would be dropped",
            "end the branch with '- otherwise: <step>'",
        )
    return Branch(
        sid,
        nxt,
        end,
        cases=tuple(BranchCase(_condition(c["if"]), c["next"]) for c in cases),
        otherwise=last["otherwise"],
    )


def _condition(raw: dict[str, Any]) -> Condition:
    # YAML reads `is: yes` as a boolean: slot values are compared as the text they are stored as.
    def text(value: Any) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)

    return Condition(
        raw["slot"],
        is_=text(raw["is"]) if "is" in raw else None,
        in_=tuple(text(v) for v in raw["in"]) if "in" in raw else None,
        set=raw.get("set"),
    )


def branch_slots(flow: Flow) -> list[str]:
    """The slots a branch of `flow` may test: the flow's collectable and settable slots, and
    `form_<field>` of each field a step of the flow asks."""
    fields = [f"form_{s.key}" for s in flow.steps if isinstance(s, Field)]
    return [*COLLECTABLE, *SETTABLE_SLOTS, *fields]


def _check_links(flow: Flow) -> None:
    ids = [s.id for s in flow.steps]
    for sid in {i for i in ids if ids.count(i) > 1}:
        raise FlowError(flow.id, sid, "two steps share this id", "give every step its own id")
    for step in flow.steps:
        targets = [step.next]
        if isinstance(step, Action):
            targets += list(step.outcomes.values())
        if isinstance(step, Confirm):
            targets += [step.on_yes, step.on_no]
        if isinstance(step, Choose):
            targets.append(step.on_none)
        if isinstance(step, Menu):
            targets += [o.next for o in step.options]
        if isinstance(step, Branch):
            targets += [c.next for c in step.cases] + [step.otherwise]
            known = branch_slots(flow)
            for case in step.cases:
                if case.when.slot not in known:
                    raise FlowError(
                        flow.id,
                        step.id,
                        f"a branch tests a slot '{case.when.slot}' the flow does not have",
                        f"test one of {known}",
                    )
        if (
            isinstance(step, Field)
            and step.only_if
            and not any(isinstance(s, Field) and s.key == step.only_if for s in flow.steps)
        ):
            raise FlowError(
                flow.id,
                step.id,
                f"only_if names a field '{step.only_if}' no step collects",
                "name the field of an earlier field step",
            )
        for target in targets:
            if target and target not in ids:
                raise FlowError(
                    flow.id,
                    step.id,
                    f"it points to a step '{target}' that does not exist",
                    f"point it to one of {ids}",
                )


def _step_of(raw: dict[str, Any], path: list[Any]) -> str | None:
    if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
        steps = raw.get("steps") or []
        if path[1] < len(steps) and isinstance(steps[path[1]], dict):
            return str(steps[path[1]].get("id", f"#{path[1] + 1}"))
        return f"#{path[1] + 1}"
    return None


def _where(path: Any) -> str:
    return "/".join(str(p) for p in path) or "the top level"


def _hint(error: jsonschema.ValidationError) -> str:
    if error.validator == "oneOf":
        return f"a step has exactly one of {', '.join(STEP_KINDS)}, with its fields (collect/choose need 'ask', confirm needs 'on_yes' and 'on_no', action needs 'outcomes', field needs 'kind' and 'ask', menu needs 'options'; a branch entry is an 'if' (slot with is, in or set) with 'next', the last is 'otherwise')"
    if error.validator == "required":
        return "add the missing field"
    if error.validator == "additionalProperties":
        return "remove or rename the unknown field"
    if error.validator == "enum":
        return f"use one of {error.validator_value}"
    return "see dialogs/flow.schema.json"


def load_flow(path: Path) -> Flow:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise FlowError(path.stem, None, f"not valid YAML ({e})", "correct the YAML syntax") from e
    return flow_from_json(raw, source=path.stem)


def load_flows(directory: Path, languages: tuple[str, ...] = ("en",)) -> dict[str, Flow]:
    """The flows of a directory's *.yaml files, refused at the first mistake of any of them."""
    flows = {f.id: f for f in (load_flow(p) for p in sorted(directory.glob("*.yaml")))}
    for problem in flow_set_problems(flows, languages):
        raise problem
    return flows


def validate_flows(
    raw_flows: dict[str, Any], languages: tuple[str, ...] = ("en",)
) -> tuple[dict[str, Flow], list[FlowError]]:
    """Every mistake of a set of flows (source name -> flow JSON), not only the first.

    For an editor or an API that shows them all at once; returns the flows that loaded too.
    """
    flows: dict[str, Flow] = {}
    problems: list[FlowError] = []
    for source, raw in raw_flows.items():
        try:
            flow = _built(raw, source)
        except FlowError as e:
            problems.append(e)
            continue
        flows[flow.id] = flow
        problems += flow_problems(flow)
    return flows, problems + flow_set_problems(flows, languages)
