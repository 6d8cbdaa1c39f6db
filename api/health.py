"""Liveness, readiness and metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse

from api.deps import RuntimeDep
from domain.errors import DomainError

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(runtime: RuntimeDep) -> Response:
    """The database and the FHIR server answer."""
    checks: dict[str, str] = {}
    try:
        async with runtime.storage.transaction() as tx:
            await tx.get_conversation("readiness-probe")
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


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(request: Request, runtime: RuntimeDep) -> str:
    """Prometheus text format: this process's counters (no PHI, no labels with patient data)."""
    counters: dict[str, int] = {**request.app.state.counters, **runtime.assistant.metrics}
    lines = []
    for name, value in sorted(counters.items()):
        lines += [f"# TYPE {name} counter", f"{name} {value}"]
    return "\n".join(lines) + "\n"
