"""Vocabulary shared by several triage categories: who, how old, which substance, how sick.

Written against normalised text (see ``nlu.emergency.normalise``): lower case,
canonical spelling, "can't" / "won't" with the apostrophe.
"""

from __future__ import annotations


def g(n: int) -> str:
    """Up to ``n`` characters within one sentence (a decimal point, as in "sugar 2.2", does not end it)."""
    return rf"(?:[^.!?\n]|(?<=\d)\.(?=\d)){{0,{n}}}"


CANT = (
    r"(?:can't|can\s+not|couldn't|could\s+not|unable\s+to|struggling\s+to|struggles\s+to|hard\s+to|"
    r"not\s+able\s+to|no\s+able\s+to|cannot|barely|hardly)"
)
POSS = r"(?:my|his|her|their|the|your|our|one)"
CHILD = (
    r"(?:baby|baby's|son|son's|daughter|daughter's|child|child's|kid|kid's|toddler|infant|newborn|boy|girl|"
    r"little\s+one|grandson|granddaughter|bub|wean|weans|bairn|bairns|wee\s+(?:one|boy|girl|fella|man|lassie|laddie)|littlie|nipper|kiddo|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*"
    r"(?:years?|yr|month)\s*-?\s*olds?)"
)
BABY_AGE = (
    r"(?:(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*-?\s*(?:days?|weeks?)|"
    r"(?:1|2|one|two|a|couple\s+of)\s*-?\s*months?)"
)
#: A baby under three months: "newborn", "6 week old", "baby 4 weeks", "she's only 2 months".
YOUNG_BABY = (
    rf"(?:newborn|new\s+born|new\s+baby|neonate|under\s+(?:3|three)\s+months|{BABY_AGE}\s*-?\s*old|"
    rf"(?:baby|son|daughter|boy|girl|infant|he's|she's|he\s+is|she\s+is|aged|only|just)\s+\(?\s*(?:is\s+|have\s+|has\s+)?(?:only\s+|just\s+|about\s+)?"
    rf"{BABY_AGE})"
)
#: Weeks of pregnancy: "34 weeks pregnant", "I'm 29 weeks", "wife is 30wks"; not "2 weeks ago", "6 weeks old".
GESTATION = (
    r"(?:(?:[4-9]|[1-3]\d|4[0-2])\s*-?\s*(?:weeks?|wks?)\s+(?:pregnant|along|gone|gestation|with\s+(?:my|our|her|twins))|"
    r"(?:i'm|i\s+am|she's|she\s+is|wife\s+is|girlfriend\s+is|partner\s+is|^)\s*(?:[4-9]|[1-3]\d|4[0-2])\s*-?\s*"
    r"(?:weeks?|wks?)\b(?!\s+(?:ago|old|later|since|of|off|now\s+since)))"
)
FEVER = (
    r"(?:fever|feverish|temperature|high\s+temp|burning\s+up|hot\s+to\s+(?:the\s+)?touch|very\s+hot|(?:feels?|felt|feeling)\s+(?:really\s+|so\s+|very\s+)?hot(?![^\n]*\b3[0-7](?:[.,]\d)?\b)|(?:burning|boiling)\s+hot|(?:very|really|so)\s+warm|"
    # a number inside a ratio ("100/65", a blood pressure) is no temperature
    r"(?<!/)3[89](?:[.,]\d)?(?!\s*/\s*\d)\s*(?:c|°c|degrees)?|(?<!/)10[0-4](?:[.,]\d)?(?!\s*/\s*\d)\s*(?:f|°f|degrees)?|"
    # dictated: "thirty nine point two", "forty degrees", "a hundred and three"
    r"(?:thirty[\s-](?:eight|nine)|forty(?:[\s-](?:one|two))?)(?:\s+point\s+\w+)?(?!\s+(?:\w+\s+)?(?:minutes?|mins?|seconds?|hours?|years?|weeks?|days?|times|pounds|quid|euros?|dollars?|pence|tablets|mg|ml))|"
    r"(?:a\s+)?hundred\s+and\s+(?:one|two|three|four)\s+(?:degrees|f|fahrenheit))"
)
SUBSTANCE = (
    r"(?:bleach|detergent|cleaning\s+(?:stuff|products?|liquid|spray|fluid|powder|tablets?)|cleaner|battery|batteries|poison|"
    r"antifreeze|anti-freeze|chemicals?|tide\s+pods?|laundry\s+(?:pods?|capsules?|tablets?|liquid|detergent)|"
    r"(?:liquid\s+)?(?:laundry|washing|detergent)\s+(?:pods?|capsules?|tabs?)|(?:washing\s+machine|dishwasher)\s+(?:pods?|capsules?|tabs?|tablets?|liquid|gel)|toilet\s+\w+|for\s+clean\w*|"
    r"dishwasher\s+(?:tablets?|pods?|liquid)|washing\s+(?:up\s+)?(?:liquid|powder|tablets?|pods?)|drain\s+cleaner|"
    r"weed\s*killer|rat\s+poison|slug\s+pellets|pesticide|insecticide|fertili[sz]er|white\s+spirit|"
    r"paint\s+thinner|turps|turpentine|petrol|gasoline|kerosene|lamp\s+oil|lighter\s+fluid|oven\s+cleaner|"
    r"toilet\s+cleaner|disinfectant|dettol|domestos|lysol|nail\s+polish\s+remover|acetone|ammonia|lye|"
    r"caustic|magnets?|essential\s+oils?|e-?liquid|vape\s+(?:juice|liquid)|nicotine|iron\s+tablets|"
    r"mushrooms?|berries|toxic|fabric\s+softener|bubble\s+bath|hand\s+sanitiser|hand\s+sanitizer|"
    r"perfume|mouthwash|alcohol\s+gel|descaler|limescale\s+remover|bleach\s+tablet|soap)"
)
MEDS = (
    r"(?:pills?|tablets?|meds|medication|medicine|medicines|paracetamol|acetaminophen|tylenol|panadol|"
    r"sleeping\s+(?:pills|tablets)|insulin|ibuprofen|advil|aspirin|oxy\w*|opioids?|codeine|morphine|tramadol|"
    r"fentanyl|methadone|heroin|cocaine|ketamine|drugs|benzos|pregabalin|gabapentin|amitriptyline|xanax|valium|diazepam|antidepressants?|sertraline|citalopram|lithium|heart\s+pills|"
    r"blood\s+pressure\s+pills|calpol|nurofen|vitamins|gummies|edibles|painkillers?|"
    # round seven: medicines by the form or box they come in, and ones dangerous in a double dose
    r"(?:pain|cough|sleep\w*|medicine)\s+syrup|syrup|dosette(?:\s+box)?|blister\s+packs?|capsules?|methotrexate|warfarin|metformin|"
    r"digoxin|propranolol|quetiapine|olanzapine|zopiclone|co-?codamol|naproxen|beta\s+blockers?|antipsychotics?|anti-psychotics?|"
    r"pain\s+(?:meds|medication|relief)|sleeping\s+meds)"
)
SUGAR = r"(?:blood\s+sugar|sugar|sugars|glucose|blood\s+glucose|bg|bs|bm|levels?|reading|readings)"
ALTERED = (
    r"(?:confus\w*|disorient\w*|(?:not|isn't|wasn't)\s+making\s+(?:any\s+)?sense|making\s+no\s+sense|talking\s+nonsense|"
    r"drowsy|very\s+sleepy|can't\s+wake|won't\s+wake|hard\s+to\s+wake|not\s+waking|unresponsive|pass(?:ing)?\s+out|faint\w*|"
    r"not\s+responding|passed\s+out|unconscious|shaking|shaky|sweating|sweaty|clammy|slurr\w*|"
    r"acting\s+(?:drunk|weird|strange|odd|funny)|aggressive|dizzy|fainting|fitting|seiz\w*|collaps\w*|"
    r"doesn't\s+know\s+where|not\s+himself|not\s+herself|out\s+of\s+it|zoned\s+out|vacant|can't\s+think)"
)

#: Breathlessness on exertion ("walking up hills", "when I run") is for a booking, not an ambulance.
EXERTION = (
    r"[^.!?\n]{0,40}\b(?:when|after|during|if|on|while|walking|climbing|running|jogging|exercising|cycling|"
    r"going\s+up|up\s+(?:the\s+)?(?:stairs|hills?))\b"
)
