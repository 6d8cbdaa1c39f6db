"""No benchmark or evaluation text in the training data or in a rule, compared after normalisation.

The development sets (data/nlu/benchmarks/) and the held-out and blind sets
are only worth their numbers while nothing was trained on them or written for
them. Blind-set findings name the file and message number, never the text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlu import model as M
from nlu.evaluation import evaluation_files
from nlu.overlap import comparison_key, contamination, normalise, rule_texts

NLU_DIR = M.REPO_ROOT / "nlu"
BENCHMARKS = sorted((M.DATA_DIR / "benchmarks").glob("*.jsonl"))
#: The held-out split and every blind and development set of our own.
EVALUATION = evaluation_files()
#: Short replies are the same in any voice ("yes", "hi", "2"), so a message set written apart
#: from the training data by an outside writer still holds some; they are left out of its
#: score instead (nlu.evaluation), and only these sets may hold them.
MAY_HOLD_SHORT_REPLIES = {p for p in EVALUATION if p.name.startswith(("messages-", "dates-"))}


def _rule_sources() -> list[tuple[str, str]]:
    return [
        (str(p.relative_to(M.REPO_ROOT)), p.read_text(encoding="utf-8"))
        for p in sorted(NLU_DIR.rglob("*.py"))
    ]


@pytest.fixture(scope="module")
def report() -> dict:
    train = [e.text for e in M.load_training_examples()]
    return contamination(
        train,
        _rule_sources(),
        BENCHMARKS,
        [p for p in EVALUATION if p not in MAY_HOLD_SHORT_REPLIES],
    )


def test_both_benchmarks_ship_with_the_project() -> None:
    assert [p.name for p in BENCHMARKS] == ["duckling-en-time.jsonl", "sgd-services.jsonl"]
    assert (M.DATA_DIR / "benchmarks" / "README.md").exists()


def test_no_benchmark_text_equals_a_training_message(report: dict) -> None:
    found = [
        f
        for f in report["findings"]
        if f["set"] in {p.name for p in BENCHMARKS} and f["where"].startswith("equals")
    ]
    assert found == []


def test_no_benchmark_phrase_inside_training_messages(report: dict) -> None:
    found = [f for f in report["findings"] if f["where"] == "inside a training message"]
    assert found == []


def test_no_benchmark_phrase_inside_a_rule(report: dict) -> None:
    found = [f for f in report["findings"] if f["where"].startswith("inside a rule")]
    assert found == []


def test_no_heldout_or_evaluation_message_equals_a_training_message(report: dict) -> None:
    names = {p.name for p in EVALUATION}
    found = [f"{f['set']}: {f['text']}" for f in report["findings"] if f["set"] in names]
    assert found == []
    assert report["counts"]["heldout.yml"]["texts"] >= 400
    assert {"voices.yml", "emergency-3.jsonl", "emergency-1-dev.jsonl"} <= set(report["counts"])


def test_every_kind_of_evaluation_set_is_checked() -> None:
    names = {p.name for p in EVALUATION}
    assert {
        "heldout.yml",
        "messages-1.yml",
        "messages-2.yml",
        "dates-3.jsonl",
        "emergency-3.jsonl",
        "voices.yml",
    } <= names


# The checker itself, on small made-up sets: it must catch what it is for.


def _write(tmp: Path, name: str, rows: list[dict]) -> Path:
    p = tmp / name
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def test_checker_catches_a_copied_line_whatever_its_case_punctuation_and_digits(
    tmp_path: Path,
) -> None:
    bench = _write(
        tmp_path,
        "sgd-services.jsonl",
        [{"text": "Can I book for 3pm, please?"}, {"text": "Something else entirely."}],
    )
    out = contamination(["can i book for 4pm please"], [], [bench], [])
    assert out["counts"]["sgd-services.jsonl"]["equal_to_training"] == 1
    assert [f["text"] for f in out["findings"]] == ["Can I book for 3pm, please?"]


def test_checker_catches_a_phrase_inside_a_longer_training_message(tmp_path: Path) -> None:
    bench = _write(tmp_path, "sgd-services.jsonl", [{"text": "I need to see a dentist."}])
    out = contamination(["hi [I need to see a dentist](service) asap"], [], [bench], [])
    assert out["counts"]["sgd-services.jsonl"]["inside_training"] == 1


def test_checker_catches_a_rule_written_for_a_line(tmp_path: Path) -> None:
    bench = _write(
        tmp_path,
        "duckling-en-time.jsonl",
        [{"text": "the day before the ides"}, {"text": "at noon"}],
    )
    rule = 'import re\nPAT = re.compile(r"\\b(?:the\\s+)?day\\s+before\\s+the\\s+ides\\b")\n'
    doc = '"""the day before the ides is documented here, which is no rule."""\n'
    out = contamination([], [("nlu/x.py", rule), ("nlu/y.py", doc)], [bench], [])
    assert [f["where"] for f in out["findings"]] == ["inside a rule in nlu/x.py"]


def test_blind_findings_never_show_the_text(tmp_path: Path) -> None:
    blind = _write(tmp_path, "dates.jsonl", [{"text": "Next Tuesday!"}, {"text": "never trained"}])
    out = contamination(["next tuesday"], [], [], [blind])
    assert out["findings"] == [
        {"set": "dates.jsonl", "text": "message 1", "where": "equals a training message"}
    ]


def test_bare_numbers_compare_by_their_digits() -> None:
    assert comparison_key("2 / 15") == comparison_key("2/15") != comparison_key("3/6")
    assert normalise("[Cancel](x) my appt on the 14th!!") == normalise("cancel my APPT on the 3th")
    assert rule_texts([("m.py", 'R = r"\\bides\\s+of\\s+march\\b"')]) == [("m.py", "ides of march")]
