"""What a staff member does with a conversation handed to the practice (bot/escalations.py):
claim it, write to the patient, hand it back to the assistant, or close it.

Each action is one transaction and one audit record (who, which conversation, which
escalation; never a message's text). Messages go through the outbox like the assistant's
own replies, so the channel's rules apply to them: an opted-out address is refused here,
with the reason, and the sender keeps the WhatsApp window and length limits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from bot.messages import Outbound
from bot.optout import optout_address
from bot.ports import (
    AuditRecord,
    ConversationRecord,
    EscalationRecord,
    OutboxRecord,
    StaffNote,
    Storage,
    UnitOfWork,
)
from bot.ports.staff_events import Change
from bot.staff_access import StaffMember
from dialogs.context import Texts
from dialogs.state import State
from domain.ports import Clock


class Refused(Exception):
    """The action does not fit the conversation's state (HTTP 409); the reason is safe to show."""


class StaffDesk:
    def __init__(self, storage: Storage, texts: Texts, clock: Clock) -> None:
        self.storage, self.texts, self.clock = storage, texts, clock

    async def claim(self, who: StaffMember, conversation: ConversationRecord) -> EscalationRecord:
        """Take the conversation's escalation; a second claim by someone else is refused,
        naming the holder."""
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            escalation = await _live(uow, conversation)
            if escalation.holder == who.id:
                return escalation  # claiming again what one holds changes nothing
            if not await uow.escalations.claim(escalation.id, who.id, now):
                raise Refused(f"already claimed by {await _holder_name(uow, escalation)}")
            await uow.audit.append(_audit(who, "escalation.claimed", escalation, now))
            await _tell_staff(uow, escalation, "claimed", now)
            escalation.state, escalation.holder, escalation.claimed_at = (
                "claimed",
                who.id,
                now,
            )
            return escalation

    async def send(self, who: StaffMember, conversation: ConversationRecord, text: str) -> str:
        """Write to the patient on their channel; the outbox message's id."""
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            escalation = await self._held_by(uow, who, conversation)
            key = optout_address(conversation.channel, conversation.address)
            if await uow.opt_outs.is_opted_out(conversation.practice_id, key):
                raise Refused("the patient opted out of messages on this channel (STOP)")
            outbox_id = await _enqueue(uow, conversation, Outbound(text=text), now)
            await uow.audit.append(
                _audit(who, "escalation.message_sent", escalation, now, {"outbox_id": outbox_id})
            )
            await _tell_staff(uow, escalation, "message_out", now)
            return outbox_id

    async def note(self, who: StaffMember, conversation: ConversationRecord, text: str) -> str:
        """A note for the practice's staff (never sent to the patient); its id. Any staff member
        of the practice may add one, whoever holds the conversation."""
        now = self.clock.now()
        note = StaffNote(uuid.uuid4().hex, who.practice_id, conversation.id, who.id, now, text)
        async with self.storage.unit_of_work() as uow:
            await uow.escalations.add_note(note)
            live = await uow.escalations.live(conversation.id)
            await uow.staff_events.append(
                who.practice_id, conversation.id, "note", now, live.urgency if live else None
            )
            await uow.audit.append(
                AuditRecord(
                    practice_id=who.practice_id,
                    actor=who.actor,
                    action="conversation.note_added",
                    subject=f"Conversation/{conversation.id}",
                    at=now,
                    detail={"note_id": note.id},
                )
            )
        return note.id

    async def hand_back(self, who: StaffMember, conversation: ConversationRecord) -> None:
        """The assistant takes the conversation again, from a clean dialogue (no half-done
        flow from before the hand-over), and greets the patient so they know."""
        await self._finish(who, conversation, "escalation.handed_back", greet=True)

    async def close(self, who: StaffMember, conversation: ConversationRecord) -> None:
        """Done with: the assistant answers the patient's next message, without a greeting."""
        await self._finish(who, conversation, "escalation.closed", greet=False)

    async def _finish(
        self, who: StaffMember, conversation: ConversationRecord, action: str, *, greet: bool
    ) -> None:
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            escalation = await _live(uow, conversation)
            if escalation.state == "claimed" and escalation.holder != who.id:
                raise Refused(f"claimed by {await _holder_name(uow, escalation)}")
            await uow.escalations.close(escalation.id, now)
            fresh = await uow.conversations.get(conversation.id)
            assert fresh is not None
            state = State.from_json(fresh.state)
            state.end_flow()  # identity and language stay; the half-done flow does not
            fresh.state = state.to_json()
            await uow.conversations.save(fresh, now)
            await uow.conversations.append_event(
                conversation.id, action, {"escalation_id": escalation.id}, now
            )
            if greet:
                key = optout_address(conversation.channel, conversation.address)
                if not await uow.opt_outs.is_opted_out(conversation.practice_id, key):
                    text = self.texts["staff_handed_back"]
                    greeting = Outbound(text=text.get(state.language) or text["en"])
                    await _enqueue(uow, conversation, greeting, now)
            await uow.audit.append(_audit(who, action, escalation, now))
            await _tell_staff(uow, escalation, "handed_back" if greet else "closed", now)

    async def _held_by(
        self, uow: UnitOfWork, who: StaffMember, conversation: ConversationRecord
    ) -> EscalationRecord:
        escalation = await _live(uow, conversation)
        if escalation.holder != who.id:
            if escalation.holder is None:
                raise Refused("claim the conversation first")
            raise Refused(f"claimed by {await _holder_name(uow, escalation)}")
        return escalation


async def _live(uow: UnitOfWork, conversation: ConversationRecord) -> EscalationRecord:
    escalation = await uow.escalations.live(conversation.id)
    if escalation is None:
        raise Refused("the conversation has no open escalation")
    return escalation


async def _tell_staff(
    uow: UnitOfWork, escalation: EscalationRecord, change: Change, now: dt.datetime
) -> None:
    """The practice's staff consoles learn of the change, in its own transaction."""
    await uow.staff_events.append(
        escalation.practice_id, escalation.conversation_id, change, now, escalation.urgency
    )


async def _holder_name(uow: UnitOfWork, escalation: EscalationRecord) -> str:
    account = await uow.staff.get(escalation.holder) if escalation.holder else None
    return account.email if account else "someone else"


async def _enqueue(
    uow: UnitOfWork, conversation: ConversationRecord, message: Outbound, now: dt.datetime
) -> str:
    record = OutboxRecord.to_conversation(conversation, message.to_json(), now)
    await uow.outbox.enqueue(record)
    return record.id


def _audit(
    who: StaffMember,
    action: str,
    escalation: EscalationRecord,
    now: dt.datetime,
    extra: dict[str, Any] | None = None,
) -> AuditRecord:
    return AuditRecord(
        practice_id=who.practice_id,
        actor=who.actor,
        action=action,
        subject=f"Conversation/{escalation.conversation_id}",
        at=now,
        detail={"escalation_id": escalation.id, **(extra or {})},
    )
