"""Evaluate the NLU and write ``reports/nlu-eval.{json,md}``, with three kinds of set kept apart.

1. **Held-out split** (``data/nlu/heldout/``): written with the training data,
   never trained on, deduplicated against it (``nlu/overlap.py``). Its authors
   knew the training data, so it flatters the model a little.
2. **Blind sets** (``data/nlu/blind/``): written by people who did not see the
   training data or the rules, and read by nobody working on the NLU. These are
   the figures to quote. The report gives their numbers only, never their
   texts or misses, so that reading the report does not unblind them. A blind
   message equal to a training message once normalised (a "yes" is a "yes" in
   any voice) is left out of the score and counted.
3. **Development sets** (``data/nlu/dev/`` and ``data/nlu/benchmarks/``): sets
   that people working on the NLU have looked at, misses and all — the public
   benchmarks, our own yardsticks, and blind sets once their misses were read.
   Useful to find weaknesses; not a blind figure.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from nlu.emergency import detect_emergency
from nlu.model import DATA_DIR, REPO_ROOT, heldout_files, load_training_examples
from nlu.overlap import comparison_key, contamination
from nlu.pipeline import NLU
from nlu.scoring import entity_report, intent_report, prf, role_accuracy
from nlu.training_data import Example, load_dir, load_file

#: The held-out split's and the blind messages' datetime values are written relative to this moment (a Monday).
HELDOUT_NOW = datetime(2026, 3, 2, 9, 0)
HELDOUT_TZ = "America/New_York"
HELDOUT_LOCALE = "en-US"
#: SGD's dialogues are set around March 2019 in California.
SGD_NOW = datetime(2019, 3, 1, 9, 0)
SGD_TZ = "America/Los_Angeles"


def benchmarks_dir() -> Path:
    """``$PATIENT_ASSISTANT_BENCHMARKS`` or the project's ``data/nlu/benchmarks``."""
    env = os.environ.get("PATIENT_ASSISTANT_BENCHMARKS")
    return Path(env) if env else DATA_DIR / "benchmarks"


def blind_dir(data_dir: Path = DATA_DIR) -> Path:
    """Where the blind sets live (``data/nlu/blind``): ``messages-*.yml``, ``dates-*.jsonl``, ``emergency-*.jsonl``."""
    return data_dir / "blind"


def dev_dir(data_dir: Path = DATA_DIR) -> Path:
    """Where our own development sets live (``data/nlu/dev``), named as the blind ones."""
    return data_dir / "dev"


def evaluation_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Every held-out, blind and development set file whose messages must not be trained on."""
    found = [
        p
        for d in (blind_dir(data_dir), dev_dir(data_dir))
        for pattern in ("*.yml", "*.jsonl")
        for p in sorted(d.glob(pattern))
    ]
    return heldout_files(data_dir) + found


def _triples(entities: Any) -> set[tuple[str, int, int]]:
    return {(e.entity, e.start, e.end) for e in entities}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate_examples(
    nlu: NLU,
    examples: list[Example],
    now: datetime = HELDOUT_NOW,
    tz: str = HELDOUT_TZ,
    locale: str = HELDOUT_LOCALE,
) -> dict[str, Any]:
    """Intent, entity, datetime and emergency scores of ``examples``, with the misses."""
    gold_i, pred_i, gold_e, pred_e, misses = [], [], [], [], []
    gold_r, pred_r = [], []  # (start, end, role) of each message's datetimes
    dt_total = dt_ok = 0
    dt_misses = []
    em_tp = em_fp = em_fn = 0
    for ex in examples:
        p = nlu.parse(ex.text, now=now, tz=tz, locale=locale)
        gold_i.append(ex.intent)
        pred_i.append(p.intent)
        if p.intent != ex.intent:
            misses.append(
                {
                    "text": ex.text,
                    "gold": ex.intent,
                    "pred": p.intent,
                    "confidence": round(p.confidence, 3),
                }
            )
        gold_e.append({(s.entity, s.start, s.end) for s in ex.spans})
        pred_e.append(_triples(p.entities))
        gold_r.append([(s.start, s.end, s.role) for s in ex.spans if s.entity == "datetime"])
        pred_r.append([(e.start, e.end, e.role) for e in p.all("datetime")])
        for s in ex.spans:
            if s.entity != "datetime" or not s.value:
                continue
            dt_total += 1
            got = [e for e in p.all("datetime") if e.start < s.end and s.start < e.end]
            wanted = [v.strip()[:16] for v in str(s.value).split("|")]
            if any(e.value and e.value["start"][:16] in wanted for e in got):
                dt_ok += 1
            else:
                dt_misses.append(
                    {
                        "text": s.text,
                        "expected": s.value,
                        "got": [e.value["start"][:16] for e in got if e.value],
                    }
                )
        fired = detect_emergency(ex.text) is not None
        is_em = ex.intent == "emergency"
        em_tp += fired and is_em
        em_fp += fired and not is_em
        em_fn += is_em and not fired
    return {
        "n": len(examples),
        "intent": intent_report(gold_i, pred_i),
        "entities": entity_report(gold_e, pred_e),
        "datetime": {
            "n": dt_total,
            "start_accuracy": round(dt_ok / dt_total, 4) if dt_total else None,
            "misses": dt_misses,
        },
        "emergency_detector": prf(em_tp, em_fp, em_fn),
        "datetime_roles": role_accuracy(gold_r, pred_r),
        "intent_misses": misses,
    }


def _span_bounds(text: str, span: Any) -> tuple[int, int]:
    """Character bounds of a dates-set ``span``: a [start, end] pair, a {"start", "end"} object, or its text."""
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return int(span[0]), int(span[1])
    if isinstance(span, dict):
        return int(span["start"]), int(span["end"])
    if isinstance(span, str) and span:
        at = text.find(span)
        if at < 0:
            at = text.lower().find(span.lower())
        if at >= 0:
            return at, at + len(span)
    return 0, len(text)


def _rate(ok: int, n: int) -> float | None:
    return round(ok / n, 4) if n else None


def _alternatives(alt: Any) -> list[str]:
    """A dates line's other accepted starts: a list, or one start written as a plain string
    (writers 11 and 14 wrote it so; iterating the string would accept single characters)."""
    if not alt:
        return []
    return [alt] if isinstance(alt, str) else [str(a) for a in alt]


def evaluate_dates(nlu: NLU, path: Path, *, keep_misses: bool = False) -> dict[str, Any]:
    """Datetime resolution on a JSON-lines dates set, overall, per time zone and per voice.

    Each line: ``text``, ``span``, ``now`` (local, ISO), ``tz``, ``locale``,
    ``start`` ("YYYY-MM-DDTHH:MM" local), optional ``alt`` (other accepted
    starts: a list or one string), ``grain``, ``voice``. A line is right when a datetime entity
    overlapping the span has a local start (its first 16 characters) equal to
    ``start`` or one of ``alt``.
    """
    n = ok = grain_ok = 0
    by: dict[str, dict[str, list[int]]] = {
        "tz": defaultdict(lambda: [0, 0]),
        "voice": defaultdict(lambda: [0, 0]),
    }
    misses = []
    for d in _jsonl(path):
        text = d["text"]
        p = nlu.parse(
            text, now=datetime.fromisoformat(d["now"]), tz=d["tz"], locale=d.get("locale", "en-US")
        )
        s, e = _span_bounds(text, d.get("span"))
        wanted = {str(d["start"])[:16], *(a[:16] for a in _alternatives(d.get("alt")))}
        got = [x for x in p.all("datetime") if x.value and x.start < e and s < x.end]
        hit = [x for x in got if x.value["start"][:16] in wanted]
        n += 1
        ok += bool(hit)
        grain_ok += any(x.value.get("grain") == d.get("grain") for x in hit)
        for key in ("tz", "voice"):
            cell = by[key][str(d.get(key, "?"))]
            cell[0] += bool(hit)
            cell[1] += 1
        if keep_misses and not hit:
            misses.append(
                {
                    "text": text,
                    "expected": sorted(wanted),
                    "got": [x.value["start"][:16] for x in got],
                }
            )
    out: dict[str, Any] = {
        "n": n,
        "start_accuracy": _rate(ok, n),
        "start_and_grain_accuracy": _rate(grain_ok, n),
        "per_tz": {
            k: {"n": v[1], "start_accuracy": _rate(v[0], v[1])} for k, v in sorted(by["tz"].items())
        },
        "per_voice": {
            k: {"n": v[1], "start_accuracy": _rate(v[0], v[1])}
            for k, v in sorted(by["voice"].items())
        },
    }
    if keep_misses:
        out["misses"] = misses
    return out


def evaluate_emergency(nlu: NLU, path: Path, *, keep_misses: bool = False) -> dict[str, Any]:
    """Emergency recall and precision of the full parse (intent == emergency), overall and per category.

    Each line: ``text``, ``emergency`` (bool), ``category``, ``voice``. Per
    category: recall for emergency categories, false alarms for the others.
    """
    tp = fp = fn = 0
    per: dict[str, dict[str, int]] = defaultdict(
        lambda: {"n": 0, "emergencies": 0, "caught": 0, "false_alarms": 0}
    )
    per_voice: dict[str, dict[str, int]] = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    misses = []
    now = HELDOUT_NOW
    for d in _jsonl(path):
        fired = nlu.parse(d["text"], now=now, tz=HELDOUT_TZ).intent == "emergency"
        gold = bool(d["emergency"])
        c = per[str(d.get("category", "?"))]
        v = per_voice[str(d.get("voice", "?"))]
        c["n"] += 1
        c["emergencies"] += gold
        c["caught"] += gold and fired
        c["false_alarms"] += fired and not gold
        tp += gold and fired
        fp += fired and not gold
        fn += gold and not fired
        v["tp"] += gold and fired
        v["fp"] += fired and not gold
        v["fn"] += gold and not fired
        if keep_misses and gold != fired:
            misses.append(
                {
                    "text": d["text"],
                    "category": d.get("category"),
                    "expected": gold,
                    "flagged": fired,
                }
            )
    out: dict[str, Any] = {
        "n": sum(c["n"] for c in per.values()),
        "overall": prf(tp, fp, fn),
        "per_category": {
            k: {**c, "recall": _rate(c["caught"], c["emergencies"])} for k, c in sorted(per.items())
        },
        "per_voice": {k: prf(v["tp"], v["fp"], v["fn"]) for k, v in sorted(per_voice.items())},
    }
    if keep_misses:
        out["misses"] = misses
    return out


def evaluate_duckling(nlu: NLU, path: Path) -> dict[str, Any]:
    """Datetime start (and grain, span) accuracy on the duckling-derived development set."""
    n = ok = grain = span = 0
    misses = []
    for d in _jsonl(path):
        n += 1
        p = nlu.parse(d["text"], now=datetime.fromisoformat(d["now"]), tz=d["tz"], locale="en-US")
        ents = p.all("datetime")
        exp = d["expected"]
        hit = [e for e in ents if e.value and e.value["start"] == exp["start"]]
        ok += bool(hit)
        grain += any(e.value["grain"] == exp["grain"] for e in hit)
        span += any(e.text == d["span"] for e in hit)
        if not hit:
            misses.append({"text": d["text"], "expected": exp, "got": [e.value for e in ents]})
    return {
        "n": n,
        "start_accuracy": _rate(ok, n),
        "start_and_grain_accuracy": _rate(grain, n),
        "exact_span_accuracy": _rate(span, n),
        "misses": misses,
    }


def evaluate_sgd(nlu: NLU, path: Path) -> dict[str, Any]:
    """Intent accuracy and datetime/practitioner span scores on the SGD-derived development set."""
    gold_i, pred_i, gold_e, pred_e, misses = [], [], [], [], []
    for d in _jsonl(path):
        p = nlu.parse(d["text"], now=SGD_NOW, tz=SGD_TZ, locale="en-US")
        gold_i.append(d["intent"])
        pred_i.append(p.intent)
        if p.intent != d["intent"]:
            misses.append(
                {
                    "text": d["text"],
                    "gold": d["intent"],
                    "pred": p.intent,
                    "confidence": round(p.confidence, 3),
                }
            )
        gold_e.append({(e["entity"], e["start"], e["end"]) for e in d["entities"]})
        pred_e.append(_triples(p.entities))
    return {
        "n": len(gold_i),
        "intent": intent_report(gold_i, pred_i),
        "entities": entity_report(gold_e, pred_e, labels=("datetime", "practitioner")),
        "datetime": entity_report(gold_e, pred_e, labels=("datetime",)),
        "intent_misses": misses,
    }


def _blind(report: dict[str, Any]) -> dict[str, Any]:
    """``report`` without texts: intent misses become counts (the confusion matrix keeps them)."""
    out = {k: v for k, v in report.items() if k != "intent_misses"}
    out["datetime"] = {k: v for k, v in report["datetime"].items() if k != "misses"}
    out["intent_misses"] = len(report["intent_misses"])
    return out


def _not_in_training(examples: list[Example], data_dir: Path) -> tuple[list[Example], int]:
    """``examples`` less those equal to a training message once normalised, and how many were left out."""
    keys = {comparison_key(e.text) for e in load_training_examples(data_dir)}
    kept = [e for e in examples if comparison_key(e.text) not in keys]
    return kept, len(examples) - len(kept)


def _sets(folder: Path, nlu: NLU, data_dir: Path, *, blind: bool) -> dict[str, Any]:
    """Every message, date and emergency set in ``folder``, by file name."""
    out: dict[str, Any] = {}
    for path in sorted(folder.glob("*.yml")):
        # An outside writer's messages hold short replies any voice shares ("yes"): scored without them.
        outside = path.name.startswith("messages-")
        examples, left_out = (
            _not_in_training(load_file(path), data_dir) if outside else (load_file(path), 0)
        )
        scored = evaluate_examples(nlu, examples)
        out[path.name] = {
            **(_blind(scored) if blind else scored),
            "equal_to_training_left_out": left_out,
        }
    for path in sorted(folder.glob("dates-*.jsonl")):
        out[path.name] = evaluate_dates(nlu, path, keep_misses=not blind)
    for path in sorted(folder.glob("emergency-*.jsonl")):
        out[path.name] = evaluate_emergency(nlu, path, keep_misses=not blind)
    return out


def evaluate_all(nlu: NLU, bench: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Held-out split, blind sets and development sets (whichever files exist), plus contamination counts."""
    bench = bench or benchmarks_dir()
    report: dict[str, Any] = {
        "model": nlu.path.name,
        "heldout": evaluate_examples(nlu, load_dir(heldout_files(data_dir))),
        "blind": _sets(blind_dir(data_dir), nlu, data_dir, blind=True),
        "development": _sets(dev_dir(data_dir), nlu, data_dir, blind=False),
    }
    if (bench / "sgd-services.jsonl").exists():
        report["development"]["sgd"] = evaluate_sgd(nlu, bench / "sgd-services.jsonl")
    if (bench / "duckling-en-time.jsonl").exists():
        report["development"]["duckling"] = evaluate_duckling(nlu, bench / "duckling-en-time.jsonl")
    sources = [
        (str(p.relative_to(REPO_ROOT)), p.read_text(encoding="utf-8"))
        for p in sorted((REPO_ROOT / "nlu").rglob("*.py"))
    ]
    found = contamination(
        [e.text for e in load_training_examples(data_dir)],
        sources,
        sorted(bench.glob("*.jsonl")),
        evaluation_files(data_dir),
    )
    report["contamination"] = {"counts": found["counts"], "findings": len(found["findings"])}
    return report


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _examples_summary(h: dict[str, Any]) -> list[str]:
    lines = [
        f"- examples: {h['n']}",
        f"- intent accuracy: {_pct(h['intent']['accuracy'])} (macro F1 {h['intent']['macro_f1']:.3f})",
        (
            f"- entity F1 (exact span): {h['entities']['micro']['f1']:.3f} (P {h['entities']['micro']['precision']:.3f}, "
            f"R {h['entities']['micro']['recall']:.3f})"
        ),
        f"- datetime start correct: {_pct(h['datetime']['start_accuracy'])} of {h['datetime']['n']}",
        (
            f"- emergency rule detector alone: recall {_pct(h['emergency_detector']['recall'])}, "
            f"precision {_pct(h['emergency_detector']['precision'])}"
        ),
        "",
    ]
    return (
        lines
        + _intent_table(h["intent"])
        + [""]
        + _entity_table(h["entities"])
        + [""]
        + _confusion(h["intent"]["confusion"])
    )


def _dates_summary(d: dict[str, Any]) -> list[str]:
    rows = [
        f"- start correct: {_pct(d['start_accuracy'])} of {d['n']} (start and grain {_pct(d['start_and_grain_accuracy'])})",
        "",
        "| time zone | n | start correct |",
        "|---|---:|---:|",
    ]
    rows += [f"| {k} | {v['n']} | {_pct(v['start_accuracy'])} |" for k, v in d["per_tz"].items()]
    rows += ["", "| voice | n | start correct |", "|---|---:|---:|"]
    rows += [f"| {k} | {v['n']} | {_pct(v['start_accuracy'])} |" for k, v in d["per_voice"].items()]
    return rows


def _emergency_summary(d: dict[str, Any]) -> list[str]:
    o = d["overall"]
    rows = [
        (
            f"- messages: {d['n']}; full parse says emergency: recall {_pct(o['recall'])}, precision {_pct(o['precision'])} "
            f"(missed {o['fn']}, false alarms {o['fp']})"
        ),
        "",
        "| category | messages | emergencies | caught | recall | false alarms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    rows += [
        f"| {k} | {c['n']} | {c['emergencies']} | {c['caught']} | {_pct(c['recall'])} | {c['false_alarms']} |"
        for k, c in d["per_category"].items()
    ]
    return rows


def to_markdown(report: dict[str, Any]) -> str:
    """A readable summary of ``report``: held-out, blind and development sets in separate sections."""
    lines = [
        f"# NLU evaluation ({report['model']})",
        "",
        "Three kinds of set, kept apart: the **held-out split** (written with the training data, never trained on,",
        "deduplicated against it), the **blind sets** (written by people who saw neither the training data nor the",
        "rules; the figures to quote), and the **development sets** (looked at while improving the NLU, so not blind).",
        "",
        "## 1. Held-out split (deduplicated against training)",
        "",
    ]
    lines += _examples_summary(report["heldout"])
    lines += [
        "",
        "## 2. Blind sets",
        "",
        "Numbers only: their texts and misses are left out of this report so that reading it does not unblind them.",
        "",
    ]
    blind = report.get("blind", {})
    if not blind:
        lines += ["No blind set found under `data/nlu/blind/`.", ""]
    lines += _set_sections(blind, blind=True)
    dev = report.get("development", {})
    lines += [
        "## 3. Development sets (not blind)",
        "",
        "These were looked at, misses and all, while the NLU was being improved (SGD was once even used to choose",
        "training phrasing; `data/nlu/dev/` holds our own yardsticks and the blind sets whose misses were read),",
        "so a score on them says how the NLU does on data its authors know, not on new data. They are never",
        "trained on and no rule is written for their lines (`tests/nlu/test_contamination.py`).",
        "",
    ]
    if "sgd" in dev:
        s = dev["sgd"]
        lines += [
            "### sgd-services.jsonl (Schema-Guided Dialogue, CC BY-SA 4.0)",
            "",
            f"- intent accuracy: {_pct(s['intent']['accuracy'])} of {s['n']} (macro F1 {s['intent']['macro_f1']:.3f})",
            (
                f"- datetime spans: P {s['datetime']['micro']['precision']:.3f} R {s['datetime']['micro']['recall']:.3f} "
                f"F1 {s['datetime']['micro']['f1']:.3f} (overlap F1 {s['datetime']['overlap_micro']['f1']:.3f})"
            ),
            f"- datetime + practitioner spans: F1 {s['entities']['micro']['f1']:.3f}",
            "",
        ]
        lines += [
            *_intent_table(s["intent"]),
            "",
            *_entity_table(s["entities"]),
            "",
            *_confusion(s["intent"]["confusion"]),
            "",
        ]
    if "duckling" in dev:
        d = dev["duckling"]
        lines += [
            "### duckling-en-time.jsonl (Duckling corpus, BSD)",
            "",
            (
                f"- start correct: {_pct(d['start_accuracy'])} of {d['n']}; start and grain: {_pct(d['start_and_grain_accuracy'])}; "
                f"exact span: {_pct(d['exact_span_accuracy'])}"
            ),
            "",
        ]
    lines += _set_sections(
        {k: v for k, v in dev.items() if k not in {"sgd", "duckling"}}, blind=False
    )
    if "contamination" in report:
        c = report["contamination"]
        lines += [
            "## Contamination check",
            "",
            f"Findings: {c['findings']} (benchmark or evaluation texts found in training data or rules after normalisation).",
            "",
            "| set | texts | equal to a training message | inside a training message | inside a rule |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, k in c["counts"].items():
            lines.append(
                f"| {name} | {k['texts']} | {k['equal_to_training']} | {k.get('inside_training', '—')} | {k.get('inside_rules', '—')} |"
            )
    return "\n".join(lines).rstrip() + "\n"


def _set_sections(sets: dict[str, Any], *, blind: bool) -> list[str]:
    """A section per message, date or emergency set file."""
    lines: list[str] = []
    for name, rep in sets.items():
        if name.endswith(".yml"):
            left = rep.get("equal_to_training_left_out", 0)
            note = (
                [f"- left out: {left} messages equal to a training message once normalised", ""]
                if left
                else []
            )
            lines += [f"### {name}: intents and entities", "", *note, *_examples_summary(rep), ""]
            roles = rep.get("datetime_roles")
            if roles:
                lines += [f"- datetime roles: {json.dumps(roles)}", ""]
        elif name.startswith("dates"):
            lines += [f"### {name}: datetime resolution", "", *_dates_summary(rep), ""]
        elif name.startswith("emergency"):
            lines += [
                f"### {name}: emergencies through the full parse",
                "",
                *_emergency_summary(rep),
                "",
            ]
    return lines


def _intent_table(rep: dict[str, Any]) -> list[str]:
    rows = ["| intent | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for lab, m in rep["per_intent"].items():
        rows.append(
            f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp'] + m['fn']} |"
        )
    return rows


def _entity_table(rep: dict[str, Any]) -> list[str]:
    rows = ["| entity | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for lab, m in rep["per_entity"].items():
        rows.append(
            f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp'] + m['fn']} |"
        )
    return rows


def _confusion(conf: dict[str, dict[str, int]]) -> list[str]:
    rows = ["Confusions (gold -> predicted: count), off-diagonal only:", ""]
    for g in sorted(conf):
        off = {p: c for p, c in conf[g].items() if p != g}
        if off:
            rows.append(
                f"- {g}: "
                + ", ".join(f"{p} {c}" for p, c in sorted(off.items(), key=lambda kv: -kv[1]))
            )
    return rows


def write_reports(report: dict[str, Any], out: Path) -> tuple[Path, Path]:
    """Write ``nlu-eval.json`` and ``nlu-eval.md`` under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    j, m = out / "nlu-eval.json", out / "nlu-eval.md"
    j.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m.write_text(to_markdown(report), encoding="utf-8")
    return j, m
