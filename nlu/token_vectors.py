"""The entity recogniser's token vectors for one message, without thinc's per-layer dispatch.

spaCy's recogniser (``spacy.HashEmbedCNN.v2`` under ``spacy.TransitionBasedParser.v2``) runs its
token-vector network as some forty nested thinc layers: chains, list and ragged wrappers,
residuals, dropout. For one short message the arithmetic is a few small matrix products, and
walking the layers, fetching parameters and building backprop closures cost about a third of the
pass: some 0.25 ms of every parse. ``install`` gives the network a forward pass for a single message that
makes the same calls to the same kernels (thinc's ``gemm``, ``maxout``, ``seq2col``, ``hash``,
``gather_add``; numpy's mean and variance) in the same order, so the vectors are equal to the
last bit and the entities found cannot change.

Decisions: only inference on one message takes the short way; training, batches and empty
messages go through thinc as before. The pass is installed only on a network of exactly the
expected layout, and only after it has given vectors equal to thinc's on probe texts; otherwise
the recogniser is left as it was (slower, never different).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

#: The leaves of the token-vector network the short pass is written for, in order (depth 3).
_EMBED = ["extract_features", "list2ragged"] + ["ints-getitem", "hashembed"] * 4
_FIRST = ["maxout", "layernorm", "dropout", "ragged2list"]
_BLOCK = ["expand_window", "maxout", "layernorm", "dropout"]
_OUTPUT = ["list2array", "linear"]
#: How far the short pass's vectors may be from thinc's (relative and absolute): numpy's products
#: add the same terms in another order, so the last bits of a float32 may differ.
TOLERANCE = 1e-4
#: Texts whose vectors must come out equal both ways before the short pass is used: cases,
#: digits, punctuation, accents, emoji, one token and many.
PROBES = (
    "Zq",
    "Probe: Xylo-7 walks 3.5 km at 10:45pm, ünïcode ✓ 🙂!!",
    "a longer probe sentence with lower case words , odd   spacing and a tail of numbers 1 22 333 4444",
)


def _leaves(model: Any) -> list[Any]:
    if not model.layers:
        return [model]
    return [leaf for layer in model.layers for leaf in _leaves(layer)]


def _transposed(weights: Any) -> Any:
    """``weights`` (out x in) as a contiguous (in x out) matrix, for ``x @ w`` without a copy per call."""
    return np.ascontiguousarray(weights.T)


def _maxout(layer: Any) -> Callable[[Any], Any]:
    ops = layer.ops
    n_out, n_pieces, n_in = layer.get_dim("nO"), layer.get_dim("nP"), layer.get_dim("nI")
    weights = _transposed(ops.reshape2f(layer.get_param("W"), n_out * n_pieces, n_in))
    bias = ops.reshape1f(layer.get_param("b"), n_out * n_pieces)

    def forward(x: Any) -> Any:
        y = x @ weights
        y += bias
        best, _which = ops.maxout(ops.reshape3f(y, y.shape[0], n_out, n_pieces))
        return best

    return forward


def _layernorm(layer: Any) -> Callable[[Any], Any]:
    gain, bias = layer.get_param("G"), layer.get_param("b")
    n_in = np.intp(gain.shape[-1])

    def forward(x: Any) -> Any:
        # thinc writes ``x.mean(axis=1, keepdims=True)`` and ``x.var(axis=1, keepdims=True)``;
        # these are the ufunc calls numpy's ``_mean`` and ``_var`` make for them (the same
        # reductions, the same divisor type, so the same loops and the same bits), without the
        # Python wrappers that cost more than the arithmetic on a short message.
        mu = np.add.reduce(x, axis=1, keepdims=True)
        np.true_divide(mu, n_in, out=mu, casting="unsafe", subok=False)
        centred = np.subtract(x, mu)
        var = np.add.reduce(np.square(centred), axis=1, keepdims=True)
        np.true_divide(var, n_in, out=var, casting="unsafe", subok=False)
        var += 1e-08
        y = centred * var ** (-1.0 / 2.0) * gain
        y += bias
        return y

    return forward


def _plan(tok2vec: Any) -> Callable[[Any], Any] | None:
    """The short forward pass for ``tok2vec``, or None when its layout is not the expected one."""
    leaves = _leaves(tok2vec)
    names = [leaf.name for leaf in leaves]
    depth = (len(names) - len(_EMBED) - len(_FIRST) - len(_OUTPUT)) // len(_BLOCK)
    if depth < 1 or names != _EMBED + _FIRST + _BLOCK * depth + _OUTPUT:
        return None
    if any(leaf.name == "dropout" and leaf.attrs.get("dropout_rate") is None for leaf in leaves):
        return None
    ops = tok2vec.ops
    columns = leaves[0].attrs["columns"]
    embeds = []
    for getitem, embed in zip(leaves[2:10:2], leaves[3:10:2], strict=True):
        _rows, column = getitem.attrs["index"]
        vectors = embed.get_param("E")
        embeds.append((column, vectors, vectors.shape[0], embed.attrs["seed"]))
    first = (_maxout(leaves[10]), _layernorm(leaves[11]))
    at = len(_EMBED) + len(_FIRST)
    blocks = [
        (leaves[i].attrs["window_size"], _maxout(leaves[i + 1]), _layernorm(leaves[i + 2]))
        for i in range(at, at + depth * len(_BLOCK), len(_BLOCK))
    ]
    # The convolution blocks run on the message with ``pad`` zero rows before and after it (as
    # thinc's ``with_array(..., pad=window * depth)`` flattens it); the padding rows go through
    # the blocks too and reach the first and last tokens' windows, so they are kept.
    pads = [
        node.attrs["pad"] for node in tok2vec.walk() if node.name.startswith("with_array(residual(")
    ]
    if len(pads) != 1:
        return None
    pad = int(pads[0])
    windows = [window for window, _maxout, _norm in blocks]
    if pad != sum(windows):
        return None
    #: How many rows either side of the message each block's output must be right for.
    reaches = [sum(windows[k + 1 :]) for k in range(len(windows))]
    linear = leaves[-1]
    out_w, out_b = _transposed(linear.get_param("W")), linear.get_param("b")

    def forward(doc: Any) -> Any:
        ids = doc.to_array(columns)
        if ids.ndim == 1:
            ids = ids.reshape((ids.shape[0], 1))
        ids = ops.asarray2i(ids, dtype="uint64")
        x = ops.xp.hstack(
            [
                ops.gather_add(
                    vectors, ops.hash(ops.as_contig(ids[:, column], dtype="uint64"), seed) % n_rows
                )
                for column, vectors, n_rows, seed in embeds
            ]
        )
        x = first[1](first[0](x))
        n = x.shape[0]
        if pad >= 1:
            zeros = ops.xp.zeros((pad, x.shape[1]), dtype=x.dtype)
            x = ops.xp.concatenate([zeros, x, zeros])
        # Each block reads ``window`` rows either side of a row, so the rows that can still reach
        # the message's own rows narrow by the later blocks' windows: only those are computed
        # (each row of a matrix product, a maxout and a layer norm is the same whatever rows sit
        # beside it); the rest of the padding would be thrown away unread.
        for reach, (window, maxout, norm) in zip(reaches, blocks, strict=True):
            rows = slice(pad - reach, pad + n + reach)
            x[rows] = x[rows] + norm(maxout(ops.seq2col(x, window)[rows]))
        y = x[pad : pad + n] @ out_w
        y += out_b
        return y

    return forward


def _lower(lower: Any) -> Callable[[Any], Any] | None:
    """The recogniser's hidden layer precomputed for every token (spaCy's ``PrecomputableAffine``):
    one product of the token vectors with all its feature weights, and its padding row first."""
    if lower.name != "precomputable_affine":
        return None
    n_f, n_o, n_p, n_i = (lower.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    weights = _transposed(lower.get_param("W").reshape((n_f * n_o * n_p, n_i)))
    padding = np.squeeze(lower.get_param("pad"), 0)

    def forward(x: Any) -> Any:
        y = np.empty((x.shape[0] + 1, n_f * n_o * n_p), dtype="f")
        np.matmul(x, weights, out=y[1:])
        y = y.reshape((y.shape[0], n_f, n_o, n_p))
        y[0] = padding
        return y

    return forward


def _no_backprop(_d_output: Any) -> Any:
    raise RuntimeError("the short forward pass is for inference only")


def _close(expected: Any, got: Any) -> bool:
    """Equal up to the rounding of float32 sums taken in another order."""
    return (
        expected.dtype == got.dtype
        and expected.shape == got.shape
        and np.allclose(expected, got, rtol=TOLERANCE, atol=TOLERANCE)
    )


def one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in this process.

    The products here are a few dozen rows; on two cores shared with other work, OpenBLAS's second
    thread made a 40-row product 7 times slower (1.0 ms against 0.14), not faster.
    """
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    threadpool_limits(limits=1, user_api="blas")


def install(nlp: Any, pipe: str = "ner") -> bool:
    """Give ``nlp``'s recogniser the short forward pass; whether it was installed.

    Checked first on :data:`PROBES` against thinc's own forward pass, array for array.
    """
    model = nlp.get_pipe(pipe).model
    tok2vec, lower = model.get_ref("tok2vec"), model.get_ref("lower")
    plan, hidden = _plan(tok2vec), _lower(lower)
    if plan is None or hidden is None:
        return False
    one_blas_thread()
    thinc_forward, thinc_lower = tok2vec._func, lower._func
    for text in PROBES:
        doc = nlp.make_doc(text)
        expected, _ = thinc_forward(tok2vec, [doc], is_train=False)
        if not _close(expected, plan(doc)):
            return False
        expected_hidden, _ = thinc_lower(lower, expected, is_train=False)
        if not _close(expected_hidden, hidden(expected)):
            return False

    def forward(model: Any, docs: Any, is_train: bool) -> Any:
        if is_train or len(docs) != 1 or not len(docs[0]):
            return thinc_forward(model, docs, is_train=is_train)
        return plan(docs[0]), _no_backprop

    def lower_forward(model: Any, x: Any, is_train: bool) -> Any:
        if is_train:
            return thinc_lower(model, x, is_train=is_train)
        return hidden(x), _no_backprop

    tok2vec._func = forward
    lower._func = lower_forward
    return True
