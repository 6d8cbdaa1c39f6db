"""Dependencies as Annotated aliases, so route signatures read as sentences."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from patient_assistant.bootstrap import Runtime


def _runtime(request: Request) -> Runtime:
    runtime: Runtime | None = getattr(request.app.state, "runtime", None)
    if runtime is None:
        from fastapi import HTTPException

        raise HTTPException(status_code=503, detail="the assistant is still starting")
    return runtime


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
