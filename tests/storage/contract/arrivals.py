"""Receiving: a message recorded in its conversation (found or created), numbered in the
order receivers commit, deduplicated by provider id: `uow.inbox.receive` in a unit of work,
and `storage.receive`, the same in a transaction of its own (the webhook's path)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

import pytest

from bot.ports import InboundRecord, Received, Storage
from tests.storage.builders import NOW, inbound, minutes, uid

Receive = Callable[[InboundRecord], Awaitable[Received | None]]


class ArrivalContract:
    @pytest.fixture(params=["unit_of_work", "storage"])
    def receive(self, request: pytest.FixtureRequest, storage: Storage) -> Receive:
        async def in_a_unit_of_work(message: InboundRecord) -> Received | None:
            async with storage.unit_of_work() as uow:
                return await uow.inbox.receive(message)

        return in_a_unit_of_work if request.param == "unit_of_work" else storage.receive

    async def test_first_message_starts_the_conversation_and_later_ones_join_it(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        first, second = inbound(address=address), inbound(address=address, at=NOW + minutes(1))
        started = await receive(first)
        joined = await receive(second)
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", address, NOW)
            pending = await uow.inbox.pending(conversation.id)
        assert started is not None and joined is not None
        assert (started.new_conversation, started.seq) == (True, 1)
        assert (joined.new_conversation, joined.seq) == (False, 2)
        assert started.conversation_id == joined.conversation_id == conversation.id
        assert [m.id for m in pending] == [first.id, second.id]
        assert [(m.seq, m.conversation_id) for m in pending] == [
            (1, conversation.id),
            (2, conversation.id),
        ]
        assert pending[0] == first and pending[1] == second

    async def test_a_duplicate_is_refused_and_takes_no_number(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        original = inbound("SM-dup-" + address, address=address)
        assert await receive(original) is not None
        retry = inbound(original.provider_message_id, address=address, body="again")
        assert await receive(retry) is None
        later = await receive(inbound(address=address))
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.get(retry.id) is None
            assert await uow.inbox.get(original.id) == original
        assert later is not None and later.seq == 2

    async def test_each_address_and_channel_has_its_own_conversation(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        sms = await receive(inbound(address=address))
        whatsapp = await receive(inbound(address=address, channel="whatsapp"))
        other_practice = await receive(inbound(address=address, practice_id="p2"))
        assert sms is not None and whatsapp is not None and other_practice is not None
        assert (
            len({sms.conversation_id, whatsapp.conversation_id, other_practice.conversation_id})
            == 3
        )
        assert {sms.seq, whatsapp.seq, other_practice.seq} == {1}

    async def test_received_time_never_goes_back_in_arrival_order(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        # A second process whose clock is behind records the next message.
        late_clock = inbound(address=address, at=NOW - minutes(5))
        await receive(inbound(address=address, at=NOW))
        received = await receive(late_clock)
        async with storage.unit_of_work() as uow:
            stored = await uow.inbox.get(late_clock.id)
        assert received is not None and received.received_at == NOW
        assert stored is not None and stored.received_at == NOW == late_clock.received_at

    async def test_receive_and_record_number_the_same_conversation_together(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", address, NOW)
            assert await uow.inbox.record(inbound(address=address, conversation_id=conversation.id))
        received = await receive(inbound(address=address))
        assert received is not None
        assert (received.conversation_id, received.seq) == (conversation.id, 2)

    async def test_concurrent_receivers_number_one_conversation_in_order(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        messages = [inbound(address=address, at=NOW + minutes(i % 7)) for i in range(30)]
        results = await asyncio.gather(*(receive(m) for m in messages))
        recorded = [r for r in results if r is not None]
        assert len(recorded) == 30
        assert len({r.conversation_id for r in recorded}) == 1
        assert [r.new_conversation for r in recorded].count(True) == 1
        async with storage.unit_of_work() as uow:
            pending = await uow.inbox.pending(recorded[0].conversation_id)
        assert [m.seq for m in pending] == list(range(1, 31))
        assert [m.received_at for m in pending] == sorted(m.received_at for m in pending)

    async def test_concurrent_retries_store_each_message_once(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        messages = [inbound(address=address) for _ in range(10)]
        retries = [inbound(m.provider_message_id, address=address) for m in messages for _ in "ab"]
        deliveries = messages + retries
        random.Random(7).shuffle(deliveries)
        results = await asyncio.gather(*(receive(m) for m in deliveries))
        recorded = [r for r in results if r is not None]
        assert len(recorded) == 10
        async with storage.unit_of_work() as uow:
            pending = await uow.inbox.pending(recorded[0].conversation_id)
        assert sorted(m.provider_message_id for m in pending) == sorted(
            m.provider_message_id for m in messages
        )
        # Increasing in arrival order; a retry racing its original may skip a number.
        seqs = [m.seq or 0 for m in pending]
        assert seqs == sorted(set(seqs))

    async def test_a_receiver_waits_for_the_one_before_it_to_commit(
        self, storage: Storage, receive: Receive
    ) -> None:
        address = uid("+1")
        second_done = asyncio.Event()

        async def second() -> int | None:
            received = await receive(inbound(address=address))
            second_done.set()
            return None if received is None else received.seq

        async with storage.unit_of_work() as uow:
            first = await uow.inbox.receive(inbound(address=address))
            waiting = asyncio.create_task(second())
            await asyncio.sleep(0.2)
            # Still waiting while the first receiver's unit of work is open.
            assert not second_done.is_set()
        assert first is not None and first.seq == 1
        assert await waiting == 2
