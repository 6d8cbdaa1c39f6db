"""Matching what a patient wrote to the practice's catalogue: services, practitioners, locations.

The NLU finds the span ("the physio", "checkup"); which of *this* practice's services or
people it means is decided here, forgivingly (case, punctuation, small typos). Also here:
words with typos (`close_word`, whose cut-offs are written below), phrases in a message
(`find_phrases`, for the options of a form's question) and the services whose description
fits a need the patient describes (`suggest_services`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from dialogs.lay_words import NOT_DESCRIPTIVE
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
        names += [*bare, " ".join(bare)]
    return [_normalised_name(n) for n in names if n]


@lru_cache(maxsize=4096)
def _normalised_name(name: str) -> str:
    # The catalogue's names and synonyms are normalised for every span and message matched
    # against them (hundreds of times a turn); they are few and change rarely, so each is
    # normalised once. Only catalogue names come here, never what a patient wrote.
    return normalise(name)


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
            scored.extend(
                (difflib.SequenceMatcher(None, probe, name).ratio(), index)
                for probe in {wanted, stripped}
                if probe
            )
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
        candidates.extend(
            (len(name), item) for name in _names(item) if len(name) >= 3 and f" {name} " in words
        )
    if not candidates:
        return None
    return max(candidates, key=lambda c: c[0])[1]


# --- words as people type them ------------------------------------------------------------
#
# Cut-offs for a misspelt word, decided on the relationship and service words patients type:
# a word of 3 letters or fewer must be exact ("son" is not "sin"); otherwise it must begin
# with the same letter (people rarely mistype the first one, and "wife" must not be "life")
# and be at most 1 edit away (insert, delete, replace, or swap two neighbours: "husbnd",
# "parnet") when the shorter word has 4-6 letters, at most 2 edits when it has 7 or more
# ("physiotherpy"). "partner" and "parent" are 2 edits apart at 6 letters: never confused.


def edits(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def close_word(typed: str, word: str) -> bool:
    """Is `typed` the word `word`, allowing for a typo within the cut-offs above?"""
    if typed == word:
        return True
    shorter = min(len(typed), len(word))
    if shorter <= 3 or typed[0] != word[0] or abs(len(typed) - len(word)) > 2:
        return False
    return edits(typed, word) <= (1 if shorter <= 6 else 2)


def stem(word: str) -> str:
    """Plural and possessive endings off ("aches" -> "ache", "knees" -> "knee", "wife's" -> "wife")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _phrase_at(words: list[str], at: int, phrase: list[str]) -> int | None:
    """How many edits `phrase` is from the words at `at` (None: it is not there)."""
    if at + len(phrase) > len(words):
        return None
    total = 0
    for typed, wanted in zip(words[at : at + len(phrase)], phrase, strict=True):
        if typed == wanted or stem(typed) == wanted:
            continue
        if not close_word(typed, wanted):
            return None
        total += edits(typed, wanted)
    return total


def find_phrases(text: str, phrases: dict[str, int]) -> set[int]:
    """The ids of the phrases said in `text`, each allowing typos word by word.

    Where two found phrases overlap, the longer wins ("brother in law" names an in-law, not
    a brother; "none of these" is not "these"), then the closer spelling ("stepson" is the
    word "stepson", not "stepmom" two letters off).
    """
    words = normalise(text).split()
    found: list[tuple[int, int, int, int]] = []  # (-length, edits, start, id)
    for phrase, ident in phrases.items():
        parts = normalise(phrase).split()
        for at in range(len(words) if parts else 0):
            distance = _phrase_at(words, at, parts)
            if distance is not None:
                found.append((-len(parts), distance, at, ident))
    taken: set[int] = set()
    hits: set[int] = set()
    for negative_length, _, start, ident in sorted(found):
        span = set(range(start, start - negative_length))
        if span & taken:
            continue
        taken |= span
        hits.add(ident)
    return hits


# --- what a visit is for ---------------------------------------------------------------------


def _content_words(text: str) -> set[str]:
    return {stem(w) for w in normalise(text).split() if w not in NOT_DESCRIPTIVE and len(w) > 2}


def _same_word(said: str, known: str) -> bool:
    """close_word, or one word the start of the other from 5 letters on ("tired", "tiredness")."""
    if close_word(said, known):
        return True
    return min(len(said), len(known)) >= 5 and (said.startswith(known) or known.startswith(said))


def suggest_services(text: str, services: Sequence[Service]) -> list[Service]:
    """The services whose description fits what the patient says they need ("back pain"), best first.

    Each word the patient used that a service's description (or name, or synonyms) also has
    counts 1/n, n being how many services have it: "back" in one description says more
    than "pain" in three. Typos are allowed as for names (close_word). A service scoring under
    half the best is left out ("sore knee": physiotherapy, not a check-up for a sore throat).
    Ties keep the practice's order. Empty when nothing fits, or everything does.
    """
    vocabularies = [
        _content_words(" ".join((s.description, s.name, *s.synonyms))) for s in services
    ]
    said = _content_words(text)
    scores: list[float] = []
    for vocabulary in vocabularies:
        score = 0.0
        for word in said:
            if any(_same_word(word, known) for known in vocabulary):
                spread = sum(1 for v in vocabularies if any(_same_word(word, k) for k in v))
                score += 1 / spread
        scores.append(score)
    best = max(scores, default=0.0)
    ranked = sorted(
        (i for i, score in enumerate(scores) if score > 0 and score >= best / 2),
        key=lambda i: -scores[i],
    )
    if len(ranked) == len(services):
        return []
    return [services[i] for i in ranked]
