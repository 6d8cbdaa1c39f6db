"""The dialogue engine: a pure function of conversation state, an event and the flows.

    advance(state, UserSaid(parse) | DomainAnswered(outcome), context) -> Turn

A Turn carries the new state, the domain commands to run and the replies to send.
The runtime (bot/) runs each command and feeds its outcome back with DomainAnswered,
until a turn asks for nothing more. Nothing here does I/O or reads a clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from dialogs import booked, forms, gate, identity, invitation, past
from dialogs import slots as slot_filling
from dialogs.actions import command_for, route
from dialogs.codec import appointment_from_json, opening_from_json
from dialogs.context import TurnContext
from dialogs.patient_render import patient_values
from dialogs.render import appointment_label, opening_label, say, values
from dialogs.schema import Action, Choose, Collect, Confirm, Flow, Say, Step, Text
from dialogs.state import State
from dialogs.understanding import any_when_of, choice_index, choice_time, is_affirm, is_deny, when_of
from domain import commands as c
from nlu.pipeline import is_fallback
from nlu.types import Parse

SMALL_TALK = {
    "greet": "greeting",
    "help": "help",
    "goodbye": "goodbye",
    "thank": "thank",
    "request_human": "request_human",
    "clinic_info": "clinic_info",
    "out_of_scope": "out_of_scope",
    "confirm_attendance": "attendance_noted",
    "running_late": "running_late",
    "pay_bill": "billing",
    "billing_question": "billing",
    "opt_out": "opt_out",
    "opt_in": "opt_in",
}
SEARCH_INPUTS = {"service_id", "practitioner_id", "location_id", "when"}
# What a date of birth that cannot be one is told ("31/02/1990", a date in the future).


@dataclass(frozen=True)
class UserSaid:
    parse: Parse


@dataclass(frozen=True)
class DomainAnswered:
    outcome: c.Outcome


Event = UserSaid | DomainAnswered


@dataclass(frozen=True)
class Reply:
    """One message to the patient; `choices` are rendered by each channel (numbered on SMS)."""

    text: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Turn:
    state: State
    commands: tuple[c.Command, ...] = ()
    replies: tuple[Reply, ...] = ()
    # What happened, for the event log and the audit trail (ids and outcomes, never text).
    notes: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def advance(state: State, event: Event, ctx: TurnContext) -> Turn:
    turn = _Turn(state.copy(), ctx)
    if isinstance(event, UserSaid):
        turn.on_message(event.parse)
    else:
        turn.on_outcome(event.outcome)
    return Turn(turn.s, tuple(turn.commands), tuple(turn.replies), tuple(turn.notes))


class _Turn:
    """One turn in the making. The step modules (gate, forms, questions, identity, acting,
    lockout, invitation) drive it through its public methods: run, ask, goto, move_past,
    start_flow, requirements_met, retry, finish, say_key and say_text."""

    def __init__(self, state: State, ctx: TurnContext) -> None:
        self.s, self.ctx = state, ctx
        self.replies: list[Reply] = []
        self.commands: list[c.Command] = []
        self.notes: list[dict[str, Any]] = []

    # --- entry points -------------------------------------------------------------

    def on_message(self, parse: Parse) -> None:
        s = self.s
        if s.locked_until and dt.datetime.fromisoformat(s.locked_until) > self.ctx.now:
            self.say_key("locked")
            return
        if s.awaiting == "patient_name":
            return gate.pick_patient(self, parse)
        if s.awaiting == "birth_date":
            return gate.verify(self, parse)
        if s.awaiting in identity.AWAITING:
            return identity.on_message(self, parse)
        if invitation.pending(self) and invitation.answer(self, parse):
            return
        target = self.triggered_flow(parse)
        if target and (s.flow != target.id) and not (s.flow and self._answers_step(parse)):
            return self.start_flow(target, parse)
        if s.flow and s.awaiting == "input":
            return self._input(parse)
        self._no_flow(parse)

    def on_outcome(self, outcome: c.Outcome) -> None:
        s = self.s
        if s.awaiting == identity.LINKING:
            return identity.on_outcome(self, outcome)
        if s.awaiting != "outcome" or not s.flow:
            return  # an answer to a command this conversation no longer waits for
        step = self.flow.step(s.step or "")
        assert isinstance(step, Action)
        key = route(outcome, s)
        self.notes.append({"kind": "outcome", "action": step.action, "outcome": key})
        target = step.outcomes.get(key)
        if target is None:
            self.say_key("start_over")
            return self.finish("unrouted")
        self.goto(target)
        self.run()

    # --- flows ----------------------------------------------------------------------

    @property
    def flow(self) -> Flow:
        return self.ctx.flows[self.s.flow or ""]

    @property
    def step(self) -> Step:
        return self.flow.step(self.s.step or "")

    def triggered_flow(self, parse: Parse) -> Flow | None:
        if is_fallback(parse):  # an intent this unsure does not start or switch a flow
            return None
        return next((f for f in self.ctx.flows.values() if parse.intent in f.triggers), None)

    def _answers_step(self, parse: Parse) -> bool:
        """Does the message answer what the current step asked (so it must not switch flows)?"""
        if self.s.awaiting != "input":
            return False
        step = self.step
        if self._search_step() and parse.intent == "reschedule_appointment" and when_of(parse):
            return True  # "can we move it to monday" while still choosing a time: a new time, not a new flow
        if isinstance(step, Confirm):
            return is_affirm(parse) or is_deny(parse)
        if isinstance(step, Choose):
            return choice_index(parse) is not None or choice_time(parse) is not None
        if isinstance(step, Collect):
            return bool(slot_filling.extract(parse, self.s, self.ctx, step.slot))
        if isinstance(step, forms.STEPS):
            return forms.takes(step, parse, self.s, self.ctx)
        return False

    def start_flow(self, flow: Flow, parse: Parse) -> None:
        s = self.s
        s.end_flow()
        s.flow, s.step = flow.id, flow.steps[0].id
        self.notes.append({"kind": "flow_started", "flow": flow.id})
        slot_filling.fill(parse, s, self.ctx, flow)
        forms.prefill(flow, parse, s, self.ctx)
        if self.requirements_met():
            self.run()

    def requirements_met(self) -> bool:
        """Who the conversation is about is known (and verified, where the flow needs it)."""
        return gate.requirements_met(self)

    # --- the current step takes the patient's message --------------------------------

    def _input(self, parse: Parse) -> None:
        step = self.step
        if isinstance(step, forms.STEPS):
            return forms.take(self, step, parse)
        if isinstance(step, Choose) and self._pick(step, parse):
            self.move_past(step)
            return self.run()
        changed = slot_filling.fill(parse, self.s, self.ctx, self.flow)
        if isinstance(step, Collect):
            if step.slot == "when":
                past.answer(parse, self.s)  # "yes" to "would tomorrow at 10:00 AM suit?"
            if step.slot in _filled(self.s):
                self.move_past(step)
            elif is_deny(parse) and not self.s.slots.get("_problem"):
                self.say_key("start_over")
                return self.finish("abandoned")
            else:
                return self._reask(step)
        elif changed & SEARCH_INPUTS and self._search_step():
            self.goto(self._search_step() or "")
        elif isinstance(step, Choose):
            if is_deny(parse) and step.on_none:
                self.goto(step.on_none, clear=True)
            else:  # a problem with what was said ("that time has passed") says more than "pick a number"
                return self._reask(step, None if self.s.slots.get("_problem") else "invalid_choice")
        elif isinstance(step, Confirm):
            if is_affirm(parse):
                self.goto(step.on_yes)
            elif is_deny(parse):
                self.goto(step.on_no, clear=True)
            else:
                return self._reask(step, "confirm_again")
        self.run()

    def _pick(self, step: Choose, parse: Parse) -> bool:
        key = "offers" if step.list == "opening" else "appointments"
        items = self.s.slots.get(key, [])
        index, at = choice_index(parse), choice_time(parse)
        chosen = None
        if index == -1 and items:  # "the last one"
            chosen = items[-1]
        elif index is not None and 1 <= index <= len(items):
            chosen = items[index - 1]
        elif step.list == "appointment" and any_when_of(parse):
            chosen = booked.pick_by_day(parse, items)  # "the one on thursday"
        elif at is not None or (when := any_when_of(parse)) and when.get("grain") in ("minute", "hour"):
            # "the 10:30 one", or just "10:30": the offer starting then, if exactly one does.
            zone = ZoneInfo(self.ctx.catalogue.practice.timezone)
            wanted = at or dt.datetime.fromisoformat(when["start"]).astimezone(zone).strftime("%H:%M")
            matching = [i for i in items
                        if dt.datetime.fromisoformat(i["start"]).astimezone(zone).strftime("%H:%M") == wanted]
            chosen = matching[0] if len(matching) == 1 else None
        if chosen is None:
            return False
        self.s.slots[step.list] = chosen
        self.notes.append({"kind": "picked", "list": step.list})
        return True

    def _search_step(self) -> str | None:
        return next((st.id for st in self.flow.steps
                     if isinstance(st, Action) and st.action == "find_openings"), None)

    # --- running steps until the patient or the domain must answer ---------------------

    def run(self) -> None:
        for _ in range(64):  # flows are validated; the bound only guards against a loop in data
            if not self.s.flow:
                return
            step = self.step
            if isinstance(step, Collect):
                if step.slot in _filled(self.s):
                    self.move_past(step)
                    continue
                return self.ask(*slot_filling.question(step, self.s, self.ctx))
            if isinstance(step, Choose):
                if self._choose(step):
                    self.move_past(step)
                    continue
                return
            if isinstance(step, Confirm):
                return self.ask(step.text)
            if isinstance(step, Action):
                self.commands.append(command_for(step.action, self.s, self.ctx))
                self.s.awaiting = "outcome"
                return
            if isinstance(step, forms.STEPS):
                if forms.run(self, step):
                    continue
                return
            if isinstance(step, Say):
                self.say_text(step.text)
                nxt = self.flow.after(step)
                if nxt is None:
                    return self.finish("completed")
                self.s.step = nxt.id
        raise RuntimeError(f"flow {self.s.flow} did not stop within 64 steps")

    def _choose(self, step: Choose) -> bool:
        """Present the list, or return True when the pick is already made (or needs no asking)."""
        slots = self.s.slots
        if slots.get(step.list):
            return True
        items = slots.get("offers" if step.list == "opening" else "appointments", [])
        if step.list == "appointment":
            if len(items) == 1:  # the only one, or the only one on the day named (dialogs/booked.py)
                slots["appointment"] = items[0]
                return True
            labels = [appointment_label(appointment_from_json(a), self.ctx.catalogue) for a in items]
            self.notes.append({"kind": "disclosed", "what": "appointments", "count": len(items)})
        else:
            labels = [opening_label(opening_from_json(o), self.ctx.catalogue) for o in items]
        self.ask(step.ask, tuple(labels))
        return False

    def ask(self, text: Text, choices: tuple[str, ...] = ()) -> None:
        problem = self.s.slots.pop("_problem", None)
        if problem:  # a time gone by is said with the question for the time (dialogs/past.py)
            problem = past.for_question(problem, self.step if self.s.flow else None, self.s)
        if problem:
            self.say_key(problem["key"], problem.get("values"))
        if not (problem and problem.get("replaces_ask")):
            self.say_text(text, choices)
        self.s.awaiting = "input"

    def _reask(self, step: Step, key: str | None = None) -> None:
        self.s.retries += 1
        if self.s.retries > self.ctx.max_retries:
            self.say_key("too_many_tries")
            return self.finish("gave_up")
        if key:
            self.say_key(key)
        if isinstance(step, Collect):
            self.ask(*slot_filling.question(step, self.s, self.ctx))  # a fixed set: with its numbered list
        elif isinstance(step, Choose):
            self.s.slots.pop(step.list, None)
            self._choose(step)
        elif isinstance(step, Confirm):
            self.s.awaiting = "input"

    def retry(self, key: str) -> None:
        self.s.retries += 1
        if self.s.retries > self.ctx.max_retries:
            self.say_key("too_many_tries")
            self.s.awaiting = None
            return self.finish("gave_up")
        self.say_key(key)

    def move_past(self, step: Step) -> None:
        self.s.retries = 0
        nxt = self.flow.after(step)
        if nxt is None:
            return self.finish("completed")
        self.s.step, self.s.awaiting = nxt.id, None

    def goto(self, step_id: str, clear: bool = False) -> None:
        target = self.flow.step(step_id)
        if clear and isinstance(target, Collect):
            # "no, another day": what was collected is what is being replaced.
            slot_filling.clear(self.s, target.slot)
        self.s.step, self.s.awaiting, self.s.retries = step_id, None, 0
        if isinstance(target, Collect) or (isinstance(target, Action) and target.action == "find_openings"):
            self.s.slots.pop("opening", None)  # a new search: the earlier pick no longer stands

    def finish(self, how: str) -> None:
        if self.s.flow:
            self.notes.append({"kind": "flow_ended", "flow": self.s.flow, "how": how})
        self.s.end_flow()

    def _no_flow(self, parse: Parse) -> None:
        if not is_fallback(parse) and parse.intent in SMALL_TALK:
            if parse.intent in ("request_human", "running_late"):
                self.notes.append({"kind": "handoff_requested", "reason": parse.intent})
            return self.say_key(SMALL_TALK[parse.intent])
        book = self.ctx.flows.get("book_appointment")
        if book and slot_filling.extract(parse, self.s, self.ctx, "service"):
            return self.start_flow(book, parse)  # "checkup friday?" with no verb still means booking
        self.say_key("rephrase")

    # --- saying things ------------------------------------------------------------

    def say_key(self, key: str, extra: dict[str, str] | None = None) -> None:
        self.say_text(self.ctx.texts[key], extra=extra)

    def say_text(self, text: Text, choices: tuple[str, ...] = (), extra: dict[str, str] | None = None) -> None:
        if "{appointment_" in text.get("en", ""):
            self.notes.append({"kind": "disclosed", "what": "appointment", "patient_id": self.s.patient_id})
        vals = values(self.s, self.ctx, {**patient_values(self.s, self.ctx), **(extra or {})})
        # Acting for someone, texts that have a `<lang>@proxy` wording use it ("Omar's appointment").
        rendered = say(text, self.s.language, vals, variant="proxy" if self.s.proxy_id else None)
        self.replies.append(Reply(rendered, choices))


def _filled(state: State) -> set[str]:
    return slot_filling.filled(state)
