"""The two sides of every FHIR-side port contract: the in-memory fakes (tests/fakes.py,
tests/patient_fakes.py) and the FHIR adapters on the sandbox server.

Each side can arrange what a contract test needs (a throwaway patient, a practitioner with
free slots, a lab report) in its own way, so the contract tests name no data of either side
and run unchanged on both. The FHIR side only ever adds resources with unique names, never
edits the seeded practice, because the session's tests share one sandbox.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol
from zoneinfo import ZoneInfo

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from adapters.fhir.slots import fhir_time
from domain.model import Patient, Service
from domain.ports import (
    BookedAppointments,
    ConsentStore,
    CoverageStore,
    IntakeStore,
    PatientDirectory,
    PatientRegistry,
    PracticeDirectory,
    ResultsStore,
    ScheduleStore,
    StaffTasks,
)
from domain.related import RelatedPerson
from domain.reports import Report
from patient_assistant.sandbox import free_port
from tests import fakes, patient_fakes
from tests.support.fhir import TEST_PATIENT_SYSTEM, SeededServer

ZONE = ZoneInfo("America/New_York")
#: The day the contract tests' own practitioners work: a Tuesday after the sandbox's clock.
DAY = dt.date(2026, 3, 10)
SLOT_MINUTES = 15

#: Every contract test runs once per side; the FHIR side needs the sandbox.
#: "medplum" is the same adapters on a second, independent FHIR server (tests/support/medplum.py).
SIDES = [
    pytest.param("fake", id="fake"),
    pytest.param("fhir", id="fhir", marks=pytest.mark.fhir),
    pytest.param("medplum", id="medplum", marks=pytest.mark.fhir),
]


class Schedule(ScheduleStore, BookedAppointments, Protocol):
    """Both schedule ports: the adapters and the fake implement them in one object."""


@dataclass(frozen=True)
class Workday:
    """A practitioner the test added, working DAY from 09:00 at one location."""

    practitioner_id: str
    location_id: str

    def at(self, slot: int) -> dt.datetime:
        """The start of the practitioner's `slot`-th slot (0: 09:00)."""
        return dt.datetime.combine(DAY, dt.time(9), ZONE) + dt.timedelta(
            minutes=SLOT_MINUTES * slot
        )


@dataclass(frozen=True)
class Down:
    """Ports whose record system cannot be reached."""

    schedule: Schedule
    tasks: StaffTasks


class Side(Protocol):
    """The FHIR-side ports of one implementation, and how to arrange data on it."""

    directory: PracticeDirectory
    patients: PatientDirectory
    registry: PatientRegistry
    schedule: Schedule
    tasks: StaffTasks
    coverage: CoverageStore
    intake: IntakeStore
    consents: ConsentStore
    results: ResultsStore

    async def add_patient(self, name: str, phone: str | None = None) -> Patient: ...

    async def add_related(self, patient_id: str, name: str, phone: str) -> RelatedPerson: ...

    async def add_workday(self, slots: int) -> Workday:
        """A new practitioner with `slots` free back-to-back 15-minute slots on DAY."""
        ...

    async def add_report(self, patient_id: str, status: str) -> str:
        """A lab report (DiagnosticReport) of the patient with this status; its id."""
        ...

    async def bookable_service(self) -> Service:
        """A service of 30 minutes that `schedule` can book and find booked."""
        ...

    async def down(self) -> Down:
        """Ports of this side while the record system is down (those the domain must survive
        it on: booking, and alerting staff to an emergency)."""
        ...


def unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def unique_phone() -> str:
    """A valid US mobile number no other test uses (the exchange never starts with 0 or 1)."""
    return f"+1617{uuid.uuid4().int % 800 + 200}{uuid.uuid4().int % 10000:04d}"


@dataclass
class FakeSide:
    """The fakes, typed as the ports: mypy checks that each fake has its port's methods."""

    everyone: fakes.FakePatients = field(default_factory=lambda: fakes.FakePatients((), ()))
    directory: PracticeDirectory = field(default_factory=fakes.FakeDirectory)
    fake_schedule: fakes.FakeSchedule = field(default_factory=lambda: fakes.FakeSchedule(DAY))
    tasks: StaffTasks = field(default_factory=patient_fakes.FakeTasks)
    coverage: CoverageStore = field(default_factory=patient_fakes.FakeCoverage)
    intake: IntakeStore = field(default_factory=patient_fakes.FakeIntakeStore)
    consents: ConsentStore = field(default_factory=patient_fakes.FakeConsentStore)
    fake_results: patient_fakes.FakeResults = field(
        default_factory=lambda: patient_fakes.FakeResults({})
    )

    def __post_init__(self) -> None:
        self.schedule: Schedule = self.fake_schedule
        self.results: ResultsStore = self.fake_results
        self.patients: PatientDirectory = self.everyone
        self.registry: PatientRegistry = patient_fakes.FakeRegistry(self.everyone)

    async def add_patient(self, name: str, phone: str | None = None) -> Patient:
        patient = Patient(unique("pat-"), name, dt.date(1980, 1, 2), (phone,) if phone else ())
        self.everyone.patients = (*self.everyone.patients, patient)
        return patient

    async def add_related(self, patient_id: str, name: str, phone: str) -> RelatedPerson:
        person = RelatedPerson(
            unique("rp-"), patient_id, name, dt.date(1970, 5, 6), "mother", (phone,)
        )
        self.everyone.related = (*self.everyone.related, person)
        return person

    async def add_workday(self, slots: int) -> Workday:
        day = Workday(unique("pr-"), fakes.DOWNTOWN)
        for n in range(slots):
            self.fake_schedule.add_slot(
                day.practitioner_id, day.location_id, day.at(n), SLOT_MINUTES
            )
        return day

    async def add_report(self, patient_id: str, status: str) -> str:
        self.fake_results.statuses_.setdefault(patient_id, []).append(status)
        report = Report(
            unique("report-"),
            patient_id,
            status,
            "1",
            "Blood test",
            last_updated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        )
        self.fake_results.reports_.append(report)
        return report.id

    async def bookable_service(self) -> Service:
        return fakes.SERVICES[0]

    async def down(self) -> Down:
        schedule = fakes.FakeSchedule(DAY)
        schedule.down = True
        return Down(schedule, patient_fakes.FakeTasks(down=True))


@dataclass
class FhirSide:
    fhir: FhirAdapters

    def __post_init__(self) -> None:
        self.directory: PracticeDirectory = self.fhir.practice
        self.patients: PatientDirectory = self.fhir.patients
        self.registry: PatientRegistry = self.fhir.registry
        self.schedule: Schedule = self.fhir.schedule
        self.tasks: StaffTasks = self.fhir.tasks
        self.coverage: CoverageStore = self.fhir.coverage
        self.intake: IntakeStore = self.fhir.intake
        self.consents: ConsentStore = self.fhir.consents
        self.results: ResultsStore = self.fhir.results
        self._closing: list[FhirAdapters] = []

    async def add_patient(self, name: str, phone: str | None = None) -> Patient:
        given, family = name.split(" ", 1)
        resource = {
            "resourceType": "Patient",
            "meta": {"tag": [{"system": TEST_PATIENT_SYSTEM, "code": "test"}]},
            "identifier": [{"system": TEST_PATIENT_SYSTEM, "value": str(uuid.uuid4())}],
            "active": True,
            "name": [{"use": "official", "family": family, "given": [given]}],
            "birthDate": "1980-01-02",
            "telecom": [{"system": "phone", "value": phone}] if phone else [],
        }
        created = await self.fhir.connection.http.create(resource)
        return await self.patients.get(str(created["id"]))

    async def add_related(self, patient_id: str, name: str, phone: str) -> RelatedPerson:
        given, family = name.split(" ", 1)
        await self.fhir.connection.http.create(
            {
                "resourceType": "RelatedPerson",
                "active": True,
                "patient": {"reference": f"Patient/{patient_id}"},
                "name": [{"given": [given], "family": family}],
                "birthDate": "1970-05-06",
                "telecom": [{"system": "phone", "value": phone}],
                "relationship": [{"text": "mother"}],
            }
        )
        [person] = await self.patients.related_by_phone(phone)
        return person

    async def add_workday(self, slots: int) -> Workday:
        http = self.fhir.connection.http
        location = (await self.directory.locations())[0].id
        practitioner = await http.create(
            {"resourceType": "Practitioner", "name": [{"given": ["Pat"], "family": unique("Dr")}]}
        )
        day = Workday(str(practitioner["id"]), location)
        schedule = await http.create(
            {
                "resourceType": "Schedule",
                "active": True,
                "actor": [
                    {"reference": f"Practitioner/{day.practitioner_id}"},
                    {"reference": f"Location/{location}"},
                ],
            }
        )
        for n in range(slots):
            await http.create(
                {
                    "resourceType": "Slot",
                    "schedule": {"reference": f"Schedule/{schedule['id']}"},
                    "status": "free",
                    "start": fhir_time(day.at(n)),
                    "end": fhir_time(day.at(n + 1)),
                }
            )
        return day

    async def add_report(self, patient_id: str, status: str) -> str:
        created = await self.fhir.connection.http.create(
            {
                "resourceType": "DiagnosticReport",
                "status": status,
                "code": {"text": "Blood test"},
                "subject": {"reference": f"Patient/{patient_id}"},
            }
        )
        return str(created["id"])

    async def bookable_service(self) -> Service:
        return next(s for s in await self.directory.services() if s.name == "Check-up")

    async def down(self) -> Down:
        down = connect(f"http://127.0.0.1:{free_port()}/fhir", timeout=2.0)  # nobody listens
        self._closing.append(down)
        return Down(down.schedule, down.tasks)

    async def aclose(self) -> None:
        for adapters in self._closing:
            await adapters.aclose()


@pytest.fixture(params=SIDES)
def side_server(request: pytest.FixtureRequest) -> str | None:
    """The base url of the FHIR side's server (the sandbox, or Medplum's; started on first
    use), None for the fakes.

    A plain fixture so that the session's servers are asked for only by FHIR-side tests."""
    if request.param == "fake":
        return None
    fixture = "medplum_fhir" if request.param == "medplum" else "fhir_sandbox"
    server: SeededServer = request.getfixturevalue(fixture)
    return server.base_url


@pytest.fixture
async def side(side_server: str | None) -> AsyncIterator[Side]:
    """The fakes, or the FHIR adapters on the session's sandbox."""
    if side_server is None:
        yield FakeSide()
        return
    adapters = connect(side_server, organization=DEMO_ORGANIZATION)
    fhir = FhirSide(adapters)
    try:
        yield fhir
    finally:
        await fhir.aclose()
        await adapters.aclose()
