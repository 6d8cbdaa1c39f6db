"""JSON forms of the domain objects that a conversation keeps in its slots: openings and
appointments, intake forms and responses, consent documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from domain.consent import ConsentDocument
from domain.intake import Condition, Form, IntakeResponse, Option, Question
from domain.model import Appointment, Opening, Slot


def opening_to_json(o: Opening) -> dict[str, Any]:
    return {
        "start": o.start.isoformat(),
        "end": o.end.isoformat(),
        "practitioner_id": o.practitioner_id,
        "location_id": o.location_id,
        "slots": [
            {
                "id": s.id,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "version": s.version,
            }
            for s in o.slots
        ],
    }


def opening_from_json(raw: dict[str, Any]) -> Opening:
    return Opening(
        start=dt.datetime.fromisoformat(raw["start"]),
        end=dt.datetime.fromisoformat(raw["end"]),
        practitioner_id=raw["practitioner_id"],
        location_id=raw["location_id"],
        slots=tuple(
            Slot(
                id=s["id"],
                start=dt.datetime.fromisoformat(s["start"]),
                end=dt.datetime.fromisoformat(s["end"]),
                practitioner_id=raw["practitioner_id"],
                location_id=raw["location_id"],
                version=s.get("version"),
            )
            for s in raw["slots"]
        ),
    )


def appointment_to_json(a: Appointment) -> dict[str, Any]:
    return {
        "id": a.id,
        "patient_id": a.patient_id,
        "slot_ids": list(a.slot_ids),
        "start": a.start.isoformat(),
        "end": a.end.isoformat(),
        "practitioner_id": a.practitioner_id,
        "location_id": a.location_id,
        "service_id": a.service_id,
        "status": a.status,
    }


def appointment_from_json(raw: dict[str, Any]) -> Appointment:
    return Appointment(
        id=raw["id"],
        patient_id=raw["patient_id"],
        slot_ids=tuple(raw["slot_ids"]),
        start=dt.datetime.fromisoformat(raw["start"]),
        end=dt.datetime.fromisoformat(raw["end"]),
        practitioner_id=raw["practitioner_id"],
        location_id=raw["location_id"],
        service_id=raw["service_id"],
        status=raw.get("status", "booked"),
    )


def question_to_json(q: Question) -> dict[str, Any]:
    out: dict[str, Any] = {"link_id": q.link_id, "text": q.text, "type": q.type}
    if q.required:
        out["required"] = True
    if q.repeats:
        out["repeats"] = True
    if q.options:
        out["options"] = [
            {"display": o.display, "code": o.code, "system": o.system}
            | ({"synonyms": list(o.synonyms)} if o.synonyms else {})
            for o in q.options
        ]
    if q.enable_when:
        out["enable_when"] = [
            {"question": c.question, "operator": c.operator, "answer": c.answer}
            for c in q.enable_when
        ]
        out["enable_behavior"] = q.enable_behavior
    if q.items:
        out["items"] = [question_to_json(i) for i in q.items]
    return out


def question_from_json(raw: dict[str, Any]) -> Question:
    return Question(
        link_id=raw["link_id"],
        text=raw.get("text", ""),
        type=raw["type"],
        required=bool(raw.get("required")),
        repeats=bool(raw.get("repeats")),
        options=tuple(
            Option(o["display"], o.get("code"), o.get("system"), tuple(o.get("synonyms", ())))
            for o in raw.get("options", [])
        ),
        enable_when=tuple(
            Condition(c["question"], c["operator"], c["answer"]) for c in raw.get("enable_when", [])
        ),
        enable_behavior=raw.get("enable_behavior", "all"),
        items=tuple(question_from_json(i) for i in raw.get("items", [])),
    )


def form_to_json(form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "url": form.url,
        "version": form.version,
        "title": form.title,
        "items": [question_to_json(q) for q in form.items],
    }


def form_from_json(raw: dict[str, Any]) -> Form:
    return Form(
        raw["id"],
        raw["url"],
        raw["version"],
        raw["title"],
        tuple(question_from_json(q) for q in raw["items"]),
    )


def response_to_json(r: IntakeResponse) -> dict[str, Any]:
    return {
        "answers": {k: list(v) for k, v in r.answers.items()},
        "skipped": list(r.skipped),
        "status": r.status,
        "id": r.id,
        "version": r.version,
    }


def response_from_json(raw: dict[str, Any]) -> IntakeResponse:
    return IntakeResponse(
        answers={k: list(v) for k, v in (raw.get("answers") or {}).items()},
        skipped=tuple(raw.get("skipped", ())),
        status=raw.get("status", "in-progress"),
        id=raw.get("id"),
        version=raw.get("version"),
    )


def document_to_json(d: ConsentDocument) -> dict[str, Any]:
    return {
        "id": d.id,
        "code": d.code,
        "version": d.version,
        "title": d.title,
        "summary": d.summary,
        "url": d.url,
    }


def document_from_json(raw: dict[str, Any]) -> ConsentDocument:
    return ConsentDocument(
        raw["id"],
        raw["code"],
        raw["version"],
        raw["title"],
        raw.get("summary", ""),
        raw.get("url", ""),
    )
