"""What the assistant can do, offered as numbered choices outside any flow.

The greeting, the help and the "say it another way" answers list what the assistant does
("I can book, move or cancel appointments ..."); a patient answers them as they answer any
list: "1", or the one word they read ("book", "move it", "when"). So those answers come with
the list numbered (a keyboard on Telegram, a list on WhatsApp), and the next message may pick
from it. Only the very next message: the offer is forgotten after it, as a list in a flow is
once the flow ends. A message that reads as anything else is handled as before.
"""

from __future__ import annotations

from dialogs import chat_linking
from dialogs.context import TurnContext
from dialogs.matching import close_word, normalise
from dialogs.state import Offer, State
from dialogs.understanding import choice_index
from nlu.types import Parse

#: The offer's `slot` in State.scratch.offer (a fixed set's offer names its slot instead).
START = "start_menu"

#: Each choice: the flow it starts, the text of its label, and the words that pick it when
#: they are (nearly) all the message says. "cancel" alone never arrives here: it is a carrier
#: opt-out keyword, handled before the conversation (bot/preflight.py).
CHOICES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("book_appointment", "menu_book", frozenset({"book", "booking"})),
    ("reschedule_appointment", "menu_move", frozenset({"move", "reschedule", "rebook"})),
    ("cancel_appointment", "menu_cancel", frozenset({"cancel", "cancellation"})),
    ("check_appointment", "menu_when", frozenset({"when", "next"})),
)
#: Words a short pick may carry besides the one that picks ("book one", "move it please").
_FILLER = frozenset(
    {
        "a",
        "an",
        "the",
        "it",
        "one",
        "my",
        "appointment",
        "appt",
        "please",
        "pls",
        "plz",
        "i",
        "want",
        "option",
        "number",
        "no",
    }
)


def offer(state: State, ctx: TurnContext) -> tuple[str, ...]:
    """Remember the choices this answer shows; their labels, in order (none when the flows are
    not there, as in a practice that ships other flows, and none to a number on no record, for
    whom each of them would only end in "I couldn't find this number")."""
    if not ctx.patients and not chat_linking.can_link(ctx):
        state.scratch.offer = None
        return ()
    flows = [(flow, label) for flow, label, _ in CHOICES if flow in ctx.flows]
    state.scratch.offer = Offer(START, [flow for flow, _ in flows]) if flows else None
    return tuple(_label(ctx, label, state.language) for _, label in flows)


def picked(state: State, parse: Parse) -> str | None:
    """The flow the message picks from the choices shown just before, or None. The offer is
    used up either way."""
    shown, state.scratch.offer = state.scratch.offer, None
    if shown is None or shown.slot != START:
        return None
    words = [w for w in normalise(parse.text).split() if w not in _FILLER]
    index = choice_index(parse)
    if index is not None:
        # Only a pick and nothing else ("2", "option 2", "the first one"): a number inside a
        # sentence ("message number 4") is not an answer to a list nobody asked to pick from.
        if len(words) != 1 or not 1 <= index <= len(shown.ids):
            return None
        return shown.ids[index - 1]
    if not 1 <= len(words) <= 2:
        return None
    # Every word left must be one of the same choice's ("change details" picks nothing).
    hits = {
        flow
        for flow, _, keys in CHOICES
        if flow in shown.ids and all(any(close_word(w, k) for k in keys) for w in words)
    }
    return hits.pop() if len(hits) == 1 else None


def _label(ctx: TurnContext, key: str, language: str) -> str:
    text = ctx.texts[key]
    return text.get(language) or text["en"]
