"""The flow editor at `/admin/`: one HTML page, one JS module and one stylesheet, served as
files (no build step, nothing from a CDN). The page talks only to the admin API beside it
(`/admin/api/`) and signs in through the staff API's token route.

Served the way the staff console is (api/static_pages.py): a Content-Security-Policy that
allows scripts, styles and connections from this origin only and no inline script or style
(the diagram is SVG built with DOM calls, so it needs none either), and never cached.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.admin.deps import CurrentAdmin
from api.admin.flows import AUTH, MAX_SOURCE
from api.static_pages import page_router

router = page_router("/admin", "admin", "editor.html", ("editor.js", "editor.css"), "flow editor")


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
