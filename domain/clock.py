"""Clocks. The assistant reads time only through one of these, so tests and `--now` can fix it."""

from __future__ import annotations

import datetime as dt


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class FixedClock:
    """A clock that starts at a given instant and moves on with real time.

    `chat --now 2026-03-02T09:00` fixes "today", yet holds expire and messages keep
    their order as they would in life. `advance()` lets tests jump ahead.
    """

    def __init__(self, start: dt.datetime, ticking: bool = True) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware start")
        self._start = start
        self._offset = dt.timedelta()
        self._anchor = dt.datetime.now(dt.UTC)
        self._ticking = ticking

    def now(self) -> dt.datetime:
        elapsed = dt.datetime.now(dt.UTC) - self._anchor if self._ticking else dt.timedelta()
        return self._start + self._offset + elapsed

    def advance(self, delta: dt.timedelta) -> None:
        self._offset += delta
