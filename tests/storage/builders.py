"""Records with unique ids, so tests never depend on each other's rows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from bot.ports import AuditRecord, InboundRecord, OutboxRecord

NOW = dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.UTC)


def uid(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex[:12]}"


def inbound(
    provider_message_id: str | None = None, *, at: dt.datetime = NOW, **fields: Any
) -> InboundRecord:
    values: dict[str, Any] = {
        "id": uid("in-"),
        "practice_id": "p1",
        "channel": "sms",
        "provider_message_id": provider_message_id or uid("SM"),
        "address": "+15550100",
        "body": "hi",
        "received_at": at,
    }
    return InboundRecord(**(values | fields))


def outbound(*, created_at: dt.datetime = NOW, **fields: Any) -> OutboxRecord:
    values: dict[str, Any] = {
        "id": uid("out-"),
        "practice_id": "p1",
        "conversation_id": None,
        "channel": "sms",
        "address": "+15550100",
        "payload": {"text": "See you soon"},
        "created_at": created_at,
    }
    return OutboxRecord(**(values | fields))


def audit_record(subject: str = "Appointment/1", **fields: Any) -> AuditRecord:
    values: dict[str, Any] = {
        "practice_id": "p1",
        "actor": "system",
        "action": "appointment.booked",
        "subject": subject,
        "at": NOW,
        "detail": {"slot": "Slot/1"},
    }
    return AuditRecord(**(values | fields))


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)
