"""The reminder fan-out of a busy practice, at a size CI affords (bench/reminder_fanout.py
runs it at 100,000): a thousand booked appointments in the module's FHIR sandbox, scheduled
by one scan as two jobs each (3 and 1 days before), none twice however often the scan runs;
then, as they fall due, each patient's reminder goes to the outbox once, an opted-out
number gets none, and one that would fall at night waits for the end of quiet hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text

from bot.optout import optout_address
from domain.clock import FixedClock
from patient_assistant.bootstrap import ModelOnFirstParse, Runtime, build
from patient_assistant.jobs import run_due_jobs
from tests.channels.rig import settings_for
from tests.reminders.support import book_like, maria_check_up
from tests.results.support import maria, new_patient
from tests.support.fhir import TEST_NOW, ZONE, SeededServer
from tests.support.standins import StandIn
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.fhir, pytest.mark.postgres, pytest.mark.slow]

#: Appointments from Tuesday 23:00 to Wednesday 20:00: at Monday 09:00 their 3-day reminder
#: is over 12 hours past (not caught up), the 1-day one ahead (from Monday 23:00).
BULK = 1000
BULK_PATIENTS = 100


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
async def runtime(
    database_url: DatabaseFactory,
    own_sandbox: SeededServer,
    twilio_api: StandIn,
    telegram_api: StandIn,
) -> AsyncIterator[Runtime]:
    settings = settings_for(await database_url("postgresql"), twilio_api, telegram_api)
    running = await build(
        settings,
        fhir_base_url=own_sandbox.base_url,
        clock=FixedClock(TEST_NOW),
        nlu=ModelOnFirstParse(),  # nothing is parsed: the model is never loaded
    )
    try:
        yield running
    finally:
        await running.aclose()


async def book_in_bulk(runtime: Runtime, model_id: str) -> set[str]:
    """BULK appointments like `model_id`'s for BULK_PATIENTS new patients, a few hundred a
    transaction (a busy machine's sandbox answers each well within the client's timeout)."""
    fhir = runtime.fhir
    model = await fhir.connection.read("Appointment", model_id)
    others = [p for p in model["participant"] if not p["actor"]["reference"].startswith("Patient/")]
    created = await fhir.connection.http.bundle(
        "transaction",
        [
            {
                "resource": {"resourceType": "Patient", "name": [{"family": f"Bulk{i}"}]},
                "request": {"method": "POST", "url": "Patient"},
            }
            for i in range(BULK_PATIENTS)
        ],
    )
    patients = [
        str(answer.get("resource", {}).get("id") or answer["response"]["location"].split("/")[1])
        for answer in created
    ]
    first, step = at(3, 23), (at(4, 20) - at(3, 23)) / BULK
    entries: list[dict[str, Any]] = []
    for i in range(BULK):
        start = first + step * i
        entries.append(
            {
                "resource": {
                    "resourceType": "Appointment",
                    "status": "booked",
                    "serviceType": model["serviceType"],
                    "start": start.isoformat(),
                    "end": (start + dt.timedelta(minutes=30)).isoformat(),
                    "participant": [
                        {
                            "actor": {"reference": f"Patient/{patients[i % BULK_PATIENTS]}"},
                            "status": "accepted",
                        },
                        *others,
                    ],
                },
                "request": {"method": "POST", "url": "Appointment"},
            }
        )
    booked: set[str] = set()
    for offset in range(0, BULK, 200):
        answers = await fhir.connection.http.bundle("transaction", entries[offset : offset + 200])
        booked |= {
            str(a.get("resource", {}).get("id") or a["response"]["location"].split("/")[1])
            for a in answers
        }
    return booked


async def outbox(runtime: Runtime) -> list[Any]:
    async with runtime.storage.engine.connect() as connection:
        return list(
            (
                await connection.execute(
                    text("SELECT address, idempotency_key, next_attempt_at FROM outbox")
                )
            ).all()
        )


async def run_at(runtime: Runtime, moment: dt.datetime) -> dict[str, int]:
    clock = runtime.clock
    assert isinstance(clock, FixedClock)
    clock.advance(moment - clock.now())
    return await run_due_jobs(runtime)


async def test_a_thousand_appointments_fan_out_once_and_reach_only_whom_they_may(
    runtime: Runtime,
) -> None:
    fhir = runtime.fhir
    check_up = await maria_check_up(fhir, (await maria(fhir))[0])
    bulk = await book_in_bulk(runtime, check_up.id)
    agreed, agreed_phone = await new_patient(fhir)
    stopped, stopped_phone = await new_patient(fhir)
    night, night_phone = await new_patient(fhir)
    checks = {
        await book_like(fhir, check_up, agreed, at(5, 14)),  # 3d reminder: Monday 14:00
        await book_like(fhir, check_up, stopped, at(5, 14)),
        await book_like(fhir, check_up, night, at(5, 22, 30)),  # 3d reminder: Monday 22:30
    }
    ours = (agreed_phone, stopped_phone, night_phone)
    async with runtime.storage.unit_of_work() as uow:
        address = optout_address("sms", stopped_phone)
        await uow.opt_outs.set_opted_out("riverside", address, "sms", True, TEST_NOW)

    reminders = runtime.reminders
    assert reminders is not None
    scheduled = await reminders.sync()
    async with runtime.storage.engine.connect() as connection:
        jobs = (
            await connection.execute(
                text("SELECT payload->>'appointment_id', payload->>'label' FROM jobs")
            )
        ).all()
    labels: dict[str, list[str]] = {}
    for appointment_id, label in jobs:
        labels.setdefault(appointment_id, []).append(label)
    assert len(bulk) == BULK and all(labels[a] == ["1d"] for a in bulk)
    assert all(sorted(labels[a]) == ["1d", "3d"] for a in checks)
    assert scheduled == len(jobs) >= BULK + 6  # (and the seeded practice's own appointments)
    assert await reminders.sync() == 0  # the next scan adds nothing

    await run_at(runtime, at(2, 14) + dt.timedelta(seconds=5))
    mine = [row for row in await outbox(runtime) if row.address in ours]
    assert [row.address for row in mine] == [agreed_phone]  # the opted-out number: none

    await run_at(runtime, at(2, 22, 30) + dt.timedelta(seconds=5))  # a scan at night
    mine = [row for row in await outbox(runtime) if row.address in ours]
    assert [row.address for row in mine] == [agreed_phone]  # nothing twice, nothing at night
    async with runtime.storage.engine.connect() as connection:
        [due] = (
            await connection.execute(
                text("SELECT due_at FROM jobs WHERE subject = :s AND payload->>'label' = '3d'"),
                {"s": f"Patient/{night}"},
            )
        ).one()
    assert due.astimezone(ZONE) == at(3, 8)  # held to the end of quiet hours
    keys = [row.idempotency_key for row in await outbox(runtime)]
    assert len(keys) == len(set(keys))  # each reminder once
