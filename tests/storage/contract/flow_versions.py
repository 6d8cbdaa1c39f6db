"""Flow versions: numbered per practice, immutable, one winner of two adds of the same
number, files kept exactly; the live version is the latest publication's, history kept."""

from __future__ import annotations

import asyncio

from bot.ports import FlowVersionRecord, PublicationRecord, Storage
from tests.storage.builders import NOW, minutes, uid


def version(practice_id: str, number: int, **files: str) -> FlowVersionRecord:
    return FlowVersionRecord(
        practice_id=practice_id,
        number=number,
        author="staff-1",
        created_at=NOW + minutes(number),
        note=f"version {number}",
        content_hash=f"{number:064d}",
        files=files or {"flows/a.yaml": f"id: a  # {number}\n"},
    )


class FlowVersionsContract:
    async def test_a_version_is_kept_exactly_and_listed_without_its_files(
        self, storage: Storage
    ) -> None:
        practice = uid("p-")
        text = 'id: book\nsteps:\n  - say: {en: "Café: ✓ \\"quoted\\""}\n'
        async with storage.unit_of_work() as uow:
            assert await uow.flow_versions.latest_number(practice) is None
            assert await uow.flow_versions.add(version(practice, 1, **{"flows/book.yaml": text}))
            assert await uow.flow_versions.add(version(practice, 2))
        async with storage.reading() as uow:
            got = await uow.flow_versions.get(practice, 1)
            assert got == version(practice, 1, **{"flows/book.yaml": text})
            assert await uow.flow_versions.latest_number(practice) == 2
            history = await uow.flow_versions.history(practice)
            assert [(v.number, v.note, v.files) for v in history] == [
                (1, "version 1", {}),
                (2, "version 2", {}),
            ]
            assert await uow.flow_versions.get(practice, 3) is None

    async def test_practices_do_not_see_each_others_versions(self, storage: Storage) -> None:
        mine, theirs = uid("p-"), uid("p-")
        async with storage.unit_of_work() as uow:
            await uow.flow_versions.add(version(mine, 1))
            await uow.flow_versions.publish(PublicationRecord(mine, 1, "staff-1", NOW))
        async with storage.reading() as uow:
            assert await uow.flow_versions.get(theirs, 1) is None
            assert await uow.flow_versions.history(theirs) == []
            assert await uow.flow_versions.live(theirs) is None
            assert await uow.flow_versions.latest_number(theirs) is None

    async def test_a_number_is_taken_once_and_the_first_version_stays(
        self, storage: Storage
    ) -> None:
        practice = uid("p-")
        first = version(practice, 1, **{"flows/a.yaml": "first"})

        async def add(v: FlowVersionRecord) -> bool:
            async with storage.unit_of_work() as uow:
                return await uow.flow_versions.add(v)

        won = await asyncio.gather(add(first), add(version(practice, 1, **{"flows/a.yaml": "x"})))
        assert sorted(won) == [False, True]
        async with storage.reading() as uow:
            kept = await uow.flow_versions.get(practice, 1)
        assert kept is not None and kept.files["flows/a.yaml"] in ("first", "x")
        async with storage.unit_of_work() as uow:
            assert not await uow.flow_versions.add(first)  # never replaced afterwards
            assert await uow.flow_versions.get(practice, 1) == kept

    async def test_the_latest_publication_is_live_and_every_one_is_kept(
        self, storage: Storage
    ) -> None:
        practice = uid("p-")
        async with storage.unit_of_work() as uow:
            for n in (1, 2):
                await uow.flow_versions.add(version(practice, n))
            assert await uow.flow_versions.live(practice) is None
            await uow.flow_versions.publish(PublicationRecord(practice, 1, "shipped", NOW))
            await uow.flow_versions.publish(
                PublicationRecord(practice, 2, "staff-1", NOW + minutes(5))
            )
        async with storage.reading() as uow:
            assert await uow.flow_versions.live(practice) == 2
        async with storage.unit_of_work() as uow:
            await uow.flow_versions.publish(
                PublicationRecord(practice, 1, "staff-1", NOW + minutes(9), kind="rollback")
            )
        async with storage.reading() as uow:
            assert await uow.flow_versions.live(practice) == 1
            kept = await uow.flow_versions.publications(practice)
        assert [(p.number, p.by, p.kind, p.at) for p in kept] == [
            (1, "shipped", "publish", NOW),
            (2, "staff-1", "publish", NOW + minutes(5)),
            (1, "staff-1", "rollback", NOW + minutes(9)),
        ]
        assert all(p.id is not None for p in kept)

    async def test_a_rolled_back_transaction_adds_nothing(self, storage: Storage) -> None:
        practice = uid("p-")
        try:
            async with storage.unit_of_work() as uow:
                await uow.flow_versions.add(version(practice, 1))
                await uow.flow_versions.publish(PublicationRecord(practice, 1, "s", NOW))
                raise RuntimeError("the publish failed half way")
        except RuntimeError:
            pass
        async with storage.reading() as uow:
            assert await uow.flow_versions.latest_number(practice) is None
            assert await uow.flow_versions.live(practice) is None
