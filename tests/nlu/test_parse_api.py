"""POST /nlu/parse over HTTP (the real app, runtime and model): a `lang` the practice does
not answer in is the caller's mistake, a 422, never a 500 (dateparser refuses codes it does
not know: schemathesis found it with a `lang` of mathematical letters)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from patient_assistant.bootstrap import Runtime, build
from patient_assistant.settings import Settings
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir]


@pytest.fixture
async def client(
    tmp_path: Path, fhir_sandbox: SeededServer, nlu: Any
) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        environment="test",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'assistant.db'}",
        secret_key="nlu-parse-api-secret-0123456789",
        practice_languages="en,es",
    )
    runtime = await build(settings, fhir_base_url=fhir_sandbox.base_url, nlu=nlu)

    async def factory() -> Runtime:
        return runtime

    app = create_app(settings, factory)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as made:
            yield made


@pytest.mark.parametrize("lang", ["𝕋𝕙𝕖", "xx", "EN", ""])
async def test_a_language_the_practice_does_not_answer_in_is_a_422(
    client: httpx.AsyncClient, lang: str
) -> None:
    answer = await client.post("/nlu/parse", json={"text": "tomorrow at 3pm", "lang": lang})
    assert answer.status_code == 422
    assert "en, es" in answer.json()["detail"]


async def test_the_practices_languages_are_parsed(client: httpx.AsyncClient) -> None:
    for lang, text in (("en", "book me tomorrow at 3pm"), ("es", "mañana a las 3")):
        answer = await client.post("/nlu/parse", json={"text": text, "lang": lang})
        assert answer.status_code == 200, answer.text
        assert "intent" in answer.json()
