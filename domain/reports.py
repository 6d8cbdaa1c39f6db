"""A patient's diagnostic reports as the assistant sees them: ids, status and dates, plus the
few fields a practice may release (see domain/results.py). Never attachments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

READY = {"final", "amended", "corrected", "appended"}
PENDING = {"registered", "partial", "preliminary"}


@dataclass(frozen=True)
class Report:
    """A DiagnosticReport as the assistant needs it. `version` is the server's versionId."""

    id: str
    patient_id: str | None
    status: str
    version: str = ""
    name: str = ""
    date: dt.date | None = None  # when the result applies (effective), else when issued
    conclusion: str = ""
    last_updated: str = ""  # the server's meta.lastUpdated, as it wrote it

    @property
    def ready(self) -> bool:
        return self.status in READY


@dataclass(frozen=True)
class ReportChanges:
    """Reports written since a poll's position, and the position to ask from next time."""

    reports: tuple[Report, ...]
    position: str
