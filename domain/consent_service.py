"""Consent use cases: review what is pending, record a decision, withdraw, and the gates."""

from __future__ import annotations

from dataclasses import dataclass

from domain.booking import BookOpening, FindOpenings
from domain.consent import (
    ConsentDecision,
    ConsentDocument,
    has_consent,
    latest,
    pending,
    required_for,
    standing,
)
from domain.ports import Clock, ConsentStore, PracticeDirectory
from domain.rescheduling import RescheduleAppointment


@dataclass(frozen=True)
class ReviewConsents:
    patient_id: str


@dataclass(frozen=True)
class DecideConsent:
    """Record agreement to (or refusal of) one document version."""

    patient_id: str
    document: ConsentDocument
    agree: bool
    channel: str = ""
    given_by: str | None = None  # the RelatedPerson deciding for the patient (a parent for a child)


@dataclass(frozen=True)
class WithdrawConsent:
    patient_id: str
    code: str
    channel: str = ""


@dataclass(frozen=True)
class ConsentsReviewed:
    pending: tuple[ConsentDocument, ...]
    standing: tuple[ConsentDecision, ...]
    documents: tuple[ConsentDocument, ...] = ()  # the latest version of each document


@dataclass(frozen=True)
class ConsentRecorded:
    decision: ConsentDecision


@dataclass(frozen=True)
class ConsentWithdrawn:
    """`decision` is the withdrawn one; None when there was nothing to withdraw."""

    decision: ConsentDecision | None


@dataclass(frozen=True)
class ConsentRequired:
    """A gate stopped the command: the patient must agree to this document first."""

    patient_id: str
    document: ConsentDocument


class Consents:
    def __init__(self, store: ConsentStore, directory: PracticeDirectory, clock: Clock) -> None:
        self.store, self.directory, self.clock = store, directory, clock

    async def review(self, command: ReviewConsents) -> ConsentsReviewed:
        documents = await self.store.documents()
        decisions = await self.store.decisions(command.patient_id)
        live = tuple(
            d for code in sorted({d.code for d in decisions}) if (d := standing(decisions, code))
        )
        newest = tuple(
            doc for code in sorted({d.code for d in documents}) if (doc := latest(documents, code))
        )
        return ConsentsReviewed(tuple(pending(documents, decisions)), live, newest)

    async def decide(self, command: DecideConsent) -> ConsentRecorded:
        decision = await self.store.record(
            command.patient_id,
            command.document,
            command.agree,
            command.channel,
            self.clock.now(),
            given_by=command.given_by,
        )
        return ConsentRecorded(decision)

    async def withdraw(self, command: WithdrawConsent) -> ConsentWithdrawn:
        """Withdraw every live decision on the document (normally one)."""
        live = [
            d
            for d in await self.store.decisions(command.patient_id)
            if d.code == command.code and not d.withdrawn
        ]
        withdrawn = [await self.store.withdraw(d, self.clock.now()) for d in live]
        agreed = [d for d in withdrawn if d.agreed]
        return ConsentWithdrawn(max(agreed, key=lambda d: d.at) if agreed else None)

    async def gate(self, command: object) -> ConsentRequired | None:
        """Stop a booking that needs a consent the patient has not given (telehealth)."""
        match command:
            case FindOpenings(patient_id=patient_id, service_id=service_id) if patient_id:
                pass
            case BookOpening(patient_id=patient_id, service_id=service_id):
                pass
            case RescheduleAppointment(patient_id=patient_id, service_id=service_id):
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
        return ConsentRequired(patient_id, document)
