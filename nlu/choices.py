"""Choice extraction: which of the offered options the patient picked.

"2", "#2", "option 3", "the second one", "2nd", "the 10:30 one", "the 3pm one", "the 1:45",
"the top one", "the earlier one", "número 2".
Value is {"index": n} (1-based, -1 for the last) or {"time": "HH:MM"}.

Decision: options are offered as a list in time order, so a position word picks by place:
"the top/earlier/earliest/sooner one" is the first, "the bottom/later/latest one" the last.
"Number" in the languages patients most often mix in ("numero", "número", "nummer", "numer",
Malay "nombor", Indonesian "nomor") and as it is said or typed ("numba", "numbr", "nomber")
counts like "number".
"""

from __future__ import annotations

import re

from nlu.dates.timeval import parse_time, to_24
from nlu.types import Entity

_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "ninth": 9,
    "9th": 9,
    "tenth": 10,
    "10th": 10,
}
_WORDNUM = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_ORD_RX = "|".join(_ORD)
_WORD_ORD_RX = "|".join(k for k in _ORD if not k[0].isdigit())
_NUM_RX = r"\d{1,2}|" + "|".join(_WORDNUM)
_FILLER = (
    r"(?:please|pls|plz|thanks|thank\s+you|thx|ty|ok|okay|k|then|works|is\s+good|is\s+fine|is\s+perfect"
    r"|for\s+me|sounds\s+good|i\s+guess|i\s+think|i'?ll\s+take|i'?d\s+like|i\s+want|let'?s\s+do|go\s+with"
    r"|i\s+choose|i\s+pick|pick|choose|take|give\s+me|yes|yeah|yep|sure|either|is\s+better|would\s+be\s+great|[\W_])*"
)
_TIME_RX = r"\d{1,2}(?::\d{2}|\.\d{2})?\s?(?:[ap]\.?m\.?)?|noon"

_PATTERNS = [
    # option 3 / number 2 / #2 / choice 1 / slot 2
    re.compile(
        rf"(?P<span>(?:\b(?:option|opt|number|numba|numbah|numbr|nomber|nombor|nomor|no\.?|choice|slot|num|numero|número|nummer|numer)\s*#?\s*|#\s*)(?P<num>{_NUM_RX})\b)"
    ),
    # the second one / 2nd option / the first
    re.compile(
        rf"(?P<span>\b(?:the\s+)?(?P<ord>{_ORD_RX})(?:\s+(?:one|option|choice|slot))?\b)(?!\s+(?:of|day|week|month|visit|time|thing|appointment))"
    ),
    # the 10:30 one / the 3pm slot
    re.compile(rf"(?P<span>\b(?:the\s+)?(?P<time>{_TIME_RX})\s+(?:one|option)\b)"),
    # the last one
    re.compile(r"(?P<span>\b(?:the\s+)?(?P<last>last)\s+(?:one|option)\b)"),
    # the top one / the earlier one / the later one
    re.compile(
        r"(?P<span>\bthe\s+(?:(?P<top>top|earlier|earliest|sooner|soonest)|"
        r"(?P<last>bottom|later|latest))\s+(?:one|option|slot|time)\b)"
    ),
]
# A whole message that is only "the <time>": "the 1:45", "the 3pm please".
_THE_TIME_ALONE = re.compile(rf"^{_FILLER}(?P<span>the\s+(?P<time>{_TIME_RX})){_FILLER}$")
# A whole reply that picks by the time said: "the one at 11", "the one for 3:30 pls". Only as the whole
# message: inside a sentence "cancel the one at 10" names a booked appointment (a datetime).
_ONE_AT_ALONE = re.compile(
    rf"^{_FILLER}(?P<span>the\s+one\s+(?:at|for|@)\s+(?P<time>{_TIME_RX})){_FILLER}$"
)
_BARE = re.compile(
    rf"^{_FILLER}(?P<span>(?P<num>\d{{1,2}})|(?P<word>{'|'.join(_WORDNUM)}))[.)]?{_FILLER}$"
)
_ORD_ALONE = re.compile(
    rf"^{_FILLER}(?:(?:the\s+)?(?P<ord>{_WORD_ORD_RX})|(?:the\s+)?(?P<ord2>{_ORD_RX})\s+(?:one|option|choice))(?:\s+(?:one|option|choice|slot|time|appointment))?{_FILLER}$"
)


def _time_value(text: str) -> str | None:
    tv = parse_time(text)
    if tv is None:
        return None
    mins = tv.minutes(None) % 1440
    return f"{mins // 60:02d}:{mins % 60:02d}" if to_24(tv) is not None else None


def extract_choices(text: str, max_index: int = 20) -> list[Entity]:
    """Choice entities in ``text``: {"index": n} or {"time": "HH:MM"}."""
    low = text.lower()
    m = _BARE.match(low)
    if m:
        n = int(m["num"]) if m["num"] else _WORDNUM[m["word"]]
        if 1 <= n <= max_index:
            return [
                Entity(
                    "choice",
                    m.start("span"),
                    m.end("span"),
                    text[m.start("span") : m.end("span")],
                    {"index": n},
                )
            ]
        return []
    m = _ONE_AT_ALONE.match(low)
    if m and (val := _time_value(m["time"])):
        s, e = m.start("span"), m.start("span") + len(m["span"].rstrip())
        return [Entity("choice", s, e, text[s:e], {"time": val})]
    m = _THE_TIME_ALONE.match(low)
    if (
        m
        and (":" in m["time"] or re.search(r"[ap]\.?m|noon", m["time"]))
        and (val := _time_value(m["time"]))
    ):
        return [
            Entity(
                "choice",
                m.start("span"),
                m.end("span"),
                text[m.start("span") : m.end("span")],
                {"time": val},
            )
        ]
    out: list[Entity] = []
    for i, rx in enumerate(_PATTERNS):
        for m in rx.finditer(low):
            s, e = m.span("span")
            if any(not (e <= o.start or s >= o.end) for o in out):
                continue
            if i == 1 and not (
                re.search(r"\b(?:one|option|choice|slot)$", m["span"]) or _ORD_ALONE.match(low)
            ):
                continue
            if m.groupdict().get("top"):
                out.append(Entity("choice", s, e, text[s:e], {"index": 1}))
                continue
            if m.groupdict().get("last"):
                out.append(Entity("choice", s, e, text[s:e], {"index": -1}))
                continue
            if m.groupdict().get("time"):
                val = _time_value(m["time"])
                if val is None:
                    continue
                out.append(Entity("choice", s, e, text[s:e], {"time": val}))
                continue
            n = (
                _ORD[m["ord"]]
                if m.groupdict().get("ord")
                else (int(m["num"]) if m["num"].isdigit() else _WORDNUM[m["num"]])
            )
            if 1 <= n <= max_index:
                out.append(Entity("choice", s, e, text[s:e], {"index": n}))
    return sorted(out, key=lambda e: e.start)
