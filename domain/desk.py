"""The front desk: the one place the dialogue's commands go, each to the service that owns it.

Bookings pass the consent gates first (telehealth needs telehealth consent), so no flow
can book around them. The record system being down is an outcome, as in Scheduling.
"""

from __future__ import annotations

from domain import commands as c
from domain.consent_service import Consents
from domain.errors import RecordSystemUnavailable
from domain.identity import Identity
from domain.intake_service import Intake
from domain.payments import Payments
from domain.reminders import ReminderAnswers
from domain.results import Results
from domain.scheduling import Scheduling
from domain.waitlist import Waitlisting


class FrontDesk:
    def __init__(
        self,
        scheduling: Scheduling,
        identity: Identity,
        intake: Intake,
        consents: Consents,
        results: Results,
        payments: Payments | None = None,
        waitlisting: Waitlisting | None = None,
    ) -> None:
        self.scheduling, self.identity, self.intake = scheduling, identity, intake
        self.consents, self.results = consents, results
        self.payments, self.waitlisting = payments, waitlisting

    async def handle(self, command: c.Command) -> c.Outcome:
        try:
            return await self._route(command)
        except RecordSystemUnavailable:
            return c.RecordSystemDown()

    def _payments(self) -> Payments:
        if self.payments is None:
            raise RuntimeError("payments are not wired into this front desk")
        return self.payments

    async def _route(self, command: c.Command) -> c.Outcome:
        match command:
            case c.LinkChat():
                return await self.identity.link(command)
            case c.RegisterPatient():
                return await self.identity.register(command)
            case c.UpdateDetails():
                return await self.identity.update(command)
            case c.ReportLockout():
                return await self.identity.report_lockout(command)
            case c.ReportEmergency():
                return await self.identity.report_emergency(command)
            case c.RequestPerson():
                return await self.identity.request_person(command)
            case c.CheckResults():
                return await self.results.check(command)
            case c.ReadResults():
                return await self.results.read(command)
            case c.RequestResultsCallBack():
                return await self.results.call_back(command)
            case c.StartIntake():
                return await self.intake.start(command)
            case c.SaveIntake():
                return await self.intake.save(command)
            case c.ReviewConsents():
                return await self.consents.review(command)
            case c.DecideConsent():
                return await self.consents.decide(command)
            case c.WithdrawConsent():
                return await self.consents.withdraw(command)
            case c.FindOpenInvoices():
                return await self._payments().open_invoices(command)
            case c.CreatePaymentLink():
                return await self._payments().link(command)
            case c.AnswerReminder():
                return await ReminderAnswers(self.scheduling.store, self.scheduling.clock).answer(
                    command
                )
            case c.JoinWaitlist() | c.AcceptWaitlistOffer() | c.DeclineWaitlistOffer():
                if self.waitlisting is None:
                    raise RuntimeError("the waitlist is not wired into this front desk")
                return await self.waitlisting.handle(command)
        gate = await self.consents.gate(command)
        return gate if gate is not None else await self.scheduling.handle(command)
