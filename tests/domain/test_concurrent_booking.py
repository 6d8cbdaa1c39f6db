"""No double booking under concurrency, through the whole domain service: real FHIR sandbox,
real slot holds in PostgreSQL. Twenty patients confirm the same time at once: exactly one
gets it, and every other one is offered other times (held for them, none offered twice)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from adapters.sql import SqlStorage
from domain import commands as c
from domain.clock import FixedClock
from domain.model import SlotCriteria
from domain.scheduling import Scheduling
from tests.support.fhir import TEST_NOW, SeededServer, first_opening, local, new_patient
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.fhir, pytest.mark.postgres, pytest.mark.each_fhir_server]
PATIENTS = 20


async def test_twenty_patients_race_for_one_time(
    fhir_server: SeededServer, database_url: DatabaseFactory
) -> None:
    # Twenty transactions at once queue at the sandbox; on a busy CI machine the last can
    # wait longer than the default 10 s read timeout, which would read as "record system
    # down" rather than as the race this test is about.
    fhir = connect(fhir_server.base_url, organization=DEMO_ORGANIZATION, timeout=120)
    try:
        await race(fhir, database_url)
    finally:
        await fhir.aclose()


async def race(fhir: FhirAdapters, database_url: DatabaseFactory) -> None:
    storage = SqlStorage(await database_url("postgresql"))
    scheduling = Scheduling(
        fhir.schedule, fhir.practice, storage.slot_holds(), FixedClock(TEST_NOW)
    )
    chen = next(p.id for p in await fhir.practice.practitioners() if p.name == "Dr. Liam Chen")
    checkup = next(s for s in await fhir.practice.services() if s.name == "Check-up")
    day = dt.date(2026, 3, 18)  # a Wednesday no other test books
    slots = await fhir.schedule.free_slots(SlotCriteria((chen,), local(day, 8), local(day, 16)))
    wanted = first_opening(slots, checkup.minutes)
    patients = await asyncio.gather(*(new_patient(fhir) for _ in range(PATIENTS)))
    async with storage.unit_of_work() as uow:
        conversations = [
            (
                await uow.conversations.get_or_create(
                    "riverside", "sms", f"+1617555{9000 + n}", TEST_NOW
                )
            ).id
            for n in range(PATIENTS)
        ]

    outcomes = await asyncio.gather(
        *(
            scheduling.handle(c.BookOpening(conv, patient, checkup.id, wanted))
            for conv, patient in zip(conversations, patients, strict=True)
        )
    )

    booked = [o for o in outcomes if isinstance(o, c.Booked)]
    taken = [o for o in outcomes if isinstance(o, c.SlotTaken)]
    assert len(booked) == 1 and len(taken) == PATIENTS - 1
    assert booked[0].appointment.start == wanted.start
    assert all(o.alternatives for o in taken), (
        "every patient who lost the race is offered other times"
    )
    # A patient's own offers may share a slot (9:00 and 9:15 for 30 minutes); two patients' never do.
    per_patient = [{sid for o in t.alternatives for sid in o.slot_ids} for t in taken]
    assert sum(map(len, per_patient)) == len(set().union(*per_patient)), (
        "a time was held for two patients"
    )
    assert not set(wanted.slot_ids) & set().union(*per_patient)
    for slot_id in wanted.slot_ids:
        assert not (await fhir.schedule.get_slot(slot_id)).free
    await storage.close()
