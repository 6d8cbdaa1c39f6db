"""The FHIR sandbox: sekmet-fhir on 127.0.0.1 in a subprocess, seeded with the demo practice.

    async with Sandbox(Path("var/sandbox"), now=now) as sandbox:
        ...  # sandbox.base_url is a seeded FHIR R4 server

`patient-assistant sandbox [--port N] [--reset] [--now ISO]` calls `run_foreground`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import signal
import socket
import sys
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Self
from zoneinfo import ZoneInfo

import httpx

from patient_assistant.seed import PRACTICE_TIMEZONE, SeedReport, seed

DEFAULT_DATA_DIR = Path("var/sandbox")
HOST = "127.0.0.1"
DB_FILES = ("sekmet.db", "sekmet.db-wal", "sekmet.db-shm")
_ACCESS_LINE = re.compile(r' - "[A-Z]+ \S+ HTTP/')


class SandboxError(RuntimeError):
    """The sandbox server did not start (the message carries the end of its output)."""


def free_port(host: str = HOST) -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def practice_now(value: dt.datetime | str | None = None) -> dt.datetime:
    """`--now` as an aware datetime: without an offset it is wall-clock time in the practice's zone."""
    zone = ZoneInfo(PRACTICE_TIMEZONE)
    if value is None:
        return dt.datetime.now(zone)
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return when if when.tzinfo else when.replace(tzinfo=zone)


def reset(data_dir: Path | str = DEFAULT_DATA_DIR) -> None:
    """Wipe the sandbox's data (the server must not be running on it)."""
    for name in DB_FILES:
        (Path(data_dir) / name).unlink(missing_ok=True)


class ChildFhirServer:
    """A FHIR server in a child process on 127.0.0.1: started, awaited until its
    `/metadata` answers, optionally seeded, and stopped in order.

    Subclasses say how to start it (`_spawn`) and what to do once it answers
    (`_when_ready`); the sandbox below, and the tests' second FHIR server
    (tests/support/medplum.py), are the two.
    """

    #: The name in error messages, and the error a start that fails raises.
    name = "FHIR server"
    error: type[RuntimeError] = RuntimeError
    #: How often to ask /metadata while the server starts.
    poll_seconds = 0.1

    def __init__(self, port: int | None, startup_timeout: float):
        self.port = port or free_port()
        self.startup_timeout = startup_timeout
        self.report: SeedReport | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._output: deque[str] = deque(maxlen=40)
        self._reader: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/fhir"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _spawn(self) -> asyncio.subprocess.Process:
        """Start the server's process, its output on a pipe (stdout and stderr together)."""
        raise NotImplementedError

    async def _when_ready(self) -> None:
        """What to do once the server answers (seed it, say)."""

    async def start(self) -> None:
        """Start the server, wait until it answers, then `_when_ready`."""
        self._process = await self._spawn()
        self._reader = asyncio.create_task(self._drain(self._process.stdout))
        try:
            await self._wait_ready()
            await self._when_ready()
        except BaseException:
            await self.stop()
            raise

    async def _drain(self, stream: asyncio.StreamReader | None) -> None:
        # Keep only the last lines, in memory, and never access-log lines: their URLs
        # carry search values such as phone numbers.
        while stream is not None and (line := await stream.readline()):
            text = line.decode(errors="replace").rstrip()
            if not _ACCESS_LINE.search(text):
                self._output.append(text)

    async def _wait_ready(self) -> None:
        deadline = asyncio.get_running_loop().time() + self.startup_timeout
        async with httpx.AsyncClient(timeout=5.0) as client:
            while True:
                if self._process is None or self._process.returncode is not None:
                    if self._reader is not None:  # its last words may still be in the pipe
                        await asyncio.wait([self._reader], timeout=2.0)
                    raise self.error(f"{self.name} exited at start:\n" + "\n".join(self._output))
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get(f"{self.base_url}/metadata")).status_code == 200:
                        return
                if asyncio.get_running_loop().time() > deadline:
                    raise self.error(
                        f"{self.name} did not answer on {self.base_url} within "
                        f"{self.startup_timeout:.0f} s:\n" + "\n".join(self._output)
                    )
                await asyncio.sleep(self.poll_seconds)

    async def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 10.0)
            except TimeoutError:
                process.kill()
                await process.wait()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
            self._reader = None


class Sandbox(ChildFhirServer):
    """A sekmet-fhir server on 127.0.0.1 for one data directory, seeded on start (unless seed=False).

    port: None picks a free one. now: the clock the slots are generated from (default: real time).
    reset: wipe the data directory's database first.
    """

    name = "sekmet"
    error = SandboxError

    def __init__(
        self,
        data_dir: Path | str = DEFAULT_DATA_DIR,
        port: int | None = None,
        now: dt.datetime | None = None,
        seed: bool = True,
        reset: bool = False,
        startup_timeout: float = 30.0,
    ):
        super().__init__(port, startup_timeout)
        self.data_dir = Path(data_dir).resolve()
        self.now = practice_now(now)
        self.seed_on_start = seed
        self.reset_on_start = reset

    def _write_settings(self) -> Path:
        settings = {
            "base_url": self.base_url,
            "host": HOST,
            "port": self.port,
            "data_dir": str(self.data_dir),
            # The simulator would process Appointments by itself after 2 s; the traffic log would keep PHI.
            "simulator": {"enabled": False},
            "log_inbound": False,
        }
        path = self.data_dir / "settings.yaml"
        path.write_text(json.dumps(settings, indent=2), encoding="utf-8")  # JSON is valid YAML
        return path

    async def _spawn(self) -> asyncio.subprocess.Process:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.reset_on_start:
            reset(self.data_dir)
        settings = self._write_settings()
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "sekmet.cli",
            "serve",
            "-c",
            str(settings),
            "--host",
            HOST,
            "--port",
            str(self.port),
            cwd=self.data_dir,  # sekmet writes relative paths (keys/) under its working directory
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us, and we stop the server in order
        )

    async def _when_ready(self) -> None:
        if self.seed_on_start:
            self.report = await seed(self.base_url, self.now)


async def _serve(sandbox: Sandbox) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with sandbox:
        print(sandbox.base_url, flush=True)
        if sandbox.report:
            print(f"seeded: {sandbox.report.summary()}; Ctrl-C stops", file=sys.stderr, flush=True)
        report_id = await demo_report_id(sandbox.base_url)
        if report_id:
            print(results_hint(sandbox.base_url, report_id), file=sys.stderr, flush=True)
        await stop.wait()


#: Maria Lopez's blood test (data/fhir/records.json), final when seeded.
DEMO_REPORT = "https://riverside.example/fhir/diagnostic-report|RFC-100134-blood-test-1"


async def demo_report_id(base_url: str) -> str | None:
    """The id the sandbox gave Maria's blood test report (None if it has none)."""
    async with httpx.AsyncClient(timeout=10) as client:
        answer = await client.get(
            f"{base_url}/DiagnosticReport",
            params={"identifier": DEMO_REPORT},
            headers={"Accept": "application/fhir+json"},
        )
    entries = answer.json().get("entry") or [] if answer.status_code == 200 else []
    return next((str(e["resource"]["id"]) for e in entries if "resource" in e), None)


def results_hint(base_url: str, report_id: str) -> str:
    """How to see a "result ready" message: make Maria's report final again while the demo
    (or `serve` with FHIR_BASE_URL pointing here) runs; README "Results" says more."""
    url = f"{base_url}/DiagnosticReport/{report_id}"

    def patch(status: str) -> str:
        return (
            "  curl -s -o /dev/null -X PATCH -H 'Content-Type: application/json-patch+json' "
            f"""-d '[{{"op":"replace","path":"/status","value":"{status}"}}]' {url}"""
        )

    return "\n".join(
        (
            "results: Maria Lopez's blood test is final. To see the assistant tell her a result is",
            "ready (by SMS to +16175550134), let her agree to SMS messages first (as her, in the",
            'web chat or `chat --phone +16175550134`: "my consents"); then, with the assistant',
            "running against this server, set the report back to preliminary and final again:",
            patch("preliminary"),
            patch("final"),
            "The Subscription tells the assistant at once; without one, the next",
            "`patient-assistant jobs run-due` (or the in-process runner, every 15 s) finds it.",
        )
    )


def run_foreground(
    port: int | None, reset: bool, now: dt.datetime | None, data_dir: Path | str = DEFAULT_DATA_DIR
) -> int:
    """Run the seeded sandbox until Ctrl-C; prints its base URL first. Returns the exit code."""
    sandbox = Sandbox(data_dir, port=port, now=practice_now(now), reset=reset)
    try:
        asyncio.run(_serve(sandbox))
    except SandboxError as e:
        print(f"sandbox: {e}", file=sys.stderr)
        return 1
    return 0
