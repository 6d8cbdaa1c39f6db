"""A FHIR server that is down is RecordSystemUnavailable, whatever the port asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from adapters.fhir import FhirAdapters, connect
from domain.errors import RecordSystemUnavailable
from domain.model import Appointment, Opening, Service, Slot, SlotCriteria
from patient_assistant.sandbox import free_port
from tests.support.fhir import TEST_NOW


@pytest.fixture
async def down() -> AsyncIterator[FhirAdapters]:
    adapters = connect(f"http://127.0.0.1:{free_port()}/fhir", timeout=2.0)  # nobody listens there
    yield adapters
    await adapters.aclose()


async def test_every_port_reports_the_server_down(down: FhirAdapters) -> None:
    later = TEST_NOW + dt.timedelta(hours=1)
    slot = Slot("s", TEST_NOW, later, "p", "l", version="1")
    opening = Opening(TEST_NOW, later, "p", "l", (slot,))
    appointment = Appointment("a", "pt", ("s",), TEST_NOW, later, "p", "l", "svc")
    calls = [
        down.practice.practice(),
        down.practice.services(),
        down.practice.practitioners(),
        down.practice.locations(),
        down.patients.find_by_phone("+16175550134"),
        down.patients.get("pt"),
        down.schedule.free_slots(SlotCriteria(("p",), TEST_NOW, later)),
        down.schedule.get_slot("s"),
        down.schedule.book("pt", opening, Service("svc", "Check-up", 30)),
        down.schedule.cancel(appointment),
        down.schedule.get_appointment("a"),
        down.schedule.upcoming("pt", TEST_NOW),
    ]
    for call in calls:
        with pytest.raises(RecordSystemUnavailable):
            await call
