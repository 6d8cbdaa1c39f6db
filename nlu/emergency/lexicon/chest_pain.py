"""Chest pain that may be cardiac: crushing, tight, heavy, spreading to the arm or jaw, with sweating
or faintness.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import POSS, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        rf"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair|size|measurement|muscles?|wall|workout|day))"
        rf"{g(30)}\b(?:pain|pains|hurts?|hurting|crush\w*|tight|tightness|pressure|heavy|heaviness|squeez\w*|ache|"
        rf"aching|burning|agony|stabbing|sharp|constrict\w*|vice|clamp\w*|killing)\b"
    ),
    (
        rf"\b(?:pain|pains|crushing|tightness|(?<!blood\s)pressure|heaviness|squeezing|ache|weight|elephant|band)\b{g(20)}"
        rf"\b(?:in|on|across|over|around|of)\s+(?:{POSS}\s+)?chest\b"
    ),
    rf"\b(?:crush\w*|squeez\w*|tightness|heaviness|heavy|(?<!blood\s)pressure|elephant|band|vice|weight)\b{g(40)}\bchest\b",
    r"\b(?:clutch\w*|grabb\w*|holding|gripping)\s+(?:at\s+)?(?:his|her|my|their)\s+chest\b",
    r"\btight\s+chest\b",
    (
        rf"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair))(?:{g(50)})\b(?:faint\w*|sweat\w*|clammy|"
        rf"grey|gray|pale|pass\w*\s+out|dizzy|vomit\w*|being\s+sick|throwing\s+up|short\s+of\s+breath\w*|can't\s+breath\w*)"
    ),
    r"\b(?:standing|sitting|sat|stood|kneeling)\s+on\s+(?:my|his|her|their)\s+chest\b",
    (
        rf"\b(?:pain|pains|hurts?|hurting|ache|aching|pressure)\b{g(15)}\bheart\b(?!\s*burn)|\bheart\s+(?:area|region)\b{g(20)}"
        rf"\b(?:pain|hurts?|very\s+bad|bad)\b|\bheart\s+(?:is\s+)?(?:hurting|pain|hurts)\b"
    ),
    rf"\b(?:gtn|nitro\w*|angina\s+spray)\b{g(60)}\b(?:not|isn't|hasn't|didn't|doesn't|no)\b{g(30)}",
    r"\bheart\s+attack\b",
    r"\bcardiac\s+arrest\b",
    r"\bangina\s+attack\b",
    rf"\b(?:indigestion|heartburn)\b{g(60)}\b(?:grey|gray|sweat\w*|clammy|pale|left\s+arm|jaw|faint\w*|won't\s+(?:go|shift|ease))",
    rf"\bchest\b{g(60)}\b(?:left\s+)?arm\b{g(15)}\b(?:feels?\s+|is\s+|has\s+gone\s+|gone\s+|went\s+)(?:dead|numb|heavy|weird|funny)",
    (
        rf"\b(?:pain|numb\w*|tingl\w*|ache|aching)\b{g(30)}\b(?:left\s+arm|down\s+{POSS}\s+(?:left\s+)?arm|"
        rf"into\s+{POSS}\s+jaw|(?:up\s+)?(?:to|into)\s+(?:the|my|his|her)\s+(?:jaw|neck))\b"
    ),
    (
        rf"\bheart\b{g(15)}\b(?:racing|pounding|hammering|beating\s+(?:so\s+)?fast|going\s+crazy|skipping)\b{g(50)}"
        rf"\b(?:faint\w*|dizzy|pass\s+out|passing\s+out|chest|breath\w*|black\s+out|collaps\w*)"
    ),
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair))",
    r"\bpalpitation\w*\b",
    r"\bheart\s+(?:racing|pounding|fluttering|beating\s+fast)\b",
]

#: Round two: typed in a hurry, angina that its spray does not settle, pain scored out of ten.
RED_FLAGS += [
    r"\b(?:cheat|chets|chesr|cest|chect)\s+(?:pain|pains|tight\w*|pressure)\b",
    rf"\b(?:gtn|angina|nitro\w*)\b{g(50)}\b(?:spray|tablets?|puffs?|pills?)\b{g(40)}\b(?:(?:not|hasn't|didn't|isn't|no|haven't)\s+(?:work\w*|help\w*|eas\w*|touch\w*)|(?:done|did|doing)\s+nothing|no\s+(?:effect|difference)|still\s+(?:the\s+)?pain)\b",
    rf"\b(?:gtn|angina)\b{g(80)}\b(?:(?:\d+|ten|fifteen|twenty|thirty)\s+minutes|sweaty|sweating|clammy|grey|not\s+going\s+away|worse|different)\b",
    (
        rf"\bchest\b{g(40)}\b(?:going|goes|gone|spread\w*|radiat\w*|moving|moved|shoot\w*|travel\w*)\s+(?:up\s+|down\s+)?(?:in)?to\s+"
        rf"(?:my|his|her|the)\s+(?:left\s+|right\s+)?(?:arm|jaw|neck|shoulder)\b"
    ),
    r"\b(?:pressing|crushing|squeezing|heavy|tight|gripping)\s+(?:pain|feeling|pressure|ache)\s+(?:behind|in|across|on|over|in\s+the\s+middle\s+of)\s+(?:my|his|her|the)\s+chest\b",
    rf"\bchest\b{g(30)}\b(?:pain|pains|hurts?|pressure)\b{g(10)}\b(?:10|9|8)\s*/\s*10\b",
]

#: Round three: a heart patient whose spray (GTN) is not touching the pain, and "the same pain" as a
#: past heart attack coming back now.
RED_FLAGS += [
    (
        r"\b(?:spray|gtn|nitro\w*|angina\s+(?:spray|tablets?))\b[^.!?\n]{0,20}\b(?:isn't|is\s+not|not|hasn't|didn't|doesn't|won't)\s+"
        r"(?:helping|working|touching|doing\s+anything|help|work|shift\w*|eas\w*)\b"
    ),
    (
        r"\b(?:heart\s+attack|angina|stent|bypass|mi)\b[^\n]{0,60}\b(?:same|that|similar)\s+(?:\w+\s+)?(?:pain|feeling|pressure|tightness)\b"
        r"[^.!?\n]{0,15}\b(?:now|again|today|tonight|right\s+now|back|started|starting|returned)\b"
    ),
]

#: Round three: a heart attack without the word chest — sweaty or grey with an aching jaw or arm.
RED_FLAGS += [
    r"\b(?:sweat\w*|grey|gray|clammy|pale)\b[^\n]{0,40}\b(?:jaw|left\s+arm|arm|neck)\b[^\n]{0,20}\b(?:ache|aches|aching|pain|hurts?|hurting)\b",
    r"\b(?:jaw|left\s+arm)\b[^\n]{0,25}\b(?:ache|aches|aching|pain|hurts?|hurting)\b[^\n]{0,40}\b(?:sweat\w*|grey|gray|clammy)\b",
]

#: Round four: a pressing in the chest (or "the breast", as German speakers say it) with a numb arm or
#: hand, and Irish "the chest is at me".
RED_FLAGS += [
    r"\b(?:strong|heavy|bad|hard|tight|big)\s+(?:pressing|pressure|pain|press|squeeze)\s+(?:in|on|at)\s+(?:the|my|his|her)\s+(?:chest|breast|heart)\b",
    r"\b(?:pain|pressure|pressing|tightness|stitch\w*)\s+(?:in|on)\s+the\s+breast\b",
    rf"\bchest\b{g(60)}\b(?:left\s+)?(?:arm|hand|fingers|shoulder)\b{g(15)}\b(?:is\s+|are\s+|feels?\s+|has\s+gone\s+|gone\s+|went\s+)(?:dead|numb|heavy|weird|funny|tingl\w*)",
    r"\bchest\s+(?:is\s+)?at\s+(?:me|him|her)\b",
]

#: Round four, from published triage lists: a tearing or ripping pain through to the back (aortic
#: dissection), and a swollen calf with breathlessness or chest pain (a clot on the lung).
RED_FLAGS += [
    rf"\b(?:tearing|ripping|torn|ripped)\s+(?:\w+\s+)?(?:pain|feeling)\b{g(50)}\b(?:back|shoulder\s+blades?|chest|tummy|stomach)\b",
    rf"\b(?:calf|leg|thigh)\b{g(30)}\b(?:swollen|swelling|hot|red|tender|painful)\b{g(80)}\b(?:breathless|short\s+of\s+breath\w*|can't\s+(?:catch|get)\s+(?:my|his|her|a)\s+breath\w*|chest\s+(?:pain|hurts?)|cough\w*\s+(?:up\s+)?blood|pain\s+when\s+(?:i|he|she)\s+breathe)\b(?![^.!?\n]{{0,30}}\b(?:on|up|climbing|walking|running|when|after|during|if)\b)",
    rf"\b(?:breathless|short\s+of\s+breath\w*|chest\s+pain|cough\w*\s+(?:up\s+)?blood)\b{g(80)}\b(?:calf|leg)\b{g(30)}\b(?:swollen|swelling|hot|red|tender)\b",
]

#: Round five: a heart beating very fast with a feeling of passing out, in any order or tense
#: ("her heart beats very fast and she feels she will pass out").
RED_FLAGS += [
    (
        rf"\bheart\b{g(20)}\b(?:beat\w*|racing|pounding|going)\b{g(25)}\b(?:very\s+|so\s+|really\s+|too\s+)?(?:fast|hard|quick\w*|crazy|irregular)\b"
        rf"{g(60)}\b(?:pass\w*\s+out|faint\w*|black\w*\s+out|collaps\w*|going\s+to\s+drop|dizzy\s+and)"
    ),
]

#: Round five: the chest named first and the weight after it ("chest feels like an elephant's sitting
#: on it"), and the Irish and northern "me chest" for "my chest".
RED_FLAGS += [
    (
        rf"\bchest\b{g(30)}\b(?:like\s+)?(?:an?\s+|the\s+)?(?:elephant|weight|brick|bricks|ton\s+of\s+bricks|someone|somebody|rock|stone|car)"
        r"(?:'s|\s+is|\s+was)?\s+(?:sitting|sat|standing|stood|pressing|pushing|crushing|parked|on\s+(?:it|me|top))"
    ),
    r"\b(?:pain|pains|crushing|tightness|pressure|heaviness|squeezing|weight)\b[^.!?\n]{0,20}\b(?:in|on|across|over)\s+me\s+chest\b",
]

#: Round seven: a heart attack told as something else ("indigestion", "heartburn", "a pressure") that
#: spreads into the arm, shoulder, jaw or neck beside sweating or pallor; a heart racing or pounding
#: at a number or beside fainting, and a pulse far too slow ("only about 30") with faintness.
_SPREAD = r"(?:spread\w*|going|gone|went|moving|moved|radiat\w*|travel\w*|shoot\w*|run\w*)\s+(?:up\s+|down\s+)?(?:in)?to\s+(?:his|her|my|the|their)\s+(?:left\s+)?(?:arm|shoulder|jaw|neck|back)"
_SHOCKED = r"(?:pale|sweat\w*|clammy|grey|gray|ashen|breathless|short\s+of\s+breath|sick|vomit\w*|faint\w*|dizzy|lightheaded|light[\s-]headed)"
_FAINTISH = r"(?:pass\w*\s+out|faint\w*|black\w*\s+out|dizzy|lightheaded|light[\s-]headed|collaps\w*|chest\s+pain|breathless|short\s+of\s+breath|going\s+to\s+die)"
RED_FLAGS += [
    rf"\b(?:indigestion|heartburn|pain|pressure|tightness|heaviness|ache|discomfort|squeez\w*|crushing)\b{g(80)}\b{_SPREAD}\b{g(80)}\b{_SHOCKED}",
    rf"\b{_SHOCKED}\b{g(80)}\b(?:indigestion|heartburn|pain|pressure|tightness|heaviness|ache|discomfort)\b{g(60)}\b{_SPREAD}\b",
    r"\b(?:heart|pulse|heart\s*rate|hr)\s+(?:is\s+|rate\s+is\s+)?(?:going\s+|racing\s+|beating\s+|pounding\s+|at\s+|of\s+)?(?:like\s+|at\s+|about\s+|over\s+|nearly\s+)*(?:1[6-9]\d|2\d\d)\b",
    rf"\b(?:heart|pulse)\s+(?:is\s+|feels\s+like\s+(?:it's|its|it\s+is)\s+)?(?:flopping|flipping|fluttering|racing|pounding|jumping|thumping|going\s+crazy|going\s+mad|all\s+over\s+the\s+place|skipping)\b{g(80)}\b{_FAINTISH}",
    rf"\b{_FAINTISH}\b{g(60)}\b(?:heart|pulse)\s+(?:is\s+)?(?:flopping|flipping|fluttering|racing|pounding|going\s+crazy|going\s+mad|all\s+over\s+the\s+place)\b",
    rf"\b(?:pulse|heart\s*rate|heart)\s+(?:is\s+)?(?:only\s+|just\s+|down\s+to\s+)?(?:about\s+|around\s+)?(?:[1-3]\d|40)\b(?!\s*(?:years?|minutes?|mins?|seconds?|%))(?:\s*(?:bpm|beats))?{g(60)}\b{_FAINTISH}",
]
