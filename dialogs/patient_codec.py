"""JSON forms of the intake and consent values a conversation keeps in its state."""

from __future__ import annotations

from typing import Any

from domain.consent import ConsentDocument
from domain.intake import Condition, Form, IntakeResponse, Option, Question


def question_to_json(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"link_id": q.link_id, "text": q.text, "type": q.type}
    if q.required:
        out["required"] = True
    if q.repeats:
        out["repeats"] = True
    if q.options:
        out["options"] = [{"display": o.display, "code": o.code, "system": o.system}
                          | ({"synonyms": list(o.synonyms)} if o.synonyms else {}) for o in q.options]
    if q.enable_when:
        out["enable_when"] = [{"question": c.question, "operator": c.operator, "answer": c.answer}
                              for c in q.enable_when]
        out["enable_behavior"] = q.enable_behavior
    if q.items:
        out["items"] = [question_to_json(i) for i in q.items]
    return out


def question_from_json(raw: dict[str, Any]) -> Question:
    return Question(
        link_id=raw["link_id"], text=raw.get("text", ""), type=raw["type"],
        required=bool(raw.get("required")), repeats=bool(raw.get("repeats")),
        options=tuple(Option(o["display"], o.get("code"), o.get("system"), tuple(o.get("synonyms", ())))
                      for o in raw.get("options", [])),
        enable_when=tuple(Condition(c["question"], c["operator"], c["answer"]) for c in raw.get("enable_when", [])),
        enable_behavior=raw.get("enable_behavior", "all"),
        items=tuple(question_from_json(i) for i in raw.get("items", [])),
    )


def form_to_json(form: Form) -> dict[str, Any]:
    return {"id": form.id, "url": form.url, "version": form.version, "title": form.title,
            "items": [question_to_json(q) for q in form.items]}


def form_from_json(raw: dict[str, Any]) -> Form:
    return Form(raw["id"], raw["url"], raw["version"], raw["title"],
                tuple(question_from_json(q) for q in raw["items"]))


def response_to_json(r: IntakeResponse) -> dict[str, Any]:
    return {"answers": {k: list(v) for k, v in r.answers.items()}, "skipped": list(r.skipped),
            "status": r.status, "id": r.id, "version": r.version}


def response_from_json(raw: dict[str, Any]) -> IntakeResponse:
    return IntakeResponse(answers={k: list(v) for k, v in (raw.get("answers") or {}).items()},
                          skipped=tuple(raw.get("skipped", ())), status=raw.get("status", "in-progress"),
                          id=raw.get("id"), version=raw.get("version"))


def document_to_json(d: ConsentDocument) -> dict[str, Any]:
    return {"id": d.id, "code": d.code, "version": d.version, "title": d.title, "summary": d.summary,
            "url": d.url}


def document_from_json(raw: dict[str, Any]) -> ConsentDocument:
    return ConsentDocument(raw["id"], raw["code"], raw["version"], raw["title"], raw.get("summary", ""),
                           raw.get("url", ""))
