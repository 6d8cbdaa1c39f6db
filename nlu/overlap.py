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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# Rasa inline markup: [text](entity), [text](entity:value), [text]{"entity": ...}.
_MARKUP = re.compile(r"\[([^\]]+)\](?:\([a-z_]+(?::[^)]*)?\)|\{[^}]*\})")
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_SAME_SYMBOL_RUN = re.compile(r"([^\w\s])(?: \1)+")


def strip_markup(text: str) -> str:
    """``text`` with Rasa entity annotations replaced by their plain text."""
    return _MARKUP.sub(r"\1", text)


def normalise(text: str, *, fold_digits: bool = True) -> str:
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
        # else: combining marks (accents), variation selectors and controls vanish; skin tones (Sk) became spaces
    plain = "".join(out)
    if fold_digits:
        plain = _DIGITS.sub("0", plain)
    plain = _SPACE.sub(" ", plain).strip()
    return _SAME_SYMBOL_RUN.sub(r"\1", plain)


def normalised_set(texts: Iterable[str]) -> set[str]:
    """The non-empty normalised forms of ``texts``."""
    return {n for n in (normalise(t) for t in texts) if n}


def contains_phrase(haystack: str, needle: str) -> bool:
    """Whether normalised ``needle`` occurs in normalised ``haystack`` on word boundaries."""
    return f" {needle} " in f" {haystack} "


def comparison_key(text: str) -> str:
    """:func:`normalise`, except that a text with no letters keeps its digits, and one with letters drops its emoji.

    "2/15" and "10:30" carry no wording, only numbers; with digits folded every
    bare date or time would equal every other one, so such texts are compared
    by their numbers ("2/15" equals "2 / 15", not "3/6").
    """
    key = normalise(text)
    if any(c.isalpha() for c in key):
        # Beside words, an emoji adds no wording: "bye bye 👋" is "bye bye".
        return " ".join(
            w for w in key.split() if not (len(w) == 1 and unicodedata.category(w) == "So")
        )
    return normalise(text, fold_digits=False)


def word_count(normalised: str) -> int:
    """Words made of letters only: "at 3 in the morning" has 4, "tomorrow at 0pm" 2."""
    return sum(w.isalpha() for w in normalised.split())


# Regex escapes that stand for a space or a boundary ("\s+", "\b"), so "ides\s+of" reads "ides of".
_REGEX_ESCAPE = re.compile(r"\\[bBsSdDwWAZ]")


def rule_texts(sources: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(file, normalised literal) for every string literal and regex source of the given Python sources.

    ``sources`` are (name, source code) pairs. Docstrings are left out: they
    document behaviour, they match nothing. Regex alternations become spaces,
    so a rule ``(?:foo|the ides of march)`` still shows the phrase it was written for.
    """
    import ast

    out: list[tuple[str, str]] = []
    for name, code in sources:
        tree = ast.parse(code)
        docstrings = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (
                isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
            ):
                docstrings.add(id(body[0].value))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                key = normalise(_REGEX_ESCAPE.sub(" ", node.value))
                if key:
                    out.append((name, key))
    return out


#: Benchmarks whose labels the trained models learn (intents, practitioner spans):
#: their phrases must not occur even inside a training message. Duckling's are
#: date phrases, resolved by rules and masked ("xdate") before classification,
#: so "in the afternoon" inside a training message cannot raise a Duckling
#: score; for it only equality with a training message, and rules, count.
LEARNED_BENCHMARKS = frozenset({"sgd-services.jsonl"})
#: Idioms any English date grammar has, reviewed and allowed in rules although
#: a benchmark line is one of them. Keep this short; every entry says why.
RULE_IDIOMS = {
    "at the moment": "a common way of saying 'now', as 'right now' and 'atm' in the same rule",
    "in a week": "an ordinary duration, in the lookahead of 'same time in a week' beside 'next week' and 'tomorrow'",
}
#: A benchmark text is looked for inside training messages and rules from this many words on.
MIN_WORDS_INSIDE = 3


def jsonl_texts(path: Path) -> list[str]:
    """The ``text`` field of each line of a JSON-lines file."""
    import json

    return [
        json.loads(line)["text"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def eval_texts(path: Path) -> list[str]:
    """Message texts of an evaluation file: Rasa YAML (``.yml``) or JSON lines (``.jsonl``)."""
    if path.suffix == ".jsonl":
        return jsonl_texts(path)
    from nlu.training_data import load_file

    return [e.text for e in load_file(path)]


def contamination(
    train_texts: Sequence[str],
    rule_sources: Iterable[tuple[str, str]],
    benchmarks: Iterable[Path],
    evaluation_sets: Iterable[Path],
) -> dict[str, Any]:
    """Which benchmark and evaluation texts leaked into training data or rules, with counts.

    - a benchmark text whose :func:`comparison_key` equals a training message's;
    - a benchmark text of :data:`MIN_WORDS_INSIDE` words or more found inside a
      training message (benchmarks in :data:`LEARNED_BENCHMARKS`) or inside a rule
      (a string literal or regex of ``nlu/``, less :data:`RULE_IDIOMS`);
    - a held-out or blind message equal to a training message.

    Findings for evaluation sets name the file and line only, never the text:
    blind sets stay unread by whoever runs this.
    """
    # A message of punctuation alone ("?", "...") normalises to nothing and has nothing to leak.
    train_keys = {k for k in (comparison_key(t) for t in train_texts) if k}
    train_norm = [normalise(t) for t in train_texts]
    rules = rule_texts(rule_sources)
    findings: list[dict[str, Any]] = []
    counts: dict[str, dict[str, int]] = {}
    for path in benchmarks:
        texts = jsonl_texts(path)
        c = counts.setdefault(
            path.name,
            {"texts": len(texts), "equal_to_training": 0, "inside_training": 0, "inside_rules": 0},
        )
        for text in texts:
            key, norm = comparison_key(text), normalise(text)
            equal = key in train_keys
            if equal:
                c["equal_to_training"] += 1
                findings.append(
                    {"set": path.name, "text": text, "where": "equals a training message"}
                )
            if word_count(norm) < MIN_WORDS_INSIDE:
                continue
            if (
                not equal
                and path.name in LEARNED_BENCHMARKS
                and any(contains_phrase(t, norm) for t in train_norm)
            ):
                c["inside_training"] += 1
                findings.append(
                    {"set": path.name, "text": text, "where": "inside a training message"}
                )
            hits = sorted({f for f, r in rules if contains_phrase(r, norm)})
            if hits and norm not in RULE_IDIOMS:
                c["inside_rules"] += 1
                findings.append(
                    {"set": path.name, "text": text, "where": "inside a rule in " + ", ".join(hits)}
                )
    for path in evaluation_sets:
        texts = eval_texts(path)
        c = counts.setdefault(path.name, {"texts": len(texts), "equal_to_training": 0})
        for i, text in enumerate(texts, 1):
            if comparison_key(text) in train_keys:
                c["equal_to_training"] += 1
                findings.append(
                    {"set": path.name, "text": f"message {i}", "where": "equals a training message"}
                )
    return {"counts": counts, "findings": findings}
