"""Breathing difficulty: can't breathe or catch a breath, blue lips, choking, an asthma attack the
inhaler doesn't touch; not breathlessness on exertion.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import CANT, EXERTION, POSS, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    rf"\b{CANT}\s+(?:breath\w*|(?:take|draw|get)\s+(?:a\s+|any\s+|in\s+a\s+)?(?:proper\s+|deep\s+|full\s+)?breath\w*|catch\s+{POSS}\s+breath\w*|get\s+(?:any\s+|enough\s+)?(?:air|a\s+breath\w*|{POSS}\s+breath\w*))\b(?!\s+(?:through|thru)\s+(?:my|his|her|the|it|one|a)\b)",
    (
        r"\b(?:trouble|difficulty|difficult|struggling|struggle|problems?|hard|fighting|laboured|labored|working\s+hard)"
        r"\s+(?:with\s+|to\s+)?breath\w*\b(?!\s+(?:through|thru)\s+(?:my|his|her|the)\s+nose)"
    ),
    r"\b(?:not|isn't|stopped|stop|no\s+longer|hasn't\s+been|wasn't|isnt|aren't)\s+breath\w*\b",
    r"\b(?:barely|hardly)\s+breath\w*\b",
    r"\bgasping\b",
    r"\b(?:in|tiny|short|little|only)\s+gasps\b",
    rf"\blips\b{g(15)}\b(?:white|pale|grey)\b",
    r"\bchok(?:ing|ed|es)\b(?!\s+up)",
    r"\bsomething\s+stuck\s+in\s+(?:his|her|my|the)\s+(?:throat|windpipe)\b",
    r"\b(?:turning|turned|going|gone|went|is|are|look|looks)\s+(?:a\s+)?(?:bit\s+|little\s+|slightly\s+|really\s+|very\s+|all\s+)?(?:blue|grey|gray)\b",
    rf"\b(?:lips|face|skin|fingers|fingertips|tongue)\b{g(15)}\b(?:blue|bluish|blueish|grey|gray|greyish|purple|purplish)\b",
    (
        rf"\bbreathing\b{g(20)}\b(?:much|a\s+lot|far|way|really|so\s+much)\s+worse\b|\bbreathing\b{g(20)}\bworse\s+than\s+"
        rf"(?:usual|normal|ever)\b|\bbreathing\b{g(10)}\bgetting\s+(?:worse|harder)\b"
    ),
    r"\b(?:blue|grey|gray|purple)\s+(?:around|round)\s+(?:the|his|her|my)\s+(?:lips|mouth)\b",
    rf"\bshort(?:ness)?\s+of\s+breath\w*\b(?!{EXERTION})",
    rf"\bbreathless\b(?!{EXERTION})",
    r"\basthma\s+attack\b",
    r"\bstridor\b",
    r"\bpink\s+(?:froth\w*|foam\w*)|\bfrothy\s+pink\b",
    (
        r"\b(?:oxygen|o2|sats|saturations?|spo2|oxygen\s+levels?)\b[^.!?\n]{0,20}?\b(?:[5-8]\d|9[0-1])\s*%?"
        r"(?!\s*(?:years?|yrs?|minutes?|mins?|hours?|days?|weeks?|%\s+of))"
    ),
    r"\bbreathing\s+(?:is\s+)?(?:really\s+|very\s+|so\s+)?(?:laboured|labored|rapid|shallow|noisy\s+and|rattly)\b",
    r"\b(?:pulling|sucking|drawing|caving)\s+in\s+(?:under|between|below|at)\s+(?:his|her|their|the|my)\s+ribs\b",
    (
        rf"\b(?:high[\s-]pitched|whistling|squeaky|crowing|harsh)\s+(?:noise|sound|whistle|breathing)\b{g(40)}\bbreath\w*|"
        rf"\bbreath\w*\b{g(30)}\b(?:high[\s-]pitched|whistling|squeaky|crowing)\s+(?:noise|sound)\b"
    ),
    rf"\bdrool\w*\b{g(40)}\b(?:can't\s+swallow|breath\w*|high[\s-]pitched)|\b(?:can't\s+swallow|breath\w*)\b{g(40)}\bdrool\w*",
    (
        rf"\b(?:inhaler|puffer|ventolin|salbutamol|nebuli[sz]er)\b{g(30)}\b(?:not|isn't|doesn't|didn't|no|isnt|"
        rf"not\s+really)\s+(?:working|work|helping|help|doing\s+anything)\b"
    ),
    (
        rf"\b(?:inhaler|puffer|ventolin|salbutamol|nebuli[sz]er)\b{g(60)}\b(?:doing\s+nothing|no\s+(?:help|use|difference)|useless|"
        rf"every\s+(?:few|ten|\d+|five|couple)|isn't\s+touching|not\s+touching)"
    ),
    r"\b(?:no\s+air|suffocat\w*|can't\s+get\s+air|throat\s+closing|airway)\b",
    r"\b(?:ribs|chest|tummy|stomach)\s+(?:is\s+|are\s+)?(?:sucking|pulling)\s+in\b",
    r"\bwheez\w*\b[^.!?\n]{0,30}\b(?:badly|bad|loud|can't|struggl\w*|blue|gasping|really\s+bad|so\s+bad)\b",
    r"\bbreath\w*\s+(?:is\s+|are\s+)?(?:really\s+|very\s+)?(?:rattly|noisy|raspy|grunting|shallow\s+and\s+fast)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\bbreath\w*\b(?!\s+away)(?!\s+(?:through|thru|out\s+of|with)\s+(?:my|his|her|the|one|your)\s+(?:nose|nostril))",
    r"\bwheez\w*\b",
    r"\bchok\w*\b",
]

#: Round two: a low oxygen reading, too breathless to speak, lips going blue or numb.
RED_FLAGS += [
    r"\b(?:oxygen|o2|sats?|saturations?|spo2|oximeter|finger\s+(?:monitor|thing|clip))\b[^.!?\n]{0,40}\b(?:[5-8]\d|9[0-1])\b\s*%?",
    r"\b(?:stop|pause|gasp)\s+(?:after|between)\s+(?:every|each)\s+(?:word|few\s+words)\b",
    r"\b(?:can't|cannot|couldn't)\s+(?:finish|complete|get\s+out|say)\s+(?:a\s+)?(?:full\s+|whole\s+)?sentences?\b",
    rf"\b(?:breathless|out\s+of\s+breath|short\s+of\s+breath)\b{g(60)}\b(?:lips?|mouth|fingers?)\b{g(15)}\b(?:numb|blue|grey|purple|tingl\w*)\b",
    rf"\b(?:breathing|breath\w*)\b{g(10)}\b(?:getting\s+)?worse\s+and\s+worse\b",
]

#: Round three: breathing like a fish out of water, mouth open and gasping.
RED_FLAGS += [r"\b(?:breath\w*|gasp\w*|mouth)\b[^.!?\n]{0,20}\blike\s+(?:a\s+)?fish\b"]

#: Round four: a reliever by any name that does nothing, too tight or breathless to talk, breathless
#: at rest or lying in bed, a peak flow far down, slow shallow breathing in someone hard to rouse, and
#: a colour gone wrong (an odd or dusky colour, ashen).
_RELIEVER = (
    r"(?:inhaler|inhalers|puffer|puffers|pump|reliever|blue\s+(?:one|inhaler|pump|puffer)|spacer|ventolin|salbutamol|"
    r"nebuli[sz]er|neb|nebs)"
)
RED_FLAGS += [
    (
        rf"\b{_RELIEVER}\b(?![^.!?\n]{{0,40}}\b(?:link|video|app|website|online|technique|prescription|order\w*|delivery|repeat|counter|cap|lid))"
        rf"{g(30)}\b(?:isn't|is\s+not|not|hasn't|has\s+not|didn't|doesn't|does\s+not|no|nae|never)\s+"
        rf"(?:really\s+|even\s+)?(?:doing\s+(?:anything|a\s+thing|much|nothing)|done\s+(?:anything|a\s+thing)|touch\w*|shift\w*|"
        rf"eas\w*|help\w*|work\w*|mak\w*\s+(?:any\s+|a\s+)?difference)\b"
    ),
    (
        rf"\b(?:tight|tightness|wheez\w*|asthma\w*|breathless|out\s+of\s+breath|short\s+of\s+breath|puff\w*|{_RELIEVER})\b{g(50)}"
        rf"\b{CANT}\s+(?:speak|talk|get\s+(?:my|his|her|the)\s+words\s+out|say\s+more\s+than|finish\s+(?:a|my|his|her))\b"
    ),
    rf"\b{CANT}\s+(?:speak|talk)\b{g(30)}\b(?:breath\w*|wheez\w*|tight\w*|asthma\w*|puff\w*)\b",
    (
        rf"\b(?:breath\w*|puffing|puffed(?:\s+out)?|panting|gasping|winded|out\s+of\s+breath)\b{g(50)}\b(?:even\s+)?(?:lying\s+(?:down|in\s+bed|still|flat)|sitting\s+(?:still|down)|"
        rf"at\s+rest|resting|doing\s+nothing)\b(?!{g(20)}\b(?:sometimes|usually|for\s+(?:months|years)))"
    ),
    r"\b(?:breath\w*|panting|puffing)\s+(?:like|as\s+if|as\s+though)\s+(?:he's|she's|i've|i'd|he'd|she'd|he\s+has|she\s+has|i\s+have|they've)?\s*(?:just\s+)?(?:run|ran|been\s+running|done)\s+(?:a\s+)?(?:marathon|race|mile|miles|sprint)\b",
    rf"\bpeak\s+flow\b{g(30)}\b(?:very\s+low|really\s+low|so\s+low|way\s+down|under\s+half|below\s+half|less\s+than\s+half|half\s+(?:of\s+)?(?:my|his|her|the)\s+(?:usual|normal|best)|[1-9]0)\b",
    rf"\b{CANT}\s+(?:walk|get|go|make\s+it)\s+(?:\w+\s+){{0,4}}without\s+(?:stop\w*|rest\w*|a\s+rest|sitting)\b(?={g(60)}\b(?:breath\w*|asthma\w*|wheez\w*|tight|chest|inhaler|peak\s+flow))",
    rf"\b(?:breath\w*|asthma\w*|wheez\w*|peak\s+flow)\b{g(60)}\b{CANT}\s+(?:walk|get|go|make\s+it)\s+(?:\w+\s+){{0,4}}without\s+(?:stop\w*|rest\w*|a\s+rest|sitting)\b",
    r"\bbreath\w*\s+(?:is\s+|are\s+)?(?:very\s+|really\s+|so\s+)?(?:slow\s+and\s+shallow|shallow\s+and\s+slow|very\s+slow|barely\s+there|only\s+(?:a\s+)?few)\b",
    r"\b(?:gone|going|turned|turning|went|looks?|looking)\s+(?:a\s+)?(?:really\s+|very\s+)?(?:funny|weird|strange|horrible|bad|awful|odd|dusky|ashen|grey|gray|blue|purple)\s+colou?r\b",
    r"\b(?:gone|going|turned|turning|went|is|looks?)\s+(?:really\s+|very\s+|all\s+)?(?:ashen|dusky)\b",
    r"\b(?:get|gets|getting|got|become|becomes|have|has)\s+no\s+(?:air|breath\w*)\b",
    (
        rf"\b{_RELIEVER}\b(?![^.!?\n]{{0,40}}\b(?:link|video|app|website|online|technique|prescription|order\w*|delivery|repeat|counter|cap|lid))"
        rf"{g(30)}\b(?:(?:done|doing|did|does)\s+(?:nothing|bugger\s+all|sod\s+all|nowt|zilch|f\w*\s+all)|useless|no\s+(?:use|good|help|difference))\b"
    ),
    r"\btoo\s+(?:wheezy|breathless|tight|puffed(?:\s+out)?|out\s+of\s+breath\w*|short\s+of\s+breath\w*)\s+to\s+(?:talk|speak|walk|eat|drink|lie\s+down)\b",
    r"\b(?:he's|she's|they're|you're|i'm)\s+(?:very|really|so|all|gone|going|a\s+bit|looking)\s+(?:grey|gray|blue|ashen|dusky)\b(?!\s*-?\s*haired|\s+hair)",
]

#: Round five: too breathless to finish "the" or "his" sentence, as a relative or a second-language
#: speaker puts it.
RED_FLAGS += [
    rf"\b{CANT}\s+(?:finish|complete|get\s+out|say|speak\s+in)\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+|their\s+)?(?:full\s+|whole\s+|one\s+)?sentences?\b",
]


#: Round six: chest recession said as it looks ("her chest is caving in", "sucking in hard").
RED_FLAGS += [
    r"\b(?:chest|ribs|tummy|neck)\b[^.!?\n]{0,20}\b(?:caving|sucking\s+in|sinking\s+in|pulling\s+in|going\s+in)\b",
    r"\b(?:sucking|pulling)\s+in\b[^.!?\n]{0,30}\b(?:chest|ribs)\b",
]
