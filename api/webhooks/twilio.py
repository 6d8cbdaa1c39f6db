"""POST /webhooks/twilio/sms, /webhooks/twilio/whatsapp and /webhooks/twilio/status.

Each request is checked against X-Twilio-Signature first; without a valid one the answer
is 403 and nothing is recorded. A message is recorded (deduplicated by MessageSid) before
the answer, and its conversation is handed off to be processed after it, so Twilio's
15-second timeout is never near. Replies go out through the outbox, not in the TwiML.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from starlette.datastructures import FormData

from adapters.twilio.webhook import delivery_of, inbound_of, is_signed, public_url
from api.deps import DeploymentDep, RuntimeDep
from bot import metrics

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks/twilio", tags=["webhooks"])
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

#: What Twilio posts (the fields read here; Twilio sends more) and what it may be answered:
#: declared so that the OpenAPI document, and what is fuzzed from it, is what the route takes.
_FORM = {
    "type": "object",
    "properties": {
        name: {"type": "string"}
        for name in ("MessageSid", "AccountSid", "From", "To", "Body", "NumMedia", "MessageStatus")
    },
}
SIGNED: dict[str, Any] = {
    "parameters": [
        {
            "name": "X-Twilio-Signature",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "Twilio's signature of the URL and form (required to be accepted)",
        }
    ],
    "requestBody": {
        "required": True,
        "content": {"application/x-www-form-urlencoded": {"schema": _FORM}},
    },
}
REFUSED: dict[int | str, dict[str, Any]] = {
    403: {"description": "no valid X-Twilio-Signature: nothing is recorded"},
}
RECEIVED: dict[int | str, dict[str, Any]] = {
    200: {"description": "recorded (empty TwiML)", "content": {"text/xml": {}}},
    400: {"description": "a required field is missing"},
    404: {"description": "no practice here owns the number written to"},
    **REFUSED,
}


async def _signed_form(request: Request, runtime: RuntimeDep) -> FormData:
    settings = runtime.settings
    form = await request.form()
    url = public_url(settings.public_base_url, request.url.path, request.url.query)
    if not is_signed(
        settings.twilio_auth_token or "",
        url,
        form,
        request.headers.get("X-Twilio-Signature"),
        request.headers.get("X-Twilio-Webhooks-Signature-Settings"),
    ):
        metrics.WEBHOOK_REJECTED.inc()
        log.warning("twilio webhook %s refused: bad or missing signature", request.url.path)
        raise HTTPException(status_code=403, detail="invalid signature")
    return form


SignedForm = Annotated[FormData, Depends(_signed_form)]


async def _receive(
    channel: str, form: SignedForm, deployment: DeploymentDep, request: Request
) -> Response:
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    # The practice is the one that owns the number the patient wrote to.
    runtime = deployment.by_address(channel, fields.get("To", ""))
    if runtime is None:
        metrics.WEBHOOK_REJECTED.inc()
        raise HTTPException(status_code=404, detail="no practice here owns the number written to")
    try:
        message = inbound_of(fields, channel, runtime.settings.practice_id, runtime.clock.now())
    except KeyError as e:
        raise HTTPException(status_code=400, detail=f"missing field {e.args[0]}") from e
    except ValueError as e:
        raise HTTPException(status_code=400, detail=str(e)) from e
    conversation_id = await runtime.assistant.receive(message)
    if conversation_id is None:
        metrics.WEBHOOK_DUPLICATES.inc()
    else:
        metrics.WEBHOOK_MESSAGES.inc()
        assert runtime.channels is not None
        await runtime.channels.dispatcher.conversation_received(conversation_id)
    log.info(
        "twilio %s message=%s recorded=%s",
        channel,
        message.provider_message_id,
        conversation_id is not None,
    )
    return Response(EMPTY_TWIML, media_type="text/xml")


@router.post("/sms", responses=RECEIVED, openapi_extra=SIGNED, response_class=Response)
async def sms(form: SignedForm, deployment: DeploymentDep, request: Request) -> Response:
    """An incoming SMS, for the practice that owns the number in `To`."""
    return await _receive("sms", form, deployment, request)


@router.post("/whatsapp", responses=RECEIVED, openapi_extra=SIGNED, response_class=Response)
async def whatsapp(form: SignedForm, deployment: DeploymentDep, request: Request) -> Response:
    """An incoming WhatsApp message, for the practice that owns the sender in `To`."""
    return await _receive("whatsapp", form, deployment, request)


@router.post("/status", status_code=204, responses=REFUSED, openapi_extra=SIGNED)
async def status(form: SignedForm, runtime: RuntimeDep) -> Response:
    """A delivery status callback; statuses only move forward, whatever order they come in."""
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    channel = "whatsapp" if fields.get("To", "").startswith("whatsapp:") else "sms"
    delivery = delivery_of(fields, channel, runtime.clock.now())
    if delivery is not None:
        async with runtime.storage.unit_of_work() as uow:
            moved = await uow.deliveries.record(delivery)
        log.info(
            "twilio status message=%s status=%s kept=%s",
            delivery.provider_message_id,
            delivery.status,
            moved,
        )
    return Response(status_code=204)
