"""The API in process (ASGI) on the FHIR sandbox, SQLite and the real NLU, with the sandbox
pay page or Stripe (the loopback stand-in of its API) as the payment provider."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from domain.clock import FixedClock
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.settings import Settings
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.stripe_api import stripe_api  # noqa: F401 - fixture

PUBLIC = "https://clinic.example.org"
SECRET = "test-secret-key-0123456789"


@dataclass
class PayRig:
    runtime: Runtime
    client: httpx.AsyncClient
    clock: FixedClock

    async def say(self, text: str, phone: str = "+16175550134") -> list[str]:
        answer = await self.client.post("/chat/api/messages", json={"phone": phone, "text": text})
        assert answer.status_code == 200, answer.text
        # Each reply's text, then its numbered choices as SMS shows them.
        return [
            "\n".join([r["text"], *(f"{i}. {c}" for i, c in enumerate(r["choices"], 1))])
            for r in answer.json()["replies"]
        ]


MakeRig = Callable[..., Any]


@pytest.fixture
def make_pay_rig(fhir_sandbox: SeededServer, nlu: Any, tmp_path: Path) -> MakeRig:
    @asynccontextmanager
    async def make(fhir_base_url: str | None = None, **overrides: Any) -> AsyncIterator[PayRig]:
        values: dict[str, Any] = {
            "environment": "test",
            "database_url": f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
            "public_base_url": PUBLIC,
            "secret_key": SECRET,
        }
        settings = Settings(_env_file=None, **(values | overrides))  # type: ignore[call-arg]
        clock = FixedClock(TEST_NOW)
        runtime = await build(
            settings, fhir_base_url=fhir_base_url or fhir_sandbox.base_url, clock=clock, nlu=nlu
        )

        async def factory() -> Runtime:
            return runtime

        app = create_app(settings, factory)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url=PUBLIC) as client:
                yield PayRig(runtime, client, clock)

    return make
