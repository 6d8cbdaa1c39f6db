"""Severe allergic reactions: swelling of the throat, tongue or lips, with breathing or swallowing
trouble, hives with faintness, an adrenaline pen used.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import CANT, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    r"\bana?ph[iy]la\w*\b",
    r"\banaphalax\w*\b",
    (
        r"\b(?:used|use|gave|give|jabbed|injected|using|given|had\s+to\s+use|should\s+i\s+use)\s+(?:my|his|her|the|an|their)?\s*"
        r"(?:epi\s?-?pen|adrenaline\s+pen|auto-?injector|jext)\b"
    ),
    r"\bepi\s?-?pen\b[^.!?\n]{0,30}\b(?:didn't|hasn't|not|isn't)\s+(?:work|help)",
    rf"\bthroat\b{g(25)}\b(?:clos\w*|swell\w*|swollen|tight\w*|clos(?:ing)?\s+up|narrow\w*|blocked)\b",
    (
        rf"\b(?:tongue|lips?|face|mouth|eyes?)\b{g(20)}\b(?:swell\w*|swollen|puff\w*|blow\w*\s+up|balloon\w*|huge|massive|"
        rf"twice\s+the\s+size)\b"
        rf"{g(50)}\b(?:breath\w*|throat|swallow\w*|wheez\w*|dizzy|faint)"
    ),
    r"\b(?:tongue|throat)\b[^.!?\n]{0,20}\b(?:swell\w*|swollen|puff\w*|huge|big|bigger|growing|thick)\b",
    r"\bswollen\s+shut\b",
    (
        rf"\b(?:swell\w*|swollen|hives)\b{g(60)}\bbreath\w*\s+(?:is\s+|are\s+)?(?:very\s+|really\s+|so\s+)?(?:bad|badly|hard|"
        rf"difficult|heavy|funny|fast|strange|noisy|wheezy)\b"
    ),
    (
        rf"\b(?:ate|eaten|had|eating|touched|bit\s+into)\s+(?:a\s+|some\s+|an?\s+\w+\s+with\s+)?(?:peanuts?|nuts?|cashews?|sesame|"
        rf"shellfish|prawns?|crab|lobster|eggs?|fish)\b{g(60)}\b(?:wheez\w*|can't\s+breath\w*|throat|swell\w*|swollen|hives|faint\w*|"
        rf"collaps\w*|blotch\w*)"
    ),
    (
        rf"\ballerg\w*\b{g(60)}\b(?:stung|sting|ate|eaten|bitten|exposed|had\s+some)\b{g(60)}\b(?:faint\w*|dizzy|breath\w*|throat|"
        rf"swell\w*|swollen|wheez\w*|hives|collaps\w*|pass\s+out)"
    ),
    # not a renewal: "I need my epipen renewed, it expires next month"
    (
        r"\b(?:where\s+is|where's|need|get|grab|find)\s+(?:my|his|her|the|their)\s+epi\s?-?pen\b"
        r"(?![^.!?\n]{0,40}\b(?:renew\w*|repeat\w*|prescri\w*|expir\w*|refill\w*|replac\w*|new\s+one|script|out\s+of\s+date|run\w*\s+out|for\s+school|spare))"
    ),
    (
        rf"\b(?:lips?|tongue|face|eyes|mouth)\b{g(25)}\b(?:swell\w*|swollen|puff\w*|tingl\w*|blown\s+up|blew\s+up|balloon\w*)\b{g(60)}\b(?:after|from|since)\b{g(25)}"
        rf"\b(?:nuts?|peanuts?|cashews?|prawns?|shellfish|sesame|eggs?|milk|bee|wasp|sting|stung|antibiotics?|penicillin|"
        rf"amoxicillin|new\s+(?:medicine|tablets?|meds)|eating|ate|food)\b"
    ),
    (
        rf"\ballergic\s+reaction\b{g(50)}\b(?:breath\w*|throat|swell\w*|swollen|tongue|lips|face|bad|severe|"
        rf"hives\s+everywhere|swallow\w*|wheez\w*|dizzy|faint|getting\s+worse)"
    ),
    r"\b(?:severe|bad|serious|major|massive|huge|big)\s+allergic\s+reaction\b",
    rf"\b(?:swell\w*|swollen|allerg\w*|hives|reaction)\b{g(40)}\b{CANT}\s+(?:breath\w*|swallow\w*)\b",
    rf"\b{CANT}\s+swallow\w*\b{g(40)}\b(?:swell\w*|allerg\w*|throat|breath\w*|reaction|hives)",
    (
        rf"\b(?:wheez\w*|breath\w*|throat|cough\w*|faint\w*|dizzy|pass\s+out|passing\s+out)\b{g(50)}\b(?:lips?|tongue|face|eyes)\b"
        rf"{g(20)}\b(?:swell\w*|swollen|puff\w*)"
    ),
    rf"\bhives\b{g(60)}\b(?:faint\w*|pass\s+out|passing\s+out|dizzy|breath\w*|throat|swell\w*|swollen|wheez\w*|collaps\w*)",
    (
        rf"\b(?:allerg\w*|reaction|hives|nuts?|peanuts?|bee|wasp|sting|stung|shellfish)\b{g(90)}\b(?:lips?|tongue|face|throat)\b"
        rf"{g(25)}\b(?:swell\w*|swollen|puff\w*|tingl\w*)"
    ),
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\ballergic\s+reaction\b",
    r"\b(?:swell\w*|swollen|hives)\b",
    r"\bepi\s?-?pen\b",
]

#: Round two: a face or tongue that balloons, a reaction "within minutes", and the quiet signs
#: after a known trigger (throat feels funny, keeps clearing it, light-headed, falls down).
RED_FLAGS += [
    (
        r"\b(?:face|lips?|tongue|eyes?|throat|mouth|head)\b[^.!?\n]{0,25}\b(?:ballooned|ballooning|blown\s+up|blew\s+up|puffed\s+up|"
        r"huge|massive|double\s+(?:the\s+)?size|swelling\s+up|swelled\s+up|swollen\s+up)\b"
    ),
    (
        rf"\bwithin\s+(?:minutes|seconds|an\s+hour|half\s+an\s+hour|\d+\s+minutes)\b{g(80)}\b(?:swell\w*|swollen|ballooned|blotch\w*|hives|"
        rf"itch\w*|throat|can't\s+breathe|barely\s+(?:talk|speak|breathe)|wheez\w*|dizzy|faint\w*)\b"
    ),
    (
        rf"\b(?:nut|nuts|peanuts?|allerg\w*|sting|stung|bite|bitten|latex|penicillin|shellfish|prawns?|sesame)\b{g(120)}\b(?:throat\s+(?:feels?\s+)?"
        rf"(?:funny|tight|weird|strange|thick|closing)|clearing\s+(?:her|his|my|their)\s+throat|light\s*-?\s*headed|dizzy|faint\w*|"
        rf"fall\s+down|fell\s+down|collaps\w*|wheez\w*|blotch\w*\s+(?:spreading|all\s+over)|hives\s+all\s+over)\b"
    ),
    rf"\b(?:face|lips?|tongue|mouth)\b{g(25)}\b(?:swell\w*|swollen)\b{g(60)}\b(?:tablets?|pills?|medicine|painkiller|antibiotic\w*|new\s+(?:drug|medication))\b",
    rf"\b(?:tablets?|pills?|medicine|painkiller|antibiotic\w*)\b{g(60)}\b(?:face|lips?|tongue|mouth)\b{g(25)}\b(?:swell\w*|swollen|ballooned)\b",
]

#: Round three: a throat tight or itchy after a food with the voice going or changing.
RED_FLAGS += [
    (
        r"\b(?:throat|tongue|mouth|lips?)\b[^.!?\n]{0,40}\b(?:after|since)\s+(?:eating|having|taking|a|the|some)\b[^\n]{0,60}"
        r"\b(?:voice\s+(?:is\s+)?(?:going|gone|changing|changed|hoarse|croaky|weird)|can't\s+(?:talk|speak|swallow))\b"
    ),
]

#: Round four: the adrenaline pen called just "his pen", given in a message about an allergy, and
#: swelling round the eyes with vomiting or coughing after a known food allergen.
_ALLERGEN = r"(?:nuts?|peanuts?|cashews?|almonds?|pistachios?|walnuts?|hazelnuts?|sesame|shellfish|prawns?|shrimp|crab|lobster|fish|eggs?|milk|dairy|kiwi|wheat|soy|lupin|mustard)"
_PEN_GIVEN = (
    r"(?:used|gave|given|give|jabbed|injected|use|using|had\s+to\s+use|administered)\s+(?:him|her|them|me)?\s*(?:his|her|my|their|the)\s+"
    r"(?:adrenaline\s+|epinephrine\s+)?(?:pen|pens|epi|jext|emerade|auvi-?q)\b"
)
_ALLERGY_WORD = (
    rf"(?:allerg\w*|anaphyla\w*|{_ALLERGEN}|stung|sting|bee|wasp|hives|swell\w*|swollen|puff\w*)"
)
RED_FLAGS += [
    rf"\b{_ALLERGY_WORD}\b[^\n]{{0,200}}\b{_PEN_GIVEN}",
    rf"\b{_PEN_GIVEN}[^\n]{{0,150}}\b{_ALLERGY_WORD}\b",
    (
        rf"\b(?:{_ALLERGEN}|allerg\w*)\b[^\n]{{0,150}}\b(?:eyes?|face|lips?|tongue)\b[^.!?\n]{{0,20}}\b(?:puff\w*|swell\w*|swollen|blow\w*\s+up)\b"
        rf"[^\n]{{0,60}}\b(?:cough\w*|vomit\w*|sick|wheez\w*|breath\w*|hives|floppy|pale|drowsy)\b"
    ),
]

#: Round four, more voices: a sting or bite followed by trouble swallowing or breathing.
RED_FLAGS += [
    (
        rf"\b(?:stung|sting|stings|bitten|bite)\b[^\n]{{0,60}}\b(?:{CANT}\s+(?:swallow\w*|breath\w*)|throat\s+(?:\w+\s+)?(?:tight\w*|swell\w*|swollen|clos\w*)|"
        rf"wheez\w*|(?:lips?|tongue)\s+(?:\w+\s+)?(?:swell\w*|swollen))"
    ),
]

#: Round five: the pen named before the verb ("the epipen we used already but he is still
#: wheezing": adrenaline given means an ambulance whatever follows), and lips, tongue or face gone
#: "big" or "fat" after an allergen, a sting or a medicine.
RED_FLAGS += [
    (
        r"\b(?:epi\s?-?pen|adrenaline(?:\s+pen)?|auto-?injector|jext|emerade|auvi-?q)\b[^.!?\n]{0,20}\b(?:we|i|they|she|he|mum|dad|school|nursery)?\s*"
        r"(?:used|gave|given|injected|jabbed|did|done)\b"
    ),
    (
        rf"\b(?:allerg\w*|{_ALLERGEN}|stung|sting|bee|wasp|injection|jab|vaccine|antibiotic\w*|penicillin|tablet|medicine)\b[^\n]{{0,80}}"
        r"\b(?:lips?|tongue|face|mouth|throat)\s+(?:is\s+|are\s+|very\s+|so\s+|really\s+|getting\s+|go(?:ing|ne)?\s+|went\s+|look\w*\s+)*(?:big|bigger|fat|huge|puffy|puffed)\b"
    ),
]

#: Round seven: swelling of the tongue, face, lips or throat said in everyday words ("blowing up",
#: "gone enormous", "ballooning") after a medicine, a jab, a food or a sting, or with swallowing hard;
#: itching everywhere with tingling lips and dizziness after an exposure; lips still blue after the pen.
_SWELL = r"(?:blow\w*\s+up|blew\s+up|(?:gone|going|getting|is|are|look\w*)\s+(?:so\s+|really\s+)?(?:enormous|huge|massive|fat|big|puffy)|balloon\w*|puff\w*\s+up|swell\w*|swollen)"
_EXPOSURE = r"(?:tablet|pill|antibiotic\w*|penicillin|medicine|medication|jab|injection|vaccine|shot|infusion|food|meal|nuts?|peanut\w*|prawns?|shellfish|sting|stung|bee|wasp|bite|dose)"
RED_FLAGS += [
    rf"\b(?:tongue|throat|face\s+and\s+(?:tongue|lips|throat)|lips\s+and\s+(?:tongue|throat))\b{g(20)}\b{_SWELL}\b{g(60)}\b(?:after|since|from)\b{g(30)}\b{_EXPOSURE}\b",
    rf"\b{_EXPOSURE}\b{g(60)}\b(?:tongue|throat)\b{g(20)}\b{_SWELL}",
    rf"\b(?:tongue|throat|lips|face)\b{g(20)}\b{_SWELL}\b{g(60)}\b(?:can\s+(?:hardly|barely)|can't|cannot|struggling\s+to|hard\s+to)\s+(?:swallow|breathe|talk|speak)",
    (
        rf"\b(?:after|since)\b{g(30)}\b{_EXPOSURE}\b{g(80)}\b(?:itch\w*\s+(?:all\s+over|everywhere)|hives\s+(?:all\s+over|everywhere))\b{g(80)}\b(?:lips?|tongue|mouth|throat)\b{g(30)}\b(?:tingl\w*|swell\w*|swollen|tight)"
    ),
    rf"\b(?:epi-?pen|adrenaline|auto-?injector|jext|emerade)\b{g(60)}\b(?:still|but)\b{g(40)}\b(?:blue\w*|grey|swell\w*|swollen|wheez\w*|can't\s+breathe|struggling)",
]
