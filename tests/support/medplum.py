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
import fcntl
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from patient_assistant.sandbox import HOST, ChildFhirServer
from patient_assistant.seed import seed
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


class MedplumServer(ChildFhirServer):
    """server.mjs on 127.0.0.1, seeded on start with the demo practice as of TEST_NOW."""

    name = "medplum"
    error = MedplumError
    poll_seconds = 0.2  # loading the R4 definitions takes a few seconds (more on a busy machine)

    def __init__(self, port: int | None = None, startup_timeout: float = 120.0):
        super().__init__(port, startup_timeout)

    async def _spawn(self) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
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

    async def _when_ready(self) -> None:
        self.report = await seed(self.base_url, TEST_NOW)


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
