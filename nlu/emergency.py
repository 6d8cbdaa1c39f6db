"""Emergency safety net: runs before the model, favours recall.

Patterns cover chest pain, stroke signs, trouble breathing, heavy bleeding,
overdose and poisoning, anaphylaxis, collapse and seizures, a child not
breathing, and self-harm or suicidal thoughts, including indirect ones ("everyone
would be better off without me"). Ordinary symptoms ("rash for a week"), negated
mentions ("no chest pain") and history ("follow-up after my stroke last year")
do not fire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = r"(?:i|im|i'm|i am|ive|i've|i have|i've been|me|my)"
_CANT = r"(?:can'?t|cannot|can\s*not|cant|couldn'?t|could\s+not|unable\s+to|struggling\s+to|hard\s+to|trouble|difficulty|not\s+able\s+to)"
_CHILD = r"(?:baby|babys|baby's|son|daughter|child|kid|toddler|infant|newborn|boy|girl|little\s+one|husband|wife|partner|mum|mom|mother|dad|father|grandma|grandpa|nan|he|she|they)"

CATEGORIES: dict[str, list[str]] = {
    "chest_pain": [
        r"\bchest\b.{0,30}\b(?:pain|pains|hurts?|hurting|crushing|tight|tightness|pressure|heavy|heaviness|squeez\w*|ache|aching|burning|agony)",
        r"\b(?:pain|pains|crushing|tightness|pressure|heaviness|squeezing|ache)\b.{0,20}\b(?:in|on|across)\s+(?:my|the|his|her)\s+chest\b",
        r"\bheart\s+attack\b", r"\bcardiac\s+arrest\b",
        r"\b(?:pain|numb\w*|tingl\w*)\b.{0,30}\b(?:left\s+arm|down\s+(?:my|his|her)\s+arm|jaw)\b",
        r"\bheart\s+(?:is\s+)?(?:racing|pounding)\b.{0,40}\b(?:faint|dizzy|pass\s+out|chest)",
    ],
    "stroke": [
        r"\bstroke\b", r"\bface\b.{0,20}\b(?:droop\w*|drooping|numb|sagging|lopsided)\b",
        r"\bdroop\w*\b.{0,20}\bface\b",
        r"\bslurr\w*\b", r"\bspeech\b.{0,25}\b(?:slurred|garbled|weird|strange|gone|funny)\b",
        rf"\b{_CANT}\s+(?:move|feel|lift)\s+(?:my|his|her|the)\s+(?:left|right)?\s*(?:arm|leg|side|face)\b",
        r"\b(?:numb|numbness|weak|weakness|paralys\w*)\b.{0,25}\b(?:one\s+side|left\s+side|right\s+side|whole\s+side)\b",
        r"\bsudden(?:ly)?\b.{0,25}\b(?:numb\w*|weak\w*|confus\w*|can'?t\s+see|blind|worst\s+headache)\b",
        r"\bworst\s+headache\b", r"\bthunderclap\b",
    ],
    "breathing": [
        rf"\b{_CANT}\s+(?:breath|breathe|breathing|catch\s+(?:my|his|her|their)\s+breath|get\s+(?:air|a\s+breath))\b",
        r"\b(?:trouble|difficulty|struggling|problems?|hard)\s+(?:with\s+)?breath\w*\b",
        r"\b(?:not|isn'?t|stopped|stop|no\s+longer|hasn'?t\s+been)\s+breath\w*\b",
        r"\bbarely\s+breath\w*\b", r"\bgasping\b", r"\bchok(?:ing|ed)\b",
        r"\b(?:turning|turned|going|gone)\s+blue\b", r"\b(?:lips|face)\b.{0,15}\bblue\b",
        r"\bshort(?:ness)?\s+of\s+breath\b(?!.{0,40}\b(?:when|after|during)\s+(?:i\s+)?(?:run|exercis|climb|jog|walk))",
        r"\bbreathless\b(?!.{0,40}\b(?:when|after|during))",
        r"\basthma\s+attack\b", r"\binhaler\b.{0,30}\b(?:not|isn'?t|doesn'?t)\s+(?:work|help)",
        r"\bcan'?t\s+breath\w*\b", r"\bcant\s+breath\w*\b", r"\bno\s+air\b",
    ],
    "bleeding": [
        r"\bbleed\w*\b.{0,30}\b(?:heavily|a\s+lot|lots|badly|everywhere|won'?t\s+stop|wont\s+stop|not\s+stopping|nonstop|non-stop|won'?t\s+clot|through)\b",
        r"\b(?:heavy|severe|uncontrolled|massive|serious)\s+bleed\w*\b",
        r"\b(?:won'?t|wont|will\s+not|can'?t\s+get\s+it\s+to|doesn'?t|not)\s+stop\s+bleed\w*\b",
        r"\b(?:lots|lot|pool|so\s+much|loads)\s+of\s+blood\b", r"\bblood\s+everywhere\b",
        r"\b(?:coughing|vomiting|throwing|spitting|puking)\s+(?:up\s+)?blood\b", r"\bbleeding\s+out\b",
        r"\bsoak\w*\s+through\b", r"\bblood\b.{0,20}\b(?:gushing|pouring|spurting)\b",
        r"\b(?:gushing|pouring|spurting)\b.{0,10}\bblood\b",
        r"\bdeep\s+(?:cut|wound|gash)\b", r"\bstabbed\b", r"\bshot\b.{0,10}\b(?:in|with)\b.{0,20}\b(?:gun|chest|leg|arm|stomach)\b",
    ],
    "overdose": [
        r"\bover\s?dos\w*\b", r"\bod'?d\b", r"\bod\s+on\b",
        r"\b(?:took|taken|take|swallowed|ate|had|downed)\b.{0,25}\b(?:too\s+many|whole\s+(?:bottle|pack|box|packet)|all\s+(?:my|of\s+my|the|his|her)|bottle\s+of|handful\s+of|bunch\s+of|lot\s+of|box\s+of|packet\s+of)\b.{0,25}\b(?:pills?|tablets?|meds?|medication|medicine|paracetamol|tylenol|panadol|sleeping|insulin|ibuprofen|advil|aspirin|oxy\w*|opioids?|xanax|valium|antidepressants?)",
        r"\b(?:swallowed|drank|drunk|ate|eaten|got\s+into|licked)\b.{0,30}\b(?:bleach|detergent|cleaning|battery|batteries|button\s+battery|poison|antifreeze|chemicals?|tide\s+pod|laundry\s+pod|dishwasher|drain\s+cleaner|weed\s+killer|rat\s+poison|pills|tablets|medicine|meds)\b",
        r"\bpoison(?:ed|ing)\b",
    ],
    "anaphylaxis": [
        r"\banaphyla\w*\b", r"\bepi\s?pen\b", r"\banaphalax\w*\b",
        r"\bthroat\b.{0,25}\b(?:clos\w*|swell\w*|swollen|tight\w*|clos(?:ing)?\s+up)\b",
        r"\b(?:tongue|lips?|face|mouth)\b.{0,20}\b(?:swell\w*|swollen|puff\w*)\b.{0,40}\b(?:breath|throat|swallow)",
        r"\ballergic\s+reaction\b.{0,50}\b(?:breath|throat|swell\w*|swollen|tongue|lips|face|bad|severe|hives\s+everywhere|swallow\w*)",
        r"\b(?:severe|bad|serious|major|massive)\s+allergic\s+reaction\b",
        r"\b(?:can'?t|cannot|unable\s+to|struggling\s+to)\s+swallow\b.{0,40}\b(?:swell\w*|allerg\w*|throat|breath\w*)",
        r"\b(?:swell\w*|allerg\w*|throat)\b.{0,40}\b(?:can'?t|cannot|unable\s+to)\s+swallow\b",
        r"\b(?:swell\w*|swollen)\b.{0,30}\b(?:can'?t|cannot|hard\s+to)\s+(?:breathe|swallow)\b",
    ],
    "collapse": [
        r"\b(?:unconscious|unresponsive|not\s+responding|won'?t\s+wake|wont\s+wake|can'?t\s+wake|cant\s+wake|isn'?t\s+waking)\b",
        r"\b(?:passed|blacked)\s+out\b", r"\bcollaps\w*\b", r"\bfaint(?:ed|ing)\b",
        r"\b(?:seizure|seizing|convuls\w*|fitting)\b", r"\bhaving\s+a\s+fit\b",
        r"\bno\s+pulse\b", r"\b(?:heart|pulse)\s+(?:stopped|isn'?t\s+beating)\b",
        r"\bhit\s+(?:his|her|my|their)\s+head\b.{0,40}\b(?:unconscious|vomit\w*|confus\w*|out|bleed\w*|not\s+making\s+sense)",
        r"\b(?:car\s+(?:crash|accident)|hit\s+by\s+a\s+car|fell\s+from)\b",
        r"\b(?:severe|unbearable|excruciating|worst)\s+(?:pain|abdominal|stomach)\b.{0,40}\b(?:can'?t|vomit\w*|blood|faint)",
        r"\bcall(?:ing)?\s+(?:an?\s+)?(?:ambulance|911|999|000|112)\b", r"\b(?:911|999)\b",
        r"\bemergency\b(?!\s+(?:contact|number|details|appointment|dentist\s+info))",
    ],
    "self_harm": [
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|off)\s+(?:my\s*self|myself|meself|myslef|mysef)\b",
        r"\bself[\s-]?harm\w*\b", r"\bsuicid\w*\b", r"\bsuicide\b",
        # The object is required: "end my life" is self-harm, "end my appointment" is not.
        r"\b(?:end|ending|take|taking|finish|finishing)\s+(?:my\s+(?:own\s+)?life|it\s+all)\b",
        r"\b(?:just\s+)?(?:want|wanna|going|gonna|ready)\s+(?:to\s+)?end\s+it\b(?!\s+(?:with|early|now\s+with))",
        r"\bend\s+it\s+all\b", r"\bend\s+(?:my|it)\s+(?:life|all)\b", r"\btake\s+my\s+(?:own\s+)?life\b",
        r"\b(?:want|wanna|going|gonna|wish|wishing|ready|plan\w*)\s+(?:to\s+)?(?:die|be\s+dead|not\s+(?:be\s+)?(?:here|alive|exist\w*|wake\s+up)|disappear\s+forever)\b",
        r"\b(?:wish|hope)\s+(?:i|i'd|id)\s+(?:was|were|could\s+be|would)\s+(?:dead|die|not\s+wake|gone\s+forever)",
        r"\b(?:don'?t|dont|do\s+not)\s+want\s+to\s+(?:live|be\s+alive|be\s+here|wake\s+up|exist|go\s+on)\b",
        r"\bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:was|were)n'?t\s+(?:here|around|alive))\b",
        r"\b(?:no|nothing\s+left\s+to|no\s+reason\s+to|not\s+worth)\s+(?:point\s+(?:in\s+)?)?liv(?:e|ing)\b",
        r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:go(?:ing)?\s+on|liv\w*|be(?:ing)?\s+(?:here|alive))\b",
        r"\bcan'?t\s+(?:go\s+on|keep\s+going|take\s+(?:it|this)\s+any\s*more|do\s+this\s+any\s*more)\b(?!.{0,30}\b(?:bot|app|website|hold|queue|waiting|phone))",
        r"\bnot\s+(?:be|going\s+to\s+be|gonna\s+be)\s+(?:around|here)\s+(?:much\s+longer|for\s+long|anymore|tomorrow)\b",
        r"\b(?:said|saying|say)\s+(?:my\s+)?goodbye\w*\s+to\s+(?:everyone|everybody|my\s+family)\b",
        r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+)?note\b",
        r"\b(?:saved|saving|stockpil\w*|hoard\w*)\s+(?:up\s+)?(?:my\s+)?(?:pills|tablets|meds|medication)\b",
        r"\bgo\s+to\s+sleep\s+and\s+(?:never|not)\s+wake\s+up\b",
        r"\bnever\s+wake\s+up\b", r"\b(?:life|living)\s+(?:is|isn'?t)\s+(?:not\s+)?worth\s+(?:it|living)\b",
        r"\bnot\s+worth\s+living\b", r"\bbetter\s+off\s+gone\b", r"\bburden\s+to\s+(?:everyone|everybody|my\s+family)\b",
        r"\b(?:jump|jumping)\s+(?:off|in\s+front)\b", r"\bhe'?s?\s+(?:going|gonna)\s+to\s+kill\s+(?:himself|me)\b",
        r"\b(?:kill|hurt)\s+(?:himself|herself|themselves|themself)\b",
        r"\bno\s+longer\s+want\s+to\s+(?:live|be\s+here|be\s+alive)\b", r"\bunalive\b",
        r"\bdisappear\s+forever\b", r"\bend\s+the\s+pain\s+(?:for\s+good|forever|permanently)\b",
        r"\b(?:want|wish|need)\s+(?:it\s+all|everything|this|my\s+life)\s+to\s+(?:end|stop|be\s+over)\b",
        r"\b(?:going\s+to|gonna|want\s+to|wanna|will|i'?ll|ready\s+to|plan\s+to|about\s+to)\s+end\s+it\b",
        r"\b(?:can'?t|cannot|don'?t)\s+see\s+(?:the|any)\s+point\s+(?:in|of)\s+(?:living|life|going\s+on|being\s+here|anything)\b",
        r"\bpoint\s+(?:in|of)\s+(?:living|life|being\s+alive|going\s+on)\b",
        r"\bnot\s+(?:be\s+)?around\s+any\s*more\b", r"\bif\s+i'?m\s+not\s+around\b",
        r"\b(?:everyone|everybody|they|my\s+family|my\s+kids)\s+(?:would|will|'d)\s+be\s+(?:happier|better)\b.{0,25}\b(?:without|gone|not\s+(?:here|around))",
        r"\b(?:everyone|everybody)\s+would\s+be\s+happier\b",
        r"\b(?:so\s+)?(?:done|finished|tired|sick)\s+(?:with|of)\s+(?:life|living|being\s+alive|it\s+all)\b",
        r"\b(?:nobody|no\s+one|noone)\s+(?:would|will)\s+(?:miss|care|notice)\b",
        r"\bwant\s+to\s+(?:sleep|go\s+to\s+sleep)\s+forever\b",
    ],
    "child": [
        rf"\b{_CHILD}\b.{{0,30}}\b(?:not\s+breath\w*|isn'?t\s+breath\w*|stopped\s+breath\w*|won'?t\s+breathe|blue|limp|floppy|unresponsive|not\s+moving|won'?t\s+wake|not\s+waking|seiz\w*|fitting|convuls\w*)\b",
        r"\b(?:drown\w*|near\s+drowning)\b", r"\b(?:baby|toddler|infant|newborn)\b.{0,30}\b(?:fell|dropped)\b.{0,30}\bhead\b",
    ],
}

_COMPILED = {cat: [re.compile(p, re.I) for p in pats] for cat, pats in CATEGORIES.items()}

_NEGATION = re.compile(
    r"\b(?:no|not|without|never|denies|deny|any)\s+(?:\w+\s+){0,2}$|\b(?:isn'?t|wasn'?t|no\s+longer)\s+(?:\w+\s+){0,1}$", re.I
)
_HISTORY = re.compile(
    r"\b(?:last\s+(?:year|month|week|summer|winter|spring|autumn|fall)|years?\s+ago|months?\s+ago|weeks?\s+ago|in\s+(?:19|20)\d\d"
    r"|history\s+of|recovering\s+from|recovered\s+from|follow[\s-]?up|followup|after\s+(?:my|his|her)|since\s+(?:my|his|her)"
    r"|prevention|awareness|screening|risk\s+of|risk\s+assessment|insurance|leaflet|brochure|research|survey|class|course|training|first\s+aid"
    r"|check[\s-]?up|fire\s+alarm|form|forms|questionnaire)\b",
    re.I,
)
_HISTORY_SENSITIVE = {"stroke", "collapse", "overdose", "chest_pain", "anaphylaxis"}
_SELF_HARM_HISTORY = re.compile(r"\b(?:years?\s+ago|history\s+of|prevention|awareness|hotline\s+number|research|training|course)\b", re.I)


@dataclass(frozen=True)
class EmergencyMatch:
    """The category that fired and the span of text that fired it."""

    category: str
    start: int
    end: int


def _clean(text: str) -> str:
    t = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"(.)\1{2,}", r"\1\1", t)


def detect_emergency(text: str) -> EmergencyMatch | None:
    """The first emergency pattern found in ``text`` (not negated, not history), or None."""
    t = _clean(text)
    if len(t) != len(text):
        t = text.replace("\u2019", "'")
    for cat, rxs in _COMPILED.items():
        for rx in rxs:
            for m in rx.finditer(t):
                before = t[max(0, m.start() - 30) : m.start()]
                if _NEGATION.search(before) and cat != "self_harm":
                    continue
                sentence = _sentence(t, m.start(), m.end())
                if cat in _HISTORY_SENSITIVE and _HISTORY.search(sentence):
                    continue
                if cat == "self_harm" and _SELF_HARM_HISTORY.search(sentence):
                    continue
                return EmergencyMatch(cat, m.start(), m.end())
    return None


def _sentence(t: str, s: int, e: int) -> str:
    left = max(t.rfind(c, 0, s) for c in ".!?\n")
    rights = [i for i in (t.find(c, e) for c in ".!?\n") if i >= 0]
    return t[left + 1 : min(rights) if rights else len(t)]


def is_emergency(text: str) -> bool:
    """Whether ``text`` describes an urgent medical danger."""
    return detect_emergency(text) is not None
