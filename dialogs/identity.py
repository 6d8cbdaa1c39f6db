"""Linking a chat that carries no phone number (Telegram) to a patient, after verification.

Such a chat matches no Patient by phone. Before anything personal, the assistant asks the
person's full name and date of birth; the domain links the chat only to the one patient
with exactly that name and birth date (LinkChat -> ChatLinked), which also counts as
verification. A mismatch counts as a failed verification: three lock the conversation.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dialogs import fields, lockout
from dialogs.context import TurnContext
from dialogs.patient_actions import LINKABLE_CHANNELS
from domain import commands as c
from domain import patient_commands as pc
from domain.patients import split_name
from domain.related import is_minor
from nlu.types import Parse

if TYPE_CHECKING:
    from dialogs.engine import _Turn

AWAITING = ("link_name", "link_birth_date")
LINKING = "link"  # awaiting the domain's answer to LinkChat
MAX_FAILURES = 3


def can_link(ctx: TurnContext) -> bool:
    return ctx.channel in LINKABLE_CHANNELS


def start(turn: _Turn) -> None:
    turn.s.awaiting, turn.s.retries = "link_name", 0
    turn.say_key("link_ask_name")


def on_message(turn: _Turn, parse: Parse) -> None:
    s, ctx = turn.s, turn.ctx
    if s.awaiting == "link_name":
        name, problem = fields.read_name(parse.text)
        if name is None:
            return _retry(turn, f"problem_{problem}", "link_ask_name")
        s.slots["_link_name"], s.awaiting, s.retries = name, "link_birth_date", 0
        return turn.say_key("link_ask_birth_date")
    born, problem = fields.read("birth_date", parse, ctx)
    if born is None:
        return _retry(turn, f"problem_{problem}", "link_ask_birth_date")
    given, family = split_name(s.slots.pop("_link_name", ""))
    if is_minor(dt.date.fromisoformat(born), ctx.now.date()):
        # A child's name and birth date prove nothing about who holds the chat: their
        # care goes through a parent or guardian (the RelatedPerson on the record).
        s.awaiting = None
        turn.notes.append({"kind": "proxy_refused", "channel": ctx.channel})
        turn.say_key("link_minor")
        return turn.finish("no_guardian")
    turn.commands.append(pc.LinkChat(ctx.conversation_id, ctx.channel, ctx.address, given, family,
                                     dt.date.fromisoformat(born)))
    s.awaiting = LINKING


def on_outcome(turn: _Turn, outcome: c.Outcome) -> None:
    s, ctx = turn.s, turn.ctx
    if isinstance(outcome, pc.ChatLinked):
        pid = outcome.patient.id
        s.patient_id = s.verified_patient_id = pid
        s.proxy_id = s.verified_proxy_id = None  # linked by their own name and birth date
        s.verified_until = (ctx.now + dt.timedelta(days=ctx.verification_days)).isoformat()
        s.verify_failures, s.awaiting, s.retries = 0, None, 0
        turn.notes.append({"kind": "linked", "patient_id": pid, "channel": ctx.channel})
        turn.notes.append({"kind": "verified", "patient_id": pid})
        turn.say_key("link_ok")
        if s.flow and turn.requirements_met():
            turn.run()
        return
    if isinstance(outcome, c.RecordSystemDown):
        turn.say_key("record_system_down")
        return
    s.verify_failures += 1
    turn.notes.append({"kind": "verification_failed", "failures": s.verify_failures, "channel": ctx.channel})
    if s.verify_failures >= MAX_FAILURES:
        return lockout.lock(turn, {})
    s.awaiting = "link_name"
    turn.say_key("link_no_match")


def _retry(turn: _Turn, problem_key: str, ask_key: str) -> None:
    s, ctx = turn.s, turn.ctx
    s.retries += 1
    if s.retries > ctx.max_retries:
        s.awaiting = None
        turn.say_key("too_many_tries")
        return turn.finish("gave_up")
    turn.say_key(problem_key if problem_key in ctx.texts.entries else "rephrase")
    turn.say_key(ask_key)
