"""`GET /staff/api/conversations` and `GET /staff/api/conversations/{id}`: a staff member's
own practice's conversations, and one's transcript. Another practice's conversation is a 404,
exactly as one that does not exist. Every view of a transcript is audited (who, which
conversation, how many messages; never their text)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import RuntimeDep
from api.staff.deps import CurrentStaff, own_or_404
from bot.ports import AuditRecord, ConversationRecord

router = APIRouter(prefix="/staff/api", tags=["staff conversations"])


class ConversationSummary(BaseModel):
    id: str
    channel: str
    address: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None


class Line(BaseModel):
    direction: Literal["in", "out"]
    at: dt.datetime
    text: str | None  # null once the retention period removed it
    status: str


class Transcript(ConversationSummary):
    messages: list[Line]


def _summary(c: ConversationRecord) -> dict[str, object]:
    return {
        "id": c.id,
        "channel": c.channel,
        "address": c.address,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    }


@router.get("/conversations", summary="The practice's conversations, latest first")
async def conversations(
    staff: CurrentStaff,
    runtime: RuntimeDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[ConversationSummary]:
    async with runtime.storage.reading() as uow:
        found = await uow.transcripts.conversations(staff.practice_id, limit)
    return [ConversationSummary.model_validate(_summary(c)) for c in found]


@router.get(
    "/conversations/{conversation_id}",
    summary="One conversation's transcript",
    responses={404: {"description": "no such conversation in the staff member's practice"}},
)
async def conversation(
    conversation_id: str, staff: CurrentStaff, runtime: RuntimeDep
) -> Transcript:
    async with runtime.storage.reading() as uow:
        found = own_or_404(staff, await uow.conversations.get(conversation_id), "conversation")
        lines = await uow.transcripts.transcript(found.id)
    async with runtime.storage.unit_of_work() as uow:
        await uow.audit.append(
            AuditRecord(
                staff.practice_id,
                staff.actor,
                "conversation.viewed",
                f"Conversation/{found.id}",
                runtime.clock.now(),
                {"messages": len(lines)},
            )
        )
    messages = [Line(direction=x.direction, at=x.at, text=x.text, status=x.status) for x in lines]
    return Transcript.model_validate(_summary(found) | {"messages": messages})
