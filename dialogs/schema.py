"""Flows as data: one dataclass per step type, loaded from YAML and validated.

A flow is a list of steps run in order. Each step is exactly one of:

  collect: <slot>     ask for a value until the patient gives a valid one
  choose: <list>      offer a numbered list (openings, appointments, open invoices) and take a pick
  confirm: <text>     read something back and branch on yes / no
  action: <name>      ask the domain to do something and branch on its outcome (the actions
                      and their outcomes: dialogs/actions.py)
  say: <text>         tell the patient something, then go on (or end the flow)
  field: <name>       ask for one typed value (kind: person_name, birth_date, phone, email,
                      address, text, language) until it is valid; `optional` allows SKIP
  menu: <text>        offer fixed options; each goes to a step, starts a flow, or sets slots
  questionnaire: intake   ask the next question of the loaded questionnaire (one per message)
  branch: [..]        go to the step of the first condition over the slots that holds, else
                      `otherwise` (asks nothing)
  hand_off: <reason>  hand the conversation to the practice's staff; the flow ends
  flow: <flow id>     end this flow and start the named one

Texts are localised maps ({en: "...", es: "..."}) with {placeholders}; English is required.
Every mistake raises FlowError naming the flow, the step and the fix (dialogs/validation.py
turns YAML and JSON into these, and loads the flow files).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Text = dict[str, str]

COLLECTABLE = ("service", "when", "practitioner", "location")
CHOOSABLE = ("opening", "appointment")
REQUIREMENTS = ("patient", "verified")
FIELD_KINDS = ("person_name", "birth_date", "phone", "email", "address", "text", "language")
QUESTIONNAIRES = ("intake",)
#: The slots a menu option may `set`, each read by an action (consent_code: withdraw_consent).
SETTABLE_SLOTS = ("consent_code",)


class FlowError(ValueError):
    """A flow file is invalid. The message names the flow, the step and how to fix it."""

    def __init__(self, flow: str, step: str | None, problem: str, fix: str) -> None:
        # Kept apart as well, so an editor can put each message beside its step.
        self.flow, self.step, self.problem, self.fix = flow, step, problem, fix
        where = f"flow '{flow}'" + (f", step '{step}'" if step else "")
        # Kept apart too, so the admin API can answer them as fields.
        self.flow, self.step, self.problem, self.fix = flow, step, problem, fix
        super().__init__(f"{where}: {problem}. Fix: {fix}")


@dataclass(frozen=True)
class Step:
    id: str
    next: str | None = None  # the step after this one; None = the one below it
    end: bool = False


@dataclass(frozen=True)
class Collect(Step):
    slot: str = ""
    ask: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Choose(Step):
    list: str = ""
    ask: Text = field(default_factory=dict)
    on_none: str | None = None  # where "none of these" goes


@dataclass(frozen=True)
class Confirm(Step):
    text: Text = field(default_factory=dict)
    on_yes: str = ""
    on_no: str = ""


@dataclass(frozen=True)
class Action(Step):
    action: str = ""
    outcomes: dict[str, str] = field(default_factory=dict)  # outcome -> step id


@dataclass(frozen=True)
class Say(Step):
    text: Text = field(default_factory=dict)


@dataclass(frozen=True)
class Field(Step):
    """Ask for one value of a kind (FIELD_KINDS); it is kept in slots["form"][key]."""

    key: str = ""
    kind: str = "text"
    ask: Text = field(default_factory=dict)
    optional: bool = False  # SKIP leaves it empty
    only_if: str | None = None  # ask only when this other field has a value


@dataclass(frozen=True)
class MenuOption:
    """One option of a menu: go to `next`, or start `flow`, after setting `set` into the slots."""

    label: Text
    words: tuple[str, ...] = ()  # words in a reply that pick this option
    next: str | None = None
    flow: str | None = None
    set: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Menu(Step):
    text: Text = field(default_factory=dict)
    options: tuple[MenuOption, ...] = ()


@dataclass(frozen=True)
class Questions(Step):
    """Ask the next unanswered question of a questionnaire loaded by an action (load_intake)."""

    form: str = "intake"


@dataclass(frozen=True)
class Condition:
    """A test of one slot (a COLLECTABLE or SETTABLE slot, or `form_<field>`): `is` one value,
    `in` one of several, or `set` (has a value) or not. Exactly one of the three is given."""

    slot: str
    is_: str | None = None
    in_: tuple[str, ...] | None = None
    set: bool | None = None


@dataclass(frozen=True)
class BranchCase:
    when: Condition
    next: str


@dataclass(frozen=True)
class Branch(Step):
    """Go to the `next` of the first case whose condition holds, else to `otherwise`.

    The fallback is required (validation refuses a branch without one): a patient whose slots
    match no case must still go somewhere, never be dropped mid-flow."""

    cases: tuple[BranchCase, ...] = ()
    otherwise: str = ""


@dataclass(frozen=True)
class HandOff(Step):
    """Hand the conversation to the practice's staff (bot/escalations.py opens the escalation
    and tells the patient when a person replies); the flow ends here. `reason` is for staff and
    the audit trail, a short reason written by the flow's author, never the patient's words."""

    reason: str = ""


@dataclass(frozen=True)
class FlowLink(Step):
    """End this flow and start the flow `flow` (as a menu option's `flow` does)."""

    flow: str = ""


@dataclass(frozen=True)
class Flow:
    id: str
    description: str
    triggers: tuple[str, ...]
    requires: tuple[str, ...]
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"flow '{self.id}' has no step '{step_id}'")

    def after(self, step: Step) -> Step | None:
        """The step that follows `step` when it has no explicit next."""
        if step.end:
            return None
        if step.next:
            return self.step(step.next)
        index = self.steps.index(step)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "triggers": list(self.triggers),
            "requires": list(self.requires),
            "steps": [_step_json(s) for s in self.steps],
        }


def _step_json(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"id": step.id}
    match step:
        case Collect():
            out.update(collect=step.slot, ask=step.ask)
        case Choose():
            out.update(choose=step.list, ask=step.ask)
            if step.on_none:
                out["on_none"] = step.on_none
        case Confirm():
            out.update(confirm=step.text, on_yes=step.on_yes, on_no=step.on_no)
        case Action():
            out.update(action=step.action, outcomes=step.outcomes)
        case Say():
            out.update(say=step.text)
        case Field():
            out.update(field=step.key, kind=step.kind, ask=step.ask)
            out.update(
                {k: v for k, v in (("optional", step.optional), ("only_if", step.only_if)) if v}
            )
        case Menu():
            out.update(menu=step.text, options=[_option_json(o) for o in step.options])
        case Questions():
            out.update(questionnaire=step.form)
        case Branch():
            out["branch"] = [
                {"if": _condition_json(c.when), "next": c.next} for c in step.cases
            ] + [{"otherwise": step.otherwise}]
        case HandOff():
            out["hand_off"] = step.reason
        case FlowLink():
            out["flow"] = step.flow
    if step.next:
        out["next"] = step.next
    if step.end:
        out["end"] = True
    return out


def _option_json(option: MenuOption) -> dict[str, Any]:
    out: dict[str, Any] = {"label": option.label}
    if option.words:
        out["words"] = list(option.words)
    out.update(
        {k: v for k, v in (("next", option.next), ("flow", option.flow), ("set", option.set)) if v}
    )
    return out


def _condition_json(condition: Condition) -> dict[str, Any]:
    out: dict[str, Any] = {"slot": condition.slot}
    if condition.is_ is not None:
        out["is"] = condition.is_
    if condition.in_ is not None:
        out["in"] = list(condition.in_)
    if condition.set is not None:
        out["set"] = condition.set
    return out
