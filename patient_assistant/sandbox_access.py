"""Which FHIR server a command talks to: FHIR_BASE_URL when set, else the seeded sandbox."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from patient_assistant.settings import Settings


@asynccontextmanager
async def fhir_server(
    settings: Settings, now: dt.datetime | None, port: int | None = None
) -> AsyncIterator[str]:
    """Yield a FHIR base URL; start (and afterwards stop) the seeded sandbox if none is configured."""
    if settings.fhir_base_url:
        yield settings.fhir_base_url
        return
    from patient_assistant.sandbox import Sandbox

    print("starting the FHIR sandbox (seeding the demo practice)...", file=sys.stderr, flush=True)
    async with Sandbox(settings.sandbox_dir, port=port, now=now) as sandbox:
        yield sandbox.base_url
