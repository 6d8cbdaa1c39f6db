"""ResultsStore on FHIR (DiagnosticReport), and the Subscription that tells the assistant
when a report changes.

Only what the assistant may use is read out of a report: id, subject, status, version,
name, date and conclusion. `presentedForm` (the report as an attachment) is never read.

The Subscription is R4's classic kind (criteria, rest-hook channel, a secret in a header);
the sekmet-fhir sandbox and HAPI both support it. With a payload, the server sends the
report to `{endpoint}/DiagnosticReport/{id}` (PUT) or to the endpoint (POST); either way the
assistant reads the report again by id rather than trusting what the notification carried.
"""

from __future__ import annotations

import datetime as dt
import logging

from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import translated
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import ref_id
from domain.errors import NotFound
from domain.reports import READY, Report, ReportChanges

log = logging.getLogger(__name__)

#: What the Subscription asks to be told about: a report becoming ready (or changing while so).
RESULTS_CRITERIA = "DiagnosticReport?status=" + ",".join(sorted(READY))
SECRET_HEADER = "X-Results-Subscription-Secret"
REASON = "patient-assistant: tell patients a result is ready"


def to_report(resource: Json) -> Report:
    code = resource.get("code") or {}
    name = code.get("text") or next(
        (c.get("display") for c in code.get("coding") or [] if c.get("display")), ""
    )
    when = resource.get("effectiveDateTime") or (resource.get("effectivePeriod") or {}).get("start")
    return Report(
        id=str(resource.get("id", "")),
        patient_id=ref_id(resource.get("subject"), "Patient"),
        status=str(resource.get("status", "")),
        version=version_of(resource) or "",
        name=str(name or ""),
        date=_date(when or resource.get("issued")),
        conclusion=str(resource.get("conclusion") or ""),
        last_updated=str((resource.get("meta") or {}).get("lastUpdated") or ""),
    )


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


class FhirResultsStore:
    def __init__(self, conn: FhirConnection):
        self._conn = conn

    async def statuses(self, patient_id: str) -> list[str]:
        return [r.status for r in await self.reports(patient_id)]

    async def reports(self, patient_id: str) -> list[Report]:
        found = await self._conn.search_one_type(
            "DiagnosticReport", {"subject": f"Patient/{patient_id}"}
        )
        # The server's filtering is not trusted: only reports about this patient.
        return [r for r in map(to_report, found) if r.patient_id == patient_id]

    async def report(self, report_id: str) -> Report | None:
        try:
            return to_report(await self._conn.read("DiagnosticReport", report_id))
        except NotFound:
            return None

    async def changed_since(self, position: str | None) -> ReportChanges:
        if position is None:
            # The first poll starts from the newest report: what was final before the
            # assistant was switched on is not news.
            newest = await self._conn.first_page(
                "DiagnosticReport", {"_sort": "-_lastUpdated", "_count": "1"}
            )
            start = to_report(newest[0]).last_updated if newest else ""
            return ReportChanges((), start or _utc_now())
        # `gt`: what was written at the position was seen by the poll that took it (the
        # server's instants are to the millisecond, so two writes rarely share one).
        found = await self._conn.search_one_type(
            "DiagnosticReport", {"_lastUpdated": f"gt{position}", "_sort": "_lastUpdated"}
        )
        # The server's filtering is not trusted either.
        reports = sorted(
            (r for r in map(to_report, found) if r.last_updated > position),
            key=lambda r: r.last_updated,
        )
        newest_seen = max((r.last_updated for r in reports), default=position)
        return ReportChanges(tuple(reports), max(newest_seen, position))


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def ensure_results_subscription(conn: FhirConnection, endpoint: str, secret: str) -> str:
    """Register (once) the rest-hook Subscription that posts ready reports to `endpoint` with
    the secret header; the Subscription's id. An existing one for the endpoint is reused,
    re-activated and given the current secret if it was off, in error or had another."""
    header = f"{SECRET_HEADER}: {secret}"
    wanted: Json = {
        "resourceType": "Subscription",
        "status": "requested",
        "reason": REASON,
        "criteria": RESULTS_CRITERIA,
        "channel": {
            "type": "rest-hook",
            "endpoint": endpoint,
            "payload": "application/fhir+json",
            "header": [header],
        },
    }
    existing = [
        s
        for s in await conn.search_one_type("Subscription", {})
        if (s.get("channel") or {}).get("endpoint") == endpoint
        and s.get("criteria") == RESULTS_CRITERIA
    ]
    for sub in existing:
        if sub.get("status") == "active" and header in (
            (sub.get("channel") or {}).get("header") or []
        ):
            return str(sub["id"])
    async with translated("register results Subscription"):
        if existing:
            saved = await conn.http.update({**wanted, "id": existing[0]["id"]})
        else:
            saved = await conn.http.create(wanted)
    log.info("results subscription=%s registered, status=%s", saved.get("id"), saved.get("status"))
    return str(saved.get("id", ""))
