"""Matching what a patient wrote to the practice's catalogue: services, practitioners, locations.

The NLU finds the span ("the physio", "checkup"); which of *this* practice's services or
people it means is decided here, forgivingly (case, punctuation, small typos).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

from domain.model import Location, Practitioner, Service

T = TypeVar("T", Service, Practitioner, Location)

_TITLES = re.compile(r"\b(dr|doctor|doc|mr|mrs|ms|miss|nurse|the|a|an|my|with|see)\b\.?")


def normalise(text: str) -> str:
    text = text.lower().replace("-", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _names(item: Service | Practitioner | Location) -> list[str]:
    names = [item.name, *item.synonyms]
    if isinstance(item, Practitioner):
        # "Dr. Amara Patel" is also "Patel", "Amara", "Dr Patel".
        bare = _TITLES.sub(" ", normalise(item.name)).split()
        names += bare + [" ".join(bare)]
    return [normalise(n) for n in names if n]


def best_match(text: str, items: Sequence[T], cutoff: float = 0.82) -> T | None:
    """The item a span names, or None. Exact name or synonym first, then a close spelling."""
    wanted = normalise(text)
    stripped = _TITLES.sub(" ", wanted).strip()
    stripped = re.sub(r"\s+", " ", stripped)
    for item in items:
        names = _names(item)
        if wanted in names or (stripped and stripped in names):
            return item
    scored: list[tuple[float, int]] = []
    for index, item in enumerate(items):
        for name in _names(item):
            for probe in {wanted, stripped}:
                if probe:
                    scored.append((difflib.SequenceMatcher(None, probe, name).ratio(), index))
    if scored:
        score, index = max(scored)
        if score >= cutoff:
            return items[index]
    return None


def find_in_text(text: str, items: Iterable[T]) -> T | None:
    """An item named anywhere in a whole message (used when the NLU tagged no span).

    Whole-word matches only, longest name first, so "physiotherapy" wins over "physio".
    """
    words = f" {normalise(text)} "
    candidates: list[tuple[int, T]] = []
    for item in items:
        for name in _names(item):
            if len(name) >= 3 and f" {name} " in words:
                candidates.append((len(name), item))
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]
