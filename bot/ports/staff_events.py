"""The staff event feed: what changed in a practice's conversations, for the staff console's
live stream (`GET /staff/api/events`, bot/staff_events.py).

Each event is written in the same transaction as the change it describes (an escalation
opened, a claim, a message in or out, ...), so an event exists exactly when its change does,
survives a crash, and a console that reconnects replays what it missed by asking for the ids
after the last one it saw. Ids only and metadata: never a message's text.

Ids are one increasing sequence for the whole database (not per practice), so a reader can
tell a gap (a transaction still in flight, or rolled back) from another practice's event.
Events are kept for a day (`RETENTION`), purged with the message bodies (bot/retention.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Protocol

Change = Literal[
    "escalation_opened",
    "escalation_urgent",
    "claimed",
    "message_in",
    "message_out",
    "note",
    "handed_back",
    "closed",
]
CHANGES: tuple[Change, ...] = (
    "escalation_opened",
    "escalation_urgent",
    "claimed",
    "message_in",
    "message_out",
    "note",
    "handed_back",
    "closed",
)
#: How long events are kept: replay after a reconnect reaches back this far.
RETENTION = dt.timedelta(days=1)


@dataclass(frozen=True)
class StaffEvent:
    id: int  # increasing across the whole database, in insert order
    practice_id: str
    conversation_id: str
    change: str  # a `Change`
    urgency: str | None  # urgent | normal, for escalation changes; None otherwise
    at: dt.datetime


class StaffEvents(Protocol):
    async def append(
        self,
        practice_id: str,
        conversation_id: str,
        change: Change,
        at: dt.datetime,
        urgency: str | None = None,
    ) -> None:
        """Add an event in the current unit of work; it is visible once that commits."""
        ...

    async def after(
        self, cursor: int, practice_id: str | None = None, limit: int = 500
    ) -> list[StaffEvent]:
        """Committed events with an id above `cursor`, in id order; with `practice_id`, only
        that practice's."""
        ...

    async def head(self) -> int:
        """The highest id ever given (0 for none yet); a new reader starts after it."""
        ...

    async def purge(self, before: dt.datetime) -> int:
        """Drop events older than `before`; how many."""
        ...
