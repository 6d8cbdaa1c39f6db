"""Payments in the runtime: a completed payment written back and thanked for, and a payment
link the practice sends first.

`complete` is the one path of every completed payment (the sandbox pay page and Stripe's
webhook both call it). The domain records it once in FHIR (domain/payments.py); here, in
one transaction, the audit record `payment.recorded` (keyed by the provider's payment id)
and the thank-you in the outbox of the conversation the link was sent to. The audit record
is also what keeps a replay from thanking twice. A refused payment is audited as
`payment.refused` and logged for staff with ids and the reason only.

A refused payment whose amount or currency does not match its invoice (`MISMATCH`) is also
handed to staff: a FHIR Task (references and the reason only) due by the practice's normal
response target, and, when the link was sent to a conversation, an escalation
`payment_mismatch` on it (bot/escalations.py) with a message telling the patient nothing was
recorded and when a person will reply. With no conversation there is only the Task (an
escalation belongs to a conversation). The escalation id and the Task's identifier come from
the provider's payment id, and a payment refused before (its `payment.refused` record) hands
nothing over again, so a webhook delivered twice makes one of each. A failure to make the
Task is raised before anything is written, so the provider's retry tries again.

`send_link` is `patient-assistant payments send`: the message names the practice and that a
payment is due, with the link; it needs messaging consent and waits out quiet hours.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from bot import escalations
from bot.catalogue import PracticeCatalogue
from bot.messages import Outbound
from bot.optout import optout_address
from bot.outreach import Notice, hold_notification
from bot.ports import (
    AuditRecord,
    ConversationRecord,
    EscalationRecord,
    OutboxRecord,
    Storage,
    UnitOfWork,
)
from bot.practice_config import ResponseTargets
from dialogs.context import Texts
from dialogs.render import say
from dialogs.state import State
from domain.alerts import ReportPaymentMismatch
from domain.billing import CreatePaymentLink, FindOpenInvoices, PaymentLinkCreated, money_text
from domain.consent import may_message
from domain.outreach import contact_of
from domain.payments import CompletedPayment, PaymentRecorded, PaymentRefused, Payments
from domain.ports import Clock, ConsentStore, PatientDirectory, StaffTasks
from domain.quiet_hours import next_allowed

log = logging.getLogger(__name__)

#: Refusals that mean the payment does not match its invoice (domain/payments.py reasons).
MISMATCH = ("currency", "over_balance", "no_amount")

RECORDED = "payment.recorded"
REFUSED = "payment.refused"
LINK_SENT = "payment.link_sent"


class PaymentDesk:
    def __init__(
        self,
        *,
        practice_id: str,
        payments: Payments,
        storage: Storage,
        texts: Texts,
        catalogue: PracticeCatalogue,
        patients: PatientDirectory,
        consents: ConsentStore,
        clock: Clock,
        tasks: StaffTasks | None = None,  # None: a mismatch is audited and logged only
        response_targets: ResponseTargets | None = None,
    ) -> None:
        self.practice_id, self.payments, self.storage = practice_id, payments, storage
        self.texts, self.catalogue, self.patients = texts, catalogue, patients
        self.consents, self.clock = consents, clock
        self.tasks, self.response_targets = tasks, response_targets or ResponseTargets()
        self._reporting: dict[str, tuple[asyncio.Lock, int]] = {}  # payment id -> (lock, users)

    # --- a completed payment ------------------------------------------------------------

    async def complete(self, payment: CompletedPayment) -> PaymentRecorded | PaymentRefused:
        # Two reports of one payment at once (a double press, a webhook delivered twice) take
        # turns here, so the second finds the first's audit record. Across processes the
        # conditional create still makes one PaymentNotice.
        lock, users = self._reporting.get(payment.payment_id, (asyncio.Lock(), 0))
        self._reporting[payment.payment_id] = (lock, users + 1)
        try:
            async with lock:
                return await self._complete(payment)
        finally:
            lock, users = self._reporting[payment.payment_id]
            if users == 1:
                del self._reporting[payment.payment_id]
            else:
                self._reporting[payment.payment_id] = (lock, users - 1)

    async def _complete(self, payment: CompletedPayment) -> PaymentRecorded | PaymentRefused:
        outcome = await self.payments.complete(payment)
        if isinstance(outcome, PaymentRefused):
            await self._refused(outcome)
            return outcome
        async with self.storage.unit_of_work() as uow:
            trail = await uow.audit.trail(self.practice_id, f"Invoice/{payment.invoice_id}")
            if any(
                a.action == RECORDED and a.detail.get("payment_id") == payment.payment_id
                for a in trail
            ):
                log.info("payment %s reported again: nothing changed", payment.provider)
                return outcome
            now = self.clock.now()
            await uow.audit.append(
                AuditRecord(
                    practice_id=self.practice_id,
                    actor=f"provider:{payment.provider}",
                    action=RECORDED,
                    subject=f"Invoice/{payment.invoice_id}",
                    at=now,
                    detail={
                        "payment_id": payment.payment_id,
                        "patient": f"Patient/{payment.patient_id}",
                        "payment_notice": f"PaymentNotice/{outcome.notice_id}",
                        "cents": payment.cents,
                        "currency": payment.currency,
                        "remaining_cents": outcome.remaining_cents,
                    },
                )
            )
            conversation = (
                await uow.conversations.get(payment.conversation_id)
                if payment.conversation_id
                else None
            )
            if conversation is not None:
                state = State.from_json(conversation.state)
                text = say(
                    self.texts["payment_thanks" if not outcome.remaining_cents else "payment_part"],
                    state.language,
                    {
                        "practice_name": (await self.catalogue.get()).practice.name,
                        "amount": money_text(payment.cents, payment.currency),
                        "remaining": money_text(outcome.remaining_cents, payment.currency),
                    },
                )
                await uow.outbox.enqueue(
                    OutboxRecord.to_conversation(
                        conversation, Outbound(text=text).to_json(), now, purpose="notification"
                    )
                )
        log.info(
            "payment recorded: provider=%s invoice=%s notice=%s balanced=%s",
            payment.provider,
            payment.invoice_id,
            outcome.notice_id,
            outcome.remaining_cents == 0,
        )
        return outcome

    async def _refused(self, outcome: PaymentRefused) -> None:
        payment = outcome.payment
        # For staff: ids and the reason, never a name or what the patient wrote.
        log.warning(
            "payment refused for staff review: provider=%s payment=%s invoice=%s reason=%s",
            payment.provider,
            payment.payment_id,
            payment.invoice_id,
            outcome.reason,
        )
        now = self.clock.now()
        async with self.storage.reading() as uow:
            trail = await uow.audit.trail(self.practice_id, f"Invoice/{payment.invoice_id}")
            conversation = (
                await uow.conversations.get(payment.conversation_id)
                if payment.conversation_id
                else None
            )
        again = any(
            a.action == REFUSED and a.detail.get("payment_id") == payment.payment_id for a in trail
        )
        escalation = None
        if outcome.reason in MISMATCH and not again and self.tasks is not None:
            escalation = await self._hand_to_staff(outcome, conversation, now)
        async with self.storage.unit_of_work() as uow:
            await uow.audit.append(
                AuditRecord(
                    practice_id=self.practice_id,
                    actor=f"provider:{payment.provider}",
                    action=REFUSED,
                    subject=f"Invoice/{payment.invoice_id}",
                    at=now,
                    detail={
                        "payment_id": payment.payment_id,
                        "patient": f"Patient/{payment.patient_id}",
                        "reason": outcome.reason,
                        "cents": payment.cents,
                        "currency": payment.currency,
                        **(
                            {"escalation_id": escalation.id, "task_id": escalation.task_id}
                            if escalation
                            else {}
                        ),
                    },
                )
            )
            if escalation is not None and conversation is not None:
                await self._open(uow, escalation, conversation, now)

    async def _hand_to_staff(
        self, outcome: PaymentRefused, conversation: ConversationRecord | None, now: dt.datetime
    ) -> EscalationRecord:
        """The staff Task for a payment that does not match its invoice, made now (before
        anything is written), and the escalation it stands for (opened only on a conversation)."""
        assert self.tasks is not None
        payment = outcome.payment
        escalation = escalations.opened(
            escalations.Trigger("payment_mismatch", "normal", None),
            self.practice_id,
            conversation.id if conversation else "",
            now,
            self.response_targets,
            source=f"payment:{payment.provider}:{payment.payment_id}",
        )
        escalation.task_id = await self.tasks.payment_mismatch(
            ReportPaymentMismatch(
                escalations.task_request(escalation.id),
                conversation.id if conversation else "",
                conversation.channel if conversation else "",
                escalation.due_at,
                payment.invoice_id,
                payment.patient_id,
                outcome.reason,
            )
        )
        return escalation

    async def _open(
        self,
        uow: UnitOfWork,
        escalation: EscalationRecord,
        conversation: ConversationRecord,
        now: dt.datetime,
    ) -> None:
        """Open the escalation on the conversation the link went to, and tell the patient;
        a conversation already with staff keeps its escalation (the Task still tells them)."""
        if not await escalations.open_escalation(uow, escalation, now, actor="system"):
            return
        key = optout_address(conversation.channel, conversation.address)
        if await uow.opt_outs.is_opted_out(self.practice_id, key):
            return
        practice = (await self.catalogue.get()).practice
        text = say(
            self.texts["payment_mismatch"],
            State.from_json(conversation.state).language,
            {
                "practice_name": practice.name,
                **escalations.promise_values(escalation, practice.timezone),
            },
        )
        await uow.outbox.enqueue(
            OutboxRecord.to_conversation(
                conversation, Outbound(text=text).to_json(), now, purpose="notification"
            )
        )

    # --- the practice sends a link --------------------------------------------------------

    async def send_link(self, patient_id: str, invoice_id: str | None = None) -> str:
        """sent | nothing_due | no_consent | no_contact | opted_out."""
        found = await self.payments.open_invoices(FindOpenInvoices(patient_id))
        chosen = [i for i in found.invoices if invoice_id in (None, i.id)]
        if not chosen:
            return "nothing_due"
        if not may_message(
            await self.consents.documents(), await self.consents.decisions(patient_id)
        ):
            return "no_consent"
        patient = await self.patients.get(patient_id)
        contact = contact_of(patient)
        if contact is None:
            return "no_contact"
        channel, address = contact
        practice = (await self.catalogue.get()).practice
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            if await uow.opt_outs.is_opted_out(self.practice_id, optout_address(channel, address)):
                return "opted_out"
            conversation = await uow.conversations.get_or_create(
                self.practice_id, channel, address, now
            )
        created = await self.payments.link(
            CreatePaymentLink(patient_id, chosen[0].id, conversation.id)
        )
        if not isinstance(created, PaymentLinkCreated):
            return "nothing_due"
        text = say(
            self.texts["payment_due"],
            patient.language,
            {"practice_name": practice.name, "payment_link": created.link.url},
        )
        send_at = next_allowed(now, practice.timezone, practice.quiet_hours)
        notice = Notice(conversation.id, channel, address, text, send_at)
        async with self.storage.unit_of_work() as uow:
            await hold_notification(
                uow,
                notice,
                AuditRecord(
                    practice_id=self.practice_id,
                    actor="staff:operator",
                    action=LINK_SENT,
                    subject=f"Invoice/{created.invoice.id}",
                    at=now,
                    detail={
                        "patient": f"Patient/{patient_id}",
                        "conversation_id": conversation.id,
                        "channel": channel,
                        "expires_at": created.link.expires_at.isoformat(),
                    },
                ),
            )
        log.info("payment link sent: invoice=%s channel=%s", created.invoice.id, channel)
        return "sent"
