"""One normalisation for every "is this text already in the training data?" question.

The held-out guard, the contamination check and the dedup of evaluation sets
all compare texts through :func:`normalise`, so that "Cancel my appt!!" and
"cancel my appt" and "[cancel](x) my appt" count as the same message, and so do
"in 2 weeks" and "in 3 weeks" (digits carry no wording a model could learn
differently). Comparing only lower-cased text let 100 of 551 held-out messages
equal a training message unnoticed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Rasa inline markup: [text](entity), [text](entity:value), [text]{"entity": ...}.
_MARKUP = re.compile(r"\[([^\]]+)\](?:\([a-z_]+(?::[^)]*)?\)|\{[^}]*\})")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_SAME_SYMBOL_RUN = re.compile(r"([^\w\s])(?: \1)+")


def strip_markup(text: str) -> str:
    """``text`` with Rasa entity annotations replaced by their plain text."""
    return _MARKUP.sub(r"\1", text)


def normalise(text: str) -> str:
    """Markup stripped, lower-cased, accents and punctuation removed, digit runs -> "0", spaces collapsed.

    Punctuation becomes a space, not nothing, so "4/12" and "4 12" agree and
    "can't" becomes "can t" on both sides of a comparison. Emoji are kept as
    words of their own (an emoji-only reply is a real message: "👍" is an
    affirm), with a run of the same one counted once ("👍👍" equals "👍") and
    skin tones and variation selectors dropped.
    """
    plain = unicodedata.normalize("NFKD", strip_markup(text).replace("\u2019", "'"))
    out = []
    for c in plain.lower():
        cat = unicodedata.category(c)
        if c.isalnum() or c.isspace():
            out.append(c)
        elif cat == "So":
            out.append(f" {c} ")
        elif cat[0] in "PSZ" or c == "_":
            out.append(" ")
        # combining marks (accents), skin tones (Sk above), variation selectors and controls vanish
    plain = _DIGITS.sub("0", "".join(out))
    plain = _SPACE.sub(" ", plain).strip()
    return _SAME_SYMBOL_RUN.sub(r"\1", plain)


def normalised_set(texts: Iterable[str]) -> set[str]:
    """The non-empty normalised forms of ``texts``."""
    return {n for n in (normalise(t) for t in texts) if n}


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether normalised ``needle`` occurs in normalised ``haystack`` on word boundaries."""
    return f" {needle} " in f" {haystack} "
