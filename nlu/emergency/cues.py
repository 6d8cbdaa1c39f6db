"""Urgency and severity cues: words of time, speed, severity and alarm.

"right now", "suddenly", "won't stop", "getting worse", "please hurry", "worst
ever", "can't breathe / move / stand", "!!". A red-flag *mention* with one of these
in the message is an emergency; a strong cue lets the classifier call one.
"""

from __future__ import annotations

import re

_URGENT = re.compile(
    r"(?:!{2,}|\b(?:right\s+now|now(?!\s+and\s+(?:then|again))(?<!for\s\bnow)(?<!by\s\bnow)(?<!until\s\bnow)|just\s+now|at\s+the\s+moment|sudden(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|"
    r"won't\s+stop|will\s+not\s+stop|not\s+stopping|can't\s+stop|doesn't\s+stop|keeps?\s+(?:getting\s+worse|coming)|"
    r"getting\s+worse|worse\s+and\s+worse|worse\s+by\s+the\s+minute|(?<!too\s)fast|rapidly|(?<!too\s)(?<!so\s)(?<!stop\s)(?<!stops\s)(?<!stopped\s)(?<!up\s)quickly|help(?=\s*(?:!|please|us\b|him|her|now))(?!\s*(?:him|her|us|them)\s+(?:to\s+)?(?:stop|quit|sleep|cope|settle|relax|learn|understand|with|get\s+(?:better|over|off)|cut\s+down)\b)|"
    r"(?:please|someone|somebody|send)\s+help(?!\s+(?:me\s+|us\s+)?(?:with|to|fill|book|find|understand|change|cancel|get|sort|complete))|need\s+help(?!\s+(?:with|booking|to|finding|filling))|help\s+me(?!\s+(?:book|with|to|find|get|change|cancel|understand|fill))|hurry|please\s+hurry|"
    r"asap|urgent(?:ly)?|emergency|(?<!too\s)(?<!a\s)(?<!up\s)quick|so\s+bad|really\s+bad|very\s+bad|super\s+bad|terrible|horrible|awful|"
    r"worst|unbearable|agony|agonising|agonizing|excruciating|severe(?:ly)?|extreme(?:ly)?|massive|scared|"
    r"terrified|frightened|panicking|freaking\s+out|what\s+(?:do|should)\s+(?:i|we)\s+do|what\s+to\s+do|"
    r"can't\s+(?:breathe(?!\s+(?:through|thru)\s+(?:my|his|her|the|it)\b)|move|stand|walk|talk|speak|see(?!\s+(?:this|that|these|the|your|my|any|it)\s+(?:\w+\s+)?(?:writing|text|screen|print|letters|words|message|website|app|page|link|form|button|email|options?|slots?|appointments?|times?|details))|feel|wake|swallow|think|get\s+up|focus)|"
    r"won't\s+wake|not\s+waking|dying(?!\s+(?:for|to)\s+(?:a|an|the|some|see|know|go|try|get|hear|meet|have))|ambulance|911|999|112|tonight|(?:call\w*|ring\w*|rang|dial\w*|phon\w*)\s+(?:000|995|998|997|triple\s+(?:zero|0))|(?:calling|ringing|phoning|dialling)\s+111\s+now|(?:take|taking|took|rush\w*|driv\w*|drove|bring\w*|brought|going|go|heading|head|get\w*)\s+(?:him|her|them|me|us|my\s+\w+)?\s*(?:straight\s+)?(?:to|into)\s+(?:a&e|a\s+and\s+e|the\s+er|er|casualty|resus|the\s+emergency\s+(?:room|department)))\b|(?<!have\s)(?<!get\s)(?<!some\s)(?<!any\s)(?<!for\s)(?<!with\s)(?<!the\s)\bhelp\s*$)"
)

_CLAUSE_SPLIT = re.compile(r"[,;.!?\n]")
_DENIED_CLAUSE = re.compile(
    r"^\s*(?:no|not|never|none|nothing(?!\s+(?:feels|is|seems|looks)\s+real)|stopped|it\s+stopped|it's\s+stopped)\b|\b(?:has\s+stopped|went\s+away|gone\s+away)\b|"
    r"\b(?:fine|ok|okay|better|settled|sorted|stopped|gone|cleared|passed|over|grand|good|alright|healed|healing)\s+(?:now|today)\b|\b(?:it's|it\s+has|it\s+is|has)\s+(?:all\s+)?(?:gone|cleared|passed)\b(?!\s+(?:a\s+lot|lots|loads|blood|clots|out|black|something|white|blue|grey|gray|pale|numb|floppy|limp|purple|cold|stiff|hard|crooked|quiet|misty|blurr\w*|dark|dim|cloudy|foggy|hazy|red|yellow|weak|dead))"
)

#: Cues strong enough to say "this is happening now" inside a sentence about history or admin.
PRESENT = re.compile(
    r"(?:!{2,}|\b(?<!nothing\s)(?<!not\s)(?<!isn't\s)(?<!wasn't\s)(?<!never\s)(?:right\s+now|just\s+now|at\s+the\s+moment|sudden(?:ly)?|all\s+of\s+a\s+sudden|won't\s+stop|"
    r"will\s+not\s+stop|not\s+stopping|getting\s+worse|worse\s+and\s+worse|please\s+hurry|hurry|ambulance|911|999|"
    r"what\s+(?:do|should)\s+(?:i|we)\s+do(?!\s+(?:if|in\s+(?:an?\s+)?(?:emergency|case)))|can't\s+(?:breathe(?!\s+(?:through|thru)\s+(?:my|his|her|the|it)\b)|move|stand|wake)|won't\s+wake|(?<!playing\s)(?<!eating\s)(?<!feeding\s)(?<!drinking\s)(?<!sleeping\s)(?<!himself\s)(?<!herself\s)(?<!normal\s)(?<!fine\s)(?<!well\s)again\s+(?:now|today|tonight)|"
    r"(?:same|that|the)\s+(?:\w+\s+)?(?:pain|pressure|tightness|feeling|heaviness)\s+(?:has|is|'s)\s+(?:just\s+)?(?:started|starting|back|come\s+back|returned)\b|"
    r"(?:he's|she's|i've|they've|he\s+has|she\s+has)\s+just\s+(?:had|collapsed|fainted|passed\s+out|started|gone)\b|(?:hasn't|has\s+not|haven't|have\s+not)\s+stopped\b|"
    r"(?:i'm|i\s+am|she's|she\s+is|he's|he\s+is)\s+(?:still\s+)?(?:passing\s+(?:\w+\s+)?clots|soaking\s+(?:through|a\s+pad|pads)|losing\s+(?:a\s+lot\s+of\s+)?blood)\b|"
    r"(?:he's|she's|i've|i'm|he\s+has|she\s+has|they've|it's)\s+now\b(?!\s+(?:pregnant|expecting|\d+|older|retired|registered|on\s+(?:a|the|my|his|her)|taking|home|back|fine|better|ok|okay|well|settled|recovered))|(?<!year\s)(?<!years\s)(?<!month\s)(?<!months\s)(?<!week\s)(?<!weeks\s)(?<!days\s)now\s+(?:and\s+)?(?:i've|i'm|i\s+am|i\s+have|he's|she's|he\s+is|she\s+is|he\s+has|she\s+has|they're|they\s+are|it's|it\s+is|there's)\s+(?:got\s+|getting\s+|being\s+|very\s+|so\s+)?"
    r"(?!(?:fine|better|ok|okay|well|home|back|settled|recovered|pregnant|\d|on\s|taking|due|booked|registered|at\s+home|over|in\s+(?:hospital|care)|good|great|a\s+(?:lot\s+)?better|"
    r"worried|wondering|want\w*|hoping|looking|trying|waiting|asking|need\w*|booking|scared|anxious|concerned|nervous|afraid|thinking|"
    r"unsure|not\s+sure|able|allowed|ready|free|available|going\s+to\s+(?:book|see|ask|call)|off|working|started\s+on|finished|done|due|"
    r"had|stopped|been|doing|moved|changed|quit|given\s+birth|delivered|started\s+(?:on|taking)|on\s+the|getting\s+(?:married|better)))"
    r"|(?:feel|feels|feeling)\s+like\s+(?:i'm|i\s+am|he's|she's)\s+(?:going\s+to|gonna)\s+die|since\s+(?:this\s+(?:morning|afternoon|evening)|an\s+hour|half\s+an\s+hour|\d+\s+minutes|last\s+night|lunch)|(?:an?|one|two|\d+)\s+(?:hours?|minutes?)\s+ago)\b)"
)

_STRONG = re.compile(
    r"(?:!{2,}|\b(?:right\s+now|just\s+now|sudden(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|won't\s+stop|"
    r"will\s+not\s+stop|not\s+stopping|getting\s+worse|worse\s+and\s+worse|please\s+hurry|hurry|ambulance|911|999|"
    r"(?:call\w*|ring\w*|dial\w*)\s+(?:000|995|998|997|triple\s+(?:zero|0))|"
    r"what\s+(?:do|should)\s+(?:i|we)\s+do(?!\s+(?:if|in\s+(?:an?\s+)?(?:emergency|case)))|can't\s+(?:breathe(?!\s+(?:through|thru)\s+(?:my|his|her|the|it)\b)|move|stand|wake)|won't\s+wake|terrified|panicking)\b)"
)
#: A call for help, on top of ``_STRONG``: what makes a message urgent with no symptom named.
_CALL_FOR_HELP = re.compile(
    r"\b(?:(?:please|someone|somebody|send)\s+help(?!\s+(?:me\s+|us\s+)?(?:with|to|fill|book|find|understand|change|cancel|get|sort|complete))|help(?!\s*(?:him|her|us|them)\s+(?:to\s+)?(?:stop|quit|sleep|cope|settle|relax|learn|understand|with|get\s+(?:better|over|off)|cut\s+down)\b)\s*(?:!|please|us\b|him\b|her\b)|asap|urgent(?:ly)?|(?<!too\s)(?<!a\s)quick(?:ly)?|"
    r"come\s+(?:now|quick|fast))"
)


def undenied(text: str) -> str:
    """``text`` without its denied clauses ("no bleeding now", "it stopped"), for reading cues in."""
    kept = " , ".join(c for c in _CLAUSE_SPLIT.split(text) if not _DENIED_CLAUSE.search(c))
    return kept + " !!" if "!!" in text else kept


def has_urgency(text: str, *, strong: bool = False, kept: str | None = None) -> bool:
    """Whether ``text`` carries a cue of time, speed, severity or alarm outside a denied clause.

    "No bleeding now, it stopped" has "now" only inside what is denied, so it is not urgent.
    ``strong`` asks for a cue that says "happening now, act now" on its own ("right now",
    "please hurry", "!!"), not a word of severity or a bare "now". ``kept`` is ``undenied(text)``
    when the caller has it already (the screen reads it up to three times).
    """
    if kept is None:
        kept = undenied(text)
    if strong:
        return bool(_STRONG.search(kept) or _CALL_FOR_HELP.search(kept))
    return bool(_URGENT.search(kept))
