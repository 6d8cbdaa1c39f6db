"""Abdominal emergencies in lay words: a rigid belly, appendicitis's pain that moves to the lower
right with fever or vomiting, a bowel blocked (no wind or stool, swollen, vomiting), a hernia gone
hard, a child's colicky pain with redcurrant-jelly stool, an early pregnancy with one-sided pain
(ectopic), unbearable belly pain.

Bleeding from the gut (vomiting blood, black stool) is in ``bleeding``; testicular pain in
``sepsis_meningitis_other``.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

_BELLY = r"(?:belly|tummy|stomach|abdomen|abdo|abdominal|tum|gut)"

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        rf"\b{_BELLY}\b{g(30)}\b(?:hard\s+(?:as|like)\s+(?:a\s+)?(?:board|rock|table|wood|stone|brick)|rigid|board[\s-]?like|rock[\s-]hard|"
        rf"hard\s+and\s+(?:swollen|painful|sore|tender))"
    ),
    rf"\b(?:rigid|board[\s-]?like|rock[\s-]hard)\s+{_BELLY}\b",
    (
        rf"\b(?:lower\s+right|right\s+(?:lower|bottom|low)|bottom\s+right|low(?:er)?\s+on\s+the\s+right|right\s+side\s+of\s+(?:his|her|my|the)\s+{_BELLY})\b"
        rf"[^\n]{{0,80}}\b(?:fever|temperature|temp|3[89](?:[.,]\d)?|vomit\w*|threw\s+up|throwing\s+up|being\s+sick|can't\s+walk|unbearable|scream\w*|agony|excruciating)"
    ),
    r"\b(?:fever|temperature|vomit\w*|threw\s+up|throwing\s+up|being\s+sick)\b[^\n]{0,80}\b(?:lower\s+right|bottom\s+right|right\s+lower)\b",
    r"\b(?:moved|moving|spread|shifted|gone)\s+(?:down\s+)?(?:to\s+)?(?:the\s+)?(?:lower\s+|bottom\s+)?right\b",
    r"(?<!had\smy\s)(?<!had\shis\s)(?<!had\sher\s)\b(?:appendix|appendicitis)\b(?!\s+(?:out|removed|scar|surgery|op\b|operation))",
    (
        rf"\b{_BELLY}\s*(?:pain|ache|cramps?)?\b{g(30)}\b(?:unbearable|agony|excruciating|worst\s+pain|screaming|doubled\s+over|rolling\s+(?:around|on\s+the\s+floor)|"
        rf"can't\s+(?:move|stand|straighten))"
    ),
    rf"\b(?:unbearable|agonising|agonizing|excruciating|screaming)\s+(?:\w+\s+)?(?:pain\s+in\s+(?:my|his|her|the)\s+)?{_BELLY}",
    (
        rf"\b(?:no|not|haven't|hasn't|hadn't|can't|cannot)\b{g(30)}\b(?:poo\w*|bowel\s+(?:motion|movement)|bowels?\s+open\w*|passed\s+wind|pass\s+wind|wind|stool|fart\w*)\b"
        rf"{g(80)}\b(?:vomit\w*|being\s+sick|sick|swollen|bloated|distended|drum)\b"
    ),
    rf"\b(?:swollen|bloated|distended)\s+(?:like\s+a\s+(?:drum|balloon)|and\s+hard)\b{g(80)}\b(?:vomit\w*|being\s+sick|sick|pain)\b",
    # the match is the hernia itself: "can't push it back" is a sign, not a denial
    rf"\bhernia\b(?={g(60)}\b(?:hard|can't\s+push\s+(?:it\s+)?(?:back|in)|won't\s+go\s+(?:back|in)|stuck\s+out|black|purple|vomit\w*))",
    r"\b(?:red|redcurrant)\s+jelly\b",
    # appendicitis's walk: pain that began at the navel or in the middle and is now low on the right
    (
        r"\b(?:belly\s*button|navel|tummy\s*button|middle\s+of\s+(?:my|his|her|the)\s+(?:belly|tummy|stomach))\b[^.!?\n]{0,60}\b(?:now|moved|moving|gone|went|spread\w*|travel\w*|shifted)\b"
        r"[^.!?\n]{0,30}\b(?:right\s+(?:bottom|lower|low|down)|(?:bottom|lower|low)\s+right|right\s+(?:hand\s+)?side\s+(?:low|down))\b"
    ),
    rf"\b(?:pull\w*|draw\w*|bring\w*)\s+(?:his|her|their)\s+(?:legs|knees)\s+(?:up\s+)?(?:to|into|towards)\s+(?:his|her|their)\s+(?:{_BELLY}|chest)\b",
    # early pregnancy with one-sided pain or shoulder-tip pain: ectopic until proven otherwise
    rf"\b(?:pregnant|pregnancy)\b{g(80)}\b(?:shoulder(?:\s+tip)?\s+pain|pain\s+in\s+(?:the|my)\s+shoulder|(?:only\s+)?(?:on\s+)?(?:one|left|right)\s+side\s+(?:low|lower)|(?:low|lower)\s+(?:on\s+)?(?:the\s+)?(?:one|left|right)\s+side)\b",
    # pain on one side said any way, in a pregnancy, with bleeding or faintness
    (
        rf"\b(?:pregnant|pregnancy)\b{g(80)}\b(?:(?:pain|ache|cramp\w*)\s+(?:on\s+|in\s+)?(?:the\s+)?(?:one|left|right)\s+side|(?:one|left|right)[\s-]sided\s+pain|"
        rf"(?:one|left|right)\s+side\s+(?:pain|hurts?|hurting))\b{g(80)}\b(?:bleed\w*|blood|spotting|dizzy|faint\w*|pass\w*\s+out|collaps\w*|pale)"
    ),
]

#: Red-flag words that need an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b(?:severe|bad|strong|terrible|awful|sharp|sudden)\s+(?:\w+\s+)?(?:pain\s+in\s+(?:my|his|her|the)\s+)?{_BELLY}\s*(?:pain|ache)?\b",
]

#: Round seven: belly pain told as strong rather than named ("very much pain in stomach", "pain very
#: strong since 3 hours", "extremely strong pain in the upper stomach") with a sign that it is not a
#: passing ache: vomiting again and again, unable to walk or stand, crying or rolling, a fever, a hard
#: belly, grey and sweating; and belly or back pain with shock in someone with an aneurysm.
_STRONG_PAIN = (
    r"(?:(?:very|really|so|extremely|super|too|much)\s+(?:very\s+)?(?:much\s+|strong\s+|bad\s+|severe\s+|big\s+)?pain|"
    r"pain\s+(?:is\s+|very\s+|so\s+)*(?:very|so|really|extremely|too|super)\s+(?:strong|bad|severe|much|big|intense)|"
    r"(?:strong|severe|terrible|horrible|awful|extreme|intense|excruciating|unbearable|killing|crippling|stabbing)\s+pain|"
    r"(?:a\s+lot|lots)\s+of\s+pain|(?:in|with)\s+(?:so\s+much\s+)?(?:agony|pain)\s+(?:that|he|she|i))"
)
_PLACE = rf"(?:{_BELLY}|(?:right|left)\s+side|side|upper\s+{_BELLY}|lower\s+{_BELLY}|groin|pelvis|back\s+and\s+{_BELLY}|{_BELLY}\s+and\s+back)"
_NOT_PASSING = (
    r"(?:vomit\w*|threw\s+up|throwing\s+up|being\s+sick|(?:can't|cannot|can\s+not|not\s+able\s+to|unable\s+to)\s+(?:walk|stand|jump|move|straighten)|"
    r"crying|cry|scream\w*|rolling|roll\w*\s+(?:on|around)|doubled|fever|temperature|temp|{fever}|(?:is\s+)?(?:hard|rigid|swollen)|sweat\w*|grey|gray|pale|clammy|faint\w*)"
).replace("{fever}", r"3[89](?:[.,]\d)?")
RED_FLAGS += [
    rf"\b{_STRONG_PAIN}\b{g(40)}\b{_PLACE}\b{g(100)}\b{_NOT_PASSING}",
    rf"\b{_PLACE}\b{g(40)}\b{_STRONG_PAIN}\b{g(100)}\b{_NOT_PASSING}",
    rf"\b{_NOT_PASSING}\b{g(60)}\b{_STRONG_PAIN}\b{g(40)}\b{_PLACE}\b",
    rf"\b{_PLACE}\b{g(30)}\b(?:very|so|extremely|really|too)\s+(?:strong|severe|bad|painful|sore)\b{g(100)}\b{_NOT_PASSING}",
    # an aneurysm known and watched, now pain with shock
    r"\baneurysm\b[^\n]{0,120}\b(?:pain|grey|gray|sweat\w*|faint\w*|collaps\w*)|\b(?:pain|grey|gray|sweat\w*|faint\w*|collaps\w*)\b[^\n]{0,120}\baneurysm\b",
    rf"\b(?:back|{_BELLY})\b{g(40)}\b(?:{_BELLY}|back)\b{g(80)}\b(?:grey|gray|ashen|clammy|faint\w*|collaps\w*)\b",
]
