"""Telling patients a result is ready, once per report and status, whichever path finds it.

Two paths find a report that became final: the FHIR Subscription's rest-hook (the API's
/webhooks/fhir/results calls `notify`) and the polling job on `_lastUpdated` (`poll`, run
by `jobs run-due`, the in-process runner and Celery beat). Both end in `_queue`, which in one
transaction, under the conversation's lock, records the notice (the primary key on report
and status lets only the first path through), audits it, leaves an invitation so the
patient's reply opens "are my results back" (after verification), and puts the message in
the outbox (purpose "notification", held until quiet hours end). The domain decides whether
and when (domain/results_ready.py); the message says that a result is ready and nothing more.
"""

from __future__ import annotations

import logging

from bot.catalogue import PracticeCatalogue
from bot.optout import optout_address
from bot.outreach import Notice, held_conversation, remember_invitation, tell_patient
from bot.ports import ConversationLocks, Storage
from dialogs.context import Texts
from dialogs.render import say
from domain.ports import Clock, ResultsStore
from domain.reports import Report
from domain.results_ready import NotNotified, ResultReady, ResultsReadyRules, notice_key

log = logging.getLogger(__name__)

NOTIFIED = "results.ready_notified"
CURSOR = "results-ready"
#: The flow a reply to the notification opens (after verification).
RESULTS_FLOW = "check_results"


class ResultsOutreach:
    def __init__(
        self,
        *,
        practice_id: str,
        storage: Storage,
        results: ResultsStore,
        rules: ResultsReadyRules,
        texts: Texts,
        catalogue: PracticeCatalogue,
        locks: ConversationLocks,
        clock: Clock,
    ) -> None:
        self.practice_id, self.storage, self.results, self.rules = (
            practice_id,
            storage,
            results,
            rules,
        )
        self.texts, self.catalogue, self.locks, self.clock = texts, catalogue, locks, clock

    async def poll(self) -> int:
        """Notify the reports written since the last poll; how many patients were told.
        The first poll only takes its starting position (nothing before it is news)."""
        async with self.storage.unit_of_work() as uow:
            position = await uow.result_notices.cursor(self.practice_id, CURSOR)
        changes = await self.results.changed_since(position)
        told = 0
        for report in changes.reports:
            told += await self.notify_report(report) == "notified"
        if changes.position != position:
            async with self.storage.unit_of_work() as uow:
                await uow.result_notices.move_cursor(
                    self.practice_id, CURSOR, changes.position, self.clock.now()
                )
        return told

    async def notify(self, report_id: str) -> str:
        """The Subscription's path: read the report again by id (a notification's payload is
        not trusted) and notify it. notified | already | unknown_report | a reason it was not."""
        report = await self.results.report(report_id)
        if report is None:
            log.info("results report=%s not found: not notified", report_id)
            return "unknown_report"
        return await self.notify_report(report)

    async def notify_report(self, report: Report) -> str:
        """notified | already | opted_out | the domain's reason (not_ready, unknown_patient, ...)."""
        if not report.ready:
            return "not_ready"
        async with self.storage.unit_of_work() as uow:  # before asking FHIR anything more
            if await uow.result_notices.is_recorded(self.practice_id, notice_key(report)):
                return "already"
        decision = await self.rules.decide(report)
        if isinstance(decision, NotNotified):
            log.info("results report=%s not notified: %s", decision.report_id, decision.reason)
            return decision.reason
        return await self._queue(decision)

    async def _queue(self, ready: ResultReady) -> str:
        now = self.clock.now()
        practice = (await self.catalogue.get()).practice
        text = say(
            self.texts["results_ready"],
            ready.language,
            {"practice_name": practice.name, "practice_phone": practice.phone},
        )
        async with held_conversation(
            self.storage, self.locks, self.practice_id, ready.channel, ready.address, now
        ) as (uow, current):
            if await uow.opt_outs.is_opted_out(
                self.practice_id, optout_address(ready.channel, ready.address)
            ):
                return "opted_out"
            if not await uow.result_notices.record(
                self.practice_id, ready.key, ready.patient_id, now
            ):
                return "already"  # the other path got there first
            await remember_invitation(
                uow, current, RESULTS_FLOW, ready.send_at, ready.patient_id, now
            )
            detail = {
                "key": ready.key,
                "report": f"DiagnosticReport/{ready.report_id}",
                "status": ready.status,
                "conversation_id": current.id,
                "channel": ready.channel,
                "send_at": ready.send_at.isoformat(),
            }
            notice = Notice(current.id, ready.channel, ready.address, text, ready.send_at)
            await tell_patient(
                uow, self.practice_id, ready.patient_id, notice, NOTIFIED, detail, now
            )
        log.info(
            "results report=%s patient=%s notified, conversation=%s, held=%s",
            ready.report_id,
            ready.patient_id,
            current.id,
            ready.send_at > now,
        )
        return "notified"
