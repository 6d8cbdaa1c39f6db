"""Stroke signs, with or without the word: a face gone crooked, words coming out wrong, one-sided
weakness, sudden loss of sight, a sudden worst headache.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import CANT, POSS, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        r"(?<!back\s)(?<!breast\s)\b(?:stroke|mini[\s-]?stroke|tia)\b(?!\s+of\s+(?:luck|genius|midnight|the\s+pen|brilliance))(?!\s+(?:clinic|nurse|team|unit|ward|rehab|review|prevention|awareness|risk|"
        r"support|group|survivors?|association|service|specialist|consultant))"
    ),
    (
        rf"\b(?:face|mouth|smile|lip)\b{g(25)}\b(?:droop\w*|sagging|sagged|lopsided|crooked|uneven|wonky|"
        rf"twisted|one[\s-]sided|fallen|falling|slipp\w*|dropp\w*|pulled\s+to\s+one\s+side|gone\s+funny|went\s+funny|"
        rf"looks?\s+(?:funny|strange|weird|odd|different|wrong)|numb|(?:going|gone|went|pulled|drawn|dropping)\s+(?:to\s+)?"
        rf"(?:one|the)\s+side|sideways)\b"
    ),
    rf"\b(?:droop\w*|sagging|crooked|lopsided|wonky|twisted|fallen)\b{g(20)}\b(?:face|mouth|smile|lip|eye)\b",
    r"\bslurr\w*\b",
    r"\b(?:saying|using|getting|says|uses)\s+(?:the\s+|all\s+the\s+)?wrong\s+words\b",
    (
        rf"\b(?:can't|doesn't|couldn't|does\s+not|cannot)\s+understand\s+(?:what|me|anything|a\s+word|us)\b{g(60)}\b(?:arm|leg|face|"
        rf"hand|limp|weak\w*|droop\w*|numb\w*)"
    ),
    rf"\b{CANT}\s+smile\s+(?:properly|normally|straight|on\s+one\s+side)\b",
    (
        rf"\b(?:one|left|right)\s+side\s+of\s+(?:his|her|my|the|their)\s+(?:face|mouth)\b{g(20)}\b(?:won't\s+move|not\s+moving|"
        rf"stopped\s+moving|droop\w*|dropp\w*|fallen|numb|frozen)"
    ),
    r"\bmix\w*\s+up\s+(?:her|his|my|their)?\s*words\b",
    r"\b(?:talking|speaking|saying)\s+(?:gibberish|nonsense|rubbish|funny|strange\s+words)\b",
    rf"\b{CANT}\s+(?:say|form|get\s+out)\s+(?:the\s+|his\s+|her\s+|my\s+)?words\b",
    rf"\b(?:walk\w*|leaning|veering|falling|drifting)\b{g(20)}\b(?:to\s+one\s+side|sideways|to\s+the\s+(?:left|right))\b",
    (
        rf"\b(?:speech|speaking|talking|voice)\b{g(25)}\b(?:slurred|garbled|weird|strange|gone|funny|jumbled|"
        rf"nonsense|wrong|mixed\s+up|not\s+right|muddled|off|drunk|thick|slow|heavy)\b"
    ),
    (
        rf"\bwords?\b{g(25)}\b(?:(?:come|comes|coming)\s+(?:out\s+)?(?:wrong|funny|weird|strange|all\s+wrong|jumbled|mixed|muddled)|"
        rf"jumbled|mixed\s+up|garbled|won't\s+come\s+out|don't\s+make\s+sense|(?:not|isn't|wasn't)\s+making\s+sense|all\s+wrong|"
        rf"muddled|in\s+the\s+wrong\s+order|come\s+out\s+wrong|(?:are|sound|sounds|is)\s+(?:weird|strange|funny|odd|wrong))"
    ),
    rf"\b{CANT}\s+(?:get|find)\s+{POSS}?\s*words\b",
    (
        rf"\b{CANT}\s+(?:to\s+)?(?:speak|talk)\s+(?:properly|clearly|normally|straight|at\s+all|any\s*more|sense|good|well|"
        rf"right(?!\s+now))\b"
    ),
    (
        rf"\b{CANT}\s+(?:move|feel|lift|use|raise|grip\s+with|hold\s+anything\s+with)\s+{POSS}?\s*(?:left\s+|right\s+|both\s+)?"
        rf"(?:arms?|legs?|hands?|side|face|foot)\b"
    ),
    rf"\b(?:arm|arms|one)\b{g(30)}\b(?:drift\w*|keeps?\s+(?:dropping|falling)|falls?\s+(?:back\s+)?down|flops?\s+down)\b",
    (
        rf"\b(?:(?:left|right|one)\s+side\s+of\s+(?:his|her|my|the|their)\s+face|face)\b{g(20)}\b(?:not\s+moving|won't\s+move|"
        rf"frozen|paralys\w*|paralyz\w*|stopped\s+moving)\b"
    ),
    (
        rf"\b(?:numb|numbness|weak|weakness|paralys\w*|paralyz\w*|dead|heavy|floppy|no\s+feeling|droop\w*|tingl\w*)\b"
        rf"{g(25)}\b(?:one\s+side|left\s+side|right\s+side|whole\s+side|half\s+of\s+(?:my|his|her)\s+(?:body|face))\b"
    ),
    (
        rf"\b(?:one|left|right|whole)\s+side\b{g(25)}\b(?:numb|weak|paralys\w*|paralyz\w*|dead|heavy|droop\w*|"
        rf"gone|won't\s+work|not\s+working|floppy|limp)\b"
    ),
    (
        rf"\bone\s+(?:arm|leg|hand)\b{g(25)}\b(?:weak|numb|dead|limp|heavy|useless|floppy|won't\s+work|not\s+working|"
        rf"gave\s+way|gone)\b"
    ),
    rf"\b(?:arm|leg|hand)\b{g(25)}\b(?:suddenly|all\s+of\s+a\s+sudden)\b{g(15)}\b(?:weak|numb|dead|limp|heavy|useless|floppy)\b",
    (
        rf"\b(?:left|right)\s+(?:arm|leg|hand)\b{g(25)}\b(?:gone|went|feels?|is|has)\b{g(10)}\b(?:weak|numb|dead|limp|heavy|useless|floppy)\b"
        rf"{g(60)}\b(?:speech|talk\w*|face|words|vision|since|this\s+morning|an?\s+hour|minutes)"
    ),
    (
        rf"\b(?:confus\w*|numb\w*|weak\w*|dizzy|can't\s+see|blind|gave\s+way|not\s+working|gibberish)\b{g(60)}"
        rf"\b(?:sudden(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|(?:was|were)\s+fine\s+(?:at|this|an|until|\d))\b"
    ),
    (
        rf"\bsudden(?:ly)?\b{g(30)}\b(?:numb\w*|weak\w*|confus\w*|can't\s+see|blind|worst\s+headache|lost\s+(?:the\s+)?"
        rf"(?:sight|vision)|vision|can't\s+(?:speak|talk)|dizzy\s+and|off\s+balance|can't\s+walk)"
    ),
    r"\b(?:lost|losing|loss\s+of|lose)\s+(?:the\s+|my\s+|his\s+|her\s+|all\s+)?(?:sight|vision)\b",
    (
        rf"\b(?:can't\s+see|gone\s+blind|went\s+blind|blind|gone\s+(?:dark|black)|went\s+(?:dark|black)|black\s+curtain|"
        rf"curtain|shadow)\b{g(20)}\b(?:(?:out\s+of|in|from)\s+(?:one|my\s+left|my\s+right|his\s+left|his\s+right|her\s+left|"
        rf"her\s+right|the\s+left|the\s+right|left|right)\s+eye)\b"
    ),
    (
        rf"\b(?:one|left|right)\s+eye\b{g(25)}\b(?:gone\s+(?:dark|black|blind)|went\s+(?:dark|black|blind)|can't\s+see|"
        rf"lost|blind|no\s+vision)\b"
    ),
    r"\bworst\s+headache\b",
    r"\bthunderclap\b",
    rf"\b(?:sudden|suddenly|explosive|splitting)\b{g(15)}\b(?:severe|terrible|awful|excruciating|bad|worst)?\s*headache\b",
    (
        rf"\bheadache\b{g(30)}\b(?:like\s+(?:being\s+)?(?:hit|kicked|struck)|came\s+on\s+(?:suddenly|all\s+at\s+once|out\s+of\s+nowhere)|"
        rf"worst\s+(?:ever|of\s+(?:my|his|her)\s+life))"
    ),
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\b(?:numb|numbness|slurr\w*|droop\w*|crooked|lopsided)\b",
    r"\bface\b[^.!?\n]{0,20}\b(?:weird|funny|strange)\b",
    rf"\b{CANT}\s+(?:speak|talk|see|walk\s+straight|find\s+words)\b",
    r"\b(?:vision|eyesight|sight)\b",
    r"\bheadache\b",
    r"\bweak\w*\b",
]

#: Round two: the FAST signs as second-language speakers and worried relatives put them.
RED_FLAGS += [
    (
        rf"\b(?:face|mouth|smile|lips?|eye|eyelid|cheek)\b{g(25)}\b(?:go|goes|gone|went|going|fall\w*|fell|drop\w*|slid\w*|pull\w*|hang\w*|"
        rf"twist\w*|down)\b{g(15)}\b(?:(?:to\s+)?one\s+side|(?:on\s+)?(?:the\s+)?(?:left|right)(?:\s+side)?)\b"
    ),
    r"\b(?:speak|speaks|speaking|talk|talks|talking|sounds?|sounding)\s+(?:like\s+)?(?:he's\s+|she's\s+|he\s+is\s+|she\s+is\s+)?(?:a\s+)?drunk\b",
    r"\b(?:speak|speaks|speaking|talk|talks|talking)\s+(?:very\s+|so\s+)?(?:slow|slowly)\s+and\s+(?:strange|weird|funny|wrong)\b",
    (
        rf"\b(?:left|right|one)\s+(?:side|leg|arm|hand)\b{g(40)}\b(?:not\s+strong|no\s+(?:strength|power|force)|weak|heavy|"
        rf"dragging|drags|won't\s+move|can't\s+move|not\s+moving|no\s+feeling|dead)\b"
    ),
    rf"\b(?:sudden\w*|all\s+at\s+once)\b{g(30)}\b(?:couldn't|can't|cannot|not\s+able\s+to)\s+(?:read|hold|lift|grip|find\s+(?:the\s+|his\s+|her\s+)?words|understand)\b",
    r"\b(?:letters|words)\s+(?:were|are|look\w*|went)\s+(?:all\s+)?(?:jumbled|scrambled|mixed\s+up|wrong)\b",
    r"\b(?:say|says|saying|talk|talking|speak\w*)\s+nonsense\b",
]

#: Round three: a limb named first with the side after it ("his arm and leg on the left have no power").
RED_FLAGS += [
    r"\b(?:arm|leg|hand)s?\b[^.!?\n]{0,40}\b(?:no|lost\s+(?:all\s+)?(?:the\s+|its\s+|his\s+|her\s+)?)\s*(?:power|strength|grip)\b",
]

#: Round four: Scots and German English for a face gone to one side ("mouth's gone squint", "a hanging
#: mouth"), and double vision that came on suddenly.
RED_FLAGS += [
    rf"\b(?:face|mouth|smile|lip|eye)\b{g(20)}\b(?:squint|skew-?whiff|skewiff|squinty|off\s+to\s+one\s+side|hanging\s+down|pulled\s+down|dragged\s+down)\b",
    r"\b(?:hanging|hangs|drooping|sagging)\s+(?:mouth|face|eyelid|lip|corner\s+of\s+(?:the|his|her|my)\s+mouth)\b",
    rf"\bsudden\w*\b{g(20)}\bdouble\s+vision\b|\bdouble\s+vision\b{g(20)}\bsudden\w*\b",
]

#: Round four, more voices: names for things coming out wrong, and one hand or leg gone clumsy.
RED_FLAGS += [
    r"\b(?:wrong|mixed[\s-]+up|muddled)\s+(?:names|words)\s+(?:for|of)\s+(?:things|stuff|everything|people)\b",
    (
        r"\b(?:right|left|one)\s+(?:hand|arm|leg|foot)\b[^.!?\n]{0,20}\b(?:clumsy|useless|won't\s+do\s+what|not\s+doing\s+what|keeps?\s+dropping|"
        r"dragging|flopp\w*)\b"
    ),
]

#: Round four, more voices: feeling gone from an arm all at once, speaking strangely, a headache unlike any before.
RED_FLAGS += [
    rf"\bsudden(?:ly)?\b{g(30)}\b(?:no\s+(?:feeling|power|strength)|can't\s+feel)\b",
    r"\b(?:speaks|speaking|talks|talking|speak|talk|sounds)\s+(?:very\s+|so\s+|all\s+)?(?:strange|strangely|weird|weirdly|odd|oddly|funny|wrong|muddled)\b",
    rf"\bheadache\b{g(30)}\b(?:like\s+never\s+before|(?:never|not)\s+(?:had|felt)\s+(?:one\s+|anything\s+|a\s+\w+\s+)?like\s+(?:this|it|that))\b",
    r"\b(?:never|not)\s+(?:had|felt)\s+(?:a\s+)?(?:headache|pain\s+in\s+(?:my|his|her)\s+head)\s+like\s+(?:this|it|that)\b",
]

#: Round five: the FAST signs in second-language word order. The side is named before the face
#: ("the left side of the face hangs down"), the face "hangs", and German or Dutch verb-second order
#: puts the time between "can" and "not" ("he can since an hour not speak right").
RED_FLAGS += [
    (
        rf"\b(?:one|left|right)\s+side\s+of\s+(?:his|her|my|the|their)\s+(?:face|mouth|lips?)\b{g(20)}\b(?:hang\w*|hung|sag\w*|sinks?|sank|sinking|"
        rf"fall\w*|fell|slid\w*|slips?|slipp\w*|drag\w*|(?:is|has\s+gone|went|goes)\s+(?:down|low|lower)|down)\b"
    ),
    r"\b(?:face|mouth|lips?|cheek|eyelid)\s+(?:is\s+|was\s+|has\s+)?(?:hangs?|hanging|hung|sinks?|sank|sinking)\s+(?:down|low|on\s+one\s+side)\b",
    (
        r"\bcan\s+(?:since|for|from|suddenly|all\s+at\s+once|now|today|this)\b[^.!?\n]{0,30}\bnot\s+(?:more\s+)?(?:speak|talk|move|lift|feel|see|walk|stand)\b"
        r"(?!\s+(?:to\s+(?:the|you|reception)|with\s+(?:the|you|reception)|for\s+long))"
    ),
    r"\b(?:speaks?|talks?|speaking|talking)\s+not\s+(?:right|clear\w*|normal\w*|properly|good|well)\b",
    # German "kann nicht mehr sprechen": "cannot more speak"
    r"\b(?:can't|cannot|can\s+not)\s+(?:any\s*)?more\s+(?:speak|talk|move|walk|stand|lift|see)\b",
    (
        r"\b(?:right|left|one)\s+(?:hand|arm|leg|foot|side)\b[^.!?\n]{0,15}\b(?:does\s+not|doesn't|do\s+not|don't|is\s+not|isn't|not)\s+"
        r"(?:work|working|function\w*|move|moving|obey\w*|listen\w*)\b(?!\s+(?:well|so\s+well|as\s+well))"
        r"(?=[^\n]{0,80}\b(?:sudden\w*|speak\w*|talk\w*|face|words|mouth|\d+\s+minutes|an?\s+hour|half\s+an\s+hour|this\s+morning)\b)"
    ),
]

#: Round five: words coming out wrong said with "not" before the verb, which is a symptom only with
#: an urgency cue ("not speak right since an hour").
MENTIONS += [
    r"\bnot\s+(?:speak|talk)\w*\s+(?:right|properly|clearly|normal\w*)\b(?!\s+now)",
]

#: Round seven: a sudden loss of feeling or strength down one side told without the word ("suddenly
#: lost the feeling in my left arm and leg").
RED_FLAGS += [
    (
        r"\b(?:sudden(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|just\s+now)\b[^.!?\n]{0,40}\b(?:lost\s+(?:the\s+)?(?:feeling|sensation|strength|power|use)|numb\w*|can't\s+feel|can't\s+move|weak\w*|dead)\b"
        r"[^.!?\n]{0,30}\b(?:left|right|one)\s+(?:arm|leg|side|hand)\s+and\s+(?:leg|arm|face|foot|hand)\b"
    ),
    r"\b(?:lost\s+(?:the\s+)?(?:feeling|sensation|strength|power|use)|numb\w*|can't\s+feel|can't\s+move)\b[^.!?\n]{0,20}\b(?:left|right|one)\s+(?:arm|side)\s+and\s+(?:leg|face)\b[^\n]{0,60}\b(?:confus\w*|speech|words|talk\w*|face|sudden\w*)",
]
