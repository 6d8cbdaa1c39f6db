"""The staff console at `/staff/`: one HTML page, one JS module and one stylesheet
(api/static/staff/), served with a strict Content-Security-Policy and never cached
(api/static_pages.py). The page talks only to the staff API beside it."""

from __future__ import annotations

from api.static_pages import page_router

router = page_router(
    "/staff", "staff", "console.html", ("console.js", "console.css"), "staff console"
)
