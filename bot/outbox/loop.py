"""The in-process sender loop of the embedded default (no Redis, no Celery): drains the
outbox when woken (replies were written) and again when a scheduled retry falls due."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from bot.logs import bind
from bot.outbox.sender import OutboxSender

log = logging.getLogger(__name__)


class Sending(Protocol):
    """What the rest of the process sees of an in-process sender: `SenderLoop`, or the
    embedded default's stand-in for the one on its turn thread."""

    def wake(self) -> None: ...

    def start(self) -> None: ...

    async def stop(self) -> None: ...


class SenderLoop:
    def __init__(self, sender: OutboxSender, poll_seconds: float = 5.0) -> None:
        self.sender, self.poll = sender, poll_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="outbox-sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            timeout = self.poll
            try:
                done = await self.sender.drain()
                if done.more:
                    timeout = 0.0  # stopped at its bound: more is due now
                elif done.wake_at is not None:
                    until = (done.wake_at - self.sender.clock.now()).total_seconds()
                    timeout = min(self.poll, max(until, 0.01))
            except Exception as e:  # noqa: BLE001 - one failed round must not stop sending
                bind(log, job="outbox-sender").failure("outbox sender round failed", e)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout)
            self._wake.clear()
