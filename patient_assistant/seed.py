"""Seeding a FHIR server with the demo practice (docs/demo-practice.md), relative to a clock.

    report = await seed("http://127.0.0.1:8090/fhir", now)

Posts data/fhir/{practice,patients,documents,records}.json as conditional creates, the
practitioners' 15-minute Slots for the next 28 days, and Maria Lopez's booked check-up
with Dr. Patel three days ahead. Seeding twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from adapters.fhir import connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import translated
from domain.errors import SlotUnavailable
from domain.model import Opening, Slot
from patient_assistant.seed_bundles import BundleSeeder, identifier_searchable, load_bundle
from patient_assistant.seed_slots import SLOT_SYSTEM, slot_entries, slot_key

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "fhir"
BUNDLES = ("practice.json", "patients.json", "documents.json", "records.json")
PRACTICE_TIMEZONE = "America/New_York"
B = "https://riverside.example/fhir"
MARIA = f"{B}/patient|RFC-100134"
PATEL_SCHEDULE = "amara-patel-downtown"
CHECK_UP = f"{B}/healthcare-service|check-up"


@dataclass
class SeedReport:
    """What one seeding did: resources created vs. found already there, per type."""

    created: dict[str, int] = field(default_factory=dict)
    existing: dict[str, int] = field(default_factory=dict)
    slots: int = 0  # slots of this run's 28-day window (created or existing)
    maria_appointment_id: str | None = None
    seconds: float = 0.0

    def summary(self) -> str:
        made = sum(self.created.values())
        return (
            f"{made} resources created, {sum(self.existing.values())} already there, "
            f"{self.slots} slots in the window, in {self.seconds:.1f} s"
        )


def maria_visit_start(now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """10:00 local three days after `now`, moved to the next weekday (Dr. Patel works Mon-Fri)."""
    day = now.astimezone(zone).date() + dt.timedelta(days=3)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(10, 0), zone)


async def seed(base_url: str, now: dt.datetime, data_dir: Path = DATA_DIR) -> SeedReport:
    """Seed the FHIR server at `base_url` with the demo practice as of `now` (timezone-aware)."""
    if now.tzinfo is None:
        raise ValueError("seed() needs a timezone-aware `now`")
    began = time.perf_counter()
    zone = ZoneInfo(PRACTICE_TIMEZONE)
    conn = FhirConnection(base_url, timeout=120.0)  # large Bundles take a while on slow servers
    try:
        async with translated("seed the demo practice"):
            seeder = BundleSeeder(conn, identifier_searchable(await conn.http.capabilities()))
            bundles = {name: load_bundle(data_dir / name, now) for name in BUNDLES}
            for name in BUNDLES:
                await seeder.post(bundles[name]["entry"])
            schedule_ids = {
                k.rsplit("|", 1)[1]: v.split("/", 1)[1]
                for k, v in seeder.ids.items()
                if k.startswith("Schedule?")
            }
            visit = maria_visit_start(now, zone)
            keep_free = frozenset(
                slot_key(PATEL_SCHEDULE, visit + dt.timedelta(minutes=m)) for m in (0, 15)
            )
            slots = slot_entries(bundles["practice.json"], schedule_ids, now, zone, keep_free)
            await seeder.post(slots)
    finally:
        await conn.aclose()
    report = SeedReport(
        created=dict(seeder.created), existing=dict(seeder.existing), slots=len(slots)
    )
    report.maria_appointment_id = await _book_maria(base_url, seeder, now, sorted(keep_free))
    report.seconds = time.perf_counter() - began
    log.info("seeded the demo practice: %s", report.summary())
    return report


async def _book_maria(
    base_url: str, seeder: BundleSeeder, now: dt.datetime, slot_keys: Iterable[str]
) -> str | None:
    """Book Maria's check-up through the adapter itself, unless she already has an upcoming visit."""
    fhir = connect(base_url, organization=DEMO_ORGANIZATION)
    try:
        maria = seeder.id_of("Patient", MARIA)
        booked = await fhir.schedule.upcoming(maria, now)
        if booked:
            return booked[0].id
        keys = list(slot_keys)
        found = await fhir.connection.search_one_type(
            "Slot", {"identifier": ",".join(f"{SLOT_SYSTEM}|{k}" for k in keys)}
        )
        by_key = {i["value"]: s["id"] for s in found for i in s.get("identifier") or []}
        if not all(k in by_key for k in keys):
            log.warning("seed: Maria's check-up slots are not in the window; no appointment made")
            return None
        slots: list[Slot] = [await fhir.schedule.get_slot(by_key[k]) for k in keys]
        service = next(
            s
            for s in await fhir.practice.services()
            if s.id == seeder.id_of("HealthcareService", CHECK_UP)
        )
        opening = Opening(
            slots[0].start,
            slots[0].start + dt.timedelta(minutes=service.minutes),
            slots[0].practitioner_id,
            slots[0].location_id,
            tuple(slots),
        )
        return (await fhir.schedule.book(maria, opening, service)).id
    except SlotUnavailable:
        log.warning("seed: Maria's check-up slots are taken; no appointment made")
        return None
    finally:
        await fhir.aclose()
