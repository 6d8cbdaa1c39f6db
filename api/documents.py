"""Consent documents in full, where the assistant's consent summaries link to."""

from __future__ import annotations

import html

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse

from api.deps import RuntimeDep

router = APIRouter(tags=["documents"])


@router.get(
    "/documents/{document_id}",
    response_class=HTMLResponse,
    responses={404: {"description": "no such consent document"}},
)
async def consent_document(document_id: str, runtime: RuntimeDep) -> str:
    """A consent document of the practice (privacy notice, messaging or telehealth consent)."""
    found = await runtime.fhir.consents.full_text(document_id)
    if found is None:
        raise HTTPException(status_code=404, detail="no such consent document")
    title, text = (html.escape(part) for part in found)
    return (
        f"<!doctype html><html lang=en><meta charset=utf-8><title>{title}</title>"
        f"<main><h1>{title}</h1><p>{text}</p></main></html>"
    )
