"""The intent classifier's scores for one message, without thinc's layer wrappers and spaCy's ``doc.cats``.

spaCy's bag-of-n-grams classifier (``spacy.TextCatBOW.v3``) runs as n-gram extraction, a sparse
linear layer and a softmax, wrapped in chain, ``with_cpu`` and ``resizable`` layers; the pipe then
writes each label's score into ``doc.cats`` one by one. For one short message the wrappers and the
dictionary cost about as much as the arithmetic. ``scorer`` calls the same three layers' own forward
functions in the same order (so the scores are the same floats) and pairs them with the labels.

Decisions: installed only on a classifier of exactly the expected layout, and only after it gave
scores equal to the pipe's on probe texts; otherwise the parse keeps the pipe (slower, never
different).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.ml.extract_ngrams import forward as ngrams_forward

#: The classifier's layers, outermost first, as ``spacy.TextCatBOW.v3`` with an output layer builds them.
_LAYOUT = [
    "with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(softmax_activation)",
    "with_cpu(extract_ngrams>>resizable(sparse_linear))",
    "with_cpu(softmax_activation)",
    "extract_ngrams>>resizable(sparse_linear)",
    "softmax_activation",
    "extract_ngrams",
    "resizable(sparse_linear)",
    "sparse_linear",
]
PROBES = ("xdate", "hi", "can i move my xbooked appointment to xdate please , thanks !")


def scorer(nlp: Any, pipe: str = "textcat") -> Callable[[Any], dict[str, float]] | None:
    """A function from a tokenized message to its label scores, or None when the classifier is not
    of the expected layout or its scores differ from the pipe's on :data:`PROBES`."""
    textcat = nlp.get_pipe(pipe)
    layers = {layer.name: layer for layer in textcat.model.walk()}
    if [layer.name for layer in textcat.model.walk()] != _LAYOUT:
        return None
    ngrams, linear, softmax = (
        layers["extract_ngrams"],
        layers["sparse_linear"],
        layers["softmax_activation"],
    )
    if ngrams._func is not ngrams_forward:
        return None
    labels = tuple(textcat.labels)

    def scores(doc: Any) -> dict[str, float]:
        if not len(doc):
            return dict.fromkeys(labels, 0.0)
        keys_values_lengths, _ = ngrams_forward(ngrams, [doc], False)
        y, _ = linear._func(linear, keys_values_lengths, False)
        return dict(zip(labels, softmax.ops.softmax(y, inplace=False)[0].tolist(), strict=True))

    for text in PROBES:
        if scores(nlp.make_doc(text)) != textcat(nlp.make_doc(text)).cats:
            return None
    return scores
