"""Every port of the application, in one place: what bot/ needs from the outside world.

Storage (bot/ports/storage.py), one database transaction per `Storage.unit_of_work()`:

    Port          uow attribute       What it keeps                        SQL adapter
    Inbox         uow.inbox           received messages, arrival order     adapters/sql/inbox.py
    Conversations uow.conversations   state, versions, locks, event log    adapters/sql/conversations.py
    Outbox        uow.outbox          replies to send, order per address   adapters/sql/outbox.py
    AuditLog      uow.audit           who did what, append-only            adapters/sql/audit.py
    OptOuts       uow.opt_outs        addresses that said STOP             adapters/sql/recipients.py
    Deliveries    uow.deliveries      furthest provider status per send    adapters/sql/recipients.py
    Practices     uow.practices       each practice's stored settings      adapters/sql/practices.py
    Retention     uow.retention       purging old message bodies           adapters/sql/practices.py
    Jobs          uow.jobs            scheduled work (reminders), claimed  adapters/sql/jobs.py
    StaffAccounts uow.staff           staff accounts, failed sign-ins      adapters/sql/staff.py
    StaffSessions uow.staff_sessions  issued staff tokens: revoked, idle   adapters/sql/staff.py
    Escalations   uow.escalations     conversations staff take over        adapters/sql/escalations.py
    StaffEvents   uow.staff_events    what changed, for staff's live stream adapters/sql/staff_events.py
    Transcripts   uow.transcripts     conversations as staff read them     adapters/sql/transcripts.py
    Waitlist      uow.waitlist        patients waiting for a sooner time   adapters/sql/waitlist.py
    FlowVersions  uow.flow_versions   flow set versions, publications      adapters/sql/flow_versions.py
    UnitOfWork    (the `uow` itself)  the repositories above, one commit   adapters/sql/unit_of_work.py
    Storage       -                   opens units of work; slot holds      adapters/sql/storage.py

    `Storage.slot_holds()` gives `domain.ports.SlotHolds` (holds on *appointment* slots,
    adapters/sql/holds.py); it is the domain's port, each call its own transaction.

Processing (bot/ports/processing.py):

    ConversationLocks  one message of a conversation at a time   bot.locks.LocalLocks,
                                                                 adapters/redis/locks.py
    Dispatcher         process a received conversation soon      bot.dispatch.LocalDispatcher,
                                                                 adapters/celery_app.py

Sending (bot/ports/sending.py):

    ChannelSender  one provider's send and rate limits      adapters/twilio/sender.py,
                                                            adapters/telegram/sender.py
    RateLimiter    send slots under a provider's limits     bot/outbox/ratelimit.py (one process),
                                                            adapters/redis/ratelimit.py

Staff sign-in (bot/ports/staff.py), used by bot/staff_access.py:

    PasswordHasher  slow salted password hashes              adapters/staff_auth/passwords.py
    TokenSigner     signed bearer tokens                     adapters/staff_auth/tokens.py

The records these ports take and give are in bot/ports/records.py (staff ones beside their
ports, in bot/ports/staff.py).
"""

from bot.ports.escalations import EscalationRecord, Escalations, StaffNote
from bot.ports.flow_versions import FlowVersionRecord, FlowVersions, PublicationRecord
from bot.ports.processing import ConversationLocks, Dispatcher, Processor
from bot.ports.records import (
    AuditRecord,
    ConversationRecord,
    DeliveryRecord,
    InboundRecord,
    JobRecord,
    OutboxRecord,
    PurgeReport,
    Received,
    StaleConversation,
)
from bot.ports.sending import (
    ChannelSender,
    NeedsTemplate,
    RateLimit,
    RateLimiter,
    Refused,
    RetryLater,
    SendResult,
    Sent,
)
from bot.ports.staff import (
    ROLES,
    InvalidToken,
    PasswordHasher,
    QueueFilter,
    Role,
    StaffAccount,
    StaffAccounts,
    StaffSession,
    StaffSessions,
    TokenSigner,
    TranscriptLine,
    Transcripts,
)
from bot.ports.staff_events import StaffEvent, StaffEvents
from bot.ports.storage import (
    AuditLog,
    Conversations,
    Deliveries,
    Inbox,
    Jobs,
    OptOuts,
    Outbox,
    Practices,
    ResultNotices,
    Retention,
    Storage,
    TurnStart,
    UnitOfWork,
    Waitlist,
)

__all__ = [
    "ROLES",
    "AuditLog",
    "AuditRecord",
    "ChannelSender",
    "ConversationLocks",
    "ConversationRecord",
    "Conversations",
    "Deliveries",
    "DeliveryRecord",
    "Dispatcher",
    "EscalationRecord",
    "Escalations",
    "FlowVersionRecord",
    "FlowVersions",
    "InboundRecord",
    "Inbox",
    "InvalidToken",
    "JobRecord",
    "Jobs",
    "NeedsTemplate",
    "OptOuts",
    "Outbox",
    "OutboxRecord",
    "PasswordHasher",
    "Practices",
    "Processor",
    "PublicationRecord",
    "PurgeReport",
    "QueueFilter",
    "RateLimit",
    "RateLimiter",
    "Received",
    "Refused",
    "ResultNotices",
    "Retention",
    "RetryLater",
    "Role",
    "SendResult",
    "Sent",
    "StaffAccount",
    "StaffAccounts",
    "StaffEvent",
    "StaffEvents",
    "StaffNote",
    "StaffSession",
    "StaffSessions",
    "StaleConversation",
    "Storage",
    "TokenSigner",
    "TranscriptLine",
    "Transcripts",
    "TurnStart",
    "UnitOfWork",
    "Waitlist",
]
