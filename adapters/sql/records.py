"""Rows to port records and back.

Each table's columns carry the names of its record's fields, so the mapping
is by name; a renamed field fails loudly here rather than silently dropping data.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import Row

from bot.ports import AuditRecord, ConversationRecord, InboundRecord, OutboxRecord

R = TypeVar("R", AuditRecord, ConversationRecord, InboundRecord, OutboxRecord)


def to_record(kind: type[R], row: Row[Any]) -> R:
    """The record of `kind` read from a row holding every column of its table."""
    return kind(**row._mapping)


def to_values(
    record: AuditRecord | ConversationRecord | InboundRecord | OutboxRecord,
) -> dict[str, Any]:
    """Column values of a record, for INSERT."""
    return {f.name: getattr(record, f.name) for f in fields(record)}
