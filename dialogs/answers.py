"""Intake answers taken the way people give them, on top of the typed readers (domain.intake_answers).

- A choice is matched by its label, the form's designations for it (Option.synonyms), the
  lay words for relationships (dialogs/lay_words.py), an alternative of an "X or Y" label
  ("spouse"), and misspellings within the cut-offs of dialogs/matching.py ("husbnd").
  A single word of a longer label does not pick it ("disease" is not "Heart disease").
- A yes/no question that gates a follow-up (the follow-up is shown only after yes) takes a
  content answer as yes plus the follow-up's answer: "penicillin" to "Do you have any
  allergies?" answers both, and the follow-up is not asked. "yes, penicillin" too. What
  cannot be an answer stays a problem: a hedge ("maybe", "not sure"), a question.
- "nkda", "none known", "nil", "I don't think so" and the like are no.
- Not taken as content: a hedge anywhere ("I'm not sure"), a question ("what do you mean"),
  or a message the NLU is sure means something else ("help", "can I talk to someone").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dialogs.lay_words import RELATIONSHIP_KEYS, RELATIONSHIPS
from dialogs.matching import find_phrases, normalise
from domain.intake import Form, Option, Question, Value, enabled, walk
from domain.intake_answers import YES, AnswerReading, read_answer

#: No, as people write it to "do you have any ...?" (besides the reader's own no, none, nope).
NEGATIVE = {
    "nkda",
    "nka",
    "nkfa",
    "nil",
    "nil known",
    "none known",
    "nothing",
    "never",
    "no known allergies",
    "not that i know of",
    "not that i know",
    "none that i know of",
    "none that i know",
    "zero",
}
#: Not an answer either way: asked again with "Please reply YES or NO".
HEDGES = {
    "maybe",
    "not sure",
    "unsure",
    "dunno",
    "idk",
    "i dont know",
    "dont know",
    "perhaps",
    "possibly",
    "probably",
    "cant remember",
    "i cant remember",
    "no idea",
    "hmm",
    "what",
    "why",
    "pardon",
}
#: What can follow a yes without being the follow-up's answer ("yes please", "yes a few").
NOT_CONTENT = (
    YES
    | HEDGES
    | {
        "please",
        "thanks",
        "i am",
        "a few",
        "some",
        "several",
        "lots",
        "a lot",
        "loads",
        "one",
        "two",
        "a couple",
        "yes",
        "definitely",
        "of course",
        "actually",
    }
)
_NEGATIVE_LEAD = re.compile(
    r"^\s*(?:no|nope|nah|not|never|none|nothing|i don'?t|dont|don'?t|i do not|"
    r"i haven'?t|i have not|haven'?t|i'?m not|im not|i am not)\b",
    re.IGNORECASE,
)
_QUESTION_LEAD = re.compile(
    r"^\s*(?:what|why|how|who|where|which|pardon|sorry|huh)\b|"
    r"^\s*(?:can|could|do|does|is|are|should|would)\s+(?:you|i|we|it|this|that)\b",
    re.IGNORECASE,
)
_YES_LEAD = re.compile(r"^\s*(?:yes|yeah|yep|yup|ya|y|i do|i have)\b[\s,.:;!-]*", re.IGNORECASE)
#: How people lead into the thing itself: "I'm allergic to ...", "I take ...".
_CONTENT_LEAD = re.compile(
    r"^\s*(?:(?:i am|i'm|im|am)\s+)?(?:allergic to|allergy to|an allergy to|i have|i've got|ive got|i take|"
    r"i use|i get)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Taken:
    """What one message answers: {linkId: values} (two questions for a gated content answer)."""

    answers: dict[str, list[Value]]
    problem: str | None = None


def read(
    form: Form, question: Question, text: str, locale: str, today: dt.date, meant: str = "answer"
) -> Taken:
    """`meant`: what the NLU is sure the message is besides an answer: "deny", "other" (help, a
    request for a person...) or "answer" (nothing it is sure of)."""
    reading = read_answer(question, text, locale, today)
    if question.type == "boolean":
        return _boolean(form, question, text, reading, locale, today, meant)
    if question.type == "choice" and not re.fullmatch(
        r"[\d\s,;&+.]*(?:and[\d\s,;&+.]*)*", text.strip()
    ):
        chosen = _choice(
            question, text
        )  # words: longest phrase wins ("my other half" is no "Other")
        return chosen if chosen.answers or reading.values is None else _taken(question, reading)
    return _taken(question, reading)


def _taken(question: Question, reading: AnswerReading) -> Taken:
    if reading.values is None:
        return Taken({}, reading.problem or "empty")
    return Taken({question.link_id: list(reading.values)})


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


# --- choices --------------------------------------------------------------------------------


def option_phrases(options: tuple[Option, ...]) -> dict[str, int]:
    """Every phrase that names an option -> its index (a phrase naming two options is dropped)."""
    by_phrase: dict[str, set[int]] = {}
    keyed = [RELATIONSHIP_KEYS.get(w) for o in options for w in normalise(o.display).split()]
    relationships = (
        len({k for k in keyed if k}) >= 2
    )  # the question is about how people are related
    for index, option in enumerate(options):
        phrases = [option.display, *option.synonyms, *re.split(r"\s+or\s+|\s*/\s*", option.display)]
        if option.code and not option.code.isupper():
            phrases.append(option.code.replace("-", " "))
        if relationships:
            for key in {RELATIONSHIP_KEYS.get(w) for w in normalise(option.display).split()} - {
                None
            }:
                phrases += [key, *RELATIONSHIPS[key or ""]]
        for phrase in phrases:
            if normalise(phrase):
                by_phrase.setdefault(normalise(phrase), set()).add(index)
    return {phrase: next(iter(hits)) for phrase, hits in by_phrase.items() if len(hits) == 1}


def match_options(options: tuple[Option, ...], text: str) -> list[int]:
    """The indexes of the options `text` names, in the form's order."""
    return sorted(find_phrases(text, option_phrases(options)))


def _choice(question: Question, text: str) -> Taken:
    hits = match_options(question.options, text)
    if not hits:
        return Taken({}, "choice")
    if len(hits) > 1 and not question.repeats:
        return Taken({}, "choice_one")
    return Taken({question.link_id: [question.options[i].value() for i in hits]})


# --- yes/no that opens a follow-up ------------------------------------------------------------


def follow_up(form: Form, question: Question) -> Question | None:
    """The question a yes to `question` opens (shown after yes, not after no), if any."""
    for candidate, _ in walk(form.items):
        conditions = [c for c in candidate.enable_when if c.question == question.link_id]
        if (
            conditions
            and candidate.type in ("string", "text", "choice")
            and enabled(candidate, {question.link_id: [True]})
            and not enabled(candidate, {question.link_id: [False]})
        ):
            return candidate
    return None


def _hedged(plain: str) -> bool:
    return any(re.search(rf"\b{hedge}\b", plain) for hedge in HEDGES)


def _boolean(
    form: Form,
    question: Question,
    text: str,
    reading: AnswerReading,
    locale: str,
    today: dt.date,
    meant: str,
) -> Taken:
    plain = _plain(text)
    if plain in NEGATIVE:
        return Taken({question.link_id: [False]})
    if reading.values is not None and reading.values != (True,):
        return _taken(question, reading)
    if reading.values is None and _hedged(plain):
        return _taken(question, reading)  # "I'm not sure": neither yes nor no yet
    if reading.values is None and (meant == "deny" or _NEGATIVE_LEAD.match(text)):
        return Taken({question.link_id: [False]})  # "I don't think so"
    after = follow_up(form, question)
    if (
        after is None
        or meant == "other"
        or text.strip().endswith("?")
        or _QUESTION_LEAD.match(text)
    ):
        return _taken(question, reading)
    content = _CONTENT_LEAD.sub("", _YES_LEAD.sub("", text, count=1), count=1).strip()
    if not content or _plain(content) in NOT_CONTENT or len(_plain(content)) < 3:
        return _taken(question, reading)  # a plain yes (the follow-up is asked next), or no answer
    detail = read_answer(after, content, locale, today)
    if after.type == "choice" and detail.values is None and detail.problem == "choice":
        chosen = _choice(after, content)
        if chosen.problem is None:
            return Taken({question.link_id: [True], **chosen.answers})
    if detail.values is None:
        return _taken(question, reading)
    return Taken({question.link_id: [True], after.link_id: list(detail.values)})
