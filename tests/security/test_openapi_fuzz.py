"""Hostile input over the whole OpenAPI (the reduced size of bench/hostile_input.py): every
operation, with no credentials and with practice A's staff and admin tokens, some cases aimed
at practice B's conversations and flow versions. No answer is a 5xx, every answer is what the
schema declares, none shows A anything of B's, and B's data is as it was."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.practices.test_two_practices_serve import thameside_fhir  # noqa: F401 - fixture
from tests.security.fuzz import fuzz, report_lines
from tests.security.rig import TwoPractices, two_practices
from tests.support.fhir import SeededServer
from tests.support.storage import DatabaseFactory

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.fhir, pytest.mark.slow]

#: About 45 operations x 3 identities x (valid, invalid): a couple of hundred cases.
CASES_PER_OPERATION = 2
REDIS = "redis://127.0.0.1:6379/0"


@pytest.fixture
async def rig(
    database_url: DatabaseFactory,
    fhir_sandbox: SeededServer,
    thameside_fhir: str,
    nlu: Any,
) -> AsyncIterator[TwoPractices]:
    db = await database_url("postgresql")
    prefix = f"pa-test-fuzz-{uuid.uuid4().hex[:8]}:"
    async with two_practices(db, REDIS, prefix, fhir_sandbox.base_url, thameside_fhir, nlu) as made:
        yield made


async def test_no_operation_fails_conforms_badly_or_crosses_practices(rig: TwoPractices) -> None:
    before = await rig.snapshot_b()
    tally = await asyncio.to_thread(fuzz, rig, CASES_PER_OPERATION, seed=15, heavy=False)
    assert tally.total >= 150, tally.cases
    assert not tally.findings, "\n".join(report_lines(tally))
    assert await rig.snapshot_b() == before
