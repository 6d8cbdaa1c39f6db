"""What the fault benchmarks share (bench/crash_recovery.py, bench/retry_storm.py): the whole
production shape as the product runs it (`serve`, a Celery worker, Celery beat, PostgreSQL,
Redis, the FHIR sandbox, a Twilio REST stand-in), patients who text and wait for each answer
as people do, and the counts taken afterwards from the stand-in and the database.

Each patient sends its messages one after another, each once the previous one is answered. A
webhook the API did not accept (refused connection, 5xx) is posted again, unchanged (same
MessageSid, same signature), as a provider retries it; only an accepted (2xx) message counts
as one the assistant owes an answer.

A duplicate reply is a message the Twilio stand-in created that the outbox does not know as
delivered (its sid is not any outbox row's provider message id): a second send of a reply
whose first send's answer was lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import uvicorn

from bench import harness as h

#: How long the warm-up waits: a worker loads the NLU model as it starts (before its first task),
#: which takes minutes on a machine busy with other work.
WARM_UP_WAIT = 600.0
#: Questions with one answer each (no booking: FHIR's pace is not what these benches measure).
QUESTIONS = [
    "what are your opening hours?",
    "where are you?",
    "do you have parking?",
    "what is your phone number?",
    "are you open on saturday?",
]
EMERGENCY = "I have crushing chest pain and can't breathe"
REPLY_TIMEOUT = 120.0  # a reply later than this after its message counts as missing


@dataclass
class Created:
    """One message the Twilio stand-in created."""

    to: str
    sid: str
    at: float  # time.perf_counter()


class Deliveries:
    """What reached the Twilio stand-in, in order, with a wake-up per phone."""

    def __init__(self) -> None:
        self.created: list[Created] = []
        self.by_phone: dict[str, list[Created]] = defaultdict(list)
        self._events: dict[str, asyncio.Event] = defaultdict(asyncio.Event)

    def add(self, to: str, sid: str) -> None:
        c = Created(to, sid, time.perf_counter())
        self.created.append(c)
        self.by_phone[to].append(c)
        self._events[to].set()

    async def next_after(self, phone: str, count: int, wait: float) -> float | None:
        """When the phone's message number `count` (0-based) arrived, waiting up to `wait` s."""
        deadline = time.perf_counter() + wait
        while len(self.by_phone[phone]) <= count:
            event = self._events[phone]
            event.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                return None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), left)
        return self.by_phone[phone][count].at


@contextlib.asynccontextmanager
async def twilio_standin(deliveries: Deliveries) -> AsyncIterator[str]:
    """Twilio's "create message" as Twilio answers it (201, the message's JSON with a new
    sid), recording each; its base URL while it runs."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response
    from starlette.routing import Route

    async def create_message(request: Request) -> Response:
        form = await request.form()
        sid = "SM" + uuid.uuid4().hex
        deliveries.add(str(form.get("To")), sid)
        return JSONResponse(
            status_code=201,
            content={
                "sid": sid,
                "account_sid": h.ACCOUNT_SID,
                "to": form.get("To"),
                "from": form.get("From"),
                "status": "queued",
                "num_segments": "1",
                "direction": "outbound-api",
                "api_version": "2010-04-01",
            },
        )

    route = Route("/2010-04-01/Accounts/{sid}/Messages.json", create_message, methods=["POST"])
    port = h.free_port()
    config = uvicorn.Config(
        Starlette(routes=[route]), host="127.0.0.1", port=port, log_level="warning"
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


# --- the deployment: serve, worker and beat, each restartable ---------------------------------


class Deployment:
    """`serve` on a fixed port, one Celery worker and beat, as subprocesses of `procs`."""

    def __init__(self, procs: h.Processes, env: dict[str, str], concurrency: int = 2) -> None:
        self.procs, self.env, self.concurrency = procs, env, concurrency
        self.port = h.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api_pid = self.worker_pid = 0
        self.worker_name = ""
        self.lives = itertools.count(1)

    async def start_api(self) -> None:
        name = f"serve-{next(self.lives)}"
        proc = self.procs.start(name, [*h.CLI, "serve", "--port", str(self.port)], self.env)
        self.api_pid = proc.pid
        await self.procs.ready(proc, name, self.url, "/readyz")

    def start_worker(self) -> None:
        # The same node name in every life, as a supervisor restarts a worker.
        args = [*h.CLI, "worker", f"--concurrency={self.concurrency}", "--name=bench@%h"]
        self.worker_name = f"worker-{next(self.lives)}"
        self.worker_pid = self.procs.start(self.worker_name, args, self.env).pid

    async def worker_ready(self, wait: float = 600) -> None:
        """Until the worker's log says it is ready (Celery's "celery@<name> ready.")."""
        log = self.procs.logs / f"{self.worker_name}.log"
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if " ready." in log.read_text(errors="replace"):
                return
            await asyncio.sleep(0.1)
        raise RuntimeError(
            f"the worker did not become ready:\n{self.procs.log_tail(self.worker_name)}"
        )

    def start_beat(self, schedule: Path) -> None:
        self.procs.start("beat", [*h.CLI, "beat", "--schedule", str(schedule)], self.env)


# --- patients ----------------------------------------------------------------------------------


@dataclass
class Message:
    phone: str
    sid: str
    sent: float
    accepted: float | None = None  # when the API answered it 2xx (the last post, if several)
    posts: int = 0
    answered: float | None = None  # when its reply reached the stand-in


@dataclass
class Traffic:
    messages: list[Message] = field(default_factory=list)
    refused: int = 0  # posts not accepted (no connection, 5xx), each posted again

    @property
    def accepted(self) -> list[Message]:
        return [m for m in self.messages if m.accepted is not None]

    def unanswered_at(self, moment: float) -> list[Message]:
        """Accepted by `moment`, not answered by then."""
        return [
            m
            for m in self.accepted
            if m.sent <= moment and (m.answered is None or m.answered > moment)
        ]


async def post_until_accepted(
    http: httpx.AsyncClient,
    url: Callable[[], str],
    hook: h.Signed,
    traffic: Traffic,
    copies: int,
    wait: float = REPLY_TIMEOUT,
) -> float | None:
    """Post `hook` (`copies` at once) until one is answered 2xx; when that was."""
    deadline = time.perf_counter() + wait
    while time.perf_counter() < deadline:
        answers = await asyncio.gather(
            *(h.post(http, url(), hook) for _ in range(copies)), return_exceptions=True
        )
        if any(isinstance(a, int) and 200 <= a < 300 for a in answers):
            return time.perf_counter()
        traffic.refused += 1
        await asyncio.sleep(0.5)
    return None


async def patient(
    http: httpx.AsyncClient,
    url: Callable[[], str],
    deliveries: Deliveries,
    traffic: Traffic,
    phone: str,
    bodies: list[str],
    copies: int = 1,
    pause: float = 0.0,
    wait: float = REPLY_TIMEOUT,
) -> None:
    """Send `bodies` one after another, each when the previous one is answered; each webhook
    posted `copies` times at once (a provider's retries arriving together). A message not
    accepted, or not answered, within `wait` seconds ends the patient's messages."""
    for body in bodies:
        hook = h.signed(h.sms_fields(phone, body))
        message = Message(phone, hook.sid, time.perf_counter())
        traffic.messages.append(message)
        seen = len(deliveries.by_phone[phone])
        message.accepted = await post_until_accepted(http, url, hook, traffic, copies, wait)
        if message.accepted is None:
            return
        message.answered = await deliveries.next_after(phone, seen, wait)
        if message.answered is None:
            return
        if pause:
            await asyncio.sleep(pause)


# --- counts from the database -----------------------------------------------------------------


async def duplicates(dsn: str, deliveries: Deliveries, phones: set[str]) -> int:
    """Messages created at the stand-in for `phones` that no outbox row records as its send."""
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT provider_message_id FROM outbox WHERE address = ANY($1::text[]) "
            "AND provider_message_id IS NOT NULL",
            list(phones),
        )
    finally:
        await conn.close()
    known = {r["provider_message_id"] for r in rows}
    return sum(1 for c in deliveries.created if c.to in phones and c.sid not in known)


async def unsent_replies(dsn: str, phones: set[str]) -> int:
    """Outbox rows to `phones` not (yet) sent."""
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM outbox WHERE address = ANY($1::text[]) AND status <> 'sent'",
                list(phones),
            )
        )
    finally:
        await conn.close()


async def pending_inbound(dsn: str, sids: list[str]) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM inbound_messages WHERE provider_message_id = ANY($1::text[]) "
                "AND status = 'pending'",
                sids,
            )
        )
    finally:
        await conn.close()


async def recorded(dsn: str, sids: list[str]) -> tuple[int, int]:
    return await h.recorded_counts(dsn, "inbound_messages", "provider_message_id", sids)


async def warm_up(url: str, deliveries: Deliveries, phones: list[str]) -> None:
    """One message from each of `phones` at once, answered, so every worker process has its
    runtime (the NLU model, connections) before anything is measured."""
    traffic = Traffic()
    async with h.client(len(phones)) as http:
        await asyncio.gather(
            *(
                patient(http, lambda: url, deliveries, traffic, p, ["hi"], wait=WARM_UP_WAIT)
                for p in phones
            )
        )
    if any(m.answered is None for m in traffic.messages):
        raise RuntimeError("a warm-up message was not answered")
