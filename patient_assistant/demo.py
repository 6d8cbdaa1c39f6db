"""`patient-assistant demo`: the embedded default — sandbox FHIR, SQLite, in-process jobs, web chat."""

from __future__ import annotations

import datetime as dt

from patient_assistant.serve import main as serve_main
from patient_assistant.settings import Settings


def main(settings: Settings, host: str, port: int, now: dt.datetime | None) -> int:
    if settings.fhir_base_url is None:
        print("Demo: Riverside Family Clinic, with SQLite at", settings.database_url)
    return serve_main(settings, host, port, now=now, demo=True)
