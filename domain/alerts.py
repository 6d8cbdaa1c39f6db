"""Alerting staff: a conversation locked after repeated failed identity checks, and a
message read as an emergency.

Three wrong birth dates may be a forgetful patient or someone trying a stolen phone: either
way a person at the practice should look. The alert is a staff Task that carries references
only (the patient or RelatedPerson the speaker claimed to be, the conversation), never what
was typed. `request_id` is derived from the conversation and its lockout count, so the same
message processed again (after an outage) makes no second Task.

Every such Task that stands for an escalation (bot/escalations.py) carries its due time, from
the practice's response target, as `due_at`.

An emergency gets its guidance at once and an urgent Task (priority `stat`) so a person at
the practice contacts the patient. That Task too carries references only: not the message,
nor which red flag it raised (both are health information). Its `request_id` is derived
from the inbound message, so a message processed again makes no second Task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StaffAlert:
    """What every request for a staff Task about a conversation carries (adapters/fhir/tasks.py
    builds each Task from it and the fields of its kind): references, never what was typed."""

    request_id: str  # the same request made again (a retry) makes no second Task
    conversation_id: str
    channel: str


@dataclass(frozen=True)
class AlertReported:
    """The staff Task made for an alert about a conversation."""

    task_id: str
    conversation_id: str
    patient_id: str | None = None


@dataclass(frozen=True)
class ReportLockout(StaffAlert):
    """Ask staff to follow up a conversation locked after failed verification."""

    locked_until: dt.datetime
    patient_id: str | None = None  # the patient the speaker claimed to be or act for
    related_person_id: str | None = None  # the RelatedPerson the speaker claimed to be
    due_at: dt.datetime | None = None  # the escalation's due time (bot/escalations.py)


@dataclass(frozen=True)
class LockoutReported(AlertReported):
    """A lockout's Task was made."""


@dataclass(frozen=True)
class ReportEmergency(StaffAlert):
    """Ask staff to contact, now, the sender of a message read as an emergency."""

    patient_id: str | None = None  # the patient the conversation has identified, if any
    related_person_id: str | None = None  # the RelatedPerson speaking for them, if any
    due_at: dt.datetime | None = None  # the urgent escalation's due time (bot/escalations.py)


@dataclass(frozen=True)
class EmergencyReported(AlertReported):
    """An emergency's Task was made."""


@dataclass(frozen=True)
class RequestPerson(StaffAlert):
    """Ask staff to reply, by `due_at`, in a conversation handed to them (bot/escalations.py):
    the patient asked for a person (`human_requested`) or the assistant did not understand
    them twice in a row (`not_understood_twice`)."""

    due_at: dt.datetime
    patient_id: str | None = None
    related_person_id: str | None = None
    reason: str = "human_requested"


@dataclass(frozen=True)
class PersonRequested(AlertReported):
    """The Task asking staff to reply was made."""


@dataclass(frozen=True)
class ReportPaymentMismatch(StaffAlert):
    """Ask staff, by `due_at`, to look at a payment whose amount or currency does not match
    its invoice (bot/payments.py). `conversation_id` and `channel` are empty when the link
    was sent to no conversation: then the Task is all there is (no escalation row)."""

    due_at: dt.datetime
    invoice_id: str
    patient_id: str
    reason: str  # currency | over_balance | no_amount (domain/payments.py)
    related_person_id: str | None = None  # never known from a payment; the Task's shape


@dataclass(frozen=True)
class RequestResultsCallBack(StaffAlert):
    """Ask staff to call the patient about their results (a FHIR Task; references only)."""

    patient_id: str
    related_person_id: str | None = None


@dataclass(frozen=True)
class ResultsCallBackRequested:
    task_id: str
    patient_id: str
