"""Parse JSON of every held-out and development message, to show a speed-up changes no answer.

Run before a change with ``--out before.jsonl`` and after it with ``--compare before.jsonl``:
the second run lists every message whose parse differs (none, for a pure speed-up) and exits 1
if any does. Only the held-out split and the development sets are read, never the blind sets.
``--model DIR`` loads a model directory as it is, without checking that it matches the current
feature code (for trying a change to parse-time code without retraining first).

Run: .venv/bin/python bench/parse_snapshot.py (--out FILE | --compare FILE) [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlu.evaluation import HELDOUT_NOW, HELDOUT_TZ, SGD_NOW, SGD_TZ, benchmarks_dir, dev_dir
from nlu.model import DATA_DIR, heldout_files
from nlu.training_data import load_file


def _jsonl(path: Path) -> Iterator[dict]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def messages() -> Iterator[tuple[str, str, datetime, str, str]]:
    """``(set name, text, now, tz, locale)`` for every held-out and development message, as evaluation parses them."""
    for path in [*heldout_files(DATA_DIR), *sorted(dev_dir(DATA_DIR).glob("*.yml"))]:
        for ex in load_file(path):
            yield path.name, ex.text, HELDOUT_NOW, HELDOUT_TZ, "en-US"
    for path in sorted(dev_dir(DATA_DIR).glob("dates-*.jsonl")):
        for d in _jsonl(path):
            yield (
                path.name,
                d["text"],
                datetime.fromisoformat(d["now"]),
                d["tz"],
                d.get("locale", "en-US"),
            )
    for path in sorted(dev_dir(DATA_DIR).glob("emergency-*.jsonl")):
        for d in _jsonl(path):
            yield path.name, d["text"], HELDOUT_NOW, HELDOUT_TZ, "en-US"
    bench = benchmarks_dir()
    if (bench / "sgd-services.jsonl").exists():
        for d in _jsonl(bench / "sgd-services.jsonl"):
            yield "sgd-services.jsonl", d["text"], SGD_NOW, SGD_TZ, "en-US"
    if (bench / "duckling-en-time.jsonl").exists():
        for d in _jsonl(bench / "duckling-en-time.jsonl"):
            yield (
                "duckling-en-time.jsonl",
                d["text"],
                datetime.fromisoformat(d["now"]),
                d["tz"],
                "en-US",
            )


def snapshot(nlu: object) -> list[dict]:
    out = []
    for name, text, now, tz, locale in messages():
        parse = nlu.parse(text, now=now, tz=tz, locale=locale)  # type: ignore[attr-defined]
        out.append({"set": name, **parse.to_json()})
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    what = ap.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", type=Path, help="write the snapshot here")
    what.add_argument("--compare", type=Path, help="compare with a snapshot written earlier")
    ap.add_argument("--model", type=Path, help="a model directory to load as it is")
    args = ap.parse_args(argv)

    from nlu import model as M
    from nlu.pipeline import NLU

    nlu = NLU(M.load(args.model), args.model) if args.model else NLU.load()
    now = snapshot(nlu)
    if args.out:
        args.out.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in now), encoding="utf-8"
        )
        print(f"{len(now)} parses written to {args.out} (model {nlu.path.name})")
        return 0
    before = [json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines()]
    if len(before) != len(now):
        print(f"different message lists: {len(before)} before, {len(now)} now")
        return 1
    differ = [(b, a) for b, a in zip(before, now, strict=True) if b != a]
    for b, a in differ[:20]:
        print(json.dumps({"before": b, "after": a}, ensure_ascii=False))
    print(f"{len(now)} parses compared (model {nlu.path.name}): {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
