"""Major trauma as bystanders describe it: a fall from height or a crash with a sign of serious
injury, a limb out of shape, a bone through the skin, crush and entrapment, machinery injuries,
impalement, eye injuries, a neck or back hurt with numbness.

A mechanism alone ("fell off my bike last week") is not an emergency; it needs a sign of serious
injury beside it, and the history and reassurance filters still apply.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

_LIMB = (
    r"(?:leg|legs|arm|arms|ankle|wrist|foot|knee|hip|shoulder|elbow|finger|fingers|hand|shin|thigh)"
)
_DEFORMED = (
    r"(?:pointing\s+(?:sideways|the\s+wrong\s+way|backwards|out)|bent\s+(?:the\s+)?wrong\s+way|bent\s+(?:wrong|funny|backwards|sideways)|all\s+bent|"
    r"(?<!ankle\s)(?<!knee\s)(?:is|looks)\s+(?:all\s+)?twisted|(?:at\s+)?(?:a\s+)?(?:wrong|funny|weird|strange|odd)\s+angle|"
    r"turned\s+out(?:wards)?|looks?\s+shorter|shorter\s+than\s+the\s+other|facing\s+the\s+wrong\s+way|deformed|mangled|crushed|"
    r"(?:all\s+)?twisted\s+(?:round|around|the\s+wrong)|hanging\s+(?:off|loose))"
)
_HEIGHT = (
    r"(?:ladder|roof|skylight|balcony|scaffold\w*|window|horse|motorbike|motorcycle|bike|quad|trampoline|tree|cliff|bunk|"
    r"stairs|staircase|wall|platform|truck|lorry|ute|building|height|ledge)"
)
#: A sign the injury is serious: what paramedics ask about.
_SERIOUS = (
    r"(?:not\s+moving|isn't\s+moving|can't\s+move|won't\s+move|unconscious|knocked\s+out|out\s+cold|not\s+respond\w*|"
    r"can't\s+feel|numb|tingl\w*|neck|spine|back\s+(?:is\s+)?(?:hurt|broken|bad)|bleed\w*|blood|bone|screaming|agony|"
    r"can't\s+(?:get\s+up|stand|walk|breathe)|not\s+(?:breathing|making\s+sense)|confus\w*|out\s+of\s+it)"
)

#: Enough on their own.
RED_FLAGS: list[str] = [
    rf"\b{_LIMB}\b{g(40)}\b{_DEFORMED}",
    rf"\b(?:mangled|crushed)\s+(?:his|her|my|their|the)?\s*{_LIMB}\b",
    rf"\bbones?\b{g(20)}\b(?:sticking|poking|coming|showing|through\s+the\s+skin)\b",
    r"\b(?:trapped|pinned|stuck|crushed)\s+(?:under|beneath|underneath|between)\b",
    rf"\b(?:pinned|trapped|crushed|ran\s+over)\s+(?:his|her|my|their)\s+{_LIMB}\b",
    (
        rf"\b(?:shelf|shelves|car|van|wall|tree|machine|tv|television|wardrobe|furniture|load|beam|pallet|rock|boulder|gate)\b"
        rf"{g(30)}\b(?:fell\s+on|fall\s+on|falls\s+on|landed\s+on|on\s+top\s+of)\s+(?:him|her|them|me|his|her|my|their|himself|herself)\b"
    ),
    r"\b(?:caught|stuck|trapped|pulled)\s+in\s+(?:a|the|his|her)?\s*(?:machine\w*|mincer|shaft|pto|roller|press|conveyor|auger|chainsaw|saw|mower)\b",
    r"\b(?:almost|nearly|partly|half|practically)\s+(?:cut|sliced|chopped|torn|ripped|severed)\s+off\b",
    r"\b(?:cut|sliced|chopped|torn|ripped|severed)\s+(?:clean\s+)?off\b(?!\s+(?:the|a|my|his|her)\s+(?:tag|label|plaster|bandage|cast))",
    r"\b(?:mangled|impaled|amputated|severed)\b",
    (
        r"\b(?:pole|rod|spike|nail|stick|branch|glass|metal|knife|blade|screwdriver|arrow|fence|railing|skewer)\b"
        rf"{g(30)}\b(?:stuck|sticking|lodged|embedded|went)\s+(?:in|into|through|out\s+of)\s+(?:his|her|my|their|the)\b"
    ),
    rf"\b(?:fell|fallen|fall|falls|came\s+off|come\s+off|thrown\s+off|jumped|dropped)\s+(?:off|from|through|out\s+of|down)\s+(?:a|the|his|her|my|their)?\s*{_HEIGHT}\b{g(80)}\b{_SERIOUS}",
    rf"\b(?:hit\s+by|knocked\s+(?:down|over|off)\s+by|run\s+over|crash\w*|collision|accident|came\s+off|come\s+off)\b{g(60)}\b(?:not\s+moving|isn't\s+moving|unconscious|can't\s+feel|numb|bone|mangled|not\s+breathing|screaming|trapped)\b",
    rf"\b(?:fell|fall|crash\w*|accident|hit|landed|dived|dove|tackled)\b{g(80)}\b(?:neck|back|spine)\b{g(50)}\b(?:numb|tingl\w*|can't\s+feel|can't\s+move|pins\s+and\s+needles)",
    # eye injuries: a chemical, a projectile or a blow, then blood or lost sight
    rf"\b(?:firework|chemical|acid|bleach|caustic|glass|metal|shard|splinter|nail|hook|dart|pellet|bb)\b{g(40)}\beyes?\b",
    rf"\beyes?\b{g(40)}\b(?:firework|chemical|acid|bleach|caustic|glass|metal\s+(?:in|bit|piece)|shard)\b",
    rf"\b(?:hit|struck|poked|punched|stabbed|injur\w*|hurt|scratched|cut)\b{g(30)}\beyes?\b{g(40)}\b(?:can't\s+see|blood|bleed\w*|very\s+bad|looks?\s+(?:bad|awful|terrible)|swollen\s+shut)",
    rf"\bfirework\w*\b{g(40)}\b(?:hand|face|fingers|blew|exploded|went\s+off)\b{g(40)}\b(?:bleed\w*|blood|black|missing|burn\w*)",
    # "shot" with someone who was shot, not a bare "shot" (a "flew shot" is a flu shot, "right, shot" is thanks)
    (
        r"\b(?:gunshot|(?:been|got|was|were|is|he's|she's|they've|i've|i\s+was|just)\s+shot|shot\s+(?:in\s+the|in\s+(?:his|her|my|their)|through|him|her|me|them|himself|herself|myself|dead))\b"
        r"(?!\s+(?:at\s+the\s+(?:pharmacy|clinic)|for|of|glass|put|record))"
    ),
]

#: Red-flag words that need an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b(?:fell|fallen|came\s+off|come\s+off)\s+(?:off|from|through|out\s+of|down)\s+(?:a|the|his|her|my)?\s*{_HEIGHT}\b",
    r"\b(?:can't|cannot|won't)\s+(?:put\s+(?:any\s+)?weight|stand|walk)\s+on\b",
]

#: Round seven: a fall from a storey ("fell from the second floor"), a bone "outside" or visible, a limb
#: said to be broken now beside bleeding or a cry of pain, after an accident told in a second language
#: ("have accident with motorcycle, his leg is broken"), and blood from the mouth or ears after a fall.
_STOREY = r"(?:(?:first|second|third|fourth|fifth|sixth|top|upper|\d+(?:st|nd|rd|th)?)\s+(?:floor|storey|story|level)|height|heights|the\s+top)"
RED_FLAGS += [
    rf"\b(?:fell|fallen|fall|falls|falling|jumped|dropped|came\s+down)\s+(?:off|from|out\s+of|down)\s+(?:a|the|his|her|my|their)?\s*{_STOREY}\b{g(80)}\b{_SERIOUS}",
    r"\bbones?\b[^.!?\n]{0,20}\b(?:is\s+|are\s+)?(?:outside|out\b|visible|showing)|\b(?:see|seeing|saw)\s+(?:the\s+)?bones?\b",
    (
        rf"\b{_LIMB}\s+(?:is|are|looks|seems|must\s+be|'s)\s+(?:definitely\s+|totally\s+|badly\s+|completely\s+)?(?:broken|broke|snapped|smashed|shattered)\b"
        rf"{g(60)}\b(?:bleed\w*|blood|bone|scream\w*|shout\w*|agony|crying|in\s+pain|with\s+pain|can't\s+move|white|pale|faint\w*)"
    ),
    rf"\b(?:accident|crash\w*|collision|fell|fall|hit\s+by|knocked\s+(?:down|off))\b{g(60)}\b{_LIMB}\s+(?:is|are|looks|'s)\s+(?:definitely\s+|badly\s+)?(?:broken|broke|snapped|smashed|shattered)\b",
    rf"\b(?:fell|fallen|fall|accident|crash\w*|hit)\b{g(80)}\bblood\s+(?:from|out\s+of|coming\s+(?:from|out\s+of))\s+(?:his|her|the|their|my)\s+(?:mouth|ears?)\b",
]

#: Round seven: a person struck by a vehicle, told actively ("a car hit my son", "the van knocked her
#: down"): on its own a call for an ambulance.
_VEHICLE = r"(?:car|van|bus|truck|lorry|ute|taxi|bike|motorbike|motorcycle|scooter|tram|train|tractor|forklift)"
_PERSON = (
    r"(?:(?:my|our|his|her|their)\s+(?:\w+\s+)?(?:son|daughter|child|kid|boy|girl|husband|wife|partner|mum|mom|dad|father|mother|brother|sister|"
    r"friend|grandad|grandma|nan|toddler|baby)|(?:a|an|the|this|some)\s+(?:old\s+|young\s+|little\s+)?(?:man|woman|lady|child|kid|boy|girl|cyclist|pedestrian|person|guy)|him|her|them|me)"
)
RED_FLAGS += [
    rf"\b(?:a|the|this|that|some)\s+(?:\w+\s+)?{_VEHICLE}\s+(?:just\s+)?(?:hit|struck|knocked\s+(?:down|over)|ran\s+over|run\s+over|went\s+over|drove\s+into|ploughed\s+into|crashed\s+into)\s+{_PERSON}\b",
]

#: Round seven: an object still in the body, told with a pronoun ("fell on a knife and it is still in his leg").
RED_FLAGS += [
    (
        rf"\b(?:knife|blade|glass|nail|rod|pole|stick|branch|screwdriver|skewer|metal|fork|scissors|arrow|spike|pen)\b{g(40)}\b(?:it|it's|its)\s+(?:is\s+)?(?:still\s+)?"
        rf"(?:in|inside|stuck\s+in|sticking\s+(?:in|out\s+of)|lodged\s+in)\s+(?:his|her|my|their|the)\s+\w+"
    ),
]
