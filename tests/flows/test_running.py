"""`patient-assistant flows test` through the real NLU, engine and FHIR sandbox: the shipped tests
pass, and a broken flow fails naming the test, the step, what was expected and what came."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.assistant import Parser
from dialogs.validation import load_flows
from patient_assistant.bootstrap import DATA, ROOT
from patient_assistant.flow_tests import (
    SHIPPED_TESTS,
    flow_tests_from_yaml,
    load_flow_tests,
    run_flow_tests,
)
from patient_assistant.settings import Settings

BOOKING = "Maria books a check-up with Dr Patel on Friday morning"


@pytest.mark.nlu_model
@pytest.mark.slow
def test_the_shipped_flows_pass_their_tests() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "patient_assistant.cli", "flows", "test"],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    names = {t.name for t in load_flow_tests(SHIPPED_TESTS)}
    assert {
        line[len("PASS ") :].split(": ", 1)[1]
        for line in done.stdout.splitlines()
        if line.startswith("PASS ")
    } == names
    assert f"{len(names)} passed, 0 failed" in done.stdout


@pytest.mark.slow
async def test_a_confirmation_without_the_booking_fails_naming_the_test_and_step(
    tmp_path: Path, nlu: Parser
) -> None:
    flows_dir = tmp_path / "flows"
    flows_dir.mkdir()
    for path in (DATA / "flows").glob("*.yaml"):
        (flows_dir / path.name).write_text(path.read_text())
    book = yaml.safe_load((flows_dir / "book_appointment.yaml").read_text())
    done = next(s for s in book["steps"] if s["id"] == "done")
    # The shipped test allows rewording; a confirmation that no longer says what was booked
    # breaks its expectation.
    done["say"]["en"] = "All set. Message us if you need to change it."
    (flows_dir / "book_appointment.yaml").write_text(yaml.safe_dump(book))
    [test] = [t for t in load_flow_tests(SHIPPED_TESTS) if t.name == BOOKING]

    report = await run_flow_tests(load_flows(flows_dir), [test], Settings(), nlu=nlu)

    assert not report.passed
    [result] = report.failures
    assert result.failure is not None
    assert (result.test.name, result.failure.step) == (BOOKING, 4)
    assert "Dr\\. Amara Patel" in result.failure.expected
    assert result.failure.got.startswith("All set. Message us")
    assert f"FAIL book_appointment.yaml: {BOOKING}\n  step 4" in report.describe()


@pytest.mark.slow
async def test_a_booking_is_judged_in_fhir(nlu: Parser) -> None:
    [test] = flow_tests_from_yaml(
        """
tests:
  - name: expects Dr Chen but Dr Patel is booked
    phone: "+16175550134"
    patient: Maria Lopez
    now: 2026-03-02T09:00:00
    steps:
      - patient: "can I book a check-up with dr patel friday morning"
      - patient: "1"
      - patient: "yes"
        expect: {booked: {practitioner: Chen}}
""",
        "judged.yaml",
    )

    report = await run_flow_tests(load_flows(DATA / "flows"), [test], Settings(), nlu=nlu)

    [result] = report.failures
    assert result.failure is not None and result.failure.step == 3
    assert result.failure.expected == "an appointment booked in FHIR with {'practitioner': 'Chen'}"
    assert "'practitioner': 'Dr. Amara Patel'" in result.failure.got
    assert "'day': '2026-03-06'" in result.failure.got
