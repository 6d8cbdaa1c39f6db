"""The demo's two practices, each on a seeded FHIR sandbox of its own: Riverside Family
Clinic (data/fhir) and Thameside Physiotherapy (data/practices/thameside), whose Lucy Lopez
texts from the same phone as Riverside's Maria Lopez (docs/demo-practice.md).

Riverside keeps the environment's channels (TWILIO_SMS_FROM, ...) and the web chat;
Thameside answers on its own number, +44 20 7946 0100, and on the web chat with
`"practice": "thameside"`. Nothing is written to the practices table: the sandboxes'
addresses last as long as the demo.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.practice_config import Channels, PracticeConfig
from patient_assistant.practices import environment_practice
from patient_assistant.sandbox import Sandbox
from patient_assistant.seed_practice import THAMESIDE, seed_practice
from patient_assistant.settings import Settings


@asynccontextmanager
async def demo_practices(
    settings: Settings, now: dt.datetime | None
) -> AsyncIterator[list[PracticeConfig]]:
    print("starting the FHIR sandboxes of the two demo practices...", file=sys.stderr, flush=True)
    async with Sandbox(settings.sandbox_dir, now=now) as riverside:
        second_dir = Path(settings.sandbox_dir) / THAMESIDE.id
        async with Sandbox(second_dir, now=now, seed=False) as thameside:
            await seed_practice(thameside.base_url, THAMESIDE, thameside.now)
            first = environment_practice(settings, riverside.base_url)
            first = first.model_copy(update={"name": "Riverside Family Clinic"})
            second = PracticeConfig(
                id=THAMESIDE.id,
                name=THAMESIDE.name,
                fhir_base_url=thameside.base_url,
                time_zone=THAMESIDE.time_zone,
                locale=THAMESIDE.locale,
                channels=Channels(sms=(THAMESIDE.sms_number,), web_chat=True),
            )
            yield [first, second]
