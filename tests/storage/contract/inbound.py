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
        async with storage.transaction() as tx:
            assert await tx.record_inbound(first) is True
        async with storage.transaction() as tx:
            assert await tx.record_inbound(again) is False
            assert await tx.get_inbound(again.id) is None
            assert await tx.get_inbound(first.id) == first

    async def test_duplicate_leaves_the_transaction_usable(self, storage: Storage) -> None:
        async with storage.transaction() as tx:
            assert await tx.record_inbound(inbound("SM2"))
            assert not await tx.record_inbound(inbound("SM2"))
            later = inbound("SM3")
            assert await tx.record_inbound(later)
        async with storage.transaction() as tx:
            assert await tx.get_inbound(later.id) == later

    async def test_provider_ids_are_per_channel(self, storage: Storage) -> None:
        async with storage.transaction() as tx:
            assert await tx.record_inbound(inbound("42", channel="telegram"))
            assert await tx.record_inbound(inbound("42", channel="sms"))

    async def test_fifty_concurrent_deliveries_store_one(self, storage: Storage) -> None:
        provider_id = uid("SM")

        async def deliver() -> bool:
            async with storage.transaction() as tx:
                return await tx.record_inbound(inbound(provider_id))

        results = await asyncio.gather(*(deliver() for _ in range(50)))
        assert results.count(True) == 1

    async def test_rollback_on_error_stores_nothing(self, storage: Storage) -> None:
        message = inbound()
        # The failure must be raised inside the transaction: that is the rollback under test.
        with pytest.raises(RuntimeError):  # noqa: PT012
            async with storage.transaction() as tx:
                await tx.record_inbound(message)
                raise RuntimeError("turn failed")
        async with storage.transaction() as tx:
            assert await tx.get_inbound(message.id) is None
            assert await tx.record_inbound(inbound(message.provider_message_id))

    async def test_round_trip_keeps_fields_and_instants(self, storage: Storage) -> None:
        local = dt.timezone(dt.timedelta(hours=-5))
        message = inbound(at=NOW.astimezone(local), metadata={"media": 0}, body=None, attempts=2)
        async with storage.transaction() as tx:
            await tx.record_inbound(message)
            stored = await tx.get_inbound(message.id)
        assert stored == message
        assert stored is not None and stored.received_at.utcoffset() == dt.timedelta(0)

    async def test_pending_in_arrival_order_until_marked(self, storage: Storage) -> None:
        async with storage.transaction() as tx:
            conversation = await tx.get_or_create_conversation("p1", "sms", uid("+1"), NOW)
            late, early = (
                inbound(at=NOW + minutes(1), conversation_id=conversation.id),
                inbound(at=NOW, conversation_id=conversation.id),
            )
            for message in (late, early, inbound(conversation_id=None)):
                await tx.record_inbound(message)
            assert [m.id for m in await tx.pending_inbound(conversation.id)] == [early.id, late.id]
            await tx.mark_inbound(early.id, "processed")
        async with storage.transaction() as tx:
            assert [m.id for m in await tx.pending_inbound(conversation.id)] == [late.id]
            stored = await tx.get_inbound(early.id)
            assert stored is not None and stored.status == "processed"

    async def test_conversations_with_pending_oldest_first(self, storage: Storage) -> None:
        async with storage.transaction() as tx:
            waiting_long = await tx.get_or_create_conversation("p1", "sms", uid("+1"), NOW)
            waiting_less = await tx.get_or_create_conversation("p1", "sms", uid("+1"), NOW)
            done = await tx.get_or_create_conversation("p1", "sms", uid("+1"), NOW)
            await tx.record_inbound(inbound(at=NOW - minutes(100), conversation_id=waiting_long.id))
            await tx.record_inbound(inbound(at=NOW - minutes(50), conversation_id=waiting_less.id))
            finished = inbound(at=NOW - minutes(200), conversation_id=done.id)
            await tx.record_inbound(finished)
            await tx.mark_inbound(finished.id, "processed")
            found = await tx.conversations_with_pending(1000)
        assert done.id not in found
        assert found.index(waiting_long.id) < found.index(waiting_less.id)

    async def test_marking_an_unknown_message_fails(self, storage: Storage) -> None:
        async with storage.transaction() as tx:
            with pytest.raises(LookupError):
                await tx.mark_inbound("missing", "processed")

    async def test_retry_keeps_the_message_pending(self, storage: Storage) -> None:
        message = inbound(metadata={"media_count": 1})
        async with storage.transaction() as tx:
            await tx.record_inbound(message)
            await tx.retry_inbound(message.id, NOW + minutes(1), {"down_notified": True})
            await tx.retry_inbound(message.id, NOW + minutes(5), {})
            stored = await tx.get_inbound(message.id)
            with pytest.raises(LookupError):
                await tx.retry_inbound("missing", NOW, {})
        assert stored is not None
        assert (stored.status, stored.attempts) == ("pending", 2)
        assert stored.metadata == {
            "media_count": 1,
            "down_notified": True,
            "retry_at": (NOW + minutes(5)).isoformat(),
        }
        assert dt.datetime.fromisoformat(stored.metadata["retry_at"]) == NOW + minutes(5)
