"""Diabetic emergencies: very low or very high blood sugar with confusion, drowsiness or vomiting, a
hypo that won't come up, ketones.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import ALTERED, SUGAR, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        rf"\b{SUGAR}\b{g(25)}\b(?:very\s+|really\s+|super\s+|dangerously\s+|too\s+|so\s+|extremely\s+|crazy\s+)?(?:low|high|hi|lo)\b"
        rf"{g(60)}\b{ALTERED}"
    ),
    rf"\b{ALTERED}\b{g(60)}\b{SUGAR}\b{g(25)}\b(?:very\s+|really\s+|super\s+|dangerously\s+|too\s+|so\s+)?(?:low|high|hi|lo)\b",
    (
        rf"\b{SUGAR}\s+(?:is\s+|was\s+|are\s+|were\s+|at\s+|of\s+|reading\s+|reads\s+|says\s+|showing\s+|just\s+|only\s+|down\s+to\s+|"
        rf"dropped\s+to\s+)*"
        rf"(?:[0-2](?:[.,]\d)?|[2-4]\d)\b(?!\s*(?:hours?|minutes?|mins|years?|days?|weeks?|am|pm|o'?clock|:))"
    ),
    rf"\b{SUGAR}\b{g(20)}\b(?:won't|isn't|not|doesn't|can't\s+get\s+(?:it|them)\s+to)\s+(?:go|come|going|coming|rise|rising|fall|falling)\s+(?:up|down)\b",
    rf"\b(?:{SUGAR}|meter|monitor|libre|sensor|dexcom|glucometer)\b{g(40)}\b(?:says|reads|reading|showing|shows|just\s+says)\s+(?:hi|lo)\b",
    (
        rf"\b{SUGAR}\s+(?:is\s+|was\s+|are\s+|were\s+|at\s+|of\s+|reading\s+|reads\s+|says\s+|showing\s+)*(?:[4-9]\d\d|[3-9]\d(?:[.,]\d)?\s*mmol|"
        rf"hi\b|high\b[^.!?\n]{{0,20}}\b(?:vomit\w*|ketones|confus\w*|drowsy|can't|breath\w*))"
    ),
    (
        rf"\bhypo\w*\b{g(40)}\b(?:{ALTERED}|won't\s+(?:eat|drink|swallow)|can't\s+(?:eat|drink|swallow|treat)|severe|bad\s+one|"
        rf"not\s+coming\s+up|won't\s+come\s+up|isn't\s+coming\s+up|glucagon)"
    ),
    rf"\b{ALTERED}\b{g(40)}\bhypo\b",
    (
        rf"\b(?:diabetic|diabetes|type\s+(?:1|one|2|two))\b{g(50)}\b(?:confus\w*|unconscious|unresponsive|not\s+responding|"
        rf"drowsy|(?:not|isn't|wasn't)\s+making\s+sense|collaps\w*|fitting|seiz\w*|passed\s+out|won't\s+wake|can't\s+wake|acting\s+drunk|aggressive|sweaty|clammy|"
        rf"slurr\w*|vomiting\s+and|fruity\s+breath|ketones)"
    ),
    r"\b(?:dka|ketoacidosis|diabetic\s+coma|hyperglyc\w*\s+crisis)\b",
    rf"\bketones\b{g(30)}\b(?:high|positive|large|vomit\w*|dark\s+purple)",
    r"\bglucagon\b(?=[^.!?\n]{0,30}\b(?:gave|used|give|need|injected|should))",
    rf"\b(?:took|taken|injected|gave|given|done)\b{g(20)}\b(?:double|twice|too\s+much|wrong|extra|two\s+doses\s+of)\b{g(15)}\binsulin\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b(?:{SUGAR}\s+(?:is\s+|was\s+|really\s+|very\s+|so\s+)*(?:low|high)|hypo\w*|hyper\b)\b"
]

#: Round two: a meter reading that is dangerously low, ketones or a sweet (pear-drop, nail-varnish)
#: breath, and a diabetic who cannot keep fluids down.
RED_FLAGS += [
    (
        r"\b(?:sugar|sugars|glucose|bg|bm|hypo|reading|machine|meter|monitor|levels?|libre|dexcom|sensor)\b[^.!?\n]{0,30}"
        r"(?<![\d.,])(?:[0-2](?:[.,]\d)?|3[.,][0-4])(?!\d|[.,]\d)(?!\s*(?:hours?|hrs?|days?|weeks?|times|units|rounds|tabs|mg\s+of|am|pm|o'clock))"
    ),
    r"\b(?:have|got|high|positive|with|showing)\s+(?:high\s+|large\s+|lots\s+of\s+)?ketones\b|\bketones\s+(?:are\s+|is\s+|were\s+|was\s+|of\s+)?(?:high|[1-9](?:[.,]\d)?\b|positive|\+)",
    rf"\bbreath\w*\b{g(30)}\b(?:smell\w*|smel)\b{g(30)}\b(?:sweet|fruit\w*|nail\s+(?:varnish|polish)|pear\s*drops|acetone|pear)\b",
    rf"\b(?:diabet\w*|type\s+(?:1|one)|insulin)\b{g(80)}\b(?:vomit\w*|can't\s+keep\s+(?:any\s+|even\s+)?(?:anything|fluids|water|food|drinks?|liquids?|sips?)\s+down)\b",
    rf"\b(?:vomit\w*|can't\s+keep\s+(?:any\s+|even\s+)?(?:anything|fluids|water|food|drinks?|liquids?)\s+down)\b{g(80)}\b(?:diabet\w*|ketones|sugar\s+(?:is\s+)?(?:over|above|high))\b",
    rf"\b(?:insulin|diabet\w*|hypo)\b{g(60)}\b(?:very\s+confused|confused|muddled|woozy|spaced\s+out|out\s+of\s+it|not\s+with\s+it|thinks?\s+(?:i\s+am|i'm)|doesn't\s+know\s+(?:me|who)|drowsy|won't\s+wake|fitting)\b",
    # A low reading after insulin or a hypo, however it is introduced ("did my insulin, now 2.4").
    rf"\b(?:insulin|hypo\w*|diabet\w*)\b{g(60)}(?<![\d.,])(?:[0-2][.,]\d|3[.,][0-4])(?!\d|[.,]\d)",
    r"\bsugar\w*\s+(?:is\s+|are\s+|of\s+)?(?:over|above|more\s+than)\s+(?:2\d|3\d)\b(?=[^\n]{0,60}\b(?:vomit\w*|ketones|drowsy|breath\w*|confus\w*))",
]

#: Round four: a hypo treated with sugar that has not come up, and a meter that cannot read the level.
_TREATED = r"(?:sweets|juice|sugar|jelly\s+babies|jelly\s+beans|dextrose|glucose\s+(?:tablets|tabs|gel)|lucozade|coke|cola|biscuits?|honey|glucogel|hypostop)"
RED_FLAGS += [
    (
        rf"\b(?:ate|eat|eaten|had|have|gave|given|drank|drink|taken|took)\s+(?:\w+\s+){{0,3}}{_TREATED}\b{g(60)}\b(?:still|not|isn't|hasn't|won't)\s+(?:not\s+)?"
        r"(?:better|improving|coming\s+up|going\s+up|rising|gone\s+up|come\s+up|low|shaky|confused|with\s+it)\b"
    ),
    r"\b(?:sugar|sugars|glucose|bg|bm|meter|monitor|libre|dexcom|reading|levels?)\b[^.!?\n]{0,30}\b(?:too\s+(?:high|low)\s+to\s+(?:read|register|measure)|off\s+the\s+(?:chart|charts|scale))\b",
]

#: Round four: a level "through the roof" or "sky high" with drowsiness or vomiting.
RED_FLAGS += [
    (
        rf"\b{SUGAR}\b{g(20)}\b(?:through\s+the\s+roof|sky[\s-]high|off\s+the\s+(?:chart|charts|scale)|really\s+high|very\s+high|super\s+high|crazy\s+high)\b"
        rf"{g(60)}\b(?:{ALTERED}|vomit\w*|being\s+sick|throwing\s+up|breath\w*\s+(?:fast|heavy|deep))"
    ),
]

#: Round four: a low reading dictated in words ("sugar is two point one").
RED_FLAGS += [
    rf"\b{SUGAR}\b{g(25)}\b(?:zero|one|two)\s+point\s+(?:zero|one|two|three|four|five|six|seven|eight|nine|\d)\b",
]

#: Round four, more voices: the altered behaviour told first and the diabetes after it.
RED_FLAGS += [
    (
        rf"\b(?:acting\s+(?:drunk|weird|strange|odd|funny)|(?:not|isn't|wasn't)\s+making\s+(?:any\s+)?sense|slurr\w*|unresponsive|won't\s+wake|can't\s+wake|"
        rf"very\s+confused|really\s+confused|aggressive)\b{g(80)}\b(?:diabetic|diabetes|type\s+(?:1|one)|insulin|hypo\w*)\b"
    ),
]

#: Round five: a hypo that cannot be treated by mouth (the person cannot swallow or drink the sugar)
#: and Singapore English "blur" (confused), told with the diabetes however short the sentence is
#: ("my father diabetes, now very blur").
_BLUR = (
    r"(?<!vision\s)(?<!vision\sis\s)(?<!eyes\s)(?<!eyes\sare\s)(?<!eye\s)(?<!sight\s)(?<!sight\sis\s)"
    r"(?:very|so|quite|damn|super|really|abit|a\s+bit)\s+blur\b(?!\w)(?!\s+(?:vision|eyes?|sight))"
)
RED_FLAGS += [
    (
        rf"\b(?:diabet\w*|insulin|hypo\w*|{SUGAR}\s+(?:is\s+|was\s+|very\s+|so\s+)*low)\b[^\n]{{0,80}}\b(?:can't|cannot|won't|unable\s+to|not\s+able\s+to|"
        rf"couldn't)\s+(?:swallow|drink|take|eat|keep\s+down)\b[^.!?\n]{{0,25}}\b(?:sweet\w*|sugar\w*|juice|glucose|drink|gel|tablets|anything)\b"
    ),
    rf"\b(?:diabet\w*|insulin|hypo\w*|{SUGAR}\s+(?:is\s+|was\s+|very\s+|so\s+)*low)\b[^\n]{{0,60}}{_BLUR}",
    rf"{_BLUR}[^\n]{{0,60}}\b(?:diabet\w*|insulin|hypo\w*)\b",
]

#: Round seven: a low that will not come up ("sugar has dropped and I can't get it up") with a muddled
#: mind, and sugars very high for days with drowsiness or confusion (DKA or HHS).
RED_FLAGS += [
    r"\b(?:sugars?|levels?|glucose|bg|bm|reading)\b[^.!?\n]{0,30}\b(?:dropped|dropping|low|crashed|crashing|falling)\b[^\n]{0,80}\b(?:can't|can\s+not|cannot|won't|not|unable\s+to)\s+(?:get\s+(?:it|them)\s+up|bring\s+(?:it|them)\s+up|come\s+up|go\s+up|rais\w*)\b",
    r"\b(?:can't|can\s+not|cannot|won't|not)\s+(?:get|bring)\s+(?:it|them|(?:my|his|her)\s+sugars?)\s+up\b[^\n]{0,80}\b(?:muddled|confus\w*|drowsy|shak\w*|sweat\w*|faint\w*|on\s+my\s+own|alone)\b",
    (
        r"\b(?:sugars?|levels?|glucose|readings?|bg|bm)\b[^.!?\n]{0,40}\b(?:over|above|at|of|is|are|been)\s+(?:about\s+)?(?:2[5-9]|[3-5]\d|[4-9]\d\d)\b"
        r"[^\n]{0,100}\b(?:drowsy|sleepy|confus\w*|muddled|vomit\w*|breath\w*\s+(?:fast|deep|heavy)|not\s+making\s+sense|hard\s+to\s+wake|unresponsive)"
    ),
]
