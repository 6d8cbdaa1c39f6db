"""In-memory fakes of the identity, intake, consent and results ports (same methods and
behaviour as the FHIR adapters: tests/ports runs one contract on both), and a driver with a
FrontDesk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from dataclasses import dataclass, field

from adapters.fhir.questionnaire import to_form
from dialogs.context import Catalogue, TurnContext
from domain.alerts import (
    ReportEmergency,
    ReportLockout,
    ReportPaymentMismatch,
    RequestPerson,
    RequestResultsCallBack,
)
from domain.consent import ConsentDecision, ConsentDocument
from domain.consent_service import Consents
from domain.desk import FrontDesk
from domain.details import DetailChange
from domain.errors import Conflict, RecordSystemUnavailable
from domain.identity import Identity
from domain.intake import Form, IntakeResponse
from domain.intake_service import Intake
from domain.model import Patient, Service
from domain.patients import Match, NewPatient, PatientRecord, split_name
from domain.reports import Report, ReportChanges
from domain.results import Results
from patient_assistant.bootstrap import DATA
from tests import fakes
from tests.dialogs.driver import Conversation

JAMES = Patient("pat-james", "James O'Brien", dt.date(1952, 11, 3), ("+16175550177",))
TOM = Patient("pat-tom", "Tom Nguyen", dt.date(1978, 9, 30), ())
LOPEZ_GARCIA = Patient("pat-mlg", "Maria Lopez-Garcia", dt.date(1985, 4, 12), ("+16175550199",))
EVERYONE = (fakes.MARIA, fakes.AISHA, fakes.OMAR, JAMES, TOM, LOPEZ_GARCIA)
TELEHEALTH = Service(
    "svc-telehealth", "telehealth consult", 20, (fakes.PATEL,), ("video visit",), telehealth=True
)
DOCUMENTS = [
    ConsentDocument(
        "doc-privacy-3",
        "privacy-notice",
        "3",
        "Privacy notice",
        "How we use your data.",
        "https://x/p",
    ),
    ConsentDocument(
        "doc-sms-1",
        "sms-messaging-consent",
        "1",
        "SMS messaging consent",
        "We may text you.",
        "https://x/s",
    ),
    ConsentDocument(
        "doc-tele-1",
        "telehealth-consent",
        "1",
        "Telehealth consent",
        "Care by video.",
        "https://x/t",
    ),
]


def record_of(p: Patient) -> PatientRecord:
    given, family = split_name(p.name)
    return PatientRecord(p.id, given, family, p.birth_date, phones=p.phones)


def intake_form() -> Form:
    bundle = json.loads((DATA / "fhir" / "documents.json").read_text())
    [q] = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Questionnaire"
    ]
    return to_form({**q, "id": "q-intake"})


class FakeDirectoryWithTelehealth(fakes.FakeDirectory):
    async def services(self) -> list[Service]:
        return [*fakes.SERVICES, TELEHEALTH]


class FakeRegistry:
    def __init__(self, patients: fakes.FakePatients) -> None:
        self.patients = patients
        self.created: dict[str, Patient] = {}
        self.updates: list[tuple[str, DetailChange]] = []
        self._ids = itertools.count(1)

    async def candidates(self, person: NewPatient) -> list[PatientRecord]:
        return [record_of(p) for p in self.patients.patients]

    async def registered(self, request_id: str) -> Patient | None:
        return self.created.get(request_id)

    async def create(self, person: NewPatient, request_id: str) -> Patient:
        if request_id not in self.created:
            phones = (person.phone,) if person.phone else ()
            self.created[request_id] = Patient(
                f"pat-new-{next(self._ids)}", person.name, person.birth_date, phones
            )
            self.patients.patients = (*self.patients.patients, self.created[request_id])
        return self.created[request_id]

    async def link_chat(self, patient_id: str, channel: str, address: str) -> None:
        patient = await self.patients.get(patient_id)
        chat = f"{channel}:{address}"
        if chat not in patient.chats:
            self._store(dataclasses.replace(patient, chats=(*patient.chats, chat)))

    async def update(self, patient_id: str, change: DetailChange) -> None:
        """Like the FHIR adapter: a new phone replaces the mobile one, a new language is the
        preferred one (e-mail and address are not on the domain's Patient)."""
        patient = await self.patients.get(patient_id)
        self.updates.append((patient_id, change))
        self._store(
            dataclasses.replace(
                patient,
                phones=(change.phone,) if change.phone else patient.phones,
                language=change.language or patient.language,
            )
        )

    def _store(self, patient: Patient) -> None:
        self.patients.patients = tuple(
            patient if p.id == patient.id else p for p in self.patients.patients
        )


@dataclass
class FakeTasks:
    tasks: dict[str, tuple[NewPatient, list[Match]]] = field(default_factory=dict)
    lockouts: dict[str, ReportLockout] = field(default_factory=dict)
    emergencies: dict[str, ReportEmergency] = field(default_factory=dict)
    call_backs: dict[str, RequestResultsCallBack] = field(default_factory=dict)
    person_requests: dict[str, RequestPerson] = field(default_factory=dict)
    payment_mismatches: dict[str, ReportPaymentMismatch] = field(default_factory=dict)
    due: dict[str, dt.datetime | None] = field(default_factory=dict)  # duplicate reviews' due
    down: bool = False  # the record system is unreachable
    fail_with: Exception | None = None  # an unexpected failure of the record system

    async def review_duplicate(
        self,
        person: NewPatient,
        matches: list[Match],
        request_id: str,
        due_at: dt.datetime | None = None,
    ) -> str:
        self._check()
        self.tasks.setdefault(request_id, (person, matches))
        self.due.setdefault(request_id, due_at)
        return f"task-{request_id[:8]}"

    async def lockout(self, report: ReportLockout) -> str:
        self._check()
        self.lockouts.setdefault(report.request_id, report)
        return f"task-{report.request_id[:8]}"

    async def emergency(self, report: ReportEmergency) -> str:
        self._check()
        if self.fail_with is not None:
            raise self.fail_with
        self.emergencies.setdefault(report.request_id, report)
        return f"task-{report.request_id[:8]}"

    async def person_requested(self, request: RequestPerson) -> str:
        self._check()
        self.person_requests.setdefault(request.request_id, request)
        return f"task-{request.request_id[:8]}"

    async def payment_mismatch(self, report: ReportPaymentMismatch) -> str:
        self._check()
        self.payment_mismatches.setdefault(report.request_id, report)
        return f"task-{report.request_id[:8]}"

    async def results_call_back(self, request: RequestResultsCallBack) -> str:
        self._check()
        self.call_backs.setdefault(request.request_id, request)
        return f"task-{request.request_id[:8]}"

    def _check(self) -> None:
        if self.down:
            raise RecordSystemUnavailable("fake server is down")


@dataclass
class FakeCoverage:
    active: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    created: int = 0

    async def set_insurance(self, patient_id: str, insurer: str, member_id: str | None) -> str:
        """A new Coverage each time, as on FHIR (the earlier one ends)."""
        self.active[patient_id] = (insurer, member_id)
        self.created += 1
        return f"cov-{self.created}"


@dataclass
class FakeIntakeStore:
    forms: list[Form] = field(default_factory=lambda: [intake_form()])
    saved: dict[str, IntakeResponse] = field(default_factory=dict)  # by patient id
    writes: int = 0

    async def form(self, url: str | None) -> Form | None:
        return next((f for f in self.forms if url in (None, f.url)), None)

    async def latest(self, patient_id: str, form: Form) -> IntakeResponse | None:
        return self.saved.get(patient_id)

    async def save(self, patient_id: str, form: Form, response: IntakeResponse) -> IntakeResponse:
        stored = self.saved.get(patient_id)
        if response.id and (stored is None or stored.version != response.version):
            raise Conflict("the form was changed elsewhere meanwhile")
        self.writes += 1
        stored = dataclasses.replace(
            response, id=response.id or f"qr-{patient_id}", version=str(self.writes)
        )
        self.saved[patient_id] = stored
        return stored


@dataclass
class FakeConsentStore:
    documents_: list[ConsentDocument] = field(default_factory=lambda: list(DOCUMENTS))
    decided: list[ConsentDecision] = field(default_factory=list)
    given_by: dict[str, str] = field(default_factory=dict)  # decision id -> RelatedPerson id

    async def documents(self) -> list[ConsentDocument]:
        return list(self.documents_)

    async def decisions(self, patient_id: str) -> list[ConsentDecision]:
        return [d for d in self.decided if d.patient_id == patient_id]

    async def record(
        self,
        patient_id: str,
        document: ConsentDocument,
        agree: bool,
        channel: str,
        at: dt.datetime,
        given_by: str | None = None,
    ) -> ConsentDecision:
        decision = ConsentDecision(
            f"consent-{len(self.decided) + 1}",
            patient_id,
            document.code,
            document.version,
            agree,
            at,
            channel,
        )
        self.decided.append(decision)
        if given_by:
            self.given_by[decision.id] = given_by
        return decision

    async def withdraw(self, decision: ConsentDecision, at: dt.datetime) -> ConsentDecision:
        withdrawn = dataclasses.replace(decision, withdrawn=True)
        self.decided = [withdrawn if d.id == decision.id else d for d in self.decided]
        return withdrawn


@dataclass
class FakeResults:
    statuses_: dict[str, list[str]] = field(default_factory=lambda: {fakes.MARIA.id: ["final"]})
    reports_: list[Report] = field(
        default_factory=lambda: [
            Report(
                "report-1",
                fakes.MARIA.id,
                "final",
                "1",
                "Blood test",
                dt.date(2026, 2, 24),
                "All values are within the normal range.",
                "2026-02-25T10:00:00Z",
            )
        ]
    )

    async def statuses(self, patient_id: str) -> list[str]:
        return self.statuses_.get(patient_id, [])

    async def reports(self, patient_id: str) -> list[Report]:
        return [r for r in self.reports_ if r.patient_id == patient_id]

    async def report(self, report_id: str) -> Report | None:
        return next((r for r in self.reports_ if r.id == report_id), None)

    async def changed_since(self, position: str | None) -> ReportChanges:
        latest = max((r.last_updated for r in self.reports_), default="")
        if position is None:
            return ReportChanges((), latest)
        changed = sorted(
            (r for r in self.reports_ if r.last_updated > position), key=lambda r: r.last_updated
        )
        return ReportChanges(tuple(changed), max(latest, position))


@dataclass
class PatientConversation(Conversation):
    """The engine over a FrontDesk with every fake; `channel`/`address` as the bot would give them."""

    channel: str = "sms"
    address: str = ""
    everyone: fakes.FakePatients = field(default_factory=lambda: fakes.FakePatients(EVERYONE))
    intake: FakeIntakeStore = field(default_factory=FakeIntakeStore)
    consents: FakeConsentStore = field(default_factory=FakeConsentStore)
    results: FakeResults = field(default_factory=FakeResults)
    tasks: FakeTasks = field(default_factory=FakeTasks)
    coverage: FakeCoverage = field(default_factory=FakeCoverage)

    def __post_init__(self) -> None:
        super().__post_init__()
        self.registry = FakeRegistry(self.everyone)
        directory = FakeDirectoryWithTelehealth()
        self.scheduling.directory = directory
        self.scheduling = FrontDesk(  # type: ignore[assignment]
            self.scheduling,
            Identity(self.registry, self.everyone, self.tasks, self.coverage),
            Intake(self.intake),
            Consents(self.consents, directory, self.clock),
            Results(self.results, self.tasks),
        )

    def context(self) -> TurnContext:
        base = super().context()
        if self.channel == "telegram":
            patients = tuple(
                p for p in self.everyone.patients if f"telegram:{self.address}" in p.chats
            )
        else:
            patients = (
                tuple(p for p in self.everyone.patients if self.address in p.phones)
                if self.address
                else base.patients
            )
        catalogue = Catalogue(
            fakes.PRACTICE, (*fakes.SERVICES, TELEHEALTH), fakes.PRACTITIONERS, fakes.LOCATIONS
        )
        related = (
            tuple(r for r in self.everyone.related if self.address in r.phones)
            if self.channel != "telegram"
            else ()
        )
        return dataclasses.replace(
            base,
            catalogue=catalogue,
            patients=patients,
            related=related,
            channel=self.channel,
            address=self.address,
        )
