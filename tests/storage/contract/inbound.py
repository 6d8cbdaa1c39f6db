"""Inbound messages: deduplicated by provider id, pending in arrival order."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.ports import Storage
from tests.storage.builders import NOW, inbound, minutes, uid


class InboundContract:
    async def test_same_provider_id_is_stored_once(self, storage: Storage) -> None:
        first, again = inbound("SM1"), inbound("SM1", body="retry")
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.record(first) is True
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.record(again) is False
            assert await uow.inbox.get(again.id) is None
            assert await uow.inbox.get(first.id) == first

    async def test_duplicate_leaves_the_transaction_usable(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.record(inbound("SM2"))
            assert not await uow.inbox.record(inbound("SM2"))
            later = inbound("SM3")
            assert await uow.inbox.record(later)
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.get(later.id) == later

    async def test_provider_ids_are_per_channel(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.record(inbound("42", channel="telegram"))
            assert await uow.inbox.record(inbound("42", channel="sms"))

    async def test_fifty_concurrent_deliveries_store_one(self, storage: Storage) -> None:
        provider_id = uid("SM")

        async def deliver() -> bool:
            async with storage.unit_of_work() as uow:
                return await uow.inbox.record(inbound(provider_id))

        results = await asyncio.gather(*(deliver() for _ in range(50)))
        assert results.count(True) == 1

    async def test_rollback_on_error_stores_nothing(self, storage: Storage) -> None:
        message = inbound()
        # The failure must be raised inside the transaction: that is the rollback under test.
        with pytest.raises(RuntimeError):  # noqa: PT012
            async with storage.unit_of_work() as uow:
                await uow.inbox.record(message)
                raise RuntimeError("turn failed")
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.get(message.id) is None
            assert await uow.inbox.record(inbound(message.provider_message_id))

    async def test_round_trip_keeps_fields_and_instants(self, storage: Storage) -> None:
        local = dt.timezone(dt.timedelta(hours=-5))
        message = inbound(at=NOW.astimezone(local), metadata={"media": 0}, body=None, attempts=2)
        async with storage.unit_of_work() as uow:
            await uow.inbox.record(message)
            stored = await uow.inbox.get(message.id)
        assert stored == message
        assert stored is not None and stored.received_at.utcoffset() == dt.timedelta(0)

    async def test_pending_in_arrival_order_until_marked(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            late, early = (
                inbound(at=NOW + minutes(1), conversation_id=conversation.id),
                inbound(at=NOW, conversation_id=conversation.id),
            )
            for message in (late, early, inbound(conversation_id=None)):
                await uow.inbox.record(message)
            assert [m.id for m in await uow.inbox.pending(conversation.id)] == [early.id, late.id]
            await uow.inbox.mark(early.id, "processed")
        async with storage.unit_of_work() as uow:
            assert [m.id for m in await uow.inbox.pending(conversation.id)] == [late.id]
            stored = await uow.inbox.get(early.id)
            assert stored is not None and stored.status == "processed"

    async def test_a_practice_finds_only_its_own_pending_conversations(
        self, storage: Storage
    ) -> None:
        ours, theirs = uid("practice-"), uid("practice-")
        async with storage.unit_of_work() as uow:
            mine = await uow.conversations.get_or_create(ours, "sms", "+16175550134", NOW)
            other = await uow.conversations.get_or_create(theirs, "sms", "+16175550134", NOW)
            await uow.inbox.record(inbound(practice_id=ours, conversation_id=mine.id))
            await uow.inbox.record(inbound(practice_id=theirs, conversation_id=other.id))
            found = await uow.inbox.conversations_with_pending(1000, practice_id=ours)
        assert mine.id in found and other.id not in found

    async def test_conversations_with_pending_oldest_first(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            waiting_long = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            waiting_less = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            done = await uow.conversations.get_or_create("p1", "sms", uid("+1"), NOW)
            await uow.inbox.record(inbound(at=NOW - minutes(100), conversation_id=waiting_long.id))
            await uow.inbox.record(inbound(at=NOW - minutes(50), conversation_id=waiting_less.id))
            finished = inbound(at=NOW - minutes(200), conversation_id=done.id)
            await uow.inbox.record(finished)
            await uow.inbox.mark(finished.id, "processed")
            found = await uow.inbox.conversations_with_pending(1000)
        assert done.id not in found
        assert found.index(waiting_long.id) < found.index(waiting_less.id)

    async def test_marking_an_unknown_message_fails(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            with pytest.raises(LookupError):
                await uow.inbox.mark("missing", "processed")

    async def test_retry_keeps_the_message_pending(self, storage: Storage) -> None:
        message = inbound(metadata={"media_count": 1})
        async with storage.unit_of_work() as uow:
            await uow.inbox.record(message)
            await uow.inbox.retry(message.id, NOW + minutes(1), {"down_notified": True})
            await uow.inbox.retry(message.id, NOW + minutes(5), {})
            stored = await uow.inbox.get(message.id)
            with pytest.raises(LookupError):
                await uow.inbox.retry("missing", NOW, {})
        assert stored is not None
        assert (stored.status, stored.attempts) == ("pending", 2)
        assert stored.metadata == {
            "media_count": 1,
            "down_notified": True,
            "retry_at": (NOW + minutes(5)).isoformat(),
        }
        assert dt.datetime.fromisoformat(stored.metadata["retry_at"]) == NOW + minutes(5)

    async def test_last_received_is_per_practice_channel_and_address(
        self, storage: Storage
    ) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.last_received_at("p1", "whatsapp", address) is None
            for at in (NOW - minutes(90), NOW, NOW - minutes(30)):
                await uow.inbox.record(inbound(channel="whatsapp", address=address, at=at))
            await uow.inbox.record(inbound(channel="sms", address=address, at=NOW + minutes(5)))
        async with storage.unit_of_work() as uow:
            assert await uow.inbox.last_received_at("p1", "whatsapp", address) == NOW
            assert await uow.inbox.last_received_at("p2", "whatsapp", address) is None
