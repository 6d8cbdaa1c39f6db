"""The staff queue's filters through the real app: applied by the storage query before its
limit, so an escalation opened long ago, behind many newer conversations, is never missed."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from bot.ports import EscalationRecord
from tests.staff.conftest import StaffRig, bearer
from tests.support.fhir import TEST_NOW

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

QUEUE = "/staff/api/conversations"


def escalation(conversation_id: str, urgency: str = "normal") -> EscalationRecord:
    return EscalationRecord(
        id=uuid.uuid4().hex,
        practice_id="riverside",
        conversation_id=conversation_id,
        reason="human_requested",
        urgency=urgency,
        state="open",
        opened_at=TEST_NOW,
        due_at=TEST_NOW + dt.timedelta(minutes=240),
    )


async def test_an_old_escalation_is_found_behind_newer_conversations(rig: StaffRig) -> None:
    ann = await rig.add("ann@riverside.example")
    token = bearer(await rig.token("ann@riverside.example"))
    async with rig.runtime.storage.unit_of_work() as uow:
        conversations = uow.conversations
        waiting = await conversations.get_or_create("riverside", "sms", "+16175550171", TEST_NOW)
        held = await conversations.get_or_create("riverside", "sms", "+16175550172", TEST_NOW)
        await conversations.save(waiting, TEST_NOW)
        await conversations.save(held, TEST_NOW + dt.timedelta(minutes=1))
        newer = []
        for i in range(5):
            c = await conversations.get_or_create("riverside", "sms", f"+1617555018{i}", TEST_NOW)
            await conversations.save(c, TEST_NOW + dt.timedelta(hours=1, minutes=i))
            newer.append(c.id)
        await uow.escalations.open(escalation(waiting.id, "urgent"))
        taken = escalation(held.id)
        await uow.escalations.open(taken)
        assert await uow.escalations.claim(taken.id, ann.id, TEST_NOW + dt.timedelta(minutes=2))

    async def ids(**query: str | int) -> list[str]:
        answer = await rig.client.get(QUEUE, params=query, headers=token)
        assert answer.status_code == 200, answer.text
        return [c["id"] for c in answer.json()]

    assert await ids(limit=1) == [waiting.id]  # the queue's order: escalations, urgent first
    assert await ids(status="open", limit=1) == [waiting.id]
    assert await ids(urgency="urgent", limit=1) == [waiting.id]
    assert await ids(status="claimed", limit=1) == [held.id]
    assert await ids(assignee="me", limit=1) == [held.id]
    assert await ids(assignee=ann.id, limit=1) == [held.id]
    assert await ids(status="none", limit=2) == [newer[-1], newer[-2]]
    assert await ids(channel="whatsapp") == []
    listed = (await rig.client.get(QUEUE, params={"limit": 2}, headers=token)).json()
    assert [c["escalation"]["state"] for c in listed] == ["open", "claimed"]
