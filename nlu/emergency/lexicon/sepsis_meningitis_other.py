"""Sepsis, meningitis and other red flags: a rash that doesn't fade under a glass, fever with confusion
or a stiff neck, serious burns, head injuries, fractures, sudden severe abdominal or testicular
pain.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import FEVER, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        r"\b(?:sepsis|septic|septicaemia|septicemia|meningitis|meningococcal)\b"
        r"(?!\s+(?:[abcwy]\s+|acwy\s+)?(?:vaccines?|vaccinations?|jabs?|shots?|immuni[sz]ations?|boosters?|tank))"
    ),
    rf"\brash\b{g(50)}\b(?:doesn't|does\s+not|won't|didn't|isn't|not|don't)\s+(?:fade|go\s+white|blanch|go\s+away\s+(?:when|under|with)|disappear\s+(?:when|under|with))\b",
    r"\b(?:glass\s+test|tumbler\s+test|non[\s-]?blanching)\b",
    (
        rf"\b(?:spots|rash|marks|blotches|dots|bruis\w*)\b{g(50)}\b(?:doesn't|does\s+not|won't|didn't|isn't|not|don't)\s+"
        rf"(?:fade|go\s+white|blanch|go\s+away\s+(?:when|under|with)|disappear\s+(?:when|under|with))\b"
    ),
    (
        rf"\b(?:purple|dark\s+red|purplish)\s+(?:spots|rash|blotches|marks|dots)\b{g(60)}\b(?:fever|temperature|hot|unwell|sleepy|"
        rf"spreading|everywhere|won't\s+fade|drowsy|floppy|lethargic|confus\w*|vomit\w*)"
    ),
    rf"\b(?:{FEVER}|temp)\b{g(100)}\b(?:purple|dark\s+red|purplish)\s+(?:spots|rash|blotches|marks|dots)\b",
    (
        rf"\b(?:stiff\s+neck|neck\s+(?:is\s+)?(?:very\s+|really\s+|so\s+|too\s+)?(?:stiff|rigid)|can't\s+(?:bend|move)\s+(?:his|her|my)\s+neck|"
        rf"chin\s+to\s+(?:his|her|my)\s+chest)\b{g(60)}\b(?:{FEVER}|headache|light|rash|vomit\w*|sleepy|drowsy|confus\w*)"
    ),
    (
        rf"\b(?:{FEVER}|headache)\b{g(60)}\b(?:stiff\s+neck|neck\s+(?:is\s+)?(?:very\s+|really\s+|so\s+|too\s+)?(?:stiff|rigid)|(?:hurts|can't\s+stand)\s+(?:the\s+)?light|"
        rf"light\s+hurts)"
    ),
    r"\b(?:skin\s+(?:is\s+|looks\s+)?(?:mottled|blotchy\s+and|blue|grey|gray|ashen)|mottled|blotchy\s+(?:blue|purple))\b",
    (
        rf"\b{FEVER}\b{g(60)}\b(?:confus\w*|(?:not|isn't|wasn't)\s+making\s+sense|very\s+drowsy|hard\s+to\s+wake|can't\s+wake|won't\s+wake|"
        rf"shaking\s+uncontrollably|uncontrollable\s+shaking|shivering\s+(?:uncontrollably|violently)|rigors|floppy|limp|lethargic|hasn't\s+(?:peed|wee'?d|passed\s+urine)|"
        rf"no\s+(?:pee|urine|wee)|feel\s+like\s+i'm\s+dying|cold\s+(?:hands|feet)\s+and|slurr\w*|not\s+himself|not\s+herself)"
    ),
    rf"\b(?:confus\w*|(?:not|isn't|wasn't)\s+making\s+sense|very\s+drowsy|delirious)\b{g(60)}\b{FEVER}",
    rf"\b(?:{FEVER})\s+(?:of\s+|is\s+|at\s+|reading\s+|was\s+)?(?:4[0-3](?:[.,]\d)?\s*(?:c|°c|degrees)?|10[4-9](?:[.,]\d)?)\b",
    r"\b(?:feel|feels|feeling|think|thinks)\s+(?:like\s+)?(?:i'm|i\s+am|he's|she's|they're|i'll|we're)\s+(?:dying|going\s+to\s+die|gonna\s+die)\b",
    r"\b(?:severe|serious|bad|major|big|huge|large|deep)\s+burns?\b",
    (
        rf"\bburn\w*\b{g(40)}\b(?:face|whole\s+(?:arm|leg|hand|chest|back)|skin\s+(?:peeling|coming\s+off|is\s+white|black)|"
        rf"blister\w*\s+(?:all\s+over|everywhere|huge|big)|bigger\s+than|chemical|boiling|electric|charred|white\s+and\s+leathery)"
    ),
    (
        rf"\b(?:scald\w*|boiling\s+water|hot\s+oil|hot\s+water)\b{g(40)}\b(?:baby|toddler|child|son|daughter|face|chest|himself|"
        rf"herself|themselves|legs?|arms?|body|"
        rf"all\s+over|blister\w*|skin)"
    ),
    r"\b(?:electric\s+shock|electrocut\w*|hypothermi\w*|heat\s*stroke|frostbite)\b",
    # a scald or burn over a large area, said by where it is rather than by the word "burn":
    # "both legs are red raw and blistering" after a bath far too hot
    (
        r"\b(?:both|whole|entire|all\s+(?:of\s+)?(?:his|her|my|their|the))\s+(?:legs|arms|feet|hands|back|chest|tummy|belly|stomach|body|leg|arm|face)\b"
        rf"{g(40)}\b(?:blister\w*|red\s+raw|skin\s+(?:is\s+)?(?:peel\w*|coming\s+off))"
    ),
    (
        r"\b(?:blister\w*|red\s+raw|skin\s+(?:is\s+)?(?:peel\w*|coming\s+off))\b"
        rf"{g(40)}\b(?:both|whole|entire|all\s+(?:over\s+)?(?:his|her|my|their|the))\s+(?:legs|arms|feet|hands|back|chest|tummy|belly|stomach|body|leg|arm|face)\b"
    ),
    rf"\b(?:bath|shower|bathwater|kettle|pan|hot\s+drink)\b{g(60)}\b(?:too\s+hot|boiling|scald\w*)\b{g(60)}\b(?:blister\w*|red\s+raw|skin\s+(?:peel\w*|coming\s+off))",
    rf"\bskin\b{g(30)}\b(?:blotchy|mottled|ashen|grey|gray|blue)\b",
    rf"\b(?:very\s+cold|freezing\s+cold|shivering|frozen)\b{g(60)}\b(?:(?:not|isn't|wasn't)\s+making\s+sense|confus\w*|drowsy|slurr\w*|unresponsive)",
    (
        rf"\b(?:in\s+the\s+sun|heat(?:wave)?|sunstroke|too\s+hot|overheat\w*)\b{g(60)}\b(?:confus\w*|not\s+sweating|stopped\s+sweating|"
        rf"collaps\w*|fitting|(?:not|isn't|wasn't)\s+making\s+sense|unconscious)"
    ),
    (
        rf"\b(?:can't|cannot|won't|unable\s+to|not)\s+(?:keep|keeping)\s+(?:anything|water|fluids?|drinks?|milk|feeds?)\s+down\b{g(60)}"
        rf"\b(?:lethargic|drowsy|floppy|sleepy|no\s+wee|not\s+wee\w*|sunken|confus\w*|not\s+peed|hasn't\s+peed)"
    ),
    r"\b(?:crushed|mangled|trapped)\b[^.!?\n]{0,30}\b(?:machine|machinery|under\s+(?:a|the)\s+(?:car|tractor|wall))\b",
    rf"\b(?:gave|given|give|took|taken)\b{g(40)}\b\d+(?:[.,]\d+)?\s*(?:ml|mg|tablets?|spoons?)\b{g(20)}\binstead\s+of\b",
    r"\b(?:bone|bones)\s+(?:is\s+|are\s+)?(?:sticking|poking|coming)\s+(?:out|through)\b",
    r"\b(?:arm|leg|ankle|wrist|finger)\s+(?:is\s+)?(?:bent|pointing|facing)\s+(?:the\s+)?wrong\s+way\b",
    r"\b(?:head\s+injury|head\s+wound|fractured\s+skull|skull\s+fracture)\b",
    r"\b(?:bleed\w*|blood|clear\s+fluid|fluid)\s+(?:from|out\s+of|coming\s+out\s+of|coming\s+from)\s+(?:his|her|my|their|the)\s+ears?\b",
    (
        r"\b(?:sudden|severe|excruciating|unbearable|worst|agonising|agonizing|terrible|really\s+bad)\s+(?:abdominal|stomach|"
        r"tummy|belly)\s+pain\b"
    ),
    (
        rf"\b(?:abdominal|stomach|belly)\s+pain\b{g(30)}\b(?:can't\s+(?:stand|move|walk|straighten)|doubled\s+over|rigid|"
        rf"hard\s+as\s+a\s+board|vomiting\s+blood|passing\s+out|agony|unbearable|worst)"
    ),
    (
        rf"\b(?:testicle|testicles|testicular|ball|balls)\b{g(30)}\b(?:sudden|severe|agony|really\s+bad|swollen\s+and|twisted|"
        rf"(?:really|very|so|extremely)\s+(?:painful|sore))"
    ),
    rf"\b(?:sudden|severe|agoni[sz]ing|excruciating|unbearable|really\s+bad)\b{g(20)}\b(?:testicles?|testicular|balls?|scrotum)\b",
    rf"\b(?:black|tarry|blood(?:y)?)\s+(?:tarry\s+)?(?:poo|stool|stools|poop)\b{g(40)}\b(?:dizzy|faint\w*|a\s+lot|lots|weak)",
    r"\b(?:numb|no\s+feeling)\b[^.!?\n]{0,30}\b(?:between\s+(?:my|his|her)\s+legs|groin|saddle|bum|buttocks)\b",
    r"\b(?:can't|cannot|unable\s+to)\s+(?:feel|move)\s+(?:my|his|her|both)\s+(?:legs|feet)\b",
    rf"\b(?:chemicals?|bleach|acid|cleaner|oven\s+cleaner|lime|cement|ammonia)\b{g(60)}\b(?:in|into)\s+(?:my|his|her|their|the)\s+eyes?\b",
    rf"\b(?:chemicals?|bleach|acid)\b{g(30)}\beyes?\b",
    (
        r"\b(?:hit|struck|knocked|bang\w*|bump\w*|fell|fall|fallen|landed|smashed)\b[^.!?\n]{0,40}\bhead\b[^.!?\n]{0,80}"
        r"\b(?:vomit\w*|being\s+sick|been\s+sick|drowsy|sleepy|confus\w*|seiz\w*|fit|pupils|blood\s+from\s+(?:ear|nose)|"
        r"clear\s+fluid|(?:not|isn't|wasn't)\s+making\s+sense|can't\s+remember|unconscious|knocked\s+out)"
    ),
    (
        r"\b(?:sudden|severe|excruciating|unbearable|worst|agoni[sz]ing|terrible|really\s+bad)\s+(?:\w+\s+)?pain\s+in\s+"
        r"(?:my|his|her|the|their)\s+(?:stomach|abdomen|belly|tummy)\b"
    ),
    r"\b(?:stomach|abdomen|belly|tummy)\b[^.!?\n]{0,20}\b(?:hard|stiff)\s+(?:like|as)\s+(?:a\s+)?(?:board|rock|wood)\b",
    r"\b(?:badly|severely|really\s+badly|seriously)\s+burn\w*|\bburn\w*\s+(?:really\s+|very\s+)?badly\b",
    (
        r"\b(?:burning\s+hot|burning\s+up|fever\w*|high\s+temp\w*|temperature|shivering|shaking|rigors)\b[^.!?\n]{0,80}"
        r"\b(?:breathing\s+(?:fast|quickly|rapidly|really\s+fast)|fast\s+breathing|confus\w*|mottled|(?:not|isn't|wasn't)\s+making\s+sense)\b"
        r"(?=[^.!?\n]*\b(?:confus\w*|breathing|operation|surgery|wound|infection|shiver\w*|drowsy))"
    ),
    r"\b(?:strange|weird|funny|odd|wrong|awkward|unnatural)\s+angle\b",
    rf"\b(?:leg|arm|foot|hand|toes|fingers)\b{g(40)}\b(?:cold\s+and\s+(?:white|blue|pale|numb)|(?:white|blue|pale)\s+and\s+cold)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\b(?:rash|stiff\s+neck|burn\w*(?!\s+(?:when|as|while|after)\s+(?:i|he|she|they|you)\s+(?:pee|wee|urinate|go\s+to\s+the\s+(?:toilet|loo)|eat|swallow))|scald\w*|mottled)\b",
    r"\b(?:stomach|abdominal)\s+pain\b",
]

#: Round two: non-blanching spots, burns that blister, sudden testicular pain, fever after chemo,
#: hypothermia in the elderly, and not being able to pass urine.
RED_FLAGS += [
    rf"\b(?:spots|rash|marks|dots)\b{g(50)}\b(?:stay|stays|don't\s+(?:go|fade)|doesn't\s+(?:go|fade)|won't\s+(?:go|fade)|not\s+(?:go|fad)\w*)\b{g(30)}\b(?:press\w*|glass)\b",
    rf"\b(?:burn\w*|burnt|scald\w*|boiling|steam|hot\s+(?:oil|water|fat|tea|coffee)|chip\s+pan)\b{g(60)}\b(?<!no\s)(?<!any\s)(?<!small\s)(?<!tiny\s)(?<!little\s)(?<!one\s)(?:blister\w*|skin\s+(?:peel\w*|coming\s+off|white|black|charred))\b",
    r"\b(?:big|large|huge|massive|lots\s+of)\s+blisters\b",
    # Confusion with a fever or shivers: the sepsis sign carers most often describe.
    rf"\b(?:confus\w*|not\s+making\s+sense|delirious|doesn't\s+know\s+where)\b{g(30)}\b(?:hot|burning\s+up|shiver\w*|shaking|rigors|feverish|fever)\b",
    rf"\b(?:fever\w*|shiver\w*|rigors|burning\s+up)\b{g(30)}\b(?:confus\w*|not\s+making\s+sense|delirious|doesn't\s+know\s+where)\b",
    rf"\b(?:glass|tumbler)\b{g(50)}\b(?:don't|doesn't|didn't|not|won't|still|stay|stays)\s*(?:go|fade|disappear|vanish|there|away)?\b",
    rf"\b(?:don't|doesn't|didn't|won't|not)\s+(?:go|fade|disappear|vanish)\w*\b{g(40)}\b(?:glass|tumbler|press\w*)\b",
    rf"\b(?:spots|rash|marks|dots)\b{g(30)}\b(?:look\w*\s+like|like)\s+(?:bruises|bruising|pin\s*pricks|blood\s+spots)\b",
    r"\b(?:pan|pot|kettle)\s+of\s+(?:boiling|hot)\b",
    (
        rf"\b(?:testicles?|scrotum|testis|(?:pain|hurt\w*|kicked)\s+in\s+(?:the|my|his)\s+(?:balls?|eggs?|nuts))\b{g(40)}\b(?<!not\s)(?<!no\s)(?:sudden\w*|severe|very\s+strong|strong|swollen|vomit\w*|agony)\b"
        rf"|\b(?:sudden\w*|severe|very\s+strong|strong)\b{g(20)}\bpain\s+in\s+(?:the|his|my)\s+(?:testicles?|balls?|eggs?|scrotum)\b"
    ),
    rf"\b(?:chemo\w*|chemotherapy|neutropen\w*|immunosuppress\w*|transplant|on\s+steroids)\b{g(80)}\b(?:{FEVER}|shiver\w*|rigors|shaking)\b",
    rf"\b(?:freezing|frozen|ice\s+cold|very\s+cold|so\s+cold|hypotherm\w*)\b{g(60)}\b(?:slow|confus\w*|barely|drowsy|can't\s+(?:talk|speak|move)|not\s+making\s+sense|blue)\b",
    r"\b(?:can't|cannot|unable\s+to|not\s+able\s+to)\s+(?:pass|do)\s+(?:any\s+)?(?:urine|wee|pee|water)\b",
]

#: Round three: a surgical wound hot and red with a fever or rigors, an electrical burn, and
#: tummy pain that moved to the lower right and is now severe with a fever or vomiting.
RED_FLAGS += [
    (
        r"\b(?:wound|incision|stitches|operation\s+site|surgery\s+site|scar)\b[^\n]{0,50}\b(?:hot|red|pus|oozing|swollen|smell\w*)\b[^\n]{0,90}"
        r"\b(?:fever\w*|shaking|shivering|rigors|temperature|going\s+to\s+die|confus\w*)\b"
    ),
    r"\belectric\w*\s+(?:burn|shock)\b|\b(?:shock|burn)\s+(?:from|off)\s+(?:the\s+|a\s+)?(?:fuse\s*box|mains|socket|power\s+line|cable|wire)\b",
    (
        r"\b(?:moved|moving|gone|shifted|spread|travelled)\s+(?:down\s+)?(?:to|into)\s+(?:the\s+|my\s+)?(?:right|lower\s+right|bottom\s+right|right\s+side)\b"
        r"[^\n]{0,80}\b(?:severe|fever|sick|vomit\w*|can't\s+(?:stand|walk|move))"
    ),
]

#: Round three: a purple or blotchy rash with cold hands and feet, the early sepsis picture in a child.
RED_FLAGS += [
    (
        r"\b(?:purple|blotchy|mottled|dark\s+red)\s+(?:\w+\s+)?(?:rash|spots|blotches|skin)\b[^\n]{0,60}\bcold\s+(?:hands\s+and\s+feet|hands|feet)\b"
        r"|\bcold\s+(?:hands\s+and\s+feet|hands|feet)\b[^\n]{0,60}\b(?:purple|blotchy|mottled)\s+(?:\w+\s+)?(?:rash|spots|blotches|skin)\b"
    ),
]

#: Round four: smoke or fumes breathed in, a live wire touched, a bowel that has stopped (vomiting with
#: no wind passed), and fever soon after chemotherapy.
RED_FLAGS += [
    r"\b(?:breathed\s+in|inhaled|inhaling|breathing\s+in|swallowed)\s+(?:a\s+lot\s+of\s+|lots\s+of\s+|loads\s+of\s+|some\s+|the\s+|too\s+much\s+)?(?:smoke|fumes|toxic\s+gas)\b",
    r"\bcough\w*\s+(?:up\s+)?(?:black|soot\w*|sooty)\b",
    r"\b(?:house|flat|kitchen|building)\s+fire\b[^\n]{0,80}\b(?:cough\w*|breath\w*|smoke|burn\w*|drowsy|confus\w*)\b",
    r"\btouch\w*\s+(?:an?\s+|the\s+)?(?:electric|live|bare|exposed|mains)\s+(?:wire|cable|socket|fence)\b",
    r"\b(?:got|had|get|gets|took|taken)\s+(?:an?\s+|a\s+big\s+|a\s+bad\s+)?(?:electric\s+)?shock\b[^\n]{0,60}\b(?:confus\w*|burn\w*|unconscious|collaps\w*|heart|chest)\b",
    (
        r"\b(?:vomit\w*|being\s+sick|throwing\s+up|swollen|bloated|distended)\b[^\n]{0,100}\b(?:haven't|hasn't|have\s+not|has\s+not|not|can't|no|unable\s+to)\s+"
        r"(?:passed|pass|been\s+able\s+to\s+pass|farted|been\s+to\s+the\s+toilet)\s+(?:any\s+)?(?:wind|gas|stool|a\s+stool|poo|a\s+poo|anything)?\b"
    ),
    (
        r"\b(?:vomit\w*|being\s+sick|throwing\s+up|swollen|bloated|distended)\b[^\n]{0,100}\bno\s+(?:wind|gas|poo|stool|stools|bowel\s+movement)\s+(?:has\s+|have\s+)?"
        r"(?:passed|come|been|since|for)\b"
    ),
    r"\b(?:chemo\w*|chemotherapy)\b[^\n]{0,40}\b(?:and|now)\b[^\n]{0,20}\b(?:temperature|temp|fever)\b[^.!?\n]{0,20}\b3[89](?:[.,]\d)?\b",
]

#: Round four: a belly gone rock hard or rigid.
RED_FLAGS += [
    r"\b(?:stomach|stomach's|abdomen|belly|tummy)\b[^.!?\n]{0,20}\b(?:rock\s+hard|hard\s+as\s+(?:a\s+)?(?:rock|board|stone)|rigid|board[\s-]like|solid\s+as)\b",
]

#: Round four, more voices: no urine all day with shivers or a racing heart (sepsis), a testicle
#: getting worse with vomiting, and someone very cold who is mumbling or sleepy.
RED_FLAGS += [
    (
        r"\b(?:haven't|hasn't|have\s+not|has\s+not|not|no)\s+(?:had\s+an?\s+|done\s+an?\s+|passed\s+(?:any\s+)?)?(?:wee|pee|urine|water|weed|peed|wee'?d)\w*\s+"
        r"(?:all\s+day|since\s+(?:this\s+morning|last\s+night|yesterday)|for\s+(?:\d+|twelve|eighteen|twenty\w*)\s+hours|in\s+(?:\d+|twelve|eighteen)\s+hours)\b"
        r"(?=[^\n]{0,120}\b(?:shiver\w*|rigors|fever\w*|temperature|racing|pounding|confus\w*|infection|uti|cold\s+hands|mottled|clammy)\b)"
    ),
    (
        r"\b(?:shiver\w*|rigors|fever\w*|temperature|racing|pounding|confus\w*|infection|uti|mottled|clammy)\b[^\n]{0,120}"
        r"\b(?:haven't|hasn't|have\s+not|has\s+not|not|no)\s+(?:had\s+an?\s+|done\s+an?\s+|passed\s+(?:any\s+)?)?(?:wee|pee|urine|water|weed|peed)\w*\s+"
        r"(?:all\s+day|since\s+(?:this\s+morning|last\s+night|yesterday)|for\s+(?:\d+|twelve|eighteen|twenty\w*)\s+hours)\b"
    ),
    r"\b(?:testic\w*|scrot\w*|balls?|(?:his|my)\s+privates|private\s+parts|(?:his|my)\s+crotch)\b[^\n]{0,80}\b(?:getting\s+worse|worse\s+and\s+worse|vomit\w*|being\s+sick|throwing\s+up)\b",
    r"\b(?:very\s+cold|freezing|frozen|ice\s+cold|so\s+cold|out\s+in\s+the\s+(?:snow|cold))\b[^.!?\n]{0,60}\b(?:mumbl\w*|stumbl\w*|very\s+sleepy|sleepy|not\s+shivering|stopped\s+shivering)\b",
]

#: Round four, more voices: a blow to the belly followed by a hard belly, pallor or vomiting, and a
#: child found under water.
RED_FLAGS += [
    (
        r"\b(?:kicked|hit|punched|struck|crushed|run\s+over|landed|fell\s+(?:on|onto)|handlebars?)\b[^.!?\n]{0,40}\b(?:stomach|abdomen|belly|tummy|ribs|side)\b"
        r"[^\n]{0,60}\b(?:(?:is|feels|gone|going|has\s+gone)\s+(?:very\s+|really\s+|all\s+)?(?:hard|rigid|swollen|tight)|pale|grey|vomit\w*|being\s+sick|faint\w*|blood|dizzy)\b"
    ),
    (
        r"\b(?:was|been|went|got|found|slipped|fell)\s+(?:face\s+down\s+)?(?:under\s+(?:the\s+)?water|underwater)\b"
        r"|\bface\s+down\s+in\s+(?:the\s+)?(?:bath|pool|water|pond|river|sea|paddling\s+pool)\b"
    ),
]

#: Round five: a broken bone that shows (a limb bent the wrong way, bone through the skin), which the
#: guidance sends to A&E now.
RED_FLAGS += [
    (
        r"\b(?:arm|leg|wrist|ankle|elbow|knee|finger|shin|bone)\b[^.!?\n]{0,30}\b(?:bent|twisted|pointing|sticking|facing)\s+(?:in\s+|at\s+)?(?:a\s+|the\s+)?"
        r"(?:strange|weird|wrong|funny|odd|unnatural)\s+(?:shape|way|direction|angle)\b"
        # an old injury that healed crooked is for a referral
        r"(?![^.!?\n]{0,40}\b(?:old|years?|months|since\s+(?:birth|childhood|i\s+was)|always|ages))"
    ),
    r"\bbone\s+(?:is\s+)?(?:sticking|poking|coming)\s+(?:out|through)\b",
]

#: Round six: burns by their size, place or cause (a whole arm, both legs, the hands or face of a
#: child, a chemical turning the skin white, clothes on fire, smoke breathed in).
RED_FLAGS += [
    rf"\b(?:whole|entire|both)\s+(?:arm|arms|leg|legs|back|chest|hand|hands|thigh|thighs|face|side|belly|tummy)\b{g(40)}\b(?:burn\w*|blister\w*|peel\w*|scald\w*)",
    rf"\b(?:burn\w*|scald\w*|blister\w*)\b{g(40)}\b(?:whole|entire|both)\s+(?:arm|arms|leg|legs|back|chest|hand|hands|thigh|thighs|face|side)\b",
    rf"\b(?:back|chest|body)\s+is\s+burn\w*\b|\bburn\w*\b{g(20)}\b(?:very\s+big|huge\s+area|big\s+area|large\s+area)\b|\b(?:big|large|huge)\s+area\b{g(40)}\bburn\w*",
    rf"\b(?:acid(?!\s+(?:reflux|indigestion|stomach))|battery\s+acid|bleach|caustic|lye|chemical|drain\s+cleaner|oven\s+cleaner)\b{g(40)}\b(?:burn\w*|white|blister\w*|skin\s+(?:peel\w*|coming))",
    r"\b(?:clothes|dress|shirt|hair|sleeve|nightie|pyjamas)\s+(?:caught|catch|catches|went\s+up\s+in)\s+(?:on\s+)?(?:fire|flames?)\b|\b(?:fire|flames?)\s+(?:caught|catch|catches)\s+(?:his|her|my|their)\s+(?:clothes|dress|shirt|hair|sleeve)\b",
    rf"\b(?:smoke|fumes)\b{g(40)}\b(?:hoarse|black\s+(?:in|around)|soot|sooty|singed)\b",
    r"\b(?:palm|palms|hand|hands|fingers|face)\b(?:'s)?\s+(?:is\s+|are\s+)?(?:all\s+)?blister\w*",
    rf"\b(?:big|huge|large)\s+blisters?\b{g(30)}\b(?:palm|hand|fingers|face)\b",
    rf"\b(?:hot\s+tar|tar|molten|hot\s+metal|hot\s+fat|hot\s+oil)\b{g(40)}\b(?:legs?|arms?|face|hands?|body|skin|burn\w*)\b",
]

#: Round seven: sepsis as families describe it (NICE NG51 red flags): a fever or shivering with a mind
#: gone wrong in lay words ("gone very vague", "not talking right", "doesn't know where she is"),
#: feeling ill as never before beside a sign, an infection spreading fast or red streaks climbing a
#: limb with a fever, skin gone patchy or marbled in someone ill, a fever or rigors after an operation,
#: a birth or a miscarriage, and two signs of shock in someone with a known infection.
_HOT = rf"(?:{FEVER}|feverish|temp|roasting(?:\s+hot)?|boiling(?:\s+hot)?|shiver\w*|rigou?rs|chills|(?:cold|freezing)\s+and\s+shak\w*|shak\w*\s+(?:all\s+over|uncontrollably|violently|like\s+a\s+leaf))"
_MIND = (
    r"(?:vague|not\s+with\s+it|not\s+all\s+there|away\s+with\s+the\s+fairies|(?:not|isn't|wasn't)\s+talking\s+(?:good|right|properly|sense|normal\w*)|"
    r"talking\s+(?:funny|strange\w*|rubbish|nonsense|gibberish|weird)|(?:doesn't|does\s+not|don't|not|didn't|no)\s+know\w*\s+(?:where|who|what\s+day)|"
    r"muddled|confus\w*|delirious|disorient\w*|not\s+(?:himself|herself)|(?:can|could)\s+(?:barely|hardly)\s+(?:stand|speak|talk)|can't\s+stand\s+up|"
    r"(?:feel\w*|going|gone)\s+(?:very\s+|really\s+)?faint|floppy|drowsy)"
)
_SHOCK = (
    r"(?:shak\w*|shiver\w*|(?:heart|pulse)\s+(?:is\s+)?(?:racing|pounding|very\s+fast|going\s+(?:fast|like\s+mad))|clammy|cold\s+and|faint\w*|confus\w*|"
    r"(?:blood\s+)?pressure\s+(?:is\s+)?(?:very\s+|really\s+|so\s+)?(?:low|dropp\w*)|breathless|breathing\s+(?:fast|quick\w*)|mottled|patchy|pale)"
)
_INFECTION = (
    r"(?:(?:urine|urinary|water|bladder|kidney|chest|wound|skin|leg|foot|tooth|dental|gum)\s+infection|uti|pneumonia|cellulitis|infected|abscess|"
    r"cut|wound|bite|operation|surgery|procedure|chemo\w*)"
)
RED_FLAGS += [
    rf"\b{_HOT}\b{g(80)}\b{_MIND}",
    rf"\b{_MIND}\b{g(80)}\b{_HOT}\b",
    (
        r"\b(?:never\s+(?:felt|been)\s+(?:this|so|as)\s+(?:ill|sick|unwell|bad)|(?:most|sickest|worst)\s+(?:ill\s+)?i've\s+ever\s+(?:felt|been))\b"
        rf"{g(100)}\b(?:{_HOT}|{_SHOCK}|vomit\w*|(?:can|could)\s+(?:barely|hardly)\s+stand)"
    ),
    rf"\b(?:red\s+)?(?:streaks?|lines?|tracks?)\s+(?:\w+\s+){{0,2}}?(?:going|spreading|running|tracking|moving|creeping|coming)\s+up\b{g(100)}\b{_HOT}",
    rf"\b{_HOT}\b{g(100)}\b(?:red\s+)?(?:streaks?|lines?)\s+(?:\w+\s+){{0,2}}?(?:going|spreading|running|tracking|moving|creeping|coming)\s+up\b",
    (
        rf"\b(?:infection|redness|swelling|cellulitis|red\s+area|red\s+patch)\s+(?:is\s+|has\s+been\s+)?spreading\b{g(40)}\b(?:fast|quick\w*|rapid\w*|by\s+the\s+hour|very\s+quick)\b"
        rf"{g(80)}\b(?:{_SHOCK}|{_MIND}|{_HOT})"
    ),
    rf"\bskin\b{g(40)}\b(?:patchy|marbled|lacy|mottled|blotchy)\b(?=[^\n]{{0,150}}\b(?:ill|shiver\w*|vomit\w*|fever\w*|temp\w*|stand|faint|confus\w*)\b)",
    rf"\b(?:ill|shiver\w*|vomit\w*|fever\w*|faint)\b{g(100)}\bskin\b{g(40)}\b(?:patchy|marbled|lacy)\b",
    (
        r"\b(?:after|since)\s+(?:my|the|her|his|their|a)\s+(?:\w+\s+)?(?:procedure|operation|op|surgery|miscarriage|c-?section|caesarean|birth|delivery|d\s*(?:&|and)\s*c|erpc|termination|biopsy)\b"
        rf"{g(100)}\b{_HOT}\b{g(80)}\b(?:{_SHOCK}|{_MIND}|smell\w*|discharge|pus|vomit\w*)"
    ),
    # the infection may be told in the next sentence: "I'm cold and shaking. I had a water infection on Monday."
    rf"\b{_INFECTION}\b[^\n]{{0,150}}\b{_SHOCK}\b{g(60)}\b{_SHOCK}",
    rf"\b{_SHOCK}\b{g(60)}\b{_SHOCK}\b[^\n]{{0,150}}\b{_INFECTION}\b",
    rf"\b{_HOT}\b{g(80)}\b(?:blood\s+)?pressure\s+(?:is\s+)?(?:very\s+|really\s+|so\s+)?(?:low|dropp\w*)|\b(?:blood\s+)?pressure\s+(?:is\s+)?(?:very\s+|really\s+|so\s+)?(?:low|dropp\w*)\b{g(80)}\b{_HOT}",
]

#: Round seven: a burn told by what it did to the skin in any grammar ("the skin come off", "skin is
#: white", "big blister", "really deep") after a hot thing, a flame or a chemical.
_HOT_THING = (
    r"(?:burn\w*|burnt|scald\w*|boiling|hot\s+(?:soup|water|oil|tea|coffee|pan|pot|iron|oven|stove|plate|milk|fat|kettle|tray|grill|liquid)|"
    r"iron|oven|stove|hob|heater|radiator|fire|flames?|kettle|pan|chemical|acid)"
)
RED_FLAGS += [
    (
        rf"\b{_HOT_THING}\b{g(60)}\bskin\s+(?:(?:on|of)\s+(?:his|her|my|the|their)\s+\w+\s+)?(?:is\s+|was\s+|has\s+|have\s+|gone\s+|went\s+|turn\w*\s+|look\w*\s+)?(?:(?:come|came|coming|peel\w*|fall\w*|fell|slid\w*|hang\w*)\s+off|"
        r"(?:all\s+)?(?:white|black|charred|leathery|waxy|grey|gray))"
    ),
    rf"\b{_HOT_THING}\b{g(60)}\b(?:big|huge|large|massive|giant)\s+blisters?\b",
    rf"\bburn\w*\b{g(30)}\b(?:deep|to\s+the\s+bone)\b|\bdeep\s+burns?\b",
]

#: Round seven: a bladder that will not empty (urinary retention), beside this module's urine rules.
RED_FLAGS += [
    # urinary retention: no urine for hours, a bladder fit to burst
    (
        r"\b(?:can't|cannot|can\s+not|couldn't|haven't\s+been\s+able\s+to|unable\s+to|not\s+able\s+to|no\s+able\s+to)\s+(?:pee|wee|urinate|pass\s+(?:urine|water)|go\s+to\s+the\s+toilet)\b"
        r"(?=[^.!?\n]{0,40}\b(?:at\s+all|for\s+(?:\d+|hours|a\s+day|the\s+whole|since)|since|hours|all\s+day|burst\w*)\b)"
    ),
    r"\bbladder\b[^.!?\n]{0,40}\b(?:burst\w*|explod\w*|going\s+to\s+pop)\b",
]
