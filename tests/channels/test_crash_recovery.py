"""kill -9 of the API process and of the Celery worker while patients text: every accepted
message answered, every job that fell due during the outage run, duplicates no more than the
messages in flight at the kills. The benchmark's run (bench/crash_recovery.py) at a small
size: the production shape as the product runs it (serve, worker, beat, PostgreSQL, Redis,
the FHIR sandbox, the Twilio stand-in), all as real processes."""

from __future__ import annotations

import math

import pytest

from bench import crash_recovery

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.fhir,
    pytest.mark.slow,
    pytest.mark.nlu_model,
]


async def test_killed_api_and_worker_lose_no_message_and_no_job(nlu: object) -> None:
    # A patient waits up to ten minutes for each answer: what a worker's restart costs on a
    # busy machine (imports, the NLU model) is the benchmark's to measure, not this test's.
    outcome = await crash_recovery.run(
        patients=16, messages=3, job_patients=3, pause=0.5, reply_wait=600
    )

    assert outcome.accepted == outcome.messages == 16 * 3  # each retried until accepted
    assert outcome.answered == outcome.accepted  # none lost at either kill
    assert outcome.recorded_once
    assert outcome.unsent_replies == 0
    assert outcome.jobs == 3
    assert outcome.jobs_done == outcome.job_notices == 3  # due during the outage, each run once
    assert outcome.duplicates <= outcome.in_flight
    [api, worker] = outcome.kills
    # The API sends nothing, so its kill repeats no reply; but duplicates are counted by the
    # window they fall in, and a reply the worker sent in this one whose answer the stand-in
    # gave after the client's time-out (a loaded machine) is sent again and counted here.
    assert api.duplicates <= api.in_flight
    # Answered after the restarts (within the generous wait; the 30 s target is the
    # benchmark's to measure).
    assert math.isfinite(api.recovery_seconds) and math.isfinite(worker.recovery_seconds)
    assert math.isfinite(outcome.job_recovery_seconds)
