"""SlotHolds: short holds on offered slots, on the fake and on the SQL holds (SQLite and
PostgreSQL). What only SQL storage has (holds per practice, holds of a stored conversation)
is in the storage contract (tests/storage/contract/holds.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

import pytest

from adapters.sql import SqlStorage
from domain.ports import SlotHolds
from tests import fakes
from tests.storage.contract.holds import conversations
from tests.support.storage import BACKENDS, DatabaseFactory

NOW = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)


def minutes(n: int) -> dt.timedelta:
    return dt.timedelta(minutes=n)


class HoldsSide(Protocol):
    holds: SlotHolds

    async def conversation(self) -> str:
        """A conversation that may hold slots."""
        ...


@dataclass
class FakeHoldsSide:
    holds: SlotHolds = field(default_factory=fakes.FakeHolds)

    async def conversation(self) -> str:
        return f"conv-{uuid.uuid4().hex}"


@dataclass
class SqlHoldsSide:
    storage: SqlStorage

    def __post_init__(self) -> None:
        self.holds: SlotHolds = self.storage.slot_holds()

    async def conversation(self) -> str:
        [conversation] = await conversations(self.storage, 1)
        return conversation


@pytest.fixture(params=[pytest.param("fake", id="fake"), *BACKENDS])
async def holds_side(
    request: pytest.FixtureRequest, database_url: DatabaseFactory
) -> AsyncIterator[HoldsSide]:
    if request.param == "fake":
        yield FakeHoldsSide()
        return
    storage = SqlStorage(await database_url(request.param))
    try:
        yield SqlHoldsSide(storage)
    finally:
        await storage.close()


class TestSlotHoldsContract:
    async def test_a_slot_held_by_one_conversation_is_refused_to_another(
        self, holds_side: HoldsSide
    ) -> None:
        a, b = await holds_side.conversation(), await holds_side.conversation()
        holds = holds_side.holds
        assert await holds.hold(a, ["S3", "S1", "S1"], NOW + minutes(10), NOW) == ["S3", "S1"]
        assert await holds.hold(b, ["S1", "S2", "S3"], NOW + minutes(10), NOW) == ["S2"]
        assert await holds.held_by_others(b, NOW) == {"S1", "S3"}
        assert await holds.held_by_others(a, NOW) == {"S2"}
        assert await holds.hold(a, [], NOW + minutes(10), NOW) == []

    async def test_the_holder_may_hold_again_and_extend(self, holds_side: HoldsSide) -> None:
        a, b = await holds_side.conversation(), await holds_side.conversation()
        holds = holds_side.holds
        await holds.hold(a, ["S1"], NOW + minutes(10), NOW)
        assert await holds.hold(a, ["S1"], NOW + minutes(30), NOW + minutes(5)) == ["S1"]
        assert await holds.hold(b, ["S1"], NOW + minutes(40), NOW + minutes(20)) == []

    async def test_a_hold_expires_and_another_may_take_the_slot(
        self, holds_side: HoldsSide
    ) -> None:
        a, b = await holds_side.conversation(), await holds_side.conversation()
        holds = holds_side.holds
        await holds.hold(a, ["S1"], NOW + minutes(10), NOW)
        assert await holds.held_by_others(b, NOW + minutes(9)) == {"S1"}
        expired = NOW + minutes(10)
        assert await holds.held_by_others(b, expired) == set()
        assert await holds.hold(b, ["S1"], expired + minutes(10), expired) == ["S1"]
        assert await holds.held_by_others(a, expired) == {"S1"}

    async def test_release_frees_every_slot_of_the_conversation_only(
        self, holds_side: HoldsSide
    ) -> None:
        a, b, c = [await holds_side.conversation() for _ in range(3)]
        holds = holds_side.holds
        await holds.hold(a, ["S1", "S2"], NOW + minutes(10), NOW)
        await holds.hold(b, ["S3"], NOW + minutes(10), NOW)
        await holds.release(a)
        await holds.release(a)  # releasing again is harmless
        assert await holds.held_by_others(c, NOW) == {"S3"}
        assert await holds.hold(c, ["S1", "S2", "S3"], NOW + minutes(10), NOW) == ["S1", "S2"]
