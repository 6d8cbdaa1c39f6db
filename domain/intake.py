"""Intake questionnaires: the practice's form, which question comes next, and when it is done.

A Form mirrors a FHIR Questionnaire: groups of questions of type string, text, boolean,
choice, date, integer or decimal, some required, some repeating, some shown only when an
earlier answer says so (enableWhen). Answers are plain JSON values keyed by linkId:
bool, int, float, str (string, text, date as ISO) or {"system", "code", "display"} for a
coded choice. A question the patient chose to skip is remembered as skipped, not answered.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

Value = bool | int | float | str | dict[str, str]
Answers = Mapping[str, Sequence[Value]]
QUESTION_TYPES = ("string", "text", "boolean", "choice", "date", "integer", "decimal")


@dataclass(frozen=True)
class Option:
    """One answer offered for a choice question: coded (system, code) or a plain string.

    `synonyms`: other words patients use for it (the form's designations), for matching only.
    """

    display: str
    code: str | None = None
    system: str | None = None
    synonyms: tuple[str, ...] = ()

    def value(self) -> Value:
        if self.code is None:
            return self.display
        return {"system": self.system or "", "code": self.code, "display": self.display}


@dataclass(frozen=True)
class Condition:
    """enableWhen: the question is shown when `question`'s answer compares to `answer`."""

    question: str
    operator: str  # exists | = | != | > | < | >= | <=
    answer: Value


@dataclass(frozen=True)
class Question:
    link_id: str
    text: str
    type: str  # one of QUESTION_TYPES, or "group" (with items) / "display"
    required: bool = False
    repeats: bool = False
    options: tuple[Option, ...] = ()
    enable_when: tuple[Condition, ...] = ()
    enable_behavior: str = "all"  # all | any
    items: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Form:
    """A questionnaire: `url` and `version` identify it (QuestionnaireResponse.questionnaire)."""

    id: str
    url: str
    version: str
    title: str
    items: tuple[Question, ...]


@dataclass(frozen=True)
class IntakeResponse:
    """A patient's answers so far. `status`: in-progress | completed. `id`/`version` once stored."""

    answers: dict[str, list[Value]] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    status: str = "in-progress"
    id: str | None = None
    version: str | None = None


def walk(
    items: Sequence[Question], groups: tuple[Question, ...] = ()
) -> Iterator[tuple[Question, tuple[Question, ...]]]:
    """Every question (not group, not display) in order, with the groups it sits in."""
    for item in items:
        if item.type == "group":
            yield from walk(item.items, (*groups, item))
        elif item.type in QUESTION_TYPES:
            yield item, groups


def _same(given: Value, wanted: Value) -> bool:
    if isinstance(wanted, dict) and isinstance(given, dict):
        return given.get("code") == wanted.get("code") and given.get("system", "") in (
            "",
            wanted.get("system", ""),
        )
    return given == wanted


def _holds(condition: Condition, answers: Answers) -> bool:
    given = list(answers.get(condition.question) or [])
    op, wanted = condition.operator, condition.answer
    if op == "exists":
        return bool(given) == bool(wanted)
    if op == "=":
        return any(_same(g, wanted) for g in given)
    if op == "!=":
        return bool(given) and not any(_same(g, wanted) for g in given)
    comparable = [g for g in given if type(g) is type(wanted) and not isinstance(g, (dict, bool))]
    checks = {
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
    }
    return op in checks and any(checks[op](g, wanted) for g in comparable)


def enabled(item: Question, answers: Answers) -> bool:
    if not item.enable_when:
        return True
    results = [_holds(c, answers) for c in item.enable_when]
    return any(results) if item.enable_behavior == "any" else all(results)


def shown(form: Form, answers: Answers) -> list[Question]:
    """The questions the patient is asked, given the answers so far (enableWhen applied)."""
    return [
        q
        for q, groups in walk(form.items)
        if enabled(q, answers) and all(enabled(g, answers) for g in groups)
    ]


def next_question(form: Form, response: IntakeResponse) -> Question | None:
    """The first shown question neither answered nor skipped; None when the form is done."""
    return next(
        (
            q
            for q in shown(form, response.answers)
            if q.link_id not in response.answers and q.link_id not in response.skipped
        ),
        None,
    )


def position(form: Form, response: IntakeResponse, question: Question) -> tuple[int, int]:
    """(n, of) for "question n of about `of`": how far along the shown questions this one is."""
    ids = [q.link_id for q in shown(form, response.answers)]
    return (ids.index(question.link_id) + 1 if question.link_id in ids else len(ids)), len(ids)


def answered(form: Form, response: IntakeResponse) -> dict[str, list[Value]]:
    """The answers that count: those of questions still shown (a changed answer can hide others)."""
    ids = {q.link_id for q in shown(form, response.answers)}
    return {k: list(v) for k, v in response.answers.items() if k in ids and v}


def find(form: Form, link_id: str) -> Question | None:
    return next((q for q, _ in walk(form.items) if q.link_id == link_id), None)


def groups_of(form: Form, link_id: str) -> tuple[Question, ...]:
    return next((g for q, g in walk(form.items) if q.link_id == link_id), ())
