"""Score an emergency set: recall and precision overall and per triage category.

A set is JSON lines, one message each: ``text``, ``emergency`` (bool), ``category``
(the triage category of an emergency, or the category a hard non-emergency
imitates) and ``voice``. Sets live in ``data/nlu/dev/emergency-*.jsonl`` (may be
read while tuning) and ``data/nlu/blind/emergency-*.jsonl`` (never read), so by
default only aggregate figures are printed (``--show-misses`` prints texts, for
development sets only).

    python -m nlu.emergency_eval data/nlu/dev/emergency-1-dev.jsonl [--rules-only] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from nlu.model import REPO_ROOT

#: Where the emergency sets are kept, relative to the repository root: blind ones and development ones.
BLIND_DIR, DEV_DIR = Path("data/nlu/blind"), Path("data/nlu/dev")
#: The parse is done relative to this moment, like the held-out split.
SET_NOW = datetime(2026, 3, 2, 9, 0)
SET_TZ = "America/New_York"


@dataclass(frozen=True)
class Item:
    """One message of an emergency set."""

    text: str
    emergency: bool
    category: str
    voice: str


def emergency_sets(root: Path = REPO_ROOT) -> dict[str, Path]:
    """Every emergency set, by name ("blind/emergency-3", "dev/emergency-1-dev").

    ``data/nlu/blind/`` holds the sets nobody has read; once a set's misses are read
    it moves to ``data/nlu/dev/``.
    """
    return {
        f"{d.name}/{p.stem}": p
        for d in (root / BLIND_DIR, root / DEV_DIR)
        for p in sorted(d.glob("emergency-*.jsonl"))
    }


def is_dev_set(name: str) -> bool:
    """Whether a set may be read while tuning (it is in ``dev/``): only then are missed texts shown."""
    return name.startswith(f"{DEV_DIR.name}/")


def load_set(path: Path) -> list[Item]:
    """The items of one set file (blank lines skipped)."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            items.append(
                Item(
                    d["text"],
                    bool(d["emergency"]),
                    d.get("category") or "none",
                    d.get("voice") or "",
                )
            )
    return items


def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def score(items: Iterable[Item], predict: Callable[[str], bool]) -> dict[str, Any]:
    """Recall, precision and per-category figures of ``predict`` on ``items``, with the misses."""
    tp = fp = fn = 0
    per: dict[str, dict[str, int]] = {}
    misses: list[dict[str, str]] = []
    for it in items:
        fired = predict(it.text)
        c = per.setdefault(
            it.category, {"emergencies": 0, "caught": 0, "non_emergencies": 0, "false_alarms": 0}
        )
        if it.emergency:
            c["emergencies"] += 1
            c["caught"] += fired
            tp += fired
            fn += not fired
        else:
            c["non_emergencies"] += 1
            c["false_alarms"] += fired
            fp += fired
        if fired != it.emergency:
            misses.append(
                {
                    "kind": "missed" if it.emergency else "false_alarm",
                    "category": it.category,
                    "voice": it.voice,
                    "text": it.text,
                }
            )
    categories = {
        cat: {**c, "recall": _ratio(c["caught"], c["emergencies"])}
        for cat, c in sorted(per.items())
    }
    return {
        "n": tp + fp + fn + sum(c["non_emergencies"] - c["false_alarms"] for c in per.values()),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "recall": _ratio(tp, tp + fn),
        "precision": _ratio(tp, tp + fp),
        "categories": categories,
        "misses": misses,
    }


def category_table(report: dict[str, Any]) -> str:
    """Per-category recall and false alarms as text lines (no message texts)."""
    lines = [
        (
            f"recall {report['recall']:.3f} ({report['tp']}/{report['tp'] + report['fn']}), "
            f"precision {report['precision']:.3f} ({report['fp']} false alarms)"
        )
    ]
    for cat, c in report["categories"].items():
        lines.append(
            f"  {cat:26s} recall {c['recall']:.3f} ({c['caught']}/{c['emergencies']}), "
            f"false alarms {c['false_alarms']}/{c['non_emergencies']}"
        )
    return "\n".join(lines)


def parse_predictor(nlu: Any) -> Callable[[str], bool]:
    """What the product does: the full parse's intent is ``emergency``."""
    return lambda text: nlu.parse(text, now=SET_NOW, tz=SET_TZ).intent == "emergency"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument(
        "--rules-only", action="store_true", help="score the rule layer alone (no model)"
    )
    ap.add_argument(
        "--show-misses", action="store_true", help="print missed texts (never for a blind set)"
    )
    args = ap.parse_args(argv)
    if args.show_misses and BLIND_DIR.name in args.path.resolve().parent.parts[-1:]:
        ap.error(
            "a blind set's texts are never shown: move it to data/nlu/dev/ first (and write a new blind set)"
        )
    predict: Callable[[str], bool]
    if args.rules_only:
        from nlu.emergency import is_emergency

        predict = is_emergency
    else:
        from nlu.pipeline import NLU

        predict = parse_predictor(NLU.load())
    report = score(load_set(args.path), predict)
    print(category_table(report))
    if args.show_misses:
        for m in report["misses"]:
            print(f"{m['kind']:12s} {m['category']:26s} {m['text']}")


if __name__ == "__main__":
    main()
