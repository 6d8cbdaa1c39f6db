"""A reply to an appointment reminder: 1 confirms, 2 reschedules, 3 cancels (after asking once).

The reminder job (bot/reminders.py) leaves `State.reminder` = {"appointment_id", "start",
"patient_id", "at"} when it queues the reminder. The patient's next message, once the
reminder has gone out and while no flow is running, is looked at here first:

- "1": the domain records their acceptance on the Appointment (AnswerReminder "confirm");
- "2": the reschedule flow starts for them (it verifies who is speaking, then lists their
  appointments to move);
- "3": asks once whether to cancel that appointment; "yes" then cancels it (AnswerReminder
  "cancel", which frees its slots), "no" keeps it;
- anything else is handled as usual and the reminder stays (a later 1/2/3 still counts).

The reminder acts on the appointment it named, for the patient it was sent to - to the
number on their record, so no date of birth is asked for a 1 or a 3 (nothing is disclosed
beyond what the reminder said). A reply more than STANDS_DAYS after the reminder, or after
the appointment moved, was cancelled or passed, is answered with what changed (the domain
re-reads the appointment; ReminderOutdated), never acted on blindly.
"""

from __future__ import annotations

import datetime as dt

from dialogs import pending_reply
from dialogs.render import in_sentence, moment_text
from dialogs.state import Awaiting
from dialogs.turn import Turn
from dialogs.understanding import is_affirm, is_deny
from domain import commands as c
from nlu.types import Parse

#: A reminder not answered within this many days is stale: a bare number then means something else.
STANDS_DAYS = 14
RESCHEDULE_FLOW = "reschedule_appointment"
_OUTDATED = {"moved": "reminder_moved", "cancelled": "reminder_gone", "past": "reminder_past"}


def pending(turn: Turn) -> bool:
    """Has the patient received a reminder a 1/2/3 may answer?"""
    return pending_reply.pending(turn, "reminder", dt.timedelta(days=STANDS_DAYS))


def _vals(turn: Turn) -> dict[str, str]:
    reminder = turn.s.reminder or {}
    cat = turn.ctx.catalogue
    start = dt.datetime.fromisoformat(reminder["start"])
    service = cat.service(reminder.get("service_id"))
    return {
        "appointment_time": moment_text(start, cat),
        **({"service": in_sentence(service.name)} if service else {}),
    }


def answer(turn: Turn, parse: Parse) -> bool:
    """Take the message as the answer to the reminder; False if it is about something else."""
    s = turn.s
    reminder = s.reminder or {}
    text = parse.text.strip().rstrip(".!")
    if reminder.get("asked") == "cancel":
        reminder.pop("asked")
        if is_affirm(parse):
            return _command(turn, "cancel")
        if is_deny(parse):
            turn.notes.append({"kind": "reminder_kept"})
            turn.say_key("reminder_kept", _vals(turn))
            return True
        return False  # something else: the question lapses, the reminder stays
    if text == "1":
        return _command(turn, "confirm")
    if text == "2":
        flow = turn.ctx.flows.get(RESCHEDULE_FLOW)
        if flow is None:
            return False
        s.patient_id = s.patient_id or reminder.get("patient_id")
        s.reminder = None
        turn.notes.append(
            {"kind": "reminder_rescheduled", "appointment": reminder["appointment_id"]}
        )
        turn.start_flow(flow, parse)
        return True
    if text == "3":
        reminder["asked"] = "cancel"
        turn.say_key("reminder_cancel_check", _vals(turn))
        return True
    return False


def _command(turn: Turn, what: str) -> bool:
    s = turn.s
    reminder = s.reminder or {}
    turn.commands.append(
        c.AnswerReminder(
            conversation_id=turn.ctx.conversation_id,
            patient_id=str(reminder["patient_id"]),
            appointment_id=str(reminder["appointment_id"]),
            start=dt.datetime.fromisoformat(reminder["start"]),
            answer=what,
        )
    )
    s.awaiting = Awaiting.REMINDER
    return True


def on_outcome(turn: Turn, outcome: c.Outcome) -> None:
    """The domain's answer to a 1 (confirm) or a 3-then-yes (cancel)."""
    s = turn.s
    vals = _vals(turn) if s.reminder else {}
    s.awaiting = None
    match outcome:
        case c.AttendanceConfirmed():
            turn.notes.append({"kind": "reminder_confirmed", "appointment": outcome.appointment.id})
            turn.say_key("reminder_confirmed", vals)
        case c.ReminderCancelled():
            s.reminder = None
            turn.notes.append({"kind": "reminder_cancelled", "appointment": outcome.appointment.id})
            turn.say_key("reminder_cancelled", vals)
        case c.ReminderOutdated():
            s.reminder = None
            turn.notes.append({"kind": "reminder_outdated", "reason": outcome.reason})
            turn.say_key(_OUTDATED[outcome.reason])
        case _:
            turn.say_key("reminder_down")


ON_OUTCOME = {Awaiting.REMINDER: on_outcome}
