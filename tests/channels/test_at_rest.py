"""Message bodies at rest: encrypted per column, keys rotated without downtime, bodies purged
after the practice's retention period while metadata and audit stay. Both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert, text

from adapters.crypto import Keyring, KeyringError, new_key
from adapters.sql import SqlStorage
from adapters.sql.models import PracticeRow
from adapters.sql.rotation import rotate_keys
from bot.retention import purge_expired
from tests.storage.builders import NOW, inbound, outbound
from tests.support.storage import BACKENDS, DatabaseFactory

SECRET = "Maria Lopez, born 04/12/1985, chest feels tight"


def ring(*keys: str) -> Keyring:
    return Keyring.from_settings(",".join(keys), "unused")


@pytest.fixture(params=BACKENDS)
async def url(request: pytest.FixtureRequest, database_url: DatabaseFactory) -> str:
    return await database_url(request.param)


async def raw(storage: SqlStorage, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    async with storage.engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql))]


async def store(storage: SqlStorage, **fields: object) -> str:
    message = inbound(body=SECRET, **fields)  # type: ignore[arg-type]
    reply = outbound(payload={"text": SECRET, "choices": ["Fri 9:00"], "links": []})
    async with storage.unit_of_work() as uow:
        await uow.inbox.record(message)
        await uow.outbox.enqueue(reply)
    return message.id


async def test_bodies_are_ciphertext_in_the_database_and_plain_through_the_port(url: str) -> None:
    storage = SqlStorage(url, keyring=ring(new_key()))
    try:
        message_id = await store(storage)
        dump = " ".join(
            str(v)
            for row in await raw(storage, "SELECT * FROM inbound_messages")
            + await raw(storage, "SELECT * FROM outbox")
            for v in row
        )
        assert "Maria" not in dump and "1985" not in dump and "Fri 9:00" not in dump
        async with storage.unit_of_work() as uow:
            stored = await uow.inbox.get(message_id)
            [reply] = await uow.outbox.due(NOW, 10)
        assert stored is not None and stored.body == SECRET
        assert reply.payload["text"] == SECRET and reply.payload["choices"] == ["Fri 9:00"]
    finally:
        await storage.close()


async def test_keys_rotate_without_downtime(url: str) -> None:
    old, new = new_key(), new_key()
    before = SqlStorage(url, keyring=ring(old))
    during = SqlStorage(url, keyring=ring(new, old))  # deployed with the new key first
    after = SqlStorage(url, keyring=ring(new))  # the old key removed
    try:
        old_id = await store(before)
        new_id = await store(during)
        async with during.unit_of_work() as uow:  # both readable while rotating
            assert [(await uow.inbox.get(i)).body for i in (old_id, new_id)] == [SECRET, SECRET]  # type: ignore[union-attr]
        with pytest.raises(KeyringError, match="rotate-keys"):
            async with after.unit_of_work() as uow:
                await uow.inbox.get(old_id)
        assert (
            await rotate_keys(during.engine, ring(new, old)) == 2
        )  # the old inbound body and reply
        assert await rotate_keys(during.engine, ring(new, old)) == 0
        async with after.unit_of_work() as uow:
            assert (await uow.inbox.get(old_id)).body == SECRET  # type: ignore[union-attr]
            assert {m.payload["text"] for m in await uow.outbox.due(NOW, 10)} == {SECRET}
    finally:
        for storage in (before, during, after):
            await storage.close()


async def test_plaintext_from_before_encryption_is_read_and_then_sealed(url: str) -> None:
    legacy, key = SqlStorage(url), new_key()  # no keyring: rows as written before this revision
    sealed = SqlStorage(url, keyring=ring(key))
    try:
        message_id = await store(legacy)
        assert await rotate_keys(sealed.engine, ring(key)) == 2
        assert "Maria" not in str(await raw(sealed, "SELECT body FROM inbound_messages"))
        async with sealed.unit_of_work() as uow:
            assert (await uow.inbox.get(message_id)).body == SECRET  # type: ignore[union-attr]
    finally:
        await legacy.close()
        await sealed.close()


async def test_a_body_moved_to_another_row_does_not_decrypt(url: str) -> None:
    storage = SqlStorage(url, keyring=ring(new_key()))
    try:
        first, second = await store(storage), await store(storage)
        async with storage.engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE inbound_messages SET body = (SELECT body FROM inbound_messages WHERE id = :a) WHERE id = :b"
                ),
                {"a": first, "b": second},
            )
        with pytest.raises(KeyringError, match="does not verify"):
            async with storage.unit_of_work() as uow:
                await uow.inbox.get(second)
    finally:
        await storage.close()


async def test_retention_purges_old_bodies_per_practice_and_keeps_metadata(url: str) -> None:
    storage = SqlStorage(url, keyring=ring(new_key()))
    now = NOW + dt.timedelta(days=365)
    try:
        async with storage.engine.begin() as connection:
            await connection.execute(
                insert(PracticeRow).values(
                    id="p1",
                    name="Riverside",
                    timezone="America/New_York",
                    locale="en-US",
                    settings={"message_retention_days": 30},
                )
            )
        async with storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create("p1", "sms", "+15550100", NOW)
        old = await store(storage, at=now - dt.timedelta(days=40), conversation_id=conversation.id)
        pending = await store(
            storage, at=now - dt.timedelta(days=40), conversation_id=conversation.id
        )
        recent = await store(
            storage, at=now - dt.timedelta(days=10), conversation_id=conversation.id
        )
        other = await store(
            storage, at=now - dt.timedelta(days=40), practice_id="p2"
        )  # default: 180 days
        async with storage.unit_of_work() as uow:
            for message_id in (old, recent, other):
                await uow.inbox.mark(message_id, "processed")
            await uow.conversations.append_event(
                conversation.id, "message_processed", {"message_id": old}, now
            )
            await storage_mark_sent(storage, uow)
        reports = await purge_expired(storage, ["p1", "p2"], default_days=180, now=now)
        assert (reports["p1"].inbound, reports["p2"].inbound) == (1, 0)
        async with storage.unit_of_work() as uow:
            purged = await uow.inbox.get(old)
            assert purged is not None and purged.body is None
            assert (purged.status, purged.seq, purged.received_at) == (
                "processed",
                1,
                now - dt.timedelta(days=40),
            )
            assert [(await uow.inbox.get(i)).body for i in (pending, recent, other)] == [SECRET] * 3  # type: ignore[union-attr]
            assert [e["kind"] for e in await uow.conversations.events(conversation.id)] == [
                "message_processed"
            ]
            [audit] = await uow.audit.trail("p1")
        assert audit.action == "messages.purged" and audit.detail["retention_days"] == 30
    finally:
        await storage.close()


async def storage_mark_sent(storage: SqlStorage, uow: object) -> None:
    """Replies that were sent are done with; their payloads may be purged too."""
    for reply in await uow.outbox.due(NOW + dt.timedelta(days=400), 100):  # type: ignore[attr-defined]
        reply.status = "sent"
        await uow.outbox.update(reply)  # type: ignore[attr-defined]
