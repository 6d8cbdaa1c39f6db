"""The dialogue engine: a pure function of conversation state, an event and the flows.

    advance(state, UserSaid(parse) | DomainAnswered(outcome), context) -> TurnResult

A TurnResult carries the new state, the domain commands to run and the replies to send.
The runtime (bot/) runs each command and feeds its outcome back with DomainAnswered,
until a turn asks for nothing more. Nothing here does I/O or reads a clock.

The engine knows no step by its behaviour: it looks up the step's handler (STEP_HANDLERS)
and, for a question asked outside any step, the handler of what it awaits
(MESSAGE_HANDLERS, OUTCOME_HANDLERS). The contract they share is dialogs/turn.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dialogs import (
    basic_steps,
    chat_linking,
    control_steps,
    forms,
    gate,
    invitation,
    past,
    questions,
    reminder_reply,
    start_menu,
    waitlist_join,
    waitlist_reply,
)
from dialogs import slots as slot_filling
from dialogs.actions import route, text_values
from dialogs.context import TurnContext
from dialogs.render import say, values
from dialogs.schema import (
    Action,
    Branch,
    Choose,
    Collect,
    Confirm,
    Field,
    Flow,
    FlowLink,
    HandOff,
    Menu,
    Questions,
    Say,
    Step,
    Text,
)
from dialogs.state import State
from dialogs.turn import Awaiting, MessageHandler, OutcomeHandler, Reply, StepHandler
from dialogs.understanding import when_of
from domain import commands as c
from nlu.types import Parse, is_fallback

__all__ = ["DomainAnswered", "Reply", "TurnResult", "UserSaid", "advance"]

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
#: Every step type of the flow schema, and the module that drives it.
#: Questions a patient may ask in the middle of a flow and come back from (`_aside`).
#: Not `help`: "what do you mean?" while a step waits is about that step's question, which the
#: step explains itself ("Please reply YES or NO").
ASIDES = frozenset({"clinic_info", "out_of_scope"})
#: Messages that end whatever the flow was asking, when they do not answer it themselves:
#: "can I talk to a real person" hands over to staff, "thanks, bye" says goodbye. Asking the
#: flow's question again instead would keep a patient who wants out in a loop.
LEAVING = {"request_human": "handed_off", "goodbye": "left"}

STEP_HANDLERS: dict[type[Step], StepHandler] = {
    Collect: basic_steps.COLLECT,
    Choose: basic_steps.CHOOSE,
    Confirm: basic_steps.CONFIRM,
    Action: basic_steps.ACTION,
    Say: basic_steps.SAY,
    Field: forms.FIELD,
    Menu: forms.MENU,
    Questions: questions.QUESTIONS,
    Branch: control_steps.BRANCH,
    HandOff: control_steps.HAND_OFF,
    FlowLink: control_steps.FLOW_LINK,
}
#: Questions asked outside any step, and what takes their answer.
MESSAGE_HANDLERS: dict[Awaiting, MessageHandler] = {**gate.ON_MESSAGE, **chat_linking.ON_MESSAGE}
OUTCOME_HANDLERS: dict[Awaiting, OutcomeHandler] = {
    **chat_linking.ON_OUTCOME,
    **reminder_reply.ON_OUTCOME,
    **waitlist_reply.ON_OUTCOME,
}
#: Flows are validated; the bound only guards against a loop in data.
MAX_STEPS_PER_TURN = 64
#: Messages in a row the assistant did not understand that hand the conversation to staff.
NOT_UNDERSTOOD_LIMIT = 2


@dataclass(frozen=True)
class UserSaid:
    parse: Parse


@dataclass(frozen=True)
class DomainAnswered:
    outcome: c.Outcome


Event = UserSaid | DomainAnswered


@dataclass(frozen=True)
class TurnResult:
    state: State
    commands: tuple[c.Command, ...] = ()
    replies: tuple[Reply, ...] = ()
    # What happened, for the event log and the audit trail (ids and outcomes, never text).
    notes: tuple[dict[str, Any], ...] = field(default_factory=tuple)


def advance(state: State, event: Event, ctx: TurnContext) -> TurnResult:
    if ctx.live is not None and (not state.flow or state.flow_version == ctx.live.version):
        # Only a flow started on an older version finishes on it; everything else is live.
        ctx = ctx.on_live()
    turn = EngineTurn(state.copy(), ctx)
    if isinstance(event, UserSaid):
        turn.on_message(event.parse)
    else:
        turn.on_outcome(event.outcome)
    return TurnResult(turn.s, tuple(turn.commands), tuple(turn.replies), tuple(turn.notes))


class EngineTurn:
    """The engine's `dialogs.turn.Turn`: the step modules drive it through that contract."""

    def __init__(self, state: State, ctx: TurnContext) -> None:
        self.s, self.ctx = state, ctx
        self.replies: list[Reply] = []
        self.commands: list[c.Command] = []
        self.notes: list[dict[str, Any]] = []
        self.missed_before = 0  # messages in a row not understood before this one

    # --- entry points -------------------------------------------------------------

    def on_message(self, parse: Parse) -> None:
        s = self.s
        # Any message the assistant handles breaks the run; only `_not_understood` extends it.
        self.missed_before, s.not_understood = s.not_understood, 0
        if s.locked_until and dt.datetime.fromisoformat(s.locked_until) > self.ctx.now:
            self.say_key("locked")
            return None
        if self._leaves(parse):
            return None
        if s.awaiting in MESSAGE_HANDLERS:
            return MESSAGE_HANDLERS[Awaiting(s.awaiting)](self, parse)
        if reminder_reply.pending(self) and reminder_reply.answer(self, parse):
            return None
        if waitlist_reply.pending(self) and waitlist_reply.answer(self, parse):
            return None
        if invitation.pending(self) and invitation.answer(self, parse):
            return None
        target = self.triggered_flow(parse)
        if target and (s.flow != target.id) and not (s.flow and self._answers_step(parse)):
            return self.start_flow(target, parse)
        if s.flow and s.awaiting == Awaiting.INPUT:
            if self._aside(parse):
                return None
            waitlist_join.mark(s, parse)  # "none of those - put me on the waitlist"
            step = self.step
            return self._handler(step).take(self, step, parse)
        self._no_flow(parse)

    def on_outcome(self, outcome: c.Outcome) -> None:
        s = self.s
        if s.awaiting in OUTCOME_HANDLERS:
            return OUTCOME_HANDLERS[Awaiting(s.awaiting)](self, outcome)
        if s.awaiting != Awaiting.OUTCOME or not s.flow:
            return None  # an answer to a command this conversation no longer waits for
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

    @staticmethod
    def _handler(step: Step) -> StepHandler:
        return STEP_HANDLERS[type(step)]

    def triggered_flow(self, parse: Parse) -> Flow | None:
        if is_fallback(parse):  # an intent this unsure does not start or switch a flow
            return None
        return next((f for f in self.ctx.flows.values() if parse.intent in f.triggers), None)

    def _answers_step(self, parse: Parse) -> bool:
        """Does the message answer what the current step asked (so it must not switch flows)?"""
        if self.s.awaiting != Awaiting.INPUT:
            return False
        if (
            basic_steps.search_step(self)
            and parse.intent == "reschedule_appointment"
            and when_of(parse)
        ):
            return True  # "can we move it to monday" while still choosing a time: a new time, not a new flow
        step = self.step
        return self._handler(step).answers(self, step, parse)

    def start_flow(self, flow: Flow, parse: Parse) -> None:
        s = self.s
        s.end_flow()
        if self.ctx.live is not None:  # leaving a flow of an older version: new ones are live
            self.ctx = self.ctx.on_live()
            flow = self.ctx.flows.get(flow.id, flow)
        s.flow, s.step = flow.id, flow.steps[0].id
        s.flow_version = self.ctx.flow_version
        self.notes.append({"kind": "flow_started", "flow": flow.id})
        named = slot_filling.named_patient(parse, self.ctx)
        if named is not None and named.id != s.patient_id:
            # "when is omar's next appointment" on the phone Omar shares with his mother: the
            # patient is the one named, not whoever the conversation was about before.
            s.patient_id = named.id
            self.notes.append({"kind": "patient_selected", "patient_id": named.id})
        slot_filling.fill(parse, s, self.ctx, flow)
        forms.prefill(flow, parse, s, self.ctx)
        waitlist_join.mark(s, parse)
        if self.requirements_met():
            self.run()

    def requirements_met(self) -> bool:
        return gate.requirements_met(self)

    # --- running steps until the patient or the domain must answer ---------------------

    def run(self) -> None:
        for _ in range(MAX_STEPS_PER_TURN):
            if not self.s.flow:
                return
            step = self.step
            if not self._handler(step).run(self, step):
                return
        raise RuntimeError(f"flow {self.s.flow} did not stop within {MAX_STEPS_PER_TURN} steps")

    def ask(self, text: Text, choices: tuple[str, ...] = ()) -> None:
        problem, self.s.scratch.problem = self.s.scratch.problem, None
        if problem:  # a time gone by is said with the question for the time (dialogs/past.py)
            problem = past.for_question(problem, self.step if self.s.flow else None, self.s)
        if problem:
            self.say_key(problem.key, problem.values)
        if not (problem and problem.replaces_ask):
            self.say_text(text, choices)
        self.s.awaiting = Awaiting.INPUT

    def reask(
        self,
        problem: str | None,
        ask_again: Callable[[], object] = lambda: None,
        *,
        gave_up: str = "too_many_tries",
        fallback: str = "rephrase",
    ) -> bool:
        self.s.retries += 1
        if self.s.retries > self.ctx.max_retries:
            self.say_key(gave_up)
            self.finish("gave_up")
            return False
        if problem:
            self.say_key(problem if problem in self.ctx.texts.entries else fallback)
        ask_again()
        return True

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
        if isinstance(target, Collect) or (
            isinstance(target, Action) and target.action == "find_openings"
        ):
            self.s.slots.pop("opening", None)  # a new search: the earlier pick no longer stands

    def finish(self, how: str) -> None:
        if self.s.flow:
            self.notes.append({"kind": "flow_ended", "flow": self.s.flow, "how": how})
        self.s.end_flow()

    def _aside(self, parse: Parse) -> bool:
        """A question beside the flow ("what time do you close?" while choosing a time): it is
        answered, and the step's question is asked again, so the patient is back where they
        were with nothing they gave lost. Only questions that need no flow of their own
        (`ASIDES`) and that do not answer the step itself; anything else is the step's."""
        if is_fallback(parse) or parse.intent not in ASIDES or self._answers_step(parse):
            return False
        self.notes.append({"kind": "aside", "intent": parse.intent, "flow": self.s.flow})
        self.say_key(SMALL_TALK[parse.intent])
        self.say_key("aside_back")
        step = self.step
        if self._handler(step).run(self, step):  # its answer came meanwhile: go on from there
            self.run()
        return True

    def _leaves(self, parse: Parse) -> bool:
        """A patient in the middle of something who asks for a person or says goodbye: the flow
        (or the identity question before it) ends, and the request is answered as it would be
        outside any flow: a hand-over note opens the escalation (bot/escalations.py)."""
        s = self.s
        if is_fallback(parse) or parse.intent not in LEAVING:
            return False
        if not (s.flow or s.awaiting in MESSAGE_HANDLERS):
            return False
        if s.awaiting == Awaiting.INPUT and s.flow and self._answers_step(parse):
            return False
        if parse.intent == "request_human":
            self.notes.append({"kind": "handoff_requested", "reason": parse.intent})
        self.finish(LEAVING[parse.intent])
        self.say_key(SMALL_TALK[parse.intent])
        return True

    def _no_flow(self, parse: Parse) -> None:
        chosen = start_menu.picked(self.s, parse)  # "1" or "book" to the greeting's choices
        if chosen:
            self.notes.append({"kind": "start_menu_picked", "flow": chosen})
            return self.start_flow(self.ctx.flows[chosen], Parse("", "inform", 1.0))
        if not is_fallback(parse) and parse.intent in SMALL_TALK:
            if parse.intent in ("request_human", "running_late"):
                self.notes.append({"kind": "handoff_requested", "reason": parse.intent})
            if parse.intent in ("greet", "help"):
                return self._say_with_start_menu(SMALL_TALK[parse.intent])
            return self.say_key(SMALL_TALK[parse.intent])
        if not is_fallback(parse) and parse.intent in ("affirm", "deny"):
            # A yes or no with no question open: most often a second answer to a question a
            # flow already took and ended on (sent again while the first waited, e.g. for the
            # record system). It was understood; there is just nothing left to answer.
            self.notes.append({"kind": "nothing_asked", "intent": parse.intent})
            return self._say_with_start_menu("nothing_asked")
        book = self.ctx.flows.get("book_appointment")
        if book and slot_filling.extract(parse, self.s, self.ctx, "service"):
            return self.start_flow(
                book, parse
            )  # "checkup friday?" with no verb still means booking
        if is_fallback(parse):
            return self._not_understood()
        # Read, but nothing to do with it here ("message number 3").
        self._say_with_start_menu("rephrase")

    def _say_with_start_menu(self, key: str) -> None:
        """An answer that lists what the assistant can do, with that list numbered to pick
        from (dialogs/start_menu.py)."""
        self.say_text(self.ctx.texts[key], start_menu.offer(self.s, self.ctx))

    def _not_understood(self) -> None:
        """The generic "say it another way" to a message the NLU could not read (a fallback
        parse) and no flow took. The second in a row hands the conversation to staff (the
        note's `hand_off`; bot/escalations.py opens the escalation and says when a person
        replies). Only unreadable messages count, as an escalation silences the assistant:
        one read with an intent that has nothing to do here, and a step's own re-asks inside
        a flow ("I couldn't read that as a date"), do not; the step gives up by its own rule."""
        missed = self.missed_before + 1
        hand_off = missed >= NOT_UNDERSTOOD_LIMIT
        self.s.not_understood = 0 if hand_off else missed
        self.notes.append({"kind": "not_understood", "in_a_row": missed, "hand_off": hand_off})
        if hand_off:
            return self.say_key("not_understood_twice")
        self._say_with_start_menu("rephrase")

    # --- saying things ------------------------------------------------------------

    def say_key(self, key: str, extra: dict[str, str] | None = None) -> None:
        self.say_text(self.ctx.texts[key], extra=extra)

    def say_text(
        self, text: Text, choices: tuple[str, ...] = (), extra: dict[str, str] | None = None
    ) -> None:
        if "{appointment_" in text.get("en", ""):
            self.notes.append(
                {"kind": "disclosed", "what": "appointment", "patient_id": self.s.patient_id}
            )
        more = {
            **forms.form_values(self.s, self.ctx),
            **text_values(self.s, self.ctx),
            **(extra or {}),
        }
        vals = values(self.s, self.ctx, more)
        # Acting for someone, texts that have a `<lang>@proxy` wording use it ("Omar's appointment").
        rendered = say(text, self.s.language, vals, variant="proxy" if self.s.proxy_id else None)
        self.replies.append(Reply(rendered, choices))
