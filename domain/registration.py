"""Registration: a new patient from a conversation, unless they are likely on record already
(then staff review a Task). The service is domain/identity.py's Identity."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.model import Patient
from domain.patients import NewPatient


@dataclass(frozen=True)
class RegisterPatient:
    """Register a new patient, unless they are likely on record already.

    `request_id` is the same when the same message is retried, so the create is conditional
    on it and a retry never makes two records.
    """

    conversation_id: str
    person: NewPatient
    request_id: str
    channel: str = ""
    # A chat with no phone number (Telegram) is linked to the new patient at once.
    chat_address: str | None = None
    # By when staff should answer if it is a likely duplicate (the escalation's due time,
    # set by the runtime from the practice's response target; bot/escalations.py).
    due_at: dt.datetime | None = None


@dataclass(frozen=True)
class PatientRegistered:
    patient: Patient


@dataclass(frozen=True)
class ReferredToStaff:
    """A likely duplicate: no Patient was created; staff review the Task."""

    task_id: str
    candidate_ids: tuple[str, ...]
