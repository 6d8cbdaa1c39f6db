"""The issue's thresholds on the held-out split, and parse behaviour end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nlu import FALLBACK_THRESHOLD, NLU, Parse, is_fallback
from nlu import model as M
from nlu.evaluation import (
    benchmarks_dir,
    evaluate_all,
    evaluate_dates,
    evaluate_emergency,
    evaluate_examples,
    to_markdown,
)
from nlu.training_data import load_dir

from .conftest import NOW, TZ


@pytest.fixture(scope="module")
def report(nlu_model: NLU) -> dict[str, Any]:
    return evaluate_examples(nlu_model, load_dir(M.heldout_files()))


def test_intent_accuracy(report: dict[str, Any]) -> None:
    assert report["intent"]["accuracy"] >= 0.96, report["intent_misses"]


def test_emergency_detector(report: dict[str, Any]) -> None:
    em = report["emergency_detector"]
    assert em["recall"] == 1.0 and em["precision"] >= 0.9, em


def test_entity_f1(report: dict[str, Any]) -> None:
    assert report["entities"]["micro"]["f1"] >= 0.90, report["entities"]["per_entity"]


def test_datetime_start_accuracy(report: dict[str, Any]) -> None:
    assert report["datetime"]["n"] >= 50
    assert report["datetime"]["start_accuracy"] >= 0.9, report["datetime"]["misses"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("can i come in tmrw arvo w the physio", "book_appointment"),
        ("STOP", "opt_out"),
        ("stop the appointment on friday", "cancel_appointment"),
        ("my chest is crushing and my arm is numb", "emergency"),
        ("option 2", "inform"),
        ("next wed after 4?", "inform"),
        ("hi", "greet"),
        ("thanks!", "thank"),
        # The pairs most confused on unseen messages, in typed-on-a-phone voices.
        ("i ned to chnage my apointment to wensday pls", "reschedule_appointment"),
        ("can I move my friday appointment to tuesday afternoon", "reschedule_appointment"),
        ("book me a check up yesterday at 10", "book_appointment"),
        ("did my blood test come back", "check_results"),
        ("can someone call me back please", "request_human"),
        ("cancel my appt tmrw", "cancel_appointment"),
        ("thx 🙏", "thank"),
        ("what's the weather", "out_of_scope"),
    ],
)
def test_parse_examples(nlu_model: NLU, text: str, intent: str) -> None:
    p = nlu_model.parse(text, now=NOW, tz=TZ)
    assert p.intent == intent
    assert p.intent_ranking[0][0] == intent


def test_empty_message_is_out_of_scope(nlu_model: NLU) -> None:
    assert nlu_model.parse("  ", now=NOW, tz=TZ).intent == "out_of_scope"


def test_entities_from_every_extractor(nlu_model: NLU) -> None:
    p = nlu_model.parse(
        "book Dr Patel friday at 3, my number is (617) 555-0199, maria@example.com", now=NOW, tz=TZ
    )
    kinds = {e.entity for e in p.entities}
    assert {"practitioner", "datetime", "phone_number", "email"} <= kinds


def test_fallback_helper() -> None:
    low = Parse("x", "inform", FALLBACK_THRESHOLD / 2)
    high = Parse("x", "inform", 0.99)
    assert is_fallback(low) and not is_fallback(high)


@pytest.mark.parametrize("mash", ["asdfgh qwerty zxcv", "jkjkjk hhhgf", "zzxq wvvb"])
def test_words_never_seen_in_training_ask_the_patient_to_rephrase(
    nlu_model: NLU, mash: str
) -> None:
    assert is_fallback(nlu_model.parse(mash, now=NOW, tz=TZ))


@pytest.mark.parametrize(
    "text", ["can i book a massage", "hi", "thx", "wnat to canel my apointment", "Omar"]
)
def test_a_message_with_a_word_the_model_knows_is_not_a_rephrase(nlu_model: NLU, text: str) -> None:
    assert not is_fallback(nlu_model.parse(text, now=NOW, tz=TZ))


def test_loading_again_reuses_the_trained_model(nlu_model: NLU) -> None:
    stamp = (nlu_model.path / "labels.txt").stat().st_mtime_ns
    again = NLU.load(warm=False)
    assert again.path == nlu_model.path
    assert (again.path / "labels.txt").stat().st_mtime_ns == stamp  # not retrained


# The report's scorers, on small fixtures in the blind sets' formats (the real blind
# files are written by others and read by nobody working on the NLU).


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_dates_scorer_takes_overlapping_spans_and_alternatives(
    nlu_model: NLU, tmp_path: Path
) -> None:
    base = {"now": "2026-03-02T09:00", "locale": "en-US", "grain": "hour"}
    rows = [
        {
            **base,
            "text": "could I come tomorrow at 3pm",
            "span": "tomorrow at 3pm",
            "tz": "America/New_York",
            "start": "2026-03-03T15:00",
            "voice": "plain",
        },
        {
            **base,
            "text": "next friday pls",
            "span": "next friday",
            "tz": "Europe/London",
            "start": "2026-03-13T00:00",
            "alt": ["2026-03-06T00:00"],
            "voice": "sms",
            "grain": "day",
        },
        {
            **base,
            "text": "tomorrow at 3pm",
            "span": "tomorrow at 3pm",
            "tz": "Europe/London",
            "start": "2026-03-04T15:00",
            "voice": "sms",
        },
    ]
    rep = evaluate_dates(nlu_model, _jsonl(tmp_path / "dates.jsonl", rows))
    assert rep["n"] == 3 and rep["start_accuracy"] == round(2 / 3, 4)
    assert rep["per_tz"]["America/New_York"] == {"n": 1, "start_accuracy": 1.0}
    assert rep["per_tz"]["Europe/London"]["start_accuracy"] == 0.5
    assert rep["per_voice"]["sms"] == {"n": 2, "start_accuracy": 0.5}
    assert "misses" not in rep


def test_dates_scorer_takes_an_alternative_written_as_one_string(
    nlu_model: NLU, tmp_path: Path
) -> None:
    # writers 11 and 14 wrote "alt" as a plain string: it is one start, never its characters
    row = {
        "text": "next friday pls",
        "span": "next friday",
        "now": "2026-03-02T09:00",
        "tz": "Europe/London",
        "locale": "en-GB",
        "start": "2026-03-13T00:00",
        "alt": "2026-03-06T00:00",
        "grain": "day",
        "voice": "sms",
    }
    assert evaluate_dates(nlu_model, _jsonl(tmp_path / "one.jsonl", [row]))["start_accuracy"] == 1.0
    wrong = {**row, "start": "2027-01-01T00:00", "alt": "2027-01-08T00:00"}
    assert (
        evaluate_dates(nlu_model, _jsonl(tmp_path / "two.jsonl", [wrong]))["start_accuracy"] == 0.0
    )


def test_emergency_scorer_counts_the_full_parse_per_category(
    nlu_model: NLU, tmp_path: Path
) -> None:
    rows = [
        {
            "text": "my chest is crushing and my arm is numb",
            "emergency": True,
            "category": "chest_pain",
            "voice": "plain",
        },
        {
            "text": "can I book a flu shot next week",
            "emergency": False,
            "category": "routine",
            "voice": "plain",
        },
        {
            "text": "what time do you open on saturday",
            "emergency": False,
            "category": "routine",
            "voice": "sms",
        },
    ]
    rep = evaluate_emergency(nlu_model, _jsonl(tmp_path / "em.jsonl", rows))
    assert rep["overall"]["recall"] == 1.0 and rep["overall"]["precision"] == 1.0
    assert rep["per_category"]["chest_pain"]["caught"] == 1
    assert rep["per_category"]["routine"] == {
        "n": 2,
        "emergencies": 0,
        "caught": 0,
        "false_alarms": 0,
        "recall": None,
    }


def test_report_keeps_blind_sets_apart_and_never_shows_their_text(
    nlu_model: NLU, tmp_path: Path
) -> None:
    data = tmp_path / "nlu"
    (data / "blind").mkdir(parents=True)
    (data / "train").symlink_to(M.DATA_DIR / "train")
    (data / "heldout").symlink_to(M.DATA_DIR / "heldout")
    (data / "blind" / "messages-1.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: cancel_appointment\n  examples: |\n'
        '    - zanzibar quokka please cancel my [thursday]{"entity": "datetime", "value": "2026-03-05T00:00", "role": "existing"} one\n'
        "- intent: greet\n  examples: |\n    - hello quokka\n    - Hi!\n",
        encoding="utf-8",
    )
    bench = tmp_path / "bench"
    bench.mkdir()
    _jsonl(
        bench / "sgd-services.jsonl",
        [{"text": "I'd like to book a dentist", "intent": "book_appointment", "entities": []}],
    )
    report = evaluate_all(nlu_model, bench, data_dir=data)
    md = to_markdown(report)
    assert (
        md.index("## 1. Held-out")
        < md.index("## 2. Blind sets")
        < md.index("## 3. Development sets")
    )
    assert (
        report["blind"]["messages-1.yml"]["n"] == 2
    )  # "Hi!" is a training message: left out, and counted
    assert report["blind"]["messages-1.yml"]["equal_to_training_left_out"] == 1
    assert report["development"]["sgd"]["n"] == 1 and "duckling" not in report["development"]
    assert "quokka" not in md and "quokka" not in json.dumps(report)
    assert report["contamination"]["counts"]["messages-1.yml"] == {
        "texts": 3,
        "equal_to_training": 1,
    }


def test_development_sets_ship_with_the_project(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PATIENT_ASSISTANT_BENCHMARKS", raising=False)
    assert benchmarks_dir() == M.DATA_DIR / "benchmarks"
    assert (benchmarks_dir() / "sgd-services.jsonl").exists()
    monkeypatch.setenv("PATIENT_ASSISTANT_BENCHMARKS", str(tmp_path))
    assert benchmarks_dir() == tmp_path


def test_a_request_naming_service_site_and_person_is_not_a_bare_answer(nlu_model: NLU) -> None:
    p = nlu_model.parse("my wife Ana needs a flu shot at northside", now=NOW, tz=TZ)
    assert p.intent == "book_appointment"
    assert {(e.entity, e.text) for e in p.entities} >= {
        ("service", "flu shot"),
        ("location", "northside"),
    }
    answer = nlu_model.parse("northside", now=NOW, tz=TZ)
    assert answer.intent == "inform" and [(e.entity, e.text) for e in answer.entities] == [
        ("location", "northside")
    ]
