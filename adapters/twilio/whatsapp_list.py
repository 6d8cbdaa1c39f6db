"""Choices on WhatsApp as an interactive list: a `twilio/list-picker` Content template.

The template (TWILIO_WHATSAPP_LIST_TEMPLATE_SID) is the practice's own, made once in
Twilio's Content Template Builder with a fixed number of items
(TWILIO_WHATSAPP_LIST_TEMPLATE_ITEMS): body `{{1}}`, item k titled `{{k+1}}` with the id
`choice:k`. A pick comes back on the webhook as `ListId=choice:k`, which the assistant reads
as the patient typing k, exactly as SMS numbers and Telegram's buttons are read.

WhatsApp sends list pickers only inside the 24-hour session, so outside it the approved
template path applies as before. A message the list cannot carry (another number of
choices, a title over 24 characters, a body over 1,024) goes as numbered text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.messages import Outbound

#: WhatsApp's limits on a list message (Twilio's twilio/list-picker documentation).
MAX_ITEM_CHARS = 24
MAX_BODY_CHARS = 1024
MAX_ITEMS = 10
CHOICE_PREFIX = "choice:"


@dataclass(frozen=True)
class ListTemplate:
    content_sid: str
    items: int

    def variables(self, message: Outbound) -> dict[str, str] | None:
        """ContentVariables for `message`, or None when the list cannot carry it."""
        if len(message.choices) != self.items or any(
            len(c) > MAX_ITEM_CHARS for c in message.choices
        ):
            return None
        body = "\n".join(
            [message.text, *(f"{link.label}: {link.url}" for link in message.links)]
        ).strip()
        if not body or len(body) > MAX_BODY_CHARS:
            return None
        return {"1": body} | {
            str(k + 1): choice for k, choice in enumerate(message.choices, start=1)
        }


def picked_choice(fields: Mapping[str, str]) -> str | None:
    """The number a list pick (ListId) or quick-reply button (ButtonPayload) stands for."""
    for name in ("ListId", "ButtonPayload"):
        value = fields.get(name) or ""
        number = value.removeprefix(CHOICE_PREFIX)
        if value.startswith(CHOICE_PREFIX) and number.isdigit():
            return number
    return None
