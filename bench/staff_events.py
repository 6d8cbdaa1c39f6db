"""How soon a staff member's open event stream (`GET /staff/api/events`) shows a new urgent
escalation, against the patient's own reply from the same turn, in the same run.

Run:
    PATIENT_ASSISTANT_MODEL_DIR=/path/to/models .venv/bin/python bench/staff_events.py
        [--messages 10] [--shape both|embedded|production]

Needs PostgreSQL (BENCH_PG) and Redis (BENCH_REDIS) as the other message-path benchmarks
(bench/harness.py); starts the FHIR sandbox, `serve` and, in production shape, a Celery
worker. A staff member signs in and opens the event stream; then, one at a time, patients
text an emergency by signed Twilio webhook. For each it records, from the webhook's post:

- ack: the webhook's answer (the message recorded),
- reply: the patient's first SMS reaching the Twilio stand-in (the emergency guidance, written
  in the turn's transaction and sent by the outbox sender, woken after that commit),
- stream: the `escalation_opened` event reaching the open stream (written in the same
  transaction; the stream's reader woken in process, or through Redis pub/sub from the worker).

It prints p50 and p90 of each and the ratios stream/reply (the staff console learns of the
emergency about when the patient gets their answer: near 1 or below) and stream/ack. The
first message is a warm-up (the worker's first turn loads the model) and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.harness import (
    CLI,
    ROOT,
    deployment_env,
    fresh_database,
    load_average,
    patient_phone,
    percentile,
    post,
    processes,
    redis_prefix,
    sandbox,
    signed,
    sms_fields,
    twilio_api,
)

EMERGENCY = "I have crushing chest pain and can't breathe"
EMAIL, PASSWORD = "bench@riverside.example", "front desk keeps the coffee warm"
WAIT = 120.0


class Stream:
    """The console's side: each `escalation_opened` with when it arrived."""

    def __init__(self) -> None:
        self.opened: asyncio.Queue[float] = asyncio.Queue()

    async def read(self, client: httpx.AsyncClient, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        async with client.stream("GET", "/staff/api/events", headers=headers) as response:
            response.raise_for_status()
            async for line in response.aiter_lines():
                if line.startswith("data:"):
                    data = json.loads(line.removeprefix("data:"))
                    if data["change"] == "escalation_opened":
                        await self.opened.put(time.monotonic())


async def run_shape(shape: str, messages: int, fhir: str) -> dict[str, list[float]]:
    texts: dict[str, list[float]] = defaultdict(list)
    replied: dict[str, asyncio.Event] = defaultdict(asyncio.Event)

    def on_message(to: str) -> None:  # the stand-in runs on this loop
        texts[to].append(time.monotonic())
        replied[to].set()

    measured: dict[str, list[float]] = {"ack": [], "reply": [], "stream": []}
    async with contextlib.AsyncExitStack() as stack:
        dsn = await stack.enter_async_context(fresh_database())
        prefix = await stack.enter_async_context(redis_prefix()) if shape == "production" else None
        twilio = await stack.enter_async_context(twilio_api(on_message))
        env = deployment_env(dsn, prefix, fhir, twilio)
        running = stack.enter_context(processes())
        url, _ = await running.serve(env)
        if shape == "production":
            running.worker(env)
        await asyncio.to_thread(
            subprocess.run,
            [*CLI, "staff", "add", EMAIL, "--practice", "riverside", "--role", "staff"],
            cwd=ROOT,
            env=env,
            input=f"{PASSWORD}\n".encode(),
            check=True,
            capture_output=True,
        )
        async with httpx.AsyncClient(base_url=url, timeout=WAIT) as client:
            signed_in = await client.post(
                "/staff/api/token", data={"username": EMAIL, "password": PASSWORD}
            )
            signed_in.raise_for_status()
            stream = Stream()
            reader = asyncio.create_task(stream.read(client, signed_in.json()["access_token"]))
            await asyncio.sleep(0.5)  # subscribed
            try:
                for i in range(messages + 1):
                    phone = patient_phone(9000 + i)
                    hook = signed(sms_fields(phone, EMERGENCY))
                    start = time.monotonic()
                    assert await post(client, url, hook) == 200
                    acked = time.monotonic()
                    arrived = await asyncio.wait_for(stream.opened.get(), WAIT)
                    await asyncio.wait_for(replied[phone].wait(), WAIT)
                    if i == 0:
                        continue  # the warm-up
                    measured["ack"].append(acked - start)
                    measured["stream"].append(arrived - start)
                    measured["reply"].append(texts[phone][0] - start)
                    await asyncio.sleep(0.3)  # one at a time: latency, not throughput
            finally:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                    await reader
    return measured


def report(shape: str, measured: dict[str, list[float]]) -> None:
    p50 = {k: percentile(v, 50) for k, v in measured.items()}
    p90 = {k: percentile(v, 90) for k, v in measured.items()}
    print(f"\n{shape} ({len(measured['stream'])} emergencies; load average {load_average()})")
    for key in ("ack", "reply", "stream"):
        print(f"  {key:<7} p50 {p50[key] * 1000:8.1f} ms   p90 {p90[key] * 1000:8.1f} ms")
    print(
        f"  stream/reply p50 {p50['stream'] / p50['reply']:.2f}   "
        f"stream/ack p50 {p50['stream'] / p50['ack']:.1f}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--shape", choices=["both", "embedded", "production"], default="both")
    args = parser.parse_args()
    shapes = ["embedded", "production"] if args.shape == "both" else [args.shape]
    async with sandbox() as fhir:
        for shape in shapes:
            report(shape, await run_shape(shape, args.messages, fhir))


if __name__ == "__main__":
    asyncio.run(main())
