"""`patient-assistant demo`: the embedded default — sandbox FHIR, SQLite, in-process jobs, web chat."""

from __future__ import annotations

import datetime as dt

from patient_assistant.serve import main as serve_main
from patient_assistant.settings import Settings


def main(settings: Settings, host: str, port: int, now: dt.datetime | None) -> int:
    if settings.fhir_base_url is None:
        print("Demo: Riverside Family Clinic, with SQLite at", settings.database_url)
    if "public_base_url" not in settings.model_fields_set:
        # Links the demo hands out (the pay page's) point at the port it really serves on.
        shown = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
        settings = settings.model_copy(update={"public_base_url": f"http://{shown}:{port}"})
    return serve_main(settings, host, port, now=now, demo=True)
