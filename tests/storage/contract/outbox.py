"""The outbox: due messages oldest first; senders never share a message."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

from bot.ports import OutboxRecord, Storage
from tests.storage.builders import NOW, minutes, outbound, uid


async def enqueue(storage: Storage, *messages: OutboxRecord) -> None:
    async with storage.unit_of_work() as uow:
        for message in messages:
            await uow.outbox.enqueue(message)


class OutboxContract:
    async def test_a_practice_claims_only_its_own_messages(self, storage: Storage) -> None:
        """Each practice sends from its own numbers: another practice's message is not its."""
        ours, theirs = uid("practice-"), uid("practice-")
        async with storage.unit_of_work() as uow:
            await uow.outbox.enqueue(outbound(practice_id=ours, address=uid("+1")))
            await uow.outbox.enqueue(outbound(practice_id=theirs, address=uid("+1")))
        async with storage.unit_of_work() as uow:
            claimed = await uow.outbox.claim(NOW, 1000, practice_id=ours)
        assert [m.practice_id for m in claimed] == [ours]

    async def test_due_is_pending_or_retry_due_oldest_first(self, storage: Storage) -> None:
        second, first = outbound(created_at=NOW + minutes(1)), outbound(created_at=NOW)
        retry_due = outbound(created_at=NOW + minutes(2), next_attempt_at=NOW, attempts=1)
        retry_later = outbound(created_at=NOW, next_attempt_at=NOW + minutes(5), attempts=1)
        sent = outbound(created_at=NOW, status="sent")
        await enqueue(storage, second, first, retry_due, retry_later, sent)
        async with storage.unit_of_work() as uow:
            due = await uow.outbox.due(NOW, limit=10)
            assert [m.id for m in await uow.outbox.due(NOW, limit=2)] == [first.id, second.id]
        assert due == [first, second, retry_due]

    async def test_update_writes_the_delivery_fields(self, storage: Storage) -> None:
        message = outbound(conversation_id=None)
        await enqueue(storage, message)
        failed = dataclasses.replace(
            message, status="pending", attempts=1, next_attempt_at=NOW + minutes(1), error="timeout"
        )
        delivered = dataclasses.replace(
            message, status="sent", attempts=2, provider_message_id="SM9"
        )
        async with storage.unit_of_work() as uow:
            await uow.outbox.update(failed)
            assert await uow.outbox.due(NOW, 10) == []
            assert await uow.outbox.due(NOW + minutes(1), 10) == [failed]
            await uow.outbox.update(delivered)
            assert await uow.outbox.due(NOW + minutes(9), 10) == []

    async def test_updating_an_unknown_message_fails(self, storage: Storage) -> None:
        async with storage.unit_of_work() as uow:
            with pytest.raises(LookupError):
                await uow.outbox.update(outbound())

    async def test_update_many_writes_each_messages_delivery_fields(self, storage: Storage) -> None:
        """A sender's wave of outcomes, written in one go: sent, put off, failed."""
        sent, retried, failed = (outbound(address=uid("+1")) for _ in range(3))
        await enqueue(storage, sent, retried, failed)
        async with storage.single_statement() as uow:
            claimed = {m.id: m for m in await uow.outbox.claim(NOW, 10)}
        assert set(claimed) == {sent.id, retried.id, failed.id}
        retry_at = NOW + minutes(1)
        async with storage.single_statement() as uow:
            await uow.outbox.update_many(
                [
                    dataclasses.replace(
                        claimed[sent.id], status="sent", attempts=1, provider_message_id="SM1"
                    ),
                    dataclasses.replace(
                        claimed[retried.id],
                        status="pending",
                        attempts=1,
                        next_attempt_at=retry_at,
                        error="twilio http 429",
                    ),
                    dataclasses.replace(
                        claimed[failed.id], status="failed", attempts=1, error="code 21211"
                    ),
                ]
            )
        async with storage.unit_of_work() as uow:
            assert await uow.outbox.due(NOW, 10) == []
            (due,) = await uow.outbox.due(retry_at, 10)
        assert (due.id, due.status, due.attempts, due.next_attempt_at, due.error) == (
            retried.id,
            "pending",
            1,
            retry_at,
            "twilio http 429",
        )

    async def test_update_many_in_a_unit_of_work_commits_or_rolls_back_with_it(
        self, storage: Storage
    ) -> None:
        message = outbound(address=uid("+1"))
        await enqueue(storage, message)
        with pytest.raises(RuntimeError):  # noqa: PT012
            async with storage.unit_of_work() as uow:
                # The first statement of the transaction: it must be the transaction's too.
                await uow.outbox.update_many([dataclasses.replace(message, status="sent")])
                raise RuntimeError("the unit of work fails after the update")
        async with storage.unit_of_work() as uow:
            assert [m.id for m in await uow.outbox.due(NOW, 10)] == [message.id]
            with pytest.raises(LookupError):
                await uow.outbox.update_many([dataclasses.replace(message), outbound()])

    async def test_claimed_messages_are_leased_to_one_sender(self, storage: Storage) -> None:
        message = outbound()
        await enqueue(storage, message)
        async with storage.unit_of_work() as uow:
            (claimed,) = await uow.outbox.claim(NOW, 10)
        assert (claimed.id, claimed.status) == (message.id, "sending")
        async with storage.unit_of_work() as uow:
            assert await uow.outbox.claim(NOW + minutes(1), 10) == []
            assert await uow.outbox.due(NOW + minutes(1), 10) == []
            # The sender died: once its lease lapses the message is due again.
            (reclaimed,) = await uow.outbox.claim(NOW + minutes(60), 10)
        assert reclaimed.id == message.id

    async def test_a_renewed_lease_keeps_a_living_senders_claim(self, storage: Storage) -> None:
        message, finished = outbound(address=uid("+1")), outbound(address=uid("+1"))
        await enqueue(storage, message, finished)
        lease = minutes(1)
        async with storage.unit_of_work() as uow:
            claimed = await uow.outbox.claim(NOW, 10, lease=lease)
            assert {m.id for m in claimed} == {message.id, finished.id}
            sent = next(m for m in claimed if m.id == finished.id)
            await uow.outbox.update(dataclasses.replace(sent, status="sent"))
        async with storage.unit_of_work() as uow:
            # Only the message still being sent is renewed: the sent one stays sent.
            assert await uow.outbox.renew([message.id, finished.id], NOW + 2 * lease) == 1
            assert await uow.outbox.claim(NOW + lease, 10, lease=lease) == []  # still its
            (reclaimed,) = await uow.outbox.claim(NOW + 2 * lease, 10, lease=lease)  # it died
        assert reclaimed.id == message.id

    async def test_concurrent_claimers_never_share_a_message(self, storage: Storage) -> None:
        # Thirty addresses: a stream gives one message at a time (see OutboxOrderContract).
        messages = [
            outbound(created_at=NOW + minutes(i), address=f"+1555010{i:04d}") for i in range(30)
        ]
        await enqueue(storage, *messages)

        async def claim() -> list[str]:
            async with storage.unit_of_work() as uow:
                return [m.id for m in await uow.outbox.claim(NOW + minutes(30), 5)]

        batches = await asyncio.gather(*(claim() for _ in range(8)))
        taken = [message_id for batch in batches for message_id in batch]
        assert sorted(taken) == sorted(m.id for m in messages)
        order = {m.id: i for i, m in enumerate(messages)}
        assert all(batch == sorted(batch, key=order.__getitem__) for batch in batches)

    async def test_senders_in_open_transactions_skip_each_others_rows(
        self, storage: Storage
    ) -> None:
        messages = [outbound(created_at=NOW + minutes(i)) for i in range(12)]
        await enqueue(storage, *messages)

        async def send_batch() -> list[str]:
            async with storage.unit_of_work() as uow:
                due = await uow.outbox.due(NOW + minutes(30), 5)
                await asyncio.sleep(0.05)  # "sending" while holding the rows
                for message in due:
                    await uow.outbox.update(dataclasses.replace(message, status="sent", attempts=1))
                return [m.id for m in due]

        taken = [
            i for batch in await asyncio.gather(*(send_batch() for _ in range(4))) for i in batch
        ]
        assert sorted(taken) == sorted(m.id for m in messages)
