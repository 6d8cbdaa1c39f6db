"""Which of many regexes can match a text at all, from the literal words each one needs.

The rule layers search every message with long tables of patterns (the emergency lexicon, the
date atoms), and Python's ``re`` pays for each pattern at each position even when the message has
none of its words. Every pattern needs some literal text to match (:func:`required_literals`:
"chest" for ``\\bchest\\b...``, one of "crush" and "squeez" for ``(?:crush|squeez)\\w*``), so one
pass of a trie of all those literals over the text (:class:`LiteralIndex`) tells which patterns
may match; the others cannot, and need not be run. A pattern whose literals cannot be worked out
(case-insensitive, say) is always run, so the index only ever skips work, never a match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told.

    Read from the parsed pattern: a run of literal characters must appear as it is; an
    alternation needs one of its branches' strings; a group, or a repeat of at least one, needs
    its content's. Lookarounds, classes, back-references and optional parts are passed over. Of
    the sets a sequence offers, the one whose shortest string is longest is kept (the rarest,
    roughly).
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
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

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.size = len(patterns)
        self._always: list[int] = []
        users: dict[str, set[int]] = {}
        for i, p in enumerate(patterns):
            need = required_literals(p)
            if need is None:
                self._always.append(i)
            else:
                for lit in need:
                    users.setdefault(lit, set()).add(i)
        # The trie reports only the longest literal starting at each position; the shorter ones
        # starting there are its prefixes, so each literal reaches the users of all its prefixes.
        self._reach = {
            w: frozenset().union(*(users[w[:k]] for k in range(1, len(w) + 1) if w[:k] in users))
            for w in users
        }
        self._finder = re.compile(f"(?=({_trie_pattern(sorted(users))}))") if users else None

    def live(self, text: str) -> list[int]:
        """The indices, in order, of the patterns that may match somewhere in ``text``."""
        found = set(self._always)
        if self._finder is not None:
            for lit in {m.group(1) for m in self._finder.finditer(text)}:
                found |= self._reach[lit]
        return sorted(found)
