"""Carrier keywords (STOP, START, HELP ...), matched on the whole message only.

"STOP", "stop.", " Stop! " and "stop all" are opt-outs; "stop the appointment
on friday" is not, because the keyword must be the entire message once case,
punctuation, spaces and emoji are set aside.
"""

from __future__ import annotations

import re

OPT_OUT = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
OPT_IN = frozenset({"START", "UNSTOP"})
HELP = frozenset({"HELP", "INFO"})

_INTENT = {
    **dict.fromkeys(OPT_OUT, "opt_out"),
    **dict.fromkeys(OPT_IN, "opt_in"),
    **dict.fromkeys(HELP, "help"),
}
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def keyword_key(text: str) -> str:
    """The message reduced to upper-case letters and digits ("Stop all!" -> "STOPALL")."""
    return _NON_ALNUM.sub("", text).upper()


def carrier_keyword(text: str) -> str | None:
    """The carrier keyword the whole message is, or None."""
    key = keyword_key(text)
    return key if key in _INTENT else None


def keyword_intent(text: str) -> str | None:
    """``opt_out``, ``opt_in`` or ``help`` when the whole message is a carrier keyword."""
    key = carrier_keyword(text)
    return _INTENT[key] if key else None
