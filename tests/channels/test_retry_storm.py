"""Every webhook delivered four times at once (same MessageSid, same signature) while
patients text: each message recorded once and answered once, no duplicate reply. The
benchmark's run (bench/retry_storm.py) at a small size, through serve, a Celery worker and
beat as real processes."""

from __future__ import annotations

import pytest

from bench import retry_storm

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.fhir,
    pytest.mark.slow,
    pytest.mark.nlu_model,
]


async def test_every_delivery_replayed_three_times_at_once_is_answered_once(nlu: object) -> None:
    baseline, storm = await retry_storm.run(patients=12, messages=3)

    assert storm.copies == 4
    for load in (baseline, storm):
        assert load.accepted == load.answered == load.messages == 12 * 3
        assert load.recorded_once
        assert load.duplicates == 0
        assert load.wrong_reply_counts == 0  # one reply per message, per patient
