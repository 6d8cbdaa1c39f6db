"""Consent use cases: review what is pending, record a decision, withdraw, and the gates."""

from __future__ import annotations

from domain import commands as c
from domain import patient_commands as pc
from domain.consent import has_consent, latest, pending, required_for, standing
from domain.ports import Clock, ConsentStore, PracticeDirectory


class Consents:
    def __init__(self, store: ConsentStore, directory: PracticeDirectory, clock: Clock) -> None:
        self.store, self.directory, self.clock = store, directory, clock

    async def review(self, command: pc.ReviewConsents) -> pc.ConsentsReviewed:
        documents = await self.store.documents()
        decisions = await self.store.decisions(command.patient_id)
        live = tuple(d for code in sorted({d.code for d in decisions}) if (d := standing(decisions, code)))
        newest = tuple(doc for code in sorted({d.code for d in documents}) if (doc := latest(documents, code)))
        return pc.ConsentsReviewed(tuple(pending(documents, decisions)), live, newest)

    async def decide(self, command: pc.DecideConsent) -> pc.ConsentRecorded:
        decision = await self.store.record(command.patient_id, command.document, command.agree,
                                           command.channel, self.clock.now(), given_by=command.given_by)
        return pc.ConsentRecorded(decision)

    async def withdraw(self, command: pc.WithdrawConsent) -> pc.ConsentWithdrawn:
        """Withdraw every live decision on the document (normally one)."""
        live = [d for d in await self.store.decisions(command.patient_id)
                if d.code == command.code and not d.withdrawn]
        withdrawn = [await self.store.withdraw(d, self.clock.now()) for d in live]
        agreed = [d for d in withdrawn if d.agreed]
        return pc.ConsentWithdrawn(max(agreed, key=lambda d: d.at) if agreed else None)

    async def gate(self, command: c.Command) -> pc.ConsentRequired | None:
        """Stop a booking that needs a consent the patient has not given (telehealth)."""
        match command:
            case c.FindOpenings(patient_id=patient_id, service_id=service_id) if patient_id:
                pass
            case c.BookOpening(patient_id=patient_id, service_id=service_id):
                pass
            case c.RescheduleAppointment(patient_id=patient_id, service_id=service_id):
                pass
            case _:
                return None
        service = next((s for s in await self.directory.services() if s.id == service_id), None)
        code = required_for(service) if service else None
        if code is None:
            return None
        documents = await self.store.documents()
        document = latest(documents, code)
        # A practice without the document has not asked for this consent: nothing to gate on.
        if document is None or has_consent(documents, await self.store.decisions(patient_id), code):
            return None
        return pc.ConsentRequired(patient_id, document)
