"""`bench/RESULTS.md`: every benchmark's latest figures, one section each.

A benchmark calls `record(name, title, body)` at the end of its run. The section called
`name` is replaced (others are kept), and carries the machine, the date, the commit and the
versions that produced it, so a reader can tell how old each figure is and what it was run on.
Sections are kept in the order of `ORDER`, then any others alphabetically.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("BENCH_RESULTS", str(ROOT / "bench" / "RESULTS.md")))

# The order of the issue that asked for them (the message path first).
ORDER = [
    "webhook_ack",
    "webhook_ack_embedded",
    "turns",
    "staff_load",
    "nlu_latency",
    "double_booking",
    "reminder_fanout",
    "outbox_sender",
    "crash_recovery",
    "retry_storm",
    "hostile_input",
    "hostile_input_fuzz",
    "second_fhir_server",
]

HEADER = """# Benchmark results

Written by the scripts in `bench/` (`bench/run-all` runs them all); each section is the latest
run of one script, with the machine and versions it ran on. Every figure that is compared with
a target is a ratio against a baseline measured in the same run, or a count (zero double
bookings, zero 5xx), so the load of the machine moves the absolute numbers but not the
verdict. How to run each: `bench/README.md`.
"""

_SECTION = re.compile(r"^<!-- section: (?P<name>[\w-]+) -->$", re.MULTILINE)


def _git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    commit = out.stdout.strip() or "unknown"
    return commit + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def machine() -> str:
    """One line: where and with what a run happened."""
    try:
        load = f"load average {os.getloadavg()[0]:.1f}"
    except OSError:
        load = "load average unknown"
    versions = [f"Python {platform.python_version()}"]
    for package in ("patient-assistant", "sqlalchemy", "asyncpg", "celery", "uvicorn", "spacy"):
        found = _version(package)
        if found:
            versions.append(f"{package} {found}")
    cores = os.cpu_count() or 0
    return (
        f"{platform.system()} {platform.machine()}, {cores} cores, {load}; "
        f"commit {_git_commit()}; " + ", ".join(versions)
    )


def _sections(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    marks = list(_SECTION.finditer(text))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        found[mark.group("name")] = text[mark.start() : end].rstrip() + "\n"
    return found


def record(name: str, title: str, body: str, *, command: str | None = None) -> Path:
    """Replace the section `name` of RESULTS.md with `body` (Markdown) under `title`."""
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    if command is None:
        command = " ".join(["python", f"bench/{Path(sys.argv[0]).name}", *sys.argv[1:]])
    section = (
        f"<!-- section: {name} -->\n## {title}\n\n"
        f"Run {when}: `{command}`  \n{machine()}\n\n{body.strip()}\n"
    )
    existing = _sections(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[name] = section
    ordered = [n for n in ORDER if n in existing] + sorted(n for n in existing if n not in ORDER)
    RESULTS.write_text(HEADER + "\n" + "\n".join(existing[n] for n in ordered))
    return RESULTS


def table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(met: bool) -> str:
    return "met" if met else "**not met**"
