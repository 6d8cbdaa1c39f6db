"""`SqlTransaction`: the `bot.ports.Transaction` port on one database connection."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.audit import AuditOps
from adapters.sql.channels import ChannelOps
from adapters.sql.conversations import ConversationOps
from adapters.sql.inbound import InboundOps
from adapters.sql.outbox import OutboxOps
from adapters.sql.sealing import Sealing


class SqlTransaction(InboundOps, ConversationOps, OutboxOps, AuditOps, ChannelOps):
    """Every operation runs in the one transaction of `connection`; `SqlStorage` ends it."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing | None = None) -> None:
        self._conn = connection
        self._sealing = sealing or Sealing()
