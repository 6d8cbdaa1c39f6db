"""Stripe's webhook: verified by Stripe's signature (or 400, nothing kept), then the payment it
reports goes through the one write-back path (bot/payments.py), which records it once.

A refused payment (an amount that does not match the bill) is still answered 200: Stripe
would otherwise send it again and again, and staff have been told. Only the record system
being down answers 503, so Stripe retries later.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Request

from adapters.payments.stripe_checkout import WebhookRefused
from api.deps import RuntimeDep
from domain.errors import RecordSystemUnavailable
from domain.payments import PaymentRecorded

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhooks"])


@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, runtime: RuntimeDep) -> dict[str, str]:
    if runtime.stripe is None:
        raise HTTPException(status_code=404, detail="Stripe is not this deployment's provider")
    payload = await request.body()
    try:
        payment = runtime.stripe.completed_payment(payload, request.headers.get("stripe-signature"))
    except WebhookRefused as e:
        log.warning("stripe webhook refused: %s", e)
        raise HTTPException(status_code=400, detail="signature not verified") from e
    if payment is None:
        return {"result": "ignored"}
    assert runtime.payments is not None
    try:
        outcome = await runtime.payments.complete(payment)
    except RecordSystemUnavailable as e:
        raise HTTPException(status_code=503, detail="record system unavailable") from e
    if isinstance(outcome, PaymentRecorded):
        return {"result": "recorded" if outcome.new else "already_recorded"}
    return {"result": "refused"}
