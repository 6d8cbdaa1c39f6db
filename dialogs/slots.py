"""Filling a flow's slots from what the patient said: service, practitioner, location, when.

A value that cannot be used (a service the practice does not offer, a time already past)
is not stored; it leaves a `Problem` (State.scratch) that the next question is prefixed with. A time that
names a booked appointment (the NLU's role "existing") is kept apart: see dialogs/booked.py.

Service, practitioner and location are each one of a fixed set: they are always asked with
the set as numbered choices (`question`), and what was offered is kept in State.scratch.offer
so the reply can be a number, "yes" (when one was offered), a name, or what the visit is
for. A need that fits some services' descriptions ("back pain") offers just those; one
that fits none is asked again with the whole list (never the bare question again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from dialogs import booked, past
from dialogs.context import TurnContext
from dialogs.matching import T, best_match, close_word, find_in_text, suggest_services
from dialogs.render import in_sentence
from dialogs.schema import Action, Collect, Flow, Step, Text
from dialogs.state import Offer, Problem, State
from dialogs.understanding import choice_index, is_affirm, is_deny, is_past, when_of
from domain.model import Location, Patient, Practitioner, Service
from nlu.types import Entity, Parse

SLOT_KEYS = {
    "service": "service_id",
    "practitioner": "practitioner_id",
    "location": "location_id",
    "when": "when",
}
FIXED_SETS = ("service", "practitioner", "location")


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
    if (offered := _offered_pick(parse, state, ctx, flow)) is not None:
        return offered  # "1" or "yes" to the list just shown: that pick, and nothing else
    wanted = {st.slot for st in flow.steps if isinstance(st, Collect)}
    searches = any(isinstance(st, Action) and st.action == "find_openings" for st in flow.steps)
    if searches:
        wanted |= {"practitioner", "location", "when"}
    booked.remember(parse, state, searches)  # "cancel my appointment on friday" picks which one
    before = {k: state.slots.get(k) for k in SLOT_KEYS.values()}
    for slot in ("service", "practitioner", "location", "when"):
        if slot in wanted:
            _fill_one(parse, state, ctx, slot, whole_text=slot != "when", suggest=True)
    changed = {k for k in SLOT_KEYS.values() if state.slots.get(k) != before[k]}
    offer = state.scratch.offer
    if offer and SLOT_KEYS[offer.slot] in changed:
        state.scratch.offer = None  # answered by name: the list is done with
    return changed


def _names_a_service(parse: Parse, ctx: TurnContext) -> bool:
    """ "no, it's my knee" / "no, a flu shot": a deny that still says which visit."""
    services = ctx.catalogue.services
    return bool(find_in_text(parse.text, services) or suggest_services(parse.text, services))


def _offered_pick(parse: Parse, state: State, ctx: TurnContext, flow: Flow) -> set[str] | None:
    """The slot a reply to the numbered list fills: by number, or "yes" when one was offered."""
    offer = state.scratch.offer
    step = next((st for st in flow.steps if st.id == state.step), None)
    if not offer or not isinstance(step, Collect) or step.slot != offer.slot:
        return None
    if offer.narrowed and is_deny(parse) and not _names_a_service(parse, ctx):
        state.scratch.offer = (
            None  # "no" to what was suggested: the whole list, not the end of the booking
        )
        state.scratch.problem = Problem("suggest_declined")
        return set()
    ids, index = offer.ids, choice_index(parse)
    if index == -1 and ids:  # "the last one"
        index = len(ids)
    if index is None and len(ids) == 1 and is_affirm(parse):
        index = 1
    if index is None or not 1 <= index <= len(ids):
        return None
    state.scratch.offer = None
    state.slots[SLOT_KEYS[offer.slot]] = ids[index - 1]
    return {SLOT_KEYS[offer.slot]}


def question(step: Step, state: State, ctx: TurnContext) -> tuple[Text, tuple[str, ...]]:
    """What to ask for a `collect` step: a fixed set comes with its numbered choices.

    The choices are remembered (State.scratch.offer) so that "2" means what the patient saw.
    """
    assert isinstance(step, Collect)
    if step.slot not in FIXED_SETS:
        return step.ask, ()
    offer = state.scratch.offer
    if offer and offer.slot == step.slot:
        ids, narrowed = list(offer.ids), offer.narrowed
    else:
        ids, narrowed = [item.id for item in _choosable(step.slot, state, ctx)], False
    items = [item for i in ids if (item := _item(step.slot, i, ctx))]
    state.scratch.offer = Offer(step.slot, [item.id for item in items], narrowed)
    return step.ask, tuple(item.name for item in items)


def _choosable(
    slot: str, state: State, ctx: TurnContext
) -> list[Service | Practitioner | Location]:
    """The whole set for a slot: the practitioners who provide the chosen service, if one is."""
    cat = ctx.catalogue
    if slot == "practitioner":
        service = cat.service(state.slots.get("service_id"))
        people = [
            p
            for p in cat.practitioners
            if not service or not service.practitioner_ids or p.id in service.practitioner_ids
        ]
        return list(people)
    return list(cat.services if slot == "service" else cat.locations)


def _item(slot: str, ident: str, ctx: TurnContext) -> Service | Practitioner | Location | None:
    cat = ctx.catalogue
    return {"service": cat.service, "practitioner": cat.practitioner, "location": cat.location}[
        slot
    ](ident)


def _suggest(parse: Parse, state: State, ctx: TurnContext) -> bool:
    """Offer the services whose descriptions fit the need the patient described; False if none do."""
    suggested = suggest_services(parse.text, ctx.catalogue.services)
    if not suggested:
        return False
    state.scratch.offer = Offer("service", [s.id for s in suggested], narrowed=True)
    # Said before the question (the scratch's `problem`), which also keeps a "no, it's my knee"
    # from being taken as "stop".
    state.scratch.problem = (
        Problem("suggest_one", {"suggested": in_sentence(suggested[0].name)})
        if len(suggested) == 1
        else Problem("suggest_several")
    )
    return True


def _fill_one(
    parse: Parse, state: State, ctx: TurnContext, slot: str, whole_text: bool, suggest: bool = False
) -> None:
    cat, slots = ctx.catalogue, state.slots
    if slot == "when":
        when = when_of(parse)
        if when is None:
            return
        if is_past(when, ctx.now):
            past.refuse(when, state, ctx)
        elif dt.datetime.fromisoformat(when["start"]) > ctx.now + dt.timedelta(
            days=ctx.horizon_days
        ):
            state.scratch.problem = Problem("too_far")
        else:
            slots["when"] = when
        return
    spans = parse.all(slot)
    # One branch per catalogue list, so each match keeps its own type (a Service's providers).
    found: Service | Practitioner | Location | None
    if slot == "service":
        found = _named(parse, spans, cat.services, whole_text)
    elif slot == "practitioner":
        found = _named(parse, spans, cat.practitioners, whole_text)
    elif slot == "location":
        found = _named(parse, spans, cat.locations, whole_text)
    else:
        raise KeyError(slot)
    if found is None:
        if (
            slot == "service"
            and suggest
            and not slots.get("service_id")
            and _suggest(parse, state, ctx)
        ):
            return  # "my back hurts": the services that help with it are offered
        if spans and slot == "service":
            state.scratch.problem = Problem("unknown_service", {"asked": spans[0].text})
        return
    if isinstance(found, Practitioner):
        service = cat.service(slots.get("service_id"))
        if service and service.practitioner_ids and found.id not in service.practitioner_ids:
            state.scratch.problem = _mismatch(
                found.name, service.name, service.practitioner_ids, ctx
            )
            return
    if isinstance(found, Service):
        asked = cat.practitioner(slots.get("practitioner_id"))
        if asked and found.practitioner_ids and asked.id not in found.practitioner_ids:
            state.scratch.problem = _mismatch(asked.name, found.name, found.practitioner_ids, ctx)
            slots.pop("practitioner_id", None)
    slots[SLOT_KEYS[slot]] = found.id


def _named(parse: Parse, spans: list[Entity], items: Sequence[T], whole_text: bool) -> T | None:
    """The item a tagged span names, else (when allowed) one named anywhere in the message."""
    found = next((m for e in spans if (m := best_match(e.text, items))), None)
    if found is None and whole_text:
        found = find_in_text(parse.text, items)
    return found


def _mismatch(who: str, service: str, providers: tuple[str, ...], ctx: TurnContext) -> Problem:
    names = [p.name for pid in providers if (p := ctx.catalogue.practitioner(pid))]
    return Problem(
        "practitioner_mismatch",
        {
            "asked_practitioner": who,
            "service": service,
            "service_providers": " or ".join(names) or "our team",
        },
    )


# --- which patient, on a phone several patients share ------------------------------------------
#
# Asked with the patients' first names as numbered choices. Only first names, which the
# household sharing the phone already knows; nothing else about them before verification.


def patient_choices(ctx: TurnContext) -> tuple[str, ...]:
    return tuple(p.name.split()[0] for p in ctx.patients)


def picked_patients(parse: Parse, ctx: TurnContext) -> list[Patient]:
    """The patients a reply names: by number from the list, by first name (a typo allowed)."""
    index = choice_index(parse)
    if index is not None:
        return [ctx.patients[index - 1]] if 1 <= index <= len(ctx.patients) else []
    words = {w.strip(".,!?'").lower() for w in parse.text.split()}
    for entity in parse.all("person_name"):
        words |= {w.lower() for w in entity.text.split()}
    exact = [p for p in ctx.patients if p.name.split()[0].lower() in words]
    if exact:
        return exact
    return [p for p in ctx.patients if any(close_word(w, p.name.split()[0].lower()) for w in words)]


def named_patient(parse: Parse, ctx: TurnContext) -> Patient | None:
    """The one patient on a shared phone that the message starting a flow names ("book omar in
    with dr chen", "when is omar's next appointment"), so "which of them?" is not asked about
    someone already named. Only a name the model found, or a possessive ("omar's", "omars"),
    and only exact: a first name that is also a word ("will", "may") is taken only when the
    model read it as a name. None when no one, or more than one, is named."""
    if len(ctx.patients) < 2:
        return None
    named = {w.lower().strip(".,!?") for e in parse.all("person_name") for w in e.text.split()}
    for word in (w.lower().strip(".,!?") for w in parse.text.split()):
        if word.endswith(("'s", "\u2019s")):
            named.add(word[:-2])
        elif word.endswith("s"):
            named.add(word[:-1])
    found = [p for p in ctx.patients if p.name.split()[0].lower() in named]
    return found[0] if len(found) == 1 else None
