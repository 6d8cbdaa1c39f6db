"""The API in process (ASGI) with the real runtime (FHIR sandbox, real NLU) on a fresh
SQLite or PostgreSQL database, a clock the tests move, and helpers to sign staff in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from api.app import create_app
from bot.ports import AuditRecord, StaffAccount
from domain.clock import FixedClock
from patient_assistant.bootstrap import Runtime, build, staff_accounts
from patient_assistant.settings import Settings
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.storage import DatabaseFactory

PUBLIC = "https://clinic.example.org"
SECRET = "staff-test-secret-0123456789"
PASSWORD = "front desk keeps the coffee warm"


@dataclass
class StaffRig:
    runtime: Runtime
    client: httpx.AsyncClient
    clock: FixedClock
    settings: Settings

    async def add(
        self, email: str, practice: str = "riverside", role: str = "staff", password: str = PASSWORD
    ) -> StaffAccount:
        accounts = staff_accounts(self.runtime.storage, self.clock)
        return await accounts.add(email, practice, role, password, actor="test")

    async def login(self, email: str, password: str = PASSWORD) -> httpx.Response:
        return await self.client.post(
            "/staff/api/token", data={"username": email, "password": password}
        )

    async def token(self, email: str, password: str = PASSWORD) -> str:
        answer = await self.login(email, password)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    async def me(self, token: str) -> httpx.Response:
        return await self.client.get("/staff/api/me", headers=bearer(token))

    async def audit(self, practice: str = "riverside") -> list[AuditRecord]:
        async with self.runtime.storage.reading() as uow:
            return await uow.audit.trail(practice)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


MakeRig = Callable[..., Any]


@pytest.fixture
def make_staff_rig(
    storage_backend: str, database_url: DatabaseFactory, fhir_sandbox: SeededServer, nlu: Any
) -> MakeRig:
    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[StaffRig]:
        values: dict[str, Any] = {
            "environment": "test",
            "database_url": await database_url(storage_backend),
            "public_base_url": PUBLIC,
            "secret_key": SECRET,
        }
        settings = Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]
        # Not ticking: only the tests move time, so idle and expiry are exact.
        clock = FixedClock(TEST_NOW, ticking=False)
        runtime = await build(settings, fhir_base_url=fhir_sandbox.base_url, clock=clock, nlu=nlu)

        async def factory() -> Runtime:
            return runtime

        app = create_app(settings, factory)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as client:
                yield StaffRig(runtime, client, clock, settings)

    return make


@pytest.fixture
async def rig(make_staff_rig: MakeRig) -> AsyncIterator[StaffRig]:
    async with make_staff_rig() as made:
        yield made
