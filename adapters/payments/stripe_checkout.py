"""Stripe as the payment provider: a Checkout Session per link, and its signed webhook.

The real `stripe` client (async, over httpx) creates a Checkout Session in payment mode with
the invoice's lines and currency, on the practice's connected account when one is set
(STRIPE_ACCOUNT_ID). The session's metadata carries opaque ids only (practice, invoice,
patient, conversation), never a name or a phone number; Stripe's hosted page is where the
patient pays. The practice id routes the webhook to the practice whose record has the bill.

`completed_payment` reads a webhook: Stripe's signature (the `Stripe-Signature` header, HMAC of
the raw body under STRIPE_WEBHOOK_SECRET, with a time tolerance) is checked by
`stripe.Webhook.construct_event`, and a paid `checkout.session.completed` becomes the
CompletedPayment that domain/payments.py records once (its payment id is the session's).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from domain.billing import LinkRequest, PaymentLink
from domain.payments import CompletedPayment

PROVIDER = "stripe"
#: Stripe Checkout Sessions expire after at most 24 hours (and at least 30 minutes).
MAX_VALID = dt.timedelta(hours=24)
MIN_VALID = dt.timedelta(minutes=30)


class WebhookRefused(Exception):
    """Not a webhook signed by Stripe with our secret (or not JSON): answer 400."""


class StripePayments:
    name = PROVIDER

    def __init__(
        self,
        *,
        api_key: str,
        webhook_secret: str,
        public_base_url: str,
        valid_for: dt.timedelta,
        account_id: str | None = None,
        api_base_url: str = "https://api.stripe.com",
        now: Any = None,
        practice_id: str | None = None,
    ) -> None:
        # Imported here, not with the module: the client costs a tenth of a second of CPU to
        # import, and every process imports this module (bootstrap, the API's webhook) whether
        # or not Stripe is the provider. A deployment with Stripe imports it at start-up.
        import stripe

        self._http = stripe.HTTPXClient()
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base_url.rstrip("/")},
            http_client=self._http,
            max_network_retries=2,
        )
        self._secret, self._account = webhook_secret, account_id
        self._base = public_base_url.rstrip("/")
        self._valid_for = min(max(valid_for, MIN_VALID), MAX_VALID)
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self._practice_id = practice_id

    async def aclose(self) -> None:
        await self._http.close_async()

    async def create_link(self, request: LinkRequest) -> PaymentLink:
        invoice = request.invoice
        currency = invoice.currency.lower()
        if (
            invoice.paid_cents == 0
            and invoice.lines
            and (sum(line.cents for line in invoice.lines) == invoice.balance_cents)
        ):
            lines = [(line.description, line.cents) for line in invoice.lines if line.cents > 0]
        else:  # part paid already: one line for what remains
            lines = [(f"Balance of your bill from {request.practice_name}", invoice.balance_cents)]
        expires = self._now() + self._valid_for
        params: dict[str, Any] = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": currency,
                        "unit_amount": cents,
                        "product_data": {"name": name},
                    },
                }
                for name, cents in lines
            ],
            "client_reference_id": invoice.id,
            "metadata": {
                "invoice_id": invoice.id,
                "patient_id": request.patient_id,
                "conversation_id": request.conversation_id,
                **({"practice_id": self._practice_id} if self._practice_id else {}),
            },
            "payment_intent_data": {"metadata": {"invoice_id": invoice.id}},
            "expires_at": int(expires.timestamp()),
            "success_url": f"{self._base}/pay/done",
            "cancel_url": f"{self._base}/pay/cancelled",
        }
        options: dict[str, Any] = {"stripe_account": self._account} if self._account else {}
        session = await self._client.v1.checkout.sessions.create_async(params, options)  # type: ignore[arg-type]  # built as plain dicts
        return PaymentLink(str(session.url), expires)

    @staticmethod
    def practice_in(payload: bytes) -> str | None:
        """The practice a (verified) webhook's session names in its metadata; None if none."""
        try:
            event = json.loads(payload)
            session = (event.get("data") or {}).get("object") or {}
            practice = (session.get("metadata") or {}).get("practice_id")
        except (ValueError, AttributeError):
            return None
        return practice if isinstance(practice, str) else None

    def completed_payment(self, payload: bytes, signature: str | None) -> CompletedPayment | None:
        """The payment a verified webhook reports, or None for an event that reports none;
        WebhookRefused when the signature does not hold."""
        import stripe  # imported by __init__ already

        try:
            stripe.Webhook.construct_event(payload, signature or "", self._secret)
            event = json.loads(payload)
        except (ValueError, stripe.SignatureVerificationError) as e:
            raise WebhookRefused(type(e).__name__) from e
        # Read from the verified body itself: plain JSON, whatever the client's object model.
        if event.get("type") not in (
            "checkout.session.completed",
            "checkout.session.async_payment_succeeded",
        ):
            return None
        session = (event.get("data") or {}).get("object") or {}
        if session.get("payment_status") != "paid":
            return None  # an asynchronous method still settling: its own event follows
        metadata = session.get("metadata") or {}
        if not metadata.get("invoice_id"):
            return None  # a session this assistant did not make
        return CompletedPayment(
            provider=PROVIDER,
            payment_id=str(session.get("id")),
            invoice_id=str(metadata["invoice_id"]),
            patient_id=str(metadata.get("patient_id") or ""),
            cents=int(session.get("amount_total") or 0),
            currency=str(session.get("currency") or "").upper(),
            paid_at=dt.datetime.fromtimestamp(int(event.get("created") or 0), dt.UTC),
            conversation_id=str(metadata.get("conversation_id") or ""),
        )
