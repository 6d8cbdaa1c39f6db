"""Conversations: one per address, optimistic versions, an ordered event log."""

from __future__ import annotations

import asyncio

import pytest

from bot.ports import StaleConversation, Storage
from tests.storage.builders import NOW, minutes, uid
from tests.storage.contract.escalations import escalation


class ConversationContract:
    async def test_get_or_create_returns_the_same_conversation(self, storage: Storage) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            created = await uow.conversations.get_or_create("p1", "sms", address, NOW)
        async with storage.unit_of_work() as uow:
            again = await uow.conversations.get_or_create("p1", "sms", address, NOW + minutes(5))
            other_channel = await uow.conversations.get_or_create("p1", "whatsapp", address, NOW)
            other_practice = await uow.conversations.get_or_create("p2", "sms", address, NOW)
        assert again == created
        assert (created.version, created.state, created.created_at) == (0, {}, NOW)
        assert len({created.id, other_channel.id, other_practice.id}) == 3

    async def test_concurrent_creators_share_one_row(self, storage: Storage) -> None:
        address = uid("+1")

        async def create() -> str:
            async with storage.unit_of_work() as uow:
                return (await uow.conversations.get_or_create("p1", "sms", address, NOW)).id

        assert len(set(await asyncio.gather(*(create() for _ in range(20))))) == 1

    async def test_for_turn_reads_the_conversation_its_opt_out_and_live_escalation(
        self, storage: Storage
    ) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", address, NOW)
            # Another practice's opt-out and another key of this one's do not count.
            await uow.opt_outs.set_opted_out("p2", address, "sms", True, NOW)
            await uow.opt_outs.set_opted_out("p1", uid("+1"), "sms", True, NOW)
        async with storage.reading() as uow:
            start = await uow.conversations.for_turn(conversation.id, address)
            assert await uow.conversations.for_turn(uid("conv-"), address) is None
        assert start is not None
        assert (start.conversation, start.opted_out, start.with_staff) == (
            conversation,
            False,
            None,
        )
        closed, live = escalation(conversation.id), escalation(conversation.id)
        async with storage.unit_of_work() as uow:
            await uow.opt_outs.set_opted_out("p1", address, "sms", True, NOW)
            await uow.escalations.open(closed)
            await uow.escalations.close(closed.id, NOW + minutes(1))
            await uow.escalations.open(live)
        async with storage.reading() as uow:
            start = await uow.conversations.for_turn(conversation.id, address)
        assert start is not None
        assert (start.conversation, start.opted_out, start.with_staff) == (conversation, True, live)

    async def test_save_bumps_the_version(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            conversation.state = {"v": 1, "step": "pick_time", "offered": ["Slot/1"]}
            await uow.conversations.save(conversation, NOW + minutes(1))
            assert conversation.version == 1
            await uow.conversations.save(conversation, NOW + minutes(2))
        async with storage.unit_of_work() as uow:
            stored = await uow.conversations.get(conversation.id)
        assert stored == conversation
        assert stored is not None and (stored.version, stored.updated_at) == (2, NOW + minutes(2))

    async def test_a_stale_save_is_refused(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
        async with storage.unit_of_work() as uow:
            mine = await uow.conversations.get(conversation.id)
            theirs = await uow.conversations.get(conversation.id)
        assert mine is not None and theirs is not None
        theirs.state = {"by": "them"}
        async with storage.unit_of_work() as uow:
            await uow.conversations.save(theirs, NOW)
        mine.state = {"by": "me"}
        with pytest.raises(StaleConversation):
            async with storage.unit_of_work() as uow:
                await uow.conversations.save(mine, NOW)
        async with storage.unit_of_work() as uow:
            stored = await uow.conversations.get(conversation.id)
        assert stored is not None and (stored.state, stored.version) == ({"by": "them"}, 1)

    async def test_unknown_conversation_is_none(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            assert await uow.conversations.get("missing") is None

    async def test_events_keep_their_order_per_conversation(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            a = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            b = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            await uow.conversations.append_event(a.id, "intent", {"name": "book"}, NOW)
            await uow.conversations.append_event(b.id, "intent", {"name": "cancel"}, NOW)
            await uow.conversations.append_event(
                a.id, "step", {"id": "pick_time"}, NOW + minutes(1)
            )
        async with storage.unit_of_work() as uow:
            events = await uow.conversations.events(a.id)
            assert [e["seq"] for e in await uow.conversations.events(b.id)] == [1]
        assert events == [
            {"seq": 1, "kind": "intent", "data": {"name": "book"}, "at": NOW},
            {"seq": 2, "kind": "step", "data": {"id": "pick_time"}, "at": NOW + minutes(1)},
        ]

    async def test_concurrent_appends_get_distinct_seqs(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)

        async def append(n: int) -> None:
            async with storage.unit_of_work() as uow:
                await uow.conversations.append_event(conversation.id, "n", {"n": n}, NOW)

        await asyncio.gather(*(append(n) for n in range(10)))
        async with storage.unit_of_work() as uow:
            events = await uow.conversations.events(conversation.id)
        assert [e["seq"] for e in events] == list(range(1, 11))
        assert sorted(e["data"]["n"] for e in events) == list(range(10))

    async def test_a_turns_events_follow_the_log_in_their_order(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            await uow.conversations.append_event(conversation.id, "greeted", {}, NOW)
        async with storage.unit_of_work() as uow:
            conversation.state = {"step": "pick_time"}
            await uow.conversations.save(conversation, NOW + minutes(1))
            await uow.conversations.append_events(
                conversation.id,
                [("message_processed", {"intent": "book"}), ("step", {"id": "pick_time"})],
                NOW + minutes(1),
            )
            await uow.conversations.append_events(conversation.id, [], NOW + minutes(1))
        async with storage.unit_of_work() as uow:
            events = await uow.conversations.events(conversation.id)
        assert [(e["seq"], e["kind"], e["data"]) for e in events] == [
            (1, "greeted", {}),
            (2, "message_processed", {"intent": "book"}),
            (3, "step", {"id": "pick_time"}),
        ]

    async def test_concurrent_turns_events_never_interleave(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)

        async def turn(n: int) -> None:
            async with storage.unit_of_work() as uow:
                await uow.conversations.append_events(
                    conversation.id, [("first", {"n": n}), ("second", {"n": n})], NOW
                )

        await asyncio.gather(*(turn(n) for n in range(6)))
        async with storage.unit_of_work() as uow:
            events = await uow.conversations.events(conversation.id)
        assert [e["seq"] for e in events] == list(range(1, 13))
        pairs = [(events[i]["data"]["n"], events[i + 1]["data"]["n"]) for i in range(0, 12, 2)]
        assert all(a == b for a, b in pairs)
        assert sorted(a for a, _ in pairs) == list(range(6))

    async def test_events_need_a_conversation(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            with pytest.raises(LookupError):
                await uow.conversations.append_event("missing", "intent", {}, NOW)
