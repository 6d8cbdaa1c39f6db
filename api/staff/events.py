"""`GET /staff/api/events`: the signed-in staff member's practice's conversation changes as
Server-Sent Events, so the console shows a new escalation or message without reloading.

    retry: 2000

    id: 42
    event: conversation
    data: {"conversation_id": "...", "change": "escalation_opened", "urgency": "urgent", "at": "..."}

    : keep-alive

Ids and metadata only, never a message's text: the console fetches the transcript, which is
the audited view. The token comes in the `Authorization` header as on every staff route (the
console reads the stream with fetch(), since EventSource cannot send headers), never in the
query string, where it would be logged. `Last-Event-ID` resumes after that event, replaying
what was missed while events are kept (a day). The feed, its ordering and its wake-ups are
bot/staff_events.py's.

A stream outlives its request's authentication: every `KEEPALIVE_SECONDS` it checks the token
again (expired, revoked, idle, account disabled) and ends if it no longer holds; the
console's reconnect then gets its 401.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import StreamingResponse

from api.deps import RuntimeDep
from api.staff.deps import CurrentStaff, StaffAccessDep
from bot.ports import StaffEvent
from bot.staff_access import StaffAccess, StaffMember
from bot.staff_events import StaffEventFeed

router = APIRouter(prefix="/staff/api", tags=["staff events"])

#: A comment line at least this often on a quiet stream, so proxies and browsers keep it.
KEEPALIVE_SECONDS = 10.0
#: What the browser waits before reconnecting, in milliseconds (the stream's first line).
RETRY_MS = 2000
HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}

DESCRIPTION = """Server-Sent Events of the staff member's own practice only. Send the token as
`Authorization: Bearer <token>` (read the stream with fetch(); EventSource cannot send it).

The stream starts with `retry: 2000`. Each event is
`id: <increasing integer>`, `event: conversation` and `data:` one line of JSON:
`{"conversation_id": str, "change": "escalation_opened" | "escalation_urgent" | "claimed" |
"message_in" | "message_out" | "note" | "handed_back" | "closed", "urgency": "urgent" |
"normal" | null, "at": ISO-8601 UTC}`; no message text (fetch the conversation for that).
A `: keep-alive` comment comes at least every 15 seconds. Reconnect with `Last-Event-ID` to
get the events after it (kept for a day). The stream ends when the token no longer holds."""


def sse(event: StaffEvent) -> str:
    at = event.at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    data = {
        "conversation_id": event.conversation_id,
        "change": event.change,
        "urgency": event.urgency,
        "at": at,
    }
    return f"id: {event.id}\nevent: conversation\ndata: {json.dumps(data)}\n\n"


def _cursor(last_event_id: str | None) -> int | None:
    if last_event_id is None or not last_event_id.strip():
        return None
    if not last_event_id.strip().isdigit():
        raise HTTPException(
            status_code=400, detail="Last-Event-ID must be the id of an event (a whole number)"
        )
    return int(last_event_id)


async def _body(
    feed: StaffEventFeed, access: StaffAccess, staff: StaffMember, after: int | None
) -> AsyncIterator[str]:
    yield f"retry: {RETRY_MS}\n\n"
    stream = feed.stream(staff.practice_id, after, KEEPALIVE_SECONDS)
    checked = time.monotonic()
    try:
        async for event in stream:
            if time.monotonic() - checked >= KEEPALIVE_SECONDS:
                if not await access.still_valid(staff):
                    return
                checked = time.monotonic()
            yield ": keep-alive\n\n" if event is None else sse(event)
    finally:
        await stream.aclose()


@router.get(
    "/events",
    summary="Live changes of the practice's conversations (Server-Sent Events)",
    description=DESCRIPTION,
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "the event stream"},
        400: {"description": "Last-Event-ID is not an event id"},
        401: {"description": "no token, or one expired, idle, revoked or of a disabled account"},
    },
)
async def events(
    staff: CurrentStaff,
    access: StaffAccessDep,
    runtime: RuntimeDep,
    last_event_id: Annotated[
        str | None,
        Header(alias="Last-Event-ID", description="resume after this event (reconnecting)"),
    ] = None,
) -> StreamingResponse:
    after = _cursor(last_event_id)
    if runtime.staff_events is None:
        raise HTTPException(status_code=503, detail="the event stream is not configured")
    return StreamingResponse(
        _body(runtime.staff_events, access, staff, after),
        media_type="text/event-stream",
        headers=HEADERS,
    )
