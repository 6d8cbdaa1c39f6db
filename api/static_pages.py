"""A browser page served as files: one HTML page, its JS module and stylesheet, no build step,
nothing from a CDN (the staff console at /staff/, the flow editor at /admin/).

Every answer carries a Content-Security-Policy that allows scripts, styles and connections
from this origin only and no inline script or style at all, so text a patient or an admin
wrote can never run in a staff member's browser even if it slipped past a page's escaping.
Pages are never cached (they are tiny, and a stale one after an upgrade would talk to a
changed API). Only the files named are served: nothing else on disk is reachable.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse

STATIC = Path(__file__).resolve().parent / "static"

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
MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def page_router(
    prefix: str, folder: str, page: str, assets: tuple[str, ...], tag: str
) -> APIRouter:
    """`prefix` redirects to `prefix/`, which serves `static/folder/page`; `prefix/<name>`
    serves only the `assets` named. Include it after the API routes under `prefix`."""
    directory = STATIC / folder
    router = APIRouter(tags=[tag], include_in_schema=False)

    @router.get(prefix)
    async def bare() -> RedirectResponse:
        # The page's relative URLs (its script and stylesheet) resolve against `prefix/`.
        return RedirectResponse(f"{prefix}/")

    @router.get(f"{prefix}/")
    async def index() -> FileResponse:
        return FileResponse(
            directory / page, media_type="text/html; charset=utf-8", headers=HEADERS
        )

    @router.get(f"{prefix}/{{name}}")
    async def asset(name: str) -> FileResponse:
        if name not in assets:
            raise HTTPException(status_code=404, detail="not found")
        return FileResponse(
            directory / name, media_type=MEDIA_TYPES[Path(name).suffix], headers=HEADERS
        )

    return router
