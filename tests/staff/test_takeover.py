"""Staff take a conversation over, through the real app (real NLU, the FHIR sandbox): a
patient asks for a person, the assistant says when one will reply and then stays quiet,
a staff member claims the conversation and writes, hands it back, and the assistant
answers again. Another practice's staff get 404 on every route; nobody signed in gets 401."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from bot.messages import Inbound
from tests.staff.conftest import StaffRig, bearer
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

PHONE = "+16175550134"
ACTIONS = ("claim", "messages", "notes", "handback", "close")
PROMISE = "A member of our team will reply here"
BACK = "I'm the practice's assistant again"


async def patient_writes(rig: StaffRig, text: str) -> list[dict[str, Any]]:
    rig.clock.advance(dt.timedelta(minutes=1))  # the transcript's order is by time
    answer = await rig.client.post("/chat/api/messages", json={"phone": PHONE, "text": text})
    assert answer.status_code == 200, answer.text
    replies: list[dict[str, Any]] = answer.json()["replies"]
    return replies


async def act(rig: StaffRig, token: str | None, conversation_id: str, action: str) -> Any:
    rig.clock.advance(dt.timedelta(minutes=1))
    headers = bearer(token) if token else {}
    body = (
        {"json": {"text": "Hello, this is Ann at the front desk."}}
        if action in ("messages", "notes")
        else {}
    )
    return await rig.client.post(
        f"/staff/api/conversations/{conversation_id}/{action}", headers=headers, **body
    )


async def transcript(rig: StaffRig, token: str, conversation_id: str) -> dict[str, Any]:
    answer = await rig.client.get(
        f"/staff/api/conversations/{conversation_id}", headers=bearer(token)
    )
    assert answer.status_code == 200, answer.text
    found: dict[str, Any] = answer.json()
    return found


async def test_a_person_takes_the_conversation_over_and_hands_it_back(
    rig: StaffRig, fhir_sandbox: SeededServer
) -> None:
    [promise] = await patient_writes(rig, "can I talk to a real person")
    assert PROMISE in promise["text"]
    await rig.add("ann@riverside.example")
    await rig.add("bob@riverside.example")
    ann = await rig.token("ann@riverside.example")
    bob = await rig.token("bob@riverside.example")

    waiting = await rig.client.get(
        "/staff/api/conversations", params={"status": "open"}, headers=bearer(ann)
    )
    [summary] = waiting.json()
    escalation = summary["escalation"]
    assert (escalation["reason"], escalation["urgency"], escalation["state"]) == (
        "human_requested",
        "normal",
        "open",
    )
    opened = dt.datetime.fromisoformat(escalation["opened_at"])
    assert dt.datetime.fromisoformat(escalation["due_at"]) - opened == dt.timedelta(minutes=240)
    conversation_id = summary["id"]
    # The practice's FHIR Task says the same: reply by the due time (references only).
    async with httpx.AsyncClient() as fhir:
        found = await fhir.get(f"{fhir_sandbox.base_url}/Task/{escalation['task_id']}")
    task = found.json()
    assert task["code"]["coding"][0]["code"] == "reply-to-patient"
    assert dt.datetime.fromisoformat(task["restriction"]["period"]["end"]) == (
        dt.datetime.fromisoformat(escalation["due_at"])
    )
    assert "real person" not in str(task)

    # Open and not yet claimed: the patient was told a person will reply; the assistant is quiet.
    assert await patient_writes(rig, "hello? anyone there?") == []

    claimed = await act(rig, ann, conversation_id, "claim")
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["state"] == "claimed"
    second = await act(rig, bob, conversation_id, "claim")
    assert second.status_code == 409
    assert "ann@riverside.example" in second.json()["detail"]
    # Only the holder writes to the patient.
    assert (await act(rig, bob, conversation_id, "messages")).status_code == 409
    mine = await rig.client.get(
        "/staff/api/conversations", params={"assignee": "me"}, headers=bearer(ann)
    )
    assert [c["id"] for c in mine.json()] == [conversation_id]

    sent = await act(rig, ann, conversation_id, "messages")
    assert sent.status_code == 202, sent.text
    assert await patient_writes(rig, "what are your opening hours?") == []
    lines = (await transcript(rig, ann, conversation_id))["messages"]
    assert [m["text"] for m in lines[-2:]] == [
        "Hello, this is Ann at the front desk.",
        "what are your opening hours?",
    ]

    # A note is for staff: kept with the conversation, never sent to the patient.
    noted = await act(rig, bob, conversation_id, "notes")
    assert noted.status_code == 201, noted.text
    seen = await transcript(rig, ann, conversation_id)
    assert [n["text"] for n in seen["notes"]] == ["Hello, this is Ann at the front desk."]
    assert seen["messages"] == lines

    handed = await act(rig, ann, conversation_id, "handback")
    assert handed.status_code == 204, handed.text
    after = await transcript(rig, ann, conversation_id)
    assert after["escalation"] is None
    assert BACK in after["messages"][-1]["text"]
    [answer] = await patient_writes(rig, "what are your opening hours?")
    assert "hours" in answer["text"].lower()

    audit = await rig.audit()
    actions = [r.action for r in audit if r.subject == f"Conversation/{conversation_id}"]
    for action in (
        "escalation.opened",
        "escalation.claimed",
        "escalation.message_sent",
        "escalation.handed_back",
        "conversation.note_added",
    ):
        assert action in actions
    assert not any("front desk" in str(r.detail) for r in audit)


async def test_an_emergency_is_urgent_with_its_task(rig: StaffRig) -> None:
    replies = await patient_writes(rig, "I have crushing chest pain and can't breathe")
    assert PROMISE in replies[-1]["text"]
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    urgent = await rig.client.get(
        "/staff/api/conversations", params={"urgency": "urgent"}, headers=bearer(ann)
    )
    [summary] = urgent.json()
    escalation = summary["escalation"]
    assert escalation["reason"] == "emergency"
    assert escalation["task_id"]
    opened = dt.datetime.fromisoformat(escalation["opened_at"])
    assert dt.datetime.fromisoformat(escalation["due_at"]) - opened == dt.timedelta(minutes=15)


async def test_an_opted_out_patient_is_not_written_to(rig: StaffRig) -> None:
    async def sms(text: str, n: int) -> None:
        await rig.runtime.assistant.handle(
            Inbound(
                practice_id="riverside",
                channel="sms",
                address=PHONE,
                text=text,
                provider_message_id=f"SM-takeover-{n}",
                received_at=rig.clock.now(),
            )
        )

    await sms("can I talk to a real person", 1)
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    [summary] = (
        await rig.client.get(
            "/staff/api/conversations", params={"channel": "sms"}, headers=bearer(ann)
        )
    ).json()
    assert (await act(rig, ann, summary["id"], "claim")).status_code == 200
    sent = await act(rig, ann, summary["id"], "messages")
    assert sent.status_code == 202
    async with rig.runtime.storage.reading() as uow:
        due = await uow.outbox.due(rig.clock.now(), 100)
    [queued] = [m for m in due if m.id == sent.json()["id"]]
    assert (queued.channel, queued.address, queued.status) == ("sms", PHONE, "pending")

    await sms("STOP", 2)
    refused = await act(rig, ann, summary["id"], "messages")
    assert refused.status_code == 409
    assert "opted out" in refused.json()["detail"]


async def test_another_practices_staff_get_404_and_strangers_401_on_every_action(
    rig: StaffRig,
) -> None:
    await patient_writes(rig, "can I talk to a real person")
    await rig.add("ann@riverside.example")
    await rig.add("tom@thames-physio.example", practice="thames-physio")
    ann = await rig.token("ann@riverside.example")
    tom = await rig.token("tom@thames-physio.example")
    [riverside] = (await rig.client.get("/staff/api/conversations", headers=bearer(ann))).json()
    for action in ACTIONS:
        theirs = await act(rig, tom, riverside["id"], action)
        missing = await act(rig, tom, "no-such-conversation", action)
        assert theirs.status_code == missing.status_code == 404, action
        assert theirs.json() == missing.json()
        assert (await act(rig, None, riverside["id"], action)).status_code == 401
    # Nothing tom tried changed it.
    found = await transcript(rig, ann, riverside["id"])
    assert found["escalation"]["state"] == "open"


async def test_while_staff_have_it_the_safety_net_and_keywords_still_answer(
    rig: StaffRig,
) -> None:
    await patient_writes(rig, "can I talk to a real person")
    assert await patient_writes(rig, "are you still there?") == []
    [guidance] = await patient_writes(rig, "I have crushing chest pain and can't breathe")
    assert "911" in guidance["text"]
    [helped] = await patient_writes(rig, "HELP")
    assert helped["text"]
    # The emergency made the conversation's escalation urgent: first in the queue.
    await rig.add("ann@riverside.example")
    ann = await rig.token("ann@riverside.example")
    urgent = await rig.client.get(
        "/staff/api/conversations", params={"urgency": "urgent"}, headers=bearer(ann)
    )
    [summary] = urgent.json()
    assert summary["escalation"]["reason"] == "human_requested"
    assert summary["escalation"]["task_id"]
