"""Hostile input, the bigger run: the hypothesis tests of tests/security under the `bench`
profile (PA_FUZZ_PROFILE=bench: 400 examples a test, not derandomised, so each run explores
new inputs), and the PHI canary; figures into bench/RESULTS.md (section hostile_input_fuzz).

    .venv/bin/python bench/fuzz.py [--profile bench|ci] [--no-record]

What it reports: per test, the examples hypothesis ran and how many failed; the 5xx answers
and contract breaks found (each failing test is one); the canary's hits (zero when its test
passes, since it fails on the first hit); and the findings this work fixed, each with the
regression test that keeps it fixed. Targets: zero failures, zero canary hits.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import record, table, verdict

ROOT = Path(__file__).resolve().parents[1]
TESTS = [
    "tests/security/test_webhook_fuzz.py",
    "tests/security/test_nlu_fuzz.py",
    "tests/security/test_phi_canary.py",
]

#: What the fuzzing found and this work fixed, with the test that keeps each fixed.
FIXED = [
    (
        "Telegram update nested 100,000 deep: RecursionError, 500",
        "400",
        "test_hostile_bodies_that_once_gave_500s_get_clear_answers",
    ),
    (
        (
            "NUL or lone surrogate in a Telegram text (JSON escapes), NUL in a signed Twilio Body: "
            "PostgreSQL refused the row, 500, the message lost"
        ),
        "recorded, the character as U+FFFD",
        "test_hostile_bodies_that_once_gave_500s_get_clear_answers",
    ),
    (
        "signed Twilio MessageSid or From longer than its column: 500",
        "400",
        "test_signed_twilio_requests_with_impossible_ids_get_400_not_500",
    ),
    (
        "status callback with an over-long MessageSid or ErrorCode: 500 (seen reviewing the columns behind the ids above)",
        "ignored, 204",
        "test_any_status_callback_is_a_delivery_or_nothing",
    ),
    (
        "webhook and /nlu/parse bodies of any size held in memory before the signature check",
        "413 over 1 MiB",
        "test_hostile_bodies_that_once_gave_500s_get_clear_answers",
    ),
    (
        (
            "`nlu parse` of 4,000 brackets in a row: 14 s (16,000: 3 minutes; spaCy's affix "
            "splitting is quadratic in a space-free chunk); 100,000 characters read whole"
        ),
        "first 1,000 characters, no run over 200 without a space",
        "test_huge_and_degenerate_messages_keep_the_contract",
    ),
    (
        (
            "`POST /nlu/parse` with a language dateparser has no data for: 500 (the CLI: a crash "
            "at the first date)"
        ),
        "422 (CLI: exit 2)",
        "test_the_http_route_refuses_what_it_cannot_read_with_a_4xx",
    ),
    (
        (
            "PHI canary: SQL logging (an operator's DEBUG) showed bound values (phones, names) "
            "and returned rows; aiosqlite each statement with its values"
        ),
        "values hidden, rows and aiosqlite's DEBUG dropped",
        "test_sql_logging_shows_statements_never_their_values_or_rows",
    ),
]

STATS = re.compile(
    r"^(?P<test>\S+::\S+):\s*$"
    r"|(?P<passing>\d+) passing, (?P<failing>\d+) failing, and (?P<invalid>\d+) invalid",
    re.MULTILINE,
)


def run(profile: str, junit: Path) -> tuple[str, float]:
    env = os.environ | {"PA_FUZZ_PROFILE": profile}
    env.setdefault("PATIENT_ASSISTANT_MODEL_DIR", str(ROOT / ".models"))
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "0",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
            f"--junitxml={junit}",
            *TESTS,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout + done.stderr, time.monotonic() - started


def examples(output: str) -> dict[str, tuple[int, int]]:
    """Per hypothesis test: (examples run, failing examples)."""
    found: dict[str, tuple[int, int]] = {}
    current = None
    for m in STATS.finditer(output):
        if m["test"]:
            current = m["test"].split("::")[-1]
        elif current is not None:
            passing, failing = int(m["passing"]), int(m["failing"])
            before = found.get(current, (0, 0))
            found[current] = (before[0] + passing + failing, before[1] + failing)
    return found


def outcomes(junit: Path) -> dict[str, str]:
    cases = ET.parse(junit).getroot().iter("testcase")
    return {
        c.get("name", "?"): "failed"
        if c.find("failure") is not None or c.find("error") is not None
        else "skipped"
        if c.find("skipped") is not None
        else "passed"
        for c in cases
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--profile", default="bench", choices=("bench", "ci"))
    p.add_argument("--no-record", action="store_true", help="print only; leave RESULTS.md alone")
    args = p.parse_args()
    junit = ROOT / ".bench-fuzz.xml"
    output, seconds = run(args.profile, junit)
    per_test, results = examples(output), outcomes(junit)
    junit.unlink(missing_ok=True)
    failed = sorted(name for name, outcome in results.items() if outcome == "failed")
    canary = [n for n in results if n.startswith("test_no_log_line")]
    canary_ok = bool(canary) and all(results[n] == "passed" for n in canary)
    rows = [
        [f"`{name}`", n, bad, results.get(name, "?")] for name, (n, bad) in sorted(per_test.items())
    ]
    total = sum(n for n, _ in per_test.values())
    body = "\n\n".join(
        [
            (
                f"Profile `{args.profile}`: {total} generated examples over {len(per_test)} "
                f"property tests, {len(results)} tests in all, {seconds:.0f} s. Failing tests: "
                f"{len(failed)} (target 0: {verdict(not failed)}). PHI canary: "
                f"{'0 hits' if canary_ok else 'FAILED (see the test output)'} "
                f"(target 0: {verdict(canary_ok)})."
            ),
            table(["property test", "examples", "failing", "outcome"], rows),
            "Found by this fuzzing and fixed (each kept fixed by the test named):",
            table(["finding", "now", "regression test"], [[a, b, f"`{c}`"] for a, b, c in FIXED]),
        ]
    )
    print(body)
    if failed:
        print("\n".join(line for line in output.splitlines()[-80:]), file=sys.stderr)
    if not args.no_record:
        record("hostile_input_fuzz", "Hostile input: fuzzing and the PHI canary", body)
    return 1 if failed or not canary_ok else 0


if __name__ == "__main__":
    sys.exit(main())
