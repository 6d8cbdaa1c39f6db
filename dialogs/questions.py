"""The `questionnaire` step: the loaded form's next question, one per message.

The form and the answers so far are in slots["intake"] (put there by the load_intake
action); after each valid answer the flow goes on to its save step, which stores the
progress in the record system, and comes back here for the next question. LATER pauses
(everything answered is already saved); SKIP passes over a question that is not required.
"""

from __future__ import annotations

import dataclasses
import re

from dialogs import answers, fields
from dialogs.codec import form_from_json, response_from_json, response_to_json
from dialogs.context import TurnContext
from dialogs.schema import Questions, Text
from dialogs.state import State
from dialogs.turn import StepHandler, Turn
from domain.intake import Form, IntakeResponse, Question, find, groups_of, next_question, position
from nlu.types import Parse

PAUSE = {
    "later",
    "pause",
    "stop for now",
    "not now",
    "another time",
    "finish later",
    "do it later",
    "ill finish later",
    "ill do it later",
    "continue later",
    "carry on later",
    "can we stop",
}
#: Free-text answers give way to a clear request for something else ("book a check-up").
SWITCH_CONFIDENCE = 0.9
#: A yes/no question takes a content answer ("penicillin") unless the NLU is this sure it is
#: something else ("help", "can I talk to someone").
SURE_OTHERWISE = 0.5
#: The form's own request ("can I do my forms") while a question is open means: go on.
RESUME_CONFIDENCE = 0.5


def _load(state: State) -> tuple[Form, IntakeResponse]:
    intake = state.slots["intake"]
    return form_from_json(intake["form"]), response_from_json(intake["response"])


def _asking(state: State, form: Form, response: IntakeResponse) -> Question | None:
    link_id = state.slots["intake"].get("asking")
    return (find(form, link_id) if link_id else None) or next_question(form, response)


def is_pause(text: str) -> bool:
    return re.sub(r"[^\w\s]", "", text.lower()).strip() in PAUSE


def run(turn: Turn, step: Questions) -> bool:
    form, response = _load(turn.s)
    question = next_question(form, response)
    if question is None:
        turn.move_past(step)
        return True
    turn.s.slots["intake"]["asking"] = question.link_id
    choices = tuple(o.display for o in question.options) if question.type == "choice" else ()
    turn.ask(_question_text(turn.ctx, turn.s.language, form, response, question), choices)
    return False


def _question_text(
    ctx: TurnContext, language: str, form: Form, response: IntakeResponse, q: Question
) -> Text:
    n, of = position(form, response, q)
    groups = groups_of(form, q.link_id)
    asked = (f"{groups[-1].text}: " if groups else "") + q.text
    keys = {
        "boolean": "intake_hint_boolean",
        "date": "intake_hint_date",
        "choice": "intake_hint_choices" if q.repeats else "intake_hint_choice",
    }
    hints = [k for k in (keys.get(q.type), None if q.required else "intake_hint_skip") if k]
    line = " ".join(ctx.texts[k].get(language) or ctx.texts[k]["en"] for k in hints)
    text = f"({n}/{of}) {asked}" + (f"\n{line}" if line else "")
    return {"en": text.replace("{", "{{").replace("}", "}}")}  # form text is data, not a template


def take(turn: Turn, step: Questions, parse: Parse) -> None:
    s, ctx = turn.s, turn.ctx
    if is_pause(parse.text):
        turn.say_key("intake_paused")
        return turn.finish("paused")
    form, response = _load(s)
    question = _asking(s, form, response)
    if question is None:
        turn.move_past(step)
        return turn.run()
    taken = _read(form, question, parse, ctx)
    if _asks_for_the_form(turn, parse) and (taken.problem or question.type in ("string", "text")):
        turn.say_key("intake_continue")  # "can I do my forms" again: not an answer, a wish to go on
        run(turn, step)
        return None
    if fields.is_explicit_skip(parse.text) and question.required:
        return _reask(turn, step, "required")
    if fields.is_explicit_skip(parse.text) or (
        taken.problem and fields.is_skip(parse.text) and not question.required
    ):
        response = dataclasses.replace(response, skipped=(*response.skipped, question.link_id))
    elif not taken.problem:
        response = dataclasses.replace(response, answers={**response.answers, **taken.answers})
    else:
        problem = "required" if fields.is_skip(parse.text) and question.required else taken.problem
        return _reask(turn, step, problem or "empty")
    s.slots["intake"]["response"] = response_to_json(response)
    s.slots["intake"].pop("asking", None)
    for link_id in taken.answers or {question.link_id: []}:
        turn.notes.append({"kind": "intake_answered", "question": link_id})
    turn.move_past(step)
    turn.run()


def _asks_for_the_form(turn: Turn, parse: Parse) -> bool:
    return parse.intent in turn.flow.triggers and parse.confidence >= RESUME_CONFIDENCE


def answers_it(turn: Turn, step: Questions, parse: Parse) -> bool:
    state, ctx = turn.s, turn.ctx
    if is_pause(parse.text) or fields.is_explicit_skip(parse.text):
        return True
    form, response = _load(state)
    question = _asking(state, form, response)
    if question is None:
        return False
    taken = _read(form, question, parse, ctx)
    if taken.problem:
        return fields.is_skip(parse.text) and not question.required
    if (
        question.type in ("string", "text") or len(taken.answers) > 1
    ):  # free text, or yes + free text
        triggers = {t for f in ctx.flows.values() for t in f.triggers}
        return not (parse.intent in triggers and parse.confidence >= SWITCH_CONFIDENCE)
    return True


def _read(form: Form, question: Question, parse: Parse, ctx: TurnContext) -> answers.Taken:
    meant = "answer"
    if parse.confidence >= SURE_OTHERWISE and parse.intent not in ("inform", "affirm"):
        meant = (
            "deny" if parse.intent == "deny" else "other"
        )  # "help" is no allergy; "I don't think so" is no
    return answers.read(
        form, question, parse.text, ctx.catalogue.practice.locale, ctx.now.date(), meant
    )


def _reask(turn: Turn, step: Questions, problem: str) -> None:
    """Ask again; after too many misses the form stops, and offers the way back.

    Giving up leaves an invitation to the same form (dialogs/invitation.py), so the very next
    "yes", "carry on", "continue" or "FORMS" resumes at the unanswered question from the
    saved in-progress response, and "no" is taken politely.
    """
    flow = turn.s.flow
    if (
        not turn.reask(
            f"intake_problem_{problem}",
            lambda: run(turn, step),
            gave_up="intake_too_many_tries",
            fallback="intake_problem_empty",
        )
        and flow
    ):
        turn.s.invitation = {"flow": flow, "at": turn.ctx.now.isoformat(), "after": "gave_up"}


QUESTIONS = StepHandler(run, take, answers_it)
