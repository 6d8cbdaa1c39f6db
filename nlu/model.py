"""The trained spaCy part: an intent text classifier and an entity recogniser, from blank English.

Training is deterministic (fixed seeds, fixed order) and cached on disk under a
directory named by the hash of the training data, this recipe's version and the code
that makes training features (:func:`code_hash`).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nlu.features import Lexicon
from nlu.training_data import Example, data_hash, load_dir

if TYPE_CHECKING:
    from spacy.language import Language

#: Bump when the recipe below changes, so cached models are retrained.
RECIPE_VERSION = "nlu-recipe-7"
SEED = 1337
NER_LABELS = ("practitioner", "service", "location", "person_name")
REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data" / "nlu"
#: Reference time used to find rule entities (for masking) in training texts.
TRAIN_NOW = datetime(2026, 3, 2, 9, 0)
TRAIN_TZ = "America/New_York"


def training_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The training files: every .yml under data/nlu/train/ (never the held-out split)."""
    return sorted((data_dir / "train").glob("*.yml"))


def heldout_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """The held-out split, never trained on."""
    return sorted((data_dir / "heldout").glob("*.yml"))


def default_model_root() -> Path:
    """``$PATIENT_ASSISTANT_MODEL_DIR`` or ``.models/`` in the repository root."""
    env = os.environ.get("PATIENT_ASSISTANT_MODEL_DIR")
    return Path(env) if env else REPO_ROOT / ".models"


#: Modules that cannot change what the models are trained on: reporting, scoring, the
#: safety layers applied after classification, the gazetteer and the recogniser's short
#: forward pass (used at parse time only). Every other ``nlu/**/*.py`` (rule
#: extractors, the date grammar, features, this recipe) is part of the model's key.
NOT_TRAINING_CODE = frozenset(
    {
        "__init__.py",
        "__main__.py",
        "cli.py",
        "evaluation.py",
        "scoring.py",
        "overlap.py",
        "keywords.py",
        "emergency.py",
        "contract.py",
        "gazetteer.py",
        # Names are found by pattern at parse time only; training masks rule_entities and the annotations.
        "names.py",
        # The parse's short cuts: they read a trained model, never make one.
        "token_vectors.py",
        "classifier_pass.py",
        "tokenizer_cache.py",
        "recogniser_decode.py",
        # Short social replies are read after classification, at parse time only.
        "short_replies.py",
    }
)
#: Packages that only read a parse, never the training: the emergency screen's lexicons.
NOT_TRAINING_PACKAGES = frozenset({"emergency"})
NLU_DIR = REPO_ROOT / "nlu"


def training_code_files(nlu_dir: Path = NLU_DIR) -> list[Path]:
    """Sources whose change changes the training features: the rule extractors that mask values,
    the date grammar, the feature step, the training-data reader and the recipe.

    Listed by exclusion (:data:`NOT_TRAINING_CODE`, top level only) so that a new
    module imported by an extractor is covered without anyone remembering to add it.
    """
    out = []
    for p in sorted(nlu_dir.rglob("*.py")):
        top_level = p.parent == nlu_dir
        if p.relative_to(nlu_dir).parts[0] in NOT_TRAINING_PACKAGES:
            continue
        if not (top_level and (p.name in NOT_TRAINING_CODE or p.name.startswith("emergency"))):
            out.append(p)
    return out


def code_hash(nlu_dir: Path = NLU_DIR) -> str:
    """SHA-256 over the relative paths and contents of :func:`training_code_files`."""
    h = hashlib.sha256()
    for p in training_code_files(nlu_dir):
        h.update(str(p.relative_to(nlu_dir)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def model_path(root: Path | None = None, data_dir: Path = DATA_DIR) -> Path:
    """Where the model for the current training data, recipe and feature code is cached.

    A changed grammar or feature step gives a new directory, so a model trained on
    the old features is never served with the new ones.
    """
    digest = data_hash(training_files(data_dir), f"{RECIPE_VERSION}\0{code_hash()}")
    return (root or default_model_root()) / f"nlu-{digest[:16]}"


@dataclass
class Models:
    """The two trained pipelines."""

    intent: Language
    ner: Language
    labels: tuple[str, ...]
    lexicon: Lexicon = field(default_factory=lambda: Lexicon(Counter()))


def _textcat_config() -> dict[str, Any]:
    return {
        "threshold": 0.0,
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": 2,
            "no_output_layer": False,
            "length": 65536,
        },
    }


def _ner_config() -> dict[str, Any]:
    return {
        "model": {
            "@architectures": "spacy.TransitionBasedParser.v2",
            "state_type": "ner",
            "extra_state_tokens": False,
            "hidden_width": 64,
            "maxout_pieces": 2,
            "use_upper": True,
            "tok2vec": {
                "@architectures": "spacy.HashEmbedCNN.v2",
                "pretrained_vectors": None,
                # 64 wide with 2 maxout pieces (was 96 and 3): a quarter of the arithmetic per
                # token, the largest part of a long message's parse. Measured against the wider
                # one on the held-out split and the development sets (messages, voices, SGD):
                # entity F1 of the four recognised kinds 0.868 against 0.861, no intent lower.
                "width": 64,
                "depth": 3,
                "embed_size": 4000,
                "window_size": 1,
                "maxout_pieces": 2,
                "subword_features": True,
            },
        }
    }


def _seed() -> None:
    import numpy as np
    from spacy.util import fix_random_seed

    random.seed(SEED)
    np.random.seed(SEED)
    fix_random_seed(SEED)


def _batches(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def train_intent(examples: Sequence[Example], texts: Sequence[str], epochs: int = 30) -> Language:
    """A blank-English text classifier over ``texts`` (already masked) labelled by ``examples``."""
    import spacy
    from spacy.training import Example as SpacyExample

    _seed()
    labels = sorted({e.intent for e in examples})
    nlp = spacy.blank("en")
    tc = nlp.add_pipe("textcat", config=_textcat_config())
    for lab in labels:
        tc.add_label(lab)  # type: ignore[attr-defined]
    data = [
        SpacyExample.from_dict(
            nlp.make_doc(t), {"cats": {lab: float(lab == ex.intent) for lab in labels}}
        )
        for ex, t in zip(examples, texts, strict=True)
    ]
    return _fit(nlp, data, epochs, drop=0.2)


def train_ner(examples: Sequence[Example], epochs: int = 15) -> Language:
    """A blank-English entity recogniser for practitioner, service, location and person_name."""
    import spacy
    from spacy.training import Example as SpacyExample

    _seed()
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner", config=_ner_config())
    for lab in NER_LABELS:
        ner.add_label(lab)  # type: ignore[attr-defined]
    data = []
    for ex in examples:
        for text in ner_variants(ex):
            doc = nlp.make_doc(text)
            ents = [(s.start, s.end, s.entity) for s in ex.spans if s.entity in NER_LABELS]
            if ents and any(
                doc.char_span(s, e, alignment_mode="strict") is None for s, e, _ in ents
            ):
                ents = [
                    (s, e, lab)
                    for s, e, lab in ents
                    if doc.char_span(s, e, alignment_mode="strict") is not None
                ]
            data.append(SpacyExample.from_dict(doc, {"entities": ents}))
    return _fit(nlp, data, epochs, drop=0.25)


def ner_variants(ex: Example) -> list[str]:
    """The texts the recogniser learns ``ex``'s spans from: as written, and all lower case when
    that differs and an entity is in it.

    Patients type names and places in lower case ("maria lopez", "elm ave"); a
    recogniser that saw only capitalised names leans on the capital. Lower-casing
    keeps every character offset (checked), so the spans stay where they were.
    """
    texts = [ex.text]
    low = ex.text.lower()
    if (
        low != ex.text
        and len(low) == len(ex.text)
        and any(s.entity in NER_LABELS for s in ex.spans)
    ):
        texts.append(low)
    return texts


def _fit(nlp: Language, data: list[Any], epochs: int, drop: float) -> Language:
    """Train in seeded shuffled mini-batches: the same data always gives the same model."""
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(SEED)
    for _ in range(epochs):
        order = data[:]
        rng.shuffle(order)
        for batch in _batches(order, 16):
            nlp.update(batch, sgd=optimizer, drop=drop)
    return nlp


def train(examples: Sequence[Example], texts: Sequence[str]) -> Models:
    """Both pipelines, trained deterministically."""
    intent = train_intent(examples, texts)
    ner = train_ner(examples)
    return Models(
        intent, ner, tuple(sorted({e.intent for e in examples})), Lexicon.from_texts(texts)
    )


def save(models: Models, path: Path) -> None:
    """Write both pipelines to ``path`` atomically (a temp dir renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=path.name + ".", dir=path.parent))
    try:
        models.intent.to_disk(tmp / "intent")
        models.ner.to_disk(tmp / "ner")
        models.lexicon.save(tmp / "lexicon.txt")
        (tmp / "labels.txt").write_text("\n".join(models.labels) + "\n", encoding="utf-8")
        old = path.with_name(f"{path.name}.old-{os.getpid()}")
        if path.exists():
            os.replace(
                path, old
            )  # a retrain swaps the new model in; readers never see a half-written one
        try:
            os.replace(tmp, path)
        except OSError:
            if not (path / "labels.txt").exists():
                raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def load(path: Path) -> Models:
    """Both pipelines from ``path``."""
    import spacy

    labels = tuple((path / "labels.txt").read_text(encoding="utf-8").split())
    return Models(
        spacy.load(path / "intent"),
        spacy.load(path / "ner"),
        labels,
        Lexicon.load(path / "lexicon.txt"),
    )


def is_cached(path: Path) -> bool:
    """Whether a complete model is stored at ``path``."""
    return (path / "labels.txt").exists() and (path / "intent").is_dir() and (path / "ner").is_dir()


def load_training_examples(data_dir: Path = DATA_DIR) -> list[Example]:
    """Every training example, in file order."""
    return load_dir(training_files(data_dir))
