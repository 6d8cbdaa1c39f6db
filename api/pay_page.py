"""The sandbox provider's pay page, `/pay/{token}`: the practice, the amount and a Pay button.

Pressing Pay reports the payment through the same path as a provider's webhook
(bot/payments.py `PaymentDesk.complete`). Every link that cannot be paid gets a page that
says why in plain words and a 4xx status, never a 500: a changed or made-up link (400), a
bill the record does not have (404), a link already used or a bill already paid (410), an
expired link (410), an amount that does not match the bill (409, and staff are told).
The page shows no name, no date of birth and nothing clinical: the practice and the amount.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

from adapters.payments.sandbox import LinkClaim, LinkRefused, SandboxPayments
from api.deps import DeploymentDep
from domain.billing import money_text
from domain.errors import NotFound, RecordSystemUnavailable
from domain.payments import PaymentRecorded
from patient_assistant.bootstrap import Runtime
from patient_assistant.deployment import Deployment

router = APIRouter(tags=["payments"])

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;"
    "color:#1d2733}h1{font-size:1.3rem}.amount{font-size:2.2rem;font-weight:600;margin:.5rem 0}"
    "button{font-size:1.1rem;padding:.7rem 2.5rem;border:0;border-radius:.4rem;"
    "background:#1f6feb;color:#fff;cursor:pointer}.note{color:#57606a;font-size:.9rem}"
)

REFUSED = {
    "tampered": (
        400,
        "This payment link isn't valid",
        "Please use the link exactly as we sent it.",
    ),
    "expired": (
        410,
        "This payment link has expired",
        "Ask us for a new one by replying to our message, or call the practice.",
    ),
    "used": (410, "This payment link has already been used", "Your payment was received."),
    "paid": (410, "This bill is already paid", "There is nothing more to pay on it."),
    "unknown": (
        404,
        "We can't find this bill",
        "It may have been changed. Please call the practice.",
    ),
    "mismatch": (
        409,
        "This payment can't be taken",
        "The amount no longer matches the bill. Nothing was charged; our staff have been told.",
    ),
    "down": (
        503,
        "We can't take payments just now",
        "Our records system is not answering. Nothing was charged; please try again later.",
    ),
}


#: A page that refuses the link says why, with one of these (REFUSED); 404: not our link.
PAGE_ANSWERS: dict[int | str, dict[str, Any]] = {
    status: {
        "description": "the link cannot be paid (the page says why)",
        "content": {"text/html": {}},
    }
    for status in sorted({s for s, _, _ in REFUSED.values()})
}
# Not a link of a practice served here (JSON, as any missing route), or an unknown bill (the page).
PAGE_ANSWERS[404]["content"]["application/json"] = {}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        f"<!doctype html><html lang=en><meta charset=utf-8>"
        f'<meta name=viewport content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style>"
        f"<main><h1>{html.escape(title)}</h1>{body}</main></html>",
        status_code=status,
    )


def _refused(reason: str, practice: str = "") -> HTMLResponse:
    status, title, note = REFUSED[reason]
    head = f"<p>{html.escape(practice)}</p>" if practice else ""
    return _page(title, f"{head}<p class=note>{html.escape(note)}</p>", status)


def _links(runtime: Runtime) -> SandboxPayments:
    if runtime.pay_links is None:  # PAYMENT_PROVIDER=stripe: patients pay on Stripe's page
        raise HTTPException(status_code=404, detail="no such page")
    return runtime.pay_links


@router.get("/pay/done", response_class=HTMLResponse, include_in_schema=False)
async def done() -> HTMLResponse:
    """Where Stripe Checkout returns a patient after paying."""
    return _page("Thank you", "<p>Your payment is being processed. You can close this page.</p>")


@router.get("/pay/cancelled", response_class=HTMLResponse, include_in_schema=False)
async def cancelled() -> HTMLResponse:
    return _page("Payment cancelled", "<p>Nothing was charged. You can use the link again.</p>")


async def _check(runtime: Runtime, token: str) -> LinkClaim | str:
    """The link's claim if it can be paid now, else the reason it cannot."""
    try:
        claim = _links(runtime).claim(token)
    except LinkRefused as e:
        return e.reason
    try:
        invoice = await runtime.fhir.billing.invoice(claim.invoice_id)
        if not invoice.answers_for(claim.patient_id):
            return "unknown"
        if await runtime.fhir.billing.recorded(claim.payment_id):
            return "used"
    except NotFound:
        return "unknown"
    except RecordSystemUnavailable:
        return "down"
    return claim if invoice.is_open else "paid"


async def _practice_name(runtime: Runtime) -> str:
    try:
        return (await runtime.fhir.practice.practice()).name
    except RecordSystemUnavailable:
        return ""


def _practice_of(deployment: Deployment, token: str) -> Runtime:
    """The runtime of the practice whose link it is (its record has the bill)."""
    runtime = deployment.for_payment(SandboxPayments.practice_in(token))
    if runtime is None:  # a practice not served here (or a made-up one): not our link
        raise HTTPException(status_code=404, detail="no such page")
    return runtime


@router.get("/pay/{token}", response_class=HTMLResponse, responses=PAGE_ANSWERS)
async def pay_page(token: str, deployment: DeploymentDep) -> HTMLResponse:
    """The pay page of a sandbox payment link."""
    runtime = _practice_of(deployment, token)
    checked = await _check(runtime, token)
    practice = await _practice_name(runtime)
    if isinstance(checked, str):
        return _refused(checked, practice)
    amount = money_text(checked.cents, checked.currency)
    return _page(
        practice or "Pay your bill",
        "<p>Amount due</p>"
        f"<p class=amount id=amount>{html.escape(amount)}</p>"
        f"<form method=post><button type=submit id=pay>Pay</button></form>"
        f"<p class=note>Demo payments: nothing is charged to a card.</p>",
    )


@router.post("/pay/{token}", response_class=HTMLResponse, responses=PAGE_ANSWERS)
async def pay(token: str, deployment: DeploymentDep) -> HTMLResponse:
    """Pressing Pay: the payment is reported as a provider's webhook would report it."""
    runtime = _practice_of(deployment, token)
    checked = await _check(runtime, token)
    practice = await _practice_name(runtime)
    if isinstance(checked, str):
        return _refused(checked, practice)
    assert runtime.payments is not None
    try:
        outcome = await runtime.payments.complete(checked.completed(runtime.clock.now()))
    except RecordSystemUnavailable:
        return _refused("down", practice)
    if not isinstance(outcome, PaymentRecorded):
        reason = {"unknown_invoice": "unknown", "not_theirs": "unknown", "not_open": "paid"}
        return _refused(reason.get(outcome.reason, "mismatch"), practice)
    if not outcome.new:
        return _refused("used", practice)
    amount = money_text(checked.cents, checked.currency)
    left = (
        f"<p>{html.escape(money_text(outcome.remaining_cents, checked.currency))} is still owed.</p>"
        if outcome.remaining_cents
        else ""
    )
    return _page(
        "Thank you",
        f"<p>{html.escape(practice)} has received your payment of "
        f"<span id=paid>{html.escape(amount)}</span>.</p>{left}"
        f"<p class=note>You can close this page.</p>",
    )
