"""What a processed message leaves behind besides state: merged replies and audit records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.messages import Outbound
from bot.ports import AuditRecord, ConversationRecord
from dialogs.actions import audit_entries
from dialogs.engine import Reply
from dialogs.state import State
from domain import commands as c

# Engine notes that are audited (who proved identity, what was disclosed, safety escalations).
AUDITED_NOTES = {
    "verified": "identity.verified",
    "verification_failed": "identity.verification_failed",
    "locked": "conversation.locked",
    "disclosed": "record.disclosed",
    "emergency": "escalation.emergency",
    "handoff_requested": "escalation.requested",
    "linked": "identity.linked",
    "acting_for": "identity.acting_for",
    "proxy_refused": "identity.proxy_refused",
}


def merge(replies: list[Reply]) -> list[Outbound]:
    """All the replies of one message as one outbound message (one SMS thread entry, not five)."""
    if not replies:
        return []
    text = "\n\n".join(r.text for r in replies if r.text)
    choices = next((r.choices for r in reversed(replies) if r.choices), ())
    return [Outbound(text=text, choices=choices)]


def released_appointments(outcomes: list[c.Outcome]) -> list[str]:
    """Ids of the appointments a turn cancelled or moved away from."""
    released: list[str] = []
    for outcome in outcomes:
        match outcome:
            case c.Cancelled() | c.ReminderCancelled():
                released.append(outcome.appointment.id)
            case c.Rescheduled():
                released.append(outcome.old.id)
    return released


def audit_records(
    practice_id: str,
    conversation: ConversationRecord,
    state: State,
    notes: list[dict[str, Any]],
    outcomes: list[c.Outcome],
    now: dt.datetime,
) -> list[AuditRecord]:
    actor = (
        f"patient:{state.patient_id}"
        if state.patient_id
        else f"{conversation.channel}:unidentified"
    )
    base: dict[str, Any] = {"conversation_id": conversation.id, "channel": conversation.channel}
    if state.proxy_id and state.patient_id:
        # A parent acting for a child: the parent is who did it, the child whom it was for.
        actor = f"related-person:{state.proxy_id}"
        base["acting_for"] = f"Patient/{state.patient_id}"
    # Each feature names the audit entries of its outcomes (dialogs/features/).
    records: list[tuple[str, str, dict[str, Any]]] = [
        e for outcome in outcomes for e in audit_entries(outcome)
    ]
    for note in notes:
        action = AUDITED_NOTES.get(note["kind"])
        if action:
            subject = (
                f"Patient/{note['patient_id']}"
                if note.get("patient_id")
                else f"Conversation/{conversation.id}"
            )
            detail = {k: v for k, v in note.items() if k not in ("kind", "patient_id")}
            records.append((action, subject, detail))
    return [
        AuditRecord(
            practice_id=practice_id,
            actor=actor,
            action=action,
            subject=subject,
            at=now,
            detail={**base, **detail},
        )
        for action, subject, detail in records
    ]
