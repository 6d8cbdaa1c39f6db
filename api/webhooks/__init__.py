"""Provider webhooks: verify (fail closed), normalise, record, answer; the work happens after."""

from fastapi import APIRouter

from api.webhooks import fhir_results, telegram, twilio


def routers() -> list[APIRouter]:
    return [twilio.router, telegram.router, fhir_results.router]
