"""POST /nlu/parse: the NLU contract over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from api.deps import RuntimeDep
from nlu.contract import language_problem, parse_within_bounds

router = APIRouter(tags=["nlu"])


class ParseRequest(BaseModel):
    text: str = Field(max_length=4000)
    now: str | None = Field(None, description="ISO-8601; without offset, wall-clock in `tz`")
    tz: str | None = Field(None, description="IANA zone; default the practice's")
    lang: str = "en"


class ParseRefusal(BaseModel):
    """A 422: FastAPI's list of validation errors, or a sentence (zone, time, language)."""

    detail: list[dict[str, Any]] | str


@router.post("/nlu/parse", responses={422: {"model": ParseRefusal}})
async def parse(body: ParseRequest, runtime: RuntimeDep) -> dict[str, object]:
    tz = body.tz or runtime.settings.practice_timezone
    # The languages its patients are answered in, and that the NLU can read: dateparser
    # refuses a code it does not know.
    known = runtime.settings.languages
    problem = (
        f"lang must be one of the practice's languages: {', '.join(known)}"
        if body.lang not in known
        else language_problem(body.lang)
    )
    if problem:
        raise HTTPException(422, problem)
    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise HTTPException(422, f"unknown time zone {tz!r}") from e
    if body.now:
        try:
            now = dt.datetime.fromisoformat(body.now)
        except ValueError as e:
            raise HTTPException(422, "now must be ISO-8601, e.g. 2026-03-02T09:00:00") from e
        now = now if now.tzinfo else now.replace(tzinfo=zone)
    else:
        now = runtime.clock.now().astimezone(zone)
    result = parse_within_bounds(
        runtime.nlu.parse,
        body.text,
        now=now,
        tz=tz,
        lang=body.lang,
        locale=runtime.settings.practice_locale,
    )
    return result.to_json()
