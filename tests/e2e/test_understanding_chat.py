"""Understanding conversations through `patient-assistant chat`: the real NLU reads which date names
the booked appointment (role "existing") and which is the new time, and a time already past
is said back rather than replaced; the FHIR server is checked afterwards.

These conversations move Maria's check-up (Thursday 5 March, 10:00, Dr Patel), which the
other acceptance tests need where it is, so this module runs its own FHIR sandbox. The
tests run in order: the second moves whichever one appointment Maria has by then.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from domain.model import Appointment
from patient_assistant.sandbox import Sandbox
from tests.support.chat import in_order, run_chat
from tests.support.fhir import TEST_NOW, ZONE

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

MARIA_PHONE = "+16175550134"
MARIA_BIRTH_DATE = "04/12/1985"


@pytest.fixture(scope="module")
async def own_fhir(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    async with Sandbox(tmp_path_factory.mktemp("fhir-understanding"), now=TEST_NOW) as sandbox:
        yield sandbox.base_url


@pytest.fixture
def env(own_fhir: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FHIR_BASE_URL": own_fhir,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
    }


@pytest.fixture
async def fhir(own_fhir: str) -> AsyncIterator[FhirAdapters]:
    adapters = connect(own_fhir, organization=DEMO_ORGANIZATION)
    yield adapters
    await adapters.aclose()


def chat(env: dict[str, str], *lines: str) -> str:
    return run_chat(env, MARIA_PHONE, lines)


def offered(out: str) -> list[str]:
    """The numbered choices in the assistant's answers ("Tue 10 Mar, 1:00 PM with ...")."""
    return re.findall(r"^\d+\. (.+)$", out, re.MULTILINE)


async def upcoming(fhir: FhirAdapters) -> list[Appointment]:
    [maria] = [p for p in await fhir.patients.find_by_phone(MARIA_PHONE) if p.name == "Maria Lopez"]
    return await fhir.schedule.upcoming(maria.id, TEST_NOW)


async def test_move_my_thursday_appointment_to_next_tuesday_afternoon(
    env: dict[str, str], fhir: FhirAdapters
) -> None:
    [thursday] = await upcoming(fhir)
    assert thursday.start.astimezone(ZONE).date() == dt.date(2026, 3, 5)

    out = chat(
        env,
        "can I move my thursday appointment to next tuesday afternoon",
        MARIA_BIRTH_DATE,
        "1",
        "yes",
    )

    in_order(
        out,
        "date of birth",
        "on Tuesday, March 10 in the afternoon",
        "1. Tue 10 Mar",
        "Just to check",
        "is now on Tuesday, March 10",
    )
    assert "Which appointment" not in out and "Thu 5 Mar" not in out
    offers = offered(out)
    assert offers and all(o.startswith("Tue 10 Mar") and " PM with " in o for o in offers), offers
    [moved] = await upcoming(fhir)
    local = moved.start.astimezone(ZONE)
    assert (
        local.date() == dt.date(2026, 3, 10) and 12 <= local.hour < 17 and moved.status == "booked"
    )
    assert moved.practitioner_id == thursday.practitioner_id
    assert (await fhir.schedule.get_appointment(thursday.id)).status == "cancelled"
    assert all([(await fhir.schedule.get_slot(s)).free for s in thursday.slot_ids])
    assert not any([(await fhir.schedule.get_slot(s)).free for s in moved.slot_ids])


async def test_a_misspelt_reschedule_to_wensday(env: dict[str, str], fhir: FhirAdapters) -> None:
    [before] = await upcoming(fhir)

    out = chat(env, "i ned to chnage my apointment to wensday pls", MARIA_BIRTH_DATE, "1", "yes")

    in_order(out, "date of birth", "1. Wed 4 Mar", "is now on Wednesday, March 4")
    assert all(o.startswith("Wed 4 Mar") for o in offered(out))
    [moved] = await upcoming(fhir)
    assert moved.start.astimezone(ZONE).date() == dt.date(2026, 3, 4) and moved.id != before.id
    assert (await fhir.schedule.get_appointment(before.id)).status == "cancelled"
    assert all([(await fhir.schedule.get_slot(s)).free for s in before.slot_ids])


async def test_a_time_gone_by_is_said_and_the_next_day_booked(
    env: dict[str, str], fhir: FhirAdapters
) -> None:
    before = {a.id for a in await upcoming(fhir)}

    out = chat(env, "book me a check up yesterday at 10", "tomorrow morning then", "1", "yes")

    in_order(
        out,
        "Yesterday at 10:00 AM has passed",
        "would tomorrow at 10:00 AM suit?",
        "1. Tue 3 Mar",
        "You're booked",
    )
    [new] = [a for a in await upcoming(fhir) if a.id not in before]
    local = new.start.astimezone(ZONE)
    assert local.date() == dt.date(2026, 3, 3) and local.hour < 12 and new.status == "booked"
