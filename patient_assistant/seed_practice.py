"""Seeding a FHIR server with another demo practice kept under data/practices/<id>/.

    report = await seed_practice("http://127.0.0.1:8091/fhir", THAMESIDE, now)

Posts the practice's Bundles (practice.json, documents.json, patients.json) as conditional
creates and its practitioners' Slots for the next 28 days in its own time zone, as
`seed()` does for Riverside (without Riverside's booked check-up). Seeding twice changes
nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import translated
from patient_assistant.seed import SeedReport
from patient_assistant.seed_bundles import BundleSeeder, identifier_searchable, load_bundle
from patient_assistant.seed_slots import slot_entries

log = logging.getLogger(__name__)
PRACTICES_DIR = Path(__file__).resolve().parents[1] / "data" / "practices"
BUNDLES = ("practice.json", "documents.json", "patients.json")


@dataclass(frozen=True)
class DemoPractice:
    """A demo practice's data and the facts of docs/demo-practice.md that the demo relies on."""

    id: str
    name: str
    time_zone: str
    locale: str
    sms_number: str  # the practice's Twilio number in the demo

    @property
    def data_dir(self) -> Path:
        return PRACTICES_DIR / self.id


#: The second demo practice (docs/demo-practice.md, "A second practice").
THAMESIDE = DemoPractice(
    id="thameside",
    name="Thameside Physiotherapy",
    time_zone="Europe/London",
    locale="en-GB",
    sms_number="+442079460100",
)


async def seed_practice(base_url: str, practice: DemoPractice, now: dt.datetime) -> SeedReport:
    """Seed the FHIR server at `base_url` with `practice` as of `now` (timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("seed_practice() needs a timezone-aware `now`")
    began = time.perf_counter()
    conn = FhirConnection(base_url, timeout=120.0)
    try:
        async with translated(f"seed the demo practice {practice.id}"):
            seeder = BundleSeeder(conn, identifier_searchable(await conn.http.capabilities()))
            bundles = {name: load_bundle(practice.data_dir / name, now) for name in BUNDLES}
            for name in BUNDLES:
                await seeder.post(bundles[name]["entry"])
            schedule_ids = {
                k.rsplit("|", 1)[1]: v.split("/", 1)[1]
                for k, v in seeder.ids.items()
                if k.startswith("Schedule?")
            }
            slots = slot_entries(
                bundles["practice.json"], schedule_ids, now, ZoneInfo(practice.time_zone)
            )
            await seeder.post(slots)
    finally:
        await conn.aclose()
    report = SeedReport(
        created=dict(seeder.created), existing=dict(seeder.existing), slots=len(slots)
    )
    report.seconds = time.perf_counter() - began
    log.info("seeded the demo practice %s: %s", practice.id, report.summary())
    return report
