"""`patient-assistant payments send --patient ID`: the practice sends a patient a payment link.

The message names only the practice and that a payment is due, with the link
(bot/payments.py `PaymentDesk.send_link`); it goes through the outbox on the patient's
channel, held until quiet hours end, and is sent here when a channel is configured.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from patient_assistant.bootstrap import ModelOnFirstParse, build, make_clock
from patient_assistant.sandbox_access import fhir_server
from patient_assistant.settings import Settings

ANSWERS = {
    "sent": "payment link sent",
    "nothing_due": "nothing to pay: the patient has no open invoice",
    "no_consent": "not sent: the patient has not agreed to messages",
    "no_contact": "not sent: the patient has no mobile number or linked chat",
    "opted_out": "not sent: the patient's number has opted out",
}


def send_once(
    settings: Settings, patient_id: str, invoice_id: str | None, now: dt.datetime | None
) -> tuple[int, str]:
    """(exit status, what happened)."""

    async def go() -> str:
        async with fhir_server(settings, now) as base_url:
            runtime = await build(
                settings,
                fhir_base_url=base_url,
                clock=make_clock(now),
                nlu=ModelOnFirstParse(),
            )
            try:
                assert runtime.payments is not None
                result = await runtime.payments.send_link(patient_id, invoice_id)
                if result == "sent" and runtime.channels is not None:
                    await runtime.channels.sender.drain()
                return result
            finally:
                await runtime.aclose()

    result = asyncio.run(go())
    return (0 if result == "sent" else 1), ANSWERS[result]
