"""Waitlist tests run the whole assistant (tests/channels/rig.py) on a FHIR sandbox of their
own: they fill Dr Patel's week and cancel Maria's seeded check-up, which the shared
sandbox's other tests rely on."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from patient_assistant.sandbox import Sandbox
from tests.channels.conftest import make_rig  # noqa: F401 - fixtures
from tests.support.fhir import TEST_NOW, SeededServer
from tests.support.standins import telegram_api, twilio_api  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
async def own_sandbox(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[SeededServer]:
    async with Sandbox(tmp_path_factory.mktemp("waitlist-sandbox"), now=TEST_NOW) as sandbox:
        yield SeededServer(sandbox.base_url, sandbox.report)
