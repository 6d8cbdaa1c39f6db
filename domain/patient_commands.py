"""Commands and outcomes of identity, registration, details, intake, consent and results.

Commands are imperative, outcomes past tense, as in domain/commands.py (which joins them
into its Command and Outcome unions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.alerts import EmergencyReported, LockoutReported, ReportEmergency, ReportLockout
from domain.consent import ConsentDecision, ConsentDocument
from domain.intake import Form, IntakeResponse
from domain.model import Patient
from domain.patients import NewPatient


@dataclass(frozen=True)
class LinkChat:
    """Identify the person on a chat (Telegram) by name and birth date; link the chat to them."""

    conversation_id: str
    channel: str
    address: str
    given: str
    family: str
    birth_date: dt.date


@dataclass(frozen=True)
class RegisterPatient:
    """Register a new patient, unless they are likely on record already.

    `request_id` is the same when the same message is retried, so the create is conditional
    on it and a retry never makes two records.
    """

    conversation_id: str
    person: NewPatient
    request_id: str
    channel: str = ""
    # A chat with no phone number (Telegram) is linked to the new patient at once.
    chat_address: str | None = None


@dataclass(frozen=True)
class DetailChange:
    """New contact details; None leaves a detail as it is."""

    phone: str | None = None
    email: str | None = None
    address: str | None = None
    language: str | None = None  # BCP-47, e.g. "es"
    insurer: str | None = None
    member_id: str | None = None

    def fields(self) -> tuple[str, ...]:
        return tuple(k for k, v in vars(self).items() if v is not None)


@dataclass(frozen=True)
class UpdateDetails:
    patient_id: str
    change: DetailChange


@dataclass(frozen=True)
class CheckResults:
    patient_id: str


@dataclass(frozen=True)
class StartIntake:
    """Load the intake form and the patient's saved answers (None = the practice's intake form)."""

    patient_id: str
    questionnaire_url: str | None = None


@dataclass(frozen=True)
class SaveIntake:
    """Store the answers so far (in-progress) or the finished form (completed)."""

    patient_id: str
    form: Form
    response: IntakeResponse


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


PatientCommand = (
    LinkChat | RegisterPatient | UpdateDetails | CheckResults | StartIntake | SaveIntake
    | ReviewConsents | DecideConsent | WithdrawConsent | ReportLockout | ReportEmergency
)


@dataclass(frozen=True)
class ChatLinked:
    patient: Patient


@dataclass(frozen=True)
class NotIdentified:
    """No single patient has that name and birth date; nothing was linked."""


@dataclass(frozen=True)
class PatientRegistered:
    patient: Patient


@dataclass(frozen=True)
class ReferredToStaff:
    """A likely duplicate: no Patient was created; staff review the Task."""

    task_id: str
    candidate_ids: tuple[str, ...]


@dataclass(frozen=True)
class DetailsUpdated:
    patient_id: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class ResultsChecked:
    """How many of the patient's results are ready (final) and still pending; no values."""

    patient_id: str
    ready: int
    pending: int


@dataclass(frozen=True)
class IntakeLoaded:
    form: Form
    response: IntakeResponse


@dataclass(frozen=True)
class NoIntakeForm:
    """The practice has no intake questionnaire."""


@dataclass(frozen=True)
class IntakeSaved:
    patient_id: str
    response: IntakeResponse


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


PatientOutcome = (
    ChatLinked | NotIdentified | PatientRegistered | ReferredToStaff | DetailsUpdated | ResultsChecked
    | IntakeLoaded | NoIntakeForm | IntakeSaved | ConsentsReviewed | ConsentRecorded | ConsentWithdrawn
    | ConsentRequired | LockoutReported | EmergencyReported
)
