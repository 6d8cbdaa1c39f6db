"""Results: whether a patient's reports are ready, and what of them the practice releases.

A report's values are a clinician's to discuss. By message the patient is told that a result
is ready (domain/results_ready.py) without naming it; after verifying their date of birth
they may read what the practice's release rule allows (by default the report's name, date,
status and conclusion), and where the rule withholds it staff are asked to call them back.
Attachments (`presentedForm`: the full report as a PDF) are never sent by message.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from domain.alerts import RequestResultsCallBack, ResultsCallBackRequested
from domain.ports import ResultsStore, StaffTasks
from domain.reports import PENDING, READY, Report

#: What a practice may release of a report by message, in the order it is shown.
RELEASABLE = ("name", "date", "status", "conclusion")


@dataclass(frozen=True)
class ReleaseRule:
    """The practice's rule for results by message: which fields of a ready report a verified
    patient may read. No fields: every result is withheld and staff call the patient back."""

    fields: tuple[str, ...] = RELEASABLE

    @classmethod
    def parse(cls, text: str) -> ReleaseRule:
        """ "all", or some of name, date, status, conclusion comma-separated in any order;
        "" or "none" withholds every result."""
        wanted = {f.strip().lower() for f in text.split(",") if f.strip()} - {"none"}
        if wanted == {"all"}:
            return cls()
        unknown = wanted - set(RELEASABLE)
        if unknown:
            raise ValueError(
                f"results release fields {sorted(unknown)} unknown; choose from {', '.join(RELEASABLE)}"
            )
        return cls(tuple(f for f in RELEASABLE if f in wanted))


@dataclass(frozen=True)
class CheckResults:
    patient_id: str


@dataclass(frozen=True)
class ResultsChecked:
    """How many of the patient's results are ready (final) and still pending; no values."""

    patient_id: str
    ready: int
    pending: int


@dataclass(frozen=True)
class ReadResults:
    """A verified patient asks what their results are."""

    patient_id: str


@dataclass(frozen=True)
class ReleasedReport:
    """One report as shown: only the fields the rule releases, and only those it has."""

    report_id: str
    shown: dict[str, str] = field(default_factory=dict)  # field name -> text


@dataclass(frozen=True)
class ResultsRead:
    """What the patient may read now; `withheld` ready reports the rule keeps for staff."""

    patient_id: str
    released: tuple[ReleasedReport, ...]
    withheld: int
    pending: int


def release(report: Report, rule: ReleaseRule) -> ReleasedReport:
    values = {
        "name": report.name,
        "date": report.date.isoformat() if report.date else "",
        "status": report.status,
        "conclusion": report.conclusion,
    }
    return ReleasedReport(report.id, {f: values[f] for f in rule.fields if values[f]})


class Results:
    def __init__(
        self,
        store: ResultsStore,
        tasks: StaffTasks | None = None,
        rule: ReleaseRule | None = None,
    ) -> None:
        self.store, self.tasks = store, tasks
        self.rule = rule or ReleaseRule()

    async def check(self, command: CheckResults) -> ResultsChecked:
        statuses = await self.store.statuses(command.patient_id)
        return ResultsChecked(
            command.patient_id,
            sum(s in READY for s in statuses),
            sum(s in PENDING for s in statuses),
        )

    async def read(self, command: ReadResults) -> ResultsRead:
        reports = [
            r
            for r in await self.store.reports(command.patient_id)
            if r.patient_id == command.patient_id
        ]
        ready = sorted(
            (r for r in reports if r.ready),
            key=lambda r: (r.date or dt.date.min, r.id),
            reverse=True,
        )
        pending = sum(r.status in PENDING for r in reports)
        if not self.rule.fields:
            return ResultsRead(command.patient_id, (), len(ready), pending)
        return ResultsRead(
            command.patient_id, tuple(release(r, self.rule) for r in ready), 0, pending
        )

    async def call_back(self, command: RequestResultsCallBack) -> ResultsCallBackRequested:
        if self.tasks is None:
            raise RuntimeError("Results was built without staff tasks")
        task_id = await self.tasks.results_call_back(command)
        return ResultsCallBackRequested(task_id, command.patient_id)


__all__ = [
    "PENDING",
    "READY",
    "CheckResults",
    "ReadResults",
    "ReleaseRule",
    "ReleasedReport",
    "Report",
    "RequestResultsCallBack",
    "Results",
    "ResultsCallBackRequested",
    "ResultsChecked",
    "ResultsRead",
]
