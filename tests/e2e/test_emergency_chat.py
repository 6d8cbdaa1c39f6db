"""An emergency through `patient-assistant chat`: real NLU, the FHIR sandbox, SQLite. The
patient gets the guidance at once and staff get an urgent Task that names no one and says
nothing of what was written; a message processed again makes no second Task."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest

from adapters.fhir import FhirAdapters
from adapters.fhir.codes import FOLLOW_UP_EMERGENCY
from adapters.sql import SqlStorage
from tests.support.chat import CLI, run_chat
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow, pytest.mark.nlu_model]

MARIA = "+16175550134"
NOW = "2026-03-02T09:00:00"


@pytest.fixture
def env(fhir_sandbox: SeededServer, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "FHIR_BASE_URL": fhir_sandbox.base_url,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
    }


async def emergency_tasks(fhir: FhirAdapters, conversation_id: str) -> list[dict]:  # type: ignore[type-arg]
    found = await fhir.connection.search_one_type("Task", {"status": "requested"})
    return [
        t
        for t in found
        if t.get("code", {}).get("coding", [{}])[0].get("code") == FOLLOW_UP_EMERGENCY
        and any(i.get("valueString") == conversation_id for i in t.get("input") or [])
    ]


async def test_an_emergency_leaves_one_urgent_task_for_staff_with_references_only(
    env: dict[str, str], fhir_adapters: FhirAdapters
) -> None:
    out = run_chat(env, MARIA, ["my chest is crushing and my left arm has gone numb"], now=NOW)
    assert "911" in out and "alerted our team" in out

    storage = SqlStorage(env["DATABASE_URL"])
    try:
        async with storage.unit_of_work() as uow:
            trail = await uow.audit.trail("riverside")
            conversation = await uow.conversations.get_or_create(
                "riverside", "sms", MARIA, dt.datetime.now(dt.UTC)
            )
            [processed] = [
                e
                for e in await uow.conversations.events(conversation.id)
                if e["kind"] == "message_processed"
            ]
        [alerted] = [a for a in trail if a.action == "staff.alerted"]
        assert alerted.detail["reason"] == "emergency"
        assert "escalation.emergency" in [a.action for a in trail]
        task = await fhir_adapters.connection.read("Task", alerted.subject.removeprefix("Task/"))
        assert (task["status"], task["priority"], task["code"]["coding"][0]["code"]) == (
            "requested",
            "stat",
            FOLLOW_UP_EMERGENCY,
        )
        written = repr(task).lower()
        for phi in ("chest", "arm", "numb", "maria", "lopez", "0134"):
            assert phi not in written  # references and codes: not the message, not who it is

        # A worker that dies after the Task is made but before its transaction commits leaves
        # the message pending; processing it again must not make a second Task.
        async with storage.unit_of_work() as uow:
            await uow.inbox.mark(processed["data"]["message_id"], "pending")
    finally:
        await storage.close()
    again = subprocess.run(
        [CLI, "jobs", "run-due", "--now", NOW],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert [t["id"] for t in await emergency_tasks(fhir_adapters, conversation.id)] == [task["id"]]
