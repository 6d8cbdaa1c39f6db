"""Which of many regexes can match a text at all, from the literal words each one needs.

The rule layers search every message with long tables of patterns (the emergency lexicon, the
date atoms), and Python's ``re`` pays for each pattern at each position even when the message has
none of its words. Every pattern needs some literal text to match (:func:`required_literals`:
"chest" for ``\\bchest\\b...``, one of "crush" and "squeez" for ``(?:crush|squeez)\\w*``), so one
pass of a trie of all those literals over the text (:class:`LiteralIndex`) tells which patterns
may match; the others cannot, and need not be run. A pattern whose literals cannot be worked out
(case-insensitive, say) is always run, so the index only ever skips work, never a match.

A pattern usually needs several literals at once ("chest" and one of "going", "spread" and one of
"arm", "jaw" for chest pain that spreads): the index keeps each of them
(:func:`required_literal_sets`) and runs the pattern only when every one is in the text, which on a
long message leaves about a fifth of the emergency lexicon's patterns that one literal alone let run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


def _source(pattern: re.Pattern[str] | str) -> tuple[str, int]:
    """A pattern's source and flags; a source (str) is read as ``re.compile`` would read it."""
    return (pattern, 0) if isinstance(pattern, str) else (pattern.pattern, pattern.flags)


def required_literals(pattern: re.Pattern[str] | str) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told.

    Read from the parsed pattern: a run of literal characters must appear as it is; an
    alternation needs one of its branches' strings; a group, or a repeat of at least one, needs
    its content's. Lookarounds, classes, back-references and optional parts are passed over. Of
    the sets a sequence offers, the one whose shortest string is longest is kept (the rarest,
    roughly).
    """
    try:
        parsed = _parser.parse(*_source(pattern))
    except (re.error, RecursionError, TypeError):
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


#: A further set of literals is kept only if its shortest string has at least this many characters:
#: "is" or "to" are in nearly every message, so they would cost a lookup and skip nothing.
_MIN_EXTRA_LITERAL = 3


def required_literal_sets(pattern: re.Pattern[str] | str) -> list[frozenset[str]] | None:
    """Sets of strings such that every match of ``pattern`` contains one string of each set.

    The first set is :func:`required_literals`' (the rarest); the others are the further runs,
    groups and repeats the pattern needs in sequence, each of them necessary on its own, so a text
    lacking every string of any one set cannot match. None when no set can be told.
    """
    best = required_literals(pattern)
    if best is None:
        return None
    parsed = _parser.parse(*_source(pattern))
    extra = [
        need
        for need in dict.fromkeys(_all_required(parsed))
        if need != best and min(map(len, need)) >= _MIN_EXTRA_LITERAL
    ]
    return [best, *extra]


def _all_required(seq: Any) -> list[frozenset[str]]:
    """Every set of strings ``seq`` needs (as :func:`_required` finds them), not only the rarest."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        if op is _sre.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if not add_flags & re.IGNORECASE:
                out += _all_required(inner)
        elif op is _sre.BRANCH:
            # One set per branch, so only the union of each branch's rarest is needed.
            need = _required([(op, av)])
            if need:
                out.append(need)
        elif op in _REPEATS:
            low, _high, inner = av
            if low >= 1:
                out += _all_required(inner)
        elif _ATOMIC is not None and op is _ATOMIC:
            out += _all_required(av)
    if run:
        out.append(frozenset({"".join(run)}))
    return out


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


class LiteralIndex:
    """The patterns of a list that may match a text, found by the literals they need."""

    def __init__(self, patterns: Sequence[re.Pattern[str] | str]) -> None:
        """``patterns``: compiled, or their sources (the index needs none compiled)."""
        self.size = len(patterns)
        self._always: list[int] = []
        # Each set of literals a pattern needs is a "need", numbered: a pattern's first need by the
        # pattern's own index, its further ones from ``size`` on. A text's literals reach a set of
        # needs; a pattern is live when its first need is reached and all its further ones too.
        users: dict[str, set[int]] = {}
        #: The further needs of the patterns that have some.
        self._further: dict[int, frozenset[int]] = {}
        numbered = self.size
        for i, p in enumerate(patterns):
            needs = required_literal_sets(p)
            if needs is None:
                self._always.append(i)
                continue
            ids = [i, *range(numbered, numbered + len(needs) - 1)]
            numbered += len(needs) - 1
            if len(ids) > 1:
                self._further[i] = frozenset(ids[1:])
            for need_id, need in zip(ids, needs, strict=True):
                for lit in need:
                    users.setdefault(lit, set()).add(need_id)
        # The trie reports only the longest literal starting at each position; the shorter ones
        # starting there are its prefixes, so each literal reaches the needs of all its prefixes.
        self._reach = {
            w: frozenset().union(*(users[w[:k]] for k in range(1, len(w) + 1) if w[:k] in users))
            for w in users
        }
        self._finder = re.compile(f"(?=({_trie_pattern(sorted(users))}))") if users else None

    def live(self, text: str) -> list[int]:
        """The indices, in order, of the patterns that may match somewhere in ``text``."""
        reached = set(self._always)
        if self._finder is not None:
            for lit in set(self._finder.findall(text)):
                reached |= self._reach[lit]
        further, size = self._further, self.size
        return sorted(
            i for i in reached if i < size and (i not in further or further[i] <= reached)
        )
