"""`SqlUnitOfWork`: the `bot.ports.UnitOfWork` port on one database connection."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.audit import SqlAuditLog
from adapters.sql.conversations import SqlConversations
from adapters.sql.escalations import SqlEscalations
from adapters.sql.flow_versions import SqlFlowVersions
from adapters.sql.inbox import SqlInbox
from adapters.sql.jobs import SqlJobs
from adapters.sql.outbox import SqlOutbox
from adapters.sql.practices import SqlPractices, SqlRetention
from adapters.sql.recipients import SqlDeliveries, SqlOptOuts
from adapters.sql.result_notices import SqlResultNotices
from adapters.sql.sealing import Sealing
from adapters.sql.staff import SqlStaffAccounts, SqlStaffSessions
from adapters.sql.staff_events import SqlStaffEvents
from adapters.sql.transcripts import SqlTranscripts
from adapters.sql.waitlist import SqlWaitlist
from bot.ports import (
    AuditLog,
    Conversations,
    Deliveries,
    Escalations,
    FlowVersions,
    Inbox,
    Jobs,
    OptOuts,
    Outbox,
    Practices,
    ResultNotices,
    Retention,
    StaffAccounts,
    StaffEvents,
    StaffSessions,
    Transcripts,
    Waitlist,
)


class SqlUnitOfWork:
    """Every repository runs its statements in the one transaction of `connection`;
    `SqlStorage.unit_of_work()` commits or rolls it back."""

    def __init__(self, connection: AsyncConnection, sealing: Sealing | None = None) -> None:
        sealing = sealing or Sealing()
        # Typed as the ports, so mypy checks each SQL repository against its port.
        self.inbox: Inbox = SqlInbox(connection, sealing)
        self.conversations: Conversations = SqlConversations(connection)
        self.outbox: Outbox = SqlOutbox(connection, sealing)
        self.audit: AuditLog = SqlAuditLog(connection)
        self.opt_outs: OptOuts = SqlOptOuts(connection)
        self.deliveries: Deliveries = SqlDeliveries(connection)
        self.practices: Practices = SqlPractices(connection)
        self.retention: Retention = SqlRetention(connection)
        self.result_notices: ResultNotices = SqlResultNotices(connection)
        self.jobs: Jobs = SqlJobs(connection)
        self.staff: StaffAccounts = SqlStaffAccounts(connection)
        self.staff_sessions: StaffSessions = SqlStaffSessions(connection)
        self.transcripts: Transcripts = SqlTranscripts(connection, sealing)
        self.waitlist: Waitlist = SqlWaitlist(connection)
        self.escalations: Escalations = SqlEscalations(connection, sealing)
        self._staff_events = SqlStaffEvents(connection)
        self.staff_events: StaffEvents = self._staff_events
        self.flow_versions: FlowVersions = SqlFlowVersions(connection)

    @property
    def staff_event_practices(self) -> set[str]:
        """Practices this unit of work appended staff events for (nudged after commit)."""
        return self._staff_events.appended
