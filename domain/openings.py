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


def spread(candidates: list[Opening], count: int) -> list[Opening]:
    """Pick up to `count` openings, preferring distinct start times.

    Offering 09:00, 09:00 and 09:15 with two doctors is less useful than 09:00,
    09:15 and 09:30; duplicates of a start are used only when nothing else is left.
    """
    chosen: list[Opening] = []
    seen: set[dt.datetime] = set()
    for opening in candidates:
        if opening.start not in seen:
            chosen.append(opening)
            seen.add(opening.start)
        if len(chosen) == count:
            return chosen
    for opening in candidates:
        if opening not in chosen:
            chosen.append(opening)
        if len(chosen) == count:
            break
    return sorted(chosen, key=lambda o: o.start)
