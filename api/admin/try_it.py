"""`POST /admin/api/try`: the editor's "try it" chat against a saved version (the draft).

The version runs in an isolated runtime on a throwaway FHIR sandbox (patient_assistant/
try_it.py), never against the practice's FHIR server or its patients. Admin only, scoped to
the admin's practice (another practice's version is 404), audited as `flows.tried` with the
version and the session, never with what was typed or answered.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from api.admin.deps import FlowAdminDep
from api.admin.flows import AUTH, MAX_VERSION, NOT_FOUND
from api.deps import DeploymentDep
from bot.flow_admin import NotFound
from bot.ports import AuditRecord
from dialogs.schema import FlowError
from patient_assistant.try_it import TrySessions

router = APIRouter(prefix="/admin/api", tags=["admin: flows"])


class TryInput(BaseModel):
    version: int = Field(
        ge=1, le=MAX_VERSION, description="the saved version to talk to (usually the draft)"
    )
    message: str = Field(min_length=1, max_length=1600, description="what the patient says")
    restart: bool = Field(default=False, description="start a fresh conversation and sandbox")


class TryAnswer(BaseModel):
    session: str
    version: int
    started: bool = Field(description="a new session (and sandbox) was started for this")
    replies: list[str]


def sessions_of(request: Request) -> TrySessions:
    """The process's try-it sessions (made with the app; an app without them gets them here)."""
    found: TrySessions | None = getattr(request.app.state, "try_sessions", None)
    if found is None:
        found = request.app.state.try_sessions = TrySessions()
    return found


@router.post(
    "/try",
    summary="Say something to a version in an isolated sandbox; the assistant's replies",
    responses=AUTH | NOT_FOUND | {422: {"description": "the version does not load"}},
)
async def try_it(
    body: TryInput, admin: FlowAdminDep, deployment: DeploymentDep, request: Request
) -> TryAnswer:
    who = admin.who
    try:
        version = await admin.service.version(who, body.version)
    except NotFound as e:
        raise HTTPException(status_code=404, detail=str(e)) from e
    runtime = deployment.runtimes.get(who.practice_id, deployment.default)
    try:
        answer = await sessions_of(request).say(
            runtime.settings, runtime.nlu, who.id, version, body.message, restart=body.restart
        )
    except (FlowError, ValueError) as e:
        raise HTTPException(
            status_code=422, detail=f"version {version.number} does not load: {e}"
        ) from e
    async with runtime.storage.unit_of_work() as uow:
        await uow.audit.append(
            AuditRecord(
                practice_id=who.practice_id,
                actor=who.actor,
                action="flows.tried",
                subject=f"FlowVersion/{version.number}",
                at=runtime.clock.now(),
                detail={
                    "version": version.number,
                    "session": answer.session,
                    "started": answer.started,
                },
            )
        )
    return TryAnswer(
        session=answer.session,
        version=answer.version,
        started=answer.started,
        replies=answer.replies,
    )


@router.delete("/try", status_code=204, summary="End the admin's try-it session", responses=AUTH)
async def end_try(admin: FlowAdminDep, request: Request) -> None:
    await sessions_of(request).end(admin.who.practice_id, admin.who.id)
