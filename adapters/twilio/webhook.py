"""Twilio webhooks: signature checks against the public URL, and form fields to records.

Twilio signs the URL *it* requested (scheme, host, port, path and query string) plus
the POST fields. Behind a proxy the app sees another URL, so the signed one is rebuilt
from PUBLIC_BASE_URL (which may carry a port or a path prefix) and the request's own
path and query. The library checks the with-port and without-port forms itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

# twilio ships no type hints (no py.typed, no maintained stubs): its names are Any to mypy.
from twilio.request_validator import RequestValidator, get_signature_algorithm  # type: ignore[import-untyped]

from adapters.twilio.whatsapp_list import picked_choice
from bot.messages import Inbound, checked_id
from bot.ports import DeliveryRecord

#: Delivery statuses by how far along they are; a callback only ever moves a message forward.
#: Failure ends a message like delivery does; `read` (WhatsApp) comes after delivery.
STATUS_RANK = {
    "accepted": 1,
    "scheduled": 1,
    "queued": 1,
    "sending": 2,
    "sent": 3,
    "delivered": 4,
    "undelivered": 4,
    "failed": 4,
    "canceled": 4,
    "read": 5,
}


def public_url(public_base_url: str, path: str, query: str) -> str:
    """The URL Twilio was given: public base + the path the app saw + its query string."""
    url = public_base_url.rstrip("/") + path
    return f"{url}?{query}" if query else url


def is_signed(
    secret: str, url: str, fields: Any, signature: str | None, signature_settings: str | None = None
) -> bool:
    """Whether `signature` (X-Twilio-Signature) is Twilio's for this URL and these fields."""
    if not signature or not secret:
        return False
    algorithm = get_signature_algorithm(signature_settings)
    return bool(RequestValidator(secret).validate(url, fields, signature, algorithm))


def address_of(value: str) -> str:
    """`whatsapp:+1617...` -> `+1617...`; SMS numbers pass unchanged."""
    return value.split(":", 1)[1] if value.startswith("whatsapp:") else value


def inbound_of(
    fields: Mapping[str, str], channel: str, practice_id: str, now: dt.datetime
) -> Inbound:
    """The message of an incoming-message webhook. Raises KeyError without MessageSid/From,
    ValueError when either is not an id Twilio sends (too long, control characters)."""
    return Inbound(
        practice_id=practice_id,
        channel=channel,
        address=checked_id(address_of(fields["From"]), "From"),
        # A pick from an interactive list (or a quick-reply button) is its number, like a typed one.
        text=picked_choice(fields) or fields.get("Body") or None,
        provider_message_id=checked_id(fields["MessageSid"], "MessageSid"),
        received_at=now,
        media_count=_int(fields.get("NumMedia")),
    )


def delivery_of(fields: Mapping[str, str], channel: str, now: dt.datetime) -> DeliveryRecord | None:
    """The status reported by a status callback; None for a status this code does not know."""
    status = (fields.get("MessageStatus") or fields.get("SmsStatus") or "").lower()
    try:
        checked_id(fields.get("MessageSid") or "", "MessageSid")
    except ValueError:
        return None  # no id, or not one Twilio gives: there is no message to move on
    if status not in STATUS_RANK:
        return None
    return DeliveryRecord(
        channel=channel,
        provider_message_id=fields["MessageSid"],
        status=status,
        rank=STATUS_RANK[status],
        updated_at=now,
        error_code=_error_code(fields.get("ErrorCode")),
    )


def _error_code(value: str | None) -> str | None:
    """Twilio's error code (a number of five digits); anything else is not kept."""
    return value if value and value.isascii() and value.isdigit() and len(value) <= 16 else None


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
