"""/webhooks/fhir/results: the FHIR server's rest-hook for the results Subscription.

The Subscription (adapters/fhir/results.py) carries a secret in the header
X-Results-Subscription-Secret; it must equal RESULTS_SUBSCRIPTION_SECRET, compared in
constant time, or the call gets 403 and nothing is done. The notification names the report
(a PUT to .../DiagnosticReport/{id}, or the report or a Bundle of them in the body); the
report is read again from the server by id, so a forged payload can change nothing, and
one without any report (a ping) runs the polling job instead. Each report is notified once
(bot/results_outreach.py), however often the server retries.

With several practices, each practice's FHIR server calls /webhooks/fhir/{practice_id}/results
(registered so by `serve`), and the report is read from that practice's server; the route
without a practice is the first practice's (the only one of a single-practice deployment).
"""

from __future__ import annotations

import json
import logging
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from adapters.fhir.results import SECRET_HEADER
from api.deps import DeploymentDep
from bot import metrics

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhooks"])
PATH = "/webhooks/fhir/results"
#: The same, for one practice of several: the FHIR server of `practice_id` calls it.
PRACTICE_PATH = "/webhooks/fhir/{practice_id}/results"


def report_ids(body: Any) -> list[str]:
    """DiagnosticReport ids in a notification body: one resource, or a Bundle of them."""
    if not isinstance(body, dict):
        return []
    resources = (
        [e.get("resource") for e in body.get("entry") or [] if isinstance(e, dict)]
        if body.get("resourceType") == "Bundle"
        else [body]
    )
    return [
        str(r["id"])
        for r in resources
        if isinstance(r, dict) and r.get("resourceType") == "DiagnosticReport" and r.get("id")
    ]


async def results_notification(
    request: Request,
    deployment: DeploymentDep,
    practice_id: str | None = None,
    resource_type: str | None = None,
    resource_id: str | None = None,
) -> JSONResponse:
    """A report the results Subscription of a practice matched (final, amended, ...)."""
    runtime = deployment.by_id(practice_id) if practice_id else deployment.default
    if runtime is None:
        raise HTTPException(status_code=404, detail="no such practice")
    expected = runtime.settings.results_subscription_secret or ""
    given = request.headers.get(SECRET_HEADER, "")
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        metrics.WEBHOOK_REJECTED.inc()
        log.warning("results subscription call refused: bad or missing secret")
        raise HTTPException(status_code=403, detail="invalid subscription secret")
    outreach = runtime.results_outreach
    if outreach is None:
        raise HTTPException(status_code=503, detail="results notifications are not running")
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else None
    except ValueError as e:
        raise HTTPException(status_code=400, detail="not a FHIR resource") from e
    ids = report_ids(body)
    if resource_type == "DiagnosticReport" and resource_id and resource_id not in ids:
        ids.append(resource_id)
    if ids:
        outcomes = [await outreach.notify(report_id) for report_id in ids]
        told = outcomes.count("notified")
    else:
        outcomes, told = ["polled"], await outreach.poll()
    if told and runtime.channels is not None and runtime.channels.loop is not None:
        runtime.channels.loop.wake()  # the in-process sender; Celery's beat sends otherwise
    log.info("results subscription call: reports=%s outcomes=%s", ids, outcomes)
    return JSONResponse({"notified": told})


#: What the FHIR server may be answered, besides 200.
ANSWERS: dict[int | str, dict[str, Any]] = {
    400: {"description": "the body is not JSON"},
    403: {"description": "the subscription secret is missing or wrong"},
    404: {"description": "no such practice in this deployment"},
    503: {"description": "results notifications are not running"},
}
#: The notification: a DiagnosticReport, a Bundle of them, or nothing (a ping).
BODY = {
    "requestBody": {
        "required": False,
        "content": {"application/fhir+json": {"schema": {"type": "object"}}},
    }
}

# One route per path and method, each with its own operation id (a route of two methods
# gave both the same id, and the OpenAPI document could not be built in strict mode).
for _path in (
    PATH,
    PATH + "/{resource_type}/{resource_id}",
    PRACTICE_PATH,
    PRACTICE_PATH + "/{resource_type}/{resource_id}",
):
    for _method in ("POST", "PUT"):
        _slug = (
            _path.removeprefix("/webhooks/fhir/")
            .replace("/", "_")
            .replace("{", "")
            .replace("}", "")
        )
        router.add_api_route(
            _path,
            results_notification,
            methods=[_method],
            operation_id=f"fhir_results_{_slug}_{_method.lower()}",
            responses=ANSWERS,
            openapi_extra=BODY,
        )
