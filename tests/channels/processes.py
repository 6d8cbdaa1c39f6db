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

from patient_assistant.settings import Settings
from tests.channels.rig import PUBLIC, SMS_FROM
from tests.support.standins import TWILIO_SID, TWILIO_TOKEN, StandIn

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


def twilio_deployment(
    database_url: str, fhir_base_url: str, twilio: StandIn, secret_key: str, **values: str
) -> dict[str, str]:
    """`isolated_env` of a deployment that sends SMS from the rig's short code through the
    Twilio stand-in, on the given database and FHIR server, with `values` over it."""
    return isolated_env(
        DATABASE_URL=database_url,
        FHIR_BASE_URL=fhir_base_url,
        PUBLIC_BASE_URL=PUBLIC,
        SECRET_KEY=secret_key,
        TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN=TWILIO_TOKEN,
        TWILIO_SMS_FROM=SMS_FROM,
        TWILIO_API_BASE_URL=twilio.base_url,
        TWILIO_SMS_SENDER_KIND="short_code",
        **values,
    )


def celery_settings(env: dict[str, str], secret_key: str) -> Settings:
    """The settings a test needs to publish to that deployment's Celery queue."""
    return Settings(
        _env_file=None,
        secret_key=secret_key,
        redis_url=env["REDIS_URL"],  # type: ignore[call-arg]
        redis_key_prefix=env["REDIS_KEY_PREFIX"],
        celery_queue=env["CELERY_QUEUE"],
    )


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

    def api(self, port: int, *extra: str, wait: float = 240) -> str:
        """`patient-assistant serve` on 127.0.0.1:port, once it answers /readyz (within `wait`
        seconds)."""
        proc = self._start(
            f"api-{port}", ["serve", "--host", "127.0.0.1", "--port", str(port), *extra]
        )
        url = f"http://127.0.0.1:{port}"
        # Loading the NLU model takes seconds, minutes on a machine busy with other suites.
        deadline = time.monotonic() + wait
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
