"""Staff-event nudges over Redis pub/sub (bot/staff_events.py): after a commit that wrote
staff events, any process publishes a tiny message; each API process with an open staff
stream listens and reads the table at once. Pub/sub delivers to whoever listens at that
moment and keeps nothing, which is all a nudge needs: the events themselves are in the
database, and readers poll as well."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection

from redis.asyncio import Redis

log = logging.getLogger(__name__)

#: Wait before listening again after Redis went away.
RECONNECT_SECONDS = 1.0


class RedisNudges:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis = redis
        self.channel = f"{prefix}staff-events"

    async def publish(self, practices: Collection[str]) -> None:
        """Practice ids only (configuration, not PHI), for whoever cares to filter."""
        await self.redis.publish(self.channel, ",".join(sorted(practices)))

    async def listen(self, wake: Callable[[], None]) -> None:
        """Call `wake()` at each nudge, until cancelled; survives Redis restarts."""
        while True:
            try:
                async with self.redis.pubsub(ignore_subscribe_messages=True) as pubsub:
                    await pubsub.subscribe(self.channel)
                    wake()  # anything published while (re)subscribing is read now
                    async for message in pubsub.listen():
                        if message is not None:
                            wake()
            except asyncio.CancelledError:
                raise
            except Exception as e:  # noqa: BLE001 - readers poll meanwhile
                log.warning("staff event nudges lost (%s); listening again", type(e).__name__)
                await asyncio.sleep(RECONNECT_SECONDS)
