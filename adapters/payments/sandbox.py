"""The sandbox payment provider: a signed, expiring, single-use link to the API's own pay page.

The link is `PUBLIC_BASE_URL/pay/{token}`. The token carries opaque ids and the amount only
(practice, invoice, patient, conversation, cents, currency, expiry and a random nonce), signed with
HMAC-SHA256 under a key derived from SECRET_KEY, so a changed token is refused and nobody
can mint one. Single use is the record's: pressing Pay reports the payment with the nonce
as its payment id, and the PaymentNotice is created once on that id (domain/payments.py);
a second press finds it. Nothing here is stored.

The practice id in the token says whose record the bill is in, so a deployment of several
practices reads it from the right FHIR server (`practice_in`); the signature covers it, and
every practice's links are signed with the same key, so a changed practice is refused as
any other change is. A token without one (made before practices were configured) is the
first practice's.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from domain.billing import LinkRequest, PaymentLink
from domain.payments import CompletedPayment
from domain.ports import Clock

PROVIDER = "sandbox"
_LABEL = b"patient-assistant payment links v1"


@dataclass(frozen=True)
class LinkClaim:
    """What a valid token says: pay `cents` on the invoice for the patient."""

    invoice_id: str
    patient_id: str
    conversation_id: str
    cents: int
    currency: str
    expires_at: dt.datetime
    nonce: str
    practice_id: str | None = None

    @property
    def payment_id(self) -> str:
        return f"{PROVIDER}-{self.nonce}"

    def completed(self, at: dt.datetime) -> CompletedPayment:
        return CompletedPayment(
            provider=PROVIDER,
            payment_id=self.payment_id,
            invoice_id=self.invoice_id,
            patient_id=self.patient_id,
            cents=self.cents,
            currency=self.currency,
            paid_at=at,
            conversation_id=self.conversation_id,
        )


class LinkRefused(Exception):
    """The token is not one of ours (`tampered`) or is past its time (`expired`)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class SandboxPayments:
    name = PROVIDER

    def __init__(
        self,
        secret_key: str,
        public_base_url: str,
        clock: Clock,
        valid_for: dt.timedelta,
        practice_id: str | None = None,
    ) -> None:
        self._key = hmac.new(secret_key.encode(), _LABEL, hashlib.sha256).digest()
        self._base, self._clock, self._valid_for = public_base_url.rstrip("/"), clock, valid_for
        self._practice_id = practice_id

    @staticmethod
    def practice_in(token: str) -> str | None:
        """The practice a token names, read without checking it (to route the page to that
        practice, whose `claim` then checks everything); None when it names none."""
        try:
            practice = json.loads(_unb64(token.partition(".")[0])).get("r")
        except (ValueError, AttributeError):
            return None
        return practice if isinstance(practice, str) else None

    async def create_link(self, request: LinkRequest) -> PaymentLink:
        expires = self._clock.now() + self._valid_for
        token = self.token(request, expires)
        return PaymentLink(f"{self._base}/pay/{token}", expires)

    def token(self, request: LinkRequest, expires: dt.datetime) -> str:
        payload = {
            "i": request.invoice.id,
            "p": request.patient_id,
            "c": request.conversation_id,
            "a": request.invoice.balance_cents,
            "u": request.invoice.currency,
            "e": int(expires.timestamp()),
            "n": secrets.token_urlsafe(12),
        }
        if self._practice_id is not None:
            payload["r"] = self._practice_id
        body = _b64(json.dumps(payload, separators=(",", ":")).encode())
        return f"{body}.{self._sign(body)}"

    def claim(self, token: str) -> LinkClaim:
        """The claim of a token signed here and not expired; LinkRefused otherwise."""
        body, _, signature = token.partition(".")
        if not body or not hmac.compare_digest(signature, self._sign(body)):
            raise LinkRefused("tampered")
        try:
            p = json.loads(_unb64(body))
            claim = LinkClaim(
                invoice_id=str(p["i"]),
                patient_id=str(p["p"]),
                conversation_id=str(p["c"]),
                cents=int(p["a"]),
                currency=str(p["u"]),
                expires_at=dt.datetime.fromtimestamp(int(p["e"]), dt.UTC),
                nonce=str(p["n"]),
                practice_id=str(p["r"]) if "r" in p else None,
            )
        except (ValueError, KeyError, TypeError) as e:
            raise LinkRefused("tampered") from e
        if self._clock.now() >= claim.expires_at:
            raise LinkRefused("expired")
        return claim

    def _sign(self, body: str) -> str:
        return _b64(hmac.new(self._key, body.encode(), hashlib.sha256).digest())
