"""Staff take a conversation over and give it back (bot/staff_desk.py):

    POST /staff/api/conversations/{id}/claim     take its escalation (409 if someone holds it)
    POST /staff/api/conversations/{id}/messages  {"text"}: to the patient, on their channel
    POST /staff/api/conversations/{id}/notes     {"text"}: a note for staff, never sent
    POST /staff/api/conversations/{id}/handback  the assistant greets the patient and goes on
    POST /staff/api/conversations/{id}/close     done with, no greeting

Another practice's conversation is a 404 on each, as one that does not exist; an action that
does not fit the conversation's state is a 409 with the reason.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import DeploymentDep, RuntimeDep
from api.staff.conversations import Escalation, escalation_view
from api.staff.deps import SIGNED_IN, CurrentStaff, own_or_404
from bot.ports import ConversationRecord
from bot.staff_access import StaffMember
from bot.staff_desk import Refused, StaffDesk
from patient_assistant.bootstrap import Runtime
from patient_assistant.deployment import Deployment

router = APIRouter(prefix="/staff/api/conversations", tags=["staff take-over"], responses=SIGNED_IN)

ANSWERS: dict[int | str, dict[str, str]] = {
    404: {"description": "no such conversation in the staff member's practice"},
    409: {"description": "does not fit the conversation's state (the reason says why)"},
}


class StaffMessage(BaseModel):
    # An SMS thread of 1600 characters is Twilio's limit; the sender splits nothing longer.
    text: str = Field(min_length=1, max_length=1600)


class Sent(BaseModel):
    id: str  # the outbox message, or the note


def _desk(runtime: Runtime) -> StaffDesk:
    return StaffDesk(runtime.storage, runtime.assistant.texts, runtime.clock)


async def _own(runtime: Runtime, staff: StaffMember, conversation_id: str) -> ConversationRecord:
    async with runtime.storage.reading() as uow:
        return own_or_404(staff, await uow.conversations.get(conversation_id), "conversation")


def _wake_sender(deployment: Deployment, practice_id: str) -> None:
    """Send now rather than at the sender's next poll."""
    runtime = deployment.runtimes.get(practice_id)
    if runtime is not None and runtime.channels is not None and runtime.channels.loop:
        runtime.channels.loop.wake()


@router.post("/{conversation_id}/claim", summary="Take the conversation over", responses=ANSWERS)
async def claim(conversation_id: str, staff: CurrentStaff, runtime: RuntimeDep) -> Escalation:
    conversation = await _own(runtime, staff, conversation_id)
    try:
        claimed = await _desk(runtime).claim(staff, conversation)
    except Refused as e:
        raise HTTPException(status_code=409, detail=str(e)) from e
    view = escalation_view(claimed)
    assert view is not None
    return view


@router.post(
    "/{conversation_id}/messages",
    summary="Write to the patient on their channel",
    responses=ANSWERS,
    status_code=202,
)
async def message(
    conversation_id: str,
    body: StaffMessage,
    staff: CurrentStaff,
    runtime: RuntimeDep,
    deployment: DeploymentDep,
) -> Sent:
    conversation = await _own(runtime, staff, conversation_id)
    try:
        outbox_id = await _desk(runtime).send(staff, conversation, body.text)
    except Refused as e:
        raise HTTPException(status_code=409, detail=str(e)) from e
    _wake_sender(deployment, conversation.practice_id)
    return Sent(id=outbox_id)


@router.post(
    "/{conversation_id}/notes",
    summary="Add a note for the practice's staff (the patient never sees it)",
    responses=ANSWERS,
    status_code=201,
)
async def note(
    conversation_id: str, body: StaffMessage, staff: CurrentStaff, runtime: RuntimeDep
) -> Sent:
    conversation = await _own(runtime, staff, conversation_id)
    return Sent(id=await _desk(runtime).note(staff, conversation, body.text))


@router.post(
    "/{conversation_id}/handback",
    summary="Give the conversation back to the assistant",
    responses=ANSWERS,
    status_code=204,
)
async def handback(
    conversation_id: str, staff: CurrentStaff, runtime: RuntimeDep, deployment: DeploymentDep
) -> None:
    conversation = await _own(runtime, staff, conversation_id)
    try:
        await _desk(runtime).hand_back(staff, conversation)
    except Refused as e:
        raise HTTPException(status_code=409, detail=str(e)) from e
    _wake_sender(deployment, conversation.practice_id)


@router.post(
    "/{conversation_id}/close",
    summary="Close the escalation",
    responses=ANSWERS,
    status_code=204,
)
async def close(conversation_id: str, staff: CurrentStaff, runtime: RuntimeDep) -> None:
    conversation = await _own(runtime, staff, conversation_id)
    try:
        await _desk(runtime).close(staff, conversation)
    except Refused as e:
        raise HTTPException(status_code=409, detail=str(e)) from e
