"""Maintenance of message bodies at rest: `patient-assistant rotate-keys` and `purge`."""

from __future__ import annotations

import asyncio
import datetime as dt

from adapters.sql import SqlStorage, migrate
from adapters.sql.rotation import rotate_keys as rotate
from bot.retention import purge_expired
from patient_assistant.channels import keyring_of
from patient_assistant.settings import Settings


def rotate_keys(settings: Settings) -> int:
    """Re-seal every message body with the primary key; safe while the assistant runs."""

    async def go() -> int:
        await migrate(settings.database_url)
        storage = SqlStorage(settings.database_url)
        try:
            return await rotate(storage.engine, keyring_of(settings))
        finally:
            await storage.close()

    return asyncio.run(go())


def purge(settings: Settings, now: dt.datetime | None = None) -> int:
    """Purge bodies past the retention period once; returns how many were removed."""

    async def go() -> int:
        await migrate(settings.database_url)
        storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
        try:
            reports = await purge_expired(
                storage,
                [settings.practice_id],
                settings.message_retention_days,
                now or dt.datetime.now(dt.UTC),
            )
            return sum(r.inbound + r.outbound for r in reports.values())
        finally:
            await storage.close()

    return asyncio.run(go())
