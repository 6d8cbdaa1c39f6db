"""The web chat of the demo: a visitor picks a demo patient and chats as them.

Messages go through exactly the same pipeline as SMS; only the channel is "web" and the
reply comes back in the HTTP response instead of through a provider.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from api.deps import DeploymentDep
from bot.messages import Inbound
from patient_assistant.bootstrap import DATA

router = APIRouter(tags=["web chat"])
PAGE = Path(__file__).with_name("static") / "webchat.html"


class ChatMessage(BaseModel):
    phone: str = Field(pattern=r"^\+[1-9]\d{6,14}$", description="the demo patient's number, E.164")
    text: str = Field(min_length=1, max_length=1600)
    practice: str | None = Field(
        default=None, description="the practice's id (default: the deployment's first practice)"
    )


@router.get("/", include_in_schema=False)
async def root() -> RedirectResponse:
    return RedirectResponse("/chat")


@router.get("/chat", response_class=HTMLResponse, include_in_schema=False)
async def page() -> str:
    return PAGE.read_text(encoding="utf-8")


@router.get("/chat/api/personas")
async def personas() -> list[dict[str, Any]]:
    return list(yaml.safe_load((DATA / "demo" / "personas.yaml").read_text(encoding="utf-8")))


@router.post(
    "/chat/api/messages", responses={404: {"description": "no practice here has this web chat"}}
)
async def send(message: ChatMessage, deployment: DeploymentDep) -> dict[str, Any]:
    runtime = deployment.for_web_chat(message.practice)
    if runtime is None:
        raise HTTPException(status_code=404, detail="no practice here has this web chat")
    inbound = Inbound(
        practice_id=runtime.settings.practice_id,
        channel="web",
        address=message.phone,
        text=message.text,
        provider_message_id=f"web-{uuid.uuid4().hex}",
        received_at=runtime.clock.now(),
    )
    handled = await runtime.assistant.handle(inbound)
    return {
        "replies": [r.to_json() for r in handled.replies],
        "kept_for_retry": handled.kept_for_retry,
    }
