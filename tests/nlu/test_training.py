"""Training data shape, deterministic training and the on-disk cache."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from nlu import NLU
from nlu import model as M
from nlu.contract import ENTITIES, INTENTS
from nlu.overlap import normalise, normalised_set
from nlu.training_data import load_dir, parse_annotated


def test_annotation_parsing() -> None:
    text, spans = parse_annotated(
        'book [Dr Patel](practitioner) [friday]{"entity": "datetime", "value": "x"}'
    )
    assert text == "book Dr Patel friday"
    assert [(s.entity, text[s.start : s.end], s.value) for s in spans] == [
        ("practitioner", "Dr Patel", None),
        ("datetime", "friday", "x"),
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
    """No held-out message equals a training message once case, punctuation, digits and markup are set aside."""
    train = normalised_set(e.text for e in M.load_training_examples())
    held = load_dir(M.heldout_files())
    assert len(held) >= 400
    overlap = [e.text for e in held if normalise(e.text) in train]
    assert overlap == []


def test_heldout_has_no_internal_duplicates() -> None:
    seen: dict[str, str] = {}
    dups = []
    for e in load_dir(M.heldout_files()):
        key = normalise(e.text)
        if key in seen:
            dups.append((seen[key], e.text))
        seen[key] = e.text
    assert dups == []


def test_model_is_cached_by_data_hash(nlu_model: NLU) -> None:
    assert nlu_model.path == M.model_path()
    assert M.is_cached(nlu_model.path)
    again = NLU.load()
    assert again.path == nlu_model.path


@pytest.mark.slow
def test_training_is_deterministic(tmp_path: Path, nlu_model: NLU) -> None:
    # A sample and few epochs: enough for any unseeded shuffle, dropout or initialisation to
    # make the two runs' weights differ.
    examples = M.load_training_examples()[::12]
    texts = [e.text.lower() for e in examples]
    a = M.train_intent(examples, texts, epochs=2)
    b = M.train_intent(examples, texts, epochs=2)
    assert a.get_pipe("textcat").model.to_bytes() == b.get_pipe("textcat").model.to_bytes()
    na = M.train_ner(examples, epochs=1)
    nb = M.train_ner(examples, epochs=1)
    assert na.get_pipe("ner").model.to_bytes() == nb.get_pipe("ner").model.to_bytes()


def test_model_key_follows_the_feature_code(tmp_path: Path) -> None:
    """A changed grammar or feature step names a new model; a changed report writer does not."""
    import shutil

    copy = tmp_path / "nlu"
    shutil.copytree(M.NLU_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = M.code_hash(copy)
    assert before == M.code_hash(M.NLU_DIR)
    (copy / "cli.py").write_text((copy / "cli.py").read_text() + "\n# reworded help\n")
    assert M.code_hash(copy) == before
    grammar = next((copy / "dates").glob("*.py"))
    grammar.write_text(grammar.read_text() + "\n# a new rule\n")
    after_grammar = M.code_hash(copy)
    assert after_grammar != before
    (copy / "features.py").write_text((copy / "features.py").read_text() + "\n# a new feature\n")
    assert M.code_hash(copy) not in {before, after_grammar}


def test_lexicon_mends_typing_slips_towards_frequent_known_words() -> None:
    from nlu.features import Lexicon, classifier_text

    lex = Lexicon.from_texts(
        ["i want to cancel my appointment", "cancel it", "yes please", "yes", "reschedule it"] * 2
    )
    assert (
        classifier_text("i wnat to cancle my appointmnet", (), lex)
        == "i want to cancel my appointment"
    )
    assert lex.correct("yess") == "yes" and lex.correct("reshcedule") == "reschedule"
    # Too short or too far from anything known: left as typed.
    assert lex.correct("ok") == "ok" and lex.correct("zebra") == "zebra"


def test_lexicon_round_trips_with_the_model(tmp_path: Path) -> None:
    from nlu.features import Lexicon

    lex = Lexicon.from_texts(["cancel my appointment", "cancel it"])
    lex.save(tmp_path / "lexicon.txt")
    again = Lexicon.load(tmp_path / "lexicon.txt")
    assert again.counts == lex.counts and again.correct("cancle") == "cancel"
    assert Lexicon.load(tmp_path / "missing.txt").correct("cancle") == "cancle"


def test_gazetteer_finds_the_practices_services_and_sites_even_misspelt() -> None:
    from nlu.gazetteer import gazetteer_entities

    found = [
        (e.entity, e.text)
        for e in gazetteer_entities("can i get physo at the nothside clinic, or Elm Ave")
    ]
    assert found == [("service", "physo"), ("location", "nothside"), ("location", "Elm Ave")]
    assert [(e.entity, e.text) for e in gazetteer_entities("book the physio")] == [
        ("practitioner", "the physio")
    ]
    # Symptoms and everyday words are not visits.
    assert gazetteer_entities("I have the flu and there is blood in my pee") == []


def test_recogniser_also_learns_lower_case_copies_with_the_same_offsets() -> None:
    from nlu.training_data import Example

    text, spans = parse_annotated("book [Maria Lopez](person_name) at [Elm Ave](location)")
    variants = M.ner_variants(Example(text, "book_appointment", spans))
    assert variants == [text, text.lower()]
    assert all(v[s.start : s.end].lower() == s.text.lower() for v in variants for s in spans)
    assert M.ner_variants(Example("hello", "greet")) == ["hello"]
