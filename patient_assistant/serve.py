"""`patient-assistant serve` and `demo`: the API under uvicorn, with the in-process job runner."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

import uvicorn

from api.app import create_app
from patient_assistant.bootstrap import Runtime, build, make_clock
from patient_assistant.jobs import InProcessJobs
from patient_assistant.sandbox_access import fhir_server
from patient_assistant.settings import Settings


async def serve(settings: Settings, host: str, port: int, now: dt.datetime | None, demo: bool) -> None:
    async with fhir_server(settings, now) as base_url:
        jobs: list[InProcessJobs] = []

        async def runtime_factory() -> Runtime:
            runtime = await build(settings, fhir_base_url=base_url, clock=make_clock(now))
            if not settings.redis_url:
                # Embedded default: retries and other due work run inside this process.
                jobs.append(InProcessJobs(runtime))
                jobs[0].start()
            return runtime

        app = create_app(settings, runtime_factory, web_chat=demo or settings.environment != "production")
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        if demo:
            print(f"FHIR sandbox: {base_url}", flush=True)
            print(f"Web chat:     http://{host}:{port}/chat", flush=True)
            print(f"API docs:     http://{host}:{port}/docs", flush=True)
            print("Ctrl-C stops.", file=sys.stderr, flush=True)
        try:
            await server.serve()
        finally:
            for job in jobs:
                await job.stop()


def main(settings: Settings, host: str, port: int, now: dt.datetime | None = None, demo: bool = False) -> int:
    try:
        asyncio.run(serve(settings, host, port, now, demo))
    except KeyboardInterrupt:
        return 130
    return 0
