"""Word classes for the scored screen (``nlu.emergency.scoring``): what a triage nurse listens for.

Each class is a regex fragment over normalised text (``nlu.emergency.normalise``: lower case,
canonical spelling, "can't" with its apostrophe), written by word family rather than by phrase:
``bleed\\w*`` covers bleed, bleeding, bleeds, bleedin; a class of household chemicals covers any of
them drunk by anyone. The scorer combines classes ("a body fluid near a word of quantity"), so a
new phrasing of a known danger needs no new rule.
"""

from __future__ import annotations


def near(a: str, b: str, words: int = 5) -> str:
    """``a`` and ``b`` in either order with at most ``words`` words between them, inside one sentence."""
    gap = rf"(?:[^\w.!?\n]+\w+(?:'\w+)?){{0,{words}}}[^\w.!?\n]+"
    return rf"\b(?:(?:{a}){gap}(?:{b})|(?:{b}){gap}(?:{a}))\b"


def together(a: str, b: str, chars: int = 80) -> str:
    """``a`` and ``b`` in either order within ``chars`` characters, across short sentences ("33 wks. bleeding")."""
    return rf"\b(?:(?:{a})\b[^\n]{{0,{chars}}}?\b(?:{b})|(?:{b})\b[^\n]{{0,{chars}}}?\b(?:{a}))\b"


def then(a: str, b: str, words: int = 6) -> str:
    """``a`` followed by ``b`` within ``words`` words, inside one sentence."""
    gap = rf"(?:[^\w.!?\n]+\w+(?:'\w+)?){{0,{words}}}[^\w.!?\n]+"
    return rf"\b(?:{a}){gap}(?:{b})\b"


# --- who ------------------------------------------------------------------------------------------

CHILD = (
    r"baby|babies|bub|newborn|infant|toddler|child|kid|kids|son|daughter|boy|girl|grandson|granddaughter|"
    r"little\s+one|lo|\d+\s*(?:yo|year\s+old|yr\s+old|month\s+old)|(?:one|two|three|four|five)\s+year\s+old|"
    # round thirteen: Scots and northern words for a child
    r"wean|weans|bairn|bairns|wee\s+one|wee\s+yin|wean's|bairn's"
)
#: An age under three months said in any of the usual ways: "6 weeks", "3 wks", "2 months", "4 days old".
_AGE_UNDER_3M = (
    r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*-?\s*(?:days?|weeks?|wks?)|"
    r"(?:1|2|one|two|a|couple\s+of)\s*-?\s*(?:months?|mths?))"
)
#: An age under three months said of a baby: "6 weeks old", "baby 3 wks", "he's 2 months", "newborn";
#: not "cough for 2 days" or "20 weeks pregnant".
YOUNG_AGE = (
    rf"{_AGE_UNDER_3M}\s*-?\s*old|(?:baby|babies|newborn|infant|lo|bub|son|daughter|grandson|granddaughter|boy|girl|is|he's|she's|"
    rf"only|just|aged|at|of)[\s,]+(?:is\s+|only\s+|just\s+|about\s+)?{_AGE_UNDER_3M}(?!\s+(?:ago|pregnant|along|gone|later|since))"
    r"|newborn|new\s+born|neonate"
)

# --- severity and urgency, for every category ------------------------------------------------------

#: Severity: how bad, how much, how fast, that it cannot be done or will not stop.
SEVERITY = (
    r"can't|cannot|can\s+not|couldn't|unable\s+to|not\s+able\s+to|won't\s+stop|will\s+not\s+stop|not\s+stopp?ing|doesn't\s+stop|does\s+not\s+stop|"
    r"keeps?\s+(?:on\s+)?(?:coming|going|getting|dropping|falling|rising)|"
    r"a\s+lot|lots|loads|so\s+much|too\s+much|everywhere|all\s+over|pouring|gushing|"
    r"blue(?!\s+(?:inhalers?|pumps?|puffers?|badge))|grey|gray|ashen|purple|unconscious|unresponsive|not\s+respond\w*|won't\s+wake|not\s+waking|not\s+answer\w*|"
    r"killing\s+(?:me|him|her)|worst|sudden\w*|all\s+of\s+a\s+sudden|out\s+of\s+nowhere|severe\w*|extreme\w*|agony|agonising|agonizing|excruciating|"
    r"what\s+(?:do|should|can)\s+(?:i|we)\s+do|unbearable|terrible|horrible|awful|really\s+bad|very\s+bad|so\s+bad|super\s+bad|bad\s+(?:pains?|burns?|cuts?)|"
    # round thirteen: a stomach that keeps nothing down
    r"(?:vomit\w*|throw\w*\s+up|threw\s+up|sick|puk\w*)\s+(?:up\s+)?(?:everything|all\s+(?:of\s+)?it|every\s+(?:thing|drink|sip|meal))|"
    r"getting\s+worse|worse\s+and\s+worse|worse|uncontrol\w*|screaming|scream\w*|"
    r"very\s+strong|really\s+strong|so\s+strong|no\s+better|not\s+working|doesn't\s+work|isn't\s+working|"
    r"help(?=\s*(?:!|$|please|us\b|him\b|her\b|now|asap))(?!\s*(?:him|her|us|them)\s+(?:to\s+)?(?:stop|quit|sleep|cope|settle|relax|learn|understand|with|get\s+(?:better|over|off)|cut\s+down)\b)|(?:please|somebody|send)\s+help|ambulance|emergency|911|999|112|scared|terrified|panick\w*|dying|going\s+to\s+die|"
    # a pain score, not a date: "8/10", "ten out of ten"; "3/10 at 8:15" or "on 9/10" is a day
    r"(?<!\bon\s)(?<!\bfor\s)(?<!\bthe\s)(?<!\bby\s)(?<!\buntil\s)(?<![\d/])(?:\d+|ten)\s*/\s*10(?!\s*(?:/|-|at\b|@|\d))|(?:\d+|ten|nine|eight)\s+out\s+of\s+(?:10|ten)"
)
#: A symptom that persists ("won't go away", "not easing"): severe only beside a cue of now (round thirteen), so
#: "chest pain for 40 minutes that won't go away" counts and "a rash that won't go away" (for weeks) does not.
PERSISTS = (
    r"(?:won't|will\s+not|wont)\s+(?:go\s+away|ease|let\s+up)|(?:isn't|is\s+not|not)\s+(?:going\s+away|easing|letting\s+up)|"
    r"(?:hasn't|has\s+not)\s+(?:gone\s+away|eased|let\s+up)"
)
#: Now: something is happening to someone at this moment or began minutes or hours ago.
NOW = (
    r"right\s+now|just\s+now|now|at\s+the\s+moment|currently|still|tonight|since\s+(?:this\s+\w+|an\s+hour|half\s+an\s+hour|last\s+night|"
    r"\d+\s+(?:mins?|minutes|hours?|hrs?))|(?:\d+|an?|one|two|half\s+an?)\s+(?:mins?|minutes|hours?|hrs?)\s+ago|started|starting|"
    r"just\s+(?:happened|started|had|done|start|starts|begin|began|begun)|"
    # round thirteen: a duration counted in minutes or hours is happening now ("for the last 40 minutes")
    r"(?:for|in|over)\s+(?:the\s+)?(?:last|past)?\s*(?:\d+|an?|one|two|three|half\s+an?|couple\s+of|few)\s+(?:mins?|minutes|hours?|hrs?)|"
    r"(?:for|in|over)\s+(?:the\s+)?(?:last|past)\s+(?:hour|half\s+hour)"
)

# --- symptom families -----------------------------------------------------------------------------

PAIN = (
    r"pain\w*|ache|aches|aching|achy|hurt\w*|sore|pressure|tight\w*|squeez\w*|crush\w*|heavy|heaviness|"
    r"burning|stabbing|sharp|cramp\w*|elephant|elefant|weight|vice|band|agony|"
    # round thirteen: pain told by what it does ("killing me", "like a knife")
    r"killing|kills|knife|knives"
)
CHEST = (
    r"chest|breastbone|sternum|heart|"
    # round thirteen: "pain in the middle of my chest" (the place is said before the word "chest")
    r"(?:middle|centre|center|front|left\s+side|right\s+side)\s+of\s+(?:my|his|her|the|their)\s+chest"
)
#: Signs that travel with a heart attack: spreading pain, sweat, colour, nausea, faintness.
CARDIAC_COMPANION = (
    r"(?:arm|arms|jaw|neck|back|shoulder|shoulders)\b(?:\s+\w+){0,2}\s+(?:hurt\w*|ache\w*|aching|pain\w*|heavy|numb|tingl\w*)|"
    r"(?:down|into|to|through|in)\s+(?:my|his|her|the)\s+(?:left\s+|right\s+)?(?:arm|jaw|neck|back|shoulder)|"
    r"sweat\w*|clammy|grey|gray|ashen|pale|sick|nause\w*|vomit\w*|faint\w*|dizzy|light\s*headed|short\s+of\s+breath|"
    r"breathless|can't\s+(?:breathe|catch)"
)
HEARTBEAT = r"(?:heart|pulse|heartbeat)\b(?:\s+\w+){0,3}\s+(?:racing|pounding|hammering|beating|fluttering|jumping|skipping|going|slow|weak|irregular)"
HEART_RATE_BAD = (
    r"\b(?:1[5-9]\d|2\d\d|[2-3]\d|40)\b|really\s+(?:fast|slow)|very\s+(?:fast|slow)|so\s+(?:fast|slow)|"
    r"faint\w*|pass\w*\s+out|black\w*\s+out|dizzy|chest|breath\w*|weak"
)

FACE_DROOP = (
    r"(?:face|mouth|smile|lip|eye|cheek)\b(?:\s+\w+){0,4}\s+(?:droop\w*|drop\w*|dropp\w*|crooked|lopsided|hang\w*|slack|twisted|"
    r"fall\w*|fell|uneven|sagg\w*|pulled|gone\s+funny|down\s+on\s+one\s+side|one\s+side\s+down)|"
    r"(?:droop\w*|lopsided|crooked|wonky)\s+(?:face|mouth|smile)"
)
SPEECH_WRONG = (
    r"(?:speech|words?|talk\w*|speak\w*|voice|sentences?)\b(?:\s+\w+){0,4}\s+(?:slurr\w*|jumbl\w*|garbl\w*|wrong|nonsense|muddl\w*|mix\w*|"
    r"funny|strange|weird|not\s+mak\w*\s+sense|all\s+over|coming\s+out)|slurr\w*|talking\s+(?:nonsense|gibberish|rubbish)|"
    r"can't\s+(?:find|get)\s+(?:[\w']+\s+)?words|(?:can't|cannot|can\s+not|not)\s+(?:speak|talk)(?:\s+good|\s+properly|\s+right)?|"
    r"only\s+(?:sounds|noises)|not\s+talk\s+good"
)
LIMB_WEAK = (
    r"(?:arm|arms|leg|legs|hand|hands|side|grip|foot|fingers)\b(?:\s+\w+){0,3}\s+(?:weak\w*|numb\w*|dead|floppy|gone|falling|dropping|won't\s+work|"
    r"not\s+work\w*|isn't\s+working|useless|heavy|limp)|"
    r"(?:can't|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:lift|move|raise|hold|grip|feel)\s+(?:[\w']+\s+){0,2}"
    r"(?:arm|leg|hand|cup|side|fingers|anything)|one\s+side|left\s+side|right\s+side"
)
VISION_LOSS = (
    r"(?:can't|cannot|can\s+not)\s+see\s+(?:out\s+of|with)\s+(?:my|his|her|one|the|left|right)|"
    r"(?:lost|losing|loss\s+of)\s+(?:the\s+)?(?:sight|vision)|curtain|gone\s+blind|went\s+blind|double\s+vision"
)
CONFUSED = (
    r"confus\w*|disorient\w*|not\s+making\s+sense|doesn't\s+make\s+sense|talking\s+nonsense|"
    # round thirteen: sense not made with any negation ("nah make sense", "no making sense"), and nonsense in lay words
    r"(?:not|no|nah|don't|doesn't|didn't|isn't|ain't|never|can't)\s+(?:mak\w*|make)\s+(?:any\s+)?sense|"
    r"talk\w*\s+(?:nonsense|gibberish|jibberish|rubbish|foolishness|foolish|crazy|rubbish|shite|garbage)|muddled|strange|weird|odd|"
    r"not\s+(?:himself|herself|right)|doesn't\s+know\s+(?:where|who)|(?:very|really|so)\s+(?:drowsy|sleepy|slow)|"
    r"drowsy|sleepy|sleeping\s+all|not\s+answer\w*|out\s+of\s+it|not\s+with\s+it|spaced\s+out|zoned\s+out|glassy|vacant|not\s+all\s+there|away\s+with\s+the\s+fairies"
)

BREATH = r"breath\w*|brea?the?\w*|wheez\w*|gasp\w*|asthma\w*|choking|choke[sd]?|suffocat\w*|(?:get|getting|no)\s+(?:any\s+)?air"
#: Breathing words that are not about the lungs: "can't breathe through my nose", "breathing down my neck".
NOT_BREATHLESS = (
    r"(?:breathe?\w*)\s+(?:through|thru|out\s+of|with)\s+(?:(?:my|his|her|the|one|their)\s+(?:nose|nostril)|it\b|them\b)|(?:blocked|stuffy|bunged)\s+(?:up\s+)?nose|"
    r"breathing\s+down|breath\w*\s+(?:exercises?|technique|smell\w*|test)|bad\s+breath"
)
BREATH_CONTEXT = r"inhaler|pump|puffer|nebuli[sz]er|spacer"
BREATH_BAD = (
    r"can't|struggl\w*|hard|difficult\w*|(?:one|two|few)\s+words|ribs|sucking\s+in|blue(?!\s+(?:inhalers?|pumps?|puffers?|badge))|grey|gray|lips|"
    r"no\s+better|not\s+working|isn't\s+working|doesn't\s+help|\d+\s+(?:times|puffs)|getting\s+worse|fast|noisy|"
    r"can't\s+(?:talk|speak|cough)|stuck"
)

#: Any body fluid or blood word: what comes out.
FLUID = (
    r"blood|bleed\w*|bled|bleedin|haemorrhag\w*|hemorrhag\w*|clots?|"
    # round thirteen: blood told by its colour in an amount ("a puddle of red", "the towel is soaked red")
    r"(?:puddle|pool|pools|lots|loads|covered|soaked|dripping)\s+(?:of\s+|in\s+|with\s+)?(?:bright\s+|dark\s+)?red\b"
)
#: A period: bleeding that is normal by itself, so it weighs less than other blood.
PERIOD = r"period|periods|flow|menstrua\w*"
#: Blood as a topic, not a loss: tests, pressure, sugar, thinners, "my blood is boiling".
NOT_A_BLEED = (
    r"blood\s+(?:tests?|pressure|sugars?|glucose|thinners?|results?|work|forms?|levels?|counts?|donor|donation|type|group|is\s+boiling)|"
    r"(?:after|from)\s+(?:a|my|the)\s+blood\s+test|blood\s*(?:draws?|drawn|samples?|works?|panels?|bottles?|appointments?|appt)|bloodwork|draw\s+(?:my|his|her|some)\s+blood"
)
#: How much, how long: the amount or the persistence that makes a fluid an emergency.
HEAVY = (
    r"a\s+lot|lots|loads|so\s+much|too\s+much|heavy|heavily|everywhere|all\s+over|won't\s+stop|not\s+stopp?ing|"
    r"will\s+not\s+stop|can't\s+stop|doesn't\s+stop|does\s+not\s+stop|didn't\s+stop|did\s+not\s+stop|hasn't\s+stopped|keeps|pour\w*|gush\w*|spurt\w*|pump\w*|"
    r"soak\w*|through|towels?|pads?|puddle|pool|cupful|clots|deep|spitting|(?:\d+|forty|thirty|twenty)\s+(?:mins?|minutes)|hour|"
    # blood leaving the body in any verb of flow, slang included ("pishing out", "streaming down")
    r"(?:pish|piss|stream|squirt|spray|flood|pelt|shoot|run|flow)\w*\s+(?:out|everywhere)"
)
WOUND = r"cut|cuts|wound|gash\w*|slash\w*|stab(?:bed|bing|s)?|laceration|sliced|glass|knife"
WOUND_BAD = r"deep|gaping|(?:wide\s+)?open|see\s+(?:the\s+)?(?:bone|inside|fat)|bone|spurt\w*|pump\w*|won't\s+close|huge|large|big"
VOMIT_BLOOD = then(
    r"cough\w*|vomit\w*|throw\w*\s+up|threw\s+up|spit\w*|spat|puk\w*|sick",
    r"blood|(?:like\s+)?coffee(?:\s+(?:grounds?|granules|powder))?",
    4,
)

# burns: what burned, and what the skin did
BURN = (
    r"burn|burns|burnt|burned|burning|scald\w*|blister\w*(?!\s+packs?)|singed|charred|caught\s+fire|on\s+fire|flames?|"
    r"straighteners|firework|chip\s+pan|(?:hot|boiling)\s+(?:oil|fat|water|tea|coffee|pan|iron|kettle|soup|milk)|kettle|"
    r"(?:acid|bleach|chemical|caustic|cleaner)\s+(?:[\w']+\s+){0,3}(?:in|on|into|over|splash\w*)\s+(?:[\w']+\s+)?(?:eyes?|face|skin|arm|hand|leg|chest)|"
    r"electric\s+shock|electrocut\w*|"
    # a hot surface touched: the burn is said by what the skin did (``BURN_BAD``)
    r"(?:touched|grabbed|fell\s+(?:on|onto|against)|leaned\s+on|put\s+(?:his|her|my)\s+\w+\s+on)\s+(?:the\s+|a\s+)?(?:hob|stove|cooker|oven|iron|radiator|grill|bbq|barbecue|exhaust|bonfire|heater|fire)"
)
#: Not burns of the skin: a symptom with the same word.
NOT_A_BURN = (
    r"heartburn|heart\s+burn|burning\s+in\s+(?:my|his|her|the)\s+(?:chest|throat|stomach|eyes|pee|wee|urine)|sunburn\w*|razor\s+burn|burning\s+(?:sensation|feeling|when|pee|wee|urine|eyes|throat|mouth|tongue|"
    r"stomach|chest)|(?:pee|wee|urine|urinat\w*|eyes|chest|stomach)\s+(?:is\s+|are\s+)?burning|burn(?:s|ing)?\s+when\s+(?:i|he|she)\s+"
    r"(?:pee|wee)|burning\s+up|(?:feel|feels|feeling)\s+burning|burned\s+out|burnt\s+out|burnout|burning\s+(?:the\s+)?candle|burn\s+calories"
)
BURN_BAD = (
    r"blister\w*|skin\b(?:\s+\w+){0,3}\s+(?:peel\w*|coming\s+off|came\s+off|off|falling\s+off|hanging)|peel\w*|"
    r"white|black|charred|leathery|waxy|raw|weep\w*|can't\s+feel|numb|whole|all\s+over|big|large|huge|bigger|"
    r"face|eyes?|hands?|palm|chest|genitals|groin|legs|arms|back|screaming|agony|everywhere|deep|"
    r"chemical|acid|bleach|drain\s+cleaner|oven\s+cleaner|electric\w*|boiling"
)
#: A major burn told by its size or its depth: "most of his leg", "bigger than my hand", "gone white".
BURN_MAJOR = (
    r"most\s+of\s+(?:his|her|my|their|the)\s+(?:\w+\s+)?\w+|(?:whole|entire)\s+(?:\w+\s+)?(?:arm|leg|hand|back|chest|face|side|foot|thigh|body)|"
    r"(?:bigger|larger)\s+than\s+(?:a|my|his|her|the|your)\s+(?:\w+\s+)?(?:hand|palm)|size\s+of\s+(?:a|my|his|her|the|your)\s+(?:\w+\s+)?(?:hand|palm|plate|phone)|"
    r"(?:gone|going|turned|turning|is|looks?|went)\s+(?:all\s+|kind\s+of\s+|sort\s+of\s+)?(?:white|leathery|waxy|black|charred|grey|gray)|"
    r"(?:white|black|grey)\s+in\s+the\s+middle|doesn't\s+hurt\s+(?:in\s+the\s+middle|at\s+all)|can't\s+feel\s+(?:it|anything)"
)

# poisoning: a substance, a way in, a child
HOUSEHOLD = (
    r"bleach|detergent|(?:[\w']+\s+)?cleaner|cleaning\s+(?:spray|fluid|liquid|stuff|products?)|washing[\s-]?(?:up\s+)?(?:liquid|powder|tablets?|pods?|capsules?)|"
    r"dishwasher\s+(?:tablets?|pods?|powder|salt)|laundry\s+(?:pods?|capsules?|liquid)|pods?|capsules?|antifreeze|anti\s+freeze|"
    r"white\s+spirit|turps|turpentine|paraffin|petrol|diesel|kerosene|lamp\s+oil|lighter\s+fluid|screen\s*wash|"
    # an oil or fuel named by what it is for ("the oil for the lamp", "heater fuel"), essential oils
    r"(?:oil|fuel|fluid|liquid)\s+(?:for|from|of)\s+(?:the\s+|a\s+)?(?:lamp|heater|lantern|stove|burner|mower|generator|engine|car|bike)|"
    r"(?:lamp|heater|lantern|stove|burner|torch|tiki)\s+(?:oil|fuel|fluid)|essential\s+oils?|eucalyptus\s+oil|tea\s+tree\s+oil|oil\s+burner|"
    r"weed\s*killer|pesticide|insecticide|(?:rat|mouse|slug|ant)\s+(?:poison|bait|pellets|killer)|bait|poison\w*|button\s+batter(?:y|ies)|batter(?:y|ies)|magnets?|"
    r"e[\s-]?cig\w*|vape\w*|nail\s+varnish(?:\s+remover)?|nail\s+polish(?:\s+remover)?|acetone|mouthwash|e[\s-]?liquid|vape\s+(?:juice|liquid|oil)|nicotine|"
    r"disinfectant|dettol|toilet\s+(?:cleaner|duck|block)|descaler|fabric\s+softener|liquid\s+for\s+the\s+car|(?:car|engine)\s+(?:oil|liquid|fluid)|"
    r"(?<!folic\s)(?<!amino\s)(?<!uric\s)(?<!stomach\s)acid(?!\s+reflux)|lye|caustic\s+soda|chemicals?|berries|mushrooms?|toadstools?|foxglove|plant|leaves|alcohol|vodka|gin|whisky|wine|spirits?"
)
#: A carbon monoxide or gas alarm sounding now: "the co detector went off", "gas alarm keeps beeping".
GAS_ALARM = (
    r"(?:co|carbon\s+monoxide|gas|smoke|fumes?)\s+(?:alarm|detector|monitor|sensor)\w*\s+(?:is\s+|has\s+|keeps?\s+|just\s+)?"
    r"(?:went|gone|going|goes|go)\s+off|(?:co|carbon\s+monoxide|gas)\s+(?:alarm|detector|monitor|sensor)\w*\s+(?:is\s+|keeps?\s+|just\s+)?(?:beep\w*|sound\w*|ring\w*|screech\w*)"
)
MEDICINE = (
    r"pills?|tablets?|tabs|meds|medicine\w*|medication\w*|paracetamol|calpol|ibuprofen|nurofen|aspirin|co-?codamol|codeine|"
    r"tramadol|morphine|oxycodone|fentanyl|diazepam|valium|sleeping\s+(?:pills|tablets)|antidepressants?|sertraline|"
    r"amitriptyline|iron\s+(?:tablets|pills)|vitamins|insulin|blood\s+pressure\s+(?:pills|tablets|meds)|heart\s+(?:pills|tablets)|"
    r"adhd\s+meds|methadone|lithium|warfarin|propranolol|gummies|pain\s*-?\s*killers?|anti\s*-?\s*histamines?|anti\s*-?\s*depressants?|"
    r"sleeping\s+(?:meds|medicine|drugs)|(?:heart|sugar|diabetes|epilepsy|seizure)\s+(?:meds|medicine|drugs)"
)
INGEST = (
    r"swallow\w*|drank|drunk|drink\w*|ate|eaten|eat|eating|chew\w*|suck\w*|bit\s+into|downed|necked|had\s+(?:some|a\s+sip|a\s+mouthful)|"
    r"mouthful|sip|got\s+into|in\s+(?:his|her|their)\s+mouth|took|taken|taking|take|consum\w*|popp?ed|gulp\w*|overdos\w*|"
    # round thirteen: Scots "swallied", "swallaed"
    r"swalli\w*|swalla\w*"
)
POISON_SIGN = (
    r"cough\w*|chok\w*|vomit\w*|sick|throw\w*\s+up|drows\w*|sleepy|floppy|burn\w*|red\s+mouth|blister\w*|drool\w*|"
    r"breath\w*|confus\w*|not\s+himself|not\s+herself|weird|strange|fit(?:s|ted|ting)?|shaking|foam\w*|lips|crying"
)
#: A quantity of medicine beyond a dose: "a whole packet", "20 tablets", "all his pills", "double".
QUANTITY = (
    r"(?:whole|entire|full|all|all\s+of|all\s+the)\s+(?:[\w']+\s+){0,2}(?:box|boxes|pack\w*|strip|strips|bottle|tub|jar|blister|supply|"
    r"pills|tablets|meds|medicine|prescription)|"
    r"\b(?:[1-9]\d|twenty|thirty|forty|fifty|sixteen|fifteen|twelve|ten)\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|the\s+)?(?:[\w']+\s+)?(?:pills|tablets|caps\w*|tabs)|"
    r"handful|(?:so\s+|many\s+)?many|loads\s+of|lots\s+of|(?:a\s+)?lot\s+of|(?:a\s+)?(?:bunch|pile|heap|fistful)\s+of|too\s+many|way\s+(?:too\s+)?(?:many|more)|double|twice|triple|extra|"
    r"more\s+than\s+(?:i|he|she)\s+should|"
    # round twelve: past the maximum dose, the staggered overdose ("over the max dose for 3 days")
    r"(?:over|above|more\s+than|exceed\w*|beyond|past)\s+(?:the\s+)?(?:max\w*|maximum|recommended|daily|safe)\s+(?:daily\s+)?(?:dose|doses|amount|limit)|(?:all|everything)\s+(?:at\s+once|together|in\s+one\s+go)|at\s+once|together|in\s+one\s+go"
)
#: A quantity no course of treatment adds up to: a whole pack or prescription, twenty tablets, a handful,
#: past the maximum dose. Not "all my tablets" (a course finished) nor "double" or "extra" (one dose more).
QUANTITY_LARGE = (
    r"(?:whole|entire|full)\s+(?:[\w']+\s+){0,2}(?:box|boxes|pack\w*|strip|strips|bottle|tub|jar|blister|supply|prescription)|"
    r"\b(?:[2-9]\d|twenty|thirty|forty|fifty)\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|the\s+)?(?:[\w']+\s+)?(?:pills|tablets|caps\w*|tabs)|handfuls?|"
    r"(?:over|above|more\s+than|exceed\w*|beyond|past)\s+(?:the\s+)?(?:max\w*|maximum|recommended|daily|safe)\s+(?:daily\s+)?(?:dose|doses|amount|limit)"
)
#: A supply used up rather than swallowed (round thirteen): "finished the whole bottle", "emptied the box";
#: counted only with a large amount (``QUANTITY_LARGE``), so a course of tablets finished is not one.
FINISHED = (
    r"finish\w*|emptied|empty\w*|polished\s+off|(?:went|gone|got|go|going)\s+through|used\s+up"
)
OD_SIGN = (
    r"drows\w*|sleepy|won't\s+wake|not\s+wak\w*|barely\s+(?:awake|conscious)|slow|racing|pounding|sick|vomit\w*|"
    r"weird|strange|dizzy|confus\w*|shak\w*|scared|die|dying|now|ago|ringing|not\s+breath\w*|"
    # the liver failing after too much paracetamol
    r"yellow\w*|jaundic\w*"
)

# infection and sepsis
FEVER = (
    r"fever\w*|temperature|temp|high\s+temp|burning\s+up|hot\s+to\s+(?:the\s+)?touch|shiver\w*|rigors?|shak\w*\s+(?:uncontrol\w*|all\s+over)|"
    r"(?<!/)(?:3[89]|4[0-2])(?:[.,]\d)?(?!\s*/\s*\d)\s*(?:c|degrees|°c?)?|(?<!/)10[1-5](?:[.,]\d)?(?!\s*/\s*\d)\s*(?:f|degrees)?"
)
INFECTION = (
    r"infection|uti|pneumonia|cellulitis|wound|cut|op|operation|surgery|c-?section|chemo\w*|cancer|catheter|stitches|"
    r"scratch|bite|abscess|boil|after\s+(?:the\s+)?birth|just\s+had\s+(?:a|the|my|her)\s+baby"
)
#: Meningitis signs, enough with a fever or on their own with a cue: a rash that does not fade, a stiff
#: neck, light that hurts.
MENINGITIS = (
    r"purple\s+(?:spots|rash|blotches)|non[\s-]?blanching|(?:rash|spots)\b(?:\s+[\w']+){0,5}\s+(?:not\s+fad\w*|doesn't\s+fade|don't\s+fade|won't\s+fade|didn't\s+fade|still\s+(?:there|see|visible))|"
    r"stiff\s+neck|neck\s+(?:is\s+)?stiff|light\s+hurts|hurts?\s+(?:the|his|her|my)\s+eyes|can't\s+(?:bear|stand|look\s+at)\s+(?:the\s+)?light"
)
#: Signs of shock or a failing body beside an infection: they count with a fever or an infection.
SHOCK = (
    r"confus\w*|drows\w*|not\s+making\s+sense|mottled|blotchy|marble\w*|purple|non[\s-]?blanching|"
    r"(?:rash|spots)\b(?:\s+[\w']+){0,5}\s+(?:not\s+fad\w*|doesn't\s+fade|don't\s+fade|won't\s+fade|didn't\s+fade|still\s+(?:there|see|visible))|"
    r"cold\s+(?:hands|feet|legs|skin)|(?:not|hasn't|haven't|no)\s+(?:been\s+)?(?:pee\w*|wee\w*|urin\w*)|breathing\s+(?:very\s+)?fast|"
    r"heart\s+(?:is\s+)?racing|stiff\s+neck|neck\s+(?:is\s+)?stiff|light\s+hurts|hurts?\s+(?:the|his|her|my)\s+eyes|"
    r"(?:red\s+)?(?:lines?|streaks?)\s+(?:going|spreading|running|up)|going\s+to\s+die|never\s+felt\s+(?:this|so)\s+(?:ill|bad|unwell)|"
    r"lips?\s+(?:are\s+|look\s+|looks\s+)?(?:grey|gray|blue)|uncontrol\w*|"
    # the circulation failing: low pressure, hardly any urine
    r"(?:bp|blood\s+pressure)\s+(?:is\s+|was\s+|very\s+|really\s+|so\s+|too\s+|dropp\w*\s+)*(?:low|dropp\w*|falling)|low\s+(?:bp|blood\s+pressure)|"
    r"(?:very\s+|so\s+|hardly\s+any\s+|barely\s+any\s+)?(?:less|little|no)\s+(?:urine|pee|wee)|(?:hardly|barely|not)\s+(?:peeing|weeing|passing\s+(?:urine|water))"
)

# the eye (round thirteen): a detaching retina and acute glaucoma said in lay words
EYE = r"eyes?|vision|sight|seeing|see"
#: A retina tearing: new floaters, flashes of light, a shadow or curtain across the sight.
FLOATERS = r"floaters?|flash\w*\s+of\s+light|flashes|flashing\s+lights?|sparks"
SIGHT_SHADOW = r"shadow|curtain|veil|dark\s+(?:patch|area|spot|edge)|grey\s+(?:patch|area)"
#: Acute glaucoma: halos round lights, with a painful red eye and vomiting.
HALOS = r"halos?|haloes|rainbows?\s+(?:a)?round"
SIGHT_WRONG = r"misty|blurr\w*|cloudy|foggy|hazy|dim|dark|double|gone|lost|losing"
EYE_COMPANION = r"sick|nause\w*|vomit\w*|throw\w*\s+up|threw\s+up|headache|red|bloodshot"

# carbon monoxide: an appliance or engine burning indoors, and the household unwell
CO_SOURCE = (
    r"(?:car|engine|generator|motor)\s+(?:was\s+|is\s+|left\s+)?running|exhaust|"
    r"(?:gas|paraffin|kerosene|old|oil)\s+(?:heater|fire|boiler|stove)|boiler|generator|charcoal|(?:bbq|barbecue)\s+(?:inside|indoors|in\s+the\s+tent)|fumes"
)
CO_SIGN = (
    r"headaches?|head\s+(?:is\s+)?(?:pounding|banging)|pounding|sleepy|drows\w*|dizzy|confus\w*|vomit\w*|sick|nause\w*|"
    r"all\s+(?:the\s+)?family|whole\s+family|(?:all|both)\s+of\s+us|everyone|everybody|all\s+family"
)

# head injury
HEAD_HIT = (
    r"(?:hit|hits|banged|bang|bashed|bash|knocked|knock|bumped|smacked|whacked|cracked|struck|landed\s+on|fell\s+on|fell\s+onto)\s+"
    r"(?:[\w']+\s+){0,4}(?:head|skull|forehead|hed)|head\s+(?:injury|knock|bump|first|on)|"
    r"(?:to|on|in|onto)\s+(?:the|his|her|my)\s+(?:head|skull)|(?:fell|fall\w*)\s+(?:[\w']+\s+){0,4}(?:head|skull)|"
    # round thirteen: the head's own wound after any blow ("his head is bleeding", "split his head open")
    r"(?:head|skull|forehead)\s+(?:is\s+|was\s+)?(?:bleed\w*|split\w*|gash\w*|cut\s+open|pouring)|split\s+(?:his|her|my|their)\s+head"
)
HEAD_BAD = (
    r"vomit\w*|being\s+sick|been\s+sick|throw\w*\s+up|threw\s+up|confus\w*|drows\w*|sleep\w*|"
    r"can't\s+(?:remember|wake|stay\s+awake|keep)|knocked\s+out|was\s+out|out\s+(?:cold|for)|blacked\s+out|unconscious|passed\s+out|"
    r"pupils?|double\s+vision|blurr\w*|spinning|dizzy|slurr\w*|fluid|liquid|clear\s+water|(?:from|out\s+of)\s+(?:the|his|her|my)\s+(?:ear|ears|nose)|(?:blood|bleed\w*)|fit(?:s|ted|ting)?|seizure|thinners|warfarin|"
    r"apixaban|rivaroxaban|lump|egg|headache\s+(?:getting\s+worse|worse)|not\s+making\s+sense|strange|weird|odd|"
    r"not\s+himself|not\s+herself|memory|forget\w*|no\s+helmet|same\s+questions?|repeat\w*|floppy"
)

# infants
INFANT_SIGN = (
    r"fever\w*|temperature|temp|hot|(?:3[89])(?:[.,]\d)?|floppy|limp|won't\s+(?:feed|wake|eat|drink)|not\s+(?:feed\w*|wak\w*|drink\w*)|"
    r"no\s+wet\s+(?:nappy|nappies|diaper)|grunt\w*|blue(?!\s+(?:inhalers?|pumps?|puffers?|badge))|pale|grey|mottled|bulg\w*|fontanelle|soft\s+spot|high[\s-]+pitch\w*|"
    r"sleepy|drows\w*|yellow|green\s+(?:vomit|sick)|vomit\w*\s+green|stop\w*\s+breath\w*|rash|breath\w*|fit(?:s|ted|ting)?|jerk\w*"
)

# diabetes
SUGAR = r"sugars?|glucose|bms?|hypo\w*|hyper\w*|ketones?|diabet\w*|insulin|meter|reading|libre|dexcom|cgm"
SUGAR_BAD = (
    r"low|dropp\w*|falling|won't\s+(?:come|go)\s+up|won't\s+rise|not\s+(?:coming|going)\s+up|keeps?\s+(?:dropp\w*|falling)|\blo\b|\bhi\b|"
    r"\b[0-3](?:[.,]\d)?\b|\b(?:[3-9]\d)(?:[.,]\d)?\b|ketones?|drows\w*|aggressive|sweat\w*|"
    # round thirteen: any word of the confusion class, as a hypo or a hyper shows itself
    rf"{CONFUSED}|"
    r"shaking|shaky|can't\s+(?:eat|swallow|drink)|won't\s+(?:eat|take|drink|swallow)|vomit\w*|throw\w*\s+up|breathing\s+(?:fast|deep)|"
    r"pear\s+drops|fruity|unconscious|not\s+answer\w*|strange|weird|sleeping|slurr\w*|fit(?:s|ted|ting)?"
)

# the belly
BELLY = r"stomach|stomack|stomache|tummy|belly|abdomen|abdominal|gut|guts|testicles?|testes|balls|groin|scrotum|privates|bump|side"
BELLY_BAD = (
    r"worst|severe\w*|agony|can't\s+(?:stand|walk|move|sit)|doubled\s+over|scream\w*|rigid|hard\b|board|vomit\w*|"
    r"throw\w*\s+up|fever|pale|faint\w*|sweat\w*|swollen|swelling|blood|green|very\s+strong|really\s+strong|sudden\w*|"
    r"can't\s+(?:pee|wee)|no\s+(?:poo|wind)|"
    # peritonism told by what hurts it: "hurts to cough or walk", "every bump in the car"
    r"hurts?\s+(?:to|when\s+(?:i|he|she|they)|if\s+(?:i|he|she|they))\s+(?:cough|walk|move|jump|laugh|sneeze|breathe)\w*|curled\s+up|bent\s+double|"
    r"can't\s+(?:get\s+comfortable|lie\s+still|keep\s+(?:anything|water)\s+down)|bloated|distended|(?:blown|swelled|swollen)\s+up|like\s+a\s+(?:balloon|drum|football)"
)
#: A bowel that has stopped: "no poo for 4 days", "not been to the toilet", "no wind".
OBSTRUCTION = (
    r"(?:no|not)\s+(?:poo\w*|stools?|bowel\s+movements?|wind|farts?)|(?:not|hasn't|haven't|hasnt)\s+(?:go|gone|been|went)\s+(?:to\s+)?(?:the\s+)?toilet|"
    r"can't\s+(?:poo|pass\s+wind)|"
    # round thirteen: the verb negated in any form ("haven't pooed or passed wind", "didn't pass gas")
    r"(?:haven't|hasn't|have\s+not|has\s+not|didn't|did\s+not|not|no|cannot|can\s+not)\s+(?:been\s+able\s+to\s+)?(?:pooed|pooped|poo|poop|farted|fart|"
    r"pass(?:ed)?\s+(?:wind|gas|a\s+stool|stools?|motions?)|had\s+a\s+(?:poo|bowel\s+movement|bm)|opened\s+(?:my|his|her|their)\s+bowels)"
)
#: A blocked bowel's vomit, brown and smelling of faeces (round twelve): near an emergency by itself.
FAECULENT_VOMIT = (
    r"(?:vomit\w*|throw\w*\s+up|sick|puk\w*|bring\w*\s+up)\s+(?:[\w']+\s+){0,3}?(?:brown\s+(?:[\w']+\s+)?(?:smelly|stinking|liquid|stuff|fluid)|smelly\s+brown|faecal|fecal|"
    r"(?:smells?|smelling|stinks?|stinking)\s+(?:like|of)\s+(?:poo|faeces|feces|sewage|a\s+toilet))"
)
BLACK_STOOL = r"(?:black|tarry|tar|tar-like|maroon)\s+(?:[\w']+\s+)?(?:poo\w*|stools?|motions?)|poo\w*\s+(?:[\w']+\s+)?(?:black|tar)"
RETENTION = (
    r"(?:can't|cannot|unable\s+to|not\s+able\s+to|haven't\s+been\s+able\s+to|hasn't\s+been\s+able\s+to|not\s+(?:been\s+)?able\s+to)\s+"
    r"(?:pee|wee|urinate|pass\s+(?:urine|water))|(?:hasn't|haven't|not)\s+(?:peed|weed|passed\s+urine)"
)
FAINTISH = r"faint\w*|dizzy|light\s*headed|pale|collaps\w*|pass\w*\s+out|sweat\w*|weak|grey|gray|ashen|clammy"

# injuries: an event with force, and what it did
INJURY_EVENT = (
    r"crash\w*|collision|(?:hit|knocked\s+(?:down|over|off))\s+by\s+(?:a|the)\s+(?:car|van|bus|truck|lorry|bike|train)|run\s+over|"
    # round thirteen: the vehicle as the subject ("a motorbike hit my cousin")
    r"(?:car|van|bus|truck|lorry|bike|motorbike|motorcycle|moped|scooter|train|tram|taxi|cyclist)\s+(?:hit|knocked\s+(?:down|over)|ran\s+over|ran\s+into|struck|smashed\s+into)|"
    r"(?:fell|fall\w*|came)\s+(?:off|from|down)\s+(?:a|the|his|her|my)?\s*(?:ladder|roof|horse|bike|motorbike|scaffold\w*|wall|tree|balcony|stairs|height|window|cliff)|"
    r"prang\w*|(?<!by\s)(?<!an\s)accident(?!al)|pile[\s-]?up|(?:fell|fallen|falls)\b|stab(?:bed|bing|s)?|shot|glassed|crushed|trapped|chainsaw|mower|assault\w*|beaten|attacked"
)
INJURY_BAD = (
    r"broken|break|broke|fractur\w*|bone|bleed\w*|blood|can't\s+(?:move|feel|stand|walk|get\s+up)|not\s+moving|isn't\s+moving|"
    r"unconscious|bent|deformed|twisted|deep|lying\s+in|neck|back|spine|stomach|chest|head|face|shortened|shorter|turned\s+out|rotated"
)

# mental health crisis: perception, belief, danger
PSYCHOSIS = (
    r"(?:says?|saying|said|shout\w*|scream\w*|thinks?|believes?|convinced)\s+(?:that\s+)?(?:(?:he's|she's|he\s+is|she\s+is|i'm)\s+(?:god|jesus|the\s+messiah|a\s+prophet|an?\s+angel|the\s+devil|a\s+saint|immortal|possessed|invincible|chosen|dead|being\s+(?:followed|watched|hunted))|"
    r"on\s+a\s+mission|there\s+(?:are|is)\s+(?:cameras|chips?|bugs?|microphones?|people|someone|snakes|insects|spiders)|(?:[\w']+\s+){0,4}(?:after|hunting)\s+(?:him|her|me))|"
    r"hearing\s+(?:voi[cs]es|things)|talk\w*\s+to\s+(?:the\s+)?(?:walls?|tv|telly)|acting\s+(?:[\w']+\s+)?(?:crazy|mad|bizarre|bizarrely)|"
    r"(?:want\w*|going|trying|coming)\s+to\s+(?:kill|hurt|get|poison)\s+(?:him|her|me|them)|voices\s+(?:in\s+(?:his|her|my)\s+head|telling)|seeing\s+things|"
    r"talk\w*\s+to\s+(?:people|someone|things)\s+(?:who|that)?\s*(?:are\s+not|aren't|isn't|not)\s+there|"
    r"messages?\s+from\s+the\s+(?:tv|telly|radio)|(?:thinks?|believes?|says?|convinced)\s+(?:[\w']+\s+){0,3}(?:poison\w*|follow\w*|watch\w*|spying|"
    r"after\s+(?:him|her|me)|trying\s+to\s+kill|coming\s+to\s+kill|chip|implant)|paranoi\w*|psychotic|psychosis|manic|mania|"
    r"fly\b|"
    # round twelve: the world speaking to one alone (the TV or radio sending messages, signs meant for me),
    # people hidden in the walls, being watched or followed, told as the writer's own experience
    r"(?:tv|telly|radio|television|phone|computer|news|songs?|adverts?)\s+(?:[\w']+\s+)?(?:is\s+|are\s+|keeps?\s+)?(?:sending|giving|talking\s+to|speaking\s+to|telling)\s+(?:me|him|her)\b|"
    r"hearing\s+(?:someone|somebody|people|a\s+voice|voices|a\s+man|a\s+woman)\s+(?:\w+\s+){0,2}(?:whisper\w*|talk\w*|call\w*|say\w*|shout\w*)|"
    r"(?:signs|messages|signals)\s+(?:meant\s+)?(?:for|to)\s+(?:me|him|her)\s+(?:only|alone)|"
    r"(?:people|someone|somebody|men|voices|things|cameras|eyes)\s+(?:are\s+|is\s+)?(?:in|inside|behind)\s+(?:the|my|our|his|her)\s+(?:walls?|ceiling|vents?|floor)|"
    r"(?:people|someone|somebody|they|men|neighbou?rs|police|government)\s+(?:are\s+|is\s+|keep\s+|keeps\s+)?(?:\w+\s+){0,2}(?:watching|following|spying\s+on|tracking|listening\s+to|reading)\s+(?:me|him|her|my\s+(?:mind|thoughts))\b(?!\s+(?:play|at\s+work|on\s+(?:the\s+)?(?:camera|monitor|tv)))"
)
#: Feeling unreal (derealisation, depersonalisation): with a strange belief or danger, a crisis.
UNREAL = (
    r"(?:don't|do\s+not|doesn't|does\s+not)\s+feel\s+real|nothing\s+(?:feels|is|seems)\s+real|(?:everything|it\s+all)\s+(?:feels|seems)\s+(?:unreal|fake)|"
    r"not\s+(?:in|inside)\s+my\s+(?:own\s+)?body|(?:am|i'm)\s+not\s+real|outside\s+my\s+(?:own\s+)?body"
)
#: Days without sleep: with a strange belief or danger, mania or psychosis.
NO_SLEEP = (
    r"(?:hasn't|not|hasnt|haven't|hadn't)\s+(?:been\s+)?slept?\s+(?:in|for)\s+(?:\d+|two|three|four|five|several|a\s+few|days)|no\s+sleep\s+(?:in|for)\s+days|awake\s+for\s+days|"
    # round twelve: nights counted, or days up
    r"(?:awake|up)\s+(?:for\s+)?(?:\d+|two|three|four|five|six|several|a\s+few)\s+(?:whole\s+)?(?:nights?|days?)(?:\s+(?:straight|now|in\s+a\s+row))?|"
    r"(?:no|zero)\s+sleep\s+(?:in|for)\s+(?:\d+|two|three|four|five|several|a\s+few)\s+(?:nights?|days?)|up\s+for\s+days"
)
DANGER = (
    r"knife|knives|weapon|gun|shotgun|smash\w*|violent|aggressive|threaten\w*|danger\w*|out\s+of\s+control|screaming|"
    r"jump\w*|window|hurt\s+(?:me|us|someone|somebody|the\s+kids|people|himself|herself)|locked|barricad\w*|cut\w*|stab(?:bed|bing|s)?|"
    r"running\s+around|streets?|shouting|hitting|naked|pyjamas|"
    r"trying\s+to\s+(?:leave|get\s+out)|wander\w*|not\s+eat\w*|not\s+sleep\w*|doesn't\s+know\s+(?:who|where)|"
    r"all\s+of\s+a\s+sudden|suddenly|sudden|do\s+(?:bad|terrible|evil)\s+things|(?:into|onto|on\s+to|to)\s+the\s+(?:motorway|road|traffic|tracks|railway)|into\s+traffic|kill\w*\s+(?:people|ppl|someone|somebody|everyone|everybody|them\s+all)|(?:hurt|punish)\s+(?:myself|me)"
)

#: Unconscious now: an emergency by itself in the here and now.
UNCONSCIOUS = (
    r"uncon\w+|unresponsive|not\s+respond\w*|won't\s+respond\w*|no\s+respond(?:ing)?\b|"
    # eyes open but nobody there: "eyes open but not looking", "staring and not answering"
    r"eyes\s+(?:are\s+|is\s+)?open\s+but\s+(?:not|no|nothing|doesn't|isn't|won't|can't)\b|"
    r"won't\s+wake|can't\s+wake\s+(?:him|her|them)|not\s+waking\s+up|"
    # round twelve: second-language "no" and "not" before a bare verb: "he no wake up", "she not wake"
    r"(?:he|she|they|baby|mum|mom|dad|papa|mama|mother|father|husband|wife|son|daughter|grandma|grandpa|granny|nan|uncle|aunt|brother|sister)\s+"
    r"(?:no|not|don't|doesn't)\s+(?:wake|waking|respond|answer)\b(?!\s+(?:up\s+)?(?:early|in\s+the\s+morning|for\s+school|until))"
)

# seizures: the movement, and what makes one an emergency
SEIZURE = (
    r"(?:body|whole\s+body|arms\s+and\s+legs)\s+(?:is\s+|are\s+)?(?:shak\w*|jerk\w*)|fit|fits|fitting|fitted|seizure\w*|seizing|convuls\w*|jerk\w*|twitch\w*\s+(?:all\s+over|everywhere|(?:his|her)\s+whole)|shaking\s+all\s+over|(?:went|gone|going)\s+(?:all\s+)?stiff|"
    r"eyes\s+(?:are\s+|is\s+|were\s+|keep\s+|keeps\s+|have\s+|had\s+)?(?:rolled|rolling|roll|going|gone)\s+(?:back|up)|foam\w*|frothing"
)
SEIZURE_BAD = (
    r"won't\s+stop|not\s+stopp\w*|still|(?:\d+|five|ten|several|few|couple\s+of)\s+(?:mins?|minutes)|not\s+wak\w*|won't\s+wake|"
    r"confus\w*|blue(?!\s+(?:inhalers?|pumps?|puffers?|badge))|grey|first|never\s+(?:had|happened)|hit\s+(?:his|her|my)\s+head|again|one\s+after|another|after\s+another|"
    r"not\s+(?:respond\w*|answer\w*|breath\w*)|doesn't\s+know|pregnant|floor|collaps\w*|stiff|foam\w*|froth\w*|shak\w*|fall|fell|"
    # round thirteen: a fit with a fever (a child's first febrile convulsion goes to hospital)
    r"hot|fever\w*|temperature|burning\s+up"
)

# collapse
COLLAPSE = (
    r"collaps\w*(?!\s+(?:on|onto|into|in)\s+(?:the\s+|my\s+)?(?:sofa|couch|bed|chair))|keeled\s+over|went\s+down|dropped|(?:fell|fall|fallen|falls)\s+(?:down|over)|on\s+the\s+floor|slumped|passed\s+out|"
    r"blacked\s+out|blacking\s+out|faint\w*|barely\s+(?:conscious|awake|breathing)|semi[\s-]?conscious|"
    r"not\s+fully\s+(?:conscious|awake)|drifting\s+in\s+and\s+out|in\s+and\s+out\s+of\s+consciousness"
)
COLLAPSE_BAD = (
    r"pale|grey|gray|blue(?!\s+(?:inhalers?|pumps?|puffers?|badge))|breath\w*\s+(?:[\w']+\s+)?(?:funny|strange|weird|odd|noisy)|no\s+(?:more\s+)?answer|not\s+answer\w*|not\s+breath\w*|won't\s+wake|not\s+respond\w*|unresponsive|"
    r"can't\s+(?:stand|get\s+up|talk|speak)|not\s+talk\w*|confus\w*|sweat\w*|chest|pulse|keeps|sudden\w*|again|weak|"
    r"breath\w*\s+(?:is\s+)?(?:really\s+|very\s+|so\s+)?(?:slow|shallow)|twice|cold"
)

# allergy: skin reaction with the airway or a trigger
REACTION = (
    r"hives|welts|swell\w*|swollen|puff\w*|rash|red\s+spots|blotch\w*|tingl\w*|"
    r"(?:lips?|tongue|face|eyes?|throat|mouth)\s+(?:[\w']+\s+){0,3}(?:enormous|huge|massive|big|fat|ballooned|blown\s+up|doubled)"
)
AIRWAY = (
    r"throat|tongue|lips?|swallow\w*|breath\w*|wheez\w*|voice|hoarse|tight|closing|can't\s+talk|floppy|faint\w*|pale|dizzy|"
    # round thirteen: stridor said as the sound it makes
    r"whistl\w*|stridor|squeak\w*|rasp\w*|croak\w*|noisy"
)
TRIGGER = (
    r"nuts?|peanuts?|prawns?|shellfish|fish|sesame|eggs?|milk|sting|stung|bee|wasp|bite|bitten|antibiotic\w*|"
    r"penicillin|injection|jab|tablet|medicine|ate|eaten|after\s+eat\w*"
)

# --- calm: what lowers a score -------------------------------------------------------------------

#: Mildness and reassurance anywhere in the message: "small blister", "a bit yellow", "healing", "fine".
MILD = (
    r"small|tiny|little(?!\s+(?:bro|brother|sis|sister|one|ones|boy|girl|man|lad|lass|guy|baby|son|daughter|kid|kids|cousin)\b)|slight\w*|minor|mild\w*|a\s+bit|a\s+touch|healing|healed|no\s+other\s+(?:symptoms|problems)|"
    r"(?<!not\s)(?<!isn't\s)(?<!wasn't\s)(?<!says\sshe's\s)(?<!says\she's\s)(?<!said\sshe's\s)(?<!said\she's\s)(?<!says\sit's\s)(?<!says\si'm\s)fine|nothing\s+serious|ok\s+to\s+leave|no\s+problems?|normal\s+otherwise|"
    r"wee\s+(?:lump|bump|cut|burn|bit|graze)|(?:good|better|settled|controlled|under\s+control)\s+now"
)
#: A request for routine care at a later time: the writer expects to wait ("can I book for next week").
LATER = (
    r"cancel\w*|next\s+week|this\s+week|tomorrow|any\s+(?:[\w']+\s+)?(?:appointments?|appts?|slots?)|when\s+(?:possible|you\s+can|you\s+have|there's)|at\s+some\s+point|"
    r"(?:book|get|have|make|want|need|like)\s+(?:[\w']+\s+){0,3}(?:appointment|appt|app|check\w*|review|referral|letter|cert\w*|sick\s+note|"
    r"fit\s+note|prescription|repeat|cream|test|scan|refill|blister\s+pack)|"
    r"(?:appointment|appt|test|scan|check\w*|review)\s+booked|(?:can|could|may)\s+(?:i|we|he|she)\s+(?:see|book|get|come|have|talk|discuss|chat|have\s+a\s+chat)|routine|i\s+want\s+(?:to\s+)?(?:see|appointment|doctor)|see\s+(?:a|the)\s+doctor\s+(?:this|next|tomorrow)"
)
#: Chronic, recurring or as before: "every month", "like before", "for years".
CHRONIC = (
    r"every\s+(?:month|time|week|year|day|period|cycle)|each\s+month|like\s+before|as\s+usual|same\s+as\s+(?:always|usual|before)|"
    r"for\s+(?:months|years|ages)|most\s+days|on\s+and\s+off|comes\s+and\s+goes|sometimes|now\s+and\s+then|whenever|"
    r"when\s+(?:it's|it\s+is|the\s+weather\s+is)\s+(?:hot|cold|warm|dry|humid)|in\s+(?:the\s+)?(?:heat|cold\s+weather|summer|winter)"
)
#: Time before today, without a cue of now: "yesterday", "last night", "a fortnight ago".
BEFORE_TODAY = r"(?<!since\s)yesterday|from\s+when|back\s+when|(?:19|20)\d\d|old\s+(?:injury|whiplash|fracture|break|wound|burn|scar)|years?\s+ago|last\s+(?:night|nite|week|weekend)|(?:\d+|two|three|few|couple\s+of)\s+days\s+ago|a\s+fortnight\s+ago|days\s+ago"

# pregnancy: pregnant now, and a sign of a problem or of labour
PREGNANT = r"pregnant|pregnent|preggo|expecting|(?:\d{1,2}|thirty\s+\w+|twenty\s+\w+)\s*(?:weeks?|wks?)\b(?!\s+(?:ago|old))|bump|in\s+labou?r|due\s+date|midwife"
PREGNANCY_SIGN = (
    r"waters?\s+(?:(?:has|have|is|are)\s+)?(?:broke\w*|going|gone|leaking|coming|went)|leak\w*|fluid|bleed\w*|blood|contractions?|tighten\w*|"
    r"pain\w*\s+every|every\s+(?:\d+|few|couple\s+of)\s+(?:mins?|minutes)|(?:head\s*ache|headache)|(?:head|hed)\s+(?:is\s+)?(?:pounding|banging|splitting|killing)|see\w*\s+stars|blurr\w*|vision|flashing|swollen|swelling|ballooned|"
    r"not\s+(?:felt|feel\w*)\s+(?:the\s+|my\s+)?(?:baby\s+)?mov\w*|(?:really\s+|very\s+)?quiet(?:er)?|hardly\s+any\s+(?:kicks|movements?)|less\s+(?:movement|kicking)|stopped\s+(?:moving|kicking)|(?:no|not)\s+mov\w*|(?:baby's|baby\s+is)\s+coming|cord|fit(?:s|ted|ting)?|seizure|"
    # a birth under way: the head showing, the urge to push
    r"head(?:'s|\s+is)?\s+(?:coming|out|showing|crowning)|crowning|(?:can|could)\s+see\s+(?:the\s+)?(?:baby's\s+)?head|(?:need\w*|urge|want\w*)\s+to\s+push|pushing"
)
