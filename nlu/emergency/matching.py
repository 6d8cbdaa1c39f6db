"""Searching the lexicon fast: only the patterns whose words are in the message are run.

Each category of the lexicon is one alternation ``p1|p2|...``, and Python's ``re`` tries every
branch at every position of the message: on a long message the self-harm table alone took about
0.6 ms, although only a handful of its 200 patterns could match at all. ``nlu.literals`` tells,
from the literal words each pattern needs, which patterns may match the message; the others are
never run, and a category with none left costs nothing.

The search over the patterns that remain (:class:`CategorySearch`) gives exactly the
alternation's match: the leftmost start, and at that start the first pattern in table order,
which is what ``re`` returns for ``p1|p2|...`` when nothing follows the alternation.

The patterns are compiled the first time a message may need them (:class:`Patterns`,
:class:`Alternations`), not when the lexicon is imported: compiling the whole lexicon twice
(each pattern, and each category's alternation) cost about 0.7 s of CPU in every process that
loads the NLU, and a process sees the words of only a few of its patterns (bench/startup.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from nlu.literals import LiteralIndex


class Patterns(Sequence[re.Pattern[str]]):
    """Regex sources, each compiled the first time it is asked for, and kept."""

    def __init__(self, sources: Sequence[str]) -> None:
        self.sources = tuple(sources)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def compiled(self) -> int:
        """How many of the patterns have been compiled so far."""
        return sum(p is not None for p in self._compiled)

    @overload
    def __getitem__(self, i: int) -> re.Pattern[str]: ...

    @overload
    def __getitem__(self, i: slice) -> list[re.Pattern[str]]: ...

    def __getitem__(self, i: int | slice) -> re.Pattern[str] | list[re.Pattern[str]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        found = self._compiled[i]
        if found is None:
            found = self._compiled[i] = re.compile(self.sources[i])
        return found


class Alternations(Mapping[str, re.Pattern[str]]):
    """Each category's patterns joined into one ``(?:p1)|(?:p2)|...``, compiled on first use."""

    def __init__(self, table: Mapping[str, Sequence[str]]) -> None:
        self._sources = {cat: "|".join(f"(?:{p})" for p in pats) for cat, pats in table.items()}
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __getitem__(self, category: str) -> re.Pattern[str]:
        found = self._compiled.get(category)
        if found is None:
            found = self._compiled[category] = re.compile(self._sources[category])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)


class PatternTable:
    """A category -> patterns table, searchable as one alternation per category."""

    def __init__(self, alternations: Alternations, parts: Mapping[str, Patterns]) -> None:
        """``alternations[c]`` is ``parts[c]`` joined by ``|`` (both as the lexicon compiles them,
        on first use: neither is compiled here)."""
        self.alternations = alternations
        self.parts = dict(parts)
        self._owners = [(cat, i) for cat, ps in self.parts.items() for i in range(len(ps))]
        # Built on first use (a few tenths of a second: every pattern is parsed), so that importing
        # the package stays cheap; ``NLU.load`` warms it with its first parse.
        self._index: LiteralIndex | None = None

    def live(self, text: str) -> dict[str, list[int]]:
        """For each category that may match ``text``, in table order, the indices of its patterns that may."""
        if self._index is None:
            # From the sources: the index parses each pattern, it needs none compiled.
            self._index = LiteralIndex([p for ps in self.parts.values() for p in ps.sources])
        out: dict[str, list[int]] = {}
        for flat in self._index.live(text):
            cat, i = self._owners[flat]
            out.setdefault(cat, []).append(i)
        return out

    def search(self, category: str, live: Sequence[int], text: str) -> CategorySearch:
        """A search over ``category``'s patterns that may match ``text`` (``live``)."""
        parts = self.parts[category]
        whole = self.alternations[category] if len(live) == len(parts) else None
        return CategorySearch(text, tuple(parts[i] for i in live), whole)


_UNSEARCHED: Any = object()


class CategorySearch:
    """``alternation.search(text, pos)`` over the live patterns alone, for increasing ``pos``.

    Each pattern's next match is kept and searched again only once ``pos`` has passed its
    start, so a scan along the message runs each pattern about once.
    """

    def __init__(
        self,
        text: str,
        parts: tuple[re.Pattern[str], ...],
        alternation: re.Pattern[str] | None = None,
    ) -> None:
        """``parts``: the live patterns in table order; ``alternation``: all of them joined, when all are live."""
        self.text = text
        self.parts = parts
        self._alternation = alternation
        self._next: list[Any] = [_UNSEARCHED] * len(parts)

    def search(self, pos: int) -> re.Match[str] | None:
        """The match ``p1|p2|...`` (all patterns, in table order) would find from ``pos``."""
        if self._alternation is not None:
            return self._alternation.search(self.text, pos)
        best = None
        for i, p in enumerate(self.parts):
            m = self._next[i]
            if m is _UNSEARCHED or (m is not None and m.start() < pos):
                m = self._next[i] = p.search(self.text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def others_at(self, m: re.Match[str]) -> Iterator[re.Match[str]]:
        """Matches of the live patterns starting where ``m`` does but ending elsewhere, in order, one at a time."""
        for p in self.parts:
            mm = p.match(self.text, m.start())
            if mm and mm.end() != m.end():
                yield mm
