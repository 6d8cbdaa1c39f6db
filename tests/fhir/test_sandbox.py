"""Sandbox helpers that need no server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from patient_assistant.sandbox import free_port, practice_now, reset
from patient_assistant.seed import DATA_DIR
from patient_assistant.seed_bundles import load_bundle
from patient_assistant.seed_slots import working_starts
from tests.support.fhir import TEST_NOW, ZONE


def test_now_without_offset_is_practice_wall_clock() -> None:
    assert practice_now("2026-03-02T09:00") == TEST_NOW
    assert practice_now("2026-03-02T14:00:00+00:00") == TEST_NOW
    assert practice_now(None).tzinfo is not None


def test_reset_removes_the_database(tmp_path: Path) -> None:
    for name in ("sekmet.db", "sekmet.db-wal", "other.txt"):
        (tmp_path / name).write_text("x")
    reset(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def test_free_port_is_a_port() -> None:
    assert 0 < free_port() < 65536


def test_relative_dates_are_filled_in() -> None:
    records = load_bundle(DATA_DIR / "records.json", TEST_NOW)
    report = next(
        e["resource"]
        for e in records["entry"]
        if e["resource"]["resourceType"] == "DiagnosticReport"
    )
    assert report["issued"] == "2026-03-01T09:00:00-05:00"


def test_working_hours_keep_wall_clock_across_daylight_saving() -> None:
    role = {
        "availableTime": [
            {
                "daysOfWeek": ["sun"],
                "availableStartTime": "01:00:00",
                "availableEndTime": "04:00:00",
            }
        ]
    }
    starts = list(
        working_starts(role, dt.date(2026, 3, 8), ZONE)
    )  # 02:00-03:00 does not exist that night
    assert [s.hour for s in starts] == [1, 1, 1, 1, 3, 3, 3, 3]
    assert len({s.astimezone(dt.UTC) for s in starts}) == 8
