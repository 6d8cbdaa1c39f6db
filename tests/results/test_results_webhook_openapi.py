"""The results webhook in the OpenAPI document: a route of two methods once gave both the
same operation id, and with warnings as errors `/openapi.json` answered 500."""

from __future__ import annotations

import httpx

from api.app import create_app
from patient_assistant.bootstrap import Runtime
from patient_assistant.settings import Settings


async def test_the_document_builds_with_one_operation_id_per_path_and_method() -> None:
    settings = Settings(_env_file=None, environment="test", secret_key="k" * 40)  # type: ignore[call-arg]

    async def never() -> Runtime:
        raise AssertionError("the document needs no runtime")

    app = create_app(settings, never)  # no lifespan: the document alone
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        answer = await c.get("/openapi.json")
    assert answer.status_code == 200
    paths = answer.json()["paths"]
    ids = [op["operationId"] for ops in paths.values() for op in ops.values()]
    assert len(ids) == len(set(ids))
    results = {
        (path, method)
        for path, ops in paths.items()
        for method in ops
        if path.startswith("/webhooks/fhir/")
    }
    assert len(results) == 8  # four paths, POST and PUT each
    for path, method in results:
        answers = paths[path][method]["responses"]
        assert {"403", "404"} <= set(answers)
