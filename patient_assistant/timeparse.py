"""Reading --now: ISO-8601; without a UTC offset it is wall-clock time in the practice's zone."""

from __future__ import annotations

import argparse
import datetime as dt
from zoneinfo import ZoneInfo


def parse_now(value: str | None, timezone: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(
            f"--now must be ISO-8601 like 2026-03-02T09:00:00, not {value!r}"
        ) from e
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))
