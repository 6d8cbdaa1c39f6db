"""Liveness, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from api.deps import RuntimeDep
from bot.metrics import exposition
from domain.errors import DomainError

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get(
    "/readyz", responses={503: {"description": "the database or the FHIR server does not answer"}}
)
async def readyz(runtime: RuntimeDep) -> Response:
    """The database and the FHIR server answer."""
    checks: dict[str, str] = {}
    try:
        async with runtime.storage.unit_of_work() as uow:
            await uow.conversations.get("readiness-probe")
        checks["database"] = "ok"
    except Exception as e:  # noqa: BLE001 - any failure means not ready; the kind is reported
        checks["database"] = f"error: {type(e).__name__}"
    try:
        await runtime.fhir.practice.practice()
        checks["fhir"] = "ok"
    except DomainError as e:
        checks["fhir"] = f"error: {type(e).__name__}"
    ready = all(v == "ok" for v in checks.values())
    return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {"text/plain": {}}}})
async def metrics() -> Response:
    """Prometheus text format: the counters of bot/metrics.py (no PHI, no labels with patient
    data), of the API and the Celery workers of this host when PROMETHEUS_MULTIPROC_DIR is set."""
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
