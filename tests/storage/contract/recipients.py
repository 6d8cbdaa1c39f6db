"""What is kept about an address: the opt-out list and how far each sent message got."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.ports import DeliveryRecord, Storage
from tests.storage.builders import NOW, minutes, uid


def delivery(
    provider_message_id: str, status: str, rank: int, updated_at: dt.datetime = NOW
) -> DeliveryRecord:
    return DeliveryRecord("sms", provider_message_id, status, rank, updated_at)


class OptOutContract:
    async def test_an_address_is_in_until_it_opts_out_and_back_in(self, storage: Storage) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            assert await uow.opt_outs.is_opted_out("p1", address) is False
            assert await uow.opt_outs.set_opted_out("p1", address, "sms", True, NOW) is True
            assert await uow.opt_outs.is_opted_out("p1", address) is True
        async with storage.unit_of_work() as uow:
            assert await uow.opt_outs.is_opted_out("p1", address) is True
            assert await uow.opt_outs.set_opted_out("p1", address, "sms", False, NOW) is True
        async with storage.unit_of_work() as uow:
            assert await uow.opt_outs.is_opted_out("p1", address) is False

    async def test_saying_it_again_changes_nothing(self, storage: Storage) -> None:
        address = uid("+1")
        async with storage.unit_of_work() as uow:
            assert await uow.opt_outs.set_opted_out("p1", address, "sms", False, NOW) is False
            assert await uow.opt_outs.set_opted_out("p1", address, "sms", True, NOW) is True
            later = NOW + minutes(5)
            assert await uow.opt_outs.set_opted_out("p1", address, "whatsapp", True, later) is False
            assert await uow.opt_outs.is_opted_out("p1", address) is True

    async def test_the_list_is_per_practice_and_address(self, storage: Storage) -> None:
        address, other = uid("+1"), uid("+1")
        async with storage.unit_of_work() as uow:
            await uow.opt_outs.set_opted_out("p1", address, "sms", True, NOW)
            assert await uow.opt_outs.is_opted_out("p2", address) is False
            assert await uow.opt_outs.is_opted_out("p1", other) is False

    async def test_a_batch_of_addresses_is_read_at_once(self, storage: Storage) -> None:
        out, back_in, never, elsewhere = (uid("+1") for _ in range(4))
        async with storage.unit_of_work() as uow:
            await uow.opt_outs.set_opted_out("p1", out, "sms", True, NOW)
            await uow.opt_outs.set_opted_out("p1", back_in, "sms", True, NOW)
            await uow.opt_outs.set_opted_out("p1", back_in, "sms", False, NOW)
            await uow.opt_outs.set_opted_out("p2", elsewhere, "sms", True, NOW)
        async with storage.reading() as uow:
            assert await uow.opt_outs.opted_out_among("p1", [out, back_in, never, elsewhere]) == {
                out
            }
            assert await uow.opt_outs.opted_out_among("p1", []) == set()


class DeliveryContract:
    async def test_the_status_only_moves_forward(self, storage: Storage) -> None:
        sid = uid("SM")
        async with storage.unit_of_work() as uow:
            assert await uow.deliveries.get("sms", sid) is None
            assert await uow.deliveries.record(delivery(sid, "sent", 2)) is True
            delivered = delivery(sid, "delivered", 3, updated_at=NOW + minutes(1))
            assert await uow.deliveries.record(delivered) is True
            # A late "sent" callback, arriving after "delivered", is not kept.
            assert await uow.deliveries.record(delivery(sid, "sent", 2)) is False
            assert await uow.deliveries.record(delivery(sid, "delivered", 3)) is False
        async with storage.unit_of_work() as uow:
            assert await uow.deliveries.get("sms", sid) == delivered
            assert await uow.deliveries.get("whatsapp", sid) is None

    async def test_concurrent_callbacks_keep_the_furthest(self, storage: Storage) -> None:
        sid = uid("SM")
        statuses = [("queued", 0), ("sending", 1), ("sent", 2), ("delivered", 3), ("read", 4)]

        async def callback(status: str, rank: int) -> None:
            async with storage.unit_of_work() as uow:
                await uow.deliveries.record(delivery(sid, status, rank))

        await asyncio.gather(*(callback(s, r) for s, r in reversed(statuses * 3)))
        async with storage.unit_of_work() as uow:
            stored = await uow.deliveries.get("sms", sid)
        assert stored is not None and (stored.status, stored.rank) == ("read", 4)
