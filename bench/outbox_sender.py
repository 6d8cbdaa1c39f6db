"""The outbox sender's CPU per delivered message, and its delivery at Twilio's rate, A/B
against another checkout of the project (main) in the same run.

Each trial puts `--messages` reminders in the outbox of a fresh database (a sixth of the
numbers get two, to be kept in order) and starts two sender processes, as two worker
processes run them (`channel_senders` from the settings, the Redis rate limiter shared,
TWILIO_MESSAGES_PER_SECOND=100), against the Twilio stand-in of bench/reminder_fanout.py in a
process of its own (429 / 20429 beyond 100 messages/s). A sender process drains the outbox
until nothing is left and reports its own CPU time (user + system, `time.process_time`)
from the start signal to its last round. The trials alternate baseline and this checkout
(A B A B ...), so both see the same machine load; the figures compared are medians.

    .venv/bin/python bench/outbox_sender.py                  # against main, 3 pairs of 3,000
    .venv/bin/python bench/outbox_sender.py --quick          # 1 pair of 1,000
    .venv/bin/python bench/outbox_sender.py --baseline DIR   # against another copy
    .venv/bin/python bench/outbox_sender.py --profile PATH   # cProfile (CPU clock), this side

The baseline is a plain copy of the other checkout's files (`git archive <ref> | tar -x -C
DIR`; by default made from `--ref main` in a temporary directory); its sender processes import
the project from DIR (PYTHONPATH), this side's from here.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.harness import REDIS_URL, fresh_database, redis_prefix  # noqa: E402
from bench.reminder_fanout import (  # noqa: E402
    PROVIDER_RATE,
    settings_for,
    twilio_standin,
    write_reminders,
)
from bench.results import record, table, verdict  # noqa: E402

#: A sender process: the product's wiring, as bench/reminder_fanout.py's `_sender_process`.
#: Run with `python -c` and PYTHONPATH=<checkout> so each side imports its own code.
CHILD = r"""
import asyncio, json, os, sys, time
sys.path.insert(0, os.environ["SENDER_ROOT"])

async def run():
    from redis.asyncio import Redis
    from sqlalchemy import text
    from adapters.redis.ratelimit import RedisRateLimiter
    from adapters.sql.storage import SqlStorage
    from bench.reminder_fanout import settings_for
    from bot.outbox.sender import OutboxSender, Policy, in_flight_for
    from domain.clock import SystemClock
    from patient_assistant.channels import channel_senders, keyring_of, sender_rate

    dsn, twilio, prefix, go = sys.argv[1:5]
    settings = settings_for(dsn, twilio)
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    senders = channel_senders(settings, None)
    policy = Policy(
        lease_seconds=settings.outbox_lease_seconds,
        in_flight=in_flight_for(max(sender_rate(x) for x in senders)),
    )
    redis = Redis.from_url(os.environ["SENDER_REDIS"])
    sender = OutboxSender(
        storage, senders, RedisRateLimiter(redis, prefix), SystemClock(), policy,
        practice_id="riverside",
    )
    async with storage.reading() as uow:  # connect before the clock starts
        pass
    # twilio imports its REST API's modules on the first send (0.1 s of CPU): a long-lived
    # worker pays it once, so it is paid here before the clock starts.
    import twilio.rest.api.v2010.account.message  # noqa: F401
    claims = []  # the size of each claim: how many statements the claims cost
    claim = sender._claim

    async def counted(limit):
        got = await claim(limit)
        claims.append(len(got))
        return got

    sender._claim = counted
    print("ready", flush=True)
    while not os.path.exists(go):
        await asyncio.sleep(0.01)
    profile = None
    if os.environ.get("SENDER_PROFILE"):
        import cProfile
        profile = cProfile.Profile(time.process_time)
        profile.enable()
    cpu, wall = time.process_time(), time.perf_counter()
    rounds = 0
    while True:
        done = await sender.drain()
        rounds += 1
        if done.claimed or done.more:
            continue
        async with storage.engine.connect() as connection:
            left = (await connection.execute(text(
                "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
            ))).scalar_one()
        if not left:
            break
        await asyncio.sleep(0.05)  # the other process's or a retry's: look again shortly
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.environ["SENDER_PROFILE"])
    for s in senders:
        await s.aclose()
    await redis.aclose()
    await storage.close()
    print(json.dumps({"cpu_s": cpu, "wall_s": wall, "rounds": rounds, "claims": claims}), flush=True)

asyncio.run(run())
"""


async def enqueue(dsn: str, messages: int) -> dict[str, list[str]]:
    """`messages` reminders due now, written as bench/reminder_fanout.py's `enqueue` does."""
    from adapters.sql.storage import SqlStorage
    from patient_assistant.channels import keyring_of

    settings = settings_for(dsn)
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    now = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
    try:
        expected = await write_reminders(storage, messages, "+1617557", now)
    finally:
        await storage.close()
    connection = await asyncpg.connect(dsn)
    try:  # stale statistics make the claim's plan scans (see reminder_fanout.enqueue)
        await connection.execute("ANALYZE outbox")
    finally:
        await connection.close()
    return expected


async def trial(
    root: Path, messages: int, twilio: str, profile: str | None = None
) -> dict[str, Any]:
    """One side's trial: a fresh database, `messages` in its outbox, two sender processes
    of the checkout at `root`."""
    from adapters.sql.migrate import migrate

    async with fresh_database() as dsn, redis_prefix() as prefix:
        await migrate(dsn)
        expected = await enqueue(dsn, messages)
        go = Path(f"/tmp/pa-bench-sender-go-{uuid.uuid4().hex}")
        env = os.environ | {
            "PYTHONPATH": f"{root}",
            "SENDER_ROOT": str(root),
            "SENDER_REDIS": REDIS_URL,
            "PYTHONHASHSEED": "0",
        }
        # bench/reminder_fanout.py's settings_for is this checkout's, for both sides.
        env["PYTHONPATH"] = f"{root}{os.pathsep}{ROOT}"
        workers = []
        for k in range(2):
            worker_env = env | ({"SENDER_PROFILE": f"{profile}.{k}"} if profile else {})
            workers.append(
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    CHILD,
                    dsn,
                    twilio,
                    prefix,
                    str(go),
                    env=worker_env,
                    stdout=asyncio.subprocess.PIPE,
                    cwd="/tmp",
                )
            )
        for worker in workers:
            assert worker.stdout is not None
            assert (await worker.stdout.readline()).strip() == b"ready"
        async with httpx.AsyncClient(base_url=twilio, timeout=30.0) as client:
            since = len((await client.get("/recorded")).json())
            started = time.time()
            go.touch()  # noqa: ASYNC240 - a file of its own, before the clock starts
            try:
                outs = [json.loads((await w.communicate())[0].splitlines()[-1]) for w in workers]
            finally:
                go.unlink(missing_ok=True)  # noqa: ASYNC240
            rows = (await client.get("/recorded", params={"since": since})).json()
    sent = [r for r in rows if r[3] == 201]
    got: dict[str, list[str]] = {}
    for _, to, body, _ in sorted(sent, key=lambda r: r[0]):
        got.setdefault(to, []).append(body)
    cpu = sum(o["cpu_s"] for o in outs)
    claims = [size for o in outs for size in o["claims"]]
    elapsed = max(r[0] for r in sent) - started if sent else float("inf")
    return {
        "sent": len(sent),
        "throttled": sum(1 for r in rows if r[3] == 429),
        "in_order": got == expected,
        "cpu_ms_per_message": 1000 * cpu / max(len(sent), 1),
        "ratio": elapsed / (messages / PROVIDER_RATE),
        "elapsed_s": elapsed,
        "claims": len(claims),
        "messages_per_claim": len(sent) / max(1, len(claims) - claims.count(0)),
    }


def checkout_of(ref: str, stack: contextlib.ExitStack) -> Path:
    """A copy of `ref`'s files in a temporary directory (removed at the end)."""
    directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pa-bench-base-")))
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(directory)], input=archive, check=True)
    return directory


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


async def main(args: argparse.Namespace) -> int:
    from adapters.sql.migrate import migrate  # noqa: F401 - this checkout's, imported early

    with contextlib.ExitStack() as stack, twilio_standin(PROVIDER_RATE) as twilio:
        if args.profile:
            result = await trial(ROOT, args.messages, twilio, profile=args.profile)
            print(json.dumps(result, indent=1))
            return 0
        baseline = args.baseline or checkout_of(args.ref, stack)
        sides = {"baseline": baseline, "this": ROOT}
        results: dict[str, list[dict[str, Any]]] = {"baseline": [], "this": []}
        loads = [load()]
        for pair in range(args.pairs):
            order = ["baseline", "this"] if pair % 2 == 0 else ["this", "baseline"]
            for side in order:
                result = await trial(sides[side], args.messages, twilio)
                results[side].append(result)
                print(side, json.dumps(result), f"load {load()}", flush=True)
        loads.append(load())
    return report(args, results, loads)


def report(
    args: argparse.Namespace, results: dict[str, list[dict[str, Any]]], loads: list[str]
) -> int:
    def median(side: str, key: str) -> float:
        return statistics.median(r[key] for r in results[side])

    rows = [
        [
            "main (baseline)" if side == "baseline" else "this branch",
            " / ".join(f"{r['cpu_ms_per_message']:.2f}" for r in results[side]),
            f"{median(side, 'cpu_ms_per_message'):.2f}",
            " / ".join(f"{r['ratio']:.3f}" for r in results[side]),
            f"{median(side, 'ratio'):.3f}",
            f"{median(side, 'messages_per_claim'):.1f}",
            sum(r["throttled"] for r in results[side]),
            all(r["sent"] == args.messages and r["in_order"] for r in results[side]),
        ]
        for side in ("baseline", "this")
    ]
    cpu_ratio = median("this", "cpu_ms_per_message") / median("baseline", "cpu_ms_per_message")
    met = all(r["sent"] == args.messages and r["in_order"] for r in results["this"])
    body = "\n\n".join(
        [
            (
                f"{args.messages:,} reminders in the outbox of a fresh database per trial (a "
                "sixth of the numbers with two, to be kept in order), two outbox senders in two "
                "processes sharing the Redis rate limiter (TWILIO_MESSAGES_PER_SECOND=100), "
                "through the Twilio stand-in of bench/reminder_fanout.py (429 / 20429 beyond "
                f"100 messages/s). {args.pairs} pairs of trials, baseline and this branch "
                "alternated (A B, B A, ...); CPU is both sender processes' user + system time "
                "from the start to their last round, per message delivered. Ratio: the last "
                "delivery's time over the provider-limited time (messages / 100 s). Load "
                f"average {loads[0]} at the start, {loads[-1]} at the end."
            ),
            table(
                [
                    "sender",
                    "CPU ms / message (trials)",
                    "median",
                    "delivery ratio (trials)",
                    "median",
                    "messages / claim",
                    "throttled (429)",
                    "all once, in order",
                ],
                rows,
            ),
            (
                f"CPU per message, this branch / main: **{cpu_ratio:.2f}x**. Every message "
                f"once and in order on this branch: {verdict(met)}."
            ),
        ]
    )
    print(body)
    if not args.no_record:
        record("outbox_sender", "Outbox sender: CPU per message, A/B against main", body)
    return 0 if met else 1


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", help="a copy of the checkout to compare with")
    parser.add_argument("--ref", default="main", help="without --baseline: git archive REF")
    parser.add_argument("--messages", type=int, default=3000)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 pair of 1,000 messages")
    parser.add_argument("--profile", help="profile this side's senders into PATH.0, PATH.1")
    parser.add_argument("--no-record", action="store_true", help="do not write RESULTS.md")
    args = parser.parse_args()
    if args.quick:
        args.messages, args.pairs = 1000, 1
    if args.baseline:
        args.baseline = Path(args.baseline).resolve()
    return args


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(asyncio.run(main(parse())))
