"""What the intent classifier sees: the message with values masked and SMS spelling evened out.

Masking rule-found values ("tmrw at 3" -> "xdate") lets the classifier learn
"a bare date is inform" from a few examples instead of from every date there is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from nlu.types import Entity

MASKS = {
    "datetime": "xdate", "phone_number": "xphone", "email": "xemail",
    "birth_date": "xdob", "choice": "xchoice",
}

_SHORTHAND = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plse": "please",
    "thx": "thanks", "thnx": "thanks", "thanx": "thanks", "ty": "thanks", "tysm": "thanks",
    "appt": "appointment", "appts": "appointments", "apt": "appointment", "appointmnt": "appointment",
    "appoinment": "appointment", "apointment": "appointment", "appointmet": "appointment",
    "wanna": "want to", "gonna": "going to", "gotta": "got to", "cant": "can't", "dont": "don't",
    "im": "i'm", "ive": "i've", "id": "i'd", "ill": "i'll", "w": "with", "w/": "with", "b4": "before",
    "2": "2", "cuz": "because", "coz": "because", "bc": "because", "abt": "about", "msg": "message",
    "msgs": "messages", "txt": "text", "txts": "texts", "txting": "texting", "resched": "reschedule",
    "dr": "doctor", "dr.": "doctor", "doc": "doctor", "info": "info", "yr": "your", "nite": "night",
    "k": "ok", "kk": "ok", "okie": "ok", "okey": "ok", "ya": "yes", "yea": "yes", "yeah": "yes",
    "yep": "yes", "yup": "yes", "nah": "no", "nope": "no", "pmt": "payment", "bal": "balance",
}
_REPEAT = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(r"[a-z0-9'/.]+|[^\sa-z0-9]")


def mask(text: str, entities: Iterable[Entity]) -> str:
    """``text`` with each rule-found entity replaced by its mask word."""
    out, pos = [], 0
    for e in sorted((e for e in entities if e.entity in MASKS), key=lambda e: e.start):
        if e.start < pos:
            continue
        out.append(text[pos : e.start])
        out.append(f" {MASKS[e.entity]} ")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def classifier_text(text: str, entities: Iterable[Entity] = ()) -> str:
    """Masked, lower-cased, shorthand-expanded text for the intent classifier."""
    low = _REPEAT.sub(r"\1\1", mask(text, entities).lower().replace("\u2019", "'"))
    words = []
    for tok in _TOKEN.findall(low):
        core = tok.rstrip(".")
        words.append(_SHORTHAND.get(tok, _SHORTHAND.get(core, tok)))
    return " ".join(words)
