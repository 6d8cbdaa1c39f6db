"""The storage contract, run over every backend (see tests/support/storage.py)."""

from __future__ import annotations

from tests.storage.contract.audit import AuditContract
from tests.storage.contract.conversations import ConversationContract
from tests.storage.contract.holds import SlotHoldContract
from tests.storage.contract.inbound import InboundContract
from tests.storage.contract.outbox import OutboxContract
from tests.storage.contract.outbox_order import OutboxOrderContract


class TestStorageContract(
    InboundContract,
    ConversationContract,
    OutboxContract,
    OutboxOrderContract,
    AuditContract,
    SlotHoldContract,
):
    """Each test gets `storage`, a fresh migrated database of each backend."""
