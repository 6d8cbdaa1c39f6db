"""Two practices in the production shape: `serve` with REDIS_URL, a Celery worker that builds
each practice's runtime from the practice directory, PostgreSQL, each practice on its own
sandbox FHIR server, Twilio and Telegram as loopback stand-ins, webhooks signed.

The same conversation as tests/practices/test_two_practices_serve.py, but every turn is
processed and sent by the worker: each task carries the practice whose address received the
message, so the shared phone is Maria Lopez at Riverside and Lucy Lopez at Thameside, each
practice answers from its own number and its own record system, and Thameside's Telegram bot
answers Thameside's chat.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from patient_assistant.practices import read_practice_file, save_practices
from patient_assistant.settings import Settings
from tests.channels.processes import Processes, isolated_env
from tests.practices.test_two_practices_serve import (  # noqa: F401 - fixtures
    SECRET_KEY,
    Phone,
    practices_yaml,
    serve_env,
    served,
    thameside_fhir,
    two_practices_answer,
)
from tests.support.fhir import SeededServer
from tests.support.standins import StandIn, telegram_api, twilio_api  # noqa: F401 - fixtures
from tests.support.storage import DatabaseFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.fhir,
    pytest.mark.slow,
    pytest.mark.nlu_model,
]


async def test_a_celery_worker_answers_each_practice_from_its_own_record(
    fhir_sandbox: SeededServer,
    thameside_fhir: str,
    database_url: DatabaseFactory,
    twilio_api: StandIn,
    telegram_api: StandIn,
    served: Callable[[dict[str, str]], tuple[str, Processes]],
    tmp_path: Path,
) -> None:
    db = await database_url("postgresql")
    file = tmp_path / "practices.yaml"
    file.write_text(practices_yaml(fhir_sandbox.base_url, thameside_fhir), encoding="utf-8")
    settings = Settings(_env_file=None, database_url=db, secret_key=SECRET_KEY)  # type: ignore[call-arg]
    await save_practices(settings, read_practice_file(file))
    redis = {
        k: v
        for k, v in isolated_env().items()
        if k in ("REDIS_URL", "REDIS_KEY_PREFIX", "CELERY_QUEUE")
    }
    api, running = served(serve_env(db, twilio_api, telegram_api, **redis))
    running.worker("w1")  # no FHIR_BASE_URL: it reads the practices from the database
    async with httpx.AsyncClient(timeout=60) as client:
        await two_practices_answer(api, running, Phone(api, twilio_api, client), telegram_api)
    worker_log = running.log("worker-w1")
    # The turns were the worker's (the API only recorded them and handed them over).
    assert "process_conversation" in worker_log
