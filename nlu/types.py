"""The result of parsing one message, as the contract fixes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Entity:
    """A span of the text with its label and, where resolvable, its value.

    value by entity:
      datetime: {"start": ISO, "end": ISO, "grain": "minute"|"hour"|"day"|"week"|"month"|"part_of_day"}
      choice:   {"index": 2} for "2", "the second one", "option 2";
                {"time": "10:30"} for "the 10:30 one"
      birth_date: "1985-04-12" (ISO date), phone_number: E.164, email: lower-cased
      practitioner / service / location / person_name: None (the text is the value)

    role, as in Rasa's entity roles: "existing" on a datetime that names an appointment the
    patient already has ("my friday appointment", "cancel Thursday's"); None on a wanted time.
    """

    entity: str
    start: int
    end: int
    text: str
    value: Any = None
    role: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "entity": self.entity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.value is not None:
            out["value"] = self.value
        if self.role is not None:
            out["role"] = self.role
        return out


@dataclass(frozen=True)
class Parse:
    text: str
    intent: str
    confidence: float
    intent_ranking: tuple[tuple[str, float], ...] = ()
    entities: tuple[Entity, ...] = field(default_factory=tuple)

    def first(self, entity: str) -> Entity | None:
        return next((e for e in self.entities if e.entity == entity), None)

    def all(self, entity: str) -> list[Entity]:
        return [e for e in self.entities if e.entity == entity]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "intent_ranking": [
                {"intent": i, "confidence": round(c, 4)} for i, c in self.intent_ranking
            ],
            "entities": [e.to_json() for e in self.entities],
        }


#: Below this intent confidence the dialogue asks the patient to rephrase.
FALLBACK_THRESHOLD = 0.35


def is_fallback(parse: Parse) -> bool:
    """Whether the dialogue should ask the patient to rephrase ``parse``'s message."""
    return parse.confidence < FALLBACK_THRESHOLD
