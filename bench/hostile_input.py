"""Hostile input: schemathesis over the whole OpenAPI of the real app, across two practices.

    .venv/bin/python bench/hostile_input.py                  # >= 10,000 cases
    .venv/bin/python bench/hostile_input.py --cases 8 --only 'staff'   # a quick look

The app runs as `serve` wires it (PostgreSQL, Redis, each practice on its own FHIR sandbox)
with Riverside (A) and Thameside (B), each with a staff and an admin account and an escalated
conversation; B has saved flow versions. Every operation is fuzzed with valid and invalid
cases, with no credentials and with A's staff and admin tokens, and cases are aimed at B's
conversations and versions (tests/security/fuzz.py). Counted: cases per operation, 5xx
answers, answers that do not conform to the schema, answers that show A anything of B's, and
whether B's data is unchanged at the end. These are counts, so no baseline applies: the
target is zero of each.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import harness as h
from bench.results import record, table, verdict

MIN_CASES = 10_000


async def main(args: argparse.Namespace) -> int:
    from nlu.pipeline import NLU
    from patient_assistant.sandbox import Sandbox
    from patient_assistant.seed_practice import THAMESIDE, seed_practice
    from tests.security.fuzz import HEAVY, fuzz, report_lines
    from tests.security.rig import two_practices
    from tests.support.fhir import TEST_NOW

    only = re.compile(args.only) if args.only else None
    nlu = NLU.load()
    with tempfile.TemporaryDirectory(prefix="pa-hostile-") as tmp:
        async with (
            Sandbox(Path(tmp) / "riverside", now=TEST_NOW) as riverside,
            Sandbox(Path(tmp) / "thameside", now=TEST_NOW, seed=False) as thameside,
            h.fresh_database() as dsn,
            h.redis_prefix() as prefix,
        ):
            await seed_practice(thameside.base_url, THAMESIDE, thameside.now)
            db = dsn.replace("postgresql://", "postgresql+asyncpg://", 1)
            async with two_practices(
                db, h.REDIS_URL, prefix, riverside.base_url, thameside.base_url, nlu
            ) as rig:
                before = await rig.snapshot_b()
                tally = None
                deadline = time.monotonic() + args.minutes * 60
                for round_ in range(args.rounds):
                    tally = await asyncio.to_thread(
                        fuzz,
                        rig,
                        args.cases,
                        seed=args.seed + round_,
                        only=(lambda label: bool(only.search(label))) if only else (lambda _: True),
                        progress=lambda line: print(line, flush=True),
                        tally=tally,
                        heavy=not args.light,
                    )
                    print(f"round {round_ + 1}: {tally.total} cases so far", flush=True)
                    if tally.total >= MIN_CASES or time.monotonic() > deadline:
                        break
                assert tally is not None
                unchanged = await rig.snapshot_b() == before
    for line in report_lines(tally):
        print(line)
    # Answers, not findings (one 5xx fails two checks); a dropped connection counts as one.
    five = sum(n for by in tally.statuses.values() for code, n in by.items() if code >= 500)
    five += sum(1 for f in tally.findings if f.kind == "5xx" and f.status == 0)
    schema, cross = tally.count("schema"), tally.count("cross-practice")
    timeouts = tally.count("timeout")
    print(
        f"{tally.total} cases in {tally.seconds:.0f} s: {five} 5xx, {schema} schema, "
        f"{cross} cross-practice, {timeouts} timeouts; B's data unchanged: {unchanged}"
    )
    met = five == 0 and cross == 0 and unchanged and tally.total >= MIN_CASES
    if not args.only:
        rows = [
            [
                f"`{label}`",
                n,
                ", ".join(f"{k}: {v}" for k, v in sorted(tally.statuses[label].items())),
            ]
            for label, n in sorted(tally.cases.items())
        ]
        body = "\n".join(
            [
                table(
                    ["figure", "value", "target", "verdict"],
                    [
                        [
                            "cases run",
                            tally.total,
                            f">= {MIN_CASES:,}",
                            verdict(tally.total >= MIN_CASES),
                        ],
                        ["5xx answers", five, "0", verdict(five == 0)],
                        ["answers crossing practices", cross, "0", verdict(cross == 0)],
                        ["B's data unchanged at the end", unchanged, "yes", verdict(unchanged)],
                        ["answers not as the schema declares", schema, "0", verdict(schema == 0)],
                        ["no answer in time", timeouts, "0", verdict(timeouts == 0)],
                        ["time", f"{tally.seconds:.0f} s", "", ""],
                    ],
                ),
                "",
                (
                    "Counts, not ratios: no baseline applies. Each operation is fuzzed with "
                    "valid "
                    "and invalid cases, with no credentials and with practice A's staff and admin "
                    f"tokens; half the cases that name a conversation or version name one of B's. "
                    f"Operations that start FHIR sandboxes per case ({', '.join(sorted(HEAVY))}) "
                    + (
                        "were called only without a token and with the staff token (`--light`)"
                        if args.light
                        else "run a few cases each"
                    )
                    + "; the staff event stream is not fuzzed (it never ends)."
                ),
                "",
                table(["operation", "cases", "answers by status"], rows),
            ]
        )
        print(record("hostile_input", "Hostile input (schemathesis over the OpenAPI)", body))
    return 0 if met else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cases",
        type=int,
        default=24,
        help="cases per operation, identity and round (valid and invalid)",
    )
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--light",
        action="store_true",
        help="call the operations that start sandboxes only without a token or an admin's",
    )
    parser.add_argument("--rounds", type=int, default=100, help="rounds (other seeds) at most")
    parser.add_argument(
        "--minutes", type=float, default=60, help="start no new round after this long"
    )
    parser.add_argument("--only", help="a regex: fuzz only the operations it finds")
    sys.exit(asyncio.run(main(parser.parse_args())))
