"""A second, independent FHIR R4 server for the tests: Medplum's FHIR router in memory.

`medplum_fhir` (session): tests/support/medplum/server.mjs (Medplum's `FhirRouter` over its
`MemoryRepository`, behind a small Node HTTP server) on a free port, seeded with the demo
practice as of TEST_NOW exactly as the sandbox is (patient_assistant.seed). One per xdist
worker, like the sandbox. Skipped when Node is not installed; the npm packages are installed
by scripts/setup-medplum (run here first if they are missing).

`fhir_server`: the sandbox, or in a test marked `each_fhir_server` the sandbox and the Medplum
server in turn (`fhir_adapters` connects to it), for the adapter's tests that must hold on any
R4 server. docs/fhir-servers.md lists what differs between the two and how the adapter copes.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import shutil
import subprocess
from collections import deque
from collections.abc import AsyncIterator
from pathlib import Path
from types import TracebackType

import httpx
import pytest

from patient_assistant.sandbox import HOST, free_port
from patient_assistant.seed import SeedReport, seed
from tests.support.fhir import TEST_NOW, SeededServer

ROOT = Path(__file__).resolve().parents[2]
SERVER_DIR = Path(__file__).resolve().parent / "medplum"
#: The FHIR servers the contract tests run on, as `fhir_server`'s parameters.
SERVERS = ("sekmet", "medplum")


class MedplumError(RuntimeError):
    """The Medplum server did not start (the message carries the end of its output)."""


def ensure_installed() -> None:
    """Skip without Node; install the npm packages (scripts/setup-medplum) when missing."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: no Medplum FHIR server")
    with open(SERVER_DIR / ".install.lock", "w") as lock:  # xdist workers install once
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run([str(ROOT / "scripts" / "setup-medplum")], check=True)


class MedplumServer:
    """server.mjs on 127.0.0.1, seeded on start with the demo practice as of `now`."""

    def __init__(self, port: int | None = None, startup_timeout: float = 120.0):
        self.port = port or free_port()
        self.startup_timeout = startup_timeout
        self.report: SeedReport | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._output: deque[str] = deque(maxlen=40)
        self._reader: asyncio.Task[None] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}/fhir"

    async def __aenter__(self) -> MedplumServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        self._process = await asyncio.create_subprocess_exec(
            "node",
            "server.mjs",
            "--host",
            HOST,
            "--port",
            str(self.port),
            cwd=SERVER_DIR,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,
        )
        self._reader = asyncio.create_task(self._drain(self._process.stdout))
        try:
            await self._wait_ready()
            self.report = await seed(self.base_url, TEST_NOW)
        except BaseException:
            await self.stop()
            raise

    async def _drain(self, stream: asyncio.StreamReader | None) -> None:
        while stream is not None and (line := await stream.readline()):
            self._output.append(line.decode(errors="replace").rstrip())

    async def _wait_ready(self) -> None:
        # Loading the R4 definitions takes a few seconds (more on a busy machine).
        deadline = asyncio.get_running_loop().time() + self.startup_timeout
        async with httpx.AsyncClient(timeout=5.0) as client:
            while True:
                if self._process is None or self._process.returncode is not None:
                    raise MedplumError("medplum exited at start:\n" + "\n".join(self._output))
                with contextlib.suppress(httpx.TransportError):
                    if (await client.get(f"{self.base_url}/metadata")).status_code == 200:
                        return
                if asyncio.get_running_loop().time() > deadline:
                    raise MedplumError(
                        f"medplum did not answer on {self.base_url} within "
                        f"{self.startup_timeout:.0f} s:\n" + "\n".join(self._output)
                    )
                await asyncio.sleep(0.2)

    async def stop(self) -> None:
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


@pytest.fixture(scope="session")
async def medplum_fhir() -> AsyncIterator[SeededServer]:
    ensure_installed()
    async with MedplumServer() as server:
        yield SeededServer(server.base_url, server.report)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `each_fhir_server` that uses `fhir_server` (or `fhir_adapters`) runs once
    per server, with ids [sekmet] and [medplum]; any other test gets the sandbox as before."""
    if (
        metafunc.definition.get_closest_marker("each_fhir_server")
        and "fhir_server_name" in metafunc.fixturenames
    ):
        metafunc.parametrize("fhir_server_name", SERVERS, ids=SERVERS)


@pytest.fixture
def fhir_server_name() -> str:
    """Which server `fhir_server` is: the sandbox, unless the test is marked `each_fhir_server`."""
    return "sekmet"


@pytest.fixture
def fhir_server(fhir_server_name: str, request: pytest.FixtureRequest) -> SeededServer:
    """The seeded sekmet sandbox or the seeded Medplum server (each started on first use)."""
    fixture = "medplum_fhir" if fhir_server_name == "medplum" else "fhir_sandbox"
    server: SeededServer = request.getfixturevalue(fixture)
    return server
