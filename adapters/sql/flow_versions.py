"""Flow versions and publications (`bot.ports.FlowVersions`).

Adding a version is an INSERT ... ON CONFLICT DO NOTHING on (practice, number): two processes
that both add a practice's first version, or two admins saving at once, cannot both win, and
the loser learns it from the answer rather than from an aborted transaction.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.sql.dialect import upsert
from adapters.sql.models import FlowPublicationRow, FlowVersionRow, table_of
from bot.ports.flow_versions import FlowVersionRecord, PublicationRecord

_versions = table_of(FlowVersionRow)
_publications = table_of(FlowPublicationRow)


def _version(row: Any, with_files: bool = True) -> FlowVersionRecord:
    values = dict(row._mapping)
    values["files"] = dict(values.get("files") or {}) if with_files else {}
    return FlowVersionRecord(**values)


class SqlFlowVersions:
    def __init__(self, connection: AsyncConnection) -> None:
        self._conn = connection

    async def add(self, version: FlowVersionRecord) -> bool:
        stmt = (
            upsert(self._conn, _versions)
            .values(dataclasses.asdict(version))
            .on_conflict_do_nothing(index_elements=["practice_id", "number"])
        )
        result = await self._conn.execute(stmt)
        return bool(result.rowcount)

    async def get(self, practice_id: str, number: int) -> FlowVersionRecord | None:
        v = _versions.c
        row = (
            await self._conn.execute(
                select(_versions).where(v.practice_id == practice_id, v.number == number)
            )
        ).first()
        return None if row is None else _version(row)

    async def latest_number(self, practice_id: str) -> int | None:
        v = _versions.c
        found = await self._conn.scalar(
            select(func.max(v.number)).where(v.practice_id == practice_id)
        )
        return None if found is None else int(found)

    async def history(self, practice_id: str) -> list[FlowVersionRecord]:
        v = _versions.c
        columns = [c for c in _versions.c if c.name != "files"]
        rows = await self._conn.execute(
            select(*columns).where(v.practice_id == practice_id).order_by(v.number)
        )
        return [_version(r, with_files=False) for r in rows]

    async def publish(self, publication: PublicationRecord) -> None:
        values = dataclasses.asdict(publication)
        values.pop("id")
        await self._conn.execute(_publications.insert().values(values))

    async def live(self, practice_id: str) -> int | None:
        p = _publications.c
        found = await self._conn.scalar(
            select(p.number).where(p.practice_id == practice_id).order_by(p.id.desc()).limit(1)
        )
        return None if found is None else int(found)

    async def publications(self, practice_id: str) -> list[PublicationRecord]:
        p = _publications.c
        rows = await self._conn.execute(
            select(_publications).where(p.practice_id == practice_id).order_by(p.id)
        )
        return [PublicationRecord(**r._mapping) for r in rows]
