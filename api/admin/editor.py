"""The flow editor at `/admin/`: one HTML page, one JS module and one stylesheet, served as
files (no build step, nothing from a CDN). The page talks only to the admin API beside it
(`/admin/api/`) and signs in through the staff API's token route.

Served the way the staff console is (api/staff/console.py): a Content-Security-Policy that
allows scripts, styles and connections from this origin only and no inline script or style
(the diagram is SVG built with DOM calls, so it needs none either), and never cached.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse
from pydantic import BaseModel, Field

from api.admin.deps import CurrentAdmin
from api.admin.flows import AUTH, MAX_SOURCE
from api.staff.console import HEADERS

router = APIRouter(tags=["flow editor"], include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static" / "admin"

#: The editor's files by the name they are served under, with their media types.
ASSETS = {
    "editor.js": "text/javascript; charset=utf-8",
    "editor.css": "text/css; charset=utf-8",
}


@router.get("/admin")
async def bare() -> RedirectResponse:
    # Relative URLs in the page (editor.js, editor.css) resolve against /admin/.
    return RedirectResponse("/admin/")


@router.get("/admin/")
async def page() -> FileResponse:
    return FileResponse(
        STATIC / "editor.html", media_type="text/html; charset=utf-8", headers=HEADERS
    )


@router.get("/admin/{name}")
async def asset(name: str) -> FileResponse:
    if name not in ASSETS:  # only these names: nothing else on disk is reachable
        raise HTTPException(status_code=404, detail="not found")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=HEADERS)


# --- the diagram's outline ------------------------------------------------------------------

api = APIRouter(prefix="/admin/api", tags=["admin: flows"])


class OutlineInput(BaseModel):
    source: str = Field(max_length=MAX_SOURCE)


class Outline(BaseModel):
    flow: dict[str, Any] | None = Field(description="the YAML as JSON, or null if it does not read")
    error: str | None = None


@api.post(
    "/flows/outline",
    summary="A flow's YAML read as JSON, for the editor's diagram (not validated)",
    responses=AUTH,
)
async def outline(body: OutlineInput, admin: CurrentAdmin) -> Outline:
    """The structure as written, even when the flow does not validate: the diagram shows
    what the admin typed, and the validation messages say what is wrong with it. YAML is read
    here, not in the page, so the page needs no YAML library."""
    try:
        raw = yaml.safe_load(body.source)
    except yaml.YAMLError as e:
        return Outline(flow=None, error=f"not valid YAML: {e}")
    if not isinstance(raw, dict):
        return Outline(flow=None, error="a flow is a mapping (id, triggers, steps)")
    # JSON-safe: YAML dates and the like become strings.
    return Outline(flow=json.loads(json.dumps(raw, default=str)))
