"""SMS and WhatsApp sends through Twilio's Messages API, with its errors classified.

Error codes that matter here (https://www.twilio.com/docs/api/errors): 21610 the number
replied STOP to this sender (permanent, and an opt-out); 63016 WhatsApp free-form outside
the 24-hour window (send the approved template instead); HTTP 429 and 5xx are temporary.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import aiohttp

# twilio ships no type hints (no py.typed, no maintained stubs): its names are Any to mypy.
from twilio.base.exceptions import TwilioRestException, TwilioServiceException  # type: ignore[import-untyped]

from adapters.twilio.client import TwilioRest
from adapters.twilio.whatsapp_list import ListTemplate
from bot.channels import numbered_text
from bot.messages import Outbound
from bot.ports import NeedsTemplate, OutboxRecord, RateLimit, Refused, RetryLater, SendResult, Sent

OPTED_OUT = 21610
OUTSIDE_WINDOW = 63016
WHATSAPP_WINDOW = dt.timedelta(hours=24)


def classify(error: TwilioRestException | TwilioServiceException) -> SendResult:
    if error.code == OPTED_OUT:
        return Refused(f"twilio {OPTED_OUT}: recipient opted out", opted_out=True)
    if error.code == OUTSIDE_WINDOW:
        return NeedsTemplate(f"twilio {OUTSIDE_WINDOW}: outside the WhatsApp window")
    if error.status == 429 or error.status >= 500:
        return RetryLater(f"twilio http {error.status} code {error.code}")
    return Refused(f"twilio http {error.status} code {error.code}")


class TwilioSender:
    """SMS from one number (`whatsapp=False`) or WhatsApp from one sender."""

    def __init__(
        self,
        rest: TwilioRest,
        from_number: str,
        per_second: float,
        status_callback: str | None,
        *,
        whatsapp: bool = False,
        template_sid: str | None = None,
        list_template: ListTemplate | None = None,
        account_per_second: float | None = None,
    ) -> None:
        self.rest, self.from_number, self.per_second = rest, from_number, per_second
        self.status_callback, self.template_sid = status_callback, template_sid
        self.whatsapp, self.list_template = whatsapp, list_template
        self.channel = "whatsapp" if whatsapp else "sms"
        self.window = WHATSAPP_WINDOW if whatsapp else None
        #: The account's own limit (TWILIO_MESSAGES_PER_SECOND), shared by all its senders.
        self.account_per_second = account_per_second

    def limits(self, message: OutboxRecord) -> Sequence[RateLimit]:
        limits = [RateLimit(f"twilio:{self.channel}:{self.from_number}", self.per_second)]
        if self.account_per_second is not None:
            limits.append(
                RateLimit(f"twilio:account:{self.rest.account_sid}", self.account_per_second)
            )
        return limits

    async def send(self, message: OutboxRecord, *, template: bool) -> SendResult:
        prefix = "whatsapp:" if self.whatsapp else ""
        fields: dict[str, object] = {
            "to": prefix + message.address,
            "from_": prefix + self.from_number,
        }
        if self.status_callback:
            fields["status_callback"] = self.status_callback
        if template:
            chosen = message.payload.get("template") or {}
            sid = chosen.get("content_sid") or self.template_sid
            if not sid:
                return Refused(
                    "outside the WhatsApp window and no TWILIO_WHATSAPP_TEMPLATE_SID is set"
                )
            return await self._create(
                fields
                | {"content_sid": sid, "content_variables": json.dumps(chosen.get("variables", {}))}
            )
        outbound = Outbound.from_json(message.payload)
        variables = self.list_template.variables(outbound) if self.list_template else None
        if self.list_template is not None and variables is not None:
            listed = await self._create(
                fields
                | {
                    "content_sid": self.list_template.content_sid,
                    "content_variables": json.dumps(variables),
                }
            )
            # A list Twilio or WhatsApp will not take (e.g. 63021, 21656) still reaches the
            # patient, as numbered text; a window, opt-out or temporary error is the caller's.
            if not (isinstance(listed, Refused) and not listed.opted_out):
                return listed
        return await self._create(fields | {"body": numbered_text(outbound)})

    async def _create(self, fields: dict[str, object]) -> SendResult:
        try:
            created = await self.rest.client().messages.create_async(**fields)
        except (TwilioRestException, TwilioServiceException) as e:
            return classify(e)
        except (TimeoutError, aiohttp.ClientError) as e:
            return RetryLater(f"network: {type(e).__name__}")
        return Sent(str(created.sid))

    async def aclose(self) -> None:
        await self.rest.aclose()
