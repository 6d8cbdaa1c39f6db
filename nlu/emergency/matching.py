"""Searching the lexicon fast: only the patterns whose words are in the message are run.

Each category of the lexicon is one alternation ``p1|p2|...``, and Python's ``re`` tries every
branch at every position of the message: on a long message the self-harm table alone took about
0.6 ms, although only a handful of its 200 patterns could match at all. Every pattern needs some
literal text to match (``required_literals``: "chest" for ``\\bchest\\b...``, one of "crush" and
"squeez" for ``(?:crush|squeez)\\w*``), so one pass of a trie of all those literals over the
message says which patterns can match anywhere in it (``PatternTable.live``); the others are
never run, and a category with none left costs nothing.

The search over the patterns that remain (``CategorySearch``) gives exactly the alternation's
match: the leftmost start, and at that start the first pattern in table order, which is what
``re`` returns for ``p1|p2|...`` when nothing follows the alternation. A pattern whose literals
cannot be worked out (a case-insensitive flag, say) is always run, so the shortcut can only skip
work, never a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told.

    Read from the parsed pattern: a run of literal characters must appear as it is; an
    alternation needs one of its branches' strings; a group or a repeat of at least one needs
    its content's. Lookarounds, classes and optional parts are passed over. Of the sets a
    sequence offers, the one whose shortest string is longest is kept (the rarest, roughly).
    """
    try:
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError):
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    return _required(parsed)


def _required(seq: Any) -> frozenset[str] | None:
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        need: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            need = None if add_flags & re.IGNORECASE else _required(inner)
        elif op is _sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            need = None if any(b is None for b in branches) else frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in _REPEATS:
            low, _high, inner = av
            need = _required(inner) if low >= 1 else None
        elif _ATOMIC is not None and op is _ATOMIC:
            need = _required(av)
        if need:
            options.append(need)
    if run:
        options.append(frozenset({"".join(run)}))
    return max(options, key=lambda s: (min(map(len, s)), -len(s))) if options else None


def _trie_pattern(words: Sequence[str]) -> str:
    """A regex matching, at a position, the longest of ``words`` that starts there."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        kids = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class PatternTable:
    """A category -> patterns table, searchable as one alternation per category."""

    def __init__(self, alternations: Mapping[str, re.Pattern[str]], parts: Mapping[str, Sequence[re.Pattern[str]]]) -> None:
        """``alternations[c]`` is ``parts[c]`` joined by ``|`` (both as the lexicon compiles them)."""
        self.alternations = dict(alternations)
        self.parts = {cat: tuple(ps) for cat, ps in parts.items()}
        table = {cat: [p.pattern for p in ps] for cat, ps in self.parts.items()}
        self._always: dict[str, list[int]] = {cat: [] for cat in table}
        #: literal -> the (category, pattern index) pairs it lets through
        self._users: dict[str, list[tuple[str, int]]] = {}
        for cat, pats in table.items():
            for i, p in enumerate(pats):
                need = required_literals(p)
                if need is None:
                    self._always[cat].append(i)
                else:
                    for lit in need:
                        self._users.setdefault(lit, []).append((cat, i))
        literals = sorted(self._users)
        # The trie reports only the longest literal at each position; the shorter ones starting
        # there are its prefixes, so each literal stands for every literal it starts with.
        known = set(literals)
        self._prefixes = {w: [w[:k] for k in range(1, len(w) + 1) if w[:k] in known] for w in literals}
        self._finder = re.compile(f"(?=({_trie_pattern(literals)}))") if literals else None

    def live(self, text: str) -> dict[str, list[int]]:
        """For each category, the indices (in table order) of the patterns that may match in ``text``."""
        out = {cat: list(always) for cat, always in self._always.items()}
        if self._finder is not None:
            seen: set[str] = set()
            for m in self._finder.finditer(text):
                seen.update(self._prefixes[m.group(1)])
            for lit in seen:
                for cat, i in self._users[lit]:
                    out[cat].append(i)
        return {cat: sorted(set(idx)) for cat, idx in out.items() if idx}

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

    def __init__(self, text: str, parts: tuple[re.Pattern[str], ...], alternation: re.Pattern[str] | None = None) -> None:
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
