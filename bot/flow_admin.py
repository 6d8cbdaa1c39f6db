"""What an admin does to the practice's flows (the admin API, api/admin/): save a flow, a
text file or a flow-test file as a new version, validate, test, publish, roll back, compare
versions.

Decisions:
- **Saving builds on the latest version**, not the live one: successive saves make a draft
  of several changes, published together; the draft is the latest version while it is newer
  than the live one. Every save is a new, immutable version (the other files copied).
- **Nothing goes live without passing the gate** (bot/flow_gate.py): a publish and a
  rollback both run the version's tests first and are refused with the failures.
- **The practice's languages** (PracticeConfig.languages, PRACTICE_LANGUAGES): a flow or a
  text file saved without a wording in one of them is refused, naming the step and the
  language; the gate checks the whole version with them again before a publish.
- **Flow tests are files of the version** (`tests/<name>.yaml`, bot/flow_versions.py): saved
  like a flow, read with the flow-test format (`read_tests`) before they are kept.
- **A rollback** makes an earlier version live again as a new publication (kind
  `rollback`); the history of versions and publications is kept whole.
- **Audited**: every save (and refused save), publish, rollback (and refused ones) and test
  run, with the version numbers, the flow or file and the content hash; never the content.
  Reads are not audited: a flow holds no patient's data.
- The admin's practice is the only one seen: a version of another practice is not found.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.flow_gate import FlowTestGate, GateFailure, GateResult, problem_of, text_problems
from bot.flow_versions import (
    TESTS,
    TEXTS,
    FlowLibrary,
    content_hash,
    diff,
    flow_names,
    flow_path,
    names_under,
    parse_flow,
)
from bot.ports import AuditRecord, FlowVersionRecord, PublicationRecord, Storage, UnitOfWork
from bot.staff_access import StaffMember
from dialogs.flow_rules import missing_languages
from dialogs.schema import Flow, FlowError
from domain.ports import Clock

#: A flow's or text file's name: it is part of a file path and of URLs.
NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
#: Saves that lose a race for the next number try again on top of the winner's version.
SAVE_ATTEMPTS = 5
#: Reads a flow-test file's source (and its file name); raises ValueError naming what is
#: wrong. patient_assistant/flow_tests.py's `flow_tests_from_yaml`.
TestReader = Callable[[str, str], object]


class NotFound(Exception):
    """No such version (or flow) in the admin's practice."""


class Invalid(Exception):
    """What was given does not validate; `failures` name the flow, the step and the fix."""

    def __init__(self, failures: Sequence[GateFailure]) -> None:
        super().__init__("; ".join(f.message for f in failures))
        self.failures = tuple(failures)


class Refused(Exception):
    """The version did not pass the gate, so it was not published."""

    def __init__(self, result: GateResult) -> None:
        super().__init__("; ".join(f.message for f in result.failures))
        self.result = result


@dataclass(frozen=True)
class Overview:
    live: int
    latest: int
    flows: dict[str, Flow]  # the live version's
    changed_in_draft: frozenset[str]  # files of the draft (latest, if newer) that differ

    @property
    def draft(self) -> int | None:
        return self.latest if self.latest > self.live else None


def validate(
    source: str, name: str | None = None, languages: Sequence[str] = ("en",)
) -> list[GateFailure]:
    """The problems of one flow's source (YAML or JSON), each naming the flow, step and fix:
    the flow's own rules, and a text without a wording in one of the practice's `languages`."""
    try:
        flow = parse_flow(source, name or "?")
    except FlowError as e:
        return [problem_of(e, "validate")]
    if name is not None and flow.id != name:
        return [
            GateFailure(
                "validate", f"flow '{name}': its id is '{flow.id}'", name, None, f"set id: {name}"
            )
        ]
    return [problem_of(e, "validate") for e in missing_languages(flow, languages)]


@dataclass
class FlowAdmin:
    storage: Storage
    library: FlowLibrary
    gate: FlowTestGate
    clock: Clock
    languages: tuple[str, ...] = ("en",)  # the practice's (PracticeConfig.languages)
    read_tests: TestReader | None = None  # without one, test files are not saved here

    async def overview(self, who: StaffMember) -> Overview:
        practice = who.practice_id
        live_set = await self.library.live(practice)
        live = await self._get(practice, live_set.version or 0)
        async with self.storage.reading() as uow:
            latest = await uow.flow_versions.latest_number(practice) or live.number
        changed: frozenset[str] = frozenset()
        if latest > live.number:
            changed = frozenset(diff(live, await self._get(practice, latest)))
        return Overview(live.number, latest, live_set.flows, changed)

    async def version(self, who: StaffMember, number: int | None = None) -> FlowVersionRecord:
        """A version of the admin's practice with its files (the live one when None)."""
        if number is None:
            number = await self.library.live_number(who.practice_id)
        return await self._get(who.practice_id, number)

    async def history(
        self, who: StaffMember
    ) -> tuple[list[FlowVersionRecord], list[PublicationRecord]]:
        await self.library.live_number(who.practice_id)  # version 1 exists from here on
        async with self.storage.reading() as uow:
            versions = await uow.flow_versions.history(who.practice_id)
            published = await uow.flow_versions.publications(who.practice_id)
        return versions, published

    async def save_flow(
        self, who: StaffMember, name: str, source: str, note: str = ""
    ) -> FlowVersionRecord:
        """A new version with the flow `name` set to `source`; Invalid if it does not validate."""
        failures = self._name_problem(name, "flow") or validate(source, name, self.languages)
        if failures:
            await self._audit_refused(who, "flows.save_refused", flow_path(name), failures)
            raise Invalid(failures)
        return await self._save(who, flow_path(name), source, note)

    async def save_texts(
        self, who: StaffMember, name: str, source: str, note: str = ""
    ) -> FlowVersionRecord:
        """A new version with the text file `name` (texts/<name>.yaml) set to `source`."""
        path = f"{TEXTS}{name}.yaml"
        failures = self._name_problem(name, "text file") or text_problems(
            {path: source}, self.languages
        )
        if failures:
            failures = [
                dataclasses.replace(f, message=f"texts '{name}': {f.message}") for f in failures
            ]
            await self._audit_refused(who, "flows.save_refused", path, failures)
            raise Invalid(failures)
        return await self._save(who, path, source, note)

    async def save_tests(
        self, who: StaffMember, name: str, source: str, note: str = ""
    ) -> FlowVersionRecord:
        """A new version with the flow-test file `name` (tests/<name>.yaml) set to `source`;
        Invalid if it is not in the flow-test format (docs/flows.md, "Flow tests")."""
        path = f"{TESTS}{name}.yaml"
        failures = self._name_problem(name, "test file")
        if not failures:
            if self.read_tests is None:
                raise RuntimeError("this flow service cannot read flow tests")
            try:
                self.read_tests(source, f"{name}.yaml")
            except ValueError as e:
                failures = [
                    GateFailure(
                        f"tests {name}", str(e), fix="see the flow-test format in docs/flows.md"
                    )
                ]
        if failures:
            await self._audit_refused(who, "flows.save_refused", path, failures)
            raise Invalid(failures)
        return await self._save(who, path, source, note)

    async def test(self, who: StaffMember, number: int) -> GateResult:
        version = await self._get(who.practice_id, number)
        result = await self.gate(who.practice_id, version)
        async with self.storage.unit_of_work() as uow:
            await uow.audit.append(
                self._audit(
                    who, "flows.tested", version, {"passed": result.passed, "ran": result.ran}
                )
            )
        return result

    async def publish(self, who: StaffMember, number: int, kind: str = "publish") -> GateResult:
        """Make version `number` live after it passes the gate; Refused (audited) if it fails."""
        version = await self._get(who.practice_id, number)
        result = await self.gate(who.practice_id, version)
        detail: dict[str, Any] = {"kind": kind, "ran": result.ran}
        if not result.passed:
            detail["failed"] = [f.test for f in result.failures]
            async with self.storage.unit_of_work() as uow:
                await uow.audit.append(self._audit(who, "flows.publish_refused", version, detail))
            raise Refused(result)
        async with self.storage.unit_of_work() as uow:
            detail["was_live"] = await uow.flow_versions.live(who.practice_id)
            await uow.flow_versions.publish(
                PublicationRecord(who.practice_id, number, who.id, self.clock.now(), kind)
            )
            action = "flows.rolled_back" if kind == "rollback" else "flows.published"
            await uow.audit.append(self._audit(who, action, version, detail))
        self.library.forget_live(who.practice_id)  # this process sees it at once
        return result

    async def rollback(self, who: StaffMember, to: int) -> GateResult:
        """Make an earlier version live again (a new publication; the history is kept)."""
        live = await self.library.live_number(who.practice_id)
        await self._get(who.practice_id, to)
        if to >= live:
            raise Invalid(
                [
                    GateFailure(
                        "rollback",
                        f"version {to} is not earlier than the live version {live}",
                        fix="roll back to an earlier version, or publish a later one",
                    )
                ]
            )
        return await self.publish(who, to, kind="rollback")

    async def diff(self, who: StaffMember, before: int, after: int) -> dict[str, str]:
        return diff(
            await self._get(who.practice_id, before), await self._get(who.practice_id, after)
        )

    # --- the rest -----------------------------------------------------------------------

    async def _get(self, practice_id: str, number: int) -> FlowVersionRecord:
        await self.library.live_number(practice_id)  # the shipped version 1 exists first
        async with self.storage.reading() as uow:
            found = await uow.flow_versions.get(practice_id, number)
        if found is None:
            raise NotFound(f"version {number} not found")
        return found

    async def _save(self, who: StaffMember, path: str, source: str, note: str) -> FlowVersionRecord:
        await self.library.live_number(who.practice_id)
        for _ in range(SAVE_ATTEMPTS):
            async with self.storage.unit_of_work() as uow:
                base = await self._latest(uow, who.practice_id)
                files = {**base.files, path: source}
                made = FlowVersionRecord(
                    who.practice_id,
                    base.number + 1,
                    who.id,
                    self.clock.now(),
                    note,
                    content_hash(files),
                    files,
                )
                if await uow.flow_versions.add(made):
                    await uow.audit.append(
                        self._audit(
                            who, "flows.saved", made, {"file": path, "based_on": base.number}
                        )
                    )
                    return made
        raise RuntimeError(f"could not save {path}: {SAVE_ATTEMPTS} saves raced for its number")

    @staticmethod
    async def _latest(uow: UnitOfWork, practice_id: str) -> FlowVersionRecord:
        number = await uow.flow_versions.latest_number(practice_id)
        found = None if number is None else await uow.flow_versions.get(practice_id, number)
        if found is None:
            raise NotFound("the practice has no flow version yet")
        return found

    @staticmethod
    def _name_problem(name: str, what: str) -> list[GateFailure]:
        if NAME.fullmatch(name):
            return []
        return [
            GateFailure(
                "validate",
                f"'{name}' is not a valid {what} name",
                fix="lower-case letters, digits and _, starting with a letter",
            )
        ]

    async def _audit_refused(
        self, who: StaffMember, action: str, path: str, failures: Sequence[GateFailure]
    ) -> None:
        async with self.storage.unit_of_work() as uow:
            await uow.audit.append(
                AuditRecord(
                    practice_id=who.practice_id,
                    actor=who.actor,
                    action=action,
                    subject=f"FlowFile/{path}",
                    at=self.clock.now(),
                    detail={"file": path, "problems": [dataclasses.asdict(f) for f in failures]},
                )
            )

    def _audit(
        self, who: StaffMember, action: str, version: FlowVersionRecord, extra: dict[str, Any]
    ) -> AuditRecord:
        return AuditRecord(
            practice_id=who.practice_id,
            actor=who.actor,
            action=action,
            subject=f"FlowVersion/{version.number}",
            at=self.clock.now(),
            detail={"version": version.number, "content_hash": version.content_hash, **extra},
        )


def names_of(version: FlowVersionRecord) -> list[str]:
    return flow_names(version.files)


def texts_of(version: FlowVersionRecord) -> list[str]:
    return names_under(version.files, TEXTS)


def tests_of(version: FlowVersionRecord) -> list[str]:
    return names_under(version.files, TESTS)
