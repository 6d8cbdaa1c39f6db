"""Dependencies as Annotated aliases, so route signatures read as sentences."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from patient_assistant.bootstrap import Runtime
from patient_assistant.deployment import Deployment


async def _runtime(request: Request) -> Runtime:
    # `async def`, though it awaits nothing: FastAPI runs a plain `def` dependency in a worker
    # thread, and that hop on every request cost the webhooks more than all their own work.
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        raise HTTPException(status_code=503, detail="the assistant is still starting")
    return runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]


async def _deployment(request: Request) -> Deployment:
    deployment: Deployment | None = getattr(request.app.state, "deployment", None)
    if deployment is not None:
        return deployment
    # An app given only its runtime (built outside the lifespan) is that one practice's.
    return Deployment.single(await _runtime(request))


#: Every practice's runtime, and which practice owns a receiving address.
DeploymentDep = Annotated[Deployment, Depends(_deployment)]
