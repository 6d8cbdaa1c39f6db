"""Linking a chat that carries no phone number (Telegram) to a patient, after verification.

Such a chat matches no Patient by phone. Before anything personal, the assistant asks the
person's full name and date of birth; the domain links the chat only to the one patient
with exactly that name and birth date (LinkChat -> ChatLinked), which also counts as
verification. A mismatch counts as a failed verification (dialogs/lockout.py).
"""

from __future__ import annotations

import datetime as dt

from dialogs import acting, fields, lockout
from dialogs.context import TurnContext
from dialogs.feature import Feature
from dialogs.turn import Awaiting, MessageHandler, OutcomeHandler, Turn
from domain import commands as c
from domain.alerts import EmergencyReported, LockoutReported
from domain.identity import ChatLinked, LinkChat, NotIdentified
from domain.patients import split_name
from domain.related import is_minor
from nlu.types import Parse

#: Chats that carry no phone number: linked to a patient by name and date of birth.
LINKABLE_CHANNELS = ("telegram",)


def can_link(ctx: TurnContext) -> bool:
    return ctx.channel in LINKABLE_CHANNELS


def start(turn: Turn) -> None:
    turn.s.awaiting, turn.s.retries = Awaiting.LINK_NAME, 0
    turn.say_key("link_ask_name")


def on_message(turn: Turn, parse: Parse) -> None:
    s, ctx = turn.s, turn.ctx
    if s.awaiting == Awaiting.LINK_NAME:
        name, problem = fields.read_name(parse.text)
        if name is None:
            turn.reask(f"problem_{problem}", lambda: turn.say_key("link_ask_name"))
            return None
        s.scratch.link_name, s.awaiting, s.retries = name, Awaiting.LINK_BIRTH_DATE, 0
        return turn.say_key("link_ask_birth_date")
    born, problem = fields.read("birth_date", parse, ctx)
    if born is None:
        turn.reask(f"problem_{problem}", lambda: turn.say_key("link_ask_birth_date"))
        return None
    given, family = split_name(s.scratch.link_name or "")
    s.scratch.link_name = None
    if is_minor(dt.date.fromisoformat(born), ctx.now.date()):
        # A child's name and birth date prove nothing about who holds the chat: their
        # care goes through a parent or guardian (the RelatedPerson on the record).
        s.awaiting = None
        turn.notes.append({"kind": "proxy_refused", "channel": ctx.channel})
        turn.say_key("link_minor")
        return turn.finish("no_guardian")
    turn.commands.append(
        LinkChat(
            ctx.conversation_id,
            ctx.channel,
            ctx.address,
            given,
            family,
            dt.date.fromisoformat(born),
        )
    )
    s.awaiting = Awaiting.LINKING


def on_outcome(turn: Turn, outcome: c.Outcome) -> None:
    s, ctx = turn.s, turn.ctx
    if isinstance(outcome, ChatLinked):
        pid = outcome.patient.id
        s.patient_id, s.proxy_id = pid, None  # linked by their own name and birth date
        acting.verified(turn)
        turn.notes.append({"kind": "linked", "patient_id": pid, "channel": ctx.channel})
        turn.notes.append({"kind": "verified", "patient_id": pid})
        turn.say_key("link_ok")
        if s.flow and turn.requirements_met():
            turn.run()
        return None
    if isinstance(outcome, c.RecordSystemDown):
        turn.say_key("record_system_down")
        return None
    must_lock = lockout.failed(turn)
    turn.notes.append(
        {"kind": "verification_failed", "failures": s.verify_failures, "channel": ctx.channel}
    )
    if must_lock:
        return lockout.lock(turn, {})
    s.awaiting = Awaiting.LINK_NAME
    turn.say_key("link_no_match")


ON_MESSAGE: dict[Awaiting, MessageHandler] = {
    Awaiting.LINK_NAME: on_message,
    Awaiting.LINK_BIRTH_DATE: on_message,
}
ON_OUTCOME: dict[Awaiting, OutcomeHandler] = {Awaiting.LINKING: on_outcome}

#: Identity and verification: linking a chat, and the staff alerts of a lockout and of an emergency, in the audit
#: trail (who proved it, and each failure, are the engine's notes: bot/recording.py).
FEATURE = Feature(
    audit={
        ChatLinked: lambda o: [("identity.chat_linked", f"Patient/{o.patient.id}", {})],
        NotIdentified: lambda o: [("identity.not_identified", "Patient/unknown", {})],
        LockoutReported: lambda o: [
            (
                "staff.alerted",
                f"Task/{o.task_id}",
                {"reason": "verification_lockout"}
                | ({"patient": o.patient_id} if o.patient_id else {}),
            )
        ],
        EmergencyReported: lambda o: [
            (
                "staff.alerted",
                f"Task/{o.task_id}",
                {"reason": "emergency"} | ({"patient": o.patient_id} if o.patient_id else {}),
            )
        ],
    }
)
