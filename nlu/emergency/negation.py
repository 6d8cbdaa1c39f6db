"""Negation and clauses: where a mention of a symptom is denied or over.

The screen reads each match inside its *clause*: the stretch between sentence ends,
commas and breaks such as "but", "also" or "and now". So "no chest pain, but I
can't breathe" still fires on its second half.

Negation is a cue word close before the symptom (at most three words, same
clause: "no chest pain", "not bleeding anymore", "denies any chest pain"), not a
treatment that isn't working ("the spray isn't touching the pain"), or a
resolution close after it ("the bleeding has stopped", "the rash went away").
"""

from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(
    r"[.!?;,\n]|\b(?:but|though|although|however|except|yet|also|and\s+now|and\s+also|and\s+then|plus|whereas)\b"
    # round four: run-on dictated messages ("I had my jab last week and today he collapsed"): a new time,
    # a reason, or someone who has "just" done something starts a new clause; so do spoken "full stop"
    # and "comma"
    r"|\b(?:and|but)\s+(?:today|tonight|this\s+(?:morning|afternoon|evening)|just\s+now|right\s+now|suddenly|all\s+of\s+a\s+sudden)\b"
    r"|\b(?:because|cos|coz)\b|\band\s+(?:he's|she's|i've|he\s+has|she\s+has|they've|i\s+have)\s+just\b|\b(?:full\s+stop|comma)\b"
)

#: A bare "no" that answers a question and then tells ("no he's unconscious", "no she isn't breathing",
#: "no the bleeding won't stop") starts a new statement about someone; it denies nothing after it. A "no"
#: before the symptom itself ("no chest pain") still does; "no the bleeding has stopped" is denied by
#: its resolution after the symptom.
_ANSWER_NO = r"no(?!\s+(?:he|she|they|we|i|it|he's|she's|they're|we're|i'm|it's|hes|shes|im|my|his|her|our|their|the|this|that)\b)"

_NEG_BEFORE = re.compile(
    r"\b(?:"
    + _ANSWER_NO
    + r"|not|without|never|denies|deny|denied|nor|none|free\s+of|negative\s+for|don't\s+have|doesn't\s+have|"
    r"didn't\s+have|haven't\s+had|hasn't\s+had|(?:don't|do\s+not|doesn't|does\s+not)\s+want\s+to|(?:i'd|i\s+would|would|i)\s+hate\s+to|(?:to\s+)?avoid(?:ing)?|so\s+(?:as\s+)?not\s+to|isn't|aren't|wasn't|weren't|no\s+longer|not\s+any|no\s+more|"
    r"ruled\s+out|rule\s+out)\b(?!\s+(?:touching|helping|working|easing|shifting|doing|stopping|going\s+away|well|right|good|ok|okay|"
    r"himself|herself|themselves|myself|sure|normal|idea|helmet|seat\s*belt|answering|responding|waking|making|able|feeling|coping|eating|drinking))"
    r"(?:\s+\S+){0,3}\s*$"
)
_NEG_AFTER = re.compile(
    r"^\s*(?:(?!and\b|now\b)\S+\s+){0,2}?(?:has\s+|have\s+|had\s+|is\s+|it's\s+|is\s+all\s+)?(?:stopped|gone\s+away|"
    r"went\s+away|gone\s+now|(?:long\s+)?gone\b(?!\s+(?:into|to|down|up|through|numb|blue|grey|pale|white|limp|floppy|stiff|quiet|cold))|cleared\s+up|settled(?:\s+down)?|resolved|under\s+control|calmed\s+down|eased\s+off|"
    r"better\s+now|fine\s+now|ok\s+now|okay\s+now|passed\s+now|"
    # not yet: "my waters haven't broken yet"
    r"(?:haven't|hasn't|have\s+not|has\s+not)\s+(?:broken|gone|started|come|gone\s+off)(?:\s+yet)?)\b"
)


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the match's clause before ``start`` and after ``end``."""
    before = text[:start]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    after = text[end:]
    stop = _CLAUSE_BREAK.search(after)
    return before[cut:], after[: stop.start()] if stop else after


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``."""
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end) for c in ".?\n") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


#: "Didn't" denies only the word right after it ("no I didn't overdose"); further off it is about
#: knowing, not the symptom ("didn't realise he'd taken the whole bottle").
_NOT_DONE = re.compile(r"\b(?:didn't|didnt|did\s+not)\s*$")


def is_negated(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``start:end`` is denied or over ("no chest pain", "bleeding has stopped")."""
    before, after = clause_around(text, start, end)
    return bool(_NEG_BEFORE.search(before) or _NOT_DONE.search(before) or _NEG_AFTER.search(after))


#: "No more moving" is the danger itself (reduced movements in second-language order), never a denial.
#: A long match that ends on a denied item of a list ("hives that come and go, no lip or throat swelling",
#: "banged his head, he's had no vomiting") or on a danger that was averted ("got it off him before he drank
#: any"): the red flag it stands for is the denied part. Bare "no wet nappy", "no answer" are red flags of
#: their own, so a denial at the very start of the match does not count.
_NEG_TAIL = re.compile(
    r".\b(?:no|without|nor|never)\s+(?!(?:(?:more|longer)\s+(?:mov\w*|kick\w*|breath\w*|respon\w*|wak\w*)|wet|wind|gas|poo|poos|stools?|bowel\s+movements?|before|(?:had|felt|experienced|seen|known)\s+(?:\w+\s+){0,3}like|response|answer|pulse|movements?|kicks?|urine|pee|wees?|power|strength|feeling|sensation|grip|control|sense|sight|vision|voice|energy|kick\w*|mov\w*|feel\w*|breath\w*|pulse|signs?|colou?r|sound|noise|cry\w*|tone|difference|change|effect|relief|help|improvement|better|use|good)\b)(?:\w+\s+(?:or\s+)?){0,3}\w+$"
    r"|\bbefore\s+(?:he|she|they|i|we|it)\s+(?:could\s+|had\s+)?\w+(?:\s+any(?:thing)?)?$"
)

#: A symptom over and done with, said anywhere in the sentence: "it went straight away and I've been fine since".
RESOLVED = re.compile(
    r"\b(?:went|gone|passed|settled)\s+(?:straight|right|completely)\s+(?:away|off)|(?:been|felt|was)\s+(?:totally\s+|completely\s+)?"
    r"(?:fine|ok|okay|well|normal)\s+(?:ever\s+)?since|(?:back\s+to|is\s+back\s+to|was\s+back\s+to)\s+(?:himself|herself|themselves|normal|his\s+normal|her\s+normal)|coughed\s+it\s+(?:up|out)|"
    # Singapore English "stop already", "already stop": it has stopped
    # (round thirteen: not after a negation, "does not stop already 20 minutes" is second-language "for 20 minutes")
    r"(?<!not\s)(?<!n't\s)(?<!never\s)\bstop(?:ped)?\s+already\b|(?<!not\s)\balready\s+stop(?:ped)?\b|"
    # round thirteen: "but it's passed", "it has all passed" (not "passed out", "passed blood")
    r"(?:it's|it\s+is|it\s+has|that's)\s+(?:all\s+|now\s+)?passed\b(?!\s+(?:out|away|blood|clots|urine|water|wind|stools?|\w+ing))|hospital\s+(?:say|said|says)\s+(?:all\s+)?(?:good|fine|ok)"
)


def is_denied_tail(span: str) -> bool:
    """Whether a match ends on a denied list item or an averted danger (see ``_NEG_TAIL``)."""
    return bool(_NEG_TAIL.search(span))


#: A swallowing that was stopped in time: "took them off her before she swallowed any", "he didn't drink
#: any". "Any more" is not averted: some went down.
AVERTED = re.compile(
    r"\bbefore\s+(?:he|she|they|it|i|we)\s+(?:could\s+|had\s+)?(?:swallow|drink|drank|eat|ate|take|took)\w*\s+(?:any|anything|it|them)\b(?!\s+more)"
    r"|\b(?:didn't|did\s+not|hasn't|has\s+not|never)\s+(?:swallow|drink|eat|take|taken|swallowed|drunk|eaten)\w*\s+(?:any|anything)\b(?!\s+more)"
    # round four: taken out of the mouth at once, or still sealed in its packet
    r"|\b(?:took|take|taken|got|get|pulled|fished|hooked)\s+(?:it|them|one|the\s+\w+)\s+(?:back\s+)?out\s+(?:of\s+(?:his|her|their)\s+mouth\s+)?(?:straight\s+away|straightaway|right\s+away|immediately|at\s+once|instantly)\b"
    # nearly, not quite: "nearly got into the paracetamol but I caught him in time"
    r"|\b(?:nearly|almost)\s+(?:got\s+(?:into|hold\s+of|at)|swallow\w*|drank|ate|took|had)\b(?![^.!?\n]{0,40}\b(?:then|but\s+(?:he|she|they)\s+(?:did|had|got)))"
    r"|\bcaught\s+(?:him|her|them|it)\s+(?:just\s+)?(?:in\s+time|before)\b"
    # round thirteen: the thing swallowed is labelled harmless ("the box says non toxic")
    r"|\b(?:non[\s-]?toxic|not\s+toxic|non[\s-]?poisonous|not\s+poisonous)\b"
    r"|\bstill\s+(?:in|inside|sealed\s+in)\s+(?:the|its|their|his|her)\s+(?:packet|packaging|wrapper|wrapping|blister|box|case)\b"
)
