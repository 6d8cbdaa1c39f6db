"""The staff console at `/staff/`: one HTML page, one JS module and one stylesheet, served as
files (no build step, nothing from a CDN). The page talks only to the staff API beside it.

Every answer carries a Content-Security-Policy that allows scripts, styles and connections
from this origin only and no inline script or style at all, so text a patient wrote can
never run in a staff member's browser even if it slipped past the page's escaping. The page
is never cached (it is tiny, and a stale one after an upgrade would talk to a changed API).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse

router = APIRouter(tags=["staff console"], include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static" / "staff"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
#: The console's files by the name they are served under, with their media types.
ASSETS = {
    "console.js": "text/javascript; charset=utf-8",
    "console.css": "text/css; charset=utf-8",
}


@router.get("/staff")
async def bare() -> RedirectResponse:
    # Relative URLs in the page (console.js, console.css) resolve against /staff/.
    return RedirectResponse("/staff/")


@router.get("/staff/")
async def page() -> FileResponse:
    return FileResponse(
        STATIC / "console.html", media_type="text/html; charset=utf-8", headers=HEADERS
    )


@router.get("/staff/{name}")
async def asset(name: str) -> FileResponse:
    if name not in ASSETS:  # only these names: nothing else on disk is reachable
        raise HTTPException(status_code=404, detail="not found")
    return FileResponse(STATIC / name, media_type=ASSETS[name], headers=HEADERS)
