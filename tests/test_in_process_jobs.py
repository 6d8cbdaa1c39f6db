"""The embedded default's job loop: a round that fails is logged and the next round still runs."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from patient_assistant.jobs import DueWork, InProcessJobs


class FailsOnce(InProcessJobs):
    """The loop around a due-work round that fails the first time (FHIR down, say)."""

    def __init__(self) -> None:
        super().__init__(runtime=None, interval_seconds=0.01)  # type: ignore[arg-type]
        self.rounds = 0
        self.second_round = asyncio.Event()

    async def run_due(self) -> DueWork:
        self.rounds += 1
        if self.rounds == 1:
            raise ConnectionError("record system unreachable")
        self.second_round.set()
        return DueWork(replies=0, invited=0)


async def test_a_failed_round_is_logged_and_the_loop_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    jobs: Any = FailsOnce()
    with caplog.at_level(logging.WARNING):
        jobs.start()
        try:
            await asyncio.wait_for(jobs.second_round.wait(), 30)
        finally:
            await jobs.stop()
    assert jobs.rounds >= 2
    failures = [r for r in caplog.records if "a round failed" in r.getMessage()]
    assert failures and "unreachable" not in failures[0].getMessage()  # the type, never the message
