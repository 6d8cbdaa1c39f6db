"""The NLU: safety layers, rule extractors and the trained spaCy models behind one ``parse``."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from nlu import model as M
from nlu.emergency import detect_emergency
from nlu.extract import rule_entities
from nlu.features import annotated_entities, classifier_text
from nlu.gazetteer import gazetteer_entities
from nlu.keywords import keyword_intent
from nlu.names import rule_names
from nlu.types import Entity, Parse

#: Below this intent confidence the dialogue asks the patient to rephrase.
FALLBACK_THRESHOLD = 0.35
#: The classifier alone may call a message an emergency only this sure; the
#: rule detector (which always wins) is the safety net, the classifier a backstop.
MODEL_EMERGENCY_MIN = 0.9
_TRAIN_LOCK = threading.Lock()


def is_fallback(parse: Parse) -> bool:
    """Whether the dialogue should ask the patient to rephrase ``parse``'s message."""
    return parse.confidence < FALLBACK_THRESHOLD


def ensure_model(model_dir: Path | None = None, data_dir: Path = M.DATA_DIR, *, force: bool = False) -> Path:
    """The path of a trained model for the current data, training it first if missing or stale."""
    path = M.model_path(model_dir, data_dir)
    with _TRAIN_LOCK:
        if force or not M.is_cached(path):
            examples = M.load_training_examples(data_dir)
            texts = [
                classifier_text(ex.text, rule_entities(ex.text, M.TRAIN_NOW, M.TRAIN_TZ) + annotated_entities(ex.spans))
                for ex in examples
            ]
            M.save(M.train(examples, texts), path)
    return path


class NLU:
    """Text -> Parse. Build once with ``NLU.load()`` and reuse; loading is the slow part."""

    def __init__(self, models: M.Models, path: Path) -> None:
        self._models = models
        self.path = path
        self._textcat = models.intent.get_pipe("textcat")
        self._ner = models.ner.get_pipe("ner")

    @classmethod
    def load(cls, model_dir: Path | None = None, *, data_dir: Path = M.DATA_DIR, warm: bool = True) -> "NLU":
        """Load the cached model for the current training data (training it if missing or stale).

        ``model_dir`` is the cache root (default ``$PATIENT_ASSISTANT_MODEL_DIR`` or
        ``.models/``); each training-data hash gets its own sub-directory.
        """
        path = ensure_model(model_dir, data_dir)
        nlu = cls(M.load(path), path)
        if warm:
            from nlu.datetime_resolution import warm_dateparser

            warm_dateparser("en")
            nlu.parse("can I come in tomorrow at 3pm?", now=M.TRAIN_NOW, tz=M.TRAIN_TZ)
        return nlu

    def classify(self, text: str, entities: list[Entity] | tuple[Entity, ...] = ()) -> list[tuple[str, float]]:
        """Intent ranking of ``text`` by the classifier, best first."""
        doc = self._textcat(self._models.intent.make_doc(classifier_text(text, entities, self._models.lexicon)))
        return sorted(((k, float(v)) for k, v in doc.cats.items()), key=lambda kv: -kv[1])

    def model_entities(self, text: str, taken: list[Entity]) -> list[Entity]:
        """practitioner / service / location / person_name spans not overlapping ``taken``."""
        doc = self._ner(self._models.ner.make_doc(text))
        found = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
        # The practice's own service and site names win over the recogniser's guess,
        # except inside a clinician it found ("the physio" is a practitioner, "physio" a service).
        clinicians = [f for f in found if f.entity == "practitioner"]
        known = [g for g in gazetteer_entities(text) if not any(c.start <= g.start and g.end <= c.end for c in clinicians)]
        out: list[Entity] = []
        for e in rule_names(text) + known + found:
            if all(e.end <= t.start or e.start >= t.end for t in taken + out):
                out.append(e)
        return out

    def parse(self, text: str, *, now: datetime, tz: str, lang: str = "en", locale: str = "en-US") -> Parse:
        """Intent, confidence, ranking and entities of one message, relative to ``now`` in ``tz``."""
        if not text or not text.strip():
            return Parse(text or "", "out_of_scope", 1.0, (("out_of_scope", 1.0),), ())
        rules = rule_entities(text, now, tz, locale, lang)
        entities = tuple(sorted(rules + self.model_entities(text, rules), key=lambda e: (e.start, e.end)))
        ranking = self.classify(text, entities)
        forced = keyword_intent(text) or ("emergency" if detect_emergency(text) else None)
        if forced:
            ranking = [(forced, 1.0)] + [(k, 0.0) for k, _ in ranking if k != forced]
        elif ranking[0][0] == "emergency" and ranking[0][1] < MODEL_EMERGENCY_MIN:
            ranking = ranking[1:] + ranking[:1]
        intent, conf = ranking[0]
        return Parse(text, intent, conf, tuple((k, round(v, 4)) for k, v in ranking[:10]), entities)
