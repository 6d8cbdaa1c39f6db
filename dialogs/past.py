"""A wanted time that has already passed: said back, never silently replaced.

"book me a check-up yesterday at 10" is answered with what was understood and that it
has passed, offering the same time on the next day (from tomorrow) it is still ahead: "Yesterday at
10:00 AM has passed — would tomorrow at 10:00 AM suit?". The offer stands for one answer:
"yes" takes it, another time ("tomorrow morning then") is taken as said, "no" asks for
another time. The offer is made when the flow asks for the time (after "what kind of
visit?" if that is still open), in place of its usual question.

A whole month in the past has no obvious "same time, later"; it gets the plain
"that time has already passed" and the question again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.context import TurnContext
from dialogs.render import clock_time, day_text
from dialogs.schema import Collect, Step
from dialogs.state import Problem, State
from dialogs.understanding import is_affirm, is_deny, is_past, when_of
from nlu.types import Parse

OFFER, DECLINED, PLAIN = "past_time_offer", "past_time_declined", "past_time"
_SHIFT = {"minute": 1, "hour": 1, "part_of_day": 1, "day": 1, "week": 7}


def refuse(when: dict[str, Any], state: State, ctx: TurnContext) -> None:
    """Leave the problem to say (and the later time to offer) for a wanted time gone by."""
    suggestion = next_ahead(when, ctx.now, ZoneInfo(ctx.catalogue.practice.timezone))
    if suggestion is None:
        state.scratch.problem = Problem(PLAIN)
        return
    state.scratch.suggested_when = suggestion
    asked = spoken(when, ctx, state.language)
    state.scratch.problem = Problem(
        OFFER,
        replaces_ask=True,
        values={
            "asked": asked[:1].upper() + asked[1:],
            "suggested": spoken(suggestion, ctx, state.language),
        },
    )


def next_ahead(when: dict[str, Any], now: dt.datetime, zone: ZoneInfo) -> dict[str, Any] | None:
    """The same time of day (or day of the week) on the first later day it is ahead, from
    tomorrow on: a same-day time was not what the patient said, and may be too soon to come."""
    days = _SHIFT.get(when.get("grain", "day"))
    if days is None:
        return None
    today = now.astimezone(zone).date()
    shifted = dict(when)
    for _ in range(16):
        starts = dt.datetime.fromisoformat(shifted["start"]).astimezone(zone).date()
        if not is_past(shifted, now) and (starts > today or days == 7):
            return shifted
        for key in ("start", "end"):
            if shifted.get(key):
                shifted[key] = _add_days(shifted[key], days, zone)
    return None


def _add_days(iso: str, days: int, zone: ZoneInfo) -> str:
    """Wall-clock arithmetic in the practice's zone: 10:00 stays 10:00 across a clock change."""
    local = dt.datetime.fromisoformat(iso).astimezone(zone).replace(tzinfo=None) + dt.timedelta(
        days=days
    )
    return local.replace(tzinfo=zone).isoformat()


def spoken(when: dict[str, Any], ctx: TurnContext, language: str) -> str:
    """'yesterday at 10:00 AM', 'tomorrow morning', 'Sunday, March 1' in the patient's language."""
    zone = ZoneInfo(ctx.catalogue.practice.timezone)
    start = dt.datetime.fromisoformat(when["start"]).astimezone(zone)
    grain = when.get("grain", "day")
    day = _day_words(start.date(), ctx, language)
    if grain in ("minute", "hour"):
        return _text(ctx, "moment_at", language).format(day=day, time=clock_time(start))
    if grain == "part_of_day":
        part = "morning" if start.hour < 12 else "afternoon" if start.hour < 17 else "evening"
        return _text(ctx, "moment_part_of_day", language).format(
            day=day, part=_text(ctx, f"part_{part}", language)
        )
    if grain == "week":
        return _text(ctx, "moment_week_of", language).format(
            day=day_text(start.date(), ctx.catalogue.practice.locale, year=False)
        )
    return day


def _day_words(day: dt.date, ctx: TurnContext, language: str) -> str:
    today = ctx.now.astimezone(ZoneInfo(ctx.catalogue.practice.timezone)).date()
    relative = {-1: "day_yesterday", 0: "day_today", 1: "day_tomorrow"}.get((day - today).days)
    if relative:
        return _text(ctx, relative, language)
    return day_text(day, ctx.catalogue.practice.locale, year=False)


def _text(ctx: TurnContext, key: str, language: str) -> str:
    text = ctx.texts[key]
    return text.get(language) or text["en"]


def for_question(problem: Problem, step: Step | None, state: State) -> Problem | None:
    """The problem to say before ``step``'s question, or None to say nothing now.

    An offer of a later time goes with the question for the time: before another question
    of the same kind ("what kind of visit?") it waits; before anything else (a list of
    times to pick from) it is said plainly, without an offer that could not be answered there.
    """
    if not problem.replaces_ask or (isinstance(step, Collect) and step.slot == "when"):
        return problem
    if isinstance(step, Collect):
        state.scratch.problem = problem
        return None
    state.scratch.suggested_when = None
    return Problem(PLAIN)


def answer(parse: Parse, state: State) -> None:
    """The patient's answer to the offer: "yes" takes the offered time, "no" asks for another.

    Any other answer drops the offer; a time in it is taken as said by the slot filling.
    """
    if when_of(parse):  # a time of its own: taken as said, or refused afresh with a new offer
        if state.slots.get("when"):
            state.scratch.suggested_when = None
        return
    suggestion, state.scratch.suggested_when = state.scratch.suggested_when, None
    if suggestion is None:
        return
    if is_affirm(parse):
        state.slots["when"] = suggestion
    elif is_deny(parse):
        state.scratch.problem = Problem(DECLINED, replaces_ask=True)
