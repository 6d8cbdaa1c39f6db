"""How a reply is rendered as text on each channel (the provider adapters call these).

The channel port itself (`ChannelSender`, what a send returns) is in bot/ports/sending.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Outbound

#: Twilio refuses longer bodies (error 21617); Telegram's limit is 4096.
SMS_MAX_CHARS = 1600
TELEGRAM_MAX_CHARS = 4096
ELLIPSIS = "…"


def numbered_text(message: Outbound, limit: int = SMS_MAX_CHARS) -> str:
    """SMS (and WhatsApp) rendering: choices as numbered lines, so the reply grammar is
    numbers and never a carrier keyword; cut to the channel's limit."""
    return clip(message.plain_text(), limit)


def text_and_links(message: Outbound, limit: int = TELEGRAM_MAX_CHARS) -> str:
    """Telegram rendering of the text; the choices become an inline keyboard instead."""
    lines = [message.text] if message.text else []
    lines += [f"{link.label}: {link.url}" for link in message.links]
    return clip("\n".join(lines), limit)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - len(ELLIPSIS)] + ELLIPSIS


def choice_buttons(choices: Sequence[str]) -> list[tuple[str, str]]:
    """(label, callback data) per choice; pressing one sends its number, like typing it."""
    return [(f"{i}. {choice}", f"choice:{i}") for i, choice in enumerate(choices, start=1)]
