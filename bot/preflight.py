"""What happens to a message before the NLU and the dialogue engine see it.

Carrier keywords come first on every channel (STOP family, START/UNSTOP, HELP/INFO, from
nlu.keywords); then a message from an opted-out address is left unanswered; then
messages the assistant cannot read (media only, over-long) get a plain answer. Anything
else goes on to the conversation.

The opt-out list itself changes when the message is *received* (bot.assistant), so that
a STOP silences the sender at once, even while earlier messages wait to be processed;
here the change is only confirmed, and only if it did change something (a second STOP
is not confirmed again).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.messages import Outbound
from bot.ports import InboundRecord
from dialogs.context import Texts
from dialogs.render import say
from nlu.keywords import keyword_intent

#: Longer messages are not read (Twilio allows 1600 characters, Telegram 4096).
MAX_MESSAGE_CHARS = 1000
#: Replies that reach an opted-out address: answers to the carrier keywords themselves.
COMPLIANCE = "compliance"


@dataclass(frozen=True)
class Preflight:
    """The outcome of a message that does not reach the conversation."""

    event: str  # opted_out | opted_in | help | ignored_opted_out | media_only | too_long
    replies: tuple[Outbound, ...] = ()
    purpose: str = "reply"


def keyword_of(text: str | None) -> str | None:
    """opt_out, opt_in or help when the whole message is a carrier keyword."""
    return keyword_intent(text) if text else None


def preflight(
    message: InboundRecord, opted_out: bool, texts: Texts, language: str, vals: dict[str, str]
) -> Preflight | None:
    """The answer to `message` if it stops here, or None if the conversation should see it."""
    keyword = message.metadata.get("keyword") or keyword_of(message.body)
    confirm = bool(message.metadata.get("keyword_changed"))

    def reply(key: str) -> tuple[Outbound, ...]:
        return (Outbound(text=say(texts[key], language, vals)),)

    if keyword == "opt_out":
        return Preflight("opted_out", reply("opted_out") if confirm else (), COMPLIANCE)
    if keyword == "opt_in":
        return Preflight("opted_in", reply("opted_in") if confirm else (), COMPLIANCE)
    if keyword == "help":
        return Preflight("help", reply("keyword_help"), COMPLIANCE)
    if opted_out:
        return Preflight("ignored_opted_out")
    text = (message.body or "").strip()
    if not text and message.metadata.get("media_count"):
        return Preflight("media_only", reply("media_only"))
    if len(text) > MAX_MESSAGE_CHARS:
        return Preflight("too_long", reply("too_long"))
    return None
