"""Messages the practice sends first: the invitation to fill in the intake form.

The domain (domain/outreach.py) decides whether and when; this writes the decision down,
once: in one transaction, under the conversation's lock, the invitation goes to the
outbox (purpose "notification", held until quiet hours end), the conversation remembers
it so the patient's reply starts the intake (dialogs/invitation.py), and an audit record
says it was sent. The audit record also carries the invitation's key (the booking), and
is what keeps a second run of the job from inviting twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.catalogue import PracticeCatalogue
from bot.messages import Outbound
from bot.optout import optout_address
from bot.ports import (
    AuditRecord,
    ConversationLocks,
    ConversationRecord,
    OutboxRecord,
    Storage,
    UnitOfWork,
)
from dialogs.context import Texts
from dialogs.render import say
from dialogs.state import State
from domain.outreach import (
    IntakeInvitation,
    IntakeOutreach,
    InviteToIntake,
    NotInvited,
    invitation_key,
)
from domain.ports import Clock

log = logging.getLogger(__name__)

INVITED = "intake.invited"
NOTIFICATION = "notification"


class Outreach:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        intake: IntakeOutreach,
        texts: Texts,
        catalogue: PracticeCatalogue,
        locks: ConversationLocks,
        clock: Clock,
    ) -> None:
        self.practice_id, self.storage, self.intake = practice_id, storage, intake
        self.texts, self.catalogue, self.locks, self.clock = texts, catalogue, locks, clock

    async def run_due(self) -> int:
        """Invite every patient with an upcoming new patient visit not invited yet; how many were."""
        invited = 0
        for command in await self.intake.due():
            invited += await self.invite(command) == "invited"
        return invited

    async def invite(self, command: InviteToIntake) -> str:
        """invited | already | opted_out | the domain's reason for not inviting (no_consent, ...)."""
        key = invitation_key(command, self.clock.now().date())
        async with self.storage.unit_of_work() as uow:
            if await self._already(uow, command.patient_id, key):  # before asking FHIR anything
                return "already"
        decision = await self.intake.invite(command)
        if isinstance(decision, NotInvited):
            log.info("outreach patient=%s not invited: %s", decision.patient_id, decision.reason)
            return decision.reason
        return await self._queue(decision)

    async def _already(self, uow: UnitOfWork, patient_id: str, key: str) -> bool:
        trail = await uow.audit.trail(self.practice_id, f"Patient/{patient_id}")
        return any(a.action == INVITED and a.detail.get("key") == key for a in trail)

    async def _queue(self, invitation: IntakeInvitation) -> str:
        now = self.clock.now()
        practice = (await self.catalogue.get()).practice
        text = say(
            self.texts["intake_invitation"],
            invitation.language,
            {"practice_name": practice.name, "practice_phone": practice.phone},
        )
        async with held_conversation(
            self.storage, self.locks, self.practice_id, invitation.channel, invitation.address, now
        ) as (uow, current):
            if await self._already(uow, invitation.patient_id, invitation.key):
                return "already"
            if await uow.opt_outs.is_opted_out(
                self.practice_id, optout_address(invitation.channel, invitation.address)
            ):
                return "opted_out"
            await remember_invitation(
                uow, current, "intake", invitation.send_at, invitation.patient_id, now
            )
            detail = {
                "key": invitation.key,
                "conversation_id": current.id,
                "channel": invitation.channel,
                "send_at": invitation.send_at.isoformat(),
                "appointment": invitation.appointment_id,
            }
            notice = Notice(
                current.id, invitation.channel, invitation.address, text, invitation.send_at
            )
            await tell_patient(
                uow, self.practice_id, invitation.patient_id, notice, INVITED, detail, now
            )
        log.info(
            "outreach patient=%s invited to intake, conversation=%s, held=%s",
            invitation.patient_id,
            current.id,
            invitation.send_at > now,
        )
        return "invited"


@asynccontextmanager
async def held_conversation(
    storage: Storage,
    locks: ConversationLocks,
    practice_id: str,
    channel: str,
    address: str,
    now: dt.datetime,
) -> AsyncIterator[tuple[UnitOfWork, ConversationRecord]]:
    """The practice's conversation with `address` on `channel` (made if new), read in a
    transaction under its lock, as a turn holds it: what the practice sends first is
    written there so it cannot interleave with the patient's own messages."""
    async with storage.unit_of_work() as uow:
        conversation = await uow.conversations.get_or_create(practice_id, channel, address, now)
    async with locks.lock(conversation.id), storage.unit_of_work() as uow:
        await uow.conversations.lock(conversation.id)
        current = await uow.conversations.get(conversation.id)
        assert current is not None
        yield uow, current


async def remember_invitation(
    uow: UnitOfWork,
    conversation: ConversationRecord,
    flow: str,
    send_at: dt.datetime,
    patient_id: str,
    now: dt.datetime,
) -> None:
    """Have the conversation remember what the practice sent, so the patient's reply opens
    `flow` about `patient_id` (dialogs/invitation.py). The caller holds its lock."""
    state = State.from_json(conversation.state)
    state.invitation = {"flow": flow, "at": send_at.isoformat(), "patient_id": patient_id}
    conversation.state = state.to_json()
    await uow.conversations.save(conversation, now)


@dataclass(frozen=True)
class Notice:
    """A message the practice sends first: to whom, what, and from when (quiet hours)."""

    conversation_id: str
    channel: str
    address: str
    text: str
    send_at: dt.datetime


async def tell_patient(
    uow: UnitOfWork,
    practice_id: str,
    patient_id: str,
    notice: Notice,
    action: str,
    detail: dict[str, Any],
    now: dt.datetime,
) -> None:
    """`hold_notification` of what the system tells a patient on its own: audited as `action`
    on the Patient, and the conversation's event (the action with "_" for ".", e.g.
    `intake_invited`) is the same detail with their id."""
    audit = AuditRecord(practice_id, "system", action, f"Patient/{patient_id}", now, detail)
    event = action.replace(".", "_")
    await hold_notification(uow, notice, audit, event=(event, {**detail, "patient_id": patient_id}))


async def hold_notification(
    uow: UnitOfWork,
    notice: Notice,
    audit: AuditRecord,
    *,
    event: tuple[str, dict[str, Any]] | None = None,
) -> None:
    """Write down a message the practice sends first, in the caller's transaction (so all of
    it or none is kept): the conversation's event when given, the audit record, and the text
    in the outbox as a notification the sender takes up only from `notice.send_at` on (the
    end of quiet hours; at once when that has passed). `audit.at` is the time it is written.

    One place for intake invitations, results-ready notices and payment links, so each is
    held, audited and marked a notification (which the opt-out list stops) the same way."""
    now = audit.at
    if event is not None:
        kind, data = event
        await uow.conversations.append_event(notice.conversation_id, kind, data, now)
    await uow.audit.append(audit)
    await uow.outbox.enqueue(
        OutboxRecord(
            id=uuid.uuid4().hex,
            practice_id=audit.practice_id,
            conversation_id=notice.conversation_id,
            channel=notice.channel,
            address=notice.address,
            payload=Outbound(text=notice.text).to_json(),
            created_at=now,
            purpose=NOTIFICATION,
            next_attempt_at=notice.send_at if notice.send_at > now else None,
        )
    )
