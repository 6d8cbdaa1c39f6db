"""FHIR sandbox fixtures (owned by the FHIR adapter work).

`fhir_sandbox` (session): a sekmet-fhir server on a free port in a tmp dir, seeded with
the demo practice as of TEST_NOW; or, when FHIR_BASE_URL is set, that server (seeded).
`fhir_adapters`: the FHIR adapters (ports) on it, closed after the test (on each FHIR server
in a test marked `each_fhir_server`: tests/support/medplum.py).

Tests share the session's server, so they isolate by unique data (their own patients,
practitioners and days), never by teardown. Leave Dr. Patel's Friday 6 March 2026
morning and Maria Lopez's booked check-up alone: the chat acceptance tests use them.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from domain.model import Opening, Slot
from patient_assistant.sandbox import Sandbox
from patient_assistant.seed import SeedReport, seed

ZONE = ZoneInfo("America/New_York")
#: The clock the test sandbox is seeded with: Monday 2 March 2026, 09:00 in New York.
TEST_NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZONE)
TEST_PATIENT_SYSTEM = "https://patient-assistant.example/fhir/test-patient"


@dataclass
class SeededServer:
    """A seeded FHIR server the tests may use."""

    base_url: str
    report: SeedReport | None


@pytest.fixture(scope="session")
async def fhir_sandbox(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SeededServer]:
    external = os.environ.get("FHIR_BASE_URL")
    if external:
        yield SeededServer(external, await seed(external, TEST_NOW))
        return
    async with Sandbox(tmp_path_factory.mktemp("fhir-sandbox"), now=TEST_NOW) as sandbox:
        yield SeededServer(sandbox.base_url, sandbox.report)


@pytest.fixture
async def fhir_adapters(fhir_server: SeededServer) -> AsyncIterator[FhirAdapters]:
    """The adapters on `fhir_server`: the sandbox (tests/support/medplum.py: and the Medplum
    server too in a test marked `each_fhir_server`)."""
    adapters = connect(fhir_server.base_url, organization=DEMO_ORGANIZATION)
    yield adapters
    await adapters.aclose()


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """Wall-clock time at the practice."""
    return dt.datetime.combine(day, dt.time(hour, minute), ZONE)


async def new_patient(fhir: FhirAdapters, phone: str | None = None) -> str:
    """A throwaway Patient with a unique identifier; returns its id."""
    resource = {
        "resourceType": "Patient",
        "meta": {"tag": [{"system": TEST_PATIENT_SYSTEM, "code": "test"}]},
        "identifier": [{"system": TEST_PATIENT_SYSTEM, "value": str(uuid.uuid4())}],
        "name": [{"family": "Test", "given": ["Pat"]}],
    }
    if phone:
        resource["telecom"] = [{"system": "phone", "value": phone}]
    return str((await fhir.connection.http.create(resource))["id"])


def first_opening(slots: Sequence[Slot], minutes: int, after: dt.datetime | None = None) -> Opening:
    """The earliest run of back-to-back free slots long enough for `minutes`."""
    ordered = sorted(slots, key=lambda s: (s.practitioner_id, s.location_id, s.start))
    for i, first in enumerate(ordered):
        if after and first.start < after:
            continue
        chain = [first]
        for nxt in ordered[i + 1 :]:
            if chain[-1].end - first.start >= dt.timedelta(minutes=minutes):
                break
            if (nxt.start, nxt.practitioner_id, nxt.location_id) != (
                chain[-1].end,
                first.practitioner_id,
                first.location_id,
            ):
                break
            chain.append(nxt)
        if chain[-1].end - first.start >= dt.timedelta(minutes=minutes):
            return Opening(
                first.start,
                first.start + dt.timedelta(minutes=minutes),
                first.practitioner_id,
                first.location_id,
                tuple(chain),
            )
    raise AssertionError(f"no free {minutes}-minute opening among {len(slots)} slots")
