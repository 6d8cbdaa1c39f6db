"""The editor's "try it" chat: an administrator talks to a saved (draft) version of the
practice's flows before any patient does.

Decisions:
- **Never the practice's real FHIR server, database or patients.** A session runs the
  version's flows and texts in an isolated runtime, built the way flow tests build theirs
  (patient_assistant/flow_tests.py): its own throwaway FHIR sandbox seeded with the demo
  practice as of now, its own SQLite database in a temporary directory, no Redis, no channel
  or payment credentials (`OFFLINE`), and the process's loaded NLU. Everything is deleted
  when the session ends.
- **One session per administrator and version**, kept while it is used: starting a sandbox
  and seeding it takes seconds, so the chat would be unusable if every message paid for it.
  A session idle for `idle_seconds` is removed (a reaper runs while sessions exist); trying
  another version, or asking to start over, ends the admin's previous session first. At most
  `limit` sessions run in a process (each is a server process): the least recently used
  makes room.
- **The patient is a seeded demo patient** (Maria Lopez at Riverside, her Thameside
  counterpart), texting by SMS, so the booking flows find a known patient with a record.
- The message text is never logged or audited; the route audits that a version was tried.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.assistant import Parser
from bot.flow_versions import flow_set
from bot.messages import Inbound
from bot.ports import FlowVersionRecord
from domain.clock import SystemClock
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.settings import Settings

log = logging.getLogger(__name__)

#: Who the try-it patient is, per demo practice (docs/demo-practice.md); others: Riverside's.
PATIENT_PHONES = {"thameside": "+447700900123"}
DEFAULT_PHONE = "+16175550134"  # Maria Lopez, Riverside's seeded patient
#: Nothing a try-it conversation does reaches a carrier or a payment provider: no channel
#: credentials, and the sandbox's pay page instead of Stripe (a "pay my bill" tried in the
#: editor makes a link nobody can pay).
OFFLINE: dict[str, object] = {
    "twilio_account_sid": None,
    "twilio_auth_token": None,
    "telegram_bot_token": None,
    "payment_provider": "sandbox",
    "stripe_api_key": None,
    "stripe_webhook_secret": None,
}
IDLE_SECONDS = 600.0
LIMIT = 4


@dataclass
class TrySession:
    id: str
    practice_id: str
    admin_id: str
    version: int
    phone: str
    runtime: Runtime
    sandbox: object  # patient_assistant.sandbox.Sandbox (imported lazily: it starts servers)
    directory: Path
    used: float
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def close(self) -> None:
        try:
            await self.runtime.aclose()
        finally:
            try:
                await self.sandbox.stop()  # type: ignore[attr-defined]
            finally:
                shutil.rmtree(self.directory, ignore_errors=True)


@dataclass(frozen=True)
class TryReply:
    session: str
    version: int
    started: bool  # a new session (a fresh sandbox) was started for this message
    replies: list[str]


class TrySessions:
    """The try-it sessions of this process, by (practice, admin)."""

    def __init__(
        self,
        idle_seconds: float = IDLE_SECONDS,
        limit: int = LIMIT,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.limit = limit
        self.monotonic = monotonic
        self._sessions: dict[tuple[str, str], TrySession] = {}
        self._starting = asyncio.Lock()  # one sandbox starts at a time (a small machine)
        self._reaper: asyncio.Task[None] | None = None

    def __len__(self) -> int:
        return len(self._sessions)

    async def say(
        self,
        settings: Settings,
        nlu: Parser,
        admin_id: str,
        version: FlowVersionRecord,
        text: str,
        restart: bool = False,
    ) -> TryReply:
        """What the assistant running `version` answers the try-it patient's `text`.

        `settings` are the practice's (its id, time zone, locale); ValueError if the
        version's files do not make a flow set."""
        key = (settings.practice_id, admin_id)
        await self.sweep()
        started = False
        async with self._starting:
            session = self._sessions.get(key)
            if session is not None and (restart or session.version != version.number):
                del self._sessions[key]
                async with session.turn:  # a message still being answered finishes first
                    await session.close()
                session = None
            if session is None:
                await self._make_room()
                session = await self._start(settings, nlu, admin_id, version)
                self._sessions[key] = session
                started = True
                self._ensure_reaper()
        async with session.turn:
            session.used = self.monotonic()
            handled = await session.runtime.assistant.handle(
                Inbound(
                    practice_id=session.practice_id,
                    channel="sms",
                    address=session.phone,
                    text=text,
                    provider_message_id=f"try-it-{uuid.uuid4().hex}",
                    received_at=session.runtime.clock.now(),
                )
            )
            session.used = self.monotonic()
        return TryReply(
            session.id, version.number, started, [r.plain_text() for r in handled.replies]
        )

    async def end(self, practice_id: str, admin_id: str) -> bool:
        session = self._sessions.pop((practice_id, admin_id), None)
        if session is None:
            return False
        await session.close()
        return True

    async def sweep(self) -> int:
        """End the sessions idle for longer than `idle_seconds`; how many were ended."""
        cutoff = self.monotonic() - self.idle_seconds
        idle = [k for k, s in self._sessions.items() if s.used < cutoff and not s.turn.locked()]
        for key in idle:
            session = self._sessions.pop(key)
            await session.close()
        return len(idle)

    async def aclose(self) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reaper
            self._reaper = None
        while self._sessions:
            _, session = self._sessions.popitem()
            await session.close()

    # --- the rest -----------------------------------------------------------------------

    async def _make_room(self) -> None:
        while len(self._sessions) >= self.limit:
            oldest = min(self._sessions, key=lambda k: self._sessions[k].used)
            await self._sessions.pop(oldest).close()

    def _ensure_reaper(self) -> None:
        if self._reaper is None or self._reaper.done():
            self._reaper = asyncio.create_task(self._reap())

    async def _reap(self) -> None:
        # Checks a few times per idle period while any session lives, then stops.
        while self._sessions:
            await asyncio.sleep(max(1.0, self.idle_seconds / 4))
            try:
                await self.sweep()
            except Exception:  # a failed stop must not end the reaping
                log.exception("ending an idle try-it session failed")

    async def _start(
        self, settings: Settings, nlu: Parser, admin_id: str, version: FlowVersionRecord
    ) -> TrySession:
        from patient_assistant.flow_tests import seed_demo
        from patient_assistant.sandbox import Sandbox

        flows = flow_set(version.number, version.files)  # raises if the version is broken
        now = dt.datetime.now(ZoneInfo(settings.practice_timezone))
        directory = Path(tempfile.mkdtemp(prefix="try-it-"))
        sandbox = Sandbox(directory / "fhir", now=now, seed=False)
        runtime: Runtime | None = None
        try:
            await sandbox.start()
            await seed_demo(sandbox.base_url, settings.practice_id, now)
            isolated = settings.model_copy(
                update={
                    "database_url": f"sqlite+aiosqlite:///{directory}/assistant.db",
                    "redis_url": None,
                    "fhir_base_url": sandbox.base_url,
                    **OFFLINE,
                }
            )
            runtime = await build(
                isolated,
                fhir_base_url=sandbox.base_url,
                clock=SystemClock(),
                nlu=nlu,
                flows=flows.flows,
                texts=flows.texts,
            )
        except BaseException:
            if runtime is not None:
                await runtime.aclose()
            await sandbox.stop()
            shutil.rmtree(directory, ignore_errors=True)
            raise
        return TrySession(
            id=uuid.uuid4().hex,
            practice_id=settings.practice_id,
            admin_id=admin_id,
            version=version.number,
            phone=PATIENT_PHONES.get(settings.practice_id, DEFAULT_PHONE),
            runtime=runtime,
            sandbox=sandbox,
            directory=directory,
            used=self.monotonic(),
        )
