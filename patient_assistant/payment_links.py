"""`patient-assistant payments send --patient ID`: the practice sends a patient a payment link.

The message names only the practice and that a payment is due, with the link
(bot/payments.py `PaymentDesk.send_link`); it goes through the outbox on the patient's
channel, held until quiet hours end, and is sent here when a channel is configured.
"""

from __future__ import annotations

import asyncio
import datetime as dt

from patient_assistant.bootstrap import ModelOnFirstParse, build, make_clock
from patient_assistant.practice_runtimes import UnknownPractice, one_practice
from patient_assistant.settings import Settings

ANSWERS = {
    "sent": "payment link sent",
    "nothing_due": "nothing to pay: the patient has no open invoice",
    "no_consent": "not sent: the patient has not agreed to messages",
    "no_contact": "not sent: the patient has no mobile number or linked chat",
    "opted_out": "not sent: the patient's number has opted out",
}


def send_once(
    settings: Settings,
    patient_id: str,
    invoice_id: str | None,
    now: dt.datetime | None,
    practice_id: str | None = None,
) -> tuple[int, str]:
    """(exit status, what happened) of sending as `practice_id` (the first loaded practice,
    or the environment's, when None): its FHIR server, its numbers, its quiet hours."""

    async def go() -> str:
        async with one_practice(settings, practice_id, now) as (practice, base_url):
            runtime = await build(
                practice,
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

    try:
        result = asyncio.run(go())
    except UnknownPractice as e:
        return 2, f"patient-assistant payments send: {e}"
    return (0 if result == "sent" else 1), ANSWERS[result]
