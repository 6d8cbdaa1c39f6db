"""Where a turn's CPU goes: the booking turns of bench/turns.py run in this process, under cProfile.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/turn_profile.py \
        [--patients 40] [--top 40] [--sort tottime|cumtime] [--redis] [--out /tmp/turns.prof]

The runtime is the one a Celery worker builds (`bootstrap.build` with production settings,
PostgreSQL, the FHIR sandbox; `--redis` adds the Redis locks and rate limiter), and each turn
is what a worker does for it: `Assistant.receive` (the webhook's part) then
`Assistant.process(..., hand_over=True)` sending the replies once written with
`OutboxSender.drain` (the worker's task), one patient after another.
No Celery, HTTP server or webhook parsing: their share is what bench/turns.py measures beyond
this. Prints CPU per turn, SQL statements and BEGIN/COMMIT round trips per turn (counted by
SQLAlchemy's event hooks) and the profile's top functions; `--statements` also prints how
often each statement ran per turn (its text's start: no values, which are never logged).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import datetime as dt
import io
import os
import pstats
import random
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from bench import harness as h
from bench.turns import DAYS, SERVICES, add_patients


async def run(args: argparse.Namespace) -> None:
    from bot.messages import Inbound
    from patient_assistant.bootstrap import build
    from patient_assistant.settings import Settings

    async with (
        h.sandbox() as fhir_url,
        h.fresh_database() as dsn,
        h.redis_prefix() as prefix,
        h.twilio_api(lambda _to: None) as twilio_url,
    ):
        await add_patients(fhir_url, args.patients)
        env = h.deployment_env(dsn, prefix if args.redis else None, fhir_url, twilio_url)
        os.environ.update(env)
        if not args.redis:
            for key in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE"):
                os.environ.pop(key, None)
        settings = Settings()
        runtime = await build(settings, fhir_base_url=fhir_url)
        assert runtime.channels is not None
        assistant, sender = runtime.assistant, runtime.channels.sender
        statements = [0, 0]  # statements; BEGINs and COMMITs (round trips of their own)
        by_text: collections.Counter[str] = collections.Counter()
        engine = runtime.storage.engine.sync_engine

        @event.listens_for(engine, "before_cursor_execute")
        def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            statements[0] += 1
            if args.statements:
                by_text[" ".join(statement.split())[:110]] += 1

        @event.listens_for(engine, "begin")
        @event.listens_for(engine, "commit")
        @event.listens_for(engine, "rollback")
        def count_transaction(connection: Any, *_: Any) -> None:
            # In autocommit SQLAlchemy still "begins", but the driver sends nothing.
            if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
                statements[1] += 1

        if args.statements:  # Redis round trips too, by command (names only)
            from redis.asyncio.client import Pipeline, Redis

            one, piped = Redis.execute_command, Pipeline.execute

            async def counted(self: Any, *words: Any, **options: Any) -> Any:
                by_text[f"redis {words[0]}"] += 1
                return await one(self, *words, **options)

            async def counted_pipeline(self: Any, *a: Any, **k: Any) -> Any:
                by_text[
                    f"redis pipeline: {' '.join(str(c[0][0]) for c in self.command_stack)}"
                ] += 1
                return await piped(self, *a, **k)

            Redis.execute_command = counted  # type: ignore[method-assign]
            Pipeline.execute = counted_pipeline  # type: ignore[method-assign]

        rng = random.Random(7)

        async def turn(phone: str, body: str) -> None:
            message = Inbound(
                practice_id=settings.practice_id,
                channel="sms",
                address=phone,
                text=body,
                provider_message_id="SM" + uuid.uuid4().hex,
                received_at=dt.datetime.now(dt.UTC),
            )
            conversation_id = await assistant.receive(message)
            assert conversation_id is not None
            # As the worker's task: hand-over steps, and the replies sent once written.
            await assistant.process(conversation_id, send, hand_over=True)

        async def send(_: Any) -> None:
            await sender.drain()

        # Warm up (runtime caches, the model's first parse) on patients beyond the profiled ones.
        for i in range(args.patients, args.patients + 3):
            await turn(h.patient_phone(i), "hi")
        # The process's CPU clock, not the wall clock: on a busy machine waiting for a core
        # would otherwise be charged to whatever function was running (socket sends above all).
        profile = cProfile.Profile(time.process_time)
        statements[0] = statements[1] = 0
        by_text.clear()
        turns = 0
        cpu, wall = time.process_time(), time.perf_counter()
        if not args.no_cprofile:
            profile.enable()
        for i in range(args.patients):
            first = f"can I book a {rng.choice(SERVICES)} {rng.choice(DAYS)}?"
            for body in (first, "1", "yes"):
                await turn(h.patient_phone(i), body)
                turns += 1
        profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        await runtime.aclose()
    print(
        f"{turns} turns: {cpu * 1000 / turns:.1f} ms CPU per turn, "
        f"{wall * 1000 / turns:.1f} ms wall, {statements[0] / turns:.1f} SQL statements and "
        f"{statements[1] / turns:.1f} BEGIN/COMMIT per turn"
    )
    for text, n in by_text.most_common():
        print(f"{n / turns:6.2f}  {text}")
    if args.no_cprofile:
        return
    if args.out:
        profile.dump_stats(args.out)
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=40)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--redis", action="store_true", help="Redis locks and rate limits")
    parser.add_argument("--out", help="write the cProfile data here")
    parser.add_argument(
        "--statements", action="store_true", help="each SQL statement's runs per turn"
    )
    parser.add_argument(
        "--no-cprofile", action="store_true", help="CPU per turn only (or profile with py-spy)"
    )
    asyncio.run(run(parser.parse_args()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
