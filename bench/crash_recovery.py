"""Crash recovery: `kill -9` of the API process, then of the Celery worker, while patients text.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/crash_recovery.py
        [--quick] [--patients 300] [--messages 6] [--job-patients 20] [--json]

The product as it runs in production (bench/recovery.py): `serve`, one Celery worker (two
processes), Celery beat, PostgreSQL, Redis, the FHIR sandbox and a Twilio REST stand-in.
`--job-patients` patients report an emergency first: each has an open urgent escalation and
its durable "no one has answered yet" job (bot/escalation_notices.py). Then `--patients`
patients each send `--messages` questions, one after another. Meanwhile:

1. the API process is killed (SIGKILL) and started again a second later on the same port;
   webhooks it did not accept are posted again unchanged, as a provider retries them;
2. the escalations' jobs are made due two seconds ahead, the worker's whole process group is
   killed (SIGKILL) at once, and started again three seconds later (the jobs fall due while
   no worker runs).

Measured, per kill: the messages in flight (accepted, not yet answered), the longest time
from the restart (the new process spawned) to the answer of a message sent before it, as a
ratio of the 30 s target; the jobs' notices after the worker's restart, the same way; and the
duplicate replies, against the messages in flight. At the end every accepted message must be
answered, every job done, and the duplicates no more than the messages in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import asyncpg

from bench import harness as h
from bench import recovery as r
from bench.results import record, table, verdict
from bench.turns import add_patients

TARGET_SECONDS = 30.0
OVERDUE_KIND = "escalation_overdue"  # bot/escalations.py OVERDUE_KIND
WARM_UP = 4


@dataclass
class Kill:
    what: str
    killed_at: float = 0.0
    restarted_at: float = 0.0  # the new process spawned
    ready_seconds: float = 0.0  # from the restart to ready (API: /readyz; worker: "ready.")
    accepted_seconds: float = 0.0  # restart -> the last acceptance of a message sent before it
    in_flight: int = 0  # accepted, not answered, at the kill
    waiting_at_restart: int = 0  # sent before the restart, not answered by it
    recovery_seconds: float = 0.0  # restart -> the last answer to a message sent before it
    duplicates: int = 0  # duplicate replies created after this kill (before the next)


@dataclass
class Outcome:
    patients: int
    messages: int = 0  # sent
    accepted: int = 0
    answered: int = 0
    refused_posts: int = 0  # posts the API did not accept (posted again)
    recorded_once: bool = False
    unsent_replies: int = 0
    duplicates: int = 0
    jobs: int = 0
    jobs_done: int = 0
    job_notices: int = 0  # job patients who got their notice
    job_recovery_seconds: float = 0.0  # worker restart -> the last notice
    kills: list[Kill] = field(default_factory=list)
    # Message to answer before the first kill: how long a turn waits in this load's queue.
    turn_p50_seconds: float = 0.0
    turn_p99_seconds: float = 0.0
    turns_per_second: float = 0.0  # answers per second before the first kill
    # A fresh process importing the assistant and loading the NLU model, on this machine at
    # this load: the floor under any restart-to-answer time (0: not measured).
    model_start_seconds: float = 0.0

    @property
    def in_flight(self) -> int:
        return sum(k.in_flight for k in self.kills)

    @property
    def worst_recovery(self) -> float:
        return max([k.recovery_seconds for k in self.kills] + [self.job_recovery_seconds])

    @property
    def met(self) -> bool:
        return (
            self.answered == self.accepted
            and self.recorded_once
            and self.unsent_replies == 0
            and self.jobs_done == self.jobs
            and self.job_notices == self.jobs
            and self.duplicates <= self.in_flight
            and self.worst_recovery <= TARGET_SECONDS
        )


async def run(
    patients: int,
    messages: int,
    job_patients: int,
    pause: float = 0.3,
    code: Path = h.ROOT,
    time_model_start: bool = False,
    reply_wait: float = r.REPLY_TIMEOUT,
) -> Outcome:
    """The whole run; `patients` load patients, `job_patients` with a due job each."""
    outcome = Outcome(patients)
    if time_model_start:
        outcome.model_start_seconds = await model_start(code)
    deliveries = r.Deliveries()
    load_phones = [h.patient_phone(i) for i in range(patients)]
    job_phones = [h.patient_phone(patients + i) for i in range(job_patients)]
    warm_phones = [h.patient_phone(patients + job_patients + i) for i in range(WARM_UP)]
    async with h.sandbox() as fhir_url:
        # add_patients adds count + 7 patients: the extra ones are the warm-up's.
        await add_patients(fhir_url, patients + job_patients + WARM_UP)
        with (
            h.processes(code) as procs,
            tempfile.TemporaryDirectory(prefix="pa-bench-beat-") as beat_dir,
        ):
            async with (
                h.fresh_database() as dsn,
                h.redis_prefix() as prefix,
                r.twilio_standin(deliveries) as twilio_url,
            ):
                env = h.deployment_env(dsn, prefix, fhir_url, twilio_url)
                deployment = r.Deployment(procs, env)
                await deployment.start_api()
                deployment.start_worker()
                deployment.start_beat(Path(beat_dir) / "schedule")
                await r.warm_up(deployment.url, deliveries, warm_phones)
                await escalate(deployment.url, deliveries, job_phones)
                outcome.jobs = await count_jobs(dsn, "pending")
                traffic = r.Traffic()
                await load_with_kills(
                    deployment,
                    dsn,
                    deliveries,
                    traffic,
                    outcome,
                    load_phones,
                    messages,
                    pause,
                    reply_wait,
                )
                await settle(dsn, deliveries, job_phones, outcome, reply_wait)
                await count(dsn, deliveries, traffic, outcome, load_phones, job_phones)
                procs.stop_all()  # before their database is dropped
    return outcome


async def model_start(code: Path) -> float:
    """Seconds for a new process to import the assistant and load the NLU model."""
    script = "from patient_assistant.bootstrap import load_nlu; load_nlu()"
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", script, cwd=code)
    if await proc.wait() != 0:
        raise RuntimeError("the NLU model did not load")
    return time.perf_counter() - started


async def escalate(
    url: str, deliveries: r.Deliveries, phones: list[str], wait: float = r.WARM_UP_WAIT
) -> None:
    """Each of `phones` reports an emergency (answered at once; an urgent escalation opens,
    with its job due by the practice's response target)."""
    traffic = r.Traffic()
    async with h.client(max(len(phones), 1)) as http:
        await asyncio.gather(
            *(
                r.patient(http, lambda: url, deliveries, traffic, p, [r.EMERGENCY], wait=wait)
                for p in phones
            )
        )
    await asyncio.sleep(2)  # the rest of each emergency's replies


async def load_with_kills(
    deployment: r.Deployment,
    dsn: str,
    deliveries: r.Deliveries,
    traffic: r.Traffic,
    outcome: Outcome,
    phones: list[str],
    messages: int,
    pause: float,
    reply_wait: float,
) -> None:
    bodies = [r.QUESTIONS[i % len(r.QUESTIONS)] for i in range(messages)]

    async def load() -> None:
        async with h.client(min(len(phones), 64)) as http:
            await asyncio.gather(
                *(
                    r.patient(
                        http,
                        lambda: deployment.url,
                        deliveries,
                        traffic,
                        p,
                        bodies,
                        pause=pause,
                        wait=reply_wait,
                    )
                    for p in phones
                )
            )

    def answered() -> int:
        return sum(1 for m in traffic.messages if m.answered is not None)

    async def chaos() -> None:
        total = len(phones) * messages
        await until(lambda: answered() >= total // 4)
        api = Kill("API process (serve)")
        outcome.kills.append(api)
        api.killed_at = time.perf_counter()
        api.in_flight = len(traffic.unanswered_at(api.killed_at))
        os.killpg(deployment.api_pid, signal.SIGKILL)
        await asyncio.sleep(1.0)
        api.restarted_at = time.perf_counter()
        await deployment.start_api()
        api.ready_seconds = time.perf_counter() - api.restarted_at

        await until(lambda: answered() >= total // 2)
        await jobs_due_in(dsn, 2.0)
        worker = Kill("Celery worker (process group)")
        outcome.kills.append(worker)
        worker.killed_at = time.perf_counter()
        worker.in_flight = len(traffic.unanswered_at(worker.killed_at))
        os.killpg(deployment.worker_pid, signal.SIGKILL)
        await asyncio.sleep(3.0)  # the jobs fall due while no worker runs
        worker.restarted_at = time.perf_counter()
        deployment.start_worker()
        await deployment.worker_ready()
        worker.ready_seconds = time.perf_counter() - worker.restarted_at

    await asyncio.gather(load(), chaos())


async def settle(
    dsn: str, deliveries: r.Deliveries, job_phones: list[str], outcome: Outcome, wait: float
) -> None:
    """Wait (bounded) for the jobs to be done and their notices to arrive, then a little
    longer for a duplicate to show up, were there one."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if await count_jobs(dsn, "done") >= outcome.jobs and all(
            len(deliveries.by_phone[p]) >= 2 for p in job_phones
        ):
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(5)


async def count(
    dsn: str,
    deliveries: r.Deliveries,
    traffic: r.Traffic,
    outcome: Outcome,
    load_phones: list[str],
    job_phones: list[str],
) -> None:
    accepted = traffic.accepted
    outcome.messages = len(traffic.messages)
    outcome.accepted = len(accepted)
    outcome.answered = sum(1 for m in accepted if m.answered is not None)
    outcome.refused_posts = traffic.refused
    rows, distinct = await r.recorded(dsn, [m.sid for m in accepted])
    outcome.recorded_once = rows == distinct == len(accepted)
    phones = set(load_phones) | set(job_phones)
    outcome.unsent_replies = await r.unsent_replies(dsn, phones)
    outcome.duplicates = await r.duplicates(dsn, deliveries, phones)
    outcome.jobs_done = await count_jobs(dsn, "done")
    first_kill = outcome.kills[0].killed_at
    calm = [m for m in accepted if m.answered is not None and m.answered < first_kill]
    turns = [m.answered - m.sent for m in calm if m.answered is not None]
    outcome.turn_p50_seconds = h.percentile(turns, 50)
    outcome.turn_p99_seconds = h.percentile(turns, 99)
    if calm:
        outcome.turns_per_second = len(calm) / (first_kill - min(m.sent for m in calm))
    for kill in outcome.kills:
        before = [m for m in traffic.messages if m.sent <= kill.restarted_at]
        late = [m for m in before if m.answered is None or m.answered > kill.restarted_at]
        kill.waiting_at_restart = len(late)
        answered_late = [m.answered for m in late if m.answered is not None]
        if len(answered_late) < len(late):
            kill.recovery_seconds = float("inf")
        elif answered_late:
            kill.recovery_seconds = max(answered_late) - kill.restarted_at
        accepted_late = [m.accepted for m in late if m.accepted is not None]
        if accepted_late:
            kill.accepted_seconds = max(accepted_late) - kill.restarted_at
    # Duplicates by the kill they followed.
    dup_sids = await duplicate_sids(dsn, deliveries, phones)
    for c in deliveries.created:
        if c.sid in dup_sids:
            after = [k for k in outcome.kills if k.killed_at <= c.at]
            if after:
                after[-1].duplicates += 1
    worker = outcome.kills[-1]
    notices = [deliveries.by_phone[p][1].at for p in job_phones if len(deliveries.by_phone[p]) > 1]
    outcome.job_notices = len(notices)
    if notices:
        outcome.job_recovery_seconds = max(notices) - worker.restarted_at
    if len(notices) < len(job_phones):
        outcome.job_recovery_seconds = float("inf")


async def duplicate_sids(dsn: str, deliveries: r.Deliveries, phones: set[str]) -> set[str]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT provider_message_id FROM outbox WHERE provider_message_id IS NOT NULL"
        )
    finally:
        await conn.close()
    known = {row["provider_message_id"] for row in rows}
    return {c.sid for c in deliveries.created if c.to in phones and c.sid not in known}


async def count_jobs(dsn: str, state: str) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        return int(
            await conn.fetchval(
                "SELECT count(*) FROM jobs WHERE kind = $1 AND state = $2", OVERDUE_KIND, state
            )
        )
    finally:
        await conn.close()


async def jobs_due_in(dsn: str, seconds: float) -> None:
    """Bring the escalations' jobs forward: due `seconds` from now."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "UPDATE jobs SET due_at = now() + make_interval(secs => $1) "
            "WHERE kind = $2 AND state = 'pending'",
            seconds,
            OVERDUE_KIND,
        )
    finally:
        await conn.close()


async def until(condition: Any, seconds: float = 1200) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the load did not get that far")
        await asyncio.sleep(0.05)


def report(o: Outcome) -> str:
    rows: list[list[object]] = [
        [
            k.what,
            k.in_flight,
            k.waiting_at_restart,
            f"{k.ready_seconds:.1f} s",
            f"{k.accepted_seconds:.1f} s",
            f"{k.recovery_seconds:.1f} s ({k.recovery_seconds / TARGET_SECONDS:.2f}x)",
            f"{k.recovery_seconds - k.ready_seconds:.1f} s",
            k.duplicates,
        ]
        for k in o.kills
    ]
    kills = table(
        [
            "kill -9 of",
            "in flight at the kill",
            "unanswered at the restart",
            "restart to ready",
            "restart to last acceptance",
            "restart to last answer (x 30 s)",
            "ready to last answer",
            "duplicate replies",
        ],
        rows,
    )
    summary = table(
        ["", "figure", "target", "verdict"],
        [
            [
                "accepted messages answered",
                f"{o.answered} / {o.accepted}",
                "all",
                verdict(o.answered == o.accepted and o.unsent_replies == 0),
            ],
            ["recorded exactly once", o.recorded_once, "yes", verdict(o.recorded_once)],
            [
                "due jobs run (notices delivered)",
                f"{o.jobs_done} / {o.jobs} ({o.job_notices})",
                "all",
                verdict(o.jobs_done == o.jobs == o.job_notices),
            ],
            [
                "worker restart to the last job's notice",
                f"{o.job_recovery_seconds:.1f} s ({o.job_recovery_seconds / TARGET_SECONDS:.2f}x)",
                "<= 1.0x of 30 s",
                verdict(o.job_recovery_seconds <= TARGET_SECONDS),
            ],
            [
                "slowest recovery (answers and jobs)",
                f"{o.worst_recovery:.1f} s ({o.worst_recovery / TARGET_SECONDS:.2f}x)",
                "<= 1.0x of 30 s",
                verdict(o.worst_recovery <= TARGET_SECONDS),
            ],
            [
                "duplicate replies",
                o.duplicates,
                f"<= {o.in_flight} in flight at the kills",
                verdict(o.duplicates <= o.in_flight),
            ],
        ],
    )
    return (
        f"{o.patients} patients sending {o.messages} messages ({o.accepted} accepted, "
        f"{o.refused_posts} posts refused while the API was down and posted again), "
        f"{o.jobs} due jobs; serve + Celery worker (2 processes) + beat, PostgreSQL, Redis, the "
        f"FHIR sandbox, the Twilio stand-in. Before the first kill: "
        f"{o.turns_per_second:.1f} answers/s, message to answer p50 {o.turn_p50_seconds:.1f} s, "
        f"p99 {o.turn_p99_seconds:.1f} s (load average {h.load_average()} at the end). "
        f"A new process importing the assistant and loading the NLU model took "
        f"{o.model_start_seconds:.1f} s on the machine at that moment.\n\n"
        f"{kills}\n\n{summary}\n\n"
        f"Overall: {verdict(o.met)}."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="60 patients, 4 messages, 5 jobs")
    parser.add_argument("--patients", type=int, default=300)
    parser.add_argument("--messages", type=int, default=6)
    parser.add_argument("--job-patients", type=int, default=20)
    parser.add_argument(
        "--code",
        type=Path,
        default=h.ROOT,
        help="the checkout whose serve, worker and beat to run (e.g. an older commit's "
        "`git archive`)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.patients, args.messages, args.job_patients = 60, 4, 5
    outcome = asyncio.run(
        run(args.patients, args.messages, args.job_patients, code=args.code, time_model_start=True)
    )
    if args.json:
        print(json.dumps(asdict(outcome), indent=2))
    text = report(outcome)
    print(text)
    if not args.no_record:
        record("crash_recovery", "Crash recovery (kill -9 of the API and of the worker)", text)
    return 0 if outcome.met else 1


if __name__ == "__main__":
    raise SystemExit(main())
