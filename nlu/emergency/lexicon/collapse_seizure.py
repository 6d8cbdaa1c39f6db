"""Collapse, unconsciousness and seizures: won't wake, not responding, passed out, a fit that won't
stop or one after another, a call for an ambulance.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        r"\b(?:unconscious|unresponsive|not\s+responding|won't\s+wake|(?<!\bi\s)can't\s+wake(?!\s+(?:up\s+)?(?:in\s+the\s+mornings?|for\s+(?:school|work)|early|on\s+time|myself))|isn't\s+waking|not\s+waking\s+up|"
        r"can't\s+rouse|won't\s+respond|doesn't\s+respond|isn't\s+responding|not\s+conscious|lost\s+consciousness|"
        r"knocked\s+(?:out|unconscious)|no\s+response|(?:barely|hardly)\s+respon\w*|can't\s+get\s+(?:him|her|them)\s+to\s+(?:wake|respond|come\s+round)|(?:hasn't|hasn't\s+yet|not|won't|didn't|isn't)\s+"
        r"(?:come|coming)\s+(?:round|around|to)|(?:don't|doesn't|didn't|not|won't|isn't)\s+respond\w*|not\s+wak\w*|doesn't\s+wake|didn't\s+wake)\b"
    ),
    r"\b(?:one\s+)?(?:fit|seizure)s?\s+after\s+(?:another|the\s+other|fit|seizure)\b",
    r"\b(?:passed|blacked|keeled)\s+(?:out|over)\b",
    r"\b(?:passing|blacking)\s+out\b",
    r"\b(?:dropped|fell|slumped|collapsed|went\s+down)\s+(?:down\s+)?(?:to|on|onto)\s+the\s+(?:floor|ground)\b(?!\s+(?:and\s+)?(?:broke|smashed))",
    r"\b(?:isn't|is\s+not|not|won't)\s+answering\s+(?:me|us)\b",
    r"\b(?:not|won't|can't|doesn't|don't|didn't|isn't)\s+open(?:ing)?\s+(?:his|her|their|the)?\s*eyes\b",
    (
        rf"\b(?:on|lying\s+on|found\s+(?:him|her|them)\s+on)\s+the\s+(?:\w+\s+)?(?:floor|ground)\b{g(50)}\b(?:(?:not|isn't|wasn't)\s+making\s+sense|"
        rf"unconscious|confus\w*|very\s+cold|cold\s+and)|\b(?:on|lying\s+on|found\s+(?:him|her|them)\s+on)\s+the\s+(?:\w+\s+)?"
        rf"(?:floor|ground)\b{g(50)}\b(?:won't|can't|isn't|not|doesn't)\s+"
        rf"(?:talk\w*|speak\w*|respond\w*|answer\w*|mov\w*|get\s+up|wak\w*)"
    ),
    r"\bcollaps\w*\b(?!\s+(?:onto|on|into|in)\s+(?:the\s+|my\s+|a\s+)?(?:sofa|couch|bed|chair|heap\s+after))",
    r"\bfaint(?:ed|ing)\b",
    (
        r"\b(?:seizure|seizures|seizing|convuls\w*|fitting)\b(?!\s+(?:appointment|room|service|medication|meds|review|clinic|free|diary|plan|care\s+plan|action\s+plan|chart|log|record|"
        r"alarm|alert|mat|monitor|nurse|team))(?![\s-]free)"
    ),
    r"\b(?:having|had|has|in)\s+a\s+fit\b",
    r"\bfits\b(?=[^.!?\n]{0,30}\b(?:won't|not|keep|one\s+after|again|stop))",
    (
        r"\b(?:shaking|jerking|twitching)\b[^.!?\n]{0,40}\b(?:not\s+respond\w*|won't\s+respond|eyes\s+rolled|can't\s+stop|"
        r"won't\s+stop|all\s+over|whole\s+body|foaming)\b"
    ),
    r"\beyes\s+(?:rolled|rolling)\s+back\b",
    r"\bfoaming\s+at\s+the\s+mouth\b",
    r"\b(?:no\s+pulse|cpr|defib\w*)\b",
    r"\b(?:heart|pulse)\s+(?:has\s+)?(?:stopped|isn't\s+beating|not\s+beating)\b",
    (
        rf"\bhit\s+(?:his|her|my|their|the\s+back\s+of\s+(?:his|her|my))\s+head\b{g(60)}\b(?:unconscious|vomit\w*|"
        rf"being\s+sick|confus\w*|out|bleed\w*|(?:not|isn't|wasn't)\s+making\s+sense|drowsy|sleepy|dizzy|seiz\w*|can't\s+remember)"
    ),
    (
        r"\b(?:car\s+(?:crash|accident)|hit\s+by\s+a\s+(?:car|bus|truck|van|bike)|fell\s+(?:from|off)\s+(?:a|the)\s+"
        r"(?:ladder|roof|height|balcony|window|building|horse|scaffold))\b"
    ),
    r"\bcall(?:ing|ed)?\s+(?:an?\s+|the\s+)?(?:ambulance|911|999|000|112|paramedics)\b",
    r"(?<![£$€#\d.,/-])\b(?:911|999)\b(?![\d.,/-])",
    r"\b(?:call|ring|dial|phone)\w*\s+112\b",
    r"\bambulance\b(?!\s+(?:bill|invoice|charge|fee|service\s+complaint|station|depot|bay|parking|cover|membership|subscription|insurance|transport|car\s+(?:to|for)|booking|driver\s+(?:job|training)))",
    (
        # not someone else's kind of emergency given as a reason ("cancel, family emergency back home"):
        # a medical one among them is named by its symptom ("family emergency, dad collapsed")
        r"(?<!family\s)(?<!work\s)(?<!personal\s)(?<!childcare\s)(?<!plumbing\s)(?<!pet\s)(?<!vet\s)(?<!dog\s)"
        r"(?<!cat\s)(?<!house\s)(?<!home\s)(?<!car\s)(?<!school\s)(?<!business\s)(?<!office\s)(?<!babysitting\s)"
        r"\bemergency\b(?!\s+(?:contact|number|details|appointment|dentist|info|information|numbers|contacts|kit|"
        r"plan|card|form|drill|procedure|procedures|services?\s+number))(?<!emergency\s\bcontact)"
    ),
    (
        r"\b(?:fell|fallen|fall)\b[^.!?\n]{0,40}\b(?:can't|won't|isn't|unable\s+to|not|don't|doesn't)\s+(?:get\s+up|move|stand|respond\w*|"
        r"answer\w*|wak\w*|talk\w*)\b"
    ),
    r"\b(?:fell|fallen)\b[^.!?\n]{0,40}\b(?:not\s+moving|isn't\s+moving|unresponsive)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    (
        r"\b(?:fit|fits|seiz\w*|faint\w*|dizzy|passed\s+out|fell|fallen|shaking|jerking)\b(?![\s-]+free)"
        r"(?<!keep\sfit)(?<!get\sfit)(?!\s+(?:to|for)\s+(?:return|work|school|nursery|fly|flying|travel|drive|driving|play|sport|duty)|\s+note|\s+and\s+(?:well|healthy))"
    ),
    r"\bcollaps\w*\b(?!\s+(?:onto|on|into|in)\s+(?:the\s+|my\s+|a\s+)?(?:sofa|couch|bed|chair|heap))",
]

#: Round three: foam from the mouth in a second language, a seizure past five minutes, rescue
#: medicine that has not worked.
RED_FLAGS += [
    r"\bfoam\w*\s+(?:from|at|in|out\s+of)\s+(?:the\s+|his\s+|her\s+)?mouth\b",
    r"\b(?:seizure|fit|convulsion)s?\b[^.!?\n]{0,30}\b(?:over|more\s+than|longer\s+than|past)\s+(?:five|5|ten|10|fifteen|15)\s+min\w*",
    (
        r"\b(?:rescue\s+(?:med\w*|drugs?|remedy)|buccal|midazolam|diazepam|epistatus)\b[^.!?\n]{0,30}\b(?:hasn't|has\s+not|didn't|did\s+not|not|isn't|is\s+not|won't)\s+"
        r"(?:work\w*|help\w*|stopp\w*|stop)\b"
    ),
]

#: Round four: not answering in a second language, lying on a floor unresponsive, breathing like a
#: snore after a collapse, shaking the whole body, a first fit, hard to rouse, out cold, "took a
#: turn" and "took a weakness" as Irish and Scots carers say it, and the emergency numbers of other countries.
RED_FLAGS += [
    r"\b(?:isn't|is\s+not|not|won't|doesn't|don't|no)\s+answer(?:ing)?\s+(?:me|us|when|at\s+all)\b",
    (
        r"\b(?:lying|lay|laying|down|slumped|sprawled|found\s+(?:him|her|them))\s+on\s+(?:the\s+)?(?:\w+\s+)?(?:floor|ground|tiles|carpet|pavement|lino|grass|road|path|rug)\b[^\n]{0,60}"
        r"\b(?:(?:not|isn't|won't|can't|doesn't|no)\s+(?:answer\w*|respon\w*|wak\w*|mov\w*|talk\w*|speak\w*|breath\w*|get\s+up)|no\s+(?:answer|reply|response))"
    ),
    r"\b(?:gives?|giving|gave|getting|got)\s+no\s+(?:answer|reply|response)\b|\bno\s+(?:answer|reply|response)\s+(?:to|from)\s+(?:me|us|my|our|his|her|him)\b",
    (
        r"\bbreath\w*\b[^.!?\n]{0,25}\b(?:like\s+(?:a\s+)?snor\w*|snor\w*\s+(?:strange\w*|weird\w*|funny|loud\w*|noise)|gurgl\w*|rattl\w*|"
        r"(?:strange|weird|funny|odd)\s+like\s+(?:a\s+)?snor\w*)\b"
    ),
    r"\b(?:shak\w*|jerk\w*|twitch\w*|trembl\w*|convuls\w*)\b[^.!?\n]{0,20}\b(?:all\s+(?:of\s+)?(?:his\s+|her\s+|the\s+)?body|whole\s+body|all\s+over)\b",
    r"\b(?:fell|fall|falls|fallen|dropped|collapsed|went\s+down)\s+(?:down\s+)?(?:and|then)\s+(?:started\s+|start\s+)?(?:shak|jerk|twitch|fit)\w*",
    r"\b(?:fit|seizure|convulsion)s?\b[^\n]{0,60}\b(?:just|now)\s+(?:had|having|has)\s+(?:one|another)\b",
    r"\b(?:first|first\s+ever)\s+(?:fit|seizure|convulsion)\b",
    r"\b(?:very\s+|really\s+|so\s+)?(?:hard|difficult|impossible)\s+to\s+(?:rouse|wake|wake\s+up)\b(?!\s+(?:in\s+the\s+mornings?|for\s+school|for\s+work|up\s+for))",
    r"(?<!i\swas\s)(?<!i'm\s)(?<!i\sam\s)(?<!i\swent\s)\b(?:out\s+cold|spark\s+out)\b(?!\s+for\s+(?:\w+\s+)?(?:hours|the\s+night))",
    r"\b(?:took|taken|take|taking|had|having|has)\s+(?:a\s+)?(?:bad\s+|funny\s+|wee\s+|little\s+|queer\s+|strange\s+|sudden\s+)?(?:turn|weakness)\b(?!\s+(?:at\s+(?:the\s+)?(?:wheel|driving|it|this|that)|on\s+(?:the|it|this)|in\s+(?:the|my|his|her)\s+(?:legs?|arms?|knees?|hands?)|with\s+the|for\s+the\s+better|driving|to\s+the|of\s+(?:the|phrase)))",
    r"\b(?:not|isn't|wasn't)\s+(?:very\s+)?responsive\b",
    r"\bfoam\w*\s+(?:on|round|around)\s+(?:the\s+|his\s+|her\s+)?(?:mouth|lips)\b",
    (
        r"\bfell\s+(?:out\s+of|from|off)\s+(?:a|the|an|his|her|their|our)\s+(?:upstairs\s+|first[\s-]floor\s+|second[\s-]floor\s+|bedroom\s+)?"
        r"(?:window|balcony|roof|ladder|loft|cliff|scaffold\w*|building|bridge)\b"
    ),
    r"\bcall(?:ing|ed)?\s+(?:an?\s+|the\s+)?(?:000|995|998|997|triple\s+(?:zero|0))\b",
    # 111 is New Zealand's emergency number but the UK's advice line ("rang 111, they said book in"):
    # only a call being made now counts.
    r"\b(?:calling|ringing|phoning|dialling|dialing)\s+111\s+(?:now|right\s+now)\b",
    r"\b(?:ring|rang|dial|dialled|dialed|phone|phoned)\w*\s+(?:000|995|998|997|triple\s+(?:zero|0))\b",
]

#: Round four, more voices: dropping like a stone, fits one on another without coming round.
RED_FLAGS += [
    r"\b(?:went|gone|dropped|fell|collapsed|keeled)\s+(?:down\s+|over\s+)?like\s+(?:a\s+)?(?:sack|stone|tree|ton\s+of\s+bricks|rag\s+doll|log)\b",
    r"\b(?:two|three|four|five|several|multiple|\d+)\s+(?:fits|seizures|convulsions)\s+(?:in|within|inside|under)\s+(?:an?\s+|the\s+last\s+|one\s+|\d+\s+)?(?:hour|hours|row|morning|afternoon|evening|night)\b",
    r"\b(?:without|never|not|hasn't|hadn't|didn't)\s+(?:coming|waking|came|woke|come|woken)\s+(?:round|around|to|up)\s+(?:in\s+between|between)\b",
]

#: Round five: a seizure named as a second-language speaker names it ("cramp attack", German
#: Krampfanfall; "epileptic attack"), the whole body named before the shaking ("the whole body
#: shakes"), and a fit that has lasted five minutes whatever it is called.
RED_FLAGS += [
    r"\b(?:epilep\w*|convulsion|convulsive)\s+(?:attack|fit)s?\b",
    (
        r"\b(?:whole|entire|all\s+(?:of\s+)?(?:his|her|the|their|my))\s+body\s+(?:is\s+|was\s+|keeps?\s+|started\s+|starts\s+|began\s+)?"
        r"(?:shak\w*|jerk\w*|twitch\w*|convuls\w*|trembl\w*|spasm\w*|stiff\w*\s+and\s+(?:shak|jerk)\w*)\b"
    ),
    (
        r"\b(?:cramp(?:ing)?\s+attack|cramp\s+fit|attack\s+of\s+cramps|shaking|jerking|fitting|convulsing|twitching)\b[^.!?\n]{0,30}"
        r"\b(?:over|more\s+than|longer\s+than|past|for)\s+(?:five|5|ten|10|fifteen|15|twenty|20)\s+min\w*"
    ),
    r"\b(?:cramp(?:ing)?|spasm)\s+(?:attack|fit)s?\b[^.!?\n]{0,40}\b(?:whole\s+body|all\s+over|not\s+respon\w*|eyes\s+rolled|foam\w*|blue|lips)\b",
]

#: Round five: a "cramp attack" alone may be a leg cramp; with an urgency cue it is a fit.
MENTIONS += [
    r"\b(?:cramp(?:ing)?\s+attack|attack\s+of\s+cramps|cramp\s+fit)s?\b",
]

#: Round five: a head injury told in the passive or with the object first ("my head was hit by a
#: door", "banged his head") and then vomiting, drowsiness or confusion (NICE head injury red flags).
RED_FLAGS += [
    (
        r"\b(?:head\s+(?:was\s+|got\s+|has\s+been\s+)?(?:hit|banged|bumped|knocked|struck|smashed)|(?:hit|banged|bumped|knocked|smashed|bang|bump|knock)\w*\s+"
        r"(?:on\s+|into\s+)?(?:his|her|my|their|the|your)\s+head)\b[^\n]{0,80}\b(?:vomit\w*|being\s+sick|threw\s+up|throwing\s+up|sick\s+(?:two|three|\d|again|several)|"
        r"sleepy|drowsy|confus\w*|unconscious|knocked\s+out|fit\w*|seiz\w*|clear\s+fluid|can't\s+remember)\b"
    ),
]

#: Round six: a head injury told by its mechanism and a warning sign (NICE head injury red flags):
#: clear fluid from the nose or ears, a helmet broken by the blow, asking the same questions, double
#: vision; a knock in sport with vomiting or "out of it"; someone found lying who does not answer.
RED_FLAGS += [
    rf"\b(?:clear|watery)\s+(?:fluid|liquid|stuff)\b{g(30)}\b(?:nose|ears?)\b",
    rf"\bhelmet\b{g(30)}\b(?:cracked|broken|broke|split|smashed|in\s+pieces)\b",
    (
        rf"\b(?:head|knock\w*|fell|fall|crash\w*|hit|bang\w*|headbutt\w*|head-butt\w*|concuss\w*)\b{g(80)}"
        rf"\b(?:(?:asking|asks|repeating)\s+(?:the\s+same|what|where)|keeps\s+asking|see\w*\s+double|double\s+vision|not\s+making\s+sense|"
        rf"(?:really|completely|totally)\s+out\s+of\s+it|much\s+more\s+confused|more\s+confused\s+than)"
    ),
    rf"\b(?:knock\w*|concuss\w*|headbutt\w*|head-butt\w*|hit\s+(?:his|her|my|their)\s+head|helmet)\b{g(80)}\b(?:vomit\w*|throwing\s+up|threw\s+up|being\s+sick)\b",
    rf"\b(?:lump|bump|egg)\s+on\s+(?:the\s+back\s+of\s+)?(?:his|her|my|their|the)\s+head\b{g(80)}\b(?:confus\w*|vomit\w*|sleepy|drowsy|not\s+crying\s+normally|floppy)\b",
    rf"\bshak\w*\s+(?:him|her|them)\b{g(40)}\b(?:not|no|doesn't|won't|isn't|nothing)\s+(?:answer|respond|wake|move|react)\w*",
    rf"\b(?:lying|lie|lay|laying|found)\b{g(40)}\b(?:not\s+mov\w*|not\s+answer\w*|not\s+respond\w*|won't\s+wake|not\s+breathing)\b{g(60)}\b(?:not|no|doesn't|won't)\s+(?:answer|respond|wake|move)\w*",
]

#: Round seven: a seizure told by the verb ("he fitted in the bath", "she's fitted twice"), foam or
#: froth at the mouth in any order ("the mouth is with foam"), "not reacting" as German, Dutch and
#: Slavic speakers say "not responding", and drowsiness nobody can break ("can't keep her awake",
#: "keeps nodding off while I talk to her"): AVPU's "responds to voice" failing.
_REACT_OBJECT = (
    r"(?:the\s+|his\s+|her\s+|my\s+)?(?:vaccine|jab|injection|medication|medicine|tablets?|pills?|antibiotics?|penicillin|"
    r"food|nuts?|it|that|this|pollen|cream|dose|treatment|drug|plasters?|latex)"
)
RED_FLAGS += [
    (
        r"\b(?:he|she|they|husband|wife|son|daughter|baby|child|boy|girl|dad|mum|mom|father|mother|brother|sister|partner|"
        r"grandad|grandma|nan|toddler|patient|friend|he's|she's|he\s+has|she\s+has|has)\s+(?:just\s+|again\s+)?fitted\b"
        r"(?!\s+(?:a|an|the|my|his|her|their|it|them|us|me|some|new|in\s+(?:well|nicely|fine|ok|with)|right|well|perfectly|nicely|for|with|into|out|up|together))"
    ),
    r"\b(?:foam\w*|froth\w*)\b[^.!?\n]{0,25}\bmouth\b|\bmouth\b[^.!?\n]{0,25}\b(?:foam\w*|froth\w*)\b",
    (
        rf"\b(?:not|doesn't|does\s+not|don't|do\s+not|didn't|did\s+not|won't|isn't|is\s+not|no\s+longer|stopped)\s+react(?:ing|s)?\b"
        rf"(?!\s+(?:well|badly|(?:to|with)\s+{_REACT_OBJECT}))"
    ),
    r"\b(?:can't|cannot|can\s+not|couldn't|struggling\s+to|hard\s+to)\s+keep\s+(?:him|her|them|me|my\s+\w+)\s+awake\b",
    r"\bkeeps?\s+(?:nodding|drifting|dozing|passing)\s+off\b[^.!?\n]{0,40}\b(?:while|when|mid|in\s+the\s+middle)\b",
]

#: Round seven: skull fracture signs (bruising behind the ears or round both eyes), a young child's
#: fall from a height of furniture or stairs then a lump and vomiting or not themselves, and vomiting
#: with a mind that does not know the day (a head injury or worse, whatever came before).
_SICK = r"(?:vomit\w*|being\s+sick|(?:is|keeps?|was)\s+sick|threw\s+up|throwing\s+up|puk\w*)"
_OFF = r"(?:not\s+(?:himself|herself|themselves|right)|drows\w*|sleepy|floppy|confus\w*|(?:doesn't|does\s+not|don't|not)\s+know\w*\s+(?:what\s+day|where|who))"
RED_FLAGS += [
    r"\bbruis\w*\s+(?:behind|around|round|under)\s+(?:(?:both|his|her|the|my|their)\s+){1,2}(?:ears?|eyes)\b(?=[^\n]{0,100}\b(?:fall\w*|fell|head|hit|knock\w*|accident|crash\w*|drows\w*)\b)",
    r"\b(?:fall\w*|fell|head|hit|knock\w*|accident|crash\w*)\b[^\n]{0,100}\bbruis\w*\s+(?:behind|around|round)\s+(?:(?:both|his|her|the|my|their)\s+){1,2}ears?\b",
    (
        r"\b(?:fell|fall|falls|fallen|rolled|dropped|tumbled)\s+(?:down|off|from)\s+(?:the\s+|a\s+|his\s+|her\s+)?(?:whole\s+(?:flight\s+of\s+)?)?(?:stairs|steps|changing\s+(?:table|mat)|bed|table|sofa|couch|high\s*chair|bunk\s*bed|bunk|cot|worktop|counter|pram|buggy|trampoline)\b"
        rf"{g(100)}\b(?:lump|bump|egg|swelling|swollen|head)\b{g(80)}\b(?:{_SICK}|{_OFF})"
    ),
    rf"\b{_SICK}\b{g(60)}\b(?:doesn't|does\s+not|don't|not)\s+know\w*\s+(?:what\s+day|where\s+(?:he|she|they|i)|who\s+(?:i|we|he|she)|what\s+(?:time|year))\b",
    rf"\b(?:doesn't|does\s+not|don't|not)\s+know\w*\s+(?:what\s+day|where\s+(?:he|she|they|i)|who\s+(?:i|we|he|she)|what\s+(?:time|year))\b{g(60)}\b{_SICK}",
    # a fever with twitching or jerking: a febrile seizure at any age
    rf"\b(?:fever\w*|temperature|very\s+hot|burning\s+(?:up|hot)|roasting)\b{g(60)}\b(?:twitch\w*|jerk\w*|convuls\w*|eyes\s+roll\w*|stiff\s+and\s+shak\w*)",
    rf"\b(?:head|fall|fell|knock\w*|hit)\b{g(80)}\bdrowsier\b|\bgetting\s+(?:more\s+)?(?:drowsy|drowsier|sleepier)\b(?=[^\n]{{0,100}}\b(?:fall|fell|head|hit|knock\w*)\b)",
]

#: Round seven: shaking or jerking that does not stop, said in any grammar ("shaking arms and legs not
#: stop 10 minute"), or lasting five minutes or more told by a bare number.
RED_FLAGS += [
    rf"\b(?:shak\w*|jerk\w*|twitch\w*|convuls\w*|fitting|seizing|trembl\w*)\b{g(40)}\b(?:not|doesn't|don't|didn't|never|no)\s+(?:stop|stopp\w*|ending)\b",
    rf"\b(?:shak\w*|jerk\w*|twitch\w*|convuls\w*|fitting|seizing|seizure|fit)\b{g(40)}\b(?:already\s+|since\s+|for\s+|over\s+)?(?:[5-9]|[1-5]\d|five|six|seven|eight|nine|ten|fifteen|twenty)\s*min\w*\b(?!\s+ago)",
]

#: Round eight: a head injury in someone on blood thinners (warfarin, apixaban, rivaroxaban...),
#: which triage lines send to A&E whatever the symptoms, said in either order and across a sentence
#: ("hit the back of my head. I'm on blood thinners and now feel drowsy"). Not when it was long ago
#: (the history layer) or denied.
_HEAD_HIT = r"(?:(?:hit|bang\w*|bump\w*|knock\w*|smack\w*|struck)\s+(?:(?:the\s+back\s+of\s+)?(?:his|her|my|their|the)\s+)?head|(?:fell|fall\w*|slipped)\b[^\n]{0,40}\bhead)"
_THINNERS = r"(?:blood[\s-]+thinn\w*|anti-?coagulant\w*|warfarin|apixaban|rivaroxaban|edoxaban|dabigatran|eliquis|xarelto|coumadin)"
RED_FLAGS += [
    rf"\b{_HEAD_HIT}\b[^\n]{{0,120}}\b{_THINNERS}",
    rf"\b{_THINNERS}\b[^\n]{{0,120}}\b{_HEAD_HIT}\b",
]
