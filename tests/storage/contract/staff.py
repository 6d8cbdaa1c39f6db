"""Staff accounts and sessions: one account per email in the deployment, failed sign-ins
counted atomically up to a lock-out, sessions revoked for good."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt

from bot.ports import QueueFilter, StaffAccount, StaffSession, Storage
from tests.storage.builders import NOW, inbound, minutes, outbound, uid
from tests.storage.contract.escalations import escalation


def account(email: str | None = None, **fields: object) -> StaffAccount:
    values: dict[str, object] = {
        "id": uid("staff-"),
        "email": email or f"{uid('s')}@clinic.example",
        "practice_id": "p1",
        "role": "staff",
        "password_hash": "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA",
        "created_at": NOW,
    }
    return StaffAccount(**(values | fields))  # type: ignore[arg-type]


def session(staff: StaffAccount, **fields: object) -> StaffSession:
    values: dict[str, object] = {
        "token_id": uid("jti-"),
        "staff_id": staff.id,
        "practice_id": staff.practice_id,
        "issued_at": NOW,
        "expires_at": NOW + minutes(60),
        "last_seen_at": NOW,
    }
    return StaffSession(**(values | fields))  # type: ignore[arg-type]


class StaffAccountsContract:
    async def test_one_account_per_email_in_the_whole_deployment(self, storage: Storage) -> None:
        ann = account("Ann@Clinic.example")
        async with storage.unit_of_work() as uow:
            assert await uow.staff.add(ann)
            # Another practice cannot take the address either: one login is one practice.
            assert not await uow.staff.add(account("ann@clinic.EXAMPLE", practice_id="p2"))
        async with storage.reading() as uow:
            found = await uow.staff.by_email(" ann@clinic.example".strip().upper())
            assert found == dataclasses.replace(ann, email="ann@clinic.example")
            assert await uow.staff.get(ann.id) == found
            assert await uow.staff.by_email("bob@clinic.example") is None

    async def test_listed_by_practice_then_email(self, storage: Storage) -> None:
        zed, amy, other = (
            account("zed@a.example"),
            account("amy@a.example"),
            account("bo@a.example", practice_id="p2"),
        )
        async with storage.unit_of_work() as uow:
            for a in (zed, amy, other):
                await uow.staff.add(a)
        async with storage.reading() as uow:
            assert [a.email for a in await uow.staff.listed("p1")] == [amy.email, zed.email]
            assert [a.email for a in await uow.staff.listed()] == [
                amy.email,
                zed.email,
                other.email,
            ]

    async def test_the_limit_th_failure_locks_and_starts_the_count_again(
        self, storage: Storage
    ) -> None:
        ann = account()
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)
        # In another zone than UTC: the lock is an instant, whatever zone it is given in.
        until = (NOW + minutes(15)).astimezone(dt.timezone(dt.timedelta(hours=-5)))
        for expected in (1, 2):
            async with storage.unit_of_work() as uow:
                assert await uow.staff.count_failure(ann.id, 3, until) is None
                assert (await uow.staff.get(ann.id)).failed_logins == expected  # type: ignore[union-attr]
        async with storage.unit_of_work() as uow:
            assert await uow.staff.count_failure(ann.id, 3, until) == until
            locked = await uow.staff.get(ann.id)
        assert locked is not None and locked.failed_logins == 0 and locked.locked_until == until
        assert locked.locked(NOW) and not locked.locked(until)

    async def test_concurrent_failures_each_count_and_lock_once(self, storage: Storage) -> None:
        ann = account()
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)

        async def fail() -> object:
            async with storage.unit_of_work() as uow:
                return await uow.staff.count_failure(ann.id, 5, NOW + minutes(15))

        results = await asyncio.gather(*(fail() for _ in range(5)))
        assert results.count(None) == 4

    async def test_a_sign_in_clears_failures_and_lock(self, storage: Storage) -> None:
        ann = account(failed_logins=3, locked_until=NOW)
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)
            await uow.staff.signed_in(ann.id, NOW + minutes(1))
            await uow.staff.mark_active(ann.id, NOW + minutes(9))
            await uow.staff.mark_active(ann.id, NOW + minutes(5))  # an earlier request, late
        async with storage.reading() as uow:
            now = await uow.staff.get(ann.id)
        assert now is not None and (now.failed_logins, now.locked_until) == (0, None)
        assert now.last_active_at == NOW + minutes(9)

    async def test_disabled_once(self, storage: Storage) -> None:
        ann = account()
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)
            assert await uow.staff.disable(ann.id)
            assert not await uow.staff.disable(ann.id)
            assert (await uow.staff.get(ann.id)).disabled  # type: ignore[union-attr]


class StaffSessionsContract:
    async def test_sessions_are_seen_forward_and_revoked_for_good(self, storage: Storage) -> None:
        ann = account()
        first, second, old = session(ann), session(ann), session(ann, expires_at=NOW)
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)
            for s in (first, second, old):
                await uow.staff_sessions.open(s)
            await uow.staff_sessions.seen(first.token_id, NOW + minutes(7))
            await uow.staff_sessions.seen(first.token_id, NOW + minutes(3))
        async with storage.unit_of_work() as uow:
            assert await uow.staff_sessions.revoke(second.token_id, NOW + minutes(8))
            assert not await uow.staff_sessions.revoke(second.token_id, NOW + minutes(9))
            assert not await uow.staff_sessions.revoke("no-such-token", NOW)
        async with storage.reading() as uow:
            seen = await uow.staff_sessions.get(first.token_id)
            revoked = await uow.staff_sessions.get(second.token_id)
            assert await uow.staff_sessions.get("no-such-token") is None
        assert seen == dataclasses.replace(first, last_seen_at=NOW + minutes(7))
        assert revoked is not None and revoked.revoked_at == NOW + minutes(8)

    async def test_revoke_all_revokes_the_live_ones_of_one_account(self, storage: Storage) -> None:
        ann, bob = account(), account()
        live = [session(ann), session(ann)]
        expired, bobs = session(ann, expires_at=NOW), session(bob)
        async with storage.unit_of_work() as uow:
            await uow.staff.add(ann)
            await uow.staff.add(bob)
            for s in (*live, expired, bobs):
                await uow.staff_sessions.open(s)
            assert await uow.staff_sessions.revoke_all(ann.id, NOW + minutes(1)) == 2
        async with storage.reading() as uow:
            for s in live:
                assert (await uow.staff_sessions.get(s.token_id)).revoked_at is not None  # type: ignore[union-attr]
            assert (await uow.staff_sessions.get(bobs.token_id)).revoked_at is None  # type: ignore[union-attr]


class TranscriptsContract:
    async def test_a_transcript_has_both_directions_in_time_order(self, storage: Storage) -> None:
        address = uid("+1")
        question = inbound(address=address, body="can I come on friday?")
        later = inbound(address=address, body="thanks", at=NOW + minutes(2))
        async with storage.unit_of_work() as uow:
            received = await uow.inbox.receive(question)
            assert received is not None
            answer = outbound(
                conversation_id=received.conversation_id,
                address=address,
                payload={"text": "Friday at 10?", "choices": ["yes", "no"]},
                created_at=NOW + minutes(1),
            )
            await uow.outbox.enqueue(answer)
            await uow.inbox.receive(later)
        async with storage.reading() as uow:
            lines = await uow.transcripts.transcript(received.conversation_id)
            assert await uow.transcripts.transcript("no-such-conversation") == []
        assert [(line.direction, line.text, line.at) for line in lines] == [
            ("in", "can I come on friday?", NOW),
            ("out", "Friday at 10?", NOW + minutes(1)),
            ("in", "thanks", NOW + minutes(2)),
        ]
        assert [line.status for line in lines] == ["pending", "pending", "pending"]

    async def test_conversations_of_one_practice_latest_first(self, storage: Storage) -> None:
        practice = uid("p-")
        async with storage.unit_of_work() as uow:
            old = await uow.conversations.get_or_create(practice, "sms", uid("+1"), NOW)
            new = await uow.conversations.get_or_create(practice, "sms", uid("+1"), NOW)
            await uow.conversations.get_or_create(uid("p-"), "sms", uid("+1"), NOW)
            await uow.conversations.save(new, NOW + minutes(5))
            await uow.conversations.save(old, NOW + minutes(1))
        async with storage.reading() as uow:
            listed = await uow.transcripts.conversations(practice)
            assert [c.id for c in await uow.transcripts.conversations(practice, limit=1)] == [
                new.id
            ]
        assert [c.id for c in listed] == [new.id, old.id]
        assert all(c.practice_id == practice for c in listed)

    async def test_the_queue_is_filtered_before_its_limit(self, storage: Storage) -> None:
        """An escalation opened long ago, behind many newer conversations, is still found by
        each filter that matches it, and listed first without a filter."""
        practice = uid("p-")
        async with storage.unit_of_work() as uow:
            old = await uow.conversations.get_or_create(practice, "whatsapp", uid("+1"), NOW)
            held = await uow.conversations.get_or_create(practice, "sms", uid("+1"), NOW)
            newer = [
                await uow.conversations.get_or_create(practice, "sms", uid("+1"), NOW)
                for _ in range(4)
            ]
            await uow.conversations.save(old, NOW)
            await uow.conversations.save(held, NOW + minutes(1))
            for i, c in enumerate(newer):
                await uow.conversations.save(c, NOW + minutes(10 + i))
            waiting = dataclasses.replace(
                escalation(old.id, practice), urgency="urgent", due_at=NOW + minutes(15)
            )
            await uow.escalations.open(waiting)
            taken = escalation(held.id, practice)
            await uow.escalations.open(taken)
            assert await uow.escalations.claim(taken.id, "ann", NOW + minutes(2))
            closed = await uow.conversations.get_or_create(practice, "sms", uid("+1"), NOW)
            await uow.conversations.save(closed, NOW + minutes(30))
            done = escalation(closed.id, practice)
            await uow.escalations.open(done)
            assert await uow.escalations.close(done.id, NOW + minutes(31))
            # Another practice's escalation is never listed.
            theirs = await uow.conversations.get_or_create(uid("p-"), "sms", uid("+1"), NOW)
            await uow.escalations.open(escalation(theirs.id, theirs.practice_id))

        async def listed(limit: int = 2, **only: str) -> list[str]:
            async with storage.reading() as uow:
                found = await uow.transcripts.conversations(
                    practice,
                    limit,
                    QueueFilter(**only),  # type: ignore[arg-type]
                )
            return [c.id for c in found]

        assert await listed() == [old.id, held.id]  # live escalations first, urgent first
        assert await listed(limit=1, status="open") == [old.id]
        assert await listed(limit=1, urgency="urgent") == [old.id]
        assert await listed(limit=1, channel="whatsapp") == [old.id]
        assert await listed(limit=5, status="claimed") == [held.id]
        assert await listed(limit=5, holder="ann") == [held.id]
        assert await listed(limit=5, holder="bob") == []
        assert await listed(limit=5, urgency="normal") == [held.id]
        # With the assistant: the closed one's conversation and the newer ones, latest first.
        assert await listed(limit=2, status="none") == [closed.id, newer[-1].id]
