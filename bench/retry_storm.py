"""Retry storm: every inbound webhook delivered four times at once (the delivery and three
replays: same MessageSid, same signature) while patients text, against the same load delivered
once.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/retry_storm.py
        [--quick] [--patients 200] [--messages 5] [--json]

The production shape of bench/recovery.py (serve, a Celery worker of two processes, beat,
PostgreSQL, Redis, the FHIR sandbox, the Twilio stand-in). Two loads on one deployment, each
by patients of its own: the baseline (each webhook posted once) and the storm (each posted
four times concurrently). Each patient sends `--messages` questions, one after another, each
once the previous one is answered.

Counted: duplicate replies (created at the stand-in but not the outbox's send of a reply),
replies per message (each question has exactly one answer, so the stand-in must have created
exactly as many messages per patient as the patient sent), messages recorded once. Measured:
the storm's throughput (answered messages per second) and p99 (message to answer) as ratios
of the baseline's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness as h
from bench import recovery as r
from bench.results import record, table, verdict
from bench.turns import add_patients

COPIES = 4  # the delivery and three replays
WARM_UP = 4


@dataclass
class Load:
    name: str
    copies: int
    messages: int = 0
    accepted: int = 0
    answered: int = 0
    seconds: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    recorded_once: bool = False
    duplicates: int = 0
    wrong_reply_counts: int = 0  # patients who got more or fewer replies than messages sent

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    @property
    def clean(self) -> bool:
        return (
            self.answered == self.accepted == self.messages
            and self.recorded_once
            and self.duplicates == 0
            and self.wrong_reply_counts == 0
        )


async def run(patients: int, messages: int, code: Path = h.ROOT) -> list[Load]:
    deliveries = r.Deliveries()
    bodies = [r.QUESTIONS[i % len(r.QUESTIONS)] for i in range(messages)]
    groups = {
        "baseline": [h.patient_phone(i) for i in range(patients)],
        "storm": [h.patient_phone(patients + i) for i in range(patients)],
    }
    warm_phones = [h.patient_phone(2 * patients + i) for i in range(WARM_UP)]
    loads = []
    async with h.sandbox() as fhir_url:
        await add_patients(fhir_url, 2 * patients + WARM_UP)
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
                for name, copies in (("baseline", 1), ("storm", COPIES)):
                    phones = groups[name]
                    loads.append(
                        await one_load(
                            name, copies, deployment.url, dsn, deliveries, phones, bodies
                        )
                    )
                procs.stop_all()  # before their database is dropped
    return loads


async def one_load(
    name: str,
    copies: int,
    url: str,
    dsn: str,
    deliveries: r.Deliveries,
    phones: list[str],
    bodies: list[str],
) -> Load:
    traffic = r.Traffic()
    started = time.perf_counter()
    async with h.client(min(len(phones) * copies, 128)) as http:
        await asyncio.gather(
            *(r.patient(http, lambda: url, deliveries, traffic, p, bodies, copies) for p in phones)
        )
    load = Load(name, copies, seconds=time.perf_counter() - started)
    await asyncio.sleep(5)  # room for a duplicate to show up, were there one
    accepted = traffic.accepted
    load.messages, load.accepted = len(traffic.messages), len(accepted)
    turns = [m.answered - m.sent for m in accepted if m.answered is not None]
    load.answered = len(turns)
    load.p50_ms = h.percentile(turns, 50) * 1000
    load.p99_ms = h.percentile(turns, 99) * 1000
    rows, distinct = await r.recorded(dsn, [m.sid for m in accepted])
    load.recorded_once = rows == distinct == len(accepted)
    load.duplicates = await r.duplicates(dsn, deliveries, set(phones))
    load.wrong_reply_counts = sum(1 for p in phones if len(deliveries.by_phone[p]) != len(bodies))
    return load


def report(loads: list[Load]) -> str:
    base, storm = loads
    rows = [
        [
            f"{x.name} (x{x.copies})",
            f"{x.answered} / {x.accepted}",
            x.recorded_once,
            x.duplicates,
            x.wrong_reply_counts,
            f"{x.per_second:.1f}",
            f"{x.p50_ms:.0f}",
            f"{x.p99_ms:.0f}",
        ]
        for x in loads
    ]
    figures = table(
        [
            "load",
            "answered / accepted",
            "recorded once",
            "duplicate replies",
            "patients with a wrong reply count",
            "answers/s",
            "p50 ms",
            "p99 ms",
        ],
        rows,
    )
    throughput = storm.per_second / base.per_second if base.per_second else float("nan")
    p99 = storm.p99_ms / base.p99_ms if base.p99_ms else float("nan")
    summary = table(
        ["", "figure", "target", "verdict"],
        [
            [
                "duplicate replies in the storm",
                storm.duplicates,
                "0",
                verdict(storm.duplicates == 0),
            ],
            [
                "every message answered once",
                f"{storm.answered} / {storm.messages}, {storm.wrong_reply_counts} patients off",
                "all, 0 off",
                verdict(storm.clean),
            ],
            ["storm throughput / baseline", f"{throughput:.2f}x", "reported", ""],
            ["storm p99 / baseline", f"{p99:.2f}x", "reported", ""],
        ],
    )
    return (
        f"{base.messages} messages per load; each load by "
        f"patients of its own, one message after another; the storm posts every webhook "
        f"{COPIES} times at once. serve + Celery worker (2 processes) + beat, PostgreSQL, "
        f"Redis, the FHIR sandbox, the Twilio stand-in.\n\n{figures}\n\n{summary}\n\n"
        f"Overall: {verdict(storm.clean and base.clean)}."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="40 patients, 3 messages")
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
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
        args.patients, args.messages = 40, 3
    loads = asyncio.run(run(args.patients, args.messages, args.code))
    if args.json:
        print(json.dumps([asdict(x) for x in loads], indent=2))
    text = report(loads)
    print(text)
    if not args.no_record:
        record("retry_storm", "Retry storm (every webhook delivered four times at once)", text)
    return 0 if all(x.clean for x in loads) else 1


if __name__ == "__main__":
    raise SystemExit(main())
