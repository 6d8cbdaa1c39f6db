"""The FHIR adapter's tests on two FHIR servers: pass counts per server, in one pytest run.

Run: .venv/bin/python bench/second_fhir_server.py [--no-record] [pytest args...]

Runs, with pytest in one process, the tests that run on each FHIR server (the adapter's port
contracts in tests/ports, the adapter's tests marked `each_fhir_server`, the billing contract
and the concurrent booking test): once on the sekmet sandbox (the server the product was
developed on, the baseline) and once on Medplum's FHIR router (tests/support/medplum/), and
counts passed, failed and skipped per server from pytest's JUnit XML. The target: every test
that passes on sekmet passes on Medplum (ratio 1.00). The differences found between the two
servers, and how the adapter handles each, are in docs/fhir-servers.md; the section written
to bench/RESULTS.md lists them in short.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import record, table, verdict  # noqa: E402

#: The tests that run on both servers (docs/fhir-servers.md).
TESTS = [
    "tests/ports",
    "tests/fhir",
    "tests/domain/test_concurrent_booking.py",
    "tests/identity/test_fhir_identity.py",
    "tests/consent/test_fhir_consent.py",
    "tests/intake/test_fhir_intake.py",
    "tests/payments/test_fhir_billing.py",
    "tests/payments/test_billing_contract.py",
]
#: A test's id names its server: [sekmet] / [medplum] (each_fhir_server), [fhir] / [medplum]
#: (the port and billing contracts' sides). [fake] and unparametrised tests use no server.
SERVER_OF_ID = {"sekmet": "sekmet", "fhir": "sekmet", "medplum": "medplum"}
_ID = re.compile(r"\[(?P<id>[^\]]+)\]$")

#: The differences found, in short (docs/fhir-servers.md has the whole of each).
DIFFERENCES = [
    (
        (
            "A transaction of conditional creates needs serializable isolation: Medplum refuses "
            "one of more than 8 entries (and any of more than 50 updates)"
        ),
        "seeding sends batches once a server refuses its transaction (400)",
    ),
    (
        "OperationOutcome text in `issue.details.text`, not `issue.diagnostics`",
        "error messages read both",
    ),
    (
        "`questionnaire=<url>` does not find a response naming the form with its version",
        "intake searches a patient's responses by patient and picks the form out itself",
    ),
    (
        (
            "Every resource is validated against R4, invariants included (a booked Appointment "
            "needs start and end)"
        ),
        "nothing the adapter writes was refused; one test's hand-made Appointment was fixed",
    ),
    (
        "Version ids are UUIDs, not counters; transaction entries run creates before updates",
        "versions are opaque strings; booking relies only on the rollback",
    ),
    (
        "Default page of 20 (at most 1000)",
        "the adapter asks `_count=500` and follows `next` links (test_rest.py)",
    ),
]


def run(pytest_args: list[str]) -> tuple[dict[str, Counter[str]], dict[str, float], float]:
    """(outcomes per server, seconds of tests per server, wall seconds) of one pytest run."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "junit.xml"
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-n",
                "0",
                "-p",
                "no:cacheprovider",
                f"--junitxml={report}",
                *TESTS,
                *pytest_args,
            ],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
        wall = time.perf_counter() - began
        tree = ET.parse(report)
    outcomes: dict[str, Counter[str]] = {"sekmet": Counter(), "medplum": Counter()}
    seconds: dict[str, float] = {"sekmet": 0.0, "medplum": 0.0}
    for case in tree.iter("testcase"):
        found = _ID.search(case.get("name", ""))
        server = SERVER_OF_ID.get(found.group("id")) if found else None
        if server is None:
            continue
        if case.find("skipped") is not None:
            outcome = "skipped"
        elif case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        else:
            outcome = "passed"
        outcomes[server][outcome] += 1
        seconds[server] += float(case.get("time") or 0)
    return outcomes, seconds, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-record", action="store_true", help="print only")
    args, pytest_args = parser.parse_known_args()
    outcomes, seconds, wall = run(pytest_args)
    base, second = outcomes["sekmet"], outcomes["medplum"]
    ratio = second["passed"] / base["passed"] if base["passed"] else 0.0
    time_ratio = seconds["medplum"] / seconds["sekmet"] if seconds["sekmet"] else 0.0
    met = base["passed"] > 0 and second["passed"] == base["passed"] and not second["failed"]
    rows = [
        [
            name,
            sum(outcomes[key].values()),
            outcomes[key]["passed"],
            outcomes[key]["failed"],
            outcomes[key]["skipped"],
            f"{seconds[key]:.0f} s",
        ]
        for name, key in (
            ("sekmet-fhir (sandbox, baseline)", "sekmet"),
            ("Medplum FHIR router 4.5.2 (in memory)", "medplum"),
        )
    ]
    body = "\n\n".join(
        [
            table(["server", "tests", "passed", "failed", "skipped", "time in tests"], rows),
            (
                f"Passed on Medplum / passed on sekmet: **{ratio:.2f}** (target 1.00, and no "
                f"failure on Medplum): {verdict(met)}. Medplum's time / sekmet's: "
                f"{time_ratio:.2f} (server start and seeding included; not a target). "
                f"Whole run {wall:.0f} s."
            ),
            "Differences found, and how the adapter handles each (docs/fhir-servers.md):",
            table(["Medplum", "the adapter"], [list(d) for d in DIFFERENCES]),
        ]
    )
    print(body)
    if not args.no_record:
        command = " ".join(["python bench/second_fhir_server.py", *sys.argv[1:]])
        title = "A second FHIR server (issue 15, item 9)"
        print(f"written to {record('second_fhir_server', title, body, command=command)}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
