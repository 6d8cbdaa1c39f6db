"""Text normalisation for the emergency screen: spelling as patients type it, mapped back to the text.

Patients in distress type fast: "cant breath", "siezure", "bleding", "pleeease",
"my bby". The lexicon is written once, in canonical spelling, and every message is
first brought to that spelling word by word:

- lower case, typographic apostrophes made plain, runs of three or more equal
  letters cut to two ("sooo" -> "soo"), whitespace collapsed;
- a table of common misspellings, text-speak and contractions typed without the
  apostrophe ("cant" -> "can't", "u" -> "you", "pregnet" -> "pregnant");
- for long words (seven letters or more) not in the table, a one-edit fuzzy match
  against the lexicon's medical vocabulary (insertion, deletion, substitution or
  swapped neighbours, SymSpell-style through single deletions), so "unconsious",
  "contractoins" and "ambulence" are read right. Ordinary words one edit from a
  medical one ("breeding", "painted", "cooking") are protected.

Every normalised character remembers the span of the original text it came
from, so a match can point back at what the patient wrote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlu.emergency.lexicon import lexicon_words
from nlu.emergency.spelling import PROTECTED, SPELLING, VOCABULARY

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['\u2019\u2018][A-Za-z]+)*|\s+|[^\sA-Za-z0-9]")
_RUN3 = re.compile(r"([^\W\d_])\1{2,}")
_GLUED_UNIT = re.compile(
    r"(\d+(?:\.\d+)?)(wks?|weeks?|mins?|minutes?|hrs?|hours?|yo|yrs?|years?|mths?|months?|days?|mmol)"
)

_MAX_DELETES = 1
_MIN_FUZZY_LEN = 7


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _build_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for w in VOCABULARY:
        for key in {w} | _deletes(w):
            index.setdefault(key, set()).add(w)
    return index


_INDEX = _build_index()
_VOCAB = frozenset(VOCABULARY)
#: Whole words the lexicon's patterns are written with ("making", "myself", "drowsy").
_LEXICON_WORDS = lexicon_words()
_DOUBLE = re.compile(r"([a-z])\1")


def _undoubled(word: str) -> str | None:
    """A lexicon word this one becomes with one doubled letter typed once ("makinng" -> "making")."""
    if len(word) < 5:
        return None
    for m in _DOUBLE.finditer(word):
        single = word[: m.start()] + word[m.start() + 1 :]
        if single in _LEXICON_WORDS:
            return single
    return None


#: Everyday "-ing" words typed with the g dropped ("goin", "sweatin", "breathin") that the lexicon's
#: patterns read, beside the lexicon's own words.
_ING_WORDS = frozenset(
    {
        "going",
        "coming",
        "getting",
        "doing",
        "having",
        "making",
        "taking",
        "saying",
        "talking",
        "breathing",
        "sweating",
        "shaking",
        "bleeding",
        "choking",
        "fitting",
        "crushing",
        "burning",
        "hurting",
        "killing",
        "vomiting",
        "throwing",
        "puking",
        "spewing",
        "passing",
        "blacking",
        "fainting",
        "collapsing",
        "swelling",
        "wheezing",
        "gasping",
        "struggling",
        "slurring",
        "drooping",
        "dropping",
        "pouring",
        "gushing",
        "pumping",
        "waking",
        "moving",
        "kicking",
        "feeding",
        "drinking",
        "eating",
        "responding",
        "answering",
        "turning",
        "spreading",
        "pressing",
        "squeezing",
        "stabbing",
        "aching",
        "pounding",
        "racing",
        "thinking",
        "cutting",
        "planning",
        "nothing",
        "something",
        "anything",
        "everything",
        "shaving",
        "leaking",
        "seizing",
        "stopping",
    }
)


def _dropped_g(word: str) -> str | None:
    """The "-ing" word this one is with the final g dropped ("sweatin" -> "sweating"), if it is one we read."""
    if len(word) < 4 or not word.endswith("in"):
        return None
    full = word + "g"
    return full if full in _ING_WORDS or full in _LEXICON_WORDS else None


@lru_cache(maxsize=4096)
def canonical_word(word: str) -> str:
    """The canonical spelling of one lower-case word (itself when nothing applies)."""
    w = _RUN3.sub(r"\1\1", word)
    glued = _GLUED_UNIT.fullmatch(w)
    if glued:
        return f"{glued.group(1)} {canonical_word(glued.group(2))}"
    if w in SPELLING:
        return SPELLING[w]
    if w in _LEXICON_WORDS or w in PROTECTED:
        return w
    single = _undoubled(w)
    if single:
        return single
    dropped = _dropped_g(w)
    if dropped:
        return dropped
    if len(w) < _MIN_FUZZY_LEN or w in _VOCAB:
        return w
    found: set[str] = set()
    for key in {w} | _deletes(w):
        found |= _INDEX.get(key, set())
    found = {f for f in found if abs(len(f) - len(w)) <= _MAX_DELETES}
    return found.pop() if len(found) == 1 else w


#: A word as :data:`_TOKEN` reads it, in an ASCII text once lower-cased (the ASCII apostrophe is
#: the only one there can be); and the whitespace runs that do not stay as they are, since each
#: becomes one plain space: a run of two or more, or one character that is not a plain space.
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
_NOT_ONE_SPACE = re.compile(r"\s{2,}|[^\S ]")


def normalise(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` in canonical spelling, with each character's original start and end offsets."""
    if text.isascii():
        norm, starts, ends = _normalise_ascii(text)
        return _telegraphic(norm), starts, ends
    return _normalise_tokens(text)


def _normalise_ascii(text: str) -> tuple[str, list[int], list[int]]:
    """:func:`_normalise_tokens` for an ASCII text (nearly every message), before ``_telegraphic``.

    Read token by token, most of an ASCII message maps to itself: lower case is one character for
    one, punctuation and single spaces stay, and most words are already in canonical spelling. So
    the text is lower-cased at once, only the words that change and the whitespace runs that
    collapse are edited, and the offsets of everything between them are two ranges. The result is
    the same as the token loop's (``tests/nlu/test_fast_paths.py`` compares them).
    """
    low = text.lower()
    edits = [
        (m.start(), m.end(), new)
        for m in _ASCII_WORD.finditer(low)
        if (new := canonical_word(m.group())) != m.group()
    ]
    spaces = [(m.start(), m.end(), " ") for m in _NOT_ONE_SPACE.finditer(low)]
    if spaces:
        edits = sorted(edits + spaces)
    if not edits:
        return _scots_no(low, list(range(len(low))), list(range(1, len(low) + 1)))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, new in edits:
        out.append(low[pos:start])
        starts.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        out.append(new)
        # As the token loop: a word of the same length maps letter to letter (so does a lone
        # whitespace character); anything else, a longer or shorter word or a run of whitespace,
        # maps each of its characters to the whole token.
        if len(new) == end - start:
            starts.extend(range(start, end))
            ends.extend(range(start + 1, end + 1))
        else:
            starts.extend([start] * len(new))
            ends.extend([end] * len(new))
        pos = end
    out.append(low[pos:])
    starts.extend(range(pos, len(low)))
    ends.extend(range(pos + 1, len(low) + 1))
    return _scots_no("".join(out), starts, ends)


def _normalise_tokens(text: str) -> tuple[str, list[int], list[int]]:
    """:func:`normalise` token by token: any text."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isspace():
            new = " "
        elif tok[0].isalnum():
            low = tok.lower().replace("\u2019", "'").replace("\u2018", "'")
            new = canonical_word(low)
        else:
            new = tok.lower() or tok
            if len(new) != len(tok):
                new = tok
        out.append(new)
        if len(new) == m.end() - m.start() and not tok[0].isspace():
            starts.extend(range(m.start(), m.end()))
            ends.extend(range(m.start() + 1, m.end() + 1))
        else:
            starts.extend([m.start()] * len(new))
            ends.extend([m.end()] * len(new))
    norm, starts, ends = _scots_no("".join(out), starts, ends)
    return _telegraphic(norm), starts, ends


#: A full stop after a fragment of at most four words, not inside a number ("38.6").
_FRAGMENT_STOP = re.compile(r"(?:^|(?<=[.!?\n]))\s*(?:[^\s.!?\n]+\s+){0,3}[^\s.!?\n]+\.(?=\s)")


def _telegraphic(norm: str) -> str:
    """Notes written as fragments read as one sentence: "baby 8 wks. fever 38.6. v sleepy".

    The lexicon's patterns stay within a sentence, so that "had a fever last year. baby fine"
    ties nothing together; a fragment of four words or fewer is no sentence of its own, but
    a note's item, and its full stop becomes a comma (the same length, so offsets hold).
    """
    if "." not in norm:
        return norm
    chars = list(norm)
    for m in _FRAGMENT_STOP.finditer(norm):
        chars[m.end() - 1] = ","
    return "".join(chars)


#: Scots and Irish "no" for "not" before a verb in -ing, after a form of "be": "he's no waking up",
#: "she's no breathing right". "No" before a noun ("no breathing problems") is left alone by the
#: lexicon's own patterns, which read "no" as a denial.
_SCOTS_NO = re.compile(
    r"\b(?:he's|she's|they're|i'm|it's|is|are|was|were)\s+(no)\s+(?=\w+ing\b(?!\s+(?:problems?|issues?|trouble|difficult\w*)))"
)


def _scots_no(norm: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """``norm`` with that "no" read as "not", the added letter mapped to the original "o"."""
    for m in reversed(list(_SCOTS_NO.finditer(norm))):
        at = m.end(1)
        norm = norm[:at] + "t" + norm[at:]
        starts.insert(at, starts[at - 1])
        ends.insert(at, ends[at - 1])
    return norm, starts, ends
