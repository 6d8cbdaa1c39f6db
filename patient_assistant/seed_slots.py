"""Slots of the demo practice, generated from its PractitionerRoles relative to a clock.

Each Schedule in data/fhir/practice.json shares its identifier value with the
PractitionerRole whose availableTime it follows ("amara-patel-downtown"). Slots are
15-minute units for the next DAYS days from `now`'s date, only those starting after
`now`. About a third are busy (bookings the demo does not model), chosen by a hash of
the slot's identifier so that every run with the same clock makes the same practice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from adapters.fhir.http import Json

SLOT_SYSTEM = "https://riverside.example/fhir/slot"
SCHEDULE_SYSTEM = "https://riverside.example/fhir/schedule"
ROLE_SYSTEM = "https://riverside.example/fhir/practitioner-role"
SLOT_MINUTES = 15
DAYS = 28
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def slot_key(schedule_key: str, start: dt.datetime) -> str:
    """The identifier value of a slot: its schedule and local start ("amara-patel-downtown-20260306-0900")."""
    return f"{schedule_key}-{start:%Y%m%d-%H%M}"


def is_busy(key: str) -> bool:
    """Deterministic: the same slot is busy in every seeding, about one in three."""
    return hashlib.sha256(key.encode()).digest()[0] % 3 == 0


def _value(resource: Json, system: str) -> str:
    return str(
        next(i["value"] for i in resource.get("identifier") or [] if i.get("system") == system)
    )


def _hours(role: Json) -> Iterator[tuple[str, dt.time, dt.time]]:
    for t in role.get("availableTime") or []:
        for day in t.get("daysOfWeek") or []:
            yield (
                day,
                dt.time.fromisoformat(t["availableStartTime"]),
                dt.time.fromisoformat(t["availableEndTime"]),
            )


def _exists(local: dt.datetime) -> bool:
    # 02:30 on the night clocks spring forward is no real instant; it would alias 03:30.
    return local.astimezone(dt.UTC).astimezone(local.tzinfo).replace(tzinfo=None) == local.replace(
        tzinfo=None
    )


def working_starts(role: Json, day: dt.date, zone: ZoneInfo) -> Iterator[dt.datetime]:
    """Every slot start of a role's working hours on one local day."""
    for weekday, opens, closes in _hours(role):
        if weekday != WEEKDAYS[day.weekday()]:
            continue
        start = dt.datetime.combine(day, opens, zone)
        while start.time() < closes and start.date() == day:
            if _exists(start):
                yield start
            # Aware arithmetic within one ZoneInfo is wall-clock: across a DST change 09:00 stays 09:00.
            start += dt.timedelta(minutes=SLOT_MINUTES)


def slot_entries(
    practice: Json,
    schedule_ids: dict[str, str],
    now: dt.datetime,
    zone: ZoneInfo,
    keep_free: frozenset[str] = frozenset(),
    days: int = DAYS,
) -> list[Json]:
    """Conditional-create entries for every slot; `schedule_ids` maps schedule identifier value -> id."""
    resources = [e["resource"] for e in practice["entry"]]
    roles = {
        _value(r, ROLE_SYSTEM): r for r in resources if r["resourceType"] == "PractitionerRole"
    }
    today = now.astimezone(zone).date()
    entries = []
    for schedule in (r for r in resources if r["resourceType"] == "Schedule"):
        key = _value(schedule, SCHEDULE_SYSTEM)
        for offset in range(days):
            for start in working_starts(roles[key], today + dt.timedelta(days=offset), zone):
                if start <= now:
                    continue
                ident = slot_key(key, start)
                end = start + dt.timedelta(minutes=SLOT_MINUTES)
                entries.append(
                    {
                        "resource": {
                            "resourceType": "Slot",
                            "identifier": [{"system": SLOT_SYSTEM, "value": ident}],
                            "schedule": {"reference": f"Schedule/{schedule_ids[key]}"},
                            "status": "busy"
                            if is_busy(ident) and ident not in keep_free
                            else "free",
                            "start": start.isoformat(timespec="seconds"),
                            "end": end.isoformat(timespec="seconds"),
                            "serviceType": schedule.get("serviceType") or [],
                        },
                        "request": {
                            "method": "POST",
                            "url": "Slot",
                            "ifNoneExist": f"identifier={SLOT_SYSTEM}|{ident}",
                        },
                    }
                )
    return entries
