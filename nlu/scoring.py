"""Plain scoring helpers: precision/recall/F1, per-label reports, confusion matrices."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 where undefined) with the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def intent_report(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-intent P/R/F1, macro F1 and the confusion matrix (gold -> predicted -> count)."""
    labels = sorted(set(gold) | set(pred))
    per: dict[str, dict[str, float]] = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        per[lab] = prf(tp, fp, fn)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    in_gold = [lab for lab in labels if lab in set(gold)]
    return {
        "n": len(gold),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold), 4)
        if gold
        else 0.0,
        "macro_f1": round(sum(per[lab]["f1"] for lab in in_gold) / len(in_gold), 4)
        if in_gold
        else 0.0,
        "per_intent": per,
        "confusion": confusion,
    }


Triple = tuple[str, int, int]


def entity_report(
    gold: Iterable[Iterable[Triple]],
    pred: Iterable[Iterable[Triple]],
    labels: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Exact-span entity P/R/F1, micro over all labels and per label; also an overlap-lenient micro score."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    ltp = lfp = lfn = 0
    wanted = set(labels) if labels is not None else None
    for g_items, p_items in zip(gold, pred, strict=True):
        g = {t for t in g_items if wanted is None or t[0] in wanted}
        p = {t for t in p_items if wanted is None or t[0] in wanted}
        for t in g & p:
            tp[t[0]] += 1
        for t in p - g:
            fp[t[0]] += 1
        for t in g - p:
            fn[t[0]] += 1
        ltp += sum(any(_overlap(a, b) for b in p) for a in g)
        lfn += sum(not any(_overlap(a, b) for b in p) for a in g)
        lfp += sum(not any(_overlap(a, b) for b in g) for a in p)
    names = sorted(set(tp) | set(fp) | set(fn))
    return {
        "micro": prf(sum(tp.values()), sum(fp.values()), sum(fn.values())),
        "per_entity": {n: prf(tp[n], fp[n], fn[n]) for n in names},
        "overlap_micro": prf(ltp, lfp, lfn),
    }


def _overlap(a: Triple, b: Triple) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


Roled = tuple[int, int, str | None]


def role_accuracy(
    gold: Iterable[Iterable[Roled]], pred: Iterable[Iterable[Roled]]
) -> dict[str, Any]:
    """Of the gold datetimes with a role, how many a predicted datetime overlaps with the same role.

    Each item is (start, end, role) of one message's datetimes. Also counts predicted roles
    on gold datetimes that have none ("false_roles"): a wanted time taken for a booked one.
    """
    n = ok = false_roles = 0
    for g_items, p_items in zip(gold, pred, strict=True):
        p_list = list(p_items)
        for start, end, role in g_items:
            roles = {r for s, e, r in p_list if s < end and start < e}
            if role:
                n += 1
                ok += role in roles
            else:
                false_roles += any(roles)
    return {
        "n": n,
        "accuracy": round(ok / n, 4) if n else None,
        "correct": ok,
        "false_roles": false_roles,
    }
