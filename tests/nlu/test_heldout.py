"""The issue's thresholds on the held-out split, and parse behaviour end to end."""

from __future__ import annotations

from typing import Any

import pytest

from nlu import FALLBACK_THRESHOLD, NLU, Parse, is_fallback
from nlu import model as M
from nlu.evaluation import evaluate_examples
from nlu.training_data import load_dir

from .conftest import NOW, TZ


@pytest.fixture(scope="module")
def report(nlu_model: NLU) -> dict[str, Any]:
    return evaluate_examples(nlu_model, load_dir(M.heldout_files()))


def test_intent_accuracy(report: dict[str, Any]) -> None:
    assert report["intent"]["accuracy"] >= 0.95, report["intent_misses"]


def test_emergency_detector(report: dict[str, Any]) -> None:
    em = report["emergency_detector"]
    assert em["recall"] == 1.0 and em["precision"] >= 0.9, em


def test_entity_f1(report: dict[str, Any]) -> None:
    assert report["entities"]["micro"]["f1"] >= 0.85, report["entities"]["per_entity"]


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
    ],
)
def test_parse_examples(nlu_model: NLU, text: str, intent: str) -> None:
    p = nlu_model.parse(text, now=NOW, tz=TZ)
    assert p.intent == intent
    assert p.intent_ranking[0][0] == intent


def test_empty_message_is_out_of_scope(nlu_model: NLU) -> None:
    assert nlu_model.parse("  ", now=NOW, tz=TZ).intent == "out_of_scope"


def test_entities_from_every_extractor(nlu_model: NLU) -> None:
    p = nlu_model.parse("book Dr Patel friday at 3, my number is (617) 555-0199, maria@example.com", now=NOW, tz=TZ)
    kinds = {e.entity for e in p.entities}
    assert {"practitioner", "datetime", "phone_number", "email"} <= kinds


def test_fallback_helper() -> None:
    low = Parse("x", "inform", FALLBACK_THRESHOLD / 2)
    high = Parse("x", "inform", 0.99)
    assert is_fallback(low) and not is_fallback(high)


def test_loads_fast_once_trained(nlu_model: NLU) -> None:
    import time

    t = time.perf_counter()
    NLU.load()
    assert time.perf_counter() - t < 2.0
