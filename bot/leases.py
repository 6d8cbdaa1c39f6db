"""Keeping a claim's lease while its holder is alive and at work.

Outbox messages and due jobs are claimed with a lease (bot/outbox/sender.py, bot/jobs.py): a
holder that dies leaves them to the next claimer once the lease lapses. A short lease makes a
crash cost seconds, not minutes, but a batch may take longer than that to work through (a slow
provider, a slow record system); so while the holder works, `kept` renews the lease of what it
still holds every third of the lease. A living holder keeps its claims; a dead one's lapse
within one lease. Renewal costs nothing on the fast path: a batch done within a third of the
lease never renews.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

from bot.logs import bind

log = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def kept(renew: Callable[[], Awaitable[object]], lease_seconds: float) -> AsyncIterator[None]:
    """Run the body, calling `renew` every third of `lease_seconds` until it ends."""
    keeper = asyncio.create_task(_keep(renew, lease_seconds / 3), name="lease-keeper")
    try:
        yield
    finally:
        keeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await keeper


async def _keep(renew: Callable[[], Awaitable[object]], every: float) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await renew()
        except Exception as e:  # noqa: BLE001 - the next renewal tries again; at worst it lapses
            bind(log, job="lease-keeper").failure("renewing a lease failed", e)
