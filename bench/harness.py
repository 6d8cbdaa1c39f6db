"""What the message-path benchmarks share: a fresh database, the FHIR sandbox, `serve` and
Celery workers as subprocesses, signed Twilio webhooks and an asyncio/httpx load generator.

Only public tools are used to drive the assistant: the `patient-assistant` command, HTTP, and
twilio's `RequestValidator` to sign requests as Twilio does. Every run gets a database, a Redis
key prefix and a Celery queue of its own, removed when it ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import uvicorn
from redis.asyncio import Redis
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "patient_assistant.cli"]
PG_ADMIN = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/0")
PUBLIC = "https://clinic.example.org"  # the URL Twilio signs; the servers are reached locally
ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "bench-twilio-auth-token-0123456789"
PRACTICE_NUMBER = "+16175550100"
SMS_PATH = "/webhooks/twilio/sms"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def patient_phone(i: int) -> str:
    """The i-th bench patient's number (555-01xx is fiction's range; 556 keeps clear of the demo)."""
    return f"+1617556{i:04d}"


# --- signed webhooks ---------------------------------------------------------------------


def sms_fields(phone: str, body: str, sid: str | None = None) -> dict[str, str]:
    """An incoming-SMS form as Twilio posts it (the fields it sends for a plain SMS)."""
    sid = sid or "SM" + uuid.uuid4().hex
    return {
        "ToCountry": "US",
        "ToState": "MA",
        "SmsMessageSid": sid,
        "NumMedia": "0",
        "ToCity": "BOSTON",
        "FromZip": "02108",
        "SmsSid": sid,
        "FromState": "MA",
        "SmsStatus": "received",
        "FromCity": "BOSTON",
        "Body": body,
        "FromCountry": "US",
        "To": PRACTICE_NUMBER,
        "ToZip": "02108",
        "NumSegments": "1",
        "MessageSid": sid,
        "AccountSid": ACCOUNT_SID,
        "From": phone,
        "ApiVersion": "2010-04-01",
    }


@dataclass(frozen=True)
class Signed:
    """One webhook ready to send: its form fields and X-Twilio-Signature."""

    fields: dict[str, str]
    signature: str

    @property
    def sid(self) -> str:
        return self.fields["MessageSid"]


_validator = RequestValidator(AUTH_TOKEN)


def signed(fields: dict[str, str], path: str = SMS_PATH) -> Signed:
    return Signed(fields, str(_validator.compute_signature(PUBLIC + path, fields)))


async def post(client: httpx.AsyncClient, base_url: str, hook: Signed) -> int:
    response = await client.post(
        base_url + SMS_PATH, data=hook.fields, headers={"X-Twilio-Signature": hook.signature}
    )
    return response.status_code


# --- load -----------------------------------------------------------------------------------


@dataclass
class Load:
    """What one run of requests measured."""

    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, one per request
    non_2xx: int = 0
    errors: int = 0  # no answer at all (connection refused, timeout)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        return percentile(self.latencies, p)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[round(p * 10) - 1]


async def drive(
    items: list[Signed], concurrency: int, send: Callable[[Signed], Awaitable[int]]
) -> Load:
    """Send every item with `concurrency` requests in flight, timing each."""
    load = Load()
    queue: asyncio.Queue[Signed] = asyncio.Queue()
    for item in items:
        queue.put_nowait(item)

    async def one_sender() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            started = time.perf_counter()
            try:
                status = await send(item)
            except httpx.HTTPError:
                load.errors += 1
                continue
            load.latencies.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                load.non_2xx += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_sender() for _ in range(concurrency)))
    load.seconds = time.perf_counter() - started
    return load


def client(concurrency: int) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(limits=limits, timeout=30.0)


# --- the deployment -------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def fresh_database() -> AsyncIterator[str]:
    """A new PostgreSQL database for this run (its asyncpg DSN), dropped afterwards."""
    name = f"pa_bench_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(PG_ADMIN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    dsn = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        yield dsn
    finally:
        admin = await asyncpg.connect(PG_ADMIN)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


@contextlib.asynccontextmanager
async def redis_prefix() -> AsyncIterator[str]:
    """A Redis key prefix for this run; its keys are deleted afterwards."""
    prefix = f"pa-bench-{uuid.uuid4().hex[:10]}:"
    try:
        yield prefix
    finally:
        redis = Redis.from_url(REDIS_URL)
        try:
            async for key in redis.scan_iter(match=prefix + "*", count=1000):
                await redis.delete(key)
            # Celery's queue lists carry the prefix too; its queue name is the prefix's run id.
        finally:
            await redis.aclose()


@contextlib.asynccontextmanager
async def sandbox() -> AsyncIterator[str]:
    """The seeded FHIR sandbox (`patient-assistant sandbox`), its base URL while it runs."""
    from patient_assistant.sandbox import Sandbox  # the demo practice, seeded

    with tempfile.TemporaryDirectory(prefix="pa-bench-fhir-") as data_dir:
        async with Sandbox(Path(data_dir)) as running:
            yield running.base_url


@contextlib.asynccontextmanager
async def twilio_api(on_message: Callable[[str], None]) -> AsyncIterator[str]:
    """A stand-in of Twilio's REST API in this process (its base URL while it runs): it
    accepts every "create message" as Twilio does (201 and the message's JSON) and calls
    `on_message` with the number it is to, on arrival, so a bench can time replies."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    async def create_message(request: Request) -> Response:
        form = await request.form()
        on_message(str(form.get("To")))
        return JSONResponse(
            status_code=201,
            content={
                "sid": "SM" + uuid.uuid4().hex,
                "account_sid": ACCOUNT_SID,
                "to": form.get("To"),
                "from": form.get("From"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
            },
        )

    route = Route("/2010-04-01/Accounts/{sid}/Messages.json", create_message, methods=["POST"])
    port = free_port()
    config = uvicorn.Config(
        Starlette(routes=[route]),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for it
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def deployment_env(
    dsn: str, prefix: str | None, fhir_base_url: str, twilio_api: str = "http://127.0.0.1:9"
) -> dict[str, str]:
    """The environment of `serve` and workers: production settings, PostgreSQL, and Redis
    when `prefix` is given (None: the embedded default, jobs in process)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWILIO_", "TELEGRAM_", "REDIS_", "CELERY_", "DATABASE_"))
    }
    env |= {
        "ENVIRONMENT": "production",
        "DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://", 1),
        "FHIR_BASE_URL": fhir_base_url,
        "PUBLIC_BASE_URL": PUBLIC,
        "SECRET_KEY": "bench-secret-key-" + "0" * 32,
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_SMS_FROM": PRACTICE_NUMBER,
        "TWILIO_API_BASE_URL": twilio_api,
        "RATE_LONG_CODE_PER_SECOND": "100000",  # the bench measures the assistant, not the rate
        "TWILIO_MESSAGES_PER_SECOND": "100000",
        "PYTHONUNBUFFERED": "1",
    }
    if prefix is not None:
        env |= {
            "REDIS_URL": REDIS_URL,
            "REDIS_KEY_PREFIX": prefix,
            "CELERY_QUEUE": prefix.rstrip(":"),
        }
    return env


class Processes:
    """Subprocesses in sessions of their own, stopped (whole process group) at the end."""

    def __init__(self, logs: Path, code: Path = ROOT) -> None:
        self.logs, self.code = logs, code
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(self.logs / f"{name}.log", "wb")  # noqa: SIM115 - the child holds it
        # The assistant's code is imported from the working directory (python -m), so the
        # same bench can run another checkout's `serve` and worker (--code).
        proc = subprocess.Popen(
            args,
            cwd=self.code,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.started.append(proc)
        return proc

    def log_tail(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")[-3000:]

    async def serve(self, env: dict[str, str], name: str = "serve") -> tuple[str, int]:
        """`patient-assistant serve` on a free port: its base URL, once /readyz says ready,
        and its process id."""
        port = free_port()
        proc = self.start(name, [*CLI, "serve", "--port", str(port)], env)
        return await self.ready(proc, name, f"http://127.0.0.1:{port}", "/readyz"), proc.pid

    async def ready(
        self, proc: subprocess.Popen[bytes], name: str, url: str, probe: str, wait: float = 900
    ) -> str:
        deadline = time.monotonic() + wait
        async with httpx.AsyncClient(timeout=2) as http:
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.log_tail(name)}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(url + probe)).status_code == 200:
                        return url
                await asyncio.sleep(0.2)
        raise RuntimeError(f"{name} did not become ready:\n{self.log_tail(name)}")

    def worker(self, env: dict[str, str], name: str = "worker", concurrency: int = 1) -> int:
        """A Celery worker; its process id (and process group)."""
        args = [*CLI, "worker", f"--concurrency={concurrency}", f"--name={name}@%h"]
        return self.start(name, args, env).pid

    def report_failures(self) -> None:
        """Print the end of each log holding an error, before the logs are removed."""
        for log in sorted(self.logs.glob("*.log")):
            text = log.read_text(errors="replace")
            if "Traceback" in text or "ERROR" in text:
                print(f"--- {log.name} (end) ---\n{text[-4000:]}", file=sys.stderr, flush=True)

    def stop_all(self) -> None:
        for proc in self.started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.started:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@contextlib.contextmanager
def processes(code: Path = ROOT) -> Iterator[Processes]:
    with tempfile.TemporaryDirectory(prefix="pa-bench-logs-") as logs:
        running = Processes(Path(logs), code.resolve())
        try:
            yield running
        finally:
            running.stop_all()
            running.report_failures()


async def recorded_counts(dsn: str, table: str, column: str, sids: list[str]) -> tuple[int, int]:
    """(rows, distinct ids) among `sids` in `table`: both equal len(set(sids)) when every
    message was recorded exactly once."""
    conn = await asyncpg.connect(dsn)
    try:
        row = await conn.fetchrow(
            f"SELECT count(*) AS n, count(DISTINCT {column}) AS d FROM {table} "
            f"WHERE {column} = ANY($1::text[])",
            sids,
        )
    finally:
        await conn.close()
    assert row is not None
    return int(row["n"]), int(row["d"])


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process `pid` has used so far (Linux /proc).

    Per request it is the steadiest figure on a shared machine: waiting for a core, which
    dominates the wall clock there, does not count."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def group_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by the processes of process group `pgid` (a server or a Celery
    worker with its pool children; each bench subprocess leads a session of its own)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has just ended
            continue
        if int(fields[2]) == pgid:
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"
