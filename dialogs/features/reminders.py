"""Answers to appointment reminders (dialogs/reminder_reply.py): what they leave in the audit."""

from __future__ import annotations

from dialogs.feature import Entry, Feature
from domain.reminders import AttendanceConfirmed, ReminderCancelled


def _confirmed(outcome: AttendanceConfirmed) -> list[Entry]:
    return [("appointment.confirmed", f"Appointment/{outcome.appointment.id}", {"via": "reminder"})]


def _cancelled(outcome: ReminderCancelled) -> list[Entry]:
    return [("appointment.cancelled", f"Appointment/{outcome.appointment.id}", {"via": "reminder"})]


FEATURE = Feature(audit={AttendanceConfirmed: _confirmed, ReminderCancelled: _cancelled})
