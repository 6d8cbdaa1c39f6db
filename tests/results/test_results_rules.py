"""The results rules on their own, with fakes of the ports: the practice's release rule,
what a verified patient reads, and whether, where and when "a result is ready" is sent."""

from __future__ import annotations

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.clock import FixedClock
from domain.consent import MESSAGING, latest
from domain.reports import Report
from domain.results import ReadResults, ReleaseRule, Results
from domain.results_ready import NotNotified, ResultReady, ResultsReadyRules
from tests import fakes
from tests.patient_fakes import FakeConsentStore, FakeResults

NY = ZoneInfo("America/New_York")
MORNING = dt.datetime(2026, 3, 2, 9, 0, tzinfo=NY)
READY = Report("r-1", fakes.MARIA.id, "final", "1", "Blood test", dt.date(2026, 2, 24), "Normal.")


def test_the_release_rule_reads_the_fields_a_practice_names_and_refuses_others() -> None:
    assert ReleaseRule.parse("all").fields == ("name", "date", "status", "conclusion")
    assert ReleaseRule.parse("conclusion, NAME").fields == ("name", "conclusion")
    assert ReleaseRule.parse("none").fields == () == ReleaseRule.parse("").fields
    with pytest.raises(ValueError, match="value"):
        ReleaseRule.parse("name,value")


async def test_a_verified_patient_reads_only_the_released_fields_of_ready_reports() -> None:
    store = FakeResults(
        reports_=[
            READY,
            dataclasses.replace(READY, id="r-2", status="preliminary"),
            dataclasses.replace(READY, id="r-3", patient_id="someone-else"),
        ]
    )
    read = await Results(store, rule=ReleaseRule.parse("name,status")).read(
        ReadResults(fakes.MARIA.id)
    )
    assert [(r.report_id, r.shown) for r in read.released] == [
        ("r-1", {"name": "Blood test", "status": "final"})
    ]
    assert (read.withheld, read.pending) == (0, 1)
    withheld = await Results(store, rule=ReleaseRule.parse("none")).read(
        ReadResults(fakes.MARIA.id)
    )
    assert (withheld.released, withheld.withheld) == ((), 1)


async def rules(at: dt.datetime, *, consent: bool = True) -> ResultsReadyRules:
    consents = FakeConsentStore()
    if consent:
        document = latest(await consents.documents(), MESSAGING)
        assert document is not None
        await consents.record(fakes.MARIA.id, document, True, "sms", at)
    return ResultsReadyRules(
        fakes.FakePatients(), fakes.FakeDirectory(), consents, FixedClock(at, ticking=False)
    )


async def test_a_final_report_is_told_to_the_patients_mobile_with_its_key() -> None:
    decided = await (await rules(MORNING)).decide(READY)
    assert decided == ResultReady(
        "r-1", "final", fakes.MARIA.id, "sms", "+16175550134", MORNING, "DiagnosticReport/r-1:final"
    )
    amended = await (await rules(MORNING)).decide(dataclasses.replace(READY, status="amended"))
    assert isinstance(amended, ResultReady) and amended.key != decided.key  # told once more


@pytest.mark.parametrize(
    ("report", "consent", "reason"),
    [
        (dataclasses.replace(READY, status="preliminary"), True, "not_ready"),
        (dataclasses.replace(READY, patient_id=None), True, "unknown_patient"),
        (dataclasses.replace(READY, patient_id="nobody"), True, "unknown_patient"),
        (READY, False, "no_consent"),
    ],
)
async def test_what_is_not_told(report: Report, consent: bool, reason: str) -> None:
    assert await (await rules(MORNING, consent=consent)).decide(report) == NotNotified(
        "r-1", reason
    )


async def test_late_in_the_evening_it_waits_until_eight() -> None:
    evening = MORNING.replace(hour=21, minute=5)
    decided = await (await rules(evening)).decide(READY)
    assert isinstance(decided, ResultReady)
    assert decided.send_at == dt.datetime(2026, 3, 3, 8, 0, tzinfo=NY)
