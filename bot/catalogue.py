"""The practice's catalogue (services, people, sites, hours), read from the record system
and kept for a few minutes so a conversation does not cost four FHIR searches per message."""

from __future__ import annotations

import asyncio
import datetime as dt

from dialogs.context import Catalogue
from domain.ports import Clock, PracticeDirectory

TTL = dt.timedelta(minutes=5)


class CatalogueCache:
    def __init__(self, directory: PracticeDirectory, clock: Clock) -> None:
        self.directory, self.clock = directory, clock
        self._value: Catalogue | None = None
        self._read_at: dt.datetime | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> Catalogue:
        async with self._lock:
            now = self.clock.now()
            if self._value is None or self._read_at is None or now - self._read_at > TTL or now < self._read_at:
                d = self.directory
                self._value = Catalogue(
                    practice=await d.practice(),
                    services=tuple(await d.services()),
                    practitioners=tuple(await d.practitioners()),
                    locations=tuple(await d.locations()),
                )
                self._read_at = now
            return self._value
