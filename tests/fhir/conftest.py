"""The adapter's tests here run on both FHIR servers: the sekmet sandbox and Medplum's router
(tests/support/medplum.py), through `fhir_server`, which `fhir_adapters` here connects to."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.fhir import FhirAdapters, connect
from adapters.fhir.codes import DEMO_ORGANIZATION
from tests.support.fhir import SeededServer


@pytest.fixture
async def fhir_adapters(fhir_server: SeededServer) -> AsyncIterator[FhirAdapters]:
    adapters = connect(fhir_server.base_url, organization=DEMO_ORGANIZATION)
    yield adapters
    await adapters.aclose()
