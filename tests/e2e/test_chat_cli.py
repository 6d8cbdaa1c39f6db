"""`patient-assistant chat` end to end: real NLU, real FHIR sandbox, SQLite; FHIR is left exactly right.

These are the acceptance conversations of the spine: Maria Lopez books a check-up with
Dr Patel on Friday morning, moves it, and cancels it, each by piping messages into the CLI.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from domain.model import Appointment
from tests.support.fhir import TEST_NOW, ZONE, SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

MARIA_PHONE = "+16175550134"
CLI = str(Path(sys.executable).with_name("patient-assistant"))


@pytest.fixture(scope="module")
def chat_env(
    fhir_sandbox: SeededServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    db = tmp_path_factory.mktemp("chat") / "assistant.db"
    return {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
    }


def chat(env: dict[str, str], *lines: str) -> str:
    result = subprocess.run(
        [CLI, "chat", "--phone", MARIA_PHONE, "--now", "2026-03-02T09:00:00"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


async def maria_upcoming(fhir: FhirAdapters) -> list[Appointment]:
    [maria] = [p for p in await fhir.patients.find_by_phone(MARIA_PHONE) if p.name == "Maria Lopez"]
    return await fhir.schedule.upcoming(maria.id, TEST_NOW)


@pytest.fixture
async def fhir(fhir_adapters: FhirAdapters) -> FhirAdapters:
    return fhir_adapters


async def test_book_then_reschedule_then_cancel(
    chat_env: dict[str, str], fhir: FhirAdapters
) -> None:
    before = {a.id for a in await maria_upcoming(fhir)}

    # A restart mid-booking resumes where the patient was: the offer and the pick are two runs.
    offered = chat(chat_env, "can I see Dr Patel on friday morning for a check-up?")
    assert "1. Fri 6 Mar" in offered and "Dr. Amara Patel" in offered
    confirmed = chat(chat_env, "2", "yes")
    assert "Friday, March 6, 2026 at" in confirmed and "You're booked" in confirmed

    [booked] = [a for a in await maria_upcoming(fhir) if a.id not in before]
    patel = booked.practitioner_id
    local = booked.start.astimezone(ZONE)
    assert local.date() == dt.date(2026, 3, 6) and local.hour < 12 and booked.status == "booked"
    assert booked.end - booked.start == dt.timedelta(minutes=30)
    assert not any([(await fhir.schedule.get_slot(s)).free for s in booked.slot_ids])

    # "on friday" names the appointment to move: no "which one?", straight to "when to?".
    moved = chat(
        chat_env,
        "I need to reschedule my appointment on friday",
        "04/12/1985",
        "monday afternoon",
        "1",
        "yes",
    )
    assert "is now on Monday, March 9" in moved, moved
    after_move = {a.id: a for a in await maria_upcoming(fhir)}
    assert booked.id not in after_move
    assert all([(await fhir.schedule.get_slot(s)).free for s in booked.slot_ids])
    [new] = [a for a in after_move.values() if a.id not in before]
    assert new.start.astimezone(ZONE).date() == dt.date(2026, 3, 9) and new.practitioner_id == patel

    cancelled = chat(chat_env, "please cancel my appointment on monday", "yes")
    assert "is cancelled" in cancelled, cancelled
    assert {a.id for a in await maria_upcoming(fhir)} == before
    assert all([(await fhir.schedule.get_slot(s)).free for s in new.slot_ids])
    assert (await fhir.schedule.get_appointment(new.id)).status == "cancelled"


def test_bad_input_gets_a_clear_answer_and_changes_nothing(chat_env: dict[str, str]) -> None:
    """Real NLU on real patient wording: an unknown service, a closed day, a time gone by,
    an option never offered and gibberish each get a clear reply, and the chat goes on."""
    result = subprocess.run(
        [CLI, "chat", "--phone", "+16175550177", "--now", "2026-03-02T09:00:00"],
        input="".join(
            f"{line}\n"
            for line in [
                "asdfgh qwerty zxcv",
                "can i book a massage",
                "a check-up then",
                "sunday",
                "7",
            ]
        ),
        capture_output=True,
        text=True,
        env=chat_env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    expected_in_order = [
        "didn't quite get that",  # gibberish
        'don\'t offer "massage"',
        "What kind of visit",  # an unknown service, asked again
        "What day and time",  # "a check-up then" was understood
        "closed on Sunday, March 8",
        "1. Mon 9 Mar",  # a closed day: the nearest open times
        "number from 1 to 3",  # an option never offered
    ]
    positions = [out.find(text) for text in expected_in_order]
    assert -1 not in positions and positions == sorted(positions), out
