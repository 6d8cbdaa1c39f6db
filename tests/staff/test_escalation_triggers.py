"""The other escalation triggers through the real app (web chat, real NLU, the FHIR sandbox,
the job runner of `jobs run-due`): staff find each in their queue with its reason, the
practice's FHIR Task says by when to reply, and a patient no one answered in time is told
once more."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from bot.escalation_notices import NOTIFIED
from patient_assistant.jobs import run_due_jobs
from tests.staff.conftest import StaffRig, bearer
from tests.staff.test_takeover import PHONE, PROMISE, patient_writes, transcript
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

OVERDUE = "our team hasn't replied yet"


async def queue(rig: StaffRig, token: str) -> list[dict[str, Any]]:
    answer = await rig.client.get(
        "/staff/api/conversations", params={"status": "open"}, headers=bearer(token)
    )
    assert answer.status_code == 200, answer.text
    found: list[dict[str, Any]] = answer.json()
    return found


async def task_of(fhir_sandbox: SeededServer, escalation: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient() as fhir:
        found = await fhir.get(f"{fhir_sandbox.base_url}/Task/{escalation['task_id']}")
    assert found.status_code == 200, found.text
    task: dict[str, Any] = found.json()
    assert dt.datetime.fromisoformat(task["restriction"]["period"]["end"]) == (
        dt.datetime.fromisoformat(escalation["due_at"])
    )
    return task


async def test_not_understood_twice_reaches_staff_and_the_patient_is_told_again_once(
    rig: StaffRig, fhir_sandbox: SeededServer
) -> None:
    [first] = await patient_writes(rig, "blorp snargle wibbet")
    assert PROMISE not in first["text"]
    [second] = await patient_writes(rig, "fnord quux zabble")
    assert PROMISE in second["text"]
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    [summary] = await queue(rig, ann)
    escalation = summary["escalation"]
    assert (escalation["reason"], escalation["urgency"]) == ("not_understood_twice", "normal")
    task = await task_of(fhir_sandbox, escalation)
    assert {i["type"]["text"]: i for i in task["input"]}["reason"]["valueCode"] == (
        "not_understood_twice"
    )
    assert "snargle" not in str(task) and "quux" not in str(task)

    rig.clock.advance(dt.timedelta(minutes=241))  # the response target passed, unclaimed
    # The overdue notice ran (reminders of other tests' bookings in this worker's shared
    # sandbox may come due too); that it was sent once is asserted on the transcript below.
    assert (await run_due_jobs(rig.runtime)).get("done", 0) >= 1
    rig.clock.advance(dt.timedelta(hours=1))
    await run_due_jobs(rig.runtime)
    ann = await rig.token("ann@riverside.example")  # hours later: signed in again
    lines = (await transcript(rig, ann, summary["id"]))["messages"]
    assert sum(OVERDUE in m["text"] for m in lines) == 1
    assert NOTIFIED in [a.action for a in await rig.audit()]


async def test_a_locked_verification_reaches_staff_with_the_lockout_task(
    rig: StaffRig, fhir_sandbox: SeededServer
) -> None:
    await patient_writes(rig, "are my test results back?")
    for wrong in ("01/01/1950", "02/02/1951"):
        await patient_writes(rig, wrong)
    [locked] = await patient_writes(rig, "03/03/1952")
    assert "can't continue" in locked["text"] and PROMISE in locked["text"]
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    [summary] = await queue(rig, ann)
    escalation = summary["escalation"]
    assert escalation["reason"] == "locked_verification"
    task = await task_of(fhir_sandbox, escalation)
    assert task["code"]["coding"][0]["code"] == "follow-up-locked-conversation"
    assert "1951" not in str(task) and PHONE not in str(task)


async def test_the_emergency_task_is_due_by_the_urgent_target(
    rig: StaffRig, fhir_sandbox: SeededServer
) -> None:
    await patient_writes(rig, "I have crushing chest pain and can't breathe")
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    [summary] = await queue(rig, ann)
    escalation = summary["escalation"]
    opened = dt.datetime.fromisoformat(escalation["opened_at"])
    assert dt.datetime.fromisoformat(escalation["due_at"]) - opened == dt.timedelta(minutes=15)
    task = await task_of(fhir_sandbox, escalation)  # the safety net's Task, with that due time
    assert (task["priority"], task["code"]["coding"][0]["code"]) == ("stat", "follow-up-emergency")
