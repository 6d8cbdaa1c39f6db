"""Babies and children: a baby under three months with a fever, floppy or blue, hard to wake, a bulging
soft spot, no wet nappies.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import CHILD, FEVER, YOUNG_BABY, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    rf"\b{YOUNG_BABY}\b{g(60)}\b{FEVER}",
    rf"\b{FEVER}\b{g(60)}\b{YOUNG_BABY}",
    (
        rf"\b{CHILD}\b{g(60)}\b(?:floppy|limp|lifeless|unresponsive|not\s+moving(?!\s+(?:(?:his|her|their)\s+)?(?:bowels?|position|house|school|much\s+(?:his|her)\s+bowels))|won't\s+wake|not\s+waking|hard\s+to\s+wake|"
        rf"can't\s+wake|difficult\s+to\s+wake|blue|grey|gray|mottled|not\s+breath\w*|isn't\s+breath\w*|stopped\s+breath\w*|"
        rf"won't\s+breath\w*|seiz\w*\b(?!\s+(?:plan|care\s+plan|medication|meds|review|clinic|diary|chart|nurse|free))|fitting|convuls\w*|high[\s-]pitched\s+(?:cry|crying|scream)|bulging|sunken\s+soft\s+spot|"
        rf"won't\s+(?:feed|drink)\s+(?:at\s+all|and)|not\s+(?:fed|feeding|drinking)\s+(?:for|since|at\s+all)|"
        rf"no\s+wet\s+(?:nappies|nappy|diapers?)(?!\s+(?:issues?|problems?|worries|concerns?))|hasn't\s+(?:had\s+a\s+wet|wee'?d|peed))"
    ),
    r"\b(?:bulging|sunken|swollen)\s+(?:soft\s+spot|fontanel\w*)\b",
    rf"\b(?:fontanel\w*|soft\s+spot)\b{g(25)}\b(?:bulging|sunken|swollen|raised|tense|sinking)\b",
    (
        r"\b(?:no|hasn't\s+had\s+a|not\s+had\s+a|haven't\s+had\s+a|hasn't\s+had\s+any|not\s+had\s+any|without\s+a)\s+wet\s+"
        r"(?:nappy|nappies|diaper|diapers)\b(?!\s+(?:issues?|problems?|worries|concerns?))"
    ),
    (
        rf"\b(?:eyes?\s+(?:look\s+|are\s+|is\s+)?sunken|sunken\s+eyes)\b{g(60)}\b(?:sleepy|drowsy|floppy|not\s+(?:himself|herself)|"
        rf"lethargic|no\s+wee|not\s+drinking)"
    ),
    r"\b(?:drown\w*|near[\s-]drowning|pulled\s+(?:him|her|them)\s+out\s+of\s+the\s+(?:pool|water|bath))\b",
    r"\b(?:shook|shaken)\s+(?:the\s+|my\s+)?baby\b",
    (
        rf"\b{YOUNG_BABY}\b{g(50)}\b(?:not\s+feeding|won't\s+feed|refusing\s+(?:feeds|to\s+feed|the\s+bottle|the\s+breast)|"
        rf"very\s+sleepy|lethargic|vomiting\s+(?:green|everything|every\s+feed)|green\s+vomit|breathing\s+(?:fast|funny|weird)|"
        rf"grunting|cold\s+and\s+floppy|yellow\s+and\s+(?:sleepy|not\s+feeding))"
    ),
    r"\b(?:green|bile|bright\s+green)\s+(?:vomit|sick)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b(?:baby|toddler|infant|newborn)\b{g(30)}\b(?:fell|dropped|rolled\s+off|fallen)\b",
    (
        rf"\b(?:baby|newborn|infant)\b[^.!?\n]{{0,40}}\b(?:{FEVER}|not\s+feeding|won't\s+feed|vomit\w*|rash|"
        rf"crying|sleepy|breath\w*)"
    ),
]

#: Round two: green vomit with drawn-up legs, a newborn who is cold and floppy.
RED_FLAGS += [
    rf"\b(?:vomit\w*|sick|throw\w*\s+up|throwing\s+up|puk\w*)\b{g(30)}\b(?:green|bile|dark\s+green)\b",
    r"\bgreen\s+(?:vomit|sick|bile)\b",
    rf"\b(?:scream\w*|crying|inconsolable)\b{g(40)}\b(?:pulling|pulls|drawing|draws)\s+(?:his|her|their)\s+legs\s+up\b",
    r"\b(?:cold|limp|pale|grey|blue)\s+and\s+floppy\b|\bfloppy\s+and\s+(?:cold|limp|pale|grey|blue)\b",
    rf"\b(?:baby|newborn|{YOUNG_BABY})\b{g(40)}\b(?:temperature|temp)\b{g(20)}\b(?:really\s+|very\s+|too\s+)?low\b",
    rf"\b(?:temperature|temp)\b{g(20)}\b3[45](?:[.,]\d)?\b",
]

#: Round three: second-language and lay words for a limp, unresponsive child ("soft like rag", "no answer to me").
RED_FLAGS += [
    r"\b(?:body|arms?|legs?|he|she|him|her|child|son|daughter|baby)\b[^.!?\n]{0,20}\b(?:soft|limp|floppy|loose)\s+like\s+(?:a\s+)?(?:rag|doll|jelly|noodle)\b",
    (
        r"\b(?:child|son|daughter|baby|boy|girl|toddler|kid)\b[^\n]{0,80}\b(?:no\s+answer|not\s+answer\w*|doesn't\s+answer|won't\s+answer|"
        r"no\s+respon\w*|not\s+respon\w*)\s+(?:to\s+|from\s+)?(?:me|us|when|at\s+all|him|her|them)\b"
    ),
]

#: Round four: a weak, moaning or high-pitched cry with a fever, grunting with each breath, and a
#: child who will not stay awake.
_ODD_CRY = r"(?:moaning|moany|whimpering|weak|feeble|high[\s-]pitched|shrill|squeal\w*|strange|unusual|different)\s+(?:cry|crying|cries|scream\w*|whimper|moan|noise)"
RED_FLAGS += [
    rf"\b(?:{CHILD}|baby)\b[^\n]{{0,80}}\b{_ODD_CRY}\b[^\n]{{0,80}}\b{FEVER}",
    rf"\b{FEVER}\b[^\n]{{0,80}}\b{_ODD_CRY}\b",
    r"\bgrunt\w*\s+(?:with|on|after|at\s+the\s+end\s+of)\s+(?:each|every)\s+breath\w*",
    rf"\b{CHILD}\b{g(60)}\b(?:won't|can't|cannot|isn't|not)\s+stay(?:ing)?\s+awake\b",
    rf"\b{CHILD}\b{g(60)}\bkeeps?\s+(?:falling|drifting|nodding)\s+(?:back\s+)?(?:asleep|off)\b(?={g(60)}\b(?:{FEVER}|vomit\w*|head|fell|banged|rash))",
]

#: Round four, more voices: a yellow baby too sleepy to feed.
RED_FLAGS += [
    rf"\b(?:baby|newborn|{YOUNG_BABY})\b{g(50)}\btoo\s+(?:sleepy|tired|weak|drowsy)\s+to\s+(?:feed|eat|drink|suck|wake)\b",
    rf"\b(?:baby|newborn|{YOUNG_BABY})\b{g(50)}\byellow\b{g(30)}\b(?:sleepy|drowsy|floppy|not\s+feeding|won't\s+feed|too\s+sleepy)\b",
]

#: Round four, more voices: sleepy then sunken eyes (dehydration told in the other order), nostrils
#: flaring or grunting with the breathing.
RED_FLAGS += [
    rf"\b(?:sleepy|drowsy|floppy|lethargic|not\s+(?:himself|herself))\b{g(60)}\b(?:eyes?\s+(?:look\s+|are\s+|is\s+|have\s+gone\s+)?sunken|sunken\s+eyes)",
    r"\b(?:nostrils?\s+(?:are\s+|is\s+)?flar\w*|flar\w*\s+(?:his|her|their|its)\s+nostrils|nasal\s+flaring)\b",
    rf"\bbreath\w*\b{g(40)}\bgrunt\w*|\bgrunt\w*\b{g(40)}\bbreath\w*",
]

#: Round six: a baby's signs said without the words the earlier rounds knew: dehydration (no tears,
#: sunken eyes or soft spot), fits (jerking, eyes not focusing), a swallowed object
#: then drooling or not swallowing, a fall from a changing table with a lump, a weak or moaning cry.
RED_FLAGS += [
    r"\b(?:no\s+tears|sunken\s+(?:eyes|soft\s+spot|fontanelle)|eyes\s+(?:are\s+|look\s+)?sunken|soft\s+spot\s+(?:is\s+)?sunken|no\s+wet\s+(?:nappies|diapers|nappy|diaper))\b(?!\s+(?:issues?|problems?|concerns?|worries))",
    rf"\b(?:baby|newborn|bub|{YOUNG_BABY})\b{g(50)}\b(?:jerk\w*|twitch\w*|stiffen\w*|eyes\s+(?:not\s+focus\w*|rolling|rolled))\b",
    rf"\b(?:jerk\w*|twitch\w*)\b{g(50)}\b(?:eyes\s+not\s+focus\w*|{YOUNG_BABY})",
    rf"\bswallow\w*\s+(?:a|an|the|some|his|her)\s+(?:coin|battery|magnet|toy|marble|button|pin|lego|bead|earring|screw)\b{g(60)}\b(?:drool\w*|can't\s+swallow|won't\s+swallow|chok\w*|gagging|breath\w*|vomit\w*|pain)",
    rf"\b(?:rolled|fell|fallen|dropped)\b{g(30)}\b(?:changing\s+table|bed|sofa|couch|high\s*chair|bench|table)\b{g(80)}\b(?:lump|bump|not\s+crying\s+normally|vomit\w*|sleepy|floppy|won't\s+wake|limp)\b",
    rf"\b(?:{YOUNG_BABY}|baby|bub|pepi|pēpi)\b{g(80)}\bcry\w*\s+(?:is\s+|'s\s+|has\s+)?(?:gone\s+|going\s+|got\s+|very\s+|so\s+)?(?:weak|moan\w*|high[\s-]pitched|whimper\w*|different)\b",
    rf"\b{YOUNG_BABY}\b{g(80)}\b(?:hot\s+as|burning\s+up|won't\s+feed|not\s+feeding)\b{g(60)}\b(?:weak|moan\w*|floppy|sleepy|won't\s+feed)\b",
    rf"\b(?:yellow|jaundic\w*)\b{g(60)}\b(?:too\s+sleepy|won't\s+feed|not\s+feeding|floppy|hard\s+to\s+wake)\b",
    rf"\b(?:purple|dark\s+red)\b{g(20)}\b(?:rash|spots|blotch\w*)\b{g(40)}\b(?:spread\w*|fever|hot|burning)\b",
    rf"\b(?:burning\s+hot|fever|hot)\b{g(60)}\b(?:purple|dark\s+red)\b{g(20)}\b(?:rash|spots|blotch\w*)\b",
    rf"\b(?:pull\w*|draw\w*)\s+(?:his|her|their)\s+(?:legs|knees)\b{g(60)}\b(?:jelly|blood|scream\w*)\b",
]

#: Round seven: a baby who keeps stopping breathing for seconds at a time (apnoea), a young baby yellow
#: with sleepiness or not drinking, all limp or grey looking.
RED_FLAGS += [
    r"\b(?:stop|stops|stopping|stopped|pause|pauses|pausing|paused|holds?|holding)\s+(?:his\s+|her\s+|their\s+)?(?:breathing|breath|breathe)\s+(?:for|like|about|every)\b",
    rf"\b(?:baby|newborn|{YOUNG_BABY})\b{g(60)}\b(?:yellow|jaundic\w*)\b{g(60)}\b(?:sleep\w*\s+all\s+(?:the\s+)?(?:time|day)|not\s+(?:drink\w*|feed\w*|eat\w*|wak\w*)|won't\s+(?:drink|feed|eat|wake)|lethargic|floppy|limp)",
    rf"\b(?:baby|babby|bubba|bub|infant|newborn|{CHILD})\b{g(80)}\b(?:all\s+limp|gone\s+limp|limp\s+and|grey\s+looking|looking\s+grey|gone\s+grey|(?:is|looks?)\s+grey)\b",
]
