"""The red-flag lexicon, by the categories of a nurse triage protocol.

Patterns are written against normalised text (see ``normalise``): lower case,
canonical spelling, "can't" / "won't" / "don't" with the apostrophe.

Two strengths per category:

- ``RED_FLAGS``: enough on their own ("my face has gone crooked", "contractions
  every 3 minutes", "I don't trust myself to stay safe tonight");
- ``MENTIONS``: red-flag symptoms that need an urgency cue in the same message
  ("he's bleeding, please hurry") or the classifier's agreement to count.

Each category compiles to one alternation, so screening a message costs a
dozen regex searches, not hundreds.
"""

from __future__ import annotations

import re

CATEGORY_IDS: tuple[str, ...] = (
    "chest_pain", "stroke", "breathing", "bleeding", "poisoning_overdose", "anaphylaxis",
    "collapse_seizure", "self_harm", "pregnancy", "infant_child", "diabetic", "sepsis_meningitis_other",
)


def g(n: int) -> str:
    """Up to ``n`` characters within one sentence."""
    return rf"[^.!?\n]{{0,{n}}}"


_CANT = (r"(?:can't|can\s+not|couldn't|could\s+not|unable\s+to|struggling\s+to|struggles\s+to|hard\s+to|"
         r"not\s+able\s+to|no\s+able\s+to|cannot|barely|hardly)")
_POSS = r"(?:my|his|her|their|the|your|our|one)"
_PERSON = (r"(?:i|i'm|me|my|he|he's|she|she's|they|they're|him|her|baby|son|daughter|child|kid|toddler|infant|"
           r"newborn|boy|girl|little\s+one|husband|wife|partner|mum|mom|mother|dad|father|grandma|grandpa|"
           r"granny|grandad|nan|brother|sister|friend|flatmate|roommate|neighbour|neighbor|colleague|patient)")
_CHILD = (r"(?:baby|baby's|son|son's|daughter|daughter's|child|child's|kid|kid's|toddler|infant|newborn|boy|girl|"
          r"little\s+one|grandson|granddaughter|bub|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*"
          r"(?:years?|yr|month)\s*-?\s*olds?)")
_BABY_AGE = (r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*-?\s*(?:days?|weeks?)|"
             r"(?:1|2|one|two|a|couple\s+of)\s*-?\s*months?)")
#: A baby under three months: "newborn", "6 week old", "baby 4 weeks", "she's only 2 months".
_YOUNG_BABY = (rf"(?:newborn|new\s+born|new\s+baby|neonate|under\s+(?:3|three)\s+months|{_BABY_AGE}\s*-?\s*old|"
               rf"(?:baby|son|daughter|boy|girl|infant|he's|she's|he\s+is|she\s+is|aged|only|just)\s+(?:is\s+|have\s+|has\s+)?(?:only\s+|just\s+|about\s+)?"
               rf"{_BABY_AGE})")
#: Weeks of pregnancy: "34 weeks pregnant", "I'm 29 weeks", "wife is 30wks"; not "2 weeks ago", "6 weeks old".
_GESTATION = (r"(?:(?:[4-9]|[1-3]\d|4[0-2])\s*-?\s*(?:weeks?|wks?)\s+(?:pregnant|along|gone|gestation|with\s+(?:my|our|her|twins))|"
              r"(?:i'm|i\s+am|she's|she\s+is|wife\s+is|girlfriend\s+is|partner\s+is|^)\s*(?:[4-9]|[1-3]\d|4[0-2])\s*-?\s*"
              r"(?:weeks?|wks?)\b(?!\s+(?:ago|old|later|since|of|off|now\s+since)))")
_FEVER = (r"(?:fever|feverish|temperature|high\s+temp|burning\s+up|hot\s+to\s+(?:the\s+)?touch|very\s+hot|"
          r"3[89](?:[.,]\d)?\s*(?:c|°c|degrees)?|10[0-4](?:[.,]\d)?\s*(?:f|°f|degrees)?)")
_SUBSTANCE = (r"(?:bleach|detergent|cleaning\s+(?:stuff|product|liquid|spray|fluid)|cleaner|battery|batteries|poison|"
              r"antifreeze|anti-freeze|chemicals?|tide\s+pods?|laundry\s+(?:pods?|capsules?|tablets?|liquid|detergent)|"
              r"(?:liquid\s+)?(?:laundry|washing|detergent)\s+(?:pods?|capsules?|tabs?)|toilet\s+\w+|for\s+clean\w*|"
              r"dishwasher\s+(?:tablets?|pods?|liquid)|washing\s+(?:up\s+)?(?:liquid|powder|tablets?|pods?)|drain\s+cleaner|"
              r"weed\s*killer|rat\s+poison|slug\s+pellets|pesticide|insecticide|fertili[sz]er|white\s+spirit|"
              r"paint\s+thinner|turps|turpentine|petrol|gasoline|kerosene|lamp\s+oil|lighter\s+fluid|oven\s+cleaner|"
              r"toilet\s+cleaner|disinfectant|dettol|domestos|lysol|nail\s+polish\s+remover|acetone|ammonia|lye|"
              r"caustic|magnets?|essential\s+oils?|e-?liquid|vape\s+(?:juice|liquid)|nicotine|iron\s+tablets|"
              r"mushrooms?|berries|toxic|fabric\s+softener|bubble\s+bath|hand\s+sanitiser|hand\s+sanitizer|"
              r"perfume|mouthwash|alcohol\s+gel|descaler|limescale\s+remover|bleach\s+tablet|soap)")
_MEDS = (r"(?:pills?|tablets?|meds|medication|medicine|medicines|paracetamol|acetaminophen|tylenol|panadol|"
         r"sleeping\s+(?:pills|tablets)|insulin|ibuprofen|advil|aspirin|oxy\w*|opioids?|codeine|morphine|tramadol|"
         r"fentanyl|methadone|heroin|cocaine|ketamine|drugs|benzos|pregabalin|gabapentin|amitriptyline|xanax|valium|diazepam|antidepressants?|sertraline|citalopram|lithium|heart\s+pills|"
         r"blood\s+pressure\s+pills|calpol|nurofen|vitamins|gummies|edibles|painkillers?)")
_SUGAR = r"(?:blood\s+sugar|sugar|sugars|glucose|blood\s+glucose|bg|bs|bm|levels?|reading|readings)"
_ALTERED = (r"(?:confus\w*|disorient\w*|not\s+making\s+(?:any\s+)?sense|making\s+no\s+sense|talking\s+nonsense|"
            r"drowsy|very\s+sleepy|can't\s+wake|won't\s+wake|hard\s+to\s+wake|not\s+waking|unresponsive|pass(?:ing)?\s+out|faint\w*|"
            r"not\s+responding|passed\s+out|unconscious|shaking|shaky|sweating|sweaty|clammy|slurr\w*|"
            r"acting\s+(?:drunk|weird|strange|odd|funny)|aggressive|dizzy|fainting|fitting|seiz\w*|collaps\w*|"
            r"doesn't\s+know\s+where|not\s+himself|not\s+herself|out\s+of\s+it|zoned\s+out|vacant|can't\s+think)")

#: Breathlessness on exertion ("walking up hills", "when I run") is for a booking, not an ambulance.
_EXERTION = (r"[^.!?\n]{0,40}\b(?:when|after|during|if|on|while|walking|climbing|running|jogging|exercising|cycling|"
             r"going\s+up|up\s+(?:the\s+)?(?:stairs|hills?))\b")

RED_FLAGS: dict[str, list[str]] = {
    "chest_pain": [
        (rf"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair|size|measurement|muscles?|wall|workout|day))"
        rf"{g(30)}\b(?:pain|pains|hurts?|hurting|crush\w*|tight|tightness|pressure|heavy|heaviness|squeez\w*|ache|"
        rf"aching|burning|agony|stabbing|sharp|constrict\w*|vice|clamp\w*)\b"),
        (rf"\b(?:pain|pains|crushing|tightness|(?<!blood\s)pressure|heaviness|squeezing|ache|weight|elephant|band)\b{g(20)}"
        rf"\b(?:in|on|across|over|around|of)\s+(?:{_POSS}\s+)?chest\b"),
        rf"\b(?:crush\w*|squeez\w*|tightness|heaviness|heavy|(?<!blood\s)pressure|elephant|band|vice|weight)\b{g(40)}\bchest\b",
        r"\b(?:clutch\w*|grabb\w*|holding|gripping)\s+(?:at\s+)?(?:his|her|my|their)\s+chest\b",
        r"\btight\s+chest\b",
        (rf"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair))(?:{g(50)})\b(?:faint\w*|sweat\w*|clammy|"
         rf"grey|gray|pale|pass\w*\s+out|dizzy|vomit\w*|being\s+sick|short\s+of\s+breath\w*|can't\s+breath\w*)"),
        (rf"\b(?:pain|pains|hurts?|hurting|ache|aching|pressure)\b{g(15)}\bheart\b(?!\s*burn)|\bheart\s+(?:area|region)\b{g(20)}"
         rf"\b(?:pain|hurts?|very\s+bad|bad)\b|\bheart\s+(?:is\s+)?(?:hurting|pain|hurts)\b"),
        rf"\b(?:gtn|nitro\w*|angina\s+spray)\b{g(60)}\b(?:not|isn't|hasn't|didn't|doesn't|no)\b{g(30)}",
        r"\bheart\s+attack\b", r"\bcardiac\s+arrest\b", r"\bangina\s+attack\b",
        (rf"\b(?:pain|numb\w*|tingl\w*|ache|aching)\b{g(30)}\b(?:left\s+arm|down\s+{_POSS}\s+(?:left\s+)?arm|"
        rf"into\s+{_POSS}\s+jaw|(?:up\s+)?(?:to|into)\s+(?:the|my|his|her)\s+(?:jaw|neck))\b"),
        (rf"\bheart\b{g(15)}\b(?:racing|pounding|hammering|beating\s+(?:so\s+)?fast|going\s+crazy|skipping)\b{g(50)}"
        rf"\b(?:faint\w*|dizzy|pass\s+out|passing\s+out|chest|breath\w*|black\s+out|collaps\w*)"),
    ],
    "stroke": [
        (r"(?<!back\s)(?<!breast\s)\b(?:stroke|mini[\s-]?stroke|tia)\b(?!\s+of\s+(?:luck|genius|midnight|the\s+pen|brilliance))(?!\s+(?:clinic|nurse|team|unit|ward|rehab|review|prevention|awareness|risk|"
         r"support|group|survivors?|association|service|specialist|consultant))"),
        (rf"\b(?:face|mouth|smile|lip)\b{g(25)}\b(?:droop\w*|sagging|sagged|lopsided|crooked|uneven|wonky|"
        rf"twisted|one[\s-]sided|fallen|falling|slipp\w*|dropp\w*|pulled\s+to\s+one\s+side|gone\s+funny|went\s+funny|"
        rf"looks?\s+(?:funny|strange|weird|odd|different|wrong)|numb|(?:going|gone|went|pulled|drawn|dropping)\s+(?:to\s+)?"
        rf"(?:one|the)\s+side|sideways)\b"),
        rf"\b(?:droop\w*|sagging|crooked|lopsided|wonky|twisted|fallen)\b{g(20)}\b(?:face|mouth|smile|lip|eye)\b",
        r"\bslurr\w*\b", r"\bmix\w*\s+up\s+(?:her|his|my|their)?\s*words\b", r"\b(?:talking|speaking|saying)\s+(?:gibberish|nonsense|rubbish|funny|strange\s+words)\b",
        rf"\b{_CANT}\s+(?:say|form|get\s+out)\s+(?:the\s+|his\s+|her\s+|my\s+)?words\b",
        rf"\b(?:walk\w*|leaning|veering|falling|drifting)\b{g(20)}\b(?:to\s+one\s+side|sideways|to\s+the\s+(?:left|right))\b",
        (rf"\b(?:speech|speaking|talking|voice)\b{g(25)}\b(?:slurred|garbled|weird|strange|gone|funny|jumbled|"
        rf"nonsense|wrong|mixed\s+up|not\s+right|muddled|off|drunk|thick|slow|heavy)\b"),
        (rf"\bwords?\b{g(25)}\b(?:(?:come|comes|coming)\s+(?:out\s+)?(?:wrong|funny|weird|strange|all\s+wrong|jumbled|mixed|muddled)|"
        rf"jumbled|mixed\s+up|garbled|won't\s+come\s+out|don't\s+make\s+sense|not\s+making\s+sense|all\s+wrong|"
        rf"muddled|in\s+the\s+wrong\s+order|come\s+out\s+wrong|(?:are|sound|sounds|is)\s+(?:weird|strange|funny|odd|wrong))"),
        rf"\b{_CANT}\s+(?:get|find)\s+{_POSS}?\s*words\b",
        (rf"\b{_CANT}\s+(?:to\s+)?(?:speak|talk)\s+(?:properly|clearly|normally|straight|at\s+all|any\s*more|sense|good|well|"
         rf"right(?!\s+now))\b"),
        (rf"\b{_CANT}\s+(?:move|feel|lift|use|raise|grip\s+with|hold\s+anything\s+with)\s+{_POSS}?\s*(?:left\s+|right\s+|both\s+)?"
        rf"(?:arms?|legs?|hands?|side|face|foot)\b"),
        rf"\b(?:arm|arms|one)\b{g(30)}\b(?:drift\w*|keeps?\s+(?:dropping|falling)|falls?\s+(?:back\s+)?down|flops?\s+down)\b",
        (rf"\b(?:(?:left|right|one)\s+side\s+of\s+(?:his|her|my|the|their)\s+face|face)\b{g(20)}\b(?:not\s+moving|won't\s+move|"
         rf"frozen|paralys\w*|paralyz\w*|stopped\s+moving)\b"),
        (rf"\b(?:numb|numbness|weak|weakness|paralys\w*|paralyz\w*|dead|heavy|floppy|no\s+feeling|droop\w*|tingl\w*)\b"
        rf"{g(25)}\b(?:one\s+side|left\s+side|right\s+side|whole\s+side|half\s+of\s+(?:my|his|her)\s+(?:body|face))\b"),
        (rf"\b(?:one|left|right|whole)\s+side\b{g(25)}\b(?:numb|weak|paralys\w*|paralyz\w*|dead|heavy|droop\w*|"
        rf"gone|won't\s+work|not\s+working|floppy|limp)\b"),
        (rf"\bone\s+(?:arm|leg|hand)\b{g(25)}\b(?:weak|numb|dead|limp|heavy|useless|floppy|won't\s+work|not\s+working|"
        rf"gave\s+way|gone)\b"),
        rf"\b(?:arm|leg|hand)\b{g(25)}\b(?:suddenly|all\s+of\s+a\s+sudden)\b{g(15)}\b(?:weak|numb|dead|limp|heavy|useless|floppy)\b",
        (rf"\b(?:left|right)\s+(?:arm|leg|hand)\b{g(25)}\b(?:gone|went|feels?|is|has)\b{g(10)}\b(?:weak|numb|dead|limp|heavy|useless|floppy)\b"
        rf"{g(60)}\b(?:speech|talk\w*|face|words|vision|since|this\s+morning|an?\s+hour|minutes)"),
        (rf"\b(?:confus\w*|numb\w*|weak\w*|dizzy|can't\s+see|blind|gave\s+way|not\s+working|gibberish)\b{g(60)}"
        rf"\b(?:sudden(?:ly)?|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|(?:was|were)\s+fine\s+(?:at|this|an|until|\d))\b"),
        (rf"\bsudden(?:ly)?\b{g(30)}\b(?:numb\w*|weak\w*|confus\w*|can't\s+see|blind|worst\s+headache|lost\s+(?:the\s+)?"
        rf"(?:sight|vision)|vision|can't\s+(?:speak|talk)|dizzy\s+and|off\s+balance|can't\s+walk)"),
        r"\b(?:lost|losing|loss\s+of|lose)\s+(?:the\s+|my\s+|his\s+|her\s+|all\s+)?(?:sight|vision)\b",
        (rf"\b(?:can't\s+see|gone\s+blind|went\s+blind|blind|gone\s+(?:dark|black)|went\s+(?:dark|black)|black\s+curtain|"
        rf"curtain|shadow)\b{g(20)}\b(?:(?:out\s+of|in|from)\s+(?:one|my\s+left|my\s+right|his\s+left|his\s+right|her\s+left|"
        rf"her\s+right|the\s+left|the\s+right|left|right)\s+eye)\b"),
        (rf"\b(?:one|left|right)\s+eye\b{g(25)}\b(?:gone\s+(?:dark|black|blind)|went\s+(?:dark|black|blind)|can't\s+see|"
        rf"lost|blind|no\s+vision)\b"),
        r"\bworst\s+headache\b", r"\bthunderclap\b",
        rf"\b(?:sudden|suddenly|explosive|splitting)\b{g(15)}\b(?:severe|terrible|awful|excruciating|bad|worst)?\s*headache\b",
        (rf"\bheadache\b{g(30)}\b(?:like\s+(?:being\s+)?(?:hit|kicked|struck)|came\s+on\s+(?:suddenly|all\s+at\s+once|out\s+of\s+nowhere)|"
        rf"worst\s+(?:ever|of\s+(?:my|his|her)\s+life))"),
    ],
    "breathing": [
        rf"\b{_CANT}\s+(?:breath\w*|(?:take|draw|get)\s+(?:a\s+|any\s+|in\s+a\s+)?(?:proper\s+|deep\s+|full\s+)?breath\w*|catch\s+{_POSS}\s+breath\w*|get\s+(?:any\s+|enough\s+)?(?:air|a\s+breath\w*|{_POSS}\s+breath\w*))\b",
        (r"\b(?:trouble|difficulty|difficult|struggling|struggle|problems?|hard|fighting|laboured|labored|working\s+hard)"
        r"\s+(?:with\s+|to\s+)?breath\w*\b(?!\s+(?:through|thru)\s+(?:my|his|her|the)\s+nose)"),
        r"\b(?:not|isn't|stopped|stop|no\s+longer|hasn't\s+been|wasn't|isnt|aren't)\s+breath\w*\b",
        r"\b(?:barely|hardly)\s+breath\w*\b", r"\bgasping\b", r"\bchok(?:ing|ed|es)\b(?!\s+up)",
        r"\bsomething\s+stuck\s+in\s+(?:his|her|my|the)\s+(?:throat|windpipe)\b",
        r"\b(?:turning|turned|going|gone|went|is|are|look|looks)\s+(?:blue|grey|gray)\b",
        rf"\b(?:lips|face|skin|fingers|fingertips|tongue)\b{g(15)}\b(?:blue|grey|gray|purple)\b",
        r"\b(?:blue|grey|gray|purple)\s+(?:around|round)\s+(?:the|his|her|my)\s+(?:lips|mouth)\b",
        rf"\bshort(?:ness)?\s+of\s+breath\w*\b(?!{_EXERTION})",
        rf"\bbreathless\b(?!{_EXERTION})",
        r"\basthma\s+attack\b",
        (rf"\b(?:inhaler|puffer|ventolin|salbutamol|nebuli[sz]er)\b{g(30)}\b(?:not|isn't|doesn't|didn't|no|isnt|"
        rf"not\s+really)\s+(?:working|work|helping|help|doing\s+anything)\b"),
        (rf"\b(?:inhaler|puffer|ventolin|salbutamol|nebuli[sz]er)\b{g(60)}\b(?:doing\s+nothing|no\s+(?:help|use|difference)|useless|"
        rf"every\s+(?:few|ten|\d+|five|couple)|isn't\s+touching|not\s+touching)"),
        r"\b(?:no\s+air|suffocat\w*|can't\s+get\s+air|throat\s+closing|airway)\b",
        r"\b(?:ribs|chest|tummy|stomach)\s+(?:is\s+|are\s+)?(?:sucking|pulling)\s+in\b",
        r"\bwheez\w*\b[^.!?\n]{0,30}\b(?:badly|bad|loud|can't|struggl\w*|blue|gasping|really\s+bad|so\s+bad)\b",
        r"\bbreath\w*\s+(?:is\s+|are\s+)?(?:really\s+|very\s+)?(?:rattly|noisy|raspy|grunting|shallow\s+and\s+fast)\b",
    ],
    "bleeding": [
        (rf"\b(?:nose)?bleed\w*\b{g(30)}\b(?:heavily|heavy|a\s+lot|lots|badly|everywhere|won't\s+stop|will\s+not\s+stop|not\s+stopping|"
        rf"nonstop|non-stop|won't\s+clot|through|really\s+bad|so\s+much|profusely|like\s+crazy|can't\s+stop|doesn't\s+stop|"
        rf"pouring|gushing|spurting|squirting|pumping|so\s+bad|very\s+bad|out)\b"),
        (r"\b(?:heavy|heavily|severe|severely|uncontrolled|uncontrollable|massive|serious|major|profuse|profusely|lots\s+of|"
        r"bad|badly|really\s+bad)\s+bleed\w*\b"),
        (r"\b(?:won't|will\s+not|can't\s+get\s+(?:it|him|her)\s+to|doesn't|not|hasn't|isn't|haven't|can't|cannot)\s+"
        r"(?:stop|stopped|stopping)\s+(?:the\s+)?(?:bleed\w*|blood)\b"),
        r"\b(?:lots|lot|pool|so\s+much|loads|puddle|cup|bucket|tons?|litres?|liters?|alot|plenty|heaps)\s+of\s+blood\b",
        r"\b(?:so\s+much|too\s+much|loads|tons)\s+(?:of\s+)?blood\b",
        (rf"\bblood\b{g(20)}\b(?:everywhere|gushing|pouring|spurting|squirting|pumping|won't\s+stop|all\s+over|not\s+stopping|"
        rf"coming\s+out|through\s+the)\b"),
        rf"\b(?:gushing|pouring|spurting|squirting|pumping)\b{g(15)}\bblood\b",
        (rf"\b(?:cough\w*|vomit\w*|throw\w*|threw|spit\w*|spat|puk\w*|bring\w*|brought)\s+(?:up\s+)?{g(30)}\b(?:blood|clots)\b"
        r"(?!\s+(?:test|pressure|sugar))"),
        (rf"\b(?:nose)?bleed\w*\b{g(60)}\b(?:(?:blood\s+)?thinners?|warfarin|apixaban|rivaroxaban|anticoagul\w*|"
        rf"(?:\d+|twenty|thirty|forty|fifty)\s+(?:minutes|mins)|an\s+hour|hours)\b"),
        r"\bblood\s+in\s+(?:his|her|my|the)\s+(?:vomit|sick)\b", r"\bbleeding\s+out\b",
        (rf"\bblood\s+(?:in|from)\s+(?:his|her|my|the|their)\s+(?:poo|poop|stool|stools|bum|back\s+passage|urine|wee|pee)\b{g(40)}"
         rf"\b(?:lots|a\s+lot|loads|so\s+much|dizzy|faint\w*|pale|weak|clots|pouring|won't\s+stop)"),
        r"\bsoak\w*\s+(?:through|thru)\b", rf"\bsoak\w*\b{g(20)}\b(?:pads?|towels?|bandages?|tea\s+towels?)\b",
        r"\b(?:deep|huge|big|large|gaping|long|bad|nasty|serious)\s+(?:cut|wound|gash|laceration|stab\s+wound)\b",
        rf"\b(?:cut|wound|gash)\b{g(20)}\b(?:is\s+|it's\s+|really\s+|very\s+|so\s+)*(?:deep|gaping|wide\s+open)\b",
        r"\b(?:can|could)\s+see\s+(?:the\s+)?(?:bone|fat|muscle|tendon|inside)\b",
        (r"\b(?:stabbed|been\s+shot|gunshot|shot\s+(?:in|at)|severed|sliced\s+(?:off|open|through)|cut\s+(?:off|through)\s+"
        r"(?:my|his|her)\s+(?:finger|toe|thumb|hand)|amputat\w*)\b"),
        r"\b(?:blood|bleeding)\b[^.!?\n]{0,30}\b(?:won't|wont|not|isn't)\s+(?:stop|stopping|clot|clotting)\b",
    ],
    "poisoning_overdose": [
        (r"\b(?:over\s?dos\w*|od'd|od'ed|o\.d\.)\b(?!\s+(?:on|of)\s+(?:chocolate|sweets|cake|coffee|caffeine|sugar|food|netflix|"
         r"tv|christmas|carbs|pizza|sun|sunshine|vitamin\s+d|exercise|work))"), r"\bod\s+(?:on|with)\b",
        (rf"\b(?:took|taken|take|taking|swallowed|ate|eaten|had|downed|necked|drank|drunk|popped)\b{g(25)}\b(?:too\s+many|"
        rf"too\s+much|whole\s+(?:bottle|pack|box|packet|strip|sheet|tub|lot)|all\s+(?:of\s+)?(?:my|the|his|her|their|your)|at\s+once|"
        rf"bottle\s+of|handful\s+of|handfuls|bunch\s+of|lot\s+of|lots\s+of|box\s+of|packet\s+of|loads\s+of|double|"
        rf"twice|extra|\d{{2,}}|twenty|thirty|fifty|a\s+load)\b{g(25)}\b{_MEDS}"),
        rf"\b(?:empty|emptied|finished)\s+(?:\w+\s+)?(?:packets?|bottles?|box|boxes|blister\w*|strips?|packs?|tubs?)\s+of\b{g(30)}\b{_MEDS}",
        (rf"\b(?:swallowed|swallow|drank|drink|drinks|drunk|drinking|ate|eaten|eating|got\s+into|licked|chewed|bit\s+into|sucked\s+on|"
        rf"has\s+had|had\s+some|inhaled|sniffed|sprayed|splashed|put\s+(?:a|some)?\s*\w*\s*in\s+(?:his|her|their)\s+mouth|"
        rf"mouthful\s+of|sip\s+of|drink\s+of|gulp\s+of|swig\s+of)\b{g(35)}\b{_SUBSTANCE}\b"),
        rf"\b{_CHILD}\b{g(40)}\b(?:swallowed|ate|eaten|got\s+into|chewed|drank|drunk|found)\b{g(35)}\b{_MEDS}\b",
        rf"\b{_SUBSTANCE}\b{g(40)}\b(?:swallowed|swallow|ate|eaten|drank|drunk|in\s+(?:his|her|their)\s+mouth)\b",
        (rf"\b(?:swallowed|ate|eaten|got\s+into|chewed|taken|took|drank)\s+(?:some\s+of\s+|one\s+of\s+|a\s+few\s+of\s+)?(?:my|his|her|mum's|mom's|dad's|grandma's|"
        rf"granny's|nan's|grandpa's|grandad's|the)\s+{_MEDS}\b"),
        r"\b(?:poison(?:ed|ing)?|poisonous)\b(?<!food\s\bpoisoning)(?!\s+ivy)",
        r"\bpoison\s+(?:control|centre|center|line)\b", r"\bcarbon\s+monoxide\b", r"\b(?:gas|fumes)\s+leak\b",
        (rf"\b(?:gave|given|give|took|taken)\b{g(25)}\b(?:double|twice|two|2|wrong|too\s+much|adult|extra)\s+"
        rf"(?:the\s+)?(?:dose|doses|dosage|amount|medicine|medication|calpol|insulin|tablets?)\b"),
        rf"\b(?:mixed|mixing|took|taken)\b{g(30)}\b(?:alcohol|drink|drinks|vodka|wine|beer)\b{g(30)}\b{_MEDS}",
        rf"\b{_MEDS}\b{g(30)}\b(?:with|and)\s+(?:a\s+lot\s+of\s+|loads\s+of\s+)?(?:alcohol|vodka|wine|whisky|beer)\b",
    ],
    "anaphylaxis": [
        r"\bana?ph[iy]la\w*\b", r"\banaphalax\w*\b",
        (r"\b(?:used|use|gave|give|jabbed|injected|using|given|had\s+to\s+use|should\s+i\s+use)\s+(?:my|his|her|the|an|their)?\s*"
        r"(?:epi\s?-?pen|adrenaline\s+pen|auto-?injector|jext)\b"),
        r"\bepi\s?-?pen\b[^.!?\n]{0,30}\b(?:didn't|hasn't|not|isn't)\s+(?:work|help)",
        rf"\bthroat\b{g(25)}\b(?:clos\w*|swell\w*|swollen|tight\w*|clos(?:ing)?\s+up|narrow\w*|blocked)\b",
        (rf"\b(?:tongue|lips?|face|mouth|eyes?)\b{g(20)}\b(?:swell\w*|swollen|puff\w*|blow\w*\s+up|balloon\w*|huge|massive|"
        rf"twice\s+the\s+size)\b"
        rf"{g(50)}\b(?:breath\w*|throat|swallow\w*|wheez\w*|dizzy|faint)"),
        r"\b(?:tongue|throat)\b[^.!?\n]{0,20}\b(?:swell\w*|swollen|puff\w*|huge|big)\b", r"\bswollen\s+shut\b",
        (rf"\b(?:lips?|tongue|face|eyes|mouth)\b{g(25)}\b(?:swell\w*|swollen|puff\w*|tingl\w*)\b{g(60)}\b(?:after|from|since)\b{g(25)}"
         rf"\b(?:nuts?|peanuts?|cashews?|prawns?|shellfish|sesame|eggs?|milk|bee|wasp|sting|stung|antibiotics?|penicillin|"
         rf"amoxicillin|new\s+(?:medicine|tablets?|meds)|eating|ate|food)\b"),
        (rf"\ballergic\s+reaction\b{g(50)}\b(?:breath\w*|throat|swell\w*|swollen|tongue|lips|face|bad|severe|"
        rf"hives\s+everywhere|swallow\w*|wheez\w*|dizzy|faint|getting\s+worse)"),
        r"\b(?:severe|bad|serious|major|massive|huge|big)\s+allergic\s+reaction\b",
        rf"\b(?:swell\w*|swollen|allerg\w*|hives|reaction)\b{g(40)}\b{_CANT}\s+(?:breath\w*|swallow\w*)\b",
        rf"\b{_CANT}\s+swallow\w*\b{g(40)}\b(?:swell\w*|allerg\w*|throat|breath\w*|reaction|hives)",
        (rf"\b(?:wheez\w*|breath\w*|throat|cough\w*|faint\w*|dizzy|pass\s+out|passing\s+out)\b{g(50)}\b(?:lips?|tongue|face|eyes)\b"
         rf"{g(20)}\b(?:swell\w*|swollen|puff\w*)"),
        rf"\bhives\b{g(60)}\b(?:faint\w*|pass\s+out|passing\s+out|dizzy|breath\w*|throat|swell\w*|swollen|wheez\w*|collaps\w*)",
        (rf"\b(?:allerg\w*|reaction|hives|nuts?|peanuts?|bee|wasp|sting|stung|shellfish)\b{g(90)}\b(?:lips?|tongue|face|throat)\b"
        rf"{g(25)}\b(?:swell\w*|swollen|puff\w*|tingl\w*)"),
    ],
    "collapse_seizure": [
        (r"\b(?:unconscious|unresponsive|not\s+responding|won't\s+wake|can't\s+wake|isn't\s+waking|not\s+waking\s+up|"
        r"can't\s+rouse|won't\s+respond|doesn't\s+respond|isn't\s+responding|not\s+conscious|lost\s+consciousness|"
        r"knocked\s+(?:out|unconscious)|no\s+response|(?:barely|hardly)\s+respon\w*|can't\s+get\s+(?:him|her|them)\s+to\s+(?:wake|respond|come\s+round)|(?:hasn't|hasn't\s+yet|not|won't|didn't)\s+"
        r"come\s+(?:round|around|to)|(?:don't|doesn't|didn't|not|won't|isn't)\s+respond\w*|not\s+wak\w*|doesn't\s+wake|didn't\s+wake)\b"),
        r"\b(?:one\s+)?(?:fit|seizure)s?\s+after\s+(?:another|the\s+other|fit|seizure)\b",
        r"\b(?:passed|blacked|keeled)\s+(?:out|over)\b",
        r"\b(?:dropped|fell|slumped|collapsed|went\s+down)\s+(?:down\s+)?(?:to|on|onto)\s+the\s+(?:floor|ground)\b(?!\s+(?:and\s+)?(?:broke|smashed))",
        r"\b(?:isn't|is\s+not|not|won't)\s+answering\s+(?:me|us)\b",
        (rf"\b(?:on|lying\s+on|found\s+(?:him|her|them)\s+on)\s+the\s+(?:floor|ground)\b{g(50)}\b(?:won't|can't|isn't|not|doesn't)\s+"
         rf"(?:talk\w*|speak\w*|respond\w*|answer\w*|mov\w*|get\s+up|wak\w*)"), r"\bcollaps\w*\b(?!\s+(?:onto|on|into|in)\s+(?:the\s+|my\s+|a\s+)?(?:sofa|couch|bed|chair|heap\s+after))", r"\bfaint(?:ed|ing)\b",
        (r"\b(?:seizure|seizures|seizing|convuls\w*|fitting)\b(?!\s+(?:appointment|room|service|medication|meds|review|clinic|free|diary|plan|care\s+plan|action\s+plan|chart|log|record|"
        r"alarm|alert|mat|monitor|nurse|team))(?![\s-]free)"),
        r"\b(?:having|had|has|in)\s+a\s+fit\b", r"\bfits\b(?=[^.!?\n]{0,30}\b(?:won't|not|keep|one\s+after|again|stop))",
        (r"\b(?:shaking|jerking|twitching)\b[^.!?\n]{0,40}\b(?:not\s+respond\w*|won't\s+respond|eyes\s+rolled|can't\s+stop|"
        r"won't\s+stop|all\s+over|whole\s+body|foaming)\b"),
        r"\beyes\s+(?:rolled|rolling)\s+back\b", r"\bfoaming\s+at\s+the\s+mouth\b",
        r"\b(?:no\s+pulse|cpr|defib\w*)\b", r"\b(?:heart|pulse)\s+(?:has\s+)?(?:stopped|isn't\s+beating|not\s+beating)\b",
        (rf"\bhit\s+(?:his|her|my|their|the\s+back\s+of\s+(?:his|her|my))\s+head\b{g(60)}\b(?:unconscious|vomit\w*|"
        rf"being\s+sick|confus\w*|out|bleed\w*|not\s+making\s+sense|drowsy|sleepy|dizzy|seiz\w*|can't\s+remember)"),
        (r"\b(?:car\s+(?:crash|accident)|hit\s+by\s+a\s+(?:car|bus|truck|van|bike)|fell\s+(?:from|off)\s+(?:a|the)\s+"
        r"(?:ladder|roof|height|balcony|window|building|horse|scaffold))\b"),
        r"\bcall(?:ing|ed)?\s+(?:an?\s+|the\s+)?(?:ambulance|911|999|000|112|paramedics)\b",
        r"\b(?:911|999|112)\b", r"\bambulance\b(?!\s+(?:bill|invoice|charge|fee|service\s+complaint))",
        (r"\bemergency\b(?!\s+(?:contact|number|details|appointment|dentist|info|information|numbers|contacts|kit|"
        r"plan|card|form|drill|procedure|procedures|services?\s+number))(?<!emergency\s\bcontact)"),
        (r"\b(?:fell|fallen|fall)\b[^.!?\n]{0,40}\b(?:can't|won't|isn't|unable\s+to|not|don't|doesn't)\s+(?:get\s+up|move|stand|respond\w*|"
        r"answer\w*|wak\w*|talk\w*)\b"),
        r"\b(?:fell|fallen)\b[^.!?\n]{0,40}\b(?:not\s+moving|isn't\s+moving|unresponsive)\b",
    ],
    "self_harm": [
        (r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|off|drown|"
        r"poison|stab|starve|strangle|suffocate)\s+(?:myself|meself|himself|herself|themselves|themself)\b"
        # an accident is not self-harm: "cut myself shaving", "burnt myself on the oven"
        r"(?!\s+(?:shaving|cooking|gardening|on\s+(?:a|the|some)|by\s+accident|accidentally|while|in\s+the\s+kitchen))"),
        r"\b(?:stood|standing|been\s+standing|went\s+to\s+(?:the\s+)?(?:bridge|cliff|edge|tracks))\b[^.!?\n]{0,30}\b(?:bridge|ledge|edge|cliff|tracks|roof)\b",
        r"\b(?:scared|afraid|frightened|worried)\s+(?:that\s+)?(?:i'll|i\s+will|i\s+might|i\s+may)\s+(?:go\s+back|do\s+it|try\s+again|act\s+on\s+it)\b",
        r"\bkms\b", r"\bself[\s-]?harm\w*\b(?![\s-]free)", r"\bsuicid\w*\b", r"\bunalive\b",
        (r"\b(?:end|ending|take|taking|finish|finishing)\s+(?:my\s+(?:own\s+)?life|it\s+all|things|everything)\b"
        r"(?!\s+(?:with\s+(?:him|her|them)|early|on\s+a))"),
        (r"\b(?:just\s+)?(?:want|wanna|going|gonna|ready|plan\w*|thinking\s+(?:of|about))\s+(?:to\s+)?end\s+it\b"
        r"(?!\s+(?:with|early|now\s+with))"),
        r"\bend\s+it\s+all\b", r"\btake\s+my\s+(?:own\s+)?life\b",
        r"\b(?:i|i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to)\s+end\s+it\b(?!\s+with)",
        r"\b(?:end|ending|finish)\s+(?:it|things|everything|my\s+life)\s+(?:tonight|today|this\s+week|soon)\b",
        (r"\b(?:want|wanna|going|gonna|wish|wishing|ready|plan\w*)\s+(?:to\s+)?(?:die|be\s+dead|not\s+(?:be\s+)?(?:here|alive|"
        r"exist\w*|wake\s+up)|disappear\s+forever)\b"),
        (r"\b(?:wish|hope)\s+(?:i|i'd)\s+(?:was|were|could\s+be|would|could)\s+(?:dead|die|not\s+wake|gone\s+forever|"
        r"just\s+die|disappear|never\s+wake)"),
        r"\b(?:don't|do\s+not|doesn't|does\s+not|didn't)\s+want\s+to\s+(?:live|be\s+alive|be\s+here|wake\s+up|exist|go\s+on|carry\s+on)\b",
        (r"\b(?:don't|doesn't)\s+think\s+(?:i'll|ill|i\s+will|he'll|she'll|he\s+will|she\s+will)\s+(?:be\s+(?:around|here|alive)|"
        r"make\s+it)\b"),
        r"\b(?:got|have|has|had|getting)\s+(?:the|my|his|her|all\s+the|all\s+my)\s+(?:pills|tablets|rope|knife|gun|razor|blades?)\s+ready\b",
        rf"\b(?:letters?|notes?|texts?|messages?|cards?)\b{g(40)}\bgoodbye\b",
        (rf"\b(?:texted|messaged|sent|left|wrote)\b{g(50)}\b(?:sorry|loves?\s+(?:us|me|you|them)|goodbye)\b{g(80)}"
        rf"\b(?:not\s+answering|won't\s+answer|isn't\s+answering|can't\s+(?:reach|get\s+hold|find|contact)|phone\s+(?:is\s+)?off)\b"),
        rf"\b(?:hose\s*pipe|hose)\b{g(40)}\b(?:car|exhaust)\b", rf"\b(?:car|exhaust)\b{g(40)}\b(?:hose\s*pipe|hose)\b",
        (rf"\b(?:locked|shut)\s+(?:himself|herself|themselves|myself)\s+in\b{g(80)}\b(?:gun|shotgun|knife|pills|rope|"
        rf"won't\s+come\s+out|want\w*\s+to\s+die|be\s+here)"),
        r"\b(?:gun|shotgun|rifle|knife)\b[^.!?\n]{0,40}\b(?:to\s+(?:his|her|my)\s+head|in\s+(?:his|her|my)\s+mouth)\b",
        (r"\bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:just\s+)?(?:wasn't|weren't|was\s+not|were\s+not|didn't\s+exist|"
         r"was\s+gone|were\s+gone|was\s+dead|died)|if\s+i\s+(?:was|were)\s+(?:gone|dead))\b"),
        r"\b(?:don't|can't|cannot|do\s+not)\s+see\s+(?:a|any)\s+way\s+out\b|\bno\s+way\s+out\b",
        r"\b(?:do|doing|done|did)\s+something\s+to\s+(?:myself|himself|herself|themselves)\b",
        r"\b(?:no|nothing\s+left\s+to|no\s+reason\s+to|not\s+worth)\s+(?:point\s+(?:in\s+)?)?liv(?:e|ing)\b",
        r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:go(?:ing)?\s+on|liv\w*|be(?:ing)?\s+(?:here|alive)|carry(?:ing)?\s+on)\b",
        (r"\bcan't\s+(?:go\s+on|keep\s+going|carry\s+on|take\s+(?:it|this)\s+any\s*more|do\s+this\s+any\s*more|cope\s+any\s*more)\b"
        r"(?![^.!?\n]{0,30}\b(?:bot|app|website|hold|queue|waiting|phone|job|work|noise|pain\s+in\s+my\s+(?:back|knee)))"),
        r"\bnot\s+(?:be|going\s+to\s+be|gonna\s+be)\s+(?:around|here)\s+(?:much\s+longer|for\s+long|any\s*more|tomorrow)\b",
        r"\b(?:said|saying|say)\s+(?:my\s+)?goodbye\w*\s+to\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
        r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+|goodbye\s+)?note\b(?![^.!?\n]{0,20}\b(?:for\s+work|sick|doctor|school))",
        r"\b(?:saved|saving|stockpil\w*|hoard\w*|collect\w*)\s+(?:up\s+)?(?:my\s+|all\s+my\s+)?(?:pills|tablets|meds|medication)\b",
        r"\b(?:go\s+to\s+)?sleep\s+and\s+(?:never|not)\s+wake\s+up\b", r"\bnever\s+wake\s+up\b",
        r"\b(?:life|living)\s+(?:is|isn't)\s+(?:not\s+)?worth\s+(?:it|living)\b", r"\bnot\s+worth\s+living\b",
        r"\bbetter\s+off\s+gone\b", r"\bburden\s+(?:to|on)\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
        r"\b(?:jump|jumping|throw\s+myself|throw\s+himself|throw\s+herself)\s+(?:off|from|in\s+front|under)\b",
        (r"\b(?:standing|sitting|climbed|climbing)\s+(?:on|onto|at\s+the\s+edge\s+of)\s+(?:the\s+|a\s+)?(?:ledge|edge|roof|bridge|railing|"
        r"balcony\s+(?:railing|edge|ledge))\b"),
        r"\b(?:going|gonna)\s+to\s+kill\s+(?:himself|herself|themselves)\b",
        r"\bno\s+longer\s+want\s+to\s+(?:live|be\s+here|be\s+alive)\b", r"\bdisappear\s+forever\b",
        r"\bend\s+the\s+pain\s+(?:for\s+good|forever|permanently)\b",
        r"\b(?:want|wish|need)\s+(?:it\s+all|everything|this|my\s+life)\s+to\s+(?:end|stop|be\s+over)\b",
        r"\b(?:going\s+to|gonna|want\s+to|wanna|will|i'll|ready\s+to|plan\s+to|about\s+to)\s+end\s+it\b",
        r"\b(?:can't|cannot|don't)\s+see\s+(?:the|any)\s+point\s+(?:in|of)\s+(?:living|life|going\s+on|being\s+here|anything)\b",
        r"\bpoint\s+(?:in|of)\s+(?:living|life|being\s+alive|going\s+on)\b",
        r"\bnot\s+(?:be\s+)?around\s+any\s*more\b", r"\bif\s+i'm\s+not\s+around\b",
        (r"\b(?:everyone|everybody|they|my\s+family|my\s+kids)\s+(?:would|will|'d)\s+be\s+(?:happier|better)\b"
        r"[^.!?\n]{0,25}\b(?:without|gone|not\s+(?:here|around))"),
        r"\b(?:everyone|everybody)\s+would\s+be\s+happier\b",
        r"\b(?:so\s+)?(?:done|finished|tired|sick)\s+(?:with|of)\s+(?:life|living|being\s+alive|it\s+all|existing)\b",
        r"\b(?:nobody|no\s+one|noone)\s+(?:would|will)\s+(?:miss|care|notice)\b",
        r"\bwant\s+to\s+(?:sleep|go\s+to\s+sleep)\s+forever\b",
        # Indirect statements of intent or lost control, as nurses are taught to hear them.
        r"\b(?:don't|do\s+not|can't|cannot)\s+trust\s+myself\b",
        (r"\b(?:can't|cannot|won't\s+be\s+able\s+to|not\s+sure\s+i\s+can|don't\s+think\s+i\s+can)\s+(?:keep|stay)\s+"
        r"(?:myself\s+)?safe\b"),
        r"\bnot\s+(?:feeling\s+)?safe\s+(?:with|from|around)\s+myself\b",
        (r"\b(?:scared|afraid|frightened|worried)\s+(?:of\s+)?(?:what\s+i\s+(?:might|will|could|may)\s+do|i\s+(?:might|will|"
        r"could|may|'ll)\s+(?:hurt|harm|kill|do\s+something))\b"),
        (r"\b(?:do|doing)\s+something\s+(?:stupid|silly|drastic|i'll\s+regret)\b(?![^.!?\n]{0,20}\b(?:with|to)\s+(?:my|the)\s+"
        r"(?:booking|appointment|account))"),
        r"\bthinking\s+(?:of|about)\s+(?:doing\s+something\s+to\s+myself|ending|taking\s+(?:all\s+)?(?:my|the)\s+(?:pills|tablets))",
        (r"\b(?:going\s+to|gonna|want\s+to|wanna|will|about\s+to|thinking\s+(?:of|about))\s+(?:take|swallow|taking|swallowing)\s+"
        r"(?:all|the\s+whole|a\s+whole|every)\b[^.!?\n]{0,20}\b(?:pills|tablets|meds|medication|bottle|pack|box)\b"),
        r"\b(?:bought|got|have|found)\s+(?:a|the)\s+(?:rope|noose)\b", r"\bnoose\b",
        r"\b(?:want\s+to|going\s+to|gonna|about\s+to|will|i'll)\s+(?:take|swallow|down)\s+(?:them|it|the\s+lot)\s+all\b",
        r"\b(?:pills|tablets|meds|blades?|razors?|knife)\s+(?:are\s+)?(?:next\s+to|in\s+front\s+of|beside|ready\s+beside)\s+me\b",
        r"\b(?:this\s+is\s+)?(?:my\s+)?(?:last|final)\s+(?:message|text|goodbye)\b",
        r"\bgoodbye\s+(?:everyone|forever|world|cruel)\b",
        r"\bwon't\s+(?:be\s+(?:here|around|alive)|make\s+it\s+through\s+the\s+night|wake\s+up)\s+(?:tomorrow|in\s+the\s+morning|by)\b",
        r"\b(?:voices|voice)\b[^.!?\n]{0,30}\b(?:telling|tell|tells)\s+me\s+to\s+(?:hurt|kill|harm|die|end)\b",
        r"\b(?:going\s+to|gonna|want\s+to|might|will)\s+(?:hurt|harm|kill)\s+(?:someone|somebody|my\s+(?:kids|baby|wife|husband))\b",
    ],
    "pregnancy": [
        r"\b(?:waters?|water's)\s+(?:have\s+|has\s+|just\s+|already\s+)?(?:broke|broken|gone|burst|went|breaking|came)\b",
        r"\b(?:broke|broken)\s+(?:my|her)\s+waters?\b",
        (rf"\b(?:pregnant|pregnancy|weeks\s+along|expecting|antenatal|preggy)\b{g(60)}\b(?:bleed\w*|blood|clots|severe\s+pain|"
        rf"bad\s+pain|really\s+bad\s+pain|terrible\s+pain|pain\s+is\s+(?:bad|severe|terrible)|agony|cramp\w*\s+(?:badly|really\s+bad|so\s+bad)|"
        rf"fluid|leaking|gush|fell|fall|fallen|seeing\s+(?:spots|stars|flashing)|blurr\w*\s+vision|vision\s+(?:is\s+|has\s+gone\s+|went\s+)?(?:blurr\w*|gone|funny|spotty|fuzzy)|"
        rf"flashing\s+lights|face\s+(?:is\s+)?swollen|fits?|seiz\w*|faint\w*|severe\s+headache|bad\s+headache|"
        rf"headache\s+(?:won't|and\s+(?:blurr|vision|seeing))|baby\s+(?:isn't|not|hasn't|stopped|has\s+stopped)\s+(?:been\s+)?"
        rf"(?:moving|kicking)|can't\s+feel\s+(?:the\s+)?baby|itch\w*\s+(?:all\s+over|palms|hands\s+and\s+feet))"),
        (rf"\b(?:bleed\w*|blood|severe\s+pain|cramping)\b{g(40)}\b(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|"
        rf"ten|twenty|thirty)\s*-?\s*(?:weeks?|wks?)\s*(?:pregnant|along|gone)?\b"),
        (rf"\b(?:\d{{1,2}}|twenty|thirty)\s*-?\s*(?:weeks?|wks?)\s+(?:pregnant|along)\b{g(60)}\b(?:bleed\w*|blood|pain|fluid|"
        rf"leak\w*|contraction\w*|not\s+moving|headache|vision|swollen|fell|waters?)"),
        r"\b(?:coming|come)\s+every\s+(?:few|couple\s+of|\w+(?:\s+(?:or|to)\s+\w+)?|\d+(?:\s*-\s*\d+)?)\s+(?:minutes?|min)\b",
        (rf"\b(?:contraction\w*|tightening\w*|labou?r\s+pains|cramps)\b{g(60)}\b(?:(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s*-?\s*"
        rf"(?:minutes?|min)|every\s+(?:few\s+)?(?:minutes?|min)|close\s+together|closer\s+together|coming\s+fast|"
        rf"one\s+after\s+(?:another|the\s+other)|very\s+strong|really\s+strong|so\s+strong|non-?stop|won't\s+stop|"
        rf"getting\s+(?:closer|stronger|worse)|regular|started|apart)"),
        (r"\b(?:in|into|going\s+into|gone\s+into|went\s+into|started|starting|early|premature|preterm)\s+labou?r\b"
        r"(?!\s+(?:ward|suite|unit|tour|class|classes|plan|induction))"),
        r"\blabou?r\s+(?:has\s+)?(?:started|starting|pains)\b",
        r"\b(?:baby(?:'s)?|babys)\s+(?:is\s+)?(?:coming|on\s+(?:the|its)\s+way\s+now|crowning)\b(?!\s+(?:for|to)\s+(?:a|the|his|her|their))",
        r"\b(?:(?:urge|need|needs|have|has|got)\s+to\s+push(?!\s+(?:back|forward|it|the|my|our|out|on|through|for))|crowning|can\s+see\s+(?:the\s+)?(?:baby's\s+)?head|cord\s+is\s+(?:out|hanging))\b",
        (rf"\b{_GESTATION}{g(60)}\b(?:bleed\w*|blood|fluid|leak\w*|waters?|contraction\w*|tightening\w*|not\s+moving|hasn't\s+moved|"
         rf"stopped\s+moving|pain|headache|vision|swollen|fell|fall)"),
        rf"\b(?:bleed\w*|blood|fluid|leak\w*|severe\s+pain|bad\s+pain)\b{g(40)}\b{_GESTATION}",
        (rf"\b(?:baby|bump)\b{g(20)}\b(?:isn't|not|hasn't|has\s+not|stopped|has\s+stopped)\s+(?:been\s+)?(?:moving|kicking|moved|kicked)\b"
        rf"(?![^.!?\n]{{0,20}}\b(?:arm|leg|hand))"),
        r"\b(?:reduced|less|fewer|no)\s+(?:fetal|foetal|baby)?\s*(?:movements?|kicks?)\b",
        (rf"\b(?:baby|baby's|fetal|foetal)\s+(?:movements?|kicks?|kicking|moving)\b{g(25)}\b(?:reduced|less|slow\w*|fewer|stopped|"
        rf"hardly|barely|not\s+as\s+much|gone\s+quiet|quiet|weak\w*)"),
        r"\b(?:haven't|have\s+not|can't|not)\s+(?:felt|feel|feeling)\s+(?:the\s+|my\s+)?baby\s+(?:move|kick)\w*\b",
        (rf"\b(?:bleed\w*|blood|clots?|haemorrhag\w*|hemorrhag\w*)\b{g(40)}\b(?:after|since)\s+(?:giving\s+birth|birth|"
        rf"delivery|having\s+(?:the|my|her)\s+baby|the\s+baby\s+(?:was\s+)?born|c-?section|caesarean)\b"),
        r"\b(?:postpartum|post-partum|postnatal)\s+(?:bleed\w*|haemorrhag\w*|hemorrhag\w*)\b", r"\bectopic\b",
        rf"\b(?:miscarr\w*)\b{g(40)}\b(?:heavy|pain|bleed\w*|soak\w*|clots|faint\w*|dizzy|agony|severe)",
        r"\bpre-?eclampsia\b", r"\beclampsia\b", r"\bcord\s+prolapse\b", r"\bplacent\w*\s+(?:abruption|came\s+away)\b",
    ],
    "infant_child": [
        rf"\b{_YOUNG_BABY}\b{g(60)}\b{_FEVER}",
        rf"\b{_FEVER}\b{g(60)}\b{_YOUNG_BABY}",
        (rf"\b{_CHILD}\b{g(60)}\b(?:floppy|limp|lifeless|unresponsive|not\s+moving|won't\s+wake|not\s+waking|hard\s+to\s+wake|"
        rf"can't\s+wake|difficult\s+to\s+wake|blue|grey|gray|mottled|not\s+breath\w*|isn't\s+breath\w*|stopped\s+breath\w*|"
        rf"won't\s+breath\w*|seiz\w*\b(?!\s+(?:plan|care\s+plan|medication|meds|review|clinic|diary|chart|nurse|free))|fitting|convuls\w*|high[\s-]pitched\s+(?:cry|crying|scream)|bulging|sunken\s+soft\s+spot|"
        rf"won't\s+(?:feed|drink)\s+(?:at\s+all|and)|not\s+(?:fed|feeding|drinking)\s+(?:for|since|at\s+all)|"
        rf"no\s+wet\s+(?:nappies|nappy|diapers?)|hasn't\s+(?:had\s+a\s+wet|wee'?d|peed))"),
        r"\b(?:bulging|sunken|swollen)\s+(?:soft\s+spot|fontanel\w*)\b",
        rf"\b(?:fontanel\w*|soft\s+spot)\b{g(25)}\b(?:bulging|sunken|swollen|raised|tense|sinking)\b",
        (r"\b(?:no|hasn't\s+had\s+a|not\s+had\s+a|haven't\s+had\s+a|hasn't\s+had\s+any|not\s+had\s+any|without\s+a)\s+wet\s+"
        r"(?:nappy|nappies|diaper|diapers)\b"),
        (rf"\b(?:eyes?\s+(?:look\s+|are\s+|is\s+)?sunken|sunken\s+eyes)\b{g(60)}\b(?:sleepy|drowsy|floppy|not\s+(?:himself|herself)|"
        rf"lethargic|no\s+wee|not\s+drinking)"),
        r"\b(?:drown\w*|near[\s-]drowning|pulled\s+(?:him|her|them)\s+out\s+of\s+the\s+(?:pool|water|bath))\b",
        r"\b(?:shook|shaken)\s+(?:the\s+|my\s+)?baby\b",
        (rf"\b{_YOUNG_BABY}\b{g(50)}\b(?:not\s+feeding|won't\s+feed|refusing\s+(?:feeds|to\s+feed|the\s+bottle|the\s+breast)|"
        rf"very\s+sleepy|lethargic|vomiting\s+(?:green|everything|every\s+feed)|green\s+vomit|breathing\s+(?:fast|funny|weird)|"
        rf"grunting|cold\s+and\s+floppy|yellow\s+and\s+(?:sleepy|not\s+feeding))"),
        r"\b(?:green|bile|bright\s+green)\s+(?:vomit|sick)\b",
    ],
    "diabetic": [
        (rf"\b{_SUGAR}\b{g(25)}\b(?:very\s+|really\s+|super\s+|dangerously\s+|too\s+|so\s+|extremely\s+|crazy\s+)?(?:low|high|hi|lo)\b"
        rf"{g(60)}\b{_ALTERED}"),
        rf"\b{_ALTERED}\b{g(60)}\b{_SUGAR}\b{g(25)}\b(?:very\s+|really\s+|super\s+|dangerously\s+|too\s+|so\s+)?(?:low|high|hi|lo)\b",
        (rf"\b{_SUGAR}\s+(?:is\s+|was\s+|are\s+|were\s+|at\s+|of\s+|reading\s+|reads\s+|says\s+|showing\s+|just\s+|only\s+|down\s+to\s+|"
         rf"dropped\s+to\s+)*"
        rf"(?:[0-2](?:[.,]\d)?|[1-4]\d)\b(?!\s*(?:hours?|minutes?|mins|years?|days?|weeks?|am|pm|o'?clock|:))"),
        rf"\b{_SUGAR}\b{g(20)}\b(?:won't|isn't|not|doesn't|can't\s+get\s+(?:it|them)\s+to)\s+(?:go|come|going|coming|rise|rising)\s+up\b",
        (rf"\b{_SUGAR}\s+(?:is\s+|was\s+|are\s+|were\s+|at\s+|of\s+|reading\s+|reads\s+|says\s+|showing\s+)*(?:[4-9]\d\d|[3-9]\d(?:[.,]\d)?\s*mmol|"
        rf"hi\b|high\b[^.!?\n]{{0,20}}\b(?:vomit\w*|ketones|confus\w*|drowsy|can't|breath\w*))"),
        (rf"\bhypo\w*\b{g(40)}\b(?:{_ALTERED}|won't\s+(?:eat|drink|swallow)|can't\s+(?:eat|drink|swallow|treat)|severe|bad\s+one|"
        rf"not\s+coming\s+up|won't\s+come\s+up|isn't\s+coming\s+up|glucagon)"),
        rf"\b{_ALTERED}\b{g(40)}\bhypo\b",
        (rf"\b(?:diabetic|diabetes|type\s+(?:1|one|2|two))\b{g(50)}\b(?:confus\w*|unconscious|unresponsive|not\s+responding|"
        rf"drowsy|not\s+making\s+sense|collaps\w*|fitting|seiz\w*|passed\s+out|won't\s+wake|can't\s+wake|acting\s+drunk|"
        rf"slurr\w*|vomiting\s+and|fruity\s+breath|ketones)"),
        r"\b(?:dka|ketoacidosis|diabetic\s+coma|hyperglyc\w*\s+crisis)\b",
        rf"\bketones\b{g(30)}\b(?:high|\d|positive|large|vomit\w*|dark\s+purple)",
        r"\bglucagon\b(?=[^.!?\n]{0,30}\b(?:gave|used|give|need|injected|should))",
        rf"\b(?:took|taken|injected|gave|given|done)\b{g(20)}\b(?:double|twice|too\s+much|wrong|extra|two\s+doses\s+of)\b{g(15)}\binsulin\b",
    ],
    "sepsis_meningitis_other": [
        r"\b(?:sepsis|septic|septicaemia|septicemia|meningitis|meningococcal)\b",
        rf"\brash\b{g(50)}\b(?:doesn't|does\s+not|won't|didn't|isn't|not|don't)\s+(?:fade|go\s+white|blanch|go\s+away\s+(?:when|under|with)|disappear\s+(?:when|under|with))\b",
        r"\b(?:glass\s+test|tumbler\s+test|non[\s-]?blanching)\b",
        (rf"\b(?:spots|rash|marks|blotches|dots|bruis\w*)\b{g(50)}\b(?:doesn't|does\s+not|won't|didn't|isn't|not|don't)\s+"
        rf"(?:fade|go\s+white|blanch|go\s+away\s+(?:when|under|with)|disappear\s+(?:when|under|with))\b"),
        (rf"\b(?:purple|dark\s+red|purplish)\s+(?:spots|rash|blotches|marks|dots)\b{g(60)}\b(?:fever|temperature|hot|unwell|sleepy|"
        rf"spreading|everywhere|won't\s+fade|drowsy|floppy|lethargic|confus\w*|vomit\w*)"),
        rf"\b(?:{_FEVER}|temp)\b{g(100)}\b(?:purple|dark\s+red|purplish)\s+(?:spots|rash|blotches|marks|dots)\b",
        (rf"\b(?:stiff\s+neck|neck\s+(?:is\s+)?(?:very\s+|really\s+|so\s+|too\s+)?(?:stiff|rigid)|can't\s+(?:bend|move)\s+(?:his|her|my)\s+neck|"
        rf"chin\s+to\s+(?:his|her|my)\s+chest)\b{g(60)}\b(?:{_FEVER}|headache|light|rash|vomit\w*|sleepy|drowsy|confus\w*)"),
        (rf"\b(?:{_FEVER}|headache)\b{g(60)}\b(?:stiff\s+neck|neck\s+(?:is\s+)?(?:very\s+|really\s+|so\s+|too\s+)?(?:stiff|rigid)|(?:hurts|can't\s+stand)\s+(?:the\s+)?light|"
        rf"light\s+hurts)"),
        r"\b(?:skin\s+(?:is\s+|looks\s+)?(?:mottled|blotchy\s+and|blue|grey|gray|ashen)|mottled|blotchy\s+(?:blue|purple))\b",
        (rf"\b{_FEVER}\b{g(60)}\b(?:confus\w*|not\s+making\s+sense|very\s+drowsy|hard\s+to\s+wake|can't\s+wake|won't\s+wake|"
        rf"shaking\s+uncontrollably|uncontrollable\s+shaking|shivering\s+(?:uncontrollably|violently)|rigors|floppy|limp|lethargic|hasn't\s+(?:peed|wee'?d|passed\s+urine)|"
        rf"no\s+(?:pee|urine|wee)|feel\s+like\s+i'm\s+dying|cold\s+(?:hands|feet)\s+and|slurr\w*|not\s+himself|not\s+herself)"),
        rf"\b(?:{_FEVER})\s+(?:of\s+|is\s+|at\s+|reading\s+|was\s+)?(?:4[0-3](?:[.,]\d)?\s*(?:c|°c|degrees)?|10[4-9](?:[.,]\d)?)\b",
        r"\b(?:feel|feels|feeling|think|thinks)\s+(?:like\s+)?(?:i'm|i\s+am|he's|she's|they're|i'll|we're)\s+(?:dying|going\s+to\s+die|gonna\s+die)\b",
        r"\b(?:severe|serious|bad|major|big|huge|large|deep)\s+burns?\b",
        (rf"\bburn\w*\b{g(40)}\b(?:face|whole\s+(?:arm|leg|hand|chest|back)|skin\s+(?:peeling|coming\s+off|is\s+white|black)|"
        rf"blister\w*\s+(?:all\s+over|everywhere|huge|big)|bigger\s+than|chemical|boiling|electric|charred|white\s+and\s+leathery)"),
        (rf"\b(?:scald\w*|boiling\s+water|hot\s+oil|hot\s+water)\b{g(40)}\b(?:baby|toddler|child|son|daughter|face|chest|"
        rf"all\s+over|blister\w*|skin)"),
        r"\b(?:electric\s+shock|electrocut\w*|hypothermi\w*|heat\s*stroke|frostbite)\b",
        r"\b(?:crushed|mangled|trapped)\b[^.!?\n]{0,30}\b(?:machine|machinery|under\s+(?:a|the)\s+(?:car|tractor|wall))\b",
        rf"\b(?:gave|given|give|took|taken)\b{g(40)}\b\d+(?:[.,]\d+)?\s*(?:ml|mg|tablets?|spoons?)\b{g(20)}\binstead\s+of\b",
        r"\b(?:bone|bones)\s+(?:is\s+|are\s+)?(?:sticking|poking|coming)\s+(?:out|through)\b",
        r"\b(?:arm|leg|ankle|wrist|finger)\s+(?:is\s+)?(?:bent|pointing|facing)\s+(?:the\s+)?wrong\s+way\b",
        r"\b(?:head\s+injury|head\s+wound|fractured\s+skull|skull\s+fracture)\b",
        (r"\b(?:sudden|severe|excruciating|unbearable|worst|agonising|agonizing|terrible|really\s+bad)\s+(?:abdominal|stomach|"
        r"tummy|belly)\s+pain\b"),
        (rf"\b(?:abdominal|stomach|belly)\s+pain\b{g(30)}\b(?:can't\s+(?:stand|move|walk|straighten)|doubled\s+over|rigid|"
        rf"hard\s+as\s+a\s+board|vomiting\s+blood|passing\s+out|agony|unbearable|worst)"),
        rf"\b(?:testicle|testicular|ball|balls)\b{g(30)}\b(?:sudden|severe|agony|really\s+bad|swollen\s+and|twisted)",
        rf"\b(?:sudden|severe|agoni[sz]ing|excruciating|unbearable|really\s+bad)\b{g(20)}\b(?:testicles?|testicular|balls?|scrotum)\b",
        rf"\b(?:black|tarry|blood(?:y)?)\s+(?:tarry\s+)?(?:poo|stool|stools|poop)\b{g(40)}\b(?:dizzy|faint\w*|a\s+lot|lots|weak)",
        r"\b(?:numb|no\s+feeling)\b[^.!?\n]{0,30}\b(?:between\s+(?:my|his|her)\s+legs|groin|saddle|bum|buttocks)\b",
        r"\b(?:can't|cannot|unable\s+to)\s+(?:feel|move)\s+(?:my|his|her|both)\s+(?:legs|feet)\b",
        rf"\b(?:chemical|bleach|acid)\b{g(30)}\b(?:in\s+(?:my|his|her)\s+eyes?|eye)\b",
        (r"\b(?:hit|struck|knocked|bang\w*|bump\w*|fell|fall|fallen|landed|smashed)\b[^.!?\n]{0,40}\bhead\b[^.!?\n]{0,80}"
        r"\b(?:vomit\w*|being\s+sick|been\s+sick|drowsy|sleepy|confus\w*|seiz\w*|fit|pupils|blood\s+from\s+(?:ear|nose)|"
        r"clear\s+fluid|not\s+making\s+sense|can't\s+remember|unconscious|knocked\s+out)"),
        (r"\b(?:sudden|severe|excruciating|unbearable|worst|agoni[sz]ing|terrible|really\s+bad)\s+(?:\w+\s+)?pain\s+in\s+"
        r"(?:my|his|her|the|their)\s+(?:stomach|abdomen|belly|tummy)\b"),
        r"\b(?:stomach|abdomen|belly|tummy)\b[^.!?\n]{0,20}\b(?:hard|stiff)\s+(?:like|as)\s+(?:a\s+)?(?:board|rock|wood)\b",
        r"\b(?:badly|severely|really\s+badly|seriously)\s+burn\w*|\bburn\w*\s+(?:really\s+|very\s+)?badly\b",
        (r"\b(?:burning\s+hot|burning\s+up|fever\w*|high\s+temp\w*|temperature|shivering|shaking|rigors)\b[^.!?\n]{0,80}"
        r"\b(?:breathing\s+(?:fast|quickly|rapidly|really\s+fast)|fast\s+breathing|confus\w*|mottled|not\s+making\s+sense)\b"
        r"(?=[^.!?\n]*\b(?:confus\w*|breathing|operation|surgery|wound|infection|shiver\w*|drowsy))"),
        r"\b(?:strange|weird|funny|odd|wrong|awkward|unnatural)\s+angle\b",
        rf"\b(?:leg|arm|foot|hand|toes|fingers)\b{g(40)}\b(?:cold\s+and\s+(?:white|blue|pale|numb)|(?:white|blue|pale)\s+and\s+cold)\b",
    ],
}

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: dict[str, list[str]] = {
    "chest_pain": [r"\bchest\b(?!\s+(?:infection|x-?ray|physio|clinic|cold|cough|congestion|hair))",
                   r"\bpalpitation\w*\b", r"\bheart\s+(?:racing|pounding|fluttering|beating\s+fast)\b"],
    "stroke": [r"\b(?:numb|numbness|slurr\w*|droop\w*|crooked|lopsided)\b", r"\bface\b[^.!?\n]{0,20}\b(?:weird|funny|strange)\b",
               rf"\b{_CANT}\s+(?:speak|talk|see|walk\s+straight|find\s+words)\b", r"\b(?:vision|eyesight|sight)\b",
               r"\bheadache\b", r"\bweak\w*\b"],
    "breathing": [r"\bbreath\w*\b(?!\s+away)", r"\bwheez\w*\b", r"\bchok\w*\b"],
    "bleeding": [r"\b(?:nose)?bleed\w*\b(?!\s+money)", r"\b(?:cut|wound|gash)\b"],
    "poisoning_overdose": [rf"\b(?:swallowed|ingested|drank|ate|got\s+into)\b{g(30)}\b(?:{_SUBSTANCE}|{_MEDS})\b"],
    "anaphylaxis": [r"\ballergic\s+reaction\b", r"\b(?:swell\w*|swollen|hives)\b", r"\bepi\s?-?pen\b"],
    "collapse_seizure": [r"\b(?:fit|fits|seiz\w*|faint\w*|dizzy|passed\s+out|fell|fallen|shaking|jerking)\b",
                         r"\bcollaps\w*\b(?!\s+(?:onto|on|into|in)\s+(?:the\s+|my\s+|a\s+)?(?:sofa|couch|bed|chair|heap))"],
    "self_harm": [r"\b(?:hopeless|can't\s+cope|give\s+up|hurt\s+myself|overwhelmed|want\s+to\s+disappear)\b"],
    "pregnancy": [r"\b(?:contraction\w*|waters?|labou?r|spotting|miscarr\w*)\b",
                  r"\b(?:pregnant|pregnancy)\b[^.!?\n]{0,60}\b(?:pain|bleed\w*|blood|headache|vision|cramp\w*|fluid|leak\w*)"],
    "infant_child": [rf"\b(?:baby|toddler|infant|newborn)\b{g(30)}\b(?:fell|dropped|rolled\s+off|fallen)\b",
                     (rf"\b(?:baby|newborn|infant)\b[^.!?\n]{{0,40}}\b(?:{_FEVER}|not\s+feeding|won't\s+feed|vomit\w*|rash|"
                     rf"crying|sleepy|breath\w*)")],
    "diabetic": [rf"\b(?:{_SUGAR}\s+(?:is\s+|was\s+|really\s+|very\s+|so\s+)*(?:low|high)|hypo\w*|hyper\b)\b"],
    "sepsis_meningitis_other": [r"\b(?:rash|stiff\s+neck|burn\w*|scald\w*|mottled)\b",
                                r"\b(?:stomach|abdominal)\s+pain\b"],
}


def _compile(table: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    return {cat: re.compile("|".join(f"(?:{p})" for p in pats)) for cat, pats in table.items()}


#: The order categories are tried in: the most specific context first, so a pregnant
#: woman's headache is a pregnancy emergency and a floppy baby an infant one.
SCREEN_ORDER: tuple[str, ...] = ("pregnancy", "infant_child") + tuple(
    c for c in CATEGORY_IDS if c not in ("pregnancy", "infant_child")
)
assert set(RED_FLAGS) == set(CATEGORY_IDS) == set(MENTIONS)
RED_FLAG_RX = _compile({c: RED_FLAGS[c] for c in SCREEN_ORDER})
MENTION_RX = _compile({c: MENTIONS[c] for c in SCREEN_ORDER})
