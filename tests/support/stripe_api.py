"""A loopback stand-in of the Stripe API's Checkout Sessions, which the real `stripe` client
talks to (STRIPE_API_BASE_URL), and webhooks signed as Stripe signs them.

Like the Twilio and Telegram stand-ins (tests/support/standins.py): a real HTTP server on
127.0.0.1 in its own thread; every request is recorded with its form fields as Stripe's
client encodes them (`line_items[0][price_data][unit_amount]`). `completed_event` and
`signature` make a `checkout.session.completed` webhook and its `Stripe-Signature` header
by Stripe's documented scheme (HMAC-SHA256 of "{timestamp}.{body}" under the endpoint secret).

Fixture: `stripe_api`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.standins import StandIn, running

STRIPE_KEY = "sk_test_standin_0123456789"
WEBHOOK_SECRET = "whsec_standin_0123456789abcdef"


def _stripe_app(standin: StandIn) -> Starlette:
    async def create_session(request: Request) -> Response:
        fields = dict(await request.form())
        if request.headers.get("authorization") != f"Bearer {STRIPE_KEY}":
            standin._record(request.url.path, fields, 401)
            return JSONResponse(
                {"error": {"type": "invalid_request_error", "message": "Invalid API Key"}},
                status_code=401,
            )
        fields["stripe-account"] = request.headers.get("stripe-account", "")
        standin._record(request.url.path, fields, 200)
        session_id = f"cs_test_{uuid.uuid4().hex}"
        count = len({k.split("]")[0] for k in fields if k.startswith("line_items[")})
        total = sum(
            int(fields[f"line_items[{i}][price_data][unit_amount]"])
            * int(fields.get(f"line_items[{i}][quantity]", 1))
            for i in range(count)
        )
        metadata = {
            k[len("metadata[") : -1]: v for k, v in fields.items() if k.startswith("metadata[")
        }
        return JSONResponse(
            {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.test/c/pay/{session_id}",
                "mode": "payment",
                "status": "open",
                "payment_status": "unpaid",
                "amount_total": total,
                "currency": fields.get("line_items[0][price_data][currency]"),
                "client_reference_id": fields.get("client_reference_id"),
                "metadata": metadata,
                "expires_at": int(fields.get("expires_at", 0)),
            }
        )

    return Starlette(routes=[Route("/v1/checkout/sessions", create_session, methods=["POST"])])


def completed_event(session: dict[str, Any], **changes: Any) -> bytes:
    """The body of a `checkout.session.completed` webhook for a session the stand-in made."""
    paid = {**session, "status": "complete", "payment_status": "paid", **changes}
    event = {
        "id": f"evt_{uuid.uuid4().hex}",
        "object": "event",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {"object": paid},
        "livemode": False,
        "api_version": "2024-06-20",
    }
    return json.dumps(event).encode()


def signature(body: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send with `body`."""
    timestamp = at if at is not None else int(time.time())
    signed = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={signed.hexdigest()}"


@pytest.fixture
def stripe_api() -> Iterator[StandIn]:
    standin = StandIn()
    with running(_stripe_app(standin), standin):
        yield standin
