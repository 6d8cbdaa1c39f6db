"""The entity recogniser's greedy decoding for one message, in numpy, without spaCy's step loop.

spaCy's recogniser (a BILUO transition system, ``spacy.TransitionBasedParser.v2`` with a hidden
and an output layer) decides one token at a time: for each state it sums three precomputed
feature rows (the next token, the first token of the entity being built, the token before the
next), takes the maxout, multiplies by the output layer and takes the best valid move. In spaCy
that loop runs in C, but with a BLIS matrix product of one row per step, a memory allocation and a
GIL round trip per step: about 25 microseconds a step, some 1.7 ms of a 35-token message, more
than the token vectors cost.

While no entity is open, a state's features depend only on the next token (the other two are
the padding row), so the scores of every such state are one matrix product over the whole
message, and the best valid move of each is one masked argmax (``_closed``). Only the steps
inside an entity (a few per message) are computed one by one (``_open``). The moves and their
validity are spaCy's (``spacy/pipeline/_parser_internals/ner.pyx``) for a document with no preset
entities and no sentence starts, which is what ``make_doc`` gives; any other document goes
through the pipe as before.

Decisions: the feature sums, bias and maxout are computed in the same order as spaCy's C (the
same float32 bits); the output layer's product adds the same terms in numpy's order, so a score
may differ in its last bit, which could only change a decision between two moves scored equal to
within one unit in the last place. ``install`` checks the decoding against the pipe on probe
texts and declines otherwise; ``bench/parse_snapshot.py`` compares every development and held-out
parse with and without it (identical).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Spans = list[tuple[int, int, str]]

#: Texts the decoding must read exactly as the pipe does before it is used: entities of each
#: label, several in a row, at the start and the end, one token long and several, none.
PROBES = (
    "can I see Dr Smith for a physio appointment at the Main Street clinic with my son Tom",
    "Dr Patel",
    "book physiotherapy",
    "hi",
    "my daughter Emily Rose needs her vaccinations with Nurse Jones at Riverside tomorrow",
    "can I get a check up and a blood test , or see the dentist at the north clinic ?",
    "  odd   spacing , Dr.   Who ?  ",
)


def _moves(ner: Any) -> tuple[list[str], list[str]] | None:
    """Each class's move letter and label ("B", "service"), or None for a move set not known here."""
    kinds, labels = [], []
    for i in range(ner.moves.n_moves):
        name = ner.moves.get_class_name(i)
        kind, _, label = name.partition("-")
        if kind not in ("B", "I", "L", "U", "O"):
            return None
        kinds.append(kind)
        labels.append(label)
    return kinds, labels


def maxout(unmaxed: Any) -> Any:
    """``unmaxed.max(axis=-1)``: the best of each unit's pieces, one elementwise maximum per piece.

    numpy reduces a last axis of two or three pieces one unit at a time (about 60 microseconds for
    the 35 x 64 units of a long message), while ``np.maximum`` of the pieces' slices is one pass (2
    microseconds). The maximum of two floats is one of them, so the values are the same.
    """
    pieces = unmaxed.shape[-1]
    if pieces == 1:
        return unmaxed[..., 0].copy()
    hidden = np.maximum(unmaxed[..., 0], unmaxed[..., 1])
    for piece in range(2, pieces):
        np.maximum(hidden, unmaxed[..., piece], out=hidden)
    return hidden


def decoder(ner: Any) -> Callable[[Any], Spans | None] | None:
    """A function from a fresh document to its entities (token start, token end, label), or None
    when the recogniser is not of the layout this module is written for.

    The function returns None for a document it cannot decode (preset entities or sentence
    starts, no tokens); the caller then runs the pipe.
    """
    model = ner.model
    if model.name != "parser_model" or not model.attrs.get("has_upper"):
        return None
    tok2vec, lower, upper = (model.get_ref(r) for r in ("tok2vec", "lower", "upper"))
    if lower.name != "precomputable_affine" or upper.name != "linear":
        return None
    if lower.get_dim("nF") != 3 or ner.cfg.get("beam_width", 1) != 1:
        return None
    moves = _moves(ner)
    if moves is None:
        return None
    kinds, labels = moves
    n_class = len(kinds)
    weights = np.ascontiguousarray(upper.get_param("W").T)
    out_bias = upper.get_param("b")
    feat_bias = lower.get_param("b")
    if weights.shape != (lower.get_dim("nO"), n_class):
        return None
    unseen = np.array(sorted(model.attrs.get("unseen_classes", ())), dtype=int)
    is_out = np.array([k == "O" for k in kinds])
    is_begin = np.array([k == "B" and bool(lb) for k, lb in zip(kinds, labels, strict=True)])
    is_unit = np.array([k == "U" and bool(lb) for k, lb in zip(kinds, labels, strict=True)])
    inside = {lb: kinds.index("I") + labels[kinds.index("I") :].index(lb) for lb in labels if lb}
    last = {lb: kinds.index("L") + labels[kinds.index("L") :].index(lb) for lb in labels if lb}
    if any(kinds[inside[lb]] != "I" or kinds[last[lb]] != "L" for lb in inside):
        return None

    #: For each kind of token with no entity open (a space, the last token, any other), 0 for the
    #: moves spaCy allows there and -inf for the others (``Out``, ``Begin`` and ``Unit.is_valid``).
    barred = np.where(
        np.stack([is_out, is_out | is_unit, is_out | is_unit | is_begin]), 0.0, -np.inf
    ).astype(out_bias.dtype)

    def scores(unmaxed: Any) -> Any:
        """Output scores of summed feature rows (states x hidden x pieces), as spaCy's C makes them."""
        unmaxed += feat_bias
        hidden = maxout(unmaxed)
        y = hidden @ weights
        y += out_bias
        if len(unseen):
            y[:, unseen] = y.min(axis=1, keepdims=True)
        return y

    def decode(doc: Any) -> Spans | None:
        n = len(doc)
        if not n:
            return None
        flags = doc.to_array(["IS_SPACE", "SENT_START", "ENT_IOB"])
        if flags[:, 2].any() or flags[1:, 1].any():
            return None
        space = flags[:, 0] != 0
        tokvecs, _ = tok2vec._func(tok2vec, [doc], False)
        cached, _ = lower._func(lower, tokvecs, False)  # (n + 1, 3, hidden, pieces); row 0 pads
        # Every state with no open entity at once: features (token i, padding, padding).
        unmaxed = cached[1:, 0] + cached[0, 1]
        unmaxed += cached[0, 2]
        closed = scores(unmaxed)
        # Which moves are valid depends on the token's kind alone: a space (only O), the last token
        # (O or U: no room to begin), any other (O, B, U); the invalid ones are pushed to -inf.
        kind = np.where(space, 0, 2)
        kind[-1] = 0 if space[-1] else 1
        closed += barred[kind]
        best_closed = closed.argmax(axis=1).tolist()
        spans: Spans = []
        i = 0
        while i < n:
            c = best_closed[i]
            kind = kinds[c]
            if kind == "U":
                spans.append((i, i + 1, labels[c]))
            if kind != "B":
                i += 1
                continue
            start, label = i, labels[c]
            i += 1
            # Inside the entity: features (token i, the entity's first token, token i - 1).
            while True:
                unmaxed = cached[i + 1, 0] + cached[start + 1, 1]
                unmaxed += cached[i, 2]
                y = scores(unmaxed[None])[0]
                a, b = inside[label], last[label]
                if n - i >= 2 and (y[a] > y[b] if a > b else y[a] >= y[b]):
                    i += 1
                    continue
                spans.append((start, i + 1, label))
                i += 1
                break
        return spans

    return decode


def install(nlp: Any, pipe: str = "ner") -> Callable[[Any], Spans | None] | None:
    """The decoder for ``nlp``'s recogniser if it reads every probe as the pipe does, else None."""
    ner = nlp.get_pipe(pipe)
    decode = decoder(ner)
    if decode is None:
        return None
    for text in PROBES:
        expected = [(e.start, e.end, e.label_) for e in ner(nlp.make_doc(text)).ents]
        if decode(nlp.make_doc(text)) != expected:
            return None
    return decode
