"""Start-up cost: the CPU one start of each `patient-assistant` command costs, against another
commit's, in the same run.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/startup.py
        [--baseline COMMIT] [--rounds 5 | --quick] [--commands help,nlu-parse,chat,serve,worker] [--no-record]

The baseline is `git archive` of `--baseline` (a commit or branch) in a temporary directory;
both checkouts run on this virtual environment's interpreter and packages, each imported from
its own directory (`python -m patient_assistant.cli` with the checkout as working directory),
so only the project's code differs. Each round runs every command once on each side, the
side that goes first alternating, so a change of the machine's load falls on both.

Measured per start, in CPU seconds (user + system, of the process and its children; waiting
for a core does not count):

- `help`: `--help`;
- `nlu-parse`: `nlu parse` of one message;
- `chat`: `chat` of one booking request against the seeded FHIR sandbox, on a SQLite file
  already migrated (as the end-to-end tests run it, one process per patient session);
- `serve`: the embedded API (SQLite, no Redis), until `/readyz` answers, and until it is
  settled (its processes' CPU grows by less than 0.05 s in 2 s: the model loads beside it);
- `worker`: a Celery worker (Redis, SQLite), until it logs "ready.", and until settled.

Both sides load the same cached NLU model when their training data are the same (the model's
key); the first run of each side is a warm-up that is not counted (it may train the model).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness as h
from bench.results import record, table

NOW = "2026-03-02T09:00:00"
MESSAGE = "can I see Dr Patel on friday morning for a check-up?\n"
COMMANDS = ("help", "nlu-parse", "chat", "serve", "worker")
SETTLE_WINDOW = 2.0  # seconds
SETTLE_CPU = 0.05  # CPU seconds a settled process group may use in the window
TIMEOUT = 300.0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def sandbox(work: Path) -> Iterator[str]:
    """The seeded FHIR sandbox in a process of its own (the commands' runs block this one)."""
    port = h.free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "patient_assistant.cli",
            "sandbox",
            "--port",
            str(port),
            "--now",
            NOW,
        ],
        cwd=h.ROOT,
        env=os.environ | {"SANDBOX_DIR": str(work / "sandbox")},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().decode().strip()  # its base URL, once seeded
        if not url.startswith("http"):
            raise RuntimeError("the FHIR sandbox did not start")
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@contextlib.contextmanager
def baseline_tree(ref: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pa-bench-startup-") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(h.ROOT), "archive", ref], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        yield Path(tmp)


class Side:
    """One checkout: its code, its own SQLite file and logs."""

    def __init__(self, name: str, code: Path, work: Path, env: dict[str, str]) -> None:
        self.name, self.code = name, code
        self.work = work / name
        self.work.mkdir()
        self.env = env | {"DATABASE_URL": f"sqlite+aiosqlite:///{self.work / 'assistant.db'}"}

    def cli(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "patient_assistant.cli", *args]

    def once(self, args: list[str], stdin: str = "", env: dict[str, str] | None = None) -> float:
        """CPU seconds of one run to its end (it and every child it waited for)."""
        before = children_cpu()
        done = subprocess.run(
            args,
            cwd=self.code,
            env=env or self.env,
            input=stdin.encode(),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: {args[3:]} failed:\n{done.stderr.decode()[-3000:]}")
        return children_cpu() - before

    def until_settled(
        self,
        args: list[str],
        ready: Callable[[subprocess.Popen[bytes], Path], bool],
        env: dict[str, str],
    ) -> tuple[float, float]:
        """(CPU at ready, CPU once settled) of a long-running command's process group."""
        log_path = self.work / f"{args[3]}-{uuid.uuid4().hex[:6]}.log"
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                args,
                cwd=self.code,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + TIMEOUT
            while not ready(proc, log_path):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{self.name}: {args[3]} did not start:\n"
                        + log_path.read_text(errors="replace")[-3000:]
                    )
                time.sleep(0.1)
            at_ready = h.group_cpu_seconds(proc.pid)
            samples = [(time.monotonic(), at_ready)]
            while True:
                time.sleep(0.25)
                now, cpu = time.monotonic(), h.group_cpu_seconds(proc.pid)
                samples.append((now, cpu))
                old = [c for t, c in samples if now - t >= SETTLE_WINDOW]
                if old and cpu - old[-1] < SETTLE_CPU:
                    return at_ready, cpu
                if now > deadline:
                    raise RuntimeError(f"{self.name}: {args[3]} never settled")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def run(self, command: str) -> tuple[float, float | None]:
        """(CPU at ready or to the end, CPU settled or None) of one start of `command`."""
        if command == "help":
            return self.once(self.cli("--help")), None
        if command == "nlu-parse":
            return self.once(self.cli("nlu", "parse", "--now", NOW), MESSAGE), None
        if command == "chat":
            args = self.cli("chat", "--phone", "+16175550134", "--now", NOW)
            return self.once(args, MESSAGE), None
        if command == "serve":
            port = h.free_port()

            def answers(proc: subprocess.Popen[bytes], log: Path) -> bool:
                with contextlib.suppress(httpx.HTTPError):
                    return (
                        httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
                    )
                return False

            args = self.cli("serve", "--port", str(port))
            return self.until_settled(args, answers, self.env | {"EMBEDDED_TURNS": "process"})
        if command == "worker":
            run = uuid.uuid4().hex[:10]
            env = self.env | {
                "REDIS_URL": h.REDIS_URL,
                "REDIS_KEY_PREFIX": f"pa-bench-startup-{run}:",
                "CELERY_QUEUE": f"pa-bench-startup-{run}",
            }
            args = self.cli("worker", "--concurrency=1", f"--name=startup-{run}@%h", "--now", NOW)
            return self.until_settled(args, lambda p, log: b" ready." in log.read_bytes(), env)
        raise ValueError(command)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--baseline",
        help="commit or branch (default: where this branch left main, `git merge-base HEAD main`)",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="2 rounds (CI-sized)")
    parser.add_argument("--commands", default=",".join(COMMANDS))
    parser.add_argument("--no-record", action="store_true", help="do not write bench/RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.rounds = 2
    if args.baseline is None:
        found = subprocess.run(
            ["git", "-C", str(h.ROOT), "merge-base", "HEAD", "main"], capture_output=True, text=True
        )
        args.baseline = found.stdout.strip()[:12] or "HEAD"
    commands = [c for c in args.commands.split(",") if c]
    unknown = set(commands) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown commands {sorted(unknown)}")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_", "CELERY_", "DATABASE_", "FHIR_"))
    }
    env |= {"PYTHONUNBUFFERED": "1", "SECRET_KEY": "bench-secret-key-" + "0" * 32}
    figures: dict[tuple[str, str], list[float]] = {}
    settled: dict[tuple[str, str], list[float]] = {}
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(baseline_tree(args.baseline))
        work = stack.enter_context(tempfile.TemporaryDirectory())
        fhir = stack.enter_context(sandbox(Path(work)))
        env["FHIR_BASE_URL"] = fhir
        sides = [Side("baseline", base, Path(work), env), Side("this", h.ROOT, Path(work), env)]
        for command in commands:
            for side in sides:  # warm-up: migrates the SQLite file, trains a missing model
                side.run(command)
            for n in range(args.rounds):
                for side in sides if n % 2 == 0 else sides[::-1]:
                    cpu, calm = side.run(command)
                    figures.setdefault((command, side.name), []).append(cpu)
                    if calm is not None:
                        settled.setdefault((command, side.name), []).append(calm)
                    print(
                        f"{command} {side.name}: {cpu:.2f} s"
                        + (f", settled {calm:.2f} s" if calm is not None else ""),
                        flush=True,
                    )
    rows = []
    for command in commands:
        for label, source in (("", figures), (" (settled)", settled)):
            a, b = (
                median(source.get((command, "baseline"), [])),
                median(source.get((command, "this"), [])),
            )
            if (command, "this") in source:
                rows.append([f"`{command}`{label}", f"{a:.2f}", f"{b:.2f}", f"{b / a:.2f}"])
    body = (
        f"CPU seconds per start (user + system, the process and its children), median of "
        f"{args.rounds} starts each, alternating; baseline `{args.baseline}`. `serve` and "
        f"`worker`: at ready, and once settled (how measured: bench/startup.py).\n\n"
        + table(["command", "baseline", "this", "ratio"], rows)
    )
    print(body)
    if not args.no_record:
        record("startup", "Start-up CPU per command", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
