"""Composing free 15-minute slots into bookable openings, and the practice's hours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from domain.model import Opening, Slot

SLOT_MINUTES = 15


def openings(slots: Iterable[Slot], minutes: int) -> list[Opening]:
    """Every start where one practitioner at one location has enough consecutive free slots.

    A service of `minutes` needs ceil(minutes / slot length) back-to-back free slots
    (a 20-minute consult occupies two 15-minute slots). Openings are sorted by start.
    """
    runs: dict[tuple[str, str], list[Slot]] = defaultdict(list)
    for slot in slots:
        if slot.free:
            runs[(slot.practitioner_id, slot.location_id)].append(slot)
    found: list[Opening] = []
    for (practitioner_id, location_id), own in runs.items():
        own.sort(key=lambda s: s.start)
        for i, first in enumerate(own):
            chain = [first]
            for nxt in own[i + 1 :]:
                if chain[-1].end - first.start >= dt.timedelta(minutes=minutes):
                    break
                if nxt.start != chain[-1].end:
                    break
                chain.append(nxt)
            if chain[-1].end - first.start >= dt.timedelta(minutes=minutes):
                found.append(
                    Opening(
                        start=first.start,
                        end=first.start + dt.timedelta(minutes=minutes),
                        practitioner_id=practitioner_id,
                        location_id=location_id,
                        slots=tuple(chain),
                    )
                )
    found.sort(key=lambda o: (o.start, o.practitioner_id, o.location_id))
    return found


def spread(candidates: list[Opening], count: int, spaced: bool = True) -> list[Opening]:
    """Pick up to `count` openings in the order given, spread across distinct start times.

    Offering 09:00, 09:15 and 09:30 for "Friday morning" is less useful than 09:00, 10:15
    and 11:30: the first candidate is always kept, the rest are taken evenly across the
    remaining distinct starts. Duplicated starts (two clinicians) fill up only at the end.
    With spaced=False (candidates sorted by closeness to a time asked for) the first
    distinct starts are kept as they are.
    """
    if count <= 0:
        return []
    distinct: list[Opening] = []
    seen: set[dt.datetime] = set()
    for opening in candidates:
        if opening.start not in seen:
            distinct.append(opening)
            seen.add(opening.start)
    if spaced and len(distinct) > count:
        step = (len(distinct) - 1) / (count - 1) if count > 1 else 0
        distinct = [distinct[round(i * step)] for i in range(count)]
    chosen = distinct[:count]
    for opening in candidates:
        if len(chosen) >= count:
            break
        if opening not in chosen:
            chosen.append(opening)
    return chosen
