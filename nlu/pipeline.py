"""The NLU: safety layers, rule extractors and the trained spaCy models behind one ``parse``."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from nlu import classifier_pass, recogniser_decode, token_vectors, tokenizer_cache
from nlu import model as M
from nlu.emergency import Screen, screen
from nlu.extract import rule_entities, split_move_ranges
from nlu.features import Lexicon, annotated_entities, classifier_text
from nlu.gazetteer import gazetteer_entities
from nlu.keywords import keyword_intent
from nlu.names import rule_names, tidy_span
from nlu.roles import RoleCues, assign_roles, moves_an_appointment
from nlu.short_replies import short_reply_intent

# FALLBACK_THRESHOLD and is_fallback live in nlu/types.py (the dialogues read them without
# importing spaCy); they are still importable from here.
from nlu.types import FALLBACK_THRESHOLD as FALLBACK_THRESHOLD
from nlu.types import Entity, Parse
from nlu.types import is_fallback as is_fallback

#: The classifier's emergency score is the second layer of the safety net (the rule
#: screen, which always wins, is the first). Tuned on the emergency dev set and the
#: held-out split. On hard non-emergencies with no red-flag symptom at all ("I think
#: I've been overcharged", "lost my mojo lately", a nursery asking for a letter
#: about allergies) the classifier puts "emergency" on top with 0.74 to 0.999, so
#: its score alone counts only when near certain (``MODEL_EMERGENCY_ALONE_MIN``);
#: otherwise it needs a red-flag symptom (below) or an urgency cue ("please hurry",
#: "right now", "!!") and then this much. Re-measured in round two: the previous
#: screen's blind misses with only an urgency cue scored 0.32, 0.99, 1.0, 1.0; the
#: one hard non-emergency in that position 0.07, so 0.6 stays.
#: Round three: an urgency word in a reassured question ("she won't stop crying at bath time, is that
#: normal?") no longer lets the classifier call it: "won't stop" said of a mild thing is not an alarm.
MODEL_EMERGENCY_MIN = 0.6
#: With a red-flag symptom in the message (``Screen.mention``: "bleeding", "swollen",
#: "contractions", not negated, not history) a weaker emergency score is enough:
#: the symptom says it may be one, the score says the message reads like one.
#: Non-emergencies that keep a mention (mild, reassured and advice-seeking ones are
#: set aside by the screen) score up to 0.39 ("my son has a rash on his arm, it's
#: itchy"); 0.45 keeps them out. Re-measured in round two with the new training
#: voices: 19 of the previous screen's 22 blind misses that kept a mention score
#: 0.45 or more, against 5 of 38 hard non-emergencies with a mention; 0.2 would
#: add one catch for eight false alarms, so 0.45 stays.
MODEL_EMERGENCY_WITH_RED_FLAG_MIN = 0.45
#: With no red-flag symptom and no urgency cue, the classifier alone calls an emergency only when
#: it is near certain and the message does not reassure or ask advice (``Screen.reassured``).
#: Measured on the emergencies the previous round's rule screen missed in the two emergency sets
#: (never trained on) that had neither a symptom word nor an urgency cue, against the 470 hard
#: non-emergencies in the same position: 0.99 catches 22 of 36 for 7 false alarms (0.995: 20
#: for 2; 0.98: 23 for 15). A false alarm costs a line of guidance and a staff look; a miss can
#: cost a life, so the lower of the near-certain thresholds.
#: Re-checked in round three after the training file gained mild, past and paperwork messages about
#: red-flag topics: hard non-emergencies of the three emergency sets at or above 0.99 with no rule
#: fell from 23 to 14 (all 14 held by ``Screen.reassured``), while the 7 emergencies only this layer
#: catches stay caught, so 0.99 stays.
MODEL_EMERGENCY_ALONE_MIN = 0.99
_TRAIN_LOCK = threading.Lock()


#: The confidence of an `out_of_scope` reading of a message none of whose words was seen in
#: training (keyboard mash, a language the model was not taught): under FALLBACK_THRESHOLD.
#: "Out of scope" claims the message was understood; with no word known it was not, so the
#: patient is asked to say it another way rather than told the practice cannot help. Other
#: readings keep their confidence: "heyyy" or "absolutly" are known by their letters.
UNKNOWN_WORDS_CONFIDENCE = 0.2


def knows_none(classifier_words: list[str], counts: Mapping[str, int]) -> bool:
    """Whether the message has plain words and the training data had none of them more than
    once (as the lexicon's typo mender, one odd training word — a keyboard mash taught as
    out of scope — does not count as knowing it)."""
    words = [w for w in classifier_words if w.isalpha()]
    return bool(words) and all(counts.get(w, 0) < Lexicon.MIN_COUNT for w in words)


def ensure_model(
    model_dir: Path | None = None, data_dir: Path = M.DATA_DIR, *, force: bool = False
) -> Path:
    """The path of a trained model for the current data, training it first if missing or stale.

    While another process trains the same model (``scripts/test`` trains it in the background
    while the tests that need no model run; sessions share ``$PATIENT_ASSISTANT_MODEL_DIR``),
    this waits for it and uses its model rather than training a second copy.
    """
    path = M.model_path(model_dir, data_dir)
    if not force and M.is_cached(path):
        return path
    with _TRAIN_LOCK, _training_lock(path):
        if force or not M.is_cached(path):
            examples = M.load_training_examples(data_dir)
            texts = [
                classifier_text(
                    ex.text,
                    rule_entities(ex.text, M.TRAIN_NOW, M.TRAIN_TZ) + annotated_entities(ex.spans),
                )
                for ex in examples
            ]
            M.save(M.train(examples, texts), path)
    return path


@contextmanager
def _training_lock(path: Path) -> Iterator[None]:
    """Held while the model at ``path`` is trained: an exclusive lock on ``<path>.lock`` beside it,
    which the system releases when the holder ends, even if it is killed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def is_emergency_parse(seen: Screen, ranking: list[tuple[str, float]]) -> bool:
    """Whether the rule screen and the classifier together call the message an emergency.

    The rule screen decides alone when it finds a red flag (or a red-flag symptom
    with an urgency cue); otherwise the classifier's emergency score counts at
    ``MODEL_EMERGENCY_WITH_RED_FLAG_MIN`` when a red-flag symptom is mentioned, and
    at ``MODEL_EMERGENCY_MIN`` when emergency is its top intent and the message is urgent and not reassured,
    and at ``MODEL_EMERGENCY_ALONE_MIN`` on its own when the message is not a reassured one.
    """
    if seen.emergency:
        return True
    score = dict(ranking).get("emergency", 0.0)
    if seen.mention and score >= MODEL_EMERGENCY_WITH_RED_FLAG_MIN:
        return True
    top = ranking[0][0] == "emergency"
    if seen.urgent and top and not seen.reassured and score >= MODEL_EMERGENCY_MIN:
        return True
    return top and not seen.reassured and score >= MODEL_EMERGENCY_ALONE_MIN


class NLU:
    """Text -> Parse. Build once with ``NLU.load()`` and reuse; loading is the slow part."""

    def __init__(self, models: M.Models, path: Path, *, short_cuts: bool = True) -> None:
        """``short_cuts=False`` parses the plain, slower way: for tests that the short cuts
        (the recogniser's and the classifier's short passes, the seeded tokenizer cache) change no answer."""
        self._models = models
        self.path = path
        self._textcat = models.intent.get_pipe("textcat")
        #: The classifier's label scores of a tokenized message (``nlu.classifier_pass``, or the pipe's).
        self._scores = (short_cuts and classifier_pass.scorer(models.intent)) or (
            lambda doc: self._textcat(doc).cats
        )
        self._ner = models.ner.get_pipe("ner")
        #: Whether the recogniser computes its token vectors by the short pass (``nlu.token_vectors``).
        self.short_token_vectors = short_cuts and token_vectors.install(models.ner)
        #: The recogniser's decoding in numpy (``nlu.recogniser_decode``), or None for the pipe's.
        self._decode = recogniser_decode.install(models.ner) if short_cuts else None
        if short_cuts:
            tokenizer_cache.seed(models.ner, models.intent, models.lexicon.counts)

    @classmethod
    def load(
        cls, model_dir: Path | None = None, *, data_dir: Path = M.DATA_DIR, warm: bool = True
    ) -> NLU:
        """Load the cached model for the current training data (training it if missing or stale).

        ``model_dir`` is the cache root (default ``$PATIENT_ASSISTANT_MODEL_DIR`` or
        ``.models/``); each training-data hash gets its own sub-directory.
        """
        path = ensure_model(model_dir, data_dir)
        nlu = cls(M.load(path), path)
        if warm:
            nlu.parse("can I come in tomorrow at 3pm?", now=M.TRAIN_NOW, tz=M.TRAIN_TZ)
        return nlu

    def classify(
        self, text: str, entities: list[Entity] | tuple[Entity, ...] = ()
    ) -> list[tuple[str, float]]:
        """Intent ranking of ``text`` by the classifier, best first."""
        return self._ranking(classifier_text(text, entities, self._models.lexicon))

    def _ranking(self, masked: str) -> list[tuple[str, float]]:
        """Intent ranking of a classifier text (``classifier_text``), best first."""
        doc = self._models.intent.make_doc(masked)
        return sorted(((k, float(v)) for k, v in self._scores(doc).items()), key=lambda kv: -kv[1])

    def _recognised(self, text: str) -> list[Entity]:
        """The recogniser's spans of ``text``, by the numpy decoding when it can read the message."""
        doc = self._models.ner.make_doc(text)
        spans = self._decode(doc) if self._decode is not None else None
        if spans is None:
            return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in self._ner(doc).ents]
        out = []
        for start, end, label in spans:
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            out.append(Entity(label, s, e, text[s:e]))
        return out

    def model_entities(self, text: str, taken: list[Entity]) -> list[Entity]:
        """practitioner / service / location / person_name spans not overlapping ``taken``."""
        found = [t for e in self._recognised(text) if (t := tidy_span(text, e))]
        # The practice's own service and site names win over the recogniser's guess,
        # except inside a clinician it found ("the physio" is a practitioner, "physio" a service).
        clinicians = [f for f in found if f.entity == "practitioner"]
        known = [
            g
            for g in gazetteer_entities(text)
            if not any(c.start <= g.start and g.end <= c.end for c in clinicians)
        ]
        out: list[Entity] = []
        for e in rule_names(text) + known + found:
            if all(e.end <= t.start or e.start >= t.end for t in taken + out):
                out.append(e)
        return out

    def parse(
        self, text: str, *, now: datetime, tz: str, lang: str = "en", locale: str = "en-US"
    ) -> Parse:
        """Intent, confidence, ranking and entities of one message, relative to ``now`` in ``tz``."""
        if not text or not text.strip():
            return Parse(text or "", "out_of_scope", 1.0, (("out_of_scope", 1.0),), ())
        rules = rule_entities(text, now, tz, locale, lang)
        entities = tuple(
            sorted(rules + self.model_entities(text, rules), key=lambda e: (e.start, e.end))
        )
        # The classifier's text is made once: the unknown-words test below reads the same words.
        # The words around each date are read once for the two readings of their roles.
        roles = RoleCues(text)
        masked = classifier_text(text, entities, self._models.lexicon, roles)
        ranking = self._ranking(masked)
        # A message with no word the training data knew (keyboard mash) is not understood: out of
        # scope whatever the classifier guessed, at a confidence that asks the patient to rephrase
        # (an emergency guess is left to the emergency screen below, never lowered here).
        if (
            ranking[0][0] != "emergency"
            and not entities
            and knows_none(masked.split(), self._models.lexicon.counts)
        ):
            ranking = [("out_of_scope", UNKNOWN_WORDS_CONFIDENCE)] + [
                (k, min(v, UNKNOWN_WORDS_CONFIDENCE)) for k, v in ranking if k != "out_of_scope"
            ]
        # A message made only of social words ("aye", "la shukran", "cheers mate, bye") is read by
        # its words' kinds (nlu/short_replies.py); one with an entity ("morning") is left alone.
        forced = (
            keyword_intent(text)
            or (None if entities else short_reply_intent(text))
            or ("emergency" if is_emergency_parse(screen(text), ranking) else None)
        )
        if forced:
            ranking = [(forced, 1.0)] + [(k, 0.0) for k, _ in ranking if k != forced]
        elif ranking[0][0] == "emergency":
            ranking = ranking[1:] + ranking[:1]
        intent, conf = ranking[0]
        if moves_an_appointment(text, intent):
            entities = split_move_ranges(
                text, entities, now, tz, locale
            )  # "March 5 to March 10": old, new
        entities = assign_roles(
            text, intent, entities, roles
        )  # needs the intent: a cancel's dates are booked ones
        return Parse(text, intent, conf, tuple((k, round(v, 4)) for k, v in ranking[:10]), entities)
