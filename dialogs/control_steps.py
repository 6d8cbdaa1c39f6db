"""The `branch`, `hand_off` and `flow` steps: they steer the conversation and ask nothing.

  branch      goes to the first case whose condition over the slots holds, else `otherwise`
  hand_off    notes `handoff_requested` (reason "flow"), which bot/escalations.py turns into an
              escalation with its staff Task and the usual promise of when a person replies;
              the flow ends, as staff now hold the conversation
  flow        ends this flow and starts the linked one (as a menu option's `flow` does)

A branch compares a slot's value as kept: a service, clinician or place by its id or its name
("svc-flu" or "flu shot", case aside), a form field's value as the patient gave it, anything
else as its text. `set: true` holds when the slot has a value (a skipped field has none).
"""

from __future__ import annotations

from typing import Any

from dialogs import slots as slot_filling
from dialogs.forms import FORM
from dialogs.schema import Branch, Condition, FlowLink, HandOff, Step
from dialogs.turn import StepHandler, Turn
from nlu.types import Parse


def _value(turn: Turn, slot: str) -> Any:
    if slot.startswith("form_"):
        return turn.s.slots.get(FORM, {}).get(slot[len("form_") :]) or None
    return turn.s.slots.get(slot_filling.SLOT_KEYS.get(slot, slot)) or None


def _names(turn: Turn, slot: str, value: Any) -> set[str]:
    """What a condition may call the value: its text, and a catalogue entry's name."""
    names = {str(value).lower()}
    catalogue = turn.ctx.catalogue
    entry = {
        "service": catalogue.service,
        "practitioner": catalogue.practitioner,
        "location": catalogue.location,
    }.get(slot, lambda _: None)(str(value))
    if entry is not None:
        names.add(entry.name.lower())
    return names


def holds(turn: Turn, condition: Condition) -> bool:
    value = _value(turn, condition.slot)
    if condition.set is not None:
        return (value is not None) == condition.set
    if value is None:
        return False
    names = _names(turn, condition.slot, value)
    wanted = (condition.is_,) if condition.is_ is not None else condition.in_ or ()
    return any(w.lower() in names for w in wanted)


def _run_branch(turn: Turn, step: Branch) -> bool:
    case = next((c for c in step.cases if holds(turn, c.when)), None)
    # Which way it went (the case's number, 0 for otherwise), never the slot's value.
    turn.notes.append(
        {"kind": "branched", "step": step.id, "case": step.cases.index(case) + 1 if case else 0}
    )
    turn.goto(case.next if case else step.otherwise)
    return True


def _run_hand_off(turn: Turn, step: HandOff) -> bool:
    turn.notes.append(
        {"kind": "handoff_requested", "reason": "flow", "flow": turn.s.flow, "step": step.id}
    )
    turn.finish("handed_off")
    return False


def _run_flow_link(turn: Turn, step: FlowLink) -> bool:
    turn.notes.append({"kind": "flow_linked", "flow": turn.s.flow, "to": step.flow})
    turn.finish("linked")
    # start_flow runs the new flow's steps itself (the engine's run loop stops here).
    turn.start_flow(turn.ctx.flows[step.flow], Parse("", "inform", 1.0))
    return False


def _take_nothing(turn: Turn, step: Step, parse: Parse) -> None:
    turn.run()  # these steps never wait for the patient; a message finds them only mid-run


def _answers_nothing(turn: Turn, step: Step, parse: Parse) -> bool:
    return False


BRANCH = StepHandler(_run_branch, _take_nothing, _answers_nothing)
HAND_OFF = StepHandler(_run_hand_off, _take_nothing, _answers_nothing)
FLOW_LINK = StepHandler(_run_flow_link, _take_nothing, _answers_nothing)
