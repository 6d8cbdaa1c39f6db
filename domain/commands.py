"""Every command the dialogue asks the domain to carry out (imperative), and every outcome
(past tense): the unions, and the port that carries them out.

Each command is defined beside the capability it belongs to:

    booking        domain/booking.py        FindOpenings, BookOpening
    rescheduling   domain/rescheduling.py   RescheduleAppointment
    cancelling     domain/cancelling.py     CancelAppointment
    appointments   domain/appointments.py   ListUpcoming
    identity       domain/identity.py       LinkChat; ReportLockout, ReportEmergency in domain/alerts.py
    registration   domain/registration.py   RegisterPatient
    details        domain/details.py        UpdateDetails
    results        domain/results.py        CheckResults, ReadResults; RequestResultsCallBack in domain/alerts.py
    payments       domain/billing.py        FindOpenInvoices, CreatePaymentLink (domain/payments.py)
    intake         domain/intake_service.py StartIntake, SaveIntake
    consent        domain/consent_service.py ReviewConsents, DecideConsent, WithdrawConsent
    reminders      domain/reminders.py      AnswerReminder (a 1 or 3 reply to a reminder)
    waitlist       domain/waitlist.py       JoinWaitlist, AcceptWaitlistOffer, DeclineWaitlistOffer

and named here too (`c.BookOpening`), so a reader of a flow's commands needs one import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.alerts import (
    EmergencyReported,
    LockoutReported,
    PersonRequested,
    ReportEmergency,
    ReportLockout,
    RequestPerson,
)
from domain.appointments import ListUpcoming, UpcomingListed
from domain.billing import (
    CreatePaymentLink,
    FindOpenInvoices,
    NothingToPay,
    OpenInvoicesFound,
    PaymentLinkCreated,
)
from domain.booking import Booked, BookOpening, FindOpenings, OpeningsFound, SlotTaken
from domain.cancelling import CancelAppointment, Cancelled
from domain.consent_service import (
    ConsentRecorded,
    ConsentRequired,
    ConsentsReviewed,
    ConsentWithdrawn,
    DecideConsent,
    ReviewConsents,
    WithdrawConsent,
)
from domain.details import DetailChange, DetailsUpdated, UpdateDetails
from domain.identity import ChatLinked, LinkChat, NotIdentified
from domain.intake_service import IntakeLoaded, IntakeSaved, NoIntakeForm, SaveIntake, StartIntake
from domain.registration import PatientRegistered, ReferredToStaff, RegisterPatient
from domain.reminders import (
    AnswerReminder,
    AttendanceConfirmed,
    ReminderCancelled,
    ReminderOutdated,
)
from domain.rescheduling import RescheduleAppointment, Rescheduled
from domain.results import (
    CheckResults,
    ReadResults,
    RequestResultsCallBack,
    ResultsCallBackRequested,
    ResultsChecked,
    ResultsRead,
)
from domain.waitlist import (
    AcceptWaitlistOffer,
    DeclineWaitlistOffer,
    JoinWaitlist,
    OfferAccepted,
    OfferDeclined,
    OfferGone,
    WaitlistJoined,
)

__all__ = [
    "AcceptWaitlistOffer",
    "AnswerReminder",
    "AttendanceConfirmed",
    "BookOpening",
    "Booked",
    "CancelAppointment",
    "Cancelled",
    "ChatLinked",
    "CheckResults",
    "Command",
    "CommandHandler",
    "ConsentRecorded",
    "ConsentRequired",
    "ConsentWithdrawn",
    "ConsentsReviewed",
    "CreatePaymentLink",
    "DecideConsent",
    "DeclineWaitlistOffer",
    "DetailChange",
    "DetailsUpdated",
    "EmergencyReported",
    "FindOpenInvoices",
    "FindOpenings",
    "IntakeLoaded",
    "IntakeSaved",
    "JoinWaitlist",
    "LinkChat",
    "ListUpcoming",
    "LockoutReported",
    "NoIntakeForm",
    "NotIdentified",
    "NothingToPay",
    "OfferAccepted",
    "OfferDeclined",
    "OfferGone",
    "OpenInvoicesFound",
    "OpeningsFound",
    "Outcome",
    "PatientRegistered",
    "PaymentLinkCreated",
    "PersonRequested",
    "ReadResults",
    "RecordSystemDown",
    "ReferredToStaff",
    "RegisterPatient",
    "ReminderCancelled",
    "ReminderOutdated",
    "ReportEmergency",
    "ReportLockout",
    "RequestPerson",
    "RequestResultsCallBack",
    "RescheduleAppointment",
    "Rescheduled",
    "ResultsCallBackRequested",
    "ResultsChecked",
    "ResultsRead",
    "ReviewConsents",
    "SaveIntake",
    "SlotTaken",
    "StartIntake",
    "UpcomingListed",
    "UpdateDetails",
    "WaitlistJoined",
    "WithdrawConsent",
]


@dataclass(frozen=True)
class RecordSystemDown:
    """The FHIR server could not be reached; nothing was changed. Any command may end so."""


Command = (
    FindOpenings
    | BookOpening
    | RescheduleAppointment
    | CancelAppointment
    | ListUpcoming
    | LinkChat
    | ReportLockout
    | ReportEmergency
    | RequestPerson
    | RegisterPatient
    | UpdateDetails
    | CheckResults
    | ReadResults
    | RequestResultsCallBack
    | StartIntake
    | SaveIntake
    | ReviewConsents
    | DecideConsent
    | WithdrawConsent
    | FindOpenInvoices
    | CreatePaymentLink
    | AnswerReminder
    | JoinWaitlist
    | AcceptWaitlistOffer
    | DeclineWaitlistOffer
)

Outcome = (
    OpeningsFound
    | Booked
    | SlotTaken
    | Rescheduled
    | Cancelled
    | UpcomingListed
    | RecordSystemDown
    | ChatLinked
    | NotIdentified
    | LockoutReported
    | EmergencyReported
    | PersonRequested
    | PatientRegistered
    | ReferredToStaff
    | DetailsUpdated
    | ResultsChecked
    | ResultsRead
    | ResultsCallBackRequested
    | IntakeLoaded
    | NoIntakeForm
    | IntakeSaved
    | ConsentsReviewed
    | ConsentRecorded
    | ConsentWithdrawn
    | ConsentRequired
    | OpenInvoicesFound
    | PaymentLinkCreated
    | NothingToPay
    | AttendanceConfirmed
    | ReminderCancelled
    | ReminderOutdated
    | WaitlistJoined
    | OfferAccepted
    | OfferGone
    | OfferDeclined
)


class CommandHandler(Protocol):
    """Carries out the dialogue's commands (Scheduling; FrontDesk for every use case)."""

    async def handle(self, command: Command) -> Outcome: ...
