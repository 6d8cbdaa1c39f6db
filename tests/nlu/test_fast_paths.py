"""The parse's short cuts answer exactly as the plain ways they replace.

The literal index skips only patterns that cannot match, the recogniser's short forward pass gives
thinc's vectors up to float32 rounding (numpy's products add in another order), the recogniser's
numpy decoding finds spaCy's entities, the classifier's
short pass gives the pipe's scores exactly, the seeded tokenizer cache gives spaCy's own tokens, and a whole
parse with the short cuts equals the plain one on several hundred varied messages.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.ml._precomputable_affine import forward as precomputable_affine_forward
from thinc.layers.chain import forward as thinc_chain_forward

from nlu import NLU, names, roles
from nlu import model as M
from nlu.dates import atoms
from nlu.emergency import scoring
from nlu.emergency.lexicon import MENTION_PARTS, RED_FLAG_PARTS, RED_FLAGS, SCREEN_ORDER
from nlu.emergency.matching import Alternations, Patterns, PatternTable
from nlu.emergency.normalise import _normalise_tokens, normalise
from nlu.extract import rule_entities
from nlu.literals import LiteralIndex, required_literal_sets, required_literals
from nlu.training_data import load_file

from .conftest import NOW, TZ

REPO = Path(__file__).resolve().parents[2]

MESSAGES = [
    "my chest is crushing and my arm is numb",
    "I've had this pain in my shoulder for about a month, can I come in next week after 3?",
    "i don't want to be here anymore, i've got the pills ready",
    "she's 34 weeks pregnant and the baby hasn't moved since this morning",
    "can't make friday's appt, it's my son's bday - could we do the 14th at half 3",
    "hi",
    "STOP",
    "Dr. Nguyen on Tuesday 10:30am pls, or the physio at Elm Ave",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    """A quarter of the training messages, and the messages above."""
    return [e.text for e in M.load_training_examples()[::4]] + MESSAGES


def test_required_literals_are_what_every_match_needs() -> None:
    assert required_literals(re.compile(r"\b(?:crush|squeez)\w*\s+chest")) == frozenset({"chest"})
    assert required_literals(re.compile(r"\b(?:crush|squeez)\w*")) == frozenset({"crush", "squeez"})
    assert required_literals(re.compile(r"(?:very\s+)?bad")) == frozenset({"bad"})
    assert required_literals(re.compile(r"(?:a|b|)c?")) is None  # an empty branch needs nothing
    assert required_literals(re.compile(r"chest", re.IGNORECASE)) is None  # any case: not literal


def test_a_pattern_runs_only_with_every_literal_it_needs() -> None:
    spreads = re.compile(r"\bchest\b.{0,40}\b(?:going|spread\w*)\s+(?:in)?to\s+my\s+(?:arm|jaw)\b")
    assert required_literal_sets(spreads) == [
        frozenset({"chest"}),
        frozenset({"going", "spread"}),
        frozenset({"arm", "jaw"}),
    ]  # "to", "my" are too short to be worth a lookup; "in" is optional
    assert required_literal_sets(re.compile(r"(?:a|b|)c?")) is None
    index = LiteralIndex([spreads, re.compile(r"\bchest\b")])
    assert index.live("my chest hurts") == [1]
    assert index.live("chest pain going to my arm") == [0, 1]
    assert index.live("chest pain spreading, my arm is sore") == [0, 1]  # all three needs are there


def test_no_emergency_signal_that_matches_is_skipped(texts: list[str]) -> None:
    signals = [sig.pattern for sig in scoring._LIVE._signals]
    index = LiteralIndex(signals)
    for text in (normalise(t)[0] for t in texts):
        live = set(index.live(text))
        assert [p.pattern for i, p in enumerate(signals) if i not in live and p.search(text)] == []


def test_a_groups_cues_are_read_only_when_it_has_a_symptom(texts: list[str]) -> None:
    for text in (normalise(t)[0] for t in texts[::3]):
        kept, live = scoring.undenied(text), scoring._LIVE.of(text)
        for signals in scoring.SIGNALS.values():
            present = scoring._present(signals, text, kept, live)
            expected = present if any(sig.symptom for sig in present) else []
            assert scoring._present_with_a_symptom(signals, text, kept, live) == expected, text


@pytest.mark.parametrize("table", [RED_FLAG_PARTS, MENTION_PARTS], ids=["red_flags", "mentions"])
def test_no_lexicon_pattern_that_matches_is_skipped(table: dict, texts: list[str]) -> None:
    parts = [p for ps in table.values() for p in ps]
    index = LiteralIndex(parts)
    for text in (normalise(t)[0] for t in texts):
        live = set(index.live(text))
        assert [p.pattern for i, p in enumerate(parts) if i not in live and p.search(text)] == [], (
            text
        )


#: Messages an ASCII text may be typed as: capitals, doubled spaces, line breaks and tabs, other
#: whitespace, no apostrophes, misspellings and glued units, a fragment's full stop, a Scots "no".
ODD_ASCII = [
    "CANT BREATH!!  pleeease\n\nhelp",
    "he's no breathing right.  baby 8 wks. fever 38.6. v sleepy",
    "my bby had a siezure\t10mins ago,\r\nshe's unconsious",
    "i'm no waking up\x0bwell\x1c\x1f ok",
    "  leading and trailing   ",
    "",
]


def test_emergency_normalise_of_ascii_text_equals_the_token_loop(texts: list[str]) -> None:
    """The ASCII short way gives the token loop's text and offsets, character for character."""
    for text in [*texts, *ODD_ASCII]:
        for variant in (text, text.upper(), text.replace(" ", "  "), text.replace("'", "")):
            if variant.isascii():
                expected = _normalise_tokens(variant)
                assert normalise(variant) == expected, variant


def test_a_signature_is_searched_for_from_the_last_words_only(texts: list[str]) -> None:
    """``_signed`` starts its search at the last few runs of non-space characters: the same match
    as the search over the text's last 80 characters, for signatures of every shape."""
    tails = ["", " x", "\n", " - Mei Ling .  xx\n", " thanks, Priya (xx)", "  Tom!!  "]
    assert names._last_chunks_start("a b  c d e", 4) == 2
    assert names._last_chunks_start(" b c", 4) == 0
    for text in texts:
        for variant in (text + tail for tail in tails):
            offset = max(0, len(variant) - names._SIGNATURE_REACH)
            plain = names._LAST_WORDS.search(variant, offset)
            start = max(offset, names._last_chunks_start(variant, names._LAST_WORDS_CHUNKS))
            short = names._LAST_WORDS.search(variant, start)
            assert (plain and (plain.span(), plain.groupdict())) == (
                short and (short.span(), short.groupdict())
            ), variant


def test_the_screen_reads_reassurance_only_when_asked(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no emergency and no mention, ``Screen.reassured`` is read from the text on first use,
    and is what the eager reading gives."""
    import nlu.emergency as emergency

    calls: list[str] = []
    read = emergency.is_reassured
    monkeypatch.setattr(emergency, "is_reassured", lambda norm: calls.append(norm) or read(norm))
    lazy = 0
    for text in texts:
        seen = emergency.screen(text)
        if seen.emergency is None and seen.mention is None and not calls:
            lazy += 1
            norm = normalise(text)[0]
            figure = emergency.is_figurative(norm) or emergency.is_general_question(norm)
            expected = figure or read(norm) or bool(emergency._ABOUT_THE_TEXTS.search(norm))
            assert seen.reassured == expected, text
            assert len(calls) == (0 if figure else 1), text
        calls.clear()
    assert lazy > len(texts) // 2


def test_role_cues_kept_for_a_second_reading_give_the_same_roles(texts: list[str]) -> None:
    """The parse reads roles twice with one ``RoleCues``: each span's words are read once, and the
    roles are those of a reading afresh, whatever the intent."""
    intents = ["", "reschedule_appointment", "cancel_appointment", "book_appointment", "inform"]
    read = 0
    for text in texts:
        entities = rule_entities(text, NOW, TZ)
        spans = {(e.start, e.end) for e in entities if e.entity == "datetime"}
        cues = roles.RoleCues(text)
        for intent in intents:
            fresh = roles.assign_roles(text, intent, entities)
            assert roles.assign_roles(text, intent, entities, cues) == fresh, (text, intent)
        assert set(cues._spans) == spans
        read += len(spans)
    assert read > 100


def test_the_lexicon_compiles_only_the_patterns_a_message_may_need() -> None:
    """Compiling the whole lexicon cost every process that loads the NLU most of a second: a
    table compiles nothing until a message is searched, then only the patterns it may match."""
    parts = {cat: Patterns(RED_FLAGS[cat]) for cat in SCREEN_ORDER}
    table = PatternTable(Alternations(RED_FLAGS), parts)
    total = sum(len(ps) for ps in parts.values())
    assert sum(ps.compiled() for ps in parts.values()) == 0
    text = normalise("crushing pain in my chest going into my left arm")[0]
    found = []
    for category, live in table.live(text).items():
        search = table.search(category, live, text)
        found += [(category, m.group()) for m in [search.search(0)] if m]
    assert ("chest_pain", "crushing pain in my chest") in found
    assert 0 < sum(ps.compiled() for ps in parts.values()) < total / 10
    assert [p.pattern for p in parts["stroke"]] == RED_FLAGS["stroke"]  # compiled when asked for


def test_date_atoms_are_those_of_every_pattern_run(texts: list[str]) -> None:
    def every_pattern(text: str) -> list[dict]:
        out = []
        for order, (rx, handler) in enumerate(atoms._PATTERNS):
            for m in rx.finditer(text):
                a = handler(m)
                if a is not None and a.end > a.start:
                    a.order = order
                    out.append(vars(a))
        return out

    for text in (t.lower() for t in texts):
        assert [vars(a) for a in atoms.find_atoms(text)] == every_pattern(text), text


def test_recogniser_vectors_equal_thincs_up_to_float_rounding(nlu_model: NLU) -> None:
    assert nlu_model.short_token_vectors
    ner = nlu_model._models.ner
    model = ner.get_pipe("ner").model
    tok2vec, lower = model.get_ref("tok2vec"), model.get_ref("lower")
    for text in MESSAGES:
        doc = ner.make_doc(text)
        short, _ = tok2vec([doc], is_train=False)
        plain, _ = thinc_chain_forward(tok2vec, [doc], is_train=False)
        assert short.dtype == plain.dtype and short.shape == plain.shape, text
        assert np.allclose(short, plain, rtol=1e-4, atol=1e-4), text
        short_hidden, _ = lower(plain, is_train=False)
        plain_hidden, _ = precomputable_affine_forward(lower, plain, is_train=False)
        assert np.allclose(short_hidden, plain_hidden, rtol=1e-4, atol=1e-4), text


def test_recogniser_decoding_finds_the_pipes_entities(nlu_model: NLU, texts: list[str]) -> None:
    """Every text, as typed and in capitals (more entities, longer ones), with thinc's own forward
    passes and with the short ones."""
    from nlu import recogniser_decode

    assert nlu_model._decode is not None
    ner = nlu_model._models.ner
    pipe = ner.get_pipe("ner")
    for text in [*texts, *(t.upper() for t in texts[::3])]:
        expected = [(e.start, e.end, e.label_) for e in pipe(ner.make_doc(text)).ents]
        assert nlu_model._decode(ner.make_doc(text)) == expected, text
    plain = NLU(M.load(nlu_model.path), nlu_model.path, short_cuts=False)
    decode = recogniser_decode.decoder(plain._ner)
    assert decode is not None
    for text in MESSAGES:
        make_doc = plain._models.ner.make_doc
        expected = [(e.start, e.end, e.label_) for e in plain._ner(make_doc(text)).ents]
        assert decode(make_doc(text)) == expected, text


def test_recogniser_maxout_equals_numpys_max_over_the_pieces() -> None:
    from nlu import recogniser_decode

    rng = np.random.default_rng(7)
    for shape in [(35, 64, 2), (1, 64, 2), (9, 64, 3), (4, 8, 1)]:
        unmaxed = rng.standard_normal(shape).astype("f")
        unmaxed[0, 0, -1] = np.nan
        expected, got = unmaxed.max(axis=-1), recogniser_decode.maxout(unmaxed)
        assert got.dtype == expected.dtype and got.flags.c_contiguous
        assert np.array_equal(got, expected, equal_nan=True), shape


def test_recogniser_decoding_leaves_preset_entities_to_the_pipe(nlu_model: NLU) -> None:
    from spacy.tokens import Span

    doc = nlu_model._models.ner.make_doc("see Dr Smith on Monday")
    doc.ents = [Span(doc, 1, 3, label="practitioner")]
    assert nlu_model._decode is not None and nlu_model._decode(doc) is None


def test_classifier_scores_equal_the_pipes(nlu_model: NLU) -> None:
    intent = nlu_model._models.intent
    textcat = intent.get_pipe("textcat")
    for text in MESSAGES:
        doc = intent.make_doc(text.lower())
        assert nlu_model._scores(doc) == textcat(intent.make_doc(text.lower())).cats, text


def test_seeded_tokenizers_give_spacys_tokens_after_a_contraction(nlu_model: NLU) -> None:
    fresh = spacy.blank("en").tokenizer
    for text in MESSAGES:
        expected = [(t.text, t.norm_, t.whitespace_) for t in fresh(text)]
        for nlp in (nlu_model._models.ner, nlu_model._models.intent):
            assert [(t.text, t.norm_, t.whitespace_) for t in nlp.make_doc(text)] == expected, text


def _varied_messages() -> list[str]:
    """The latency bench's messages (one word to a paragraph) and a quarter of the dev sets'."""
    bench = (REPO / "bench" / "latency_messages.txt").read_text(encoding="utf-8").splitlines()
    dev = [e.text for p in sorted((REPO / "data/nlu/dev").glob("*.yml")) for e in load_file(p)]
    return [line for line in bench if line.strip() and not line.startswith("#")] + dev[::4]


def test_a_parse_with_the_short_cuts_equals_the_plain_parse(nlu_model: NLU) -> None:
    plain = NLU(M.load(nlu_model.path), nlu_model.path, short_cuts=False)
    assert not plain.short_token_vectors
    messages = _varied_messages()
    assert len(messages) > 600
    differ = [
        text
        for text in messages
        if nlu_model.parse(text, now=NOW, tz=TZ).to_json()
        != plain.parse(text, now=NOW, tz=TZ).to_json()
    ]
    assert differ == []


def test_a_misspelt_service_is_found_again_from_the_gazetteer_cache() -> None:
    from nlu.gazetteer import gazetteer_entities

    text = "can i get physo at the nothside clinic"
    first = [(e.entity, e.text) for e in gazetteer_entities(text)]
    assert first == [("service", "physo"), ("location", "nothside")]
    assert [(e.entity, e.text) for e in gazetteer_entities(text)] == first
