"""Channel tests: stand-ins, and an in-process assistant with every channel (see rig.py)."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager
from typing import Any

import pytest

from tests.channels.rig import Rig, running_rig, settings_for
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn, telegram_api, twilio_api  # noqa: F401 - fixtures
from tests.support.storage import DatabaseFactory

MakeRig = Callable[..., AbstractAsyncContextManager[Rig]]


@pytest.fixture
def make_rig(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    nlu: Any,
    twilio_api: StandIn,
    telegram_api: StandIn,
) -> MakeRig:
    """`async with make_rig(backend="postgresql", **settings) as rig:` a rig on a fresh database."""

    def make(
        backend: str = "postgresql", fhir_base_url: str | None = None, **overrides: Any
    ) -> AbstractAsyncContextManager[Rig]:
        async def start() -> AsyncIterator[Rig]:
            url = await database_url(backend)
            settings = settings_for(url, twilio_api, telegram_api, **overrides)
            fhir = fhir_base_url or fhir_sandbox.base_url
            async with running_rig(settings, fhir, nlu, twilio_api, telegram_api) as rig:
                yield rig

        from contextlib import asynccontextmanager

        return asynccontextmanager(start)()

    return make


@pytest.fixture
async def rig(make_rig: MakeRig) -> AsyncIterator[Rig]:
    async with make_rig() as running:
        yield running


@pytest.fixture
def hanging_url() -> Iterator[str]:
    """A loopback server that accepts connections and never answers (a hung FHIR server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/fhir"


@pytest.fixture
async def redis_prefix() -> AsyncIterator[str]:
    """A Redis key prefix of this test's own; its keys are deleted afterwards."""
    import uuid

    from redis.asyncio import Redis

    prefix = f"pa-test-{uuid.uuid4().hex[:10]}:"
    yield prefix
    redis = Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        keys = [key async for key in redis.scan_iter(match=prefix + "*", count=500)]
        if keys:
            await redis.delete(*keys)
    finally:
        await redis.aclose()
