"""Drive the pure engine with the real Scheduling service over fakes, turn by turn."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.waitlist import StoredWaitlist
from dialogs.context import Catalogue, Texts, TurnContext
from dialogs.engine import DomainAnswered, Reply, UserSaid, advance
from dialogs.state import State
from dialogs.validation import load_flows
from domain.alerts import LockoutReported, ReportLockout
from domain.clock import FixedClock
from domain.scheduling import Scheduling
from domain.waitlist import AcceptWaitlistOffer, DeclineWaitlistOffer, JoinWaitlist, Waitlisting
from nlu.types import Entity, Parse
from patient_assistant.bootstrap import DATA
from tests import fakes
from tests.storage.memory import MemoryStorage

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=fakes.ZONE)  # a Monday


def said(text: str, intent: str = "inform", confidence: float = 0.95, **entities: object) -> Parse:
    """A Parse as the NLU would give it: entities as name=(span text, value) or name=span text."""
    found = []
    for name, spec in entities.items():
        span, value = spec if isinstance(spec, tuple) else (spec, None)
        start = text.lower().find(str(span).lower())
        found.append(
            Entity(
                name.rstrip("_"), max(start, 0), max(start, 0) + len(str(span)), str(span), value
            )
        )
    return Parse(text=text, intent=intent, confidence=confidence, entities=tuple(found))


def window(start: dt.datetime, hours: float, grain: str) -> dict[str, str]:
    return {
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=hours)).isoformat(),
        "grain": grain,
    }


@dataclass
class Conversation:
    phone_patients: tuple = (fakes.MARIA,)
    related: tuple = ()  # RelatedPersons on the phone (a parent acting for a child)
    schedule: fakes.FakeSchedule = field(default_factory=lambda: fakes.FakeSchedule(NOW.date()))
    holds: fakes.FakeHolds = field(default_factory=fakes.FakeHolds)
    conversation_id: str = "conv-1"
    state: State = field(default_factory=State)
    notes: list = field(default_factory=list)
    alerts: list = field(default_factory=list)  # staff alerts of lockouts (ReportLockout)

    def __post_init__(self) -> None:
        self.clock = FixedClock(NOW, ticking=False)
        self.scheduling = Scheduling(self.schedule, fakes.FakeDirectory(), self.holds, self.clock)
        self.waitlist = MemoryStorage()
        # What the FrontDesk routes to the waitlist (PatientConversation's FrontDesk has none).
        self.waitlisting = Waitlisting(
            "riverside",
            StoredWaitlist(self.waitlist),
            self.schedule,
            fakes.FakeDirectory(),
            self.holds,
            self.clock,
        )
        self.flows = load_flows(DATA / "flows")
        self.texts = Texts.load(DATA / "texts")

    def context(self) -> TurnContext:
        catalogue = Catalogue(fakes.PRACTICE, fakes.SERVICES, fakes.PRACTITIONERS, fakes.LOCATIONS)
        return TurnContext(
            catalogue=catalogue,
            flows=self.flows,
            texts=self.texts,
            now=self.clock.now(),
            patients=self.phone_patients,
            related=self.related,
            conversation_id=self.conversation_id,
        )

    async def send(self, parse: Parse) -> list[Reply]:
        ctx = self.context()
        replies: list[Reply] = []
        event: UserSaid | DomainAnswered = UserSaid(parse)
        while True:
            turn = advance(self.state, event, ctx)
            self.state, replies = turn.state, replies + list(turn.replies)
            self.notes += turn.notes
            if not turn.commands:
                return replies
            command = turn.commands[0]
            if isinstance(command, ReportLockout) and isinstance(self.scheduling, Scheduling):
                # Scheduling alone has no staff tasks (PatientConversation's FrontDesk does).
                self.alerts.append(command)
                event = DomainAnswered(
                    LockoutReported(f"task-{len(self.alerts)}", command.conversation_id)
                )
                continue
            if isinstance(command, JoinWaitlist | AcceptWaitlistOffer | DeclineWaitlistOffer):
                event = DomainAnswered(await self.waitlisting.handle(command))
                continue
            event = DomainAnswered(await self.scheduling.handle(command))

    @staticmethod
    def text(replies: list[Reply]) -> str:
        return "\n".join(r.text for r in replies)
