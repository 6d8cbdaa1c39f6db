"""Messages the practice sends first: the invitation to fill in the intake form.

The domain (domain/outreach.py) decides whether and when; this writes the decision down,
once: in one transaction, under the conversation's lock, the invitation goes to the
outbox (purpose "notification", held until quiet hours end), the conversation remembers
it so the patient's reply starts the intake (dialogs/invitation.py), and an audit record
says it was sent. The audit record also carries the invitation's key (the booking), and
is what keeps a second run of the job from inviting twice.
"""

from __future__ import annotations

import logging
import uuid

from bot.catalogue import PracticeCatalogue
from bot.messages import Outbound
from bot.optout import optout_address
from bot.ports import AuditRecord, ConversationLocks, OutboxRecord, Storage, UnitOfWork
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
        async with self.storage.unit_of_work() as uow:
            conversation = await uow.conversations.get_or_create(
                self.practice_id, invitation.channel, invitation.address, now
            )
        async with self.locks.lock(conversation.id), self.storage.unit_of_work() as uow:
            await uow.conversations.lock(conversation.id)
            current = await uow.conversations.get(conversation.id)
            assert current is not None
            if await self._already(uow, invitation.patient_id, invitation.key):
                return "already"
            if await uow.opt_outs.is_opted_out(
                self.practice_id, optout_address(invitation.channel, invitation.address)
            ):
                return "opted_out"
            state = State.from_json(current.state)
            state.invitation = {
                "flow": "intake",
                "at": invitation.send_at.isoformat(),
                "patient_id": invitation.patient_id,
            }
            current.state = state.to_json()
            await uow.conversations.save(current, now)
            detail = {
                "key": invitation.key,
                "conversation_id": current.id,
                "channel": invitation.channel,
                "send_at": invitation.send_at.isoformat(),
                "appointment": invitation.appointment_id,
            }
            await uow.conversations.append_event(
                current.id, "intake_invited", {**detail, "patient_id": invitation.patient_id}, now
            )
            await uow.audit.append(
                AuditRecord(
                    practice_id=self.practice_id,
                    actor="system",
                    action=INVITED,
                    subject=f"Patient/{invitation.patient_id}",
                    at=now,
                    detail=detail,
                )
            )
            await uow.outbox.enqueue(
                OutboxRecord(
                    id=uuid.uuid4().hex,
                    practice_id=self.practice_id,
                    conversation_id=current.id,
                    channel=invitation.channel,
                    address=invitation.address,
                    payload=Outbound(text=text).to_json(),
                    created_at=now,
                    purpose=NOTIFICATION,
                    # Quiet hours: the sender takes it up only from this time on.
                    next_attempt_at=invitation.send_at if invitation.send_at > now else None,
                )
            )
        log.info(
            "outreach patient=%s invited to intake, conversation=%s, held=%s",
            invitation.patient_id,
            current.id,
            invitation.send_at > now,
        )
        return "invited"
