"""POST /webhooks/telegram: updates pushed by Telegram (see setWebhook's secret_token).

The X-Telegram-Bot-Api-Secret-Token header must equal TELEGRAM_WEBHOOK_SECRET (or, with
several practices, one practice's bot's secret: the update is that practice's), compared in
constant time; otherwise 403 and nothing is recorded. Updates are deduplicated by update_id.
A pressed button is acknowledged in the webhook's own answer (answerCallbackQuery), which
Telegram allows, so the button stops spinning without another API call.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from adapters.telegram.updates import inbound_of_update
from api.deps import DeploymentDep
from bot import metrics

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhooks"])
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: What Telegram sends and may be answered (the OpenAPI document says what the route takes).
UPDATE: dict[str, Any] = {
    "parameters": [
        {
            "name": SECRET_HEADER,
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "the secret_token of setWebhook (required to be accepted)",
        }
    ],
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
}
ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"description": "recorded; answers a button press (answerCallbackQuery)"},
    204: {"description": "recorded, or not a message to the assistant"},
    400: {"description": "not a Telegram update"},
    403: {"description": "no valid secret token: nothing is recorded"},
}


@router.post("/webhooks/telegram", responses=ANSWERS, openapi_extra=UPDATE)
async def telegram(request: Request, deployment: DeploymentDep) -> Response:
    """An update from the Telegram Bot API, for the practice whose bot's secret it carries."""
    given = request.headers.get(SECRET_HEADER, "")
    runtime = deployment.by_telegram_secret(given) if given else None
    if runtime is None:
        metrics.WEBHOOK_REJECTED.inc()
        log.warning("telegram webhook refused: bad or missing secret token")
        raise HTTPException(status_code=403, detail="invalid secret token")
    try:
        raw: dict[str, Any] = await request.json()
        message = inbound_of_update(raw, runtime.settings.practice_id, runtime.clock.now())
    except (ValueError, ValidationError, RecursionError) as e:  # RecursionError: deep JSON
        raise HTTPException(status_code=400, detail="not a Telegram update") from e
    if message is None:
        return Response(status_code=204)  # an update that is not a message to the assistant
    conversation_id = await runtime.assistant.receive(message)
    if conversation_id is not None:
        assert runtime.channels is not None
        await runtime.channels.dispatcher.conversation_received(conversation_id)
    log.info(
        "telegram update=%s recorded=%s", message.provider_message_id, conversation_id is not None
    )
    callback = raw.get("callback_query")
    if isinstance(callback, dict) and callback.get("id"):
        return JSONResponse(
            {"method": "answerCallbackQuery", "callback_query_id": str(callback["id"])}
        )
    return Response(status_code=204)
