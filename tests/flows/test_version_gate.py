"""The publishing gate's checks that run no conversation: a version's flow tests are its own
files, a version is validated with the practice's languages before any test runs, and a test
file that does not read is named. (Publishing through the gate: tests/admin/test_flow_gate.py.)"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.flow_gate import check_files
from bot.flow_versions import content_hash, shipped_files
from bot.ports import FlowVersionRecord
from patient_assistant.bootstrap import DATA
from patient_assistant.practices import environment_practice
from patient_assistant.settings import Settings
from patient_assistant.version_tests import VersionTestGate

#: The gate's wait for checks that must refuse before any test runs: a child process started
#: for tests would be stopped at once and answered as a failure, which these tests would see.
NO_TEST_RUNS = 0.001


def version(files: dict[str, str]) -> FlowVersionRecord:
    now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    return FlowVersionRecord("riverside", 2, "ann", now, "", content_hash(files), files)


def test_the_shipped_version_holds_every_flows_test() -> None:
    files = shipped_files(DATA)
    flows = {p.removeprefix("flows/") for p in files if p.startswith("flows/")}
    tests = {p.removeprefix("tests/") for p in files if p.startswith("tests/")}
    assert tests == flows
    assert files["tests/book_appointment.yaml"] == (
        DATA / "flows" / "tests" / "book_appointment.yaml"
    ).read_text(encoding="utf-8")


def test_a_version_is_checked_in_each_of_the_practices_languages() -> None:
    files = shipped_files(DATA)
    assert check_files(files, ("en",)).passed

    failures = check_files(files, ("en", "es")).failures

    by_flow = {(f.flow, f.step) for f in failures if f.flow}
    assert ("book_appointment", "done") in by_flow and ("book_appointment", "confirm") in by_flow
    assert all("es" in (f.fix or "") for f in failures)
    assert any(f.test == "validate texts" and "has no es wording" in f.message for f in failures)


async def test_a_version_that_does_not_validate_runs_no_test() -> None:
    files = shipped_files(DATA)
    files["flows/book_appointment.yaml"] = files["flows/book_appointment.yaml"].replace(
        "action: book_opening", "action: send_fax"
    )
    gate = VersionTestGate(Settings(_env_file=None), wait_seconds=NO_TEST_RUNS)  # type: ignore[call-arg]

    result = await gate("riverside", version(files))

    [failure] = result.failures
    assert (failure.flow, failure.step) == ("book_appointment", "book")
    assert result.ran == len([p for p in files if p.startswith("flows/")]) + 1


async def test_a_test_file_that_does_not_read_is_named_and_nothing_runs() -> None:
    files = shipped_files(DATA)
    files["tests/flu_clinic.yaml"] = "tests:\n  - name: jab\n    phone: '+16175550134'\n"
    gate = VersionTestGate(Settings(_env_file=None), wait_seconds=NO_TEST_RUNS)  # type: ignore[call-arg]

    [failure] = (await gate("riverside", version(files))).failures

    assert failure.test == "tests flu_clinic"
    assert "flu_clinic.yaml, test 'jab': 'now' is missing" in failure.message


async def test_a_version_without_tests_is_validated_only() -> None:
    files = {p: s for p, s in shipped_files(DATA).items() if not p.startswith("tests/")}
    gate = VersionTestGate(Settings(_env_file=None), wait_seconds=NO_TEST_RUNS)  # type: ignore[call-arg]

    result = await gate("riverside", version(files))

    assert result.passed and result.ran == len([p for p in files if p.startswith("flows/")]) + 1


async def test_flow_tests_that_outlast_the_wait_are_stopped_and_not_kept() -> None:
    files = shipped_files(DATA)
    gate = VersionTestGate(Settings(_env_file=None), wait_seconds=0.5)  # type: ignore[call-arg]

    result = await gate("riverside", version(files))

    [failure] = result.failures
    assert failure.test == "flow tests" and "did not finish within 0.5 s" in failure.message
    assert failure.fix and not result.ran
    assert children_running_flow_tests() == []  # stopped, not left running
    gate.wait_seconds = NO_TEST_RUNS  # not kept: asked again, the tests run again
    [again] = (await gate("riverside", version(files))).failures
    assert "did not finish within 0.001 s" in again.message


def children_running_flow_tests() -> list[int]:
    """This process's child processes that run flow tests (patient_assistant/flow_test_process)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
        if ppid == os.getpid() and b"flow_test_process" in command:
            found.append(int(stat.parent.name))
    return found


def test_practice_languages_is_the_env_only_practices_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PRACTICE_LANGUAGES", "en, es")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.languages == ("en", "es")
    assert environment_practice(settings, "http://fhir.example/r4").languages == ("en", "es")
    assert Settings(_env_file=None).languages == ("en", "es")  # type: ignore[call-arg]
    monkeypatch.setenv("PRACTICE_LANGUAGES", "es")
    with pytest.raises(ValueError, match="PRACTICE_LANGUAGES must include en"):
        Settings(_env_file=None)  # type: ignore[call-arg]
