"""The retention policy: message bodies are purged after a practice's retention period;
ids, times, statuses, the event log and the audit trail stay, and each purge is audited.
Staff's live-stream events (bot/ports/staff_events.py) go after a day."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Iterable, Sequence

from bot.logs import bind
from bot.ports import AuditRecord, PurgeReport, Storage
from bot.ports.staff_events import RETENTION
from domain.ports import Clock

log = logging.getLogger(__name__)
SETTING = "message_retention_days"
STAFF_EVENTS_KEPT = RETENTION


async def purge_expired(
    storage: Storage, practice_ids: Iterable[str], default_days: int, now: dt.datetime
) -> dict[str, PurgeReport]:
    """Purge each practice's bodies older than its retention period (its own setting, else
    `default_days`); returns what was purged per practice."""
    reports: dict[str, PurgeReport] = {}
    async with storage.unit_of_work() as uow:
        # Staff's live-stream feed is kept a day, whatever a practice keeps messages for:
        # it holds only ids, and replay after a reconnect needs no more.
        await uow.staff_events.purge(now - STAFF_EVENTS_KEPT)
    for practice_id in practice_ids:
        async with storage.unit_of_work() as uow:
            days = int((await uow.practices.settings(practice_id)).get(SETTING, default_days))
            before = now - dt.timedelta(days=days)
            report = await uow.retention.purge_bodies(practice_id, before, now)
            if report.inbound or report.outbound:
                await uow.audit.append(
                    AuditRecord(
                        practice_id=practice_id,
                        actor="system",
                        action="messages.purged",
                        subject=f"Practice/{practice_id}",
                        at=now,
                        detail={
                            "inbound": report.inbound,
                            "outbound": report.outbound,
                            "before": before.isoformat(),
                            "retention_days": days,
                        },
                    )
                )
        reports[practice_id] = report
    return reports


async def purge_periodically(
    storage: Storage,
    practice_ids: Sequence[str],
    default_days: int,
    clock: Clock,
    every_seconds: float = 3600.0,
) -> None:
    """The embedded default's purge schedule (Celery beat runs `purge_expired` otherwise)."""
    while True:
        try:
            reports = await purge_expired(storage, practice_ids, default_days, clock.now())
            log.info(
                "retention purge: %d bodies", sum(r.inbound + r.outbound for r in reports.values())
            )
        except Exception as e:  # noqa: BLE001 - the next round tries again
            bind(log, job="retention-purge").failure("retention purge failed", e)
        await asyncio.sleep(every_seconds)
