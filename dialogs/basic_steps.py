"""The `collect`, `choose`, `confirm`, `action` and `say` steps, as the engine's table calls them.

A message to any of them first fills the slots it gives (the flow's service, time,
clinician, place), so "actually make it friday" while choosing a time is a new search,
not a wrong pick.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dialogs import booked, past
from dialogs import slots as slot_filling
from dialogs.actions import command_for
from dialogs.codec import appointment_from_json, opening_from_json
from dialogs.render import appointment_label, opening_label
from dialogs.schema import Action, Choose, Collect, Confirm, Say, Step
from dialogs.turn import Awaiting, StepHandler, Turn
from dialogs.understanding import any_when_of, choice_index, choice_time, is_affirm, is_deny
from nlu.types import Parse

SEARCH_INPUTS = {"service_id", "practitioner_id", "location_id", "when"}


def search_step(turn: Turn) -> str | None:
    """The flow's search for openings, which a new service or time goes back to."""
    return next(
        (
            st.id
            for st in turn.flow.steps
            if isinstance(st, Action) and st.action == "find_openings"
        ),
        None,
    )


def _fill(turn: Turn, parse: Parse) -> set[str]:
    return slot_filling.fill(parse, turn.s, turn.ctx, turn.flow)


def _new_search(turn: Turn, changed: set[str]) -> bool:
    """A new service, clinician, place or time: back to the search (True), before anything else."""
    target = search_step(turn)
    if changed & SEARCH_INPUTS and target:
        turn.goto(target)
        return True
    return False


# --- collect ---------------------------------------------------------------------------------


def _run_collect(turn: Turn, step: Collect) -> bool:
    if step.slot in slot_filling.filled(turn.s):
        turn.move_past(step)
        return True
    turn.ask(*slot_filling.question(step, turn.s, turn.ctx))
    return False


def _take_collect(turn: Turn, step: Collect, parse: Parse) -> None:
    _fill(turn, parse)
    if step.slot == "when":
        past.answer(parse, turn.s)  # "yes" to "would tomorrow at 10:00 AM suit?"
    if step.slot in slot_filling.filled(turn.s):
        turn.move_past(step)
    elif is_deny(parse) and turn.s.scratch.problem is None:
        turn.say_key("start_over")
        return turn.finish("abandoned")
    else:
        # A fixed set is asked again with its numbered list. A time that could not be read is
        # said to be the trouble: the same question again, word for word, reads as if the
        # message had not arrived. (A problem already found, such as a time gone by, says more.)
        problem = "need_when" if step.slot == "when" and turn.s.scratch.problem is None else None
        turn.reask(problem, lambda: turn.ask(*slot_filling.question(step, turn.s, turn.ctx)))
        return None
    turn.run()


def _answers_collect(turn: Turn, step: Collect, parse: Parse) -> bool:
    return bool(slot_filling.extract(parse, turn.s, turn.ctx, step.slot))


COLLECT = StepHandler(_run_collect, _take_collect, _answers_collect)


# --- choose ----------------------------------------------------------------------------------


#: Where each list's items are kept; another list's are under its name plus "s" ("invoices").
LIST_SLOTS = {"opening": "offers", "appointment": "appointments"}


def _items(turn: Turn, step: Choose) -> list[dict]:
    return turn.s.slots.get(LIST_SLOTS.get(step.list, f"{step.list}s"), [])


def _run_choose(turn: Turn, step: Choose) -> bool:
    if _present(turn, step):
        turn.move_past(step)
        return True
    return False


def _present(turn: Turn, step: Choose) -> bool:
    """Present the list, or return True when the pick is already made (or needs no asking)."""
    slots = turn.s.slots
    if slots.get(step.list):
        return True
    items = _items(turn, step)
    if step.list == "appointment":
        if len(items) == 1:  # the only one, or the only one on the day named (dialogs/booked.py)
            slots["appointment"] = items[0]
            return True
        labels = [appointment_label(appointment_from_json(a), turn.ctx.catalogue) for a in items]
        turn.notes.append({"kind": "disclosed", "what": "appointments", "count": len(items)})
    elif step.list == "opening":
        labels = [opening_label(opening_from_json(o), turn.ctx.catalogue) for o in items]
    else:  # a list whose feature labelled each item (open invoices: dialogs/features/billing.py)
        if len(items) == 1:
            slots[step.list] = items[0]
            return True
        labels = [str(i["label"]) for i in items]
    turn.ask(step.ask, tuple(labels))
    return False


def _take_choose(turn: Turn, step: Choose, parse: Parse) -> None:
    if _pick(turn, step, parse):
        turn.move_past(step)
        return turn.run()
    if not _new_search(turn, _fill(turn, parse)):
        if is_deny(parse) and step.on_none:
            turn.goto(step.on_none, clear=True)
        elif is_deny(parse):
            # "no wait, keep it" to "which appointment would you like to cancel?": a list
            # with nowhere else to go is left, as a "no" to a question for a value is.
            turn.say_key("start_over")
            return turn.finish("abandoned")
        else:
            # A problem with what was said ("that time has passed") says more than "pick a
            # number"; only a list of times can be answered with another day instead.
            turn.reask(
                None
                if turn.s.scratch.problem
                else "invalid_choice"
                if step.list == "opening"
                else "invalid_pick",
                lambda: _list_again(turn, step),
            )
            return None
    turn.run()


def _list_again(turn: Turn, step: Choose) -> None:
    turn.s.slots.pop(step.list, None)
    _present(turn, step)


def _answers_choose(turn: Turn, step: Choose, parse: Parse) -> bool:
    return choice_index(parse) is not None or choice_time(parse) is not None


def _pick(turn: Turn, step: Choose, parse: Parse) -> bool:
    items = _items(turn, step)
    index, at = choice_index(parse), choice_time(parse)
    chosen = None
    if index == -1 and items:  # "the last one"
        chosen = items[-1]
    elif index is not None and 1 <= index <= len(items):
        chosen = items[index - 1]
    elif step.list == "appointment" and any_when_of(parse):
        chosen = booked.pick_by_day(parse, items)  # "the one on thursday"
    elif step.list in LIST_SLOTS and (
        at is not None or ((when := any_when_of(parse)) and when.get("grain") in ("minute", "hour"))
    ):
        # "the 10:30 one", or just "10:30": the offer starting then, if exactly one does.
        zone = ZoneInfo(turn.ctx.catalogue.practice.timezone)
        if at is not None:
            wanted = at
        else:
            assert when is not None  # the condition above: no time said, so a timed `when`
            wanted = dt.datetime.fromisoformat(when["start"]).astimezone(zone).strftime("%H:%M")
        matching = [
            i
            for i in items
            if dt.datetime.fromisoformat(i["start"]).astimezone(zone).strftime("%H:%M") == wanted
        ]
        chosen = matching[0] if len(matching) == 1 else None
    if chosen is None:
        return False
    turn.s.slots[step.list] = chosen
    turn.notes.append({"kind": "picked", "list": step.list})
    return True


CHOOSE = StepHandler(_run_choose, _take_choose, _answers_choose)


# --- confirm ---------------------------------------------------------------------------------


def _run_confirm(turn: Turn, step: Confirm) -> bool:
    turn.ask(step.text)
    return False


def _take_confirm(turn: Turn, step: Confirm, parse: Parse) -> None:
    if not _new_search(turn, _fill(turn, parse)):
        if is_affirm(parse):
            turn.goto(step.on_yes)
        elif is_deny(parse):
            turn.goto(step.on_no, clear=True)
        else:
            turn.reask("confirm_again", lambda: setattr(turn.s, "awaiting", Awaiting.INPUT))
            return
    turn.run()


def _answers_confirm(turn: Turn, step: Confirm, parse: Parse) -> bool:
    return is_affirm(parse) or is_deny(parse)


CONFIRM = StepHandler(_run_confirm, _take_confirm, _answers_confirm)


# --- action and say: nothing for the patient to answer ---------------------------------------


def _run_action(turn: Turn, step: Action) -> bool:
    turn.commands.append(command_for(step.action, turn.s, turn.ctx))
    turn.s.awaiting = Awaiting.OUTCOME
    return False


def _run_say(turn: Turn, step: Say) -> bool:
    turn.say_text(step.text)
    nxt = turn.flow.after(step)
    if nxt is None:
        turn.finish("completed")
        return False
    turn.s.step = nxt.id
    return True


def _take_unasked(turn: Turn, step: Step, parse: Parse) -> None:
    """A message while no question is open: it may still change what to search for."""
    _new_search(turn, _fill(turn, parse))
    turn.run()


def _answers_nothing(turn: Turn, step: Step, parse: Parse) -> bool:
    return False


ACTION = StepHandler(_run_action, _take_unasked, _answers_nothing)
SAY = StepHandler(_run_say, _take_unasked, _answers_nothing)
