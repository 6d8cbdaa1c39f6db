"""The engine's contract with its step modules: what one turn in the making offers them.

The engine (dialogs/engine.py) makes one `Turn` per event and hands it to the modules
that own a kind of step or a question asked outside any step:

- a **step handler** (`StepHandler`) per step type of the flow schema: `run` when the
  engine reaches the step, `take` when the patient answers it, `answers` to tell whether a
  message answers it (and so must not start another flow). The engine looks the handler
  up by the step's type (engine.STEP_HANDLERS); it never asks "is this a menu?".
- a **message handler** per `Awaiting` value that is not a step's question (which patient,
  the date of birth, a chat's name and birth date), and an **outcome handler** for the
  domain answers such a question waits for.

Step modules import this module, never the engine, so nothing in dialogs/ imports in a
circle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from dialogs.context import TurnContext
from dialogs.schema import Flow, Step, Text
from dialogs.state import Awaiting, State
from domain import commands as c
from nlu.types import Parse

__all__ = ["Awaiting", "MessageHandler", "OutcomeHandler", "Reply", "StepHandler", "Turn"]


@dataclass(frozen=True)
class Reply:
    """One message to the patient; `choices` are rendered by each channel (numbered on SMS)."""

    text: str
    choices: tuple[str, ...] = ()


class Turn(Protocol):
    """One turn in the making: the state it changes, what it says and what it asks the domain."""

    s: State
    ctx: TurnContext
    replies: list[Reply]
    commands: list[c.Command]
    # What happened, for the event log and the audit trail (ids and outcomes, never text).
    notes: list[dict[str, Any]]

    @property
    def flow(self) -> Flow: ...

    @property
    def step(self) -> Step: ...

    def run(self) -> None:
        """Run the flow's steps until the patient or the domain must answer."""

    def start_flow(self, flow: Flow, parse: Parse) -> None: ...

    def triggered_flow(self, parse: Parse) -> Flow | None: ...

    def requirements_met(self) -> bool:
        """Who the conversation is about is known (and verified, where the flow needs it)."""

    def ask(self, text: Text, choices: tuple[str, ...] = ()) -> None:
        """Ask the patient (after any problem left to say) and wait for their answer."""

    def reask(
        self,
        problem: str | None,
        ask_again: Callable[[], object] = lambda: None,
        *,
        gave_up: str = "too_many_tries",
        fallback: str = "rephrase",
    ) -> bool:
        """Say what was wrong (`problem`, a text key; `fallback` when there is no such text) and
        call `ask_again`, up to the retry limit; past it say `gave_up`, end the flow, return False."""

    def move_past(self, step: Step) -> None: ...

    def goto(self, step_id: str, clear: bool = False) -> None: ...

    def finish(self, how: str) -> None: ...

    def say_key(self, key: str, extra: dict[str, str] | None = None) -> None: ...

    def say_text(
        self, text: Text, choices: tuple[str, ...] = (), extra: dict[str, str] | None = None
    ) -> None: ...


@dataclass(frozen=True)
class StepHandler:
    """How the engine drives one type of step.

    run(turn, step) -> True to go on to the next step, False when the turn waits (asked, or ended)
    take(turn, step, parse): the patient's message answers the step
    answers(turn, step, parse) -> does this message answer the step (so it must not switch flows)?
    """

    run: Callable[[Turn, Any], bool]
    take: Callable[[Turn, Any, Parse], None]
    answers: Callable[[Turn, Any, Parse], bool]


#: What a message is handed to while the conversation awaits something outside any step.
MessageHandler = Callable[[Turn, Parse], None]
#: What a domain outcome is handed to while the conversation awaits it outside any step.
OutcomeHandler = Callable[[Turn, c.Outcome], None]
