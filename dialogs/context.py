"""What the engine knows besides the conversation: the practice's catalogue, the clock, the texts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
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
        paths = sorted(directory.glob("*.yaml"))
        return cls.parse({p.name: p.read_text(encoding="utf-8") for p in paths})

    @classmethod
    def parse(cls, sources: dict[str, str]) -> Texts:
        """Texts from YAML sources by file name, read in name order (a later file's key wins,
        as when loaded from the directory). A flow version keeps its texts this way."""
        entries: dict[str, Text] = {}
        for name in sorted(sources):
            raw: Any = yaml.safe_load(sources[name]) or {}
            if not isinstance(raw, dict):
                raise ValueError(f"{name}: the file is not a mapping of text keys")
            for key, text in raw.items():
                if not isinstance(text, dict) or "en" not in text:
                    raise ValueError(f"{name}: text '{key}' needs an 'en' entry")
                entries[str(key)] = {str(k): str(v) for k, v in text.items()}
        return cls(entries)

    def __getitem__(self, key: str) -> Text:
        return self.entries[key]


@dataclass(frozen=True)
class FlowSet:
    """The flows and texts of one version of a practice's flow set (None: not versioned)."""

    version: int | None
    flows: dict[str, Flow]
    texts: Texts


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
    #: The version `flows` and `texts` are of; a flow started records it (State.flow_version).
    flow_version: int | None = None
    #: The live version, when `flows` are an older one a conversation is finishing its flow
    #: on: a new flow starts on this one (see `on_live`).
    live: FlowSet | None = None

    def on_live(self) -> TurnContext:
        """This context with the live version's flows and texts (itself if they are already)."""
        if self.live is None:
            return self
        return replace(
            self,
            flows=self.live.flows,
            texts=self.live.texts,
            flow_version=self.live.version,
            live=None,
        )
