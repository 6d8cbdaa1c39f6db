"""Heavy bleeding and deep wounds: bleeding that won't stop, blood everywhere, coughing or vomiting
blood, cuts you can see inside.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        rf"\b(?:nose)?bleed\w*\b{g(30)}\b(?:heavily|heavy|a\s+lot|lots|badly|everywhere|won't\s+stop|will\s+not\s+stop|not\s+stopping|"
        rf"nonstop|non-stop|won't\s+clot|through|really\s+bad|so\s+much|profusely|like\s+crazy|can't\s+stop|doesn't\s+stop|"
        rf"pouring|gushing|spurting|squirting|pumping|so\s+bad|very\s+bad|bad(?!\s+(?:breath|taste|smell))|out|getting\s+heavier|heavier\s+and\s+heavier)\b"
    ),
    (
        r"\b(?:heavy|heavily|severe|severely|uncontrolled|uncontrollable|massive|serious|major|profuse|profusely|lots\s+of|"
        r"bad|badly|really\s+bad)\s+bleed\w*\b"
    ),
    (
        r"\b(?:won't|will\s+not|can't\s+get\s+(?:it|him|her)\s+to|doesn't|not|hasn't|isn't|haven't|can't|cannot)\s+"
        r"(?:stop|stopped|stopping)\s+(?:the\s+)?(?:bleed\w*|blood)\b"
    ),
    r"\b(?:lots|lot|pool|so\s+much|loads|puddle|cup|bucket|tons?|litres?|liters?|alot|plenty|heaps)\s+of\s+blood\b",
    r"\b(?:so\s+much|too\s+much|loads|tons)\s+(?:of\s+)?blood\b",
    (
        rf"\bblood\b(?!\s+(?:sugar|sugars|glucose|pressure|test|tests|levels?|results?|count))(?:{g(20)})\b(?:everywhere|gushing|pouring|spurting|squirting|pumping|won't\s+stop|all\s+over(?!\s+the\s+place)|not\s+stopping|"
        rf"coming\s+out|through\s+the)\b"
    ),
    rf"\b(?:gushing|pouring|spurting|squirting|pumping)\b{g(15)}\bblood\b",
    (
        rf"\b(?:cough\w*|vomit\w*|throw\w*|threw|spit\w*|spat|puk\w*|bring\w*|brought)\s+(?:up\s+)?{g(30)}\b(?:blood|clots)\b"
        r"(?!\s+(?:test|pressure|sugar))"
    ),
    (
        rf"\b(?:nose)?bleed\w*\b{g(60)}\b(?:(?:blood\s+)?thinners?|warfarin|apixaban|rivaroxaban|anticoagul\w*|"
        rf"(?<!after\s)(?<!within\s)(?<!in\s)(?<!about\s)(?:\d+|twenty|thirty|forty|fifty)\s+(?:minutes|mins)|(?<!after\s)(?<!within\s)(?<!in\s)an\s+hour|hours)\b(?!\s+ago)"
    ),
    rf"\b(?:cut|wound|gash|bleed\w*|slashed|sliced)\b{g(40)}\b(?:spurting|pumping|squirting|gushing|pouring)\b",
    r"\bblood\s+in\s+(?:his|her|my|the)\s+(?:vomit|sick)\b",
    r"\bbleeding\s+out\b",
    (
        rf"\bblood\s+(?:in|from)\s+(?:his|her|my|the|their)\s+(?:poo|poop|stool|stools|bum|back\s+passage|urine|wee|pee)\b{g(40)}"
        rf"\b(?:lots|a\s+lot|loads|so\s+much|dizzy|faint\w*|pale|weak|clots|pouring|won't\s+stop)"
    ),
    r"\bsoak\w*\s+(?:through|thru)\b",
    rf"\bsoak\w*\b{g(20)}\b(?:pads?|towels?|bandages?|tea\s+towels?)\b",
    r"\b(?:deep|huge|big|large|gaping|long|bad|nasty|serious)\s+(?:cut|wound|gash|laceration|stab\s+wound)\b",
    rf"\b(?:cut|wound|gash)\b{g(45)}\b(?:is\s+|it's\s+|really\s+|very\s+|so\s+)*(?:deep|gaping|wide\s+open)\b",
    r"\b(?:cut|sliced|split|ripped|torn)\s+(?:my|his|her|their)\s+\w+\s+(?:wide\s+)?open\b",
    r"\b(?:can|could)\s+see\s+(?:the\s+)?(?:bone|fat|muscle|tendon|inside)\b",
    (
        r"\b(?:stabbed|been\s+shot|(?:finger|toe|thumb|ear|hand|foot)\s+(?:is\s+)?(?:hanging|almost|nearly|half)\s+(?:off|severed)|gunshot|shot\s+(?:in|at)|severed|sliced\s+(?:off|open|through)|cut\s+(?:off|through)\s+"
        r"(?:my|his|her)\s+(?:finger|toe|thumb|hand)|amputat\w*)\b"
    ),
    r"\b(?:blood|bleeding)\b[^.!?\n]{0,30}\b(?:won't|wont|not|isn't)\s+(?:stop|stopping|clot|clotting)\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\b(?:nose)?bleed\w*\b(?!\s+money)",
    r"\b(?:cut|wound|gash)\b(?!\s+(?:down|back|out|off|up|it\s+out|my\s+hair|his\s+hair|her\s+hair|the\s+grass|the\s+cord|costs))",
]

#: Round two: hidden bleeding (black or bloody stool, dark vomit with clots), bleeding that goes on
#: and on, blood filling the mouth, and slang.
RED_FLAGS += [
    rf"\b(?:sick|vomit\w*|throw\w*\s+up|threw\s+up|puk\w*)\b{g(60)}\b(?:dark\s+red|bright\s+red|red\s+with\s+clots|clots|coffee\s+grounds?)\b",
    rf"\b(?:poo|poos|poop|stool|stools|bowel\s+movements?|number\s+twos?)\b{g(25)}\b(?:black|tarry|like\s+tar|maroon)\b",
    r"\b(?:black|tarry)\s+(?:and\s+sticky\s+|sticky\s+)?(?:poo|poop|stools?)\b",
    r"\bbleed\w*\s+and\s+bleed\w*\b",
    r"\b(?:filling|filled|fills|full)\s+(?:up\s+)?(?:with|of)\s+blood\b",
    r"\b(?:pure|solid|fresh|bright\s+red)\s+blood\b(?!\s+(?:test|donor|bank))",
    r"\b(?:toilet|bowl|pan)\b[^.!?\n]{0,20}\b(?:full|filled|all)\s+(?:of\s+)?(?:red|blood)\b",
    (
        rf"\b(?:blood|bleed\w*)\s+(?:coming\s+)?(?:from|out\s+of|in)\s+(?:my\s+|his\s+|her\s+|the\s+)?(?:bottom|bum|back\s+passage|rectum|anus|behind)\b"
        rf"{g(50)}\b(?:lots|a\s+lot|very\s+much|so\s+much|loads|all\s+(?:morning|day|night|afternoon)|faint\w*|weak|dizzy|full|clots|pale)\b"
    ),
    r"\b(?:pissing|pumping|pouring|gushing|squirting)\s+(?:with\s+|out\s+)?blood\b",
    r"\bgaping\b",
]

#: Round four: blood coming out strongly or fast in a second language, bleeding through pressure held
#: on it, a deep hole or split in the skin, a haemorrhage, a tourniquet.
RED_FLAGS += [
    (
        r"\bblood\b[^.!?\n]{0,15}\b(?:come|comes|coming|came|run\w*|ran|flow\w*|go\w*|went|pour\w*|drip\w*|spray\w*)\s+(?:out\s+)?(?:very\s+|so\s+|really\s+)?"
        r"(?:strong\w*|fast|quick\w*|a\s+lot|much|heavy|heavily|non-?stop|everywhere|like\s+a\s+tap|and\s+(?:doesn't|won't|not)\s+stop)\b"
    ),
    (
        r"\b(?:press\w*|pressure|holding|held|hold|towel|cloth|bandage|tea\s+towel)\b[^.!?\n]{0,40}\b(?:still|keeps?|won't\s+stop|not\s+stop\w*)\s+"
        r"(?:bleed\w*|com\w*|pour\w*|soak\w*|gush\w*|runn?\w*|drip\w*|going\s+through)\b"
    ),
    r"\b(?:deep|big|huge|large|gaping|open)\s+(?:hole|split|slice|opening|tear)\s+(?:in|on)\b",
    r"\bhas\s+(?:a\s+)?(?:deep|big|huge|large|gaping)\s+hole\b",
    r"(?<!subconjunctival\s)\b(?:haemorrhag\w*|hemorrhag\w*)\b(?!\s+(?:in|on)\s+(?:my|his|her|the)\s+eye)",
    r"\btourniquet\b",
    r"\blike\s+a\s+stuck\s+pig\b",
]

#: Round four, more voices: something white or yellow showing inside a cut.
RED_FLAGS += [
    r"\b(?:see|seen|saw|showing|poking\s+out)\s+(?:some\s*thing|something|bits?|stuff)\s+(?:white|yellow|shiny)\b|\b(?:white|yellow)\s+(?:bits?|stuff)\s+(?:inside|showing|poking)\b",
    (
        r"\b(?:cut|sliced|slice|wound|gash|knife|blade|glass|mandoline|chisel)\b[^\n]{0,80}\b(?:some\s*thing|something|bits?|stuff)\s+(?:white|yellow|shiny)\b"
        r"(?=[^.!?\n]{0,25}\b(?:showing|inside|poking|sticking|visible|in\s+(?:it|there|the\s+(?:cut|wound|gash)))\b)"
    ),
]

#: Round four, more voices: sick "with blood in it".
RED_FLAGS += [
    rf"\b(?:sick|vomit\w*|throw\w*\s+up|threw\s+up|puk\w*)\b{g(20)}\b(?:with\s+)?blood\s+in\s+(?:it|them)\b|\b(?:bloody|blood-?stained|blood\s+stained)\s+(?:vomit|sick)\b",
]

#: Round five: bleeding told with how much in a second language's order, the place named between
#: ("bleeding from the head very much", "blood from his arm so much").
RED_FLAGS += [
    (
        rf"\b(?:bleed\w*|blood)\b{g(25)}\b(?:very\s+much|so\s+much|too\s+much|very\s+a\s+lot|like\s+(?:crazy|a\s+tap|a\s+river)|non[\s-]?stop|"
        rf"everywhere|all\s+over\s+the\s+(?:floor|place|bathroom|kitchen))\b"
    ),
]

#: Round seven: blood that gushes, pours or spurts through whatever is pressed on it, and a fall on
#: blood thinners with a swelling that keeps growing or a pale, faint person.
RED_FLAGS += [
    r"\b(?:gush\w*|pour\w*|spurt\w*|pump\w*|soak\w*|pissing|pishin\w*)\b[^.!?\n]{0,30}\b(?:through|all\s+over|out\s+of|round|everywhere)\b[^.!?\n]{0,20}\b(?:towel|tea\s*towel|bandage|cloth|shirt|dressing|pads?|t-?shirt|jumper|floor|everywhere)\b",
    (
        r"\b(?:blood\s+thinners?|anticoagula\w*|warfarin|apixaban|rivaroxaban|edoxaban|dabigatran|eliquis|xarelto|clopidogrel)\b[^\n]{0,80}\b(?:fell|fall|fallen|hit|bang\w*|knock\w*)\b"
        r"[^\n]{0,100}\b(?:swelling\s+(?:\w+\s+){0,3}(?:getting\s+)?bigger|getting\s+bigger|growing|very\s+pale|pale\s+and|faint\w*|drowsy|confus\w*|vomit\w*|won't\s+stop)"
    ),
]
