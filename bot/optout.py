"""Whose opt-out a message concerns.

Opt-outs are kept per practice and address, and an address means a person's number on
every phone channel: STOP sent by SMS also silences WhatsApp to that number. A Telegram
chat has no number, so its chat id is its own address.
"""

from __future__ import annotations

from domain.phones import PHONE_CHANNELS


def optout_address(channel: str, address: str) -> str:
    """The key of `address` in the opt-out list: the E.164 number, or `telegram:<chat id>`."""
    if channel in PHONE_CHANNELS:
        return address
    return f"{channel}:{address}"
