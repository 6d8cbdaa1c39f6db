"""One contract class per storage port (bot/ports/storage.py), each run against the SQL
adapter on SQLite and on PostgreSQL, and against the in-memory fake (tests/storage/memory.py).

The contracts themselves are in tests/storage/contract/, one module per part of storage.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.sql import SqlStorage
from bot.ports import Storage
from tests.storage.contract.arrivals import ArrivalContract
from tests.storage.contract.audit import AuditContract
from tests.storage.contract.conversations import ConversationContract
from tests.storage.contract.escalations import EscalationsContract
from tests.storage.contract.flow_versions import FlowVersionsContract
from tests.storage.contract.holds import SlotHoldContract
from tests.storage.contract.inbound import InboundContract
from tests.storage.contract.jobs import JobsContract
from tests.storage.contract.outbox import OutboxContract
from tests.storage.contract.outbox_order import OutboxOrderContract
from tests.storage.contract.practices import PracticesContract, RetentionContract
from tests.storage.contract.recipients import DeliveryContract, OptOutContract
from tests.storage.contract.staff import (
    StaffAccountsContract,
    StaffSessionsContract,
    TranscriptsContract,
)
from tests.storage.contract.staff_events import StaffEventsContract
from tests.storage.contract.waitlist import WaitlistContract
from tests.storage.memory import MemoryStorage
from tests.support.storage import BACKENDS, DatabaseFactory


@pytest.fixture(params=[*BACKENDS, pytest.param("memory", id="memory")])
def storage_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def storage(storage_backend: str, database_url: DatabaseFactory) -> AsyncIterator[Storage]:
    """A fresh store of each backend: the SQL adapter on a migrated database, or the fake."""
    store: Storage = (
        MemoryStorage()
        if storage_backend == "memory"
        else SqlStorage(await database_url(storage_backend))
    )
    try:
        yield store
    finally:
        await store.close()


class TestInbox(InboundContract):
    """`uow.inbox`: duplicates refused, pending in arrival order, retries, last received."""


class TestReceive(ArrivalContract):
    """`uow.inbox.receive`: the conversation found or started, numbers in commit order."""


class TestConversations(ConversationContract):
    """`uow.conversations`: one per address, version conflicts raise StaleConversation."""


class TestOutbox(OutboxContract, OutboxOrderContract):
    """`uow.outbox`: exclusive claims, order per stream, leases that lapse."""


class TestAuditLog(AuditContract):
    """`uow.audit`: append-only, read back in append order."""


class TestOptOuts(OptOutContract):
    """`uow.opt_outs`: toggling an address on and off the practice's list."""


class TestDeliveries(DeliveryContract):
    """`uow.deliveries`: a message's delivery rank never goes down."""


class TestPractices(PracticesContract):
    """`uow.practices`: stored settings, none by default."""


class TestRetention(RetentionContract):
    """`uow.retention`: old finished bodies purged, the rest kept."""


class TestSlotHolds(SlotHoldContract):
    """`storage.slot_holds()` (domain.ports.SlotHolds): one live holder per appointment slot."""


class TestJobs(JobsContract):
    """`uow.jobs` (and the outbox's idempotency key): durable jobs, each run by one claimer."""


class TestStaffAccounts(StaffAccountsContract):
    """`uow.staff`: one account per email, failed sign-ins counted up to a lock-out."""


class TestStaffSessions(StaffSessionsContract):
    """`uow.staff_sessions`: issued tokens, seen forward, revoked for good."""


class TestTranscripts(TranscriptsContract):
    """`uow.transcripts`: a practice's conversations, and each one's messages both ways."""


class TestWaitlist(WaitlistContract):
    """`uow.waitlist`: one live entry per wish, version-checked changes, expiry."""


class TestEscalations(EscalationsContract):
    """`uow.escalations`: conversations staff take over, and their notes."""


class TestStaffEvents(StaffEventsContract):
    """`uow.staff_events`: the staff live stream's feed, written with each change."""


class TestFlowVersions(FlowVersionsContract):
    """`uow.flow_versions`: immutable numbered versions per practice, publications kept."""
