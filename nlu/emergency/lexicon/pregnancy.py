"""Labour and pregnancy emergencies: waters breaking, contractions close together, bleeding or severe
pain in pregnancy, reduced baby movements, pre-eclampsia signs.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import GESTATION, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    r"\b(?:waters?|water's)\s+(?:have\s+|has\s+|just\s+|already\s+)?(?:broke|broken|gone|burst|went|breaking|came)\b",
    r"\b(?:broke|broken)\s+(?:my|her)\s+waters?\b",
    (
        rf"\b(?:pregnant|pregnancy|weeks\s+along|expecting|antenatal|preggy)\b{g(60)}\b(?:bleed\w*|blood|clots|severe\s+pain|"
        rf"bad\s+pain|really\s+bad\s+pain|terrible\s+pain|pain\s+is\s+(?:bad|severe|terrible)|agony|cramp\w*\s+(?:badly|really\s+bad|so\s+bad)|"
        rf"(?<!keeping\s)(?<!keep\s)(?<!drinking\s)(?<!drink\s)fluids?(?!\s+down)|leaking|gush|fell|fall|fallen|seeing\s+(?:spots|stars|flashing)|blurr\w*\s+vision|vision\s+(?:is\s+|has\s+gone\s+|went\s+)?(?:blurr\w*|gone|funny|spotty|fuzzy)|"
        rf"flashing\s+lights|face\s+(?:is\s+)?swollen|fits?|seiz\w*|faint\w*|severe\s+headache|bad\s+headache|"
        rf"headache\s+(?:won't|and\s+(?:blurr|vision|seeing))|baby\s+(?:isn't|not|hasn't|stopped|has\s+stopped)\s+(?:been\s+)?"
        rf"(?:moving|kicking)|can't\s+feel\s+(?:the\s+)?baby|itch\w*\s+(?:all\s+over|palms|hands\s+and\s+feet))"
    ),
    (
        rf"\b(?:bleed\w*|blood|severe\s+pain|cramping)\b{g(40)}\b(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|"
        rf"ten|twenty|thirty)\s*-?\s*(?:weeks?|wks?)\s*(?:pregnant|along|gone)?\b"
    ),
    (
        rf"\b(?:\d{{1,2}}|twenty|thirty)\s*-?\s*(?:weeks?|wks?)\s+(?:pregnant|along)\b{g(60)}\b(?:bleed\w*|blood|pain|(?<!keeping\s)(?<!keep\s)(?<!drinking\s)(?<!drink\s)fluids?(?!\s+down)|"
        rf"leak\w*|contraction\w*|not\s+moving|headache|vision|swollen|fell|waters?)"
    ),
    r"\b(?:coming|come)\s+every\s+(?:few|couple\s+of|\w+(?:\s+(?:or|to)\s+\w+)?|\d+(?:\s*-\s*\d+)?)\s+(?:minutes?|min)\b",
    (
        rf"\b(?:contraction\w*|tightening\w*|labou?r\s+pains|cramps)\b{g(60)}\b(?:(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s*-?\s*"
        rf"(?:minutes?|min)|every\s+(?:few\s+)?(?:minutes?|min)|close\s+together|closer\s+together|coming\s+fast|"
        rf"one\s+after\s+(?:another|the\s+other)|very\s+strong|really\s+strong|so\s+strong|non-?stop|won't\s+stop|"
        rf"getting\s+(?:closer|stronger|worse)|regular|started|apart)"
    ),
    (
        r"\b(?:in|into|going\s+into|gone\s+into|went\s+into|started|starting|early|premature|preterm)\s+labou?r\b"
        r"(?!\s+(?:ward|suite|unit|tour|class|classes|plan|induction))"
    ),
    r"\blabou?r\s+(?:has\s+)?(?:started|starting|pains)\b",
    r"\b(?:baby(?:'s)?|babys)\s+(?:is\s+)?(?:coming|on\s+(?:the|its)\s+way\s+now|crowning)\b(?!\s+(?:for|to)\s+(?:a|the|his|her|their))",
    r"\b(?:(?:urge|need|needs|have|has|got)\s+to\s+push(?!\s+(?:back|forward|it|the|my|our|out|on|through|for|this|that|them|him|her|me|us|a|an|appt|appointment|booking|visit|slot|time|date|session|today|tonight|tomorrow|tmrw?|\w*day|\w+'s)\b)|crowning|can\s+see\s+(?:the\s+)?(?:baby's\s+)?head|(?:the\s+)?baby's\s+head\s+is\s+(?:out|showing|coming|visible)|cord\s+is\s+(?:out|hanging))\b",
    (
        rf"\b{GESTATION}{g(60)}\b(?:bleed\w*|blood|(?<!keeping\s)(?<!keep\s)(?<!drinking\s)(?<!drink\s)fluids?(?!\s+down)|leak\w*|waters?|contraction\w*|tightening\w*|not\s+moving|hasn't\s+moved|"
        rf"stopped\s+moving|pain|headache|vision|swollen|fell|fall)"
    ),
    rf"\b(?:bleed\w*|blood|(?<!keeping\s)(?<!keep\s)(?<!drinking\s)(?<!drink\s)fluids?(?!\s+down)|leak\w*|severe\s+pain|bad\s+pain)\b{g(40)}\b{GESTATION}",
    (
        rf"\b(?:baby|bump)\b{g(20)}\b(?:isn't|not|hasn't|has\s+not|stopped|has\s+stopped)\s+(?:been\s+)?(?:really\s+|much\s+|properly\s+|as\s+much\s+)?(?:moving|kicking|moved|kicked)\b"
        rf"(?![^.!?\n]{{0,20}}\b(?:arm|leg|hand|bowels?|position|head\s+down|breech|yet))"
    ),
    r"\b(?:reduced|less|fewer|no)\s+(?:fetal|foetal|baby)?\s*(?:movements?|kicks?)\b",
    (
        rf"\b(?:baby|baby's|fetal|foetal)\s+(?:movements?|kicks?|kicking|moving)\b{g(25)}\b(?:reduced|less|slow\w*|fewer|stopped|"
        rf"hardly|barely|not\s+as\s+much|gone\s+quiet|quiet|weak\w*)"
    ),
    r"\b(?:haven't|have\s+not|hasn't|has\s+not|didn't|can't|not)\s+(?:felt|feel|feeling)\s+(?:the\s+|my\s+|her\s+)?baby\s+(?:mov|kick)\w*\b",
    (
        rf"\b(?:bleed\w*|blood|clots?|haemorrhag\w*|hemorrhag\w*)\b{g(40)}\b(?:after|since)\s+(?:my\s+|her\s+|the\s+)?(?:giving\s+birth|birth|"
        rf"delivery|having\s+(?:the|my|her)\s+baby|the\s+baby\s+(?:was\s+)?born|c-?section|caesarean)\b"
    ),
    r"\b(?:postpartum|post-partum|postnatal)\s+(?:bleed\w*|haemorrhag\w*|hemorrhag\w*)\b",
    r"\bectopic\b",
    rf"\b(?:miscarr\w*)\b{g(40)}\b(?:heavy|pain|bleed\w*|soak\w*|clots|faint\w*|dizzy|agony|severe)",
    r"\bpre-?eclampsia\b",
    r"\beclampsia\b",
    r"\bcord\s+prolapse\b",
    r"\bplacent\w*\s+(?:abruption|came\s+away)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\b(?:contraction\w*|waters|water\s+(?:broke|broken|went|gone)|labou?r|spotting|miscarr\w*)\b",
    r"\b(?:pregnant|pregnancy)\b[^.!?\n]{0,60}\b(?:pain|bleed\w*|blood|headache|vision|cramp\w*|(?<!keeping\s)(?<!keep\s)(?<!drinking\s)(?<!drink\s)fluids?(?!\s+down)|leak\w*)",
]

#: Round two: pains minutes apart before term, a baby that has stopped kicking, waters coming out,
#: as second-language speakers say them.
RED_FLAGS += [
    rf"\b(?:pains?|contractions?|waves|cramps?|tightenings?|surges?)\b{g(60)}\b(?:a\s+couple\s+of|a\s+few|few|\d+|two|three|four|five)\s+(?:minutes?|mins?)\s+apart\b",
    (
        r"\bbaby\b[^.!?\n]{0,25}\b(?:not|isn't|hasn't|didn't|no|stopped|hardly|barely)\s+(?:kick\w*|mov\w*)\b"
        r"(?![^.!?\n]{0,20}\b(?:yet|position|head\s+down|breech|bowels?|arm|leg|hand))"
    ),
    r"\b(?:no|less|reduced|fewer|not\s+feeling\s+(?:any\s+)?|can't\s+feel\s+(?:any\s+|the\s+)?)(?:baby\s+)?(?:kicks?|movements?)\b(?![^.!?\n]{0,20}\b(?:chart|app|count))",
    r"\b(?:water|waters)\s+(?:come|came|coming|is\s+coming|are\s+coming)\s+(?:out|down)\b",
    rf"\b(?:pregnan\w*|weeks?|months?)\b{g(40)}\b(?:water|waters)\s+(?:break|broke|broken|burst|gone|went|leak\w*|com\w*)\b",
    rf"\bpregnant\s+(?:\d|one|two|three|four|five|six|seven|eight|nine)\s*months?\b{g(80)}\b(?:bleed\w*|blood|strong\s+pain|severe\s+pain|hard\s+(?:belly|stomach))\b",
]

#: Round three: shorthand for how far along ("28wk", "preg 30 weeks") with bleeding, and a baby not
#: felt since a time of day.
RED_FLAGS += [
    r"\b(?:pregnant|pregnancy)\b[^.!?\n]{0,20}\b\d{1,2}\s*(?:weeks?|wks?|w)\b[^.!?\n]{0,20}\b(?:bleed\w*|blood)\b",
    (
        r"\b(?:haven't|have\s+not|not|hasn't|didn't|no)\s+(?:felt|feel|feeling)\s+(?:a|any|the\s+baby|baby|him|her|them)\s*"
        r"(?:kick\w*|mov\w*)?\b[^.!?\n]{0,20}\b(?:since|all\s+day|today|for\s+(?:hours|a\s+while|\d+\s+hours))\b"
    ),
]

#: Round four: the cord seen or felt outside (a prolapse said in lay words), and something coming out
#: down below in pregnancy.
RED_FLAGS += [
    (
        r"(?<!spinal\s)(?<!vocal\s)\b(?:umbilical\s+)?cord\b(?!\s+blood)[^.!?\n]{0,30}\b(?:outside|out\s+of\s+(?:me|her)|coming\s+out|come\s+out|came\s+out|hanging|"
        r"sticking\s+out|down\s+there|between\s+(?:my|her)\s+legs|visible)\b"
    ),
    r"\b(?:see|seen|saw|feel|felt|can\s+see|can\s+feel)\s+(?:something\s+like\s+)?(?:the\s+|a\s+)?(?:umbilical\s+)?cord\b(?!\s+blood)",
    rf"\b(?:pregnan\w*|weeks|expecting)\b{g(60)}\bsomething\s+(?:is\s+)?(?:coming|hanging|sticking|poking)\s+out\b",
]

#: Round four, more voices: clots or soaked pads in the days after a birth.
RED_FLAGS += [
    (
        r"\b(?:had\s+(?:a|my|the|her|our)\s+(?:baby|son|daughter|twins)|gave\s+birth|given\s+birth|delivered|c-?section|caesarean)\b[^\n]{0,60}"
        r"\b(?:(?:big|large|huge|massive|golf[\s-]ball|plum)\s*(?:-?sized\s+)?clots|clots?\s+(?:the\s+size\s+of|as\s+big\s+as|bigger\s+than|like)|soak\w*|bleeding\s+(?:heavily|a\s+lot|loads)|pad\s+(?:every|an\s+hour))"
    ),
]

#: Round four, more voices: flashing lights or sudden puffiness late in pregnancy (pre-eclampsia), a
#: baby's foot or arm coming first, and a placenta that has not come after a birth.
RED_FLAGS += [
    rf"\b(?:{GESTATION}|pregnan\w*)\b{g(60)}\b(?:flashing|flashes|seeing\s+(?:spots|stars|lights|sparkles)|sparkl\w*|zig-?zags?|puff\w*\s+(?:right\s+)?up|swell\w*\s+up|blurr\w*)",
    r"\b(?:baby's|the\s+baby's|a|her|his)\s+(?:foot|feet|leg|legs|arm|hand|bottom|bum)\s+(?:is\s+|are\s+)?(?:coming|hanging|sticking|poking|came)\s+out\b",
    r"\bplacenta\b[^.!?\n]{0,30}\b(?:hasn't|has\s+not|not|still\s+not|isn't|won't|didn't)\s+(?:yet\s+)?(?:come|came|delivered|out|coming|been\s+delivered)\b",
    (
        r"\b(?:gave\s+birth|given\s+birth|delivered|had\s+(?:the|her|my)\s+baby)\b[^\n]{0,100}\b(?:bleeding\s+(?:heavily|a\s+lot|loads|so\s+much)|"
        r"so\s+much\s+blood|soak\w*|(?:big|large|huge)\s+clots)\b"
    ),
]

#: Round five: reduced movements in second-language word order ("the baby moves since this morning
#: not anymore", "baby kicks no more") and the week given as an ordinal ("in the 32nd week pregnant").
_ORDINAL_WEEK = r"(?:[4-9]|[1-3]\d|4[0-2])(?:st|nd|rd|th)\s+(?:week|wk)\s+(?:of\s+(?:my\s+|her\s+|the\s+)?)?(?:pregnan\w*|gestation)"
RED_FLAGS += [
    (
        r"\bbaby\b[^.!?\n]{0,15}\b(?:moves?|moving|kicks?|kicking|movements?)\b[^.!?\n]{0,40}\b(?:not|no|nothing)\s+"
        r"(?:any\s*more|more|longer|at\s+all)\b"
    ),
    r"\bbaby\s+(?:is\s+|has\s+)?(?:no\s+more|not\s+more|not\s+any\s*more)\s+(?:mov\w*|kick\w*)\b",
    rf"\b{_ORDINAL_WEEK}\b{g(60)}\b(?:bleed\w*|blood|leak\w*|waters?|contraction\w*|not\s+mov\w*|stopped\s+mov\w*|no\s+(?:more\s+)?mov\w*|pain|headache|vision|fell)",
]

#: Round seven: a birth happening now ("delivering now at home", "the baby head coming"), weeks of
#: pregnancy said "in week 35", a pregnancy's headache with stars or spots before the eyes
#: (pre-eclampsia), and waters said "coming" or leaking with pains before term.
RED_FLAGS += [
    r"\b(?:delivering|giving\s+birth|having\s+the\s+baby|birthing)\s+(?:now|right\s+now|at\s+home|in\s+the\s+car|here)\b",
    r"\b(?:the\s+)?baby(?:'s)?\s+head\s+(?:is\s+)?(?:coming|out|showing|visible|there)\b|\bbaby\s+(?:is\s+)?coming\s+(?:out|now|right\s+now)\b",
    (
        r"\b(?:in\s+)?(?:week|wk)\s+(?:[2-9]|[1-3]\d|4[0-2])\b(?:\s+of\s+(?:her|my|the)\s+pregnancy)?[^.!?\n]{0,80}\b(?:headache|bleed\w*|blood|waters?|contraction\w*|pain|"
        r"vomit\w*|stars|spots|flashing|blurr\w*|swollen|not\s+moving)"
    ),
    (
        r"\b(?:pregnant|pregnancy|weeks|months)\b[^\n]{0,80}\b(?:headache)\b[^\n]{0,60}\b(?:stars|spots|flashing|flashes|blurr\w*|vision|can't\s+see|vomit\w*)"
    ),
    r"\b(?:pregnant|pregnancy)\b[^\n]{0,60}\bwaters?\s+(?:is\s+|are\s+)?(?:coming|leaking|running|gushing|pouring|dripping)\b",
]
