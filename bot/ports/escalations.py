"""Escalations: conversations a person on the practice's staff takes over (bot/escalations.py).

    open   the assistant asked staff to reply; it no longer answers the patient
    claimed  one staff member holds it and talks to the patient
    closed   handed back to the assistant, or closed by staff

At most one escalation of a conversation is not closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

Reason = Literal[
    "human_requested",
    "emergency",
    "not_understood_twice",
    "locked_verification",
    "duplicate_registration",
    "payment_mismatch",
    "flow_hand_off",
]
Urgency = Literal["urgent", "normal"]


@dataclass
class EscalationRecord:
    id: str
    practice_id: str
    conversation_id: str
    reason: str
    urgency: str
    state: str  # open | claimed | closed
    opened_at: dt.datetime
    due_at: dt.datetime  # by when a person should reply (the practice's response target)
    holder: str | None = None  # staff account id
    claimed_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    task_id: str | None = None  # the FHIR Task that tells the practice


@dataclass
class StaffNote:
    id: str
    practice_id: str
    conversation_id: str
    staff_id: str
    at: dt.datetime
    text: str


class Escalations(Protocol):
    async def open(self, escalation: EscalationRecord) -> EscalationRecord:
        """Open `escalation` unless its conversation has one not closed; returns the one that
        is live afterwards (the existing one, or this)."""
        ...

    async def live(self, conversation_id: str) -> EscalationRecord | None:
        """The conversation's open or claimed escalation."""
        ...

    async def live_of(self, practice_id: str) -> dict[str, EscalationRecord]:
        """The practice's open or claimed escalations by conversation id."""
        ...

    async def claim(self, escalation_id: str, staff_id: str, now: dt.datetime) -> bool:
        """Claim an open escalation; False if someone else claimed it first (one statement)."""
        ...

    async def close(self, escalation_id: str, now: dt.datetime) -> bool:
        """Close a live escalation; False if it was already closed."""
        ...

    async def make_urgent(
        self, escalation_id: str, due_at: dt.datetime, task_id: str | None
    ) -> None:
        """An emergency in a conversation already with staff: urgent, due by `due_at`."""
        ...

    async def add_note(self, note: StaffNote) -> None: ...

    async def notes(self, conversation_id: str) -> list[StaffNote]:
        """The conversation's staff notes, oldest first."""
        ...
