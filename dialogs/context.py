"""What the engine knows besides the conversation: the practice's catalogue, the clock, the texts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dialogs.schema import Flow, Text
from domain.model import Location, Patient, Practice, Practitioner, Service
from domain.related import RelatedPerson


@dataclass(frozen=True)
class Catalogue:
    practice: Practice
    services: tuple[Service, ...]
    practitioners: tuple[Practitioner, ...]
    locations: tuple[Location, ...]

    def service(self, service_id: str | None) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    def practitioner(self, practitioner_id: str | None) -> Practitioner | None:
        return next((p for p in self.practitioners if p.id == practitioner_id), None)

    def location(self, location_id: str | None) -> Location | None:
        return next((loc for loc in self.locations if loc.id == location_id), None)


@dataclass(frozen=True)
class Texts:
    """Texts said outside any one flow (data/texts/*.yaml): key -> localised text."""

    entries: dict[str, Text] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path) -> Texts:
        entries: dict[str, Text] = {}
        for path in sorted(directory.glob("*.yaml")):
            raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key, text in raw.items():
                if not isinstance(text, dict) or "en" not in text:
                    raise ValueError(f"{path.name}: text '{key}' needs an 'en' entry")
                entries[key] = {str(k): str(v) for k, v in text.items()}
        return cls(entries)

    def __getitem__(self, key: str) -> Text:
        return self.entries[key]


@dataclass(frozen=True)
class TurnContext:
    """Everything besides state and message that one turn depends on. The engine stays pure."""

    catalogue: Catalogue
    flows: dict[str, Flow]
    texts: Texts
    now: dt.datetime  # timezone-aware
    patients: tuple[Patient, ...] = ()  # the patients this channel address belongs to
    related: tuple[RelatedPerson, ...] = ()  # RelatedPersons (parents, carers) on this address
    via_related: frozenset[str] = frozenset()  # patients reached only through one of them
    conversation_id: str = ""
    verification_days: int = 30
    lock_minutes: int = 30
    horizon_days: int = 90
    max_retries: int = 3
    channel: str = ""  # sms | whatsapp | telegram | web | console
    address: str = ""  # the patient's address on it (never stored in state)
