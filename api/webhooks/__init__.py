"""Provider webhooks: verify (fail closed), normalise, record, answer; the work happens after."""

from fastapi import APIRouter

from api.webhooks import fhir_results, stripe, telegram, twilio


def routers() -> list[APIRouter]:
    return [twilio.router, telegram.router, stripe.router, fhir_results.router]
