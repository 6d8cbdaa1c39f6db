"""Escalations (`bot.ports.Escalations`): one statement per change, so two staff members
claiming at once cannot both win."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.crypto import Sealed
from adapters.sql.models import EscalationRow, StaffNoteRow, table_of
from adapters.sql.sealing import Sealing
from bot.ports.escalations import EscalationRecord, StaffNote

_escalations = table_of(EscalationRow)
_notes = table_of(StaffNoteRow)
_live = _escalations.c.state != "closed"


def _record(row: Any) -> EscalationRecord:
    return EscalationRecord(**row._mapping)


class SqlEscalations:
    def __init__(self, connection: AsyncConnection, sealing: Sealing) -> None:
        self._conn = connection
        self._keyring = sealing.keyring

    async def open(self, escalation: EscalationRecord) -> EscalationRecord:
        existing = await self.live(escalation.conversation_id)
        if existing is not None:
            return existing
        # The conversation's messages are processed one at a time (its lock), so the partial
        # unique index is a backstop, not the usual path.
        await self._conn.execute(_escalations.insert().values(dataclasses.asdict(escalation)))
        return escalation

    async def live(self, conversation_id: str) -> EscalationRecord | None:
        e = _escalations.c
        row = (
            await self._conn.execute(
                select(_escalations).where(e.conversation_id == conversation_id, _live)
            )
        ).first()
        return None if row is None else _record(row)

    async def live_of(self, practice_id: str) -> dict[str, EscalationRecord]:
        e = _escalations.c
        rows = await self._conn.execute(
            select(_escalations).where(e.practice_id == practice_id, _live)
        )
        return {r.conversation_id: r for r in map(_record, rows)}

    async def claim(self, escalation_id: str, staff_id: str, now: dt.datetime) -> bool:
        e = _escalations.c
        stmt = (
            update(_escalations)
            .where(e.id == escalation_id, e.state == "open")
            .values(state="claimed", holder=staff_id, claimed_at=now)
        )
        return (await self._conn.execute(stmt)).rowcount == 1

    async def close(self, escalation_id: str, now: dt.datetime) -> bool:
        e = _escalations.c
        stmt = (
            update(_escalations)
            .where(e.id == escalation_id, _live)
            .values(state="closed", closed_at=now)
        )
        return (await self._conn.execute(stmt)).rowcount == 1

    async def make_urgent(
        self, escalation_id: str, due_at: dt.datetime, task_id: str | None
    ) -> None:
        e = _escalations.c
        values: dict[str, Any] = {"urgency": "urgent", "due_at": due_at}
        if task_id is not None:
            values["task_id"] = task_id
        await self._conn.execute(
            update(_escalations).where(e.id == escalation_id, _live).values(**values)
        )

    async def add_note(self, note: StaffNote) -> None:
        values = dataclasses.asdict(note) | {"text_key": None}
        if self._keyring is not None:
            sealed = self._keyring.seal(note.text, note.id)
            values["text"], values["text_key"] = sealed.token, sealed.key_id
        await self._conn.execute(_notes.insert().values(values))

    async def notes(self, conversation_id: str) -> list[StaffNote]:
        n = _notes.c
        rows = await self._conn.execute(
            select(_notes).where(n.conversation_id == conversation_id).order_by(n.at, n.id)
        )
        found = []
        for row in rows:
            values = dict(row._mapping)
            key_id = values.pop("text_key")
            if key_id is not None and self._keyring is not None:
                values["text"] = self._keyring.open(Sealed(key_id, values["text"]), values["id"])
            found.append(StaffNote(**values))
        return found
