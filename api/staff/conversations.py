"""`GET /staff/api/conversations` and `GET /staff/api/conversations/{id}`: a staff member's
own practice's conversations, and one's transcript. Another practice's conversation is a 404,
exactly as one that does not exist. Every view of a transcript is audited (who, which
conversation, how many messages; never their text)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import RuntimeDep
from api.staff.deps import SIGNED_IN, CurrentStaff, own_or_404
from bot.ports import AuditRecord, ConversationRecord, EscalationRecord, QueueFilter

router = APIRouter(prefix="/staff/api", tags=["staff conversations"], responses=SIGNED_IN)


class Escalation(BaseModel):
    """Why the conversation was handed to staff, who holds it, and by when to reply."""

    id: str
    reason: str
    urgency: Literal["urgent", "normal"]
    state: Literal["open", "claimed"]
    holder: str | None  # a staff account id
    opened_at: dt.datetime
    due_at: dt.datetime
    claimed_at: dt.datetime | None
    task_id: str | None  # the FHIR Task that tells the practice


class ConversationSummary(BaseModel):
    id: str
    channel: str
    address: str
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    escalation: Escalation | None = None  # the open or claimed one


def escalation_view(e: EscalationRecord | None) -> Escalation | None:
    if e is None:
        return None
    return Escalation.model_validate(
        {k: v for k, v in dataclasses.asdict(e).items() if k in Escalation.model_fields}
    )


class Line(BaseModel):
    direction: Literal["in", "out"]
    at: dt.datetime
    text: str | None  # null once the retention period removed it
    status: str


class Note(BaseModel):
    at: dt.datetime
    staff_id: str
    text: str


class Transcript(ConversationSummary):
    messages: list[Line]
    notes: list[Note] = []  # staff's notes about it, oldest first


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
    status: Annotated[
        Literal["open", "claimed", "none"] | None,
        Query(description="the escalation's state; none: with the assistant"),
    ] = None,
    urgency: Literal["urgent", "normal"] | None = None,
    channel: Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$")] = None,
    assignee: Annotated[
        str | None,
        # An id is letters, digits and dashes: anything else (a NUL was a 500) is a 422.
        Query(description="who holds it: a staff account id, or me", pattern=r"^[\w-]{1,64}$"),
    ] = None,
) -> list[ConversationSummary]:
    # Filtered by the query itself, before its limit: an old escalation is never missed.
    only = QueueFilter(
        status=status,
        urgency=urgency,
        channel=channel,
        holder=staff.id if assignee == "me" else assignee,
    )
    async with runtime.storage.reading() as uow:
        # In the queue's order: urgent first, then by when a reply is due; then the rest,
        # latest first.
        chosen = await uow.transcripts.conversations(staff.practice_id, limit, only)
        live = await uow.escalations.live_of(staff.practice_id)
    return [
        ConversationSummary.model_validate(
            _summary(c) | {"escalation": escalation_view(live.get(c.id))}
        )
        for c in chosen
    ]


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
        escalation = escalation_view(await uow.escalations.live(found.id))
        notes = [
            Note(at=n.at, staff_id=n.staff_id, text=n.text)
            for n in await uow.escalations.notes(found.id)
        ]
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
    return Transcript.model_validate(
        _summary(found) | {"messages": messages, "escalation": escalation, "notes": notes}
    )
