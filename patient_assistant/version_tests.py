"""A stored flow version's tests: the gate a publish passes, and `flows test --version N`.

Decisions:
- **The tests are the version's own** (`tests/<name>.yaml`, bot/flow_versions.py): the gate
  runs exactly the tests saved with the version it checks, on that version's flows and texts.
  A version with no test files runs none: it is validated only.
- **Validation first**: a version that does not validate (bot/flow_gate.py `check_files`,
  with the practice's languages) is answered with those problems, and no conversation runs.
- **Never the practice's records**: the runner (patient_assistant/flow_tests.py) starts its
  own seeded FHIR sandbox per test and a throw-away SQLite database, whatever FHIR_BASE_URL
  and DATABASE_URL the deployment has; Redis, card payments and outbound channels are turned
  off for the run (flow_tests.NOTHING_OUTSIDE), so nothing a test does leaves the process.
- **Off the API process**: the tests run in a child process with its own NLU model
  (patient_assistant/flow_test_process.py), so a publish holds up neither the event loop nor
  the interpreter lock of the process that serves the staff and the webhooks. A run that does
  not finish within `wait_seconds` is stopped and answered as a failure saying so, as is one
  whose process ends without a result; those are not kept (they say nothing of the version).
- **One run at a time per process**: each test starts a server; two publishes at once wait
  for each other rather than run twice the servers on a small machine.
- **A result is kept by the version's content hash** (the last few): the same files give the
  same result (each test runs on a fresh copy of the same seeded sandbox, at its fixed clock,
  with the same model), so "test" then "publish" of one version runs the tests once.
- **A failure names the test and its step** (1-based, as in the file) in `step`, and the
  flow the test file is named for in `flow`; the message says what was expected and what
  the assistant said.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict

from bot.flow_gate import GateResult, check_files
from bot.flow_versions import FlowLibrary, flow_set, shipped_files
from bot.ports import FlowVersionRecord
from patient_assistant.bootstrap import DATA
from patient_assistant.flow_test_process import NoVerdict, run_in_child
from patient_assistant.flow_tests import VersionUnderTest, tests_of
from patient_assistant.settings import Settings

#: Results kept per gate, by version content (the drafts an admin is testing and publishing).
KEPT_RESULTS = 8
#: How long a run of a version's flow tests may take before it is stopped: the shipped tests
#: take one to three minutes on a busy two-core machine (bench/staff_load.py).
TESTS_WAIT_SECONDS = 900.0


class VersionTestGate:
    """The gate of a runtime (bot/flow_gate.py's FlowTestGate): the version validated with
    the practice's languages, then its flow tests played through the assistant on sandboxes,
    in a child process.

    settings: the practice's (its id, time zone, locale and languages); wait_seconds: how long
    a run of the tests may take before it is stopped and refused."""

    def __init__(self, settings: Settings, *, wait_seconds: float = TESTS_WAIT_SECONDS) -> None:
        self.settings = settings
        self.wait_seconds = wait_seconds
        self._one_at_a_time = asyncio.Lock()
        self._results: OrderedDict[str, GateResult] = OrderedDict()

    async def __call__(self, practice_id: str, version: FlowVersionRecord) -> GateResult:
        async with self._one_at_a_time:
            known = self._results.get(version.content_hash)
            if known is None:
                try:
                    known = await self._run(version)
                except NoVerdict as e:
                    return GateResult(0, (e.failure,))
                self._results[version.content_hash] = known
                while len(self._results) > KEPT_RESULTS:
                    self._results.popitem(last=False)
            return known

    async def _run(self, version: FlowVersionRecord) -> GateResult:
        checked = check_files(version.files, self.settings.languages)
        tests, unreadable = tests_of(version.files)
        if not checked.passed or unreadable:
            return GateResult(checked.ran, checked.failures + tuple(unreadable))
        if not tests:
            return checked
        ran, failures = await run_in_child(
            self.settings, version.number, version.files, self.wait_seconds
        )
        return GateResult(checked.ran + ran, failures)


async def stored_version(settings: Settings, practice_id: str, number: int) -> VersionUnderTest:
    """`flows test --version N`: version N of the practice as kept in DATABASE_URL (version 1,
    the shipped flows, is made first if the practice has none yet), with its tests, run with
    the practice's settings when it is a configured practice. LookupError when there is no
    such version; ValueError naming each problem when it does not validate."""
    from adapters.sql import SqlStorage, migrate
    from domain.clock import SystemClock
    from patient_assistant.bootstrap import ensure_sqlite_dir
    from patient_assistant.channels import keyring_of
    from patient_assistant.practices import configured_practices, practice_settings

    ensure_sqlite_dir(settings.database_url)
    await migrate(settings.database_url)
    for practice in await configured_practices(settings):
        if practice.id == practice_id:
            settings = practice_settings(settings, practice)
    storage = SqlStorage(settings.database_url, keyring=keyring_of(settings))
    try:
        library = FlowLibrary(storage, SystemClock(), shipped_files(DATA))
        await library.live_number(practice_id)
        async with storage.reading() as uow:
            record = await uow.flow_versions.get(practice_id, number)
    finally:
        await storage.close()
    if record is None:
        raise LookupError(f"practice {practice_id} has no flow version {number}")
    checked = check_files(record.files, settings.languages)
    tests, unreadable = tests_of(record.files)
    problems = [*checked.failures, *unreadable]
    if problems:
        raise ValueError(
            f"version {number} does not validate:\n"
            + "\n".join(f"  {p.message}" + (f" (fix: {p.fix})" if p.fix else "") for p in problems)
        )
    parsed = flow_set(number, record.files)
    return VersionUnderTest(parsed.flows, tests, parsed.texts, settings)
