"""Stripe's webhook: verified by Stripe's signature (or 400, nothing kept), then the payment it
reports goes through the one write-back path (bot/payments.py), which records it once.

A refused payment (an amount that does not match the bill) is still answered 200: Stripe
would otherwise send it again and again, and staff have been told. Only the record system
being down answers 503, so Stripe retries later.

With several practices, the session's metadata names the practice whose record has the bill
(every practice's sessions are made with the deployment's Stripe settings, so any practice's
client verifies the signature); a session naming none is the first practice's.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from adapters.payments.stripe_checkout import StripePayments, WebhookRefused
from api.deps import DeploymentDep
from domain.errors import RecordSystemUnavailable
from domain.payments import PaymentRecorded

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhooks"])
#: What Stripe sends and may be answered (the OpenAPI document says what the route takes).
EVENT: dict[str, Any] = {
    "parameters": [
        {
            "name": "Stripe-Signature",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "Stripe's signature of the payload (required to be accepted)",
        }
    ],
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
}
ANSWERS: dict[int | str, dict[str, Any]] = {
    400: {"description": "the signature is not verified: nothing is recorded"},
    404: {"description": "Stripe is not the provider here, or the practice is not served here"},
    503: {"description": "the practice's record system is unavailable (Stripe retries)"},
}


@router.post("/webhooks/stripe", responses=ANSWERS, openapi_extra=EVENT)
async def stripe_webhook(request: Request, deployment: DeploymentDep) -> dict[str, str]:
    verifier = deployment.default.stripe
    if verifier is None:
        raise HTTPException(status_code=404, detail="Stripe is not this deployment's provider")
    payload = await request.body()
    try:
        payment = verifier.completed_payment(payload, request.headers.get("stripe-signature"))
    except WebhookRefused as e:
        log.warning("stripe webhook refused: %s", e)
        raise HTTPException(status_code=400, detail="signature not verified") from e
    if payment is None:
        return {"result": "ignored"}
    practice = StripePayments.practice_in(payload)
    runtime = deployment.for_payment(practice)
    if runtime is None:
        # The practice id is ours, not the patient's: loggable. Not 2xx, so Stripe keeps the
        # event and sends it again (for days): nothing is lost if the practice is loaded again.
        log.warning("stripe webhook for practice %s refused: not served here", practice)
        raise HTTPException(status_code=404, detail="no such practice in this deployment")
    assert runtime.payments is not None
    try:
        outcome = await runtime.payments.complete(payment)
    except RecordSystemUnavailable as e:
        raise HTTPException(status_code=503, detail="record system unavailable") from e
    if isinstance(outcome, PaymentRecorded):
        return {"result": "recorded" if outcome.new else "already_recorded"}
    return {"result": "refused"}
