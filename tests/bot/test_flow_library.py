"""The flow library (bot/flow_versions.py) on the in-memory store: version 1 from data/,
shipped updates only for practices that run unedited shipped flows, the live version
picked up after the check interval, and diffs."""

from __future__ import annotations

import dataclasses

from bot.flow_versions import SHIPPED, FlowLibrary, content_hash, diff, shipped_files
from bot.ports import FlowVersionRecord, PublicationRecord
from domain.clock import FixedClock
from patient_assistant.bootstrap import DATA
from tests.storage.builders import NOW
from tests.storage.memory import MemoryStorage

SHIPPED_FILES = shipped_files(DATA)
DONE = "You're booked: {service} with {practitioner}"


class Ticks:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def library(
    storage: MemoryStorage, files: dict[str, str] = SHIPPED_FILES, **kw: object
) -> FlowLibrary:
    return FlowLibrary(storage, FixedClock(NOW, ticking=False), dict(files), **kw)  # type: ignore[arg-type]


def edited(files: dict[str, str], wording: str) -> dict[str, str]:
    path = "flows/book_appointment.yaml"
    return {**files, path: files[path].replace(DONE, wording)}


async def add_and_publish(
    storage: MemoryStorage, number: int, files: dict[str, str], author: str = "ann"
) -> None:
    async with storage.unit_of_work() as uow:
        await uow.flow_versions.add(
            FlowVersionRecord("riverside", number, author, NOW, "", content_hash(files), files)
        )
        await uow.flow_versions.publish(PublicationRecord("riverside", number, author, NOW))


def confirmation(flow_set: object) -> str:
    done = flow_set.flows["book_appointment"].step("done")  # type: ignore[attr-defined]
    return str(done.text["en"])


async def test_the_shipped_files_are_version_1_of_every_practice_added_once() -> None:
    storage = MemoryStorage()
    first = await library(storage).live("riverside")
    again = await library(storage).live("riverside")  # another process, later
    assert first.version == again.version == 1
    assert DONE in confirmation(first)
    assert "rephrase" in first.texts.entries
    async with storage.reading() as uow:
        [v1] = await uow.flow_versions.history("riverside")
        [published] = await uow.flow_versions.publications("riverside")
        kept = await uow.flow_versions.get("riverside", 1)
    assert (v1.author, v1.content_hash) == (SHIPPED, content_hash(SHIPPED_FILES))
    assert kept is not None and kept.files == SHIPPED_FILES
    assert (published.number, published.by) == (1, SHIPPED)
    assert (await library(storage).live("thames-physio")).version == 1  # each practice its own


async def test_a_release_updates_unedited_practices_and_leaves_edited_ones_alone() -> None:
    storage = MemoryStorage()
    await library(storage).live("riverside")
    release = edited(SHIPPED_FILES, "Booked by the new release: {service}")
    updated = await library(storage, release).live("riverside")
    assert updated.version == 2 and "new release" in confirmation(updated)

    await add_and_publish(storage, 3, edited(SHIPPED_FILES, "Our own words: {service}"))
    kept = await library(storage, edited(SHIPPED_FILES, "Yet another release")).live("riverside")
    assert kept.version == 3 and "Our own words" in confirmation(kept)
    async with storage.reading() as uow:
        assert await uow.flow_versions.latest_number("riverside") == 3


async def test_a_publish_elsewhere_is_picked_up_once_the_check_interval_has_passed() -> None:
    storage, ticks = MemoryStorage(), Ticks()
    worker = library(storage, check_seconds=2.0, monotonic=ticks)
    assert (await worker.live("riverside")).version == 1
    await add_and_publish(storage, 2, edited(SHIPPED_FILES, "All set! {service}"))
    ticks.now = 1.9
    assert (await worker.live("riverside")).version == 1  # trusted for check_seconds
    ticks.now = 2.0
    picked = await worker.live("riverside")
    assert picked.version == 2 and "All set!" in confirmation(picked)
    # The older version stays loadable for the conversations finishing on it.
    older = await worker.version("riverside", 1)
    assert older is not None and DONE in confirmation(older)
    assert await worker.version("riverside", 9) is None
    # The process that published reads it at once.
    await add_and_publish(storage, 3, edited(SHIPPED_FILES, "Third: {service}"))
    worker.forget_live("riverside")
    assert (await worker.live("riverside")).version == 3


def test_a_diff_names_each_changed_added_and_removed_file_only() -> None:
    before = FlowVersionRecord(
        "p",
        1,
        SHIPPED,
        NOW,
        "",
        "h1",
        {"flows/a.yaml": "x: 1\n", "texts/t.yaml": "k: {en: a}\n", "flows/gone.yaml": "g\n"},
    )
    after = dataclasses.replace(
        before,
        number=2,
        files={"flows/a.yaml": "x: 2\n", "texts/t.yaml": "k: {en: a}\n", "flows/new.yaml": "n\n"},
    )
    changed = diff(before, after)
    assert sorted(changed) == ["flows/a.yaml", "flows/gone.yaml", "flows/new.yaml"]
    assert changed["flows/a.yaml"].splitlines() == [
        "--- v1/flows/a.yaml",
        "+++ v2/flows/a.yaml",
        "@@ -1 +1 @@",
        "-x: 1",
        "+x: 2",
    ]
    assert changed["flows/new.yaml"].startswith("--- /dev/null\n+++ v2/flows/new.yaml")
    assert changed["flows/gone.yaml"].startswith("--- v1/flows/gone.yaml\n+++ /dev/null")
