"""Questionnaire -> Form and IntakeResponse <-> QuestionnaireResponse. Pure functions; no I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adapters.fhir.codes import EXT_SYNONYM
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import extension_values
from adapters.fhir.slots import fhir_time
from domain.intake import Condition, Form, IntakeResponse, Option, Question, Value

CHOICE_TYPES = {"choice": "choice", "open-choice": "choice"}
ValueSets = dict[str, list[Option]]


def _words(*elements: Json) -> tuple[str, ...]:
    """Other words for an answer: the synonym extension on the answerOption or its Coding."""
    found = [str(v) for e in elements for v in extension_values(e, EXT_SYNONYM) if v]
    return tuple(dict.fromkeys(found))


def _option(raw: Json) -> Option:
    if "valueCoding" in raw:
        c = raw["valueCoding"]
        return Option(
            c.get("display") or c.get("code", ""), c.get("code"), c.get("system"), _words(raw, c)
        )
    value = next((v for k, v in raw.items() if k.startswith("value")), "")
    return Option(str(value), synonyms=_words(raw))


def contained_value_sets(q: Json) -> ValueSets:
    """The options of each contained ValueSet ("#id"), from compose.include.concept.

    A concept's `designation` values are the words patients may use for it (FHIR's own place
    for other names of a code), e.g. "hubby" for v3-RoleCode HUSB.
    """
    out: ValueSets = {}
    for res in q.get("contained") or []:
        if res.get("resourceType") != "ValueSet" or not res.get("id"):
            continue
        options = []
        for include in (res.get("compose") or {}).get("include") or []:
            for concept in include.get("concept") or []:
                words = tuple(
                    str(d["value"]) for d in concept.get("designation") or [] if d.get("value")
                )
                options.append(
                    Option(
                        concept.get("display") or concept.get("code", ""),
                        concept.get("code"),
                        include.get("system"),
                        words,
                    )
                )
        out[f"#{res['id']}"] = options
    return out


def _answer_value(raw: Json, prefix: str) -> Value:
    """answerBoolean / valueCoding / valueDate ... of an enableWhen or an answer, as a Value."""
    for key, value in raw.items():
        if not key.startswith(prefix):
            continue
        if key.endswith("Coding"):
            return {k: str(value[k]) for k in ("system", "code", "display") if value.get(k)}
        if isinstance(value, (bool, int, float, str)):
            return value
    return ""


def to_question(item: Json, value_sets: ValueSets | None = None) -> Question:
    declared = str(item.get("type") or "display")
    kind = CHOICE_TYPES.get(declared, declared)
    options = [_option(o) for o in item.get("answerOption") or []]
    if not options and item.get("answerValueSet"):
        options = list((value_sets or {}).get(str(item["answerValueSet"]), []))
    return Question(
        link_id=item["linkId"],
        text=item.get("text", ""),
        type=kind,
        required=bool(item.get("required")),
        repeats=bool(item.get("repeats")),
        options=tuple(options),
        enable_when=tuple(
            Condition(c["question"], c.get("operator", "exists"), _answer_value(c, "answer"))
            for c in item.get("enableWhen") or []
        ),
        enable_behavior=item.get("enableBehavior", "all"),
        items=tuple(to_question(i, value_sets) for i in item.get("item") or []),
    )


def to_form(q: Json) -> Form:
    return Form(
        q["id"],
        q.get("url", ""),
        str(q.get("version", "")),
        q.get("title") or q.get("name", ""),
        tuple(to_question(i, contained_value_sets(q)) for i in q.get("item") or []),
    )


def _fhir_answer(question: Question, value: Value) -> Json:
    if isinstance(value, dict):
        return {"valueCoding": {k: v for k, v in value.items() if v}}
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, int):
        return {"valueInteger": value}
    if isinstance(value, float):
        return {"valueDecimal": value}
    return {"valueDate": value} if question.type == "date" else {"valueString": value}


def _items(questions: tuple[Question, ...], response: IntakeResponse) -> list[Json]:
    out: list[Json] = []
    for q in questions:
        if q.type == "group":
            children = _items(q.items, response)
            if children:
                out.append({"linkId": q.link_id, "text": q.text, "item": children})
        elif q.link_id in response.answers:
            out.append(
                {
                    "linkId": q.link_id,
                    "text": q.text,
                    "answer": [_fhir_answer(q, v) for v in response.answers[q.link_id]],
                }
            )
        elif q.link_id in response.skipped:
            out.append({"linkId": q.link_id, "text": q.text})  # seen and left out: not asked again
    return out


def response_json(patient_id: str, form: Form, response: IntakeResponse, now: dt.datetime) -> Json:
    resource: Json = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{form.url}|{form.version}" if form.version else form.url,
        "status": response.status,
        "subject": {"reference": f"Patient/{patient_id}"},
        "authored": fhir_time(now),
        "source": {"reference": f"Patient/{patient_id}"},
        "item": _items(form.items, response),
    }
    if response.id:
        resource["id"] = response.id
    return resource


def _collect(items: list[Json], answers: dict[str, list[Value]], skipped: list[str]) -> None:
    for item in items:
        if item.get("item"):
            _collect(item["item"], answers, skipped)
        elif item.get("answer"):
            answers[item["linkId"]] = [_answer_value(a, "value") for a in item["answer"]]
        else:
            skipped.append(item["linkId"])


def to_response(qr: Json) -> IntakeResponse:
    answers: dict[str, list[Any]] = {}
    skipped: list[str] = []
    _collect(qr.get("item") or [], answers, skipped)
    return IntakeResponse(
        answers, tuple(skipped), qr.get("status", "in-progress"), qr.get("id"), version_of(qr)
    )
