"""The `field` and `menu` steps (FIELD, MENU: their handlers in the engine's table).

    prefill(flow, parse, ...) what the message that started the flow already answers

Field values live in slots["form"][key] ("" = skipped), and are said back as {form_<key>}
(`form_values`): a birth date as the patient reads it, a language by its name, "not given"
for one skipped; {form_first_name} is the first name of the `full_name` field. A menu picked by the first message
("I need to update my email") is kept in State.scratch.menu_picks until the menu is reached.
"""

from __future__ import annotations

import re

from dialogs import fields
from dialogs.context import TurnContext
from dialogs.fields import birth_date_text
from dialogs.matching import normalise
from dialogs.schema import Field, Flow, Menu, MenuOption
from dialogs.state import State
from dialogs.turn import StepHandler, Turn
from dialogs.understanding import choice_index
from domain.patients import split_name
from nlu.types import Parse

FORM = "form"
LANGUAGE_NAMES = {
    "en": "English",
    "es": "Spanish",
    "ar": "Arabic",
    "de": "German",
    "fr": "French",
    "pt": "Portuguese",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


def _run_field(turn: Turn, step: Field) -> bool:
    form = turn.s.slots.get(FORM, {})
    if step.key in form or (step.only_if and not form.get(step.only_if)):
        turn.move_past(step)
        return True
    turn.ask(step.ask)
    return False


def _take_field(turn: Turn, step: Field, parse: Parse) -> None:
    if step.optional and fields.is_skip(parse.text):
        value: str | None = ""
    else:
        value, problem = fields.read(step.kind, parse, turn.ctx)
        if value is None:
            turn.reask(f"problem_{problem or 'required'}", lambda: _run_field(turn, step))
            return
    turn.s.slots.setdefault(FORM, {})[step.key] = value
    turn.move_past(step)
    turn.run()


def _answers_field(turn: Turn, step: Field, parse: Parse) -> bool:
    return (step.optional and fields.is_skip(parse.text)) or fields.read(
        step.kind, parse, turn.ctx
    )[0] is not None


def _run_menu(turn: Turn, step: Menu) -> bool:
    s = turn.s
    picks = s.scratch.menu_picks
    if step.id in picks:
        return _apply(turn, step, picks.pop(step.id), None)
    turn.ask(step.text, tuple(o.label.get(s.language) or o.label["en"] for o in step.options))
    return False


def _take_menu(turn: Turn, step: Menu, parse: Parse) -> None:
    index = option_index(step, parse)
    if index is None:
        turn.reask("problem_menu_again", lambda: _run_menu(turn, step))
        return
    if _apply(turn, step, index, parse):
        turn.run()


def _answers_menu(turn: Turn, step: Menu, parse: Parse) -> bool:
    return option_index(step, parse) is not None


FIELD = StepHandler(_run_field, _take_field, _answers_field)
MENU = StepHandler(_run_menu, _take_menu, _answers_menu)


def prefill(flow: Flow, parse: Parse, state: State, ctx: TurnContext) -> None:
    """Take what the first message already says: a menu pick by its words, an e-mail, a phone."""
    first = flow.steps[0]
    if isinstance(first, Menu) and (index := option_index(first, parse, numbers=False)) is not None:
        state.scratch.menu_picks[first.id] = index
    for step in flow.steps:
        if isinstance(step, Field):
            _fill_from_entities(step, parse, state, ctx)


#: What introduces an address in a message that asks to change it: "my new address is 5 Oak
#: St", "I've moved to 12 Elm Ave". Only what follows such words is taken, so "I moved 2 weeks
#: ago" is never read as an address.
_ADDRESS_LEAD = re.compile(
    r"\b(?:address(?:\s+is)?(?:\s+now)?|moved\s+to|(?:now\s+)?liv(?:e|ing)\s+at)\s*[:,-]?\s+",
    re.IGNORECASE,
)


def _fill_from_entities(step: Field, parse: Parse, state: State, ctx: TurnContext) -> None:
    """An e-mail or phone number the NLU found in the message fills a field of that kind, and
    an address said after "my new address is" an address field: asking for it again after the
    date of birth reads as if the first message had been lost."""
    entity = {"email": "email", "phone": "phone_number"}.get(step.kind)
    if entity and parse.first(entity):
        value, _ = fields.read(step.kind, parse, ctx)
        if value:
            state.slots.setdefault(FORM, {})[step.key] = value
    elif step.kind == "address" and (lead := _ADDRESS_LEAD.search(parse.text)):
        said = parse.text[lead.end() :].strip(" .!")
        value, _ = fields.read("address", Parse(said, parse.intent, parse.confidence), ctx)
        if value:
            state.slots.setdefault(FORM, {})[step.key] = value


def option_index(step: Menu, parse: Parse, numbers: bool = True) -> int | None:
    """The option a reply picks: by number, or by its words (exactly one option must match)."""
    index = choice_index(parse) if numbers else None
    if index is not None:
        return index - 1 if 1 <= index <= len(step.options) else None
    text = f" {normalise(parse.text)} "
    hits = [
        i
        for i, o in enumerate(step.options)
        if any(f" {normalise(w)} " in text for w in (*o.words, o.label["en"]) if normalise(w))
    ]
    return hits[0] if len(hits) == 1 else None


def _apply(turn: Turn, step: Menu, index: int, parse: Parse | None) -> bool:
    """Carry out the picked option; True when the engine should run on from the new step."""
    option: MenuOption = step.options[index]
    s = turn.s
    s.slots.update(option.set)
    turn.notes.append({"kind": "menu_picked", "step": step.id, "option": index + 1})
    if option.flow:
        turn.start_flow(turn.ctx.flows[option.flow], parse or Parse("", "inform", 1.0))
        return False
    if option.next:
        target = turn.flow.step(option.next)
        if isinstance(target, Field) and parse is not None:
            s.slots.get(FORM, {}).pop(target.key, None)  # "fix my e-mail": ask it again
            _fill_from_entities(target, parse, s, turn.ctx)  # "my email is now x@y.com"
        # (Picked by the first message, parse None: what `prefill` took from it stands.)
        turn.goto(option.next)
        return True
    turn.move_past(step)
    return True


def form_values(state: State, ctx: TurnContext) -> dict[str, str]:
    form: dict[str, str] = state.slots.get(FORM, {})
    flow = ctx.flows.get(state.flow or "")
    kinds = {s.key: s.kind for s in flow.steps if isinstance(s, Field)} if flow else {}
    out = {}
    for key, value in form.items():
        kind = kinds.get(key, "text")
        if not value:
            said = "not given"
        elif kind == "birth_date":
            said = birth_date_text(value, ctx.catalogue.practice.locale)
        elif kind == "language":
            said = LANGUAGE_NAMES.get(value, value)
        else:
            said = value
        out[f"form_{key}"] = said
    out["form_first_name"] = split_name(form["full_name"])[0] if form.get("full_name") else ""
    out["form_insurance"] = shown(out, "insurer") if form.get("insurer") else "not given"
    return out


def shown(values: dict[str, str], key: str) -> str:
    """A field as said back; the insurer with its member ID, when there is one."""
    said = values.get(f"form_{key}", "")
    if key == "insurer" and values.get("form_member_id") not in (None, "", "not given"):
        said += f" (member ID {values['form_member_id']})"
    return said
