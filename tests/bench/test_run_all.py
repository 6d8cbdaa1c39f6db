"""`bench/run-all` finds every benchmark that records a section of bench/RESULTS.md and runs
each at the size asked for; a dry run prints the commands without running them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_ALL = ROOT / "bench" / "run-all"


def dry_run(*flags: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(RUN_ALL), "--dry-run", *flags],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return [line for line in done.stdout.splitlines() if "bench/" in line]


def test_every_recording_benchmark_is_run_in_results_order() -> None:
    commands = dry_run()
    scripts = [next(w for w in line.split() if w.startswith("bench/")) for line in commands]
    assert scripts[:4] == [
        "bench/webhook_ack.py",
        "bench/turns.py",
        "bench/staff_load.py",
        "bench/nlu_latency.py",
    ]
    # The scripts that record nothing (the profiler, the harness, the results writer) are not run.
    assert not {"bench/turn_profile.py", "bench/harness.py", "bench/results.py"} & set(scripts)


def test_quick_passes_quick_to_each_and_only_picks() -> None:
    commands = dry_run("--quick", "--only", "turns,staff_load")
    assert len(commands) == 2
    assert all(line.endswith("--quick") for line in commands)
