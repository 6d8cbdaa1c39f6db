"""API processes and Celery workers as real subprocesses of a test, on a Redis key prefix and
queue of their own, stopped (their whole process group) when the test ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import httpx

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "patient_assistant.cli"]


def isolated_env(**values: str) -> dict[str, str]:
    """The environment of a deployment of its own: a unique Redis prefix and Celery queue."""
    run = uuid.uuid4().hex[:10]
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_"))
    }
    env |= {
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "REDIS_KEY_PREFIX": f"pa-test-{run}:",
        "CELERY_QUEUE": f"pa-test-{run}",
        "ENVIRONMENT": "test",
        "PYTHONUNBUFFERED": "1",
    }
    return env | values


class Processes:
    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.started: list[subprocess.Popen[bytes]] = []
        self._logs: list[BinaryIO] = []

    def _start(self, name: str, args: list[str]) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - closed in stop_all
        self._logs.append(log)
        proc = subprocess.Popen(
            [*CLI, *args],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started.append(proc)
        return proc

    def api(self, port: int, *extra: str) -> str:
        """`patient-assistant serve` on 127.0.0.1:port, once it answers /readyz."""
        proc = self._start(
            f"api-{port}", ["serve", "--host", "127.0.0.1", "--port", str(port), *extra]
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"API on {port} exited: {(self.logs / f'api-{port}.log').read_text()[-2000:]}"
                )
            try:
                if httpx.get(url + "/readyz", timeout=1).status_code == 200:
                    return url
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"API on {port} did not become ready")

    def worker(self, name: str, *extra: str) -> subprocess.Popen[bytes]:
        return self._start(
            f"worker-{name}",
            ["worker", "--concurrency", "1", "--name", f"{name}@127.0.0.1", *extra],
        )

    def beat(self, schedule: Path) -> subprocess.Popen[bytes]:
        """`patient-assistant beat`, keeping its last-run times in `schedule`."""
        return self._start("beat", ["beat", "--schedule", str(schedule)])

    def log(self, name: str) -> str:
        """What the process called `name` (e.g. "beat", "worker-w1") has written so far."""
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.started:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=5)
        for log in self._logs:
            log.close()


@contextmanager
def processes(env: dict[str, str], logs: Path) -> Iterator[Processes]:
    running = Processes(env, logs)
    try:
        yield running
    finally:
        running.stop_all()
