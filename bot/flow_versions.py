"""Flow versions per practice: which flow set a conversation runs on, and the live one.

What a version holds: every file of the flow set as its source text, keyed by its path in
the set — `flows/<name>.yaml` (one flow each), `texts/<name>.yaml` (the texts the engine
says outside any one flow: greetings, "please rephrase", verification ...) and
`tests/<name>.yaml` (the version's flow tests, patient_assistant/flow_tests.py: a test is
part of the version so an admin who adds or changes a flow adds or changes its test with
it, and publishing runs the tests of the version published). So a version is the whole
wording a patient meets in a conversation and what it is checked against, and changing any
kind of file makes a new version. Texts the pipeline says before any conversation (carrier keyword answers,
emergency guidance) and messages the practice sends first (reminders, results, payments)
keep the shipped wording: they are safety and compliance texts an edit must not break.

The shipped `data/flows`, `data/flows/tests` and `data/texts` are version 1 of every practice, made and
published the first time a process needs the practice's flows. When a release changes the
shipped files and the practice still runs shipped flows (its live version was made from
`data/` and never edited), the new shipped files become a new version, published; a practice
that published its own edits keeps them, and sees the shipped update only in its history.

Live pickup: a process checks the practice's live version number at most every
`check_seconds` (one indexed read) and keeps the flow sets it has parsed by version, so a
publish reaches every API process and worker within seconds, without a restart.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.ports import FlowVersionRecord, PublicationRecord, Storage
from dialogs.context import FlowSet, Texts
from dialogs.schema import Flow, FlowError
from dialogs.validation import flow_from_json
from domain.ports import Clock

log = logging.getLogger(__name__)

#: The author of the versions made from the files shipped in data/.
SHIPPED = "shipped"
FLOWS, TEXTS, TESTS = "flows/", "texts/", "tests/"
#: Parsed flow sets kept per process (the live one, and those conversations finish on).
CACHED_SETS = 16


def shipped_files(data: Path) -> dict[str, str]:
    """The flow set shipped in `data/` as version files: data/flows/*.yaml as flows/,
    data/texts/*.yaml as texts/ and the flows' tests, data/flows/tests/*.yaml, as tests/."""
    files: dict[str, str] = {}
    for kind, directory in ((FLOWS, data / "flows"), (TEXTS, data / "texts")):
        for path in sorted(directory.glob("*.yaml")):
            files[f"{kind}{path.name}"] = path.read_text(encoding="utf-8")
    for path in sorted((data / "flows" / "tests").glob("*.yaml")):
        files[f"{TESTS}{path.name}"] = path.read_text(encoding="utf-8")
    return files


def content_hash(files: dict[str, str]) -> str:
    """sha256 of the files, independent of their order."""
    canonical = json.dumps(files, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def flow_path(name: str) -> str:
    return f"{FLOWS}{name}.yaml"


def flow_names(files: dict[str, str]) -> list[str]:
    return names_under(files, FLOWS)


def names_under(files: dict[str, str], kind: str) -> list[str]:
    """The names of the files of one kind (FLOWS, TEXTS, TESTS): `flows/x.yaml` is `x`."""
    return sorted(p[len(kind) : -len(".yaml")] for p in files if p.startswith(kind))


def parse_flow(source: str, name: str = "?") -> Flow:
    """A flow from its YAML (or JSON, which is YAML) source; FlowError naming what is wrong."""
    try:
        raw = yaml.safe_load(source)
    except yaml.YAMLError as e:
        raise FlowError(name, None, f"not valid YAML ({e})", "correct the YAML syntax") from e
    return flow_from_json(raw, source=name)


def flow_set(number: int | None, files: dict[str, str]) -> FlowSet:
    """The parsed flows and texts of a version's files; FlowError or ValueError if invalid."""
    flows: dict[str, Flow] = {}
    for name in flow_names(files):
        flow = parse_flow(files[flow_path(name)], name)
        if flow.id != name:
            raise FlowError(name, None, f"the flow's id is '{flow.id}'", f"set its id to '{name}'")
        flows[flow.id] = flow
    texts = Texts.parse({p[len(TEXTS) :]: t for p, t in files.items() if p.startswith(TEXTS)})
    return FlowSet(number, flows, texts)


def diff(before: FlowVersionRecord, after: FlowVersionRecord) -> dict[str, str]:
    """A unified diff per file that differs between two versions (added and removed files
    too), by path; files that are the same are left out."""
    changed: dict[str, str] = {}
    for path in sorted(set(before.files) | set(after.files)):
        old, new = before.files.get(path), after.files.get(path)
        if old == new:
            continue
        lines = difflib.unified_diff(
            (old or "").splitlines(keepends=True),
            (new or "").splitlines(keepends=True),
            fromfile=f"v{before.number}/{path}" if old is not None else "/dev/null",
            tofile=f"v{after.number}/{path}" if new is not None else "/dev/null",
        )
        changed[path] = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    return changed


@dataclass
class _Live:
    number: int
    checked: float  # monotonic seconds


@dataclass
class FlowLibrary:
    """The flow sets of the practices a process serves: the live one, and older versions for
    the conversations still finishing a flow on them.

    storage: the assistant's database; shipped: the files of data/ (`shipped_files`).
    check_seconds: how long a process trusts the live version number it last read.
    """

    storage: Storage
    clock: Clock
    shipped: dict[str, str]
    check_seconds: float = 2.0
    monotonic: Callable[[], float] = time.monotonic
    _live: dict[str, _Live] = field(default_factory=dict)
    _sets: OrderedDict[tuple[str, int], FlowSet] = field(default_factory=OrderedDict)
    _ensured: set[str] = field(default_factory=set)

    async def live(self, practice_id: str) -> FlowSet:
        """The practice's live flow set (made from data/ the first time, see the module)."""
        number = await self.live_number(practice_id)
        found = await self.version(practice_id, number)
        if found is None:  # a published version is never deleted; a store that lost it is broken
            raise LookupError(f"practice {practice_id}: live flow version {number} is missing")
        return found

    async def live_number(self, practice_id: str) -> int:
        if practice_id not in self._ensured:
            await self.ensure(practice_id)
        known, now = self._live.get(practice_id), self.monotonic()
        if known is not None and now - known.checked < self.check_seconds:
            return known.number
        number = await self._read_live(practice_id)
        if number is None:  # ensured above; only a store emptied under a running process
            await self.ensure(practice_id)
            number = await self._read_live(practice_id)
        if number is None:
            raise LookupError(f"practice {practice_id} has no live flow version")
        self._live[practice_id] = _Live(number, now)
        return number

    async def _read_live(self, practice_id: str) -> int | None:
        async with self.storage.reading() as uow:
            return await uow.flow_versions.live(practice_id)

    def forget_live(self, practice_id: str) -> None:
        """Read the live number afresh next time (this process just published)."""
        self._live.pop(practice_id, None)

    async def version(self, practice_id: str, number: int) -> FlowSet | None:
        """A version's parsed flow set; None if the practice has no such version."""
        key = (practice_id, number)
        cached = self._sets.get(key)
        if cached is not None:
            self._sets.move_to_end(key)
            return cached
        async with self.storage.reading() as uow:
            record = await uow.flow_versions.get(practice_id, number)
        if record is None:
            return None
        parsed = flow_set(number, record.files)
        self._sets[key] = parsed
        while len(self._sets) > CACHED_SETS:
            self._sets.popitem(last=False)
        return parsed

    async def ensure(self, practice_id: str) -> None:
        """Version 1 from data/ for a practice that has none, published; and the shipped files
        of a new release as a published version when the practice runs unedited shipped flows."""
        shipped_hash = content_hash(self.shipped)
        now = self.clock.now()
        async with self.storage.unit_of_work() as uow:
            versions = uow.flow_versions
            live = await versions.live(practice_id)
            if live is not None:
                current = await versions.get(practice_id, live)
                if current is None or current.author != SHIPPED:
                    self._ensured.add(practice_id)
                    return
                if current.content_hash == shipped_hash:
                    self._ensured.add(practice_id)
                    return
            number = (await versions.latest_number(practice_id) or 0) + 1
            note = "the flows shipped in data/" if number == 1 else "the flows of a new release"
            added = await versions.add(
                FlowVersionRecord(
                    practice_id, number, SHIPPED, now, note, shipped_hash, dict(self.shipped)
                )
            )
            if added:  # another process that added it first publishes it too
                await versions.publish(PublicationRecord(practice_id, number, SHIPPED, now))
                log.info("practice=%s flow version %s shipped and published", practice_id, number)
        self._ensured.add(practice_id)
