"""Flow versions: immutable snapshots of a practice's flow set, and which one is live.

A version holds every file of the flow set as its source text, keyed by its path in the set
(`flows/book_appointment.yaml`, `texts/common.yaml`), so what an admin wrote is kept exactly
and a diff between two versions is a diff of what they wrote. Versions are numbered from 1 per
practice and never change once added. Publishing appends a publication; the live version is
the one of the latest publication, so a rollback is one more publication and the history is
kept whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class FlowVersionRecord:
    practice_id: str
    number: int
    author: str  # a staff account id, or "shipped" for the flows shipped in data/
    created_at: dt.datetime
    note: str
    content_hash: str  # sha256 of the files (bot/flow_versions.py `content_hash`)
    files: dict[str, str] = field(default_factory=dict)  # path in the set -> source text


@dataclass(frozen=True)
class PublicationRecord:
    practice_id: str
    number: int  # the version made live
    by: str  # a staff account id, or "shipped"
    at: dt.datetime
    kind: str = "publish"  # publish | rollback
    id: int | None = None  # given by the store, in publication order


class FlowVersions(Protocol):
    async def add(self, version: FlowVersionRecord) -> bool:
        """Add a version; False (and nothing changed) when the practice already has one with
        this number, e.g. another process added it first."""
        ...

    async def get(self, practice_id: str, number: int) -> FlowVersionRecord | None: ...

    async def latest_number(self, practice_id: str) -> int | None:
        """The practice's highest version number; None before its first version."""
        ...

    async def history(self, practice_id: str) -> list[FlowVersionRecord]:
        """The practice's versions, oldest first, without their files (`files` empty)."""
        ...

    async def publish(self, publication: PublicationRecord) -> None: ...

    async def live(self, practice_id: str) -> int | None:
        """The number of the version the latest publication made live; None if none yet."""
        ...

    async def publications(self, practice_id: str) -> list[PublicationRecord]:
        """The practice's publications, oldest first."""
        ...
