"""Conversations as staff read them (`bot.ports.Transcripts`): message bodies opened here,
in storage, like every other read of them."""

from __future__ import annotations

from dataclasses import fields

from sqlalchemy import ColumnElement, and_, case, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.models import (
    ConversationRow,
    EscalationRow,
    InboundMessageRow,
    OutboxRow,
    table_of,
)
from adapters.sql.records import to_record
from adapters.sql.sealing import Sealing
from bot.ports import ConversationRecord, QueueFilter, TranscriptLine
from bot.ports.staff import EVERY_CONVERSATION

_conversations = table_of(ConversationRow)
_escalations = table_of(EscalationRow)
_inbound = table_of(InboundMessageRow)
_outbox = table_of(OutboxRow)
_record_columns = [_conversations.c[f.name] for f in fields(ConversationRecord)]


class SqlTranscripts:
    """Transcripts of one unit of work: every statement runs on its connection."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing) -> None:
        self._conn = connection
        self._sealing = sealing

    async def conversations(
        self, practice_id: str, limit: int = 100, only: QueueFilter = EVERY_CONVERSATION
    ) -> list[ConversationRecord]:
        # The filters and the queue's order are the query's, so the limit cuts the list only
        # after them: a live escalation, however old, comes before any conversation without.
        c, e = _conversations.c, _escalations.c
        live = and_(e.conversation_id == c.id, e.practice_id == c.practice_id, e.state != "closed")
        wanted: list[ColumnElement[bool]] = [c.practice_id == practice_id]
        if only.status == "none":
            wanted.append(e.id.is_(None))
        elif only.status is not None:
            wanted.append(e.state == only.status)
        if only.urgency is not None:
            wanted.append(e.urgency == only.urgency)
        if only.channel is not None:
            wanted.append(c.channel == only.channel)
        if only.holder is not None:
            wanted.append(e.holder == only.holder)
        stmt = (
            select(*_record_columns)
            .select_from(_conversations.outerjoin(_escalations, live))
            .where(*wanted)
            .order_by(
                e.id.is_(None),
                case((e.urgency == "urgent", 0), else_=1),
                e.due_at,
                c.updated_at.desc(),
                c.id,
            )
            .limit(limit)
        )
        return [to_record(ConversationRecord, row) for row in await self._conn.execute(stmt)]

    async def transcript(self, conversation_id: str) -> list[TranscriptLine]:
        i, o = _inbound.c, _outbox.c
        received = await self._conn.execute(
            select(_inbound).where(i.conversation_id == conversation_id).order_by(i.seq)
        )
        written = await self._conn.execute(
            select(_outbox).where(o.conversation_id == conversation_id).order_by(o.seq)
        )
        lines = [
            TranscriptLine("in", m.received_at, m.body, m.status)
            for m in map(self._sealing.inbound_record, received)
        ]
        lines += [
            TranscriptLine("out", m.created_at, m.payload.get("text"), m.status)
            for m in map(self._sealing.outbox_record, written)
        ]
        # A reply is written after the message it answers: on a tie, the patient's first.
        return sorted(lines, key=lambda line: (line.at, line.direction != "in"))
