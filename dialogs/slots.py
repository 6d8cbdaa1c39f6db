"""Filling a flow's slots from what the patient said: service, practitioner, location, when.

A value that cannot be used (a service the practice does not offer, a time already past)
is not stored; it leaves a `_problem` that the next question is prefixed with. A time that
names a booked appointment (the NLU's role "existing") is kept apart: see dialogs/booked.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from dialogs import booked, past
from dialogs.actions import is_past
from dialogs.context import TurnContext
from dialogs.matching import best_match, find_in_text
from dialogs.schema import Action, Collect, Flow
from dialogs.state import State
from dialogs.understanding import when_of
from nlu.types import Parse

SLOT_KEYS = {"service": "service_id", "practitioner": "practitioner_id",
             "location": "location_id", "when": "when"}


def filled(state: State) -> set[str]:
    return {name for name, key in SLOT_KEYS.items() if state.slots.get(key)}


def clear(state: State, slot: str) -> None:
    state.slots.pop(SLOT_KEYS[slot], None)


def extract(parse: Parse, state: State, ctx: TurnContext, slot: str) -> Any:
    """The usable value of one slot in this message, or None (no side effects)."""
    scratch = State.from_json(state.to_json())
    _fill_one(parse, scratch, ctx, slot, whole_text=True)
    value = scratch.slots.get(SLOT_KEYS[slot])
    return value if value != state.slots.get(SLOT_KEYS[slot]) else None


def fill(parse: Parse, state: State, ctx: TurnContext, flow: Flow) -> set[str]:
    """Store every slot the flow uses that the message gives; return the keys that changed."""
    wanted = {st.slot for st in flow.steps if isinstance(st, Collect)}
    searches = any(isinstance(st, Action) and st.action == "find_openings" for st in flow.steps)
    if searches:
        wanted |= {"practitioner", "location", "when"}
    booked.remember(parse, state, searches)  # "cancel my appointment on friday" picks which one
    before = {k: state.slots.get(k) for k in SLOT_KEYS.values()}
    for slot in ("service", "practitioner", "location", "when"):
        if slot in wanted:
            _fill_one(parse, state, ctx, slot, whole_text=slot != "when")
    return {k for k in SLOT_KEYS.values() if state.slots.get(k) != before[k]}


def _fill_one(parse: Parse, state: State, ctx: TurnContext, slot: str, whole_text: bool) -> None:
    cat, slots = ctx.catalogue, state.slots
    if slot == "when":
        when = when_of(parse)
        if when is None:
            return
        if is_past(when, ctx.now):
            past.refuse(when, state, ctx)
        elif dt.datetime.fromisoformat(when["start"]) > ctx.now + dt.timedelta(days=ctx.horizon_days):
            slots["_problem"] = {"key": "too_far"}
        else:
            slots["when"] = when
        return
    items = {"service": cat.services, "practitioner": cat.practitioners, "location": cat.locations}[slot]
    spans = parse.all(slot)
    found = next((m for e in spans if (m := best_match(e.text, items))), None)  # type: ignore[type-var]
    if found is None and whole_text:
        found = find_in_text(parse.text, items)  # type: ignore[type-var]
    if found is None:
        if spans and slot == "service":
            slots["_problem"] = {"key": "unknown_service", "values": {"asked": spans[0].text}}
        return
    if slot == "practitioner":
        service = cat.service(slots.get("service_id"))
        if service and service.practitioner_ids and found.id not in service.practitioner_ids:
            slots["_problem"] = _mismatch(found.name, service.name, service.practitioner_ids, ctx)
            return
    if slot == "service":
        asked = cat.practitioner(slots.get("practitioner_id"))
        if asked and found.practitioner_ids and asked.id not in found.practitioner_ids:  # type: ignore[union-attr]
            slots["_problem"] = _mismatch(asked.name, found.name, found.practitioner_ids, ctx)  # type: ignore[union-attr]
            slots.pop("practitioner_id", None)
    slots[SLOT_KEYS[slot]] = found.id


def _mismatch(who: str, service: str, providers: tuple[str, ...], ctx: TurnContext) -> dict[str, Any]:
    names = [p.name for pid in providers if (p := ctx.catalogue.practitioner(pid))]
    return {"key": "practitioner_mismatch",
            "values": {"asked_practitioner": who, "service": service,
                       "service_providers": " or ".join(names) or "our team"}}


def appointment_on(when: dict[str, Any] | None, items: list[dict[str, Any]], ctx: TurnContext) -> dict[str, Any] | None:
    """The one appointment on the day the patient named ("cancel friday's appointment")."""
    if not when:
        return None
    zone = ZoneInfo(ctx.catalogue.practice.timezone)
    day = dt.datetime.fromisoformat(when["start"]).astimezone(zone).date()
    same = [i for i in items if dt.datetime.fromisoformat(i["start"]).astimezone(zone).date() == day]
    return same[0] if len(same) == 1 else None
