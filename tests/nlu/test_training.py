"""Training data shape, deterministic training and the on-disk cache."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nlu import NLU
from nlu import model as M
from nlu.contract import ENTITIES, INTENTS
from nlu.training_data import load_dir, parse_annotated


def test_annotation_parsing() -> None:
    text, spans = parse_annotated('book [Dr Patel](practitioner) [friday]{"entity": "datetime", "value": "x"}')
    assert text == "book Dr Patel friday"
    assert [(s.entity, text[s.start : s.end], s.value) for s in spans] == [
        ("practitioner", "Dr Patel", None), ("datetime", "friday", "x"),
    ]


def test_training_data_covers_the_contract() -> None:
    examples = M.load_training_examples()
    counts = Counter(e.intent for e in examples)
    assert set(counts) == set(INTENTS)
    assert min(counts.values()) >= 40, counts.most_common()[-3:]
    assert len(examples) > 1500
    assert {s.entity for e in examples for s in e.spans} <= set(ENTITIES)
    for e in examples:
        for s in e.spans:
            assert e.text[s.start : s.end] == s.text


def test_heldout_is_separate_from_training() -> None:
    train = {e.text.lower().strip() for e in M.load_training_examples()}
    held = load_dir(M.heldout_files())
    assert len(held) >= 400
    overlap = [e.text for e in held if e.text.lower().strip() in train]
    # Very short replies ("yes", "STOP") unavoidably recur; nothing longer may.
    assert all(len(t.split()) <= 2 for t in overlap), overlap


def test_model_is_cached_by_data_hash(nlu_model: NLU) -> None:
    assert nlu_model.path == M.model_path()
    assert M.is_cached(nlu_model.path)
    again = NLU.load()
    assert again.path == nlu_model.path


@pytest.mark.slow
def test_training_is_deterministic(tmp_path: Path, nlu_model: NLU) -> None:
    examples = M.load_training_examples()[::4]
    texts = [e.text.lower() for e in examples]
    a = M.train_intent(examples, texts, epochs=3)
    b = M.train_intent(examples, texts, epochs=3)
    assert a.get_pipe("textcat").model.to_bytes() == b.get_pipe("textcat").model.to_bytes()
    na = M.train_ner(examples, epochs=2)
    nb = M.train_ner(examples, epochs=2)
    assert na.get_pipe("ner").model.to_bytes() == nb.get_pipe("ner").model.to_bytes()
