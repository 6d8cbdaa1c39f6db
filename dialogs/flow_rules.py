"""The rules a flow must keep beyond its JSON Schema, each broken one a FlowError naming the fix.

One flow on its own (`flow_problems`, run by `flow_from_json` on every load):

- its triggers are intents of the NLU contract (docs/nlu-contract.md);
- every step can be reached from the first one;
- a `branch` tests only slots the flow has and ends with its `otherwise` fallback (refused
  while building it, dialogs/validation.py);
- every `action` step routes every outcome its action can give (an unrouted outcome, such as
  `down` when the records system is away, would drop the patient with "let's start over");
- no loop runs through steps that never ask the patient anything (it would spin until the
  engine's bound and fail the turn);
- a menu option `set`s only slots an action reads, and `{form_x}` names a field of the flow;
- no answer the patient is offered is a carrier keyword: a menu word or label such as "Cancel",
  or wording like "reply STOP". The carrier (and our own preflight, bot/preflight.py) would take
  it as an opt-out or a help request, never as an answer. YES is allowed: Twilio treats YES as
  an opt-in only from a number that has opted out, and the assistant's own keywords
  (nlu/keywords.py) leave it to the conversation, so "Reply YES or NO" stays.

A set of flows together (`flow_set_problems`, run by `load_flows` and by anyone validating a
practice's flows before they run): linked flows exist, no intent starts two flows, flows do
not link to each other in a cycle that never asks the patient anything (`flow:` steps reached
without a question, round and round), and every text is given in each of the practice's
languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from dialogs.actions import ACTIONS
from dialogs.schema import (
    SETTABLE_SLOTS,
    Action,
    Branch,
    Choose,
    Collect,
    Confirm,
    Field,
    Flow,
    FlowError,
    FlowLink,
    HandOff,
    Menu,
    Questions,
    Say,
    Step,
    Text,
)
from nlu.contract import INTENTS
from nlu.keywords import HELP, OPT_IN, OPT_OUT, keyword_key

#: Every carrier keyword a patient's answer must not be (Twilio's list, and REVOKE and OPTOUT of
#: the CTIA's). YES is deliberately absent (see the module's docstring).
CARRIER_KEYWORDS = OPT_OUT | OPT_IN | HELP
#: The steps that wait for the patient; a loop through none of them never stops.
ASKING = (Collect, Choose, Confirm, Field, Menu, Questions)
#: "Reply STOP", "text 'cancel'", "send HELP": wording that offers a word as the answer.
_OFFERED_WORD = re.compile(
    r"\b(?:reply|text|send|answer|type|respond)(?:\s+(?:with|us))?\s+[\"'\u201c\u2018]?([A-Za-z]+)",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"\{(form_[a-z0-9_]+)\}")
#: Placeholders of forms that are not one field's value (dialogs/forms.py, form_values).
_FORM_SUMMARIES = {"form_first_name", "form_insurance"}


def flow_problems(flow: Flow) -> list[FlowError]:
    """Every rule of one flow that `flow` breaks, in step order."""
    return [
        *_unknown_triggers(flow),
        *_unreachable(flow),
        *_unrouted_outcomes(flow),
        *_silent_loops(flow),
        *_unknown_slots(flow),
        *_carrier_keywords(flow),
    ]


def flow_set_problems(
    flows: Mapping[str, Flow], languages: Sequence[str] = ("en",)
) -> list[FlowError]:
    """Every rule that a practice's flows, taken together, break.

    `languages` are the languages the practice offers; each text must be given in all of them.
    """
    problems: list[FlowError] = []
    starts: dict[str, str] = {}
    for flow in flows.values():
        for intent in flow.triggers:
            if intent in starts:
                problems.append(
                    FlowError(
                        flow.id,
                        None,
                        f"intent '{intent}' already starts flow '{starts[intent]}'",
                        "give each intent to one flow only",
                    )
                )
            starts.setdefault(intent, flow.id)
        for step in flow.steps:
            if isinstance(step, Menu):
                problems.extend(
                    FlowError(
                        flow.id,
                        step.id,
                        f"an option links to a flow '{option.flow}' that does not exist",
                        f"link one of {sorted(flows)}",
                    )
                    for option in step.options
                    if option.flow and option.flow not in flows
                )
            if isinstance(step, FlowLink) and step.flow not in flows:
                problems.append(
                    FlowError(
                        flow.id,
                        step.id,
                        f"it links to a flow '{step.flow}' that does not exist",
                        f"link one of {sorted(flows)}",
                    )
                )
        problems.extend(missing_languages(flow, languages))
    return problems + _silent_flow_cycles(flows)


def _silent_links(flow: Flow) -> list[FlowLink]:
    """The `flow:` steps reached from the flow's first step without a step that asks."""
    seen: set[str] = set()
    todo = [flow.steps[0].id]
    links: list[FlowLink] = []
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        step = flow.step(sid)
        if isinstance(step, FlowLink):
            links.append(step)
        elif not isinstance(step, ASKING):
            todo += successors(flow, step)
    return links


def _silent_flow_cycles(flows: Mapping[str, Flow]) -> list[FlowError]:
    """Flows that start each other round and round without asking anything (a -> b -> a): the
    loop rule of one flow, across flows. A flow whose requirements may ask (the date of birth)
    still counts, as a known, verified patient would go round without being asked."""
    links = {fid: _silent_links(f) for fid, f in flows.items()}
    problems: list[FlowError] = []
    reported: set[str] = set()

    def walk(fid: str, path: list[str]) -> list[str] | None:
        if fid in path:
            return [*path[path.index(fid) :], fid]
        for link in links.get(fid, []):
            if loop := walk(link.flow, [*path, fid]):
                return loop
        return None

    for fid in flows:
        loop = walk(fid, [])
        if loop and loop[0] == fid and not reported.intersection(loop):
            reported.update(loop)
            step = next(link.id for link in links[fid] if link.flow == loop[1])
            problems.append(
                FlowError(
                    fid,
                    step,
                    f"flows link in a loop ({' -> '.join(loop)}) without asking the patient "
                    "anything",
                    "link a flow that does not lead back here, or ask something before the link",
                )
            )
    return problems


def missing_languages(flow: Flow, languages: Sequence[str]) -> list[FlowError]:
    """A text of `flow` not given in one of `languages` (the practice's), by step."""
    problems: list[FlowError] = []
    for step in flow.steps:
        for where, text in texts_of(step):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                problems.append(
                    FlowError(
                        flow.id,
                        step.id,
                        f"its {where} has no {', '.join(missing)} text",
                        f"add the {', '.join(missing)} wording beside the 'en' one",
                    )
                )
    return problems


def texts_of(step: Step) -> Iterator[tuple[str, Text]]:
    """(what it is, the localised text) for each text a step says."""
    match step:
        case Collect() | Choose() | Field():
            yield "question (ask)", step.ask
        case Confirm():
            yield "confirm text", step.text
        case Say():
            yield "say text", step.text
        case Menu():
            yield "menu text", step.text
            for number, option in enumerate(step.options, 1):
                yield f"option {number} label", option.label


def successors(flow: Flow, step: Step) -> list[str]:
    """The steps the engine can go to from `step` (dialogs/basic_steps.py, dialogs/forms.py)."""
    after = flow.after(step)
    following = [after.id] if after else []
    match step:
        case Action():
            return list(step.outcomes.values())
        case Confirm():
            return [step.on_yes, step.on_no]
        case Choose():
            return following + ([step.on_none] if step.on_none else [])
        case Menu():
            targets = [o.next for o in step.options if o.next]
            return targets + (
                following if any(not (o.next or o.flow) for o in step.options) else []
            )
        case Branch():
            return [c.next for c in step.cases] + [step.otherwise]
        case HandOff() | FlowLink():
            return []  # the flow ends here (staff take over, or another flow starts)
    return following


def _unknown_triggers(flow: Flow) -> Iterable[FlowError]:
    for intent in flow.triggers:
        if intent not in INTENTS:
            yield FlowError(
                flow.id,
                None,
                f"trigger '{intent}' is not an intent the NLU gives",
                f"use one of the intents of docs/nlu-contract.md: {', '.join(INTENTS)}",
            )


def _unreachable(flow: Flow) -> Iterable[FlowError]:
    # A new service or time while choosing goes back to the flow's search for openings
    # (basic_steps.search_step), so that search is reached whether or not a step names it.
    roots = [flow.steps[0].id] + [
        s.id for s in flow.steps if isinstance(s, Action) and s.action == "find_openings"
    ]
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        sid = todo.pop()
        if sid in seen:
            continue
        seen.add(sid)
        todo += successors(flow, flow.step(sid))
    for step in flow.steps:
        if step.id not in seen:
            yield FlowError(
                flow.id,
                step.id,
                "no step leads to it, so it can never run",
                "point a 'next', an outcome or an option to it, or remove it",
            )


def _unrouted_outcomes(flow: Flow) -> Iterable[FlowError]:
    for step in flow.steps:
        if isinstance(step, Action):
            missing = [o for o in ACTIONS[step.action].outcomes if o not in step.outcomes]
            if missing:
                yield FlowError(
                    flow.id,
                    step.id,
                    f"action '{step.action}' can end in {missing} and nothing handles it",
                    f"route {', '.join(missing)} under 'outcomes' (e.g. down: to a step that "
                    "says the system is unavailable)",
                )


def _silent_loops(flow: Flow) -> Iterable[FlowError]:
    """A cycle of steps none of which asks the patient: found by a depth-first walk."""
    silent = {s.id: s for s in flow.steps if not isinstance(s, ASKING)}
    done: set[str] = set()

    def walk(sid: str, path: list[str]) -> list[str] | None:
        if sid in path:
            return [*path[path.index(sid) :], sid]
        if sid in done or sid not in silent:
            return None
        for nxt in successors(flow, silent[sid]):
            if loop := walk(nxt, [*path, sid]):
                return loop
        done.add(sid)
        return None

    reported: set[str] = set()
    for sid in silent:
        loop = walk(sid, [])
        if loop and not reported.intersection(loop):
            reported.update(loop)
            yield FlowError(
                flow.id,
                loop[0],
                f"it loops ({' -> '.join(loop)}) without asking the patient anything",
                "end the loop, or put a step that asks (collect, choose, confirm, field, menu, "
                "questionnaire) in it",
            )


def _unknown_slots(flow: Flow) -> Iterable[FlowError]:
    fields = {s.key for s in flow.steps if isinstance(s, Field)}
    for step in flow.steps:
        if isinstance(step, Menu):
            for option in step.options:
                for slot in option.set:
                    if slot not in SETTABLE_SLOTS:
                        yield FlowError(
                            flow.id,
                            step.id,
                            f"an option sets a slot '{slot}' that no action reads",
                            f"set one of {list(SETTABLE_SLOTS)}",
                        )
        for _, text in texts_of(step):
            for wording in text.values():
                for name in _PLACEHOLDER.findall(wording):
                    if name not in _FORM_SUMMARIES and name[len("form_") :] not in fields:
                        yield FlowError(
                            flow.id,
                            step.id,
                            f"'{{{name}}}' names a field no step of the flow collects",
                            f"use one of {sorted('{form_' + f + '}' for f in fields)}"
                            if fields
                            else "add the field step, or remove the placeholder",
                        )


def _carrier_keywords(flow: Flow) -> Iterable[FlowError]:
    fix = (
        "use another word or a number: carriers take a message that is only "
        f"{', '.join(sorted(CARRIER_KEYWORDS))} as an opt-out or help request, never as an answer"
    )
    for step in flow.steps:
        if isinstance(step, Menu):
            for number, option in enumerate(step.options, 1):
                for word in (*option.words, *option.label.values()):
                    if keyword_key(word) in CARRIER_KEYWORDS:
                        yield FlowError(
                            flow.id,
                            step.id,
                            f"option {number} is answered with the carrier keyword '{word}'",
                            fix,
                        )
        for where, text in texts_of(step):
            for wording in text.values():
                for word in _OFFERED_WORD.findall(wording):
                    if word.upper() in CARRIER_KEYWORDS:
                        yield FlowError(
                            flow.id,
                            step.id,
                            f"its {where} asks the patient to answer '{word}', a carrier keyword",
                            fix,
                        )
