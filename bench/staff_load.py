"""The staff and admin APIs while 500 patients are texting, against the same requests on the
idle system in the same run.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/staff_load.py [--quick]
        [--patients 500] [--staff 3] [--seconds 60] [--no-record]

Needs what bench/turns.py needs (PostgreSQL, Redis, the NLU model). Production shape:
`patient-assistant serve` + one Celery worker (`--worker-concurrency` processes), the FHIR
sandbox with `--patients` known patients added, signed Twilio webhooks, the Twilio REST
stand-in receiving the replies.

Two phases of `--seconds` each, the same requests in both:

- idle: nobody but the probes below is texting;
- load: every one of `--patients` patients books a visit over and over (three turns each,
  each message waiting for the reply before the next), so the worker is never idle.

In each phase `--staff` staff members hold the event stream (`GET /staff/api/events`) open
and poll as a console does: the queue (`GET /staff/api/conversations`, and its open
escalations), a transcript (`GET /staff/api/conversations/{id}`, audited) and `GET
/staff/api/me`, a pause of `PAUSE` between requests; `GET /healthz` is timed beside them as
the floor any request of that process waits under that load. An admin saves a flow (a new
version) and publishes it (its flow tests run in a child process) once per phase, the
staff polling meanwhile (timed apart).

Probes, in both phases: a few known patients text a question over and over, and from each
webhook's post the bench times the patient's reply (at the Twilio stand-in), the
`message_in` event on a staff member's open stream, and the console's view (the event, then
the transcript fetched and showing the message); and one patient at a time texts an
emergency from a new number: the reply, the `escalation_opened` event, and the queue
fetched on that event showing the open escalation.

Figures: p50/p99 per staff request kind under load over idle (ratio), the publish's time
under load over idle, and the console's time over the patient's own reply time (at or below
1: staff see a message no later than the patient gets the answer).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import random
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench import harness as h
from bench import results as written
from bench.turns import DAYS, SERVICES, WARM_UP_PATIENTS, Replies, add_patients

PAUSE = 0.1  # seconds between one staff member's requests
PROBES = 6  # known patients asking a question over and over, in each phase
PROBE_BODY = "what are your opening hours?"
EMERGENCY = "I have crushing chest pain and can't breathe"
PASSWORD = "front desk keeps the coffee warm"
WAIT = 180.0
PUBLISH_WAIT = 900.0  # its flow tests start a FHIR server each; slow on a crowded machine
#: A staff request's p99 under load within this many times its p99 on the idle system.
TARGET_STAFF_P99_LOAD_OVER_IDLE = 2.0
#: The console shows a patient's message about when the patient gets the answer (p50s; the
#: event is written in the reply's transaction, and the console then fetches the transcript).
TARGET_CONSOLE_OVER_REPLY = 1.1


# --- the console's side -------------------------------------------------------------------------


class Streams:
    """The open event streams: when each (conversation, change) reached the first one."""

    def __init__(self) -> None:
        self.arrivals: dict[tuple[str, str], list[float]] = defaultdict(list)
        self.waiting: dict[tuple[str, str], list[asyncio.Future[None]]] = defaultdict(list)
        self.escalation = asyncio.Event()  # set at each escalation_opened
        self.received = 0
        self.ended = 0  # streams that ended before the bench closed them

    async def first_after(self, conversation_id: str, change: str, after: float) -> float:
        """When the first `change` of the conversation at or after `after` arrived."""
        key = (conversation_id, change)
        while True:
            found = [t for t in self.arrivals[key] if t >= after]
            if found:
                return found[0]
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self.waiting[key].append(future)
            await asyncio.wait_for(future, WAIT)

    async def read(self, http: httpx.AsyncClient, token: str, first: bool) -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server stopping at the end
            await self._read(http, token, first)
        self.ended += 1

    async def _read(self, http: httpx.AsyncClient, token: str, first: bool) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        async with http.stream("GET", "/staff/api/events", headers=headers) as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue
                self.received += 1
                if not first:  # the other consoles only show they keep up
                    continue
                data = json.loads(line.removeprefix("data:"))
                key = (data["conversation_id"], data["change"])
                self.arrivals[key].append(time.monotonic())
                for future in self.waiting.pop(key, []):
                    if not future.done():
                        future.set_result(None)
                if data["change"] == "escalation_opened":
                    self.escalation.set()


@dataclass
class Phase:
    """What one phase measured (seconds)."""

    staff: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    staff_errors: int = 0
    publish: list[float] = field(default_factory=list)
    publish_failed: list[str] = field(default_factory=list)
    #: The same staff requests while the admin's publish runs (its flow tests), by kind.
    during_publish: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    probe: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    turns: int = 0  # the crowd's, during the phase
    probe_missing: int = 0  # a probe's reply or event not within WAIT
    streams_ended: int = 0  # event streams that ended before the bench closed them
    seconds: float = 0.0


@dataclass
class Staff:
    email: str
    token: str


async def timed(
    phase: Phase,
    kind: str,
    call: Awaitable[httpx.Response],
    into: dict[str, list[float]] | None = None,
) -> httpx.Response | None:
    started = time.monotonic()
    try:
        response = await call
    except httpx.HTTPError:
        phase.staff_errors += 1
        return None
    (phase.staff if into is None else into)[kind].append(time.monotonic() - started)
    if response.status_code >= 400:
        phase.staff_errors += 1
        return None
    return response


async def console(
    http: httpx.AsyncClient,
    who: Staff,
    phase: Phase,
    known: list[str],
    until: float,
    into: dict[str, list[float]] | None = None,
) -> None:
    """A staff member's console polling: queue, open escalations, a transcript, me, healthz
    (timed into `phase.staff`, or `into`)."""
    auth = {"Authorization": f"Bearer {who.token}"}
    rng = random.Random(who.email)
    kinds: list[tuple[str, Callable[[], Awaitable[httpx.Response]]]] = [
        ("queue", lambda: http.get("/staff/api/conversations", headers=auth)),
        (
            "queue, open escalations",
            lambda: http.get("/staff/api/conversations?status=open", headers=auth),
        ),
        (
            "transcript",
            lambda: http.get(f"/staff/api/conversations/{rng.choice(known)}", headers=auth),
        ),
        ("me", lambda: http.get("/staff/api/me", headers=auth)),
        ("healthz (the floor)", lambda: http.get("/healthz")),
    ]
    for kind, call in itertools.cycle(kinds):
        if time.monotonic() >= until:
            return
        await timed(phase, kind, call(), into)
        await asyncio.sleep(PAUSE)


async def publish(http: httpx.AsyncClient, admin: Staff, phase: Phase, n: int) -> None:
    """Save a flow as a new version and publish it (its flow tests run first)."""
    auth = {"Authorization": f"Bearer {admin.token}"}
    name = "check_appointment"
    got = await http.get(f"/admin/api/flows/{name}", headers=auth)
    got.raise_for_status()
    source = got.json()["source"] + f"# bench staff_load {n} {time.time()}\n"
    started = time.monotonic()
    saved = await http.put(
        f"/admin/api/flows/{name}", json={"source": source, "note": "bench"}, headers=auth
    )
    if saved.status_code != 201:
        phase.publish_failed.append(f"save {saved.status_code}: {saved.text[:300]}")
        return
    number = saved.json()["number"]
    try:
        published = await http.post(
            f"/admin/api/versions/{number}/publish", headers=auth, timeout=PUBLISH_WAIT
        )
    except httpx.TimeoutException:
        phase.publish_failed.append(f"publish: no answer within {PUBLISH_WAIT:.0f} s")
        return
    if published.status_code != 200:
        phase.publish_failed.append(f"publish {published.status_code}: {published.text[:300]}")
        return
    phase.publish.append(time.monotonic() - started)


# --- patients -------------------------------------------------------------------------------------


#: Webhooks in flight at once, as in turns.py's crowd: 500 connections opened at once
#: (every patient at once) met connection resets on the shared machine, not answers.
WEBHOOKS_IN_FLIGHT = 64
_in_flight: asyncio.Semaphore | None = None


async def sms(http: httpx.AsyncClient, url: str, phone: str, body: str) -> float:
    global _in_flight
    if _in_flight is None:
        _in_flight = asyncio.Semaphore(WEBHOOKS_IN_FLIGHT)
    hook = h.signed(h.sms_fields(phone, body))
    async with _in_flight:
        sent = time.monotonic()
        status = await h.post(http, url, hook)
    if not 200 <= status < 300:
        raise RuntimeError(f"webhook answered {status}")
    return sent


class Arrivals:
    """Replies at the Twilio stand-in on the monotonic clock, per phone (FIFO)."""

    def __init__(self) -> None:
        self.replies = Replies()

    def arrived(self, phone: str) -> None:
        self.replies.queues[phone].put_nowait(time.monotonic())

    async def next(self, phone: str) -> float | None:
        try:
            return await asyncio.wait_for(self.replies.queues[phone].get(), WAIT)
        except TimeoutError:
            return None

    def drop(self, phone: str) -> None:
        queue = self.replies.queues[phone]
        while not queue.empty():
            queue.get_nowait()


async def crowd(
    http: httpx.AsyncClient, url: str, arrivals: Arrivals, patients: int, stop: asyncio.Event
) -> int:
    """Every patient books over and over until `stop`; the turns answered."""
    done = 0

    async def patient(i: int) -> None:
        nonlocal done
        rng = random.Random(i)
        phone = h.patient_phone(i)
        while not stop.is_set():
            first = f"can I book a {rng.choice(SERVICES)} {rng.choice(DAYS)}?"
            for body in (first, "1", "yes"):
                await sms(http, url, phone, body)
                if await arrivals.next(phone) is None:
                    return
                done += 1
                if stop.is_set():
                    return

    await asyncio.gather(*(patient(i) for i in range(patients)))
    return done


async def probe(
    http: httpx.AsyncClient,
    url: str,
    arrivals: Arrivals,
    streams: Streams,
    who: Staff,
    phone: str,
    conversation_id: str,
    phase: Phase,
    until: float,
) -> None:
    """A known patient asks a question over and over: reply, stream event, transcript shown."""
    auth = {"Authorization": f"Bearer {who.token}"}
    path = f"/staff/api/conversations/{conversation_id}"
    seen = sum(
        1 for m in (await http.get(path, headers=auth)).json()["messages"] if m["direction"] == "in"
    )
    while time.monotonic() < until:
        sent = await sms(http, url, phone, PROBE_BODY)
        try:
            at_event = await streams.first_after(conversation_id, "message_in", sent)
        except TimeoutError:
            phase.probe_missing += 1
            continue
        while True:  # the console, woken by the event, fetches the transcript
            lines = (await http.get(path, headers=auth)).json()["messages"]
            now_in = sum(1 for m in lines if m["direction"] == "in")
            if now_in > seen:
                break
            await asyncio.sleep(0.02)
        shown = time.monotonic()
        seen = now_in
        replied = await arrivals.next(phone)
        if replied is None:
            phase.probe_missing += 1
            continue
        phase.probe["reply"].append(replied - sent)
        phase.probe["stream"].append(at_event - sent)
        phase.probe["transcript shown"].append(shown - sent)
        await asyncio.sleep(0.5)


async def emergencies(
    http: httpx.AsyncClient,
    url: str,
    arrivals: Arrivals,
    streams: Streams,
    who: Staff,
    phase: Phase,
    first_number: int,
    until: float,
) -> None:
    """One new number at a time texts an emergency: reply, stream event, queue showing it."""
    auth = {"Authorization": f"Bearer {who.token}"}
    for n in itertools.count(first_number):
        if time.monotonic() >= until:
            return
        phone = h.patient_phone(n)
        streams.escalation.clear()
        sent = await sms(http, url, phone, EMERGENCY)
        while True:  # the console refetches the queue on each escalation_opened
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(streams.escalation.wait(), 1.0)
            streams.escalation.clear()
            queue = (
                await http.get("/staff/api/conversations?status=open&limit=500", headers=auth)
            ).json()
            mine = [c["id"] for c in queue if phone in c["address"]]
            if mine or time.monotonic() > sent + WAIT:
                break
        if not mine:
            phase.probe_missing += 1
            continue
        shown = time.monotonic()
        at_event = await streams.first_after(mine[0], "escalation_opened", sent)
        replied = await arrivals.next(phone)
        if replied is None:
            phase.probe_missing += 1
            continue
        phase.probe["emergency reply"].append(replied - sent)
        phase.probe["emergency stream"].append(at_event - sent)
        phase.probe["emergency queue shown"].append(shown - sent)
        arrivals.drop(phone)
        await asyncio.sleep(0.5)


# --- the run --------------------------------------------------------------------------------------


async def add_account(env: dict[str, str], email: str, role: str) -> None:
    await asyncio.to_thread(
        subprocess.run,
        [*h.CLI, "staff", "add", email, "--practice", "riverside", "--role", role],
        cwd=h.ROOT,
        env=env,
        input=f"{PASSWORD}\n".encode(),
        check=True,
        capture_output=True,
    )


async def sign_in(http: httpx.AsyncClient, email: str) -> Staff:
    answer = await http.post("/staff/api/token", data={"username": email, "password": PASSWORD})
    answer.raise_for_status()
    return Staff(email, answer.json()["access_token"])


async def run_phase(
    name: str,
    args: argparse.Namespace,
    http: httpx.AsyncClient,
    url: str,
    arrivals: Arrivals,
    streams: Streams,
    staff: list[Staff],
    admin: Staff,
    probes: dict[str, str],
    known: list[str],
    emergency_from: int,
) -> Phase:
    phase = Phase()
    stop = asyncio.Event()
    crowd_task = None
    if name == "load":
        crowd_task = asyncio.create_task(crowd(http, url, arrivals, args.patients, stop))
        await asyncio.sleep(args.ramp)  # every patient's first message in, the worker busy
    started = time.monotonic()
    until = started + args.seconds
    tasks: list[Awaitable[None]] = [console(http, who, phase, known, until) for who in staff]
    tasks += [
        probe(http, url, arrivals, streams, staff[0], phone, cid, phase, until)
        for phone, cid in probes.items()
    ]
    tasks.append(emergencies(http, url, arrivals, streams, staff[0], phase, emergency_from, until))
    probing = asyncio.gather(*tasks[len(staff) :])
    await asyncio.gather(*tasks[: len(staff)])
    phase.seconds = time.monotonic() - started
    # The publish after the staff requests, so its flow tests do not weigh on the phase's
    # figures; the same staff requests meanwhile are timed apart (`during_publish`).
    consoles = [
        asyncio.create_task(console(http, who, phase, known, float("inf"), phase.during_publish))
        for who in staff
    ]
    await publish(http, admin, phase, 1 if name == "idle" else 2)
    for task in consoles:
        task.cancel()
    await asyncio.gather(*consoles, return_exceptions=True)
    await probing
    if crowd_task is not None:
        stop.set()
        phase.turns = await crowd_task
    print(f"{name}: done ({phase.seconds:.0f} s, load average {h.load_average()})", flush=True)
    return phase


async def run(args: argparse.Namespace) -> dict[str, Phase]:
    arrivals = Arrivals()
    streams = Streams()
    async with h.sandbox() as fhir_url:
        extra = args.patients + 1 + WARM_UP_PATIENTS
        await add_patients(fhir_url, extra + PROBES)
        async with (
            h.fresh_database() as dsn,
            h.redis_prefix() as prefix,
            h.twilio_api(arrivals.arrived) as twilio_url,
        ):
            with h.processes(args.code) as procs:
                env = h.deployment_env(dsn, prefix, fhir_url, twilio_url)
                url, _ = await procs.serve(env)
                procs.worker(env, concurrency=args.worker_concurrency)
                emails = [f"staff{i}@riverside.example" for i in range(args.staff)]
                await asyncio.gather(
                    *(add_account(env, e, "staff") for e in emails),
                    add_account(env, "admin@riverside.example", "admin"),
                )
                limits = httpx.Limits(max_connections=WEBHOOKS_IN_FLIGHT + 2 * args.staff + 32)
                async with httpx.AsyncClient(base_url=url, timeout=WAIT, limits=limits) as http:
                    staff = [await sign_in(http, e) for e in emails]
                    admin = await sign_in(http, "admin@riverside.example")
                    readers = [
                        asyncio.create_task(streams.read(http, who.token, i == 0))
                        for i, who in enumerate(staff)
                    ]
                    # Warm up: everyone's first message (the worker's processes build their
                    # runtimes on their first), so the practice has its conversations and the
                    # queue and transcripts are the same size in both phases.
                    crowd_phones = [
                        h.patient_phone(i) for i in range(args.patients + 1 + WARM_UP_PATIENTS)
                    ]
                    probe_phones = [h.patient_phone(extra + i) for i in range(PROBES)]
                    # The probes last, so they are the latest conversations in the listing.
                    for phones in (crowd_phones, probe_phones):
                        await asyncio.gather(*(sms(http, url, phone, "hi") for phone in phones))
                        for phone in phones:
                            if await arrivals.next(phone) is None:
                                raise RuntimeError("no reply to a warm-up message")
                    await asyncio.sleep(1.0)
                    for phone in crowd_phones + probe_phones:
                        arrivals.drop(phone)
                    auth = {"Authorization": f"Bearer {staff[0].token}"}
                    listed = (
                        await http.get("/staff/api/conversations?limit=500", headers=auth)
                    ).json()
                    ids = {c["address"]: c["id"] for c in listed}
                    probes = {p: next(i for a, i in ids.items() if p in a) for p in probe_phones}
                    known = list(ids.values())
                    print(f"warmed up: {len(crowd_phones) + PROBES} conversations", flush=True)
                    phases = {}
                    for n, name in enumerate(("idle", "load")):
                        phases[name] = await run_phase(
                            name,
                            args,
                            http,
                            url,
                            arrivals,
                            streams,
                            staff,
                            admin,
                            probes,
                            known,
                            9000 + 500 * n,  # new numbers for the emergencies
                        )
                    ended = streams.ended
                    for reader in readers:
                        reader.cancel()
                    for reader in readers:
                        with contextlib.suppress(asyncio.CancelledError):
                            await reader
                    streams.ended = ended
                    if streams.ended:
                        print(f"{streams.ended} event streams ended early", flush=True)
                    phases["idle"].streams_ended = phases["load"].streams_ended = streams.ended
    return phases


# --- the report -----------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def figures(phases: dict[str, Phase], args: argparse.Namespace) -> dict[str, Any]:
    idle, load = phases["idle"], phases["load"]
    floor = h.percentile(load.staff["healthz (the floor)"], 99)
    staff_rows, staff_ok = [], True
    for kind in idle.staff:
        i, lo = idle.staff[kind], load.staff[kind]
        p99_idle, p99_load = h.percentile(i, 99), h.percentile(lo, 99)
        judged = kind != "healthz (the floor)"
        met = p99_load <= TARGET_STAFF_P99_LOAD_OVER_IDLE * p99_idle
        staff_ok &= met or not judged
        staff_rows.append(
            [
                kind,
                f"{len(i)} / {len(lo)}",
                f"{ms(h.percentile(i, 50))} / {ms(p99_idle)}",
                f"{ms(h.percentile(lo, 50))} / {ms(p99_load)}",
                f"{p99_load / floor:.1f}x" if judged else "",
                f"{p99_load / p99_idle:.2f}x",
                written.verdict(met) if judged else "",
            ]
        )
    keys = (
        "reply",
        "stream",
        "transcript shown",
        "emergency reply",
        "emergency stream",
        "emergency queue shown",
    )
    probe_rows = [
        [key]
        + [
            f"{len(p.probe[key])}: {ms(h.percentile(p.probe[key], 50))} / "
            f"{ms(h.percentile(p.probe[key], 99))}"
            for p in (idle, load)
        ]
        for key in keys
    ]
    consoles = []
    console_ok = True
    for shown, reply in (
        ("transcript shown", "reply"),
        ("emergency queue shown", "emergency reply"),
    ):
        for name, p in (("idle", idle), ("load", load)):
            ratio = h.percentile(p.probe[shown], 50) / h.percentile(p.probe[reply], 50)
            if name == "load":
                console_ok &= ratio <= TARGET_CONSOLE_OVER_REPLY
            consoles.append((f"{shown} / {reply}, {name}", ratio))
    publish = [
        (name, p.publish[0] if p.publish else float("nan"), p.publish_failed)
        for name, p in (("idle", idle), ("load", load))
    ]
    # The staff requests while the publish ran, against the same phase's without it.
    publishing_rows, publishing_worst = [], 0.0
    for name, p in (("idle", idle), ("load", load)):
        for kind, during in p.during_publish.items():
            ratio = h.percentile(during, 99) / h.percentile(p.staff[kind], 99)
            publishing_worst = max(publishing_worst, ratio)
            publishing_rows.append(
                [
                    f"{kind}, {name}",
                    f"{len(during)}",
                    f"{ms(h.percentile(during, 50))} / {ms(h.percentile(during, 99))}",
                    f"{ms(h.percentile(p.staff[kind], 50))} / {ms(h.percentile(p.staff[kind], 99))}",
                    f"{ratio:.2f}x",
                ]
            )
    return {
        "idle": idle,
        "load": load,
        "publishing_rows": publishing_rows,
        "publishing_worst": publishing_worst,
        "floor": floor,
        "staff_rows": staff_rows,
        "staff_ok": staff_ok,
        "probe_rows": probe_rows,
        "consoles": consoles,
        "console_ok": console_ok,
        "publish": publish,
        "errors": idle.staff_errors + load.staff_errors,
    }


def report(f: dict[str, Any], args: argparse.Namespace) -> str:
    idle, load = f["idle"], f["load"]
    (_, pub_idle, fail_idle), (_, pub_load, fail_load) = f["publish"]
    crowd = (
        f"{load.turns} crowd turns answered while measuring under load "
        f"({load.turns / load.seconds:.1f} turns/s)"
    )
    body = [
        (
            f"Production shape (`serve` + one Celery worker of {args.worker_concurrency} processes). "
            f"Two phases of {args.seconds:.0f} s with the same requests: idle, then while "
            f"{args.patients} known patients book over and over (signed Twilio webhooks); {crowd}. "
            f"{args.staff} staff members hold the event stream open and poll the queue, the open "
            f"escalations, a transcript and `/staff/api/me` ({PAUSE * 1000:.0f} ms between "
            "requests); `/healthz` of the same process is timed beside them as the floor that "
            "load puts under any request. After each phase's staff requests an admin saves a "
            f"flow version and publishes it (its flow tests run in a child process of the API's), the consoles polling meanwhile. Probes: {PROBES} known patients ask a question over "
            "and over; one new number at a time texts an emergency."
        ),
        "Staff API (counts idle / load; p50 / p99):",
        written.table(
            [
                "request",
                "count",
                "idle p50 / p99",
                "load p50 / p99",
                "p99 load / floor's p99 load",
                "p99 load / idle",
                f"target <= {TARGET_STAFF_P99_LOAD_OVER_IDLE:g}x",
            ],
            f["staff_rows"],
        ),
        f"{f['errors']} staff requests failed or answered an error; "
        f"{load.streams_ended} event streams ended early; "
        f"{idle.probe_missing + load.probe_missing} probes unanswered within {WAIT:.0f} s. "
        f"Admin save and publish: idle {pub_idle:.1f} s, under load {pub_load:.1f} s "
        f"({pub_load / pub_idle:.1f}x)"
        + (f"; failed: {fail_idle + fail_load}" if fail_idle or fail_load else "")
        + ".",
        (
            "Staff requests while the admin's publish runs (its flow tests), against the same "
            f"requests of that phase without it (p50 / p99); the worst p99 ratio is "
            f"{f['publishing_worst']:.2f}x:"
        ),
        written.table(
            ["request, phase", "count", "during the publish", "without it", "p99 during / without"],
            f["publishing_rows"],
        ),
        (
            "A patient's message reaching the console (from the webhook's post; count: p50 / p99). "
            "Under load a probe's message waits in the one Celery queue behind every message the "
            "crowd has already sent, so its reply and its console view come late and together:"
        ),
        written.table(["", "idle", "under load"], f["probe_rows"]),
        written.table(
            [
                "console / patient's reply (p50s)",
                "ratio",
                f"target <= {TARGET_CONSOLE_OVER_REPLY:g} under load",
            ],
            [
                [
                    name,
                    f"{ratio:.2f}",
                    written.verdict(ratio <= TARGET_CONSOLE_OVER_REPLY) if "load" in name else "",
                ]
                for name, ratio in f["consoles"]
            ],
        ),
    ]
    return "\n\n".join(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 patients, 20 s per phase")
    parser.add_argument("--patients", type=int, default=500)
    parser.add_argument("--staff", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60.0, help="per phase")
    parser.add_argument(
        "--ramp", type=float, default=10.0, help="seconds of load before measuring under it"
    )
    parser.add_argument("--worker-concurrency", type=int, default=2)
    parser.add_argument(
        "--code",
        type=Path,
        default=h.ROOT,
        help="the checkout whose serve and worker run (another commit's, as a baseline)",
    )
    parser.add_argument(
        "--no-record", action="store_true", help="do not write the figures to bench/RESULTS.md"
    )
    args = parser.parse_args()
    if args.quick:
        args.patients, args.seconds, args.ramp = 100, 20.0, 5.0
    phases = asyncio.run(run(args))
    body = report(figures(phases, args), args)
    print(body)
    print(f"load average {h.load_average()}")
    if not args.no_record:
        written.record("staff_load", "Staff and admin APIs under load (issue 15 item 2)", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
