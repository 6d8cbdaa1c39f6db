"""Escalations: one live per conversation, a claim won by exactly one of two racing staff
members, closing for good, urgency raised; staff notes kept in order."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.ports import EscalationRecord, StaffNote, Storage
from tests.storage.builders import NOW, minutes, uid


def escalation(conversation_id: str, practice_id: str = "p1") -> EscalationRecord:
    return EscalationRecord(
        id=uid("esc-"),
        practice_id=practice_id,
        conversation_id=conversation_id,
        reason="human_requested",
        urgency="normal",
        state="open",
        opened_at=NOW,
        due_at=NOW + dt.timedelta(minutes=240),
    )


class EscalationsContract:
    async def test_a_conversation_has_one_live_escalation(self, storage: Storage) -> None:
        conversation = uid("conv-")
        first = escalation(conversation)
        async with storage.unit_of_work() as uow:
            assert await uow.escalations.open(first) == first
            assert (await uow.escalations.open(escalation(conversation))).id == first.id
        async with storage.reading() as uow:
            assert (await uow.escalations.live(conversation)) == first
            assert list(await uow.escalations.live_of("p1")) == [conversation]
            assert await uow.escalations.live_of("p2") == {}

    async def test_of_two_racing_claims_exactly_one_wins(self, storage: Storage) -> None:
        opened = escalation(uid("conv-"))
        async with storage.unit_of_work() as uow:
            await uow.escalations.open(opened)

        async def claim(staff_id: str) -> bool:
            async with storage.unit_of_work() as uow:
                return await uow.escalations.claim(opened.id, staff_id, NOW + minutes(1))

        won = await asyncio.gather(claim("ann"), claim("bob"))
        assert sorted(won) == [False, True]
        async with storage.reading() as uow:
            live = await uow.escalations.live(opened.conversation_id)
        assert live is not None and live.state == "claimed"
        assert live.holder == ("ann" if won[0] else "bob")

    async def test_a_closed_escalation_makes_room_for_a_new_one(self, storage: Storage) -> None:
        conversation = uid("conv-")
        first = escalation(conversation)
        async with storage.unit_of_work() as uow:
            await uow.escalations.open(first)
            assert await uow.escalations.close(first.id, NOW + minutes(5))
            assert not await uow.escalations.close(first.id, NOW + minutes(6))
            assert not await uow.escalations.claim(first.id, "ann", NOW + minutes(6))
            assert await uow.escalations.live(conversation) is None
            second = escalation(conversation)
            assert await uow.escalations.open(second) == second

    async def test_an_emergency_makes_it_urgent(self, storage: Storage) -> None:
        opened = escalation(uid("conv-"))
        async with storage.unit_of_work() as uow:
            await uow.escalations.open(opened)
            await uow.escalations.make_urgent(opened.id, NOW + minutes(15), "task-1")
        async with storage.reading() as uow:
            live = await uow.escalations.live(opened.conversation_id)
        assert live is not None
        assert (live.urgency, live.due_at, live.task_id) == ("urgent", NOW + minutes(15), "task-1")

    async def test_notes_are_kept_in_order(self, storage: Storage) -> None:
        conversation = uid("conv-")
        notes = [
            StaffNote(uid("note-"), "p1", conversation, "ann", NOW + minutes(i), f"note {i}")
            for i in (2, 1)
        ]
        async with storage.unit_of_work() as uow:
            for note in notes:
                await uow.escalations.add_note(note)
        async with storage.reading() as uow:
            found = await uow.escalations.notes(conversation)
        assert [n.text for n in found] == ["note 1", "note 2"]
