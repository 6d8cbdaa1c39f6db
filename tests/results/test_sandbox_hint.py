"""`patient-assistant sandbox` prints how to make Maria's report final again; what it prints works."""

from __future__ import annotations

import re

import httpx
import pytest

from patient_assistant.sandbox import demo_report_id, results_hint
from tests.support.fhir import SeededServer

pytestmark = [pytest.mark.fhir]


async def test_the_printed_commands_make_marias_report_preliminary_then_final(
    fhir_sandbox: SeededServer,
) -> None:
    report_id = await demo_report_id(fhir_sandbox.base_url)
    assert report_id
    hint = results_hint(fhir_sandbox.base_url, report_id)
    url = f"{fhir_sandbox.base_url}/DiagnosticReport/{report_id}"
    patches = re.findall(r"-d '(\[.*?\])' (\S+)", hint)
    assert [target for _, target in patches] == [url, url]
    async with httpx.AsyncClient() as client:
        statuses = []
        try:
            for body, target in patches:  # as curl sends them
                answer = await client.patch(
                    target, content=body, headers={"Content-Type": "application/json-patch+json"}
                )
                assert answer.status_code == 200
                statuses.append((await client.get(target)).json()["status"])
        finally:  # leave it final, as the other tests need it
            final = '[{"op":"replace","path":"/status","value":"final"}]'
            await client.patch(
                url, content=final, headers={"Content-Type": "application/json-patch+json"}
            )
    assert statuses == ["preliminary", "final"]
    assert "+16175550134" in hint and "my consents" in hint and "jobs run-due" in hint
