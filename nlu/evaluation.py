"""Evaluate the NLU on the held-out split and the public benchmarks; write JSON and markdown reports."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from nlu.emergency import detect_emergency
from nlu.metrics import entity_report, intent_report, prf, role_accuracy
from nlu.model import DATA_DIR, REPO_ROOT, heldout_files
from nlu.pipeline import NLU
from nlu.training_data import Example, load_dir

#: The held-out split's datetime values are written relative to this moment (a Monday).
HELDOUT_NOW = datetime(2026, 3, 2, 9, 0)
HELDOUT_TZ = "America/New_York"
HELDOUT_LOCALE = "en-US"


def benchmarks_dir() -> Path:
    """``$PATIENT_ASSISTANT_BENCHMARKS`` or ``../shared/benchmarks`` beside the repository."""
    env = os.environ.get("PATIENT_ASSISTANT_BENCHMARKS")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "benchmarks"


def _triples(entities: Any) -> set[tuple[str, int, int]]:
    return {(e.entity, e.start, e.end) for e in entities}


def evaluate_examples(nlu: NLU, examples: list[Example], now: datetime = HELDOUT_NOW,
                      tz: str = HELDOUT_TZ, locale: str = HELDOUT_LOCALE) -> dict[str, Any]:
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
            misses.append({"text": ex.text, "gold": ex.intent, "pred": p.intent, "confidence": round(p.confidence, 3)})
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
                dt_misses.append({"text": s.text, "expected": s.value, "got": [e.value["start"][:16] for e in got if e.value]})
        fired = detect_emergency(ex.text) is not None
        is_em = ex.intent == "emergency"
        em_tp += fired and is_em
        em_fp += fired and not is_em
        em_fn += is_em and not fired
    return {
        "n": len(examples),
        "intent": intent_report(gold_i, pred_i),
        "entities": entity_report(gold_e, pred_e),
        "datetime": {"n": dt_total, "start_accuracy": round(dt_ok / dt_total, 4) if dt_total else None, "misses": dt_misses},
        "emergency_detector": prf(em_tp, em_fp, em_fn),
        "datetime_roles": role_accuracy(gold_r, pred_r),
        "intent_misses": misses,
    }


def evaluate_duckling(nlu: NLU, path: Path) -> dict[str, Any]:
    """Datetime start (and grain, span) accuracy on the duckling-derived benchmark."""
    n = ok = grain = span = 0
    misses = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
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
    return {"n": n, "start_accuracy": round(ok / n, 4), "start_and_grain_accuracy": round(grain / n, 4),
            "exact_span_accuracy": round(span / n, 4), "misses": misses}


def evaluate_sgd(nlu: NLU, path: Path) -> dict[str, Any]:
    """Intent accuracy and datetime/practitioner span scores on the SGD-derived benchmark."""
    gold_i, pred_i, gold_e, pred_e, misses = [], [], [], [], []
    now = datetime(2019, 3, 1, 9, 0)
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        p = nlu.parse(d["text"], now=now, tz="America/Los_Angeles", locale="en-US")
        gold_i.append(d["intent"])
        pred_i.append(p.intent)
        if p.intent != d["intent"]:
            misses.append({"text": d["text"], "gold": d["intent"], "pred": p.intent, "confidence": round(p.confidence, 3)})
        gold_e.append({(e["entity"], e["start"], e["end"]) for e in d["entities"]})
        pred_e.append(_triples(p.entities))
    return {
        "n": len(gold_i),
        "intent": intent_report(gold_i, pred_i),
        "entities": entity_report(gold_e, pred_e, labels=("datetime", "practitioner")),
        "datetime": entity_report(gold_e, pred_e, labels=("datetime",)),
        "intent_misses": misses,
    }


def evaluate_all(nlu: NLU, bench: Path | None = None, data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """Held-out split plus whichever public benchmarks are present."""
    bench = bench or benchmarks_dir()
    report: dict[str, Any] = {"model": nlu.path.name, "heldout": evaluate_examples(nlu, load_dir(heldout_files(data_dir)))}
    if (bench / "duckling-en-time.jsonl").exists():
        report["duckling"] = evaluate_duckling(nlu, bench / "duckling-en-time.jsonl")
    if (bench / "sgd-services.jsonl").exists():
        report["sgd"] = evaluate_sgd(nlu, bench / "sgd-services.jsonl")
    return report


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def to_markdown(report: dict[str, Any]) -> str:
    """A readable summary of ``report``."""
    h = report["heldout"]
    lines = [f"# NLU evaluation ({report['model']})", "", "## Held-out split", "",
             f"- examples: {h['n']}", f"- intent accuracy: {_pct(h['intent']['accuracy'])} (macro F1 {h['intent']['macro_f1']:.3f})",
             f"- entity F1 (exact span): {h['entities']['micro']['f1']:.3f} (P {h['entities']['micro']['precision']:.3f}, R {h['entities']['micro']['recall']:.3f})",
             f"- datetime start correct: {_pct(h['datetime']['start_accuracy'])} of {h['datetime']['n']}",
             f"- emergency detector: recall {_pct(h['emergency_detector']['recall'])}, precision {_pct(h['emergency_detector']['precision'])}", ""]
    lines += _intent_table(h["intent"]) + [""] + _entity_table(h["entities"]) + [""] + _confusion(h["intent"]["confusion"])
    if "duckling" in report:
        d = report["duckling"]
        lines += ["", "## Benchmark: duckling-en-time", "",
                  f"- start correct: {_pct(d['start_accuracy'])} of {d['n']}; start and grain: {_pct(d['start_and_grain_accuracy'])}; exact span: {_pct(d['exact_span_accuracy'])}"]
    if "sgd" in report:
        s = report["sgd"]
        lines += ["", "## Benchmark: sgd-services", "",
                  f"- intent accuracy: {_pct(s['intent']['accuracy'])} of {s['n']} (macro F1 {s['intent']['macro_f1']:.3f})",
                  f"- datetime spans: P {s['datetime']['micro']['precision']:.3f} R {s['datetime']['micro']['recall']:.3f} F1 {s['datetime']['micro']['f1']:.3f} (overlap F1 {s['datetime']['overlap_micro']['f1']:.3f})",
                  f"- datetime + practitioner spans: F1 {s['entities']['micro']['f1']:.3f}", ""]
        lines += _intent_table(s["intent"]) + [""] + _entity_table(s["entities"]) + [""] + _confusion(s["intent"]["confusion"])
    return "\n".join(lines) + "\n"


def _intent_table(rep: dict[str, Any]) -> list[str]:
    rows = ["| intent | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for lab, m in rep["per_intent"].items():
        rows.append(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp'] + m['fn']} |")
    return rows


def _entity_table(rep: dict[str, Any]) -> list[str]:
    rows = ["| entity | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for lab, m in rep["per_entity"].items():
        rows.append(f"| {lab} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp'] + m['fn']} |")
    return rows


def _confusion(conf: dict[str, dict[str, int]]) -> list[str]:
    rows = ["Confusions (gold -> predicted: count), off-diagonal only:", ""]
    for g in sorted(conf):
        off = {p: c for p, c in conf[g].items() if p != g}
        if off:
            rows.append(f"- {g}: " + ", ".join(f"{p} {c}" for p, c in sorted(off.items(), key=lambda kv: -kv[1])))
    return rows


def write_reports(report: dict[str, Any], out: Path) -> tuple[Path, Path]:
    """Write ``nlu-eval.json`` and ``nlu-eval.md`` under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    j, m = out / "nlu-eval.json", out / "nlu-eval.md"
    j.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    m.write_text(to_markdown(report), encoding="utf-8")
    return j, m
