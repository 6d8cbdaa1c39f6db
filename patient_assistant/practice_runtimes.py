"""The runtimes of a process that serves every practice of the deployment but receives no
webhook: a Celery worker, `jobs run-due`, `payments send`, `chat`.

Each practice's runtime is built the first time work of that practice comes, from the
practice directory (`practices load`), under that practice's settings (its FHIR server, time
zone, locale, numbers, quiet hours and response targets: `practice_settings`). A practice
loaded after the process started is found by reading the directory again when work names a
practice it does not know. With no practice loaded, the deployment is the one practice of
its environment variables, exactly as before practices could be configured.

The NLU model is loaded once and shared: it is the same model for every practice (the
locale and time zone are given with each parse).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from bot.assistant import Parser
from bot.practice_config import PracticeConfig
from patient_assistant.bootstrap import Runtime, build, make_clock
from patient_assistant.practices import configured_practices, practice_settings
from patient_assistant.sandbox_access import fhir_server
from patient_assistant.settings import Settings


class UnknownPractice(LookupError):
    """Work named a practice that is neither loaded nor the environment's."""


#: Builds a runtime: settings, FHIR base URL, and the NLU shared by the practices (None: load).
Builder = Callable[[Settings, str, Parser | None], Awaitable[Runtime]]


class PracticeRuntimes:
    """Runtimes by practice id, each built on first need and kept for the process's life."""

    def __init__(
        self,
        settings: Settings,
        now: dt.datetime | None = None,
        *,
        nlu: Parser | None = None,
        environment_fhir: str | None = None,
        builder: Builder | None = None,
    ) -> None:
        """`environment_fhir`: the FHIR server of the environment's practice when no practice
        is loaded (default FHIR_BASE_URL); `nlu`: the parser to share (default: loaded by the
        first build and shared by the next)."""
        self.settings, self.now, self.nlu = settings, now, nlu
        self.environment_fhir = environment_fhir or settings.fhir_base_url
        self._builder = builder
        self._practices: list[PracticeConfig] | None = None
        self._runtimes: dict[str, Runtime] = {}
        self._building = asyncio.Lock()

    async def ids(self) -> list[str]:
        """Every practice's id, the first practice first (the environment's alone if none)."""
        practices = await self._configured()
        return [p.id for p in practices] if practices else [self.settings.practice_id]

    async def default_id(self) -> str:
        return (await self.ids())[0]

    async def of(self, practice_id: str | None = None) -> Runtime:
        """The runtime of `practice_id` (the first practice's when None)."""
        chosen = practice_id or await self.default_id()
        runtime = self._runtimes.get(chosen)
        if runtime is not None:
            return runtime
        async with self._building:
            if chosen not in self._runtimes:
                self._runtimes[chosen] = await self._build(chosen)
            return self._runtimes[chosen]

    async def every(self) -> list[Runtime]:
        """Every practice's runtime, in the directory's order."""
        return [await self.of(practice_id) for practice_id in await self.ids()]

    def built(self) -> list[Runtime]:
        """The runtimes built so far (no I/O)."""
        return list(self._runtimes.values())

    async def _configured(self, reread: bool = False) -> list[PracticeConfig]:
        if self._practices is None or reread:
            self._practices = await configured_practices(self.settings)
        return self._practices

    async def _build(self, practice_id: str) -> Runtime:
        practices = await self._configured()
        found = next((p for p in practices if p.id == practice_id), None)
        if found is None and practices:
            # Loaded since this process read the directory?
            practices = await self._configured(reread=True)
            found = next((p for p in practices if p.id == practice_id), None)
        if found is not None:
            settings, base_url = practice_settings(self.settings, found), found.fhir_base_url
        elif not practices and practice_id == self.settings.practice_id:
            if not self.environment_fhir:
                raise RuntimeError("FHIR_BASE_URL must be set when no practice is loaded")
            settings, base_url = self.settings, self.environment_fhir
        else:
            raise UnknownPractice(f"no practice {practice_id!r} is loaded")
        runtime = await (self._builder or self._default_build)(settings, base_url, self.nlu)
        self.nlu = runtime.nlu  # one model for every practice
        return runtime

    async def _default_build(
        self, settings: Settings, base_url: str, nlu: Parser | None
    ) -> Runtime:
        return await build(settings, fhir_base_url=base_url, clock=make_clock(self.now), nlu=nlu)

    async def aclose(self) -> None:
        runtimes, self._runtimes = list(self._runtimes.values()), {}
        for runtime in runtimes:
            await runtime.aclose()


@asynccontextmanager
async def one_practice(
    settings: Settings, practice_id: str | None, now: dt.datetime | None
) -> AsyncIterator[tuple[Settings, str]]:
    """The settings and FHIR server of one practice, for a command that acts as it (`chat`,
    `payments send`): `practice_id`'s, or the first loaded practice's when None. With no
    practice loaded, the environment's: its FHIR_BASE_URL, or the seeded sandbox (started
    here and stopped afterwards). Raises UnknownPractice for an id that is not loaded."""
    practices = await configured_practices(settings)
    if not practices:
        if practice_id not in (None, settings.practice_id):
            raise UnknownPractice(
                f"no practice {practice_id!r}: none is loaded, and this deployment is the one "
                f"practice {settings.practice_id!r} of its environment variables"
            )
        async with fhir_server(settings, now) as base_url:
            yield settings, base_url
        return
    found = next((p for p in practices if practice_id in (None, p.id)), None)
    if found is None:
        known = ", ".join(p.id for p in practices)
        raise UnknownPractice(f"no practice {practice_id!r} is loaded (loaded: {known})")
    yield practice_settings(settings, found), found.fhir_base_url
