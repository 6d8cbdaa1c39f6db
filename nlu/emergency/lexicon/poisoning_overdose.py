"""Overdoses and poisoning: too many tablets, a child who swallowed a household chemical, a button
battery or someone's medicine, dosing mistakes.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import CHILD, MEDS, SUBSTANCE, g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        r"\b(?:over\s?dos\w*|od'd|od'ed|o\.d\.)\b(?!\s+(?:on|of)\s+(?:chocolate|sweets|cake|coffee|caffeine|sugar|food|netflix|"
        r"tv|christmas|carbs|pizza|sun|sunshine|vitamin\s+d|exercise|work))"
    ),
    r"\bod\s+(?:on|with)\b",
    (
        # one extra vitamin or supplement is no overdose ("took an extra vitamin d capsule by mistake")
        rf"\b(?:took|taken|swallowed|ate|eaten|had|downed|necked|drank|drunk|popped)\b(?!{g(25)}\b(?:an|one|a\s+second)\s+extra\s+(?:\w+\s+){{0,2}}(?:vitamin|multivitamin|supplement|probiotic|fish\s+oil|cod\s+liver))"
        rf"{g(25)}\b(?:too?\s+many|"
        rf"too?\s+much|whole\s+(?:bottle|pack|box|packet|strip|sheet|tub|lot)|all\s+(?:of\s+)?(?:my|the|his|her|their|your)|at\s+once|"
        rf"bottle\s+of|handful\s+of|handfuls|bunch\s+of|lot\s+of|lots\s+of|box\s+of|packet\s+of|loads\s+of|double|"
        rf"twice|extra|\d{{2,}}(?!\s+(?:different|kinds?\s+of|types?\s+of|sorts?\s+of|separate|various)\b)|twenty|thirty|fifty|a\s+load)\b{g(25)}\b{MEDS}"
    ),
    rf"\b(?:empty|emptied|finished|open|opened)\s+(?:\w+\s+)?(?:packets?|bottles?|box|boxes|blister\w*|strips?|packs?|tubs?)\s+of\b{g(30)}\b{MEDS}",
    (
        rf"\b(?:swallowed|swallow|drank|drink|drinks|drunk|drinking|ate|eat|eats|eaten|eating|got\s+into|licked|chewed|bit\s+into|sucked\s+on|sucking(?:\s+on)?|mouthing|biting|chewing(?:\s+on)?|"
        rf"has\s+had|had\s+some|inhaled|sniffed|sprayed|splashed|put\s+(?:a|some)?\s*\w*\s*in\s+(?:his|her|their)\s+mouth|"
        rf"mouthful\s+of|sip\s+of|drink\s+of|gulp\s+of|swig\s+of)\b{g(70)}\b{SUBSTANCE}\b"
    ),
    rf"\b{CHILD}\b{g(40)}\b(?:swallowed|ate|eaten|got\s+into|chewed|drank|drunk|found|took|taken)\b{g(35)}\b{MEDS}\b",
    rf"\b{SUBSTANCE}\b{g(40)}\b(?:swallowed|swallow|ate|eaten|drank|drunk|in\s+(?:his|her|their)\s+mouth)\b",
    (
        rf"\b(?:swallowed|ate|eaten|got\s+into|chewed|drank)\s+(?:some\s+of\s+|one\s+of\s+|a\s+few\s+of\s+)?(?:my|his|her|mum's|mom's|dad's|grandma's|"
        rf"granny's|nan's|grandpa's|grandad's|the)\s+{MEDS}\b"
    ),
    # A dose taken twice or more by mistake.
    (
        rf"\b(?![^\n]*\b(?:multi-?)?vitamin)(?:took|taken|given|gave|had)\b{g(35)}\b(?:twice|two\s+times|three\s+times|double|again|two\s+lots|extra)\b{g(30)}"
        rf"\b(?:by\s+mistake|accident\w*|forgot|forgetting|wrong|mixed\s+up)\b"
    ),
    rf"\b(?![^\n]*\b(?:multi-?)?vitamin)(?:by\s+mistake|accidentally)\b{g(20)}\b(?:took|taken|gave|given)\b{g(35)}\b(?:twice|double|again|two\s+lots|extra|all)\b",
    # "took" one's own tablets is the daily routine ("I took my pills this morning"); someone else's is not.
    (
        rf"\b(?:taken|took)\s+(?:some\s+of\s+|one\s+of\s+|a\s+few\s+of\s+)?(?:mum's|mom's|dad's|grandma's|granny's|nan's|grandpa's|grandad's|"
        rf"my\s+(?:mum's|mom's|dad's|wife's|husband's|partner's|sister's|brother's|friend's|gran\w*'s))\s+{MEDS}\b"
    ),
    # not a taste ("tastes like poison") nor the Irish "poisoned with a cold"
    (
        r"(?<!like\s)(?<!as\s)\b(?:poison(?:ed|ing)?|poisonous)\b(?<!food\s\bpoisoning)(?!\s+ivy)"
        r"(?!\s+with\s+(?:this|a|the|my|his|her)\s+(?:\w+\s+)?(?:cold|flu|bug|virus|cough|chest|throat|hay\s*fever|sinus\w*))"
    ),
    r"\bpoison\s+(?:control|centre|center|line)\b",
    (
        rf"\b(?:swallowed|ate|eaten|drank|drunk|got\s+into)\s+(?:something|some\s+stuff|some\s+liquid|an?\s+\w+)\b{g(90)}\b(?:very\s+sleepy|"
        rf"drowsy|unresponsive|not\s+breath\w*|can't\s+breath\w*|fitting|floppy|foaming|burn\w*\s+(?:mouth|throat))"
    ),
    # an alarm bought, a house checked or a question about the risk is prevention; an alarm going off is not
    (
        r"(?<!check\sfor\s)(?<!checked\sfor\s)(?<!test\sfor\s)(?<!tested\sfor\s)\bcarbon\s+monoxide\b"
        r"(?!\s+(?:alarm|detector|monitor|sensor|tester)s?\b(?![^.!?\n]{0,25}\b(?:going\s+off|went\s+off|gone\s+off|beep\w*|sound\w*|triggered|screaming|ringing))"
        r"|\s+(?:check|checks|checked|test|testing|safety|awareness|leaflet|advice))"
    ),
    r"\b(?:gas|fumes)\s+leak\b",
    (
        rf"\b(?:gave|given|give|took|taken)\b{g(25)}\b(?:double|twice|two|2|wrong|too?\s+much|adult|extra)\s+"
        rf"(?:the\s+)?(?:dose|doses|dosage|amount|medicine|medication|calpol|insulin|tablets?)\b"
    ),
    rf"\b(?:mixed|mixing|took|taken)\b{g(30)}\b(?:alcohol|drink|drinks|vodka|wine|beer)\b{g(30)}\b{MEDS}",
    rf"\b{MEDS}\b{g(30)}\b(?:with|and)\s+(?:a\s+lot\s+of\s+|loads\s+of\s+)?(?:alcohol|vodka|wine|whisky|beer)\b",
]

# Taking one's daily medicines, however many, is routine; taking too many, or a whole pack, is not.
RED_FLAGS += [
    (
        rf"\b(?:take|taking)\b{g(25)}\b(?:too?\s+many|too?\s+much|whole\s+(?:bottle|pack|box|packet|strip|sheet|tub|lot)|all\s+(?:of\s+)?(?:my|the|his|her|their)|"
        # (round thirteen: a count of kinds, "12 different tablets", is a list of medicines, not a dose)
        rf"at\s+once|bottle\s+of|handful\s+of|handfuls|\d{{2,}}(?!\s+(?:different|kinds?\s+of|types?\s+of|sorts?\s+of|separate|various)\b)|twenty|thirty|fifty)\b{g(25)}\b{MEDS}"
    ),
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b(?:swallowed|ingested|drank|ate|got\s+into)\b{g(30)}\b(?:{SUBSTANCE}|{MEDS})\b"
]

#: Round two: a whole pack (typed "hole"), a dose many times too big, a child with a household
#: product or e-liquid in the mouth, someone blue or snoring oddly after taking or injecting something.
RED_FLAGS += [
    r"\b(?:taken|took|swallowed|had|eaten|ate|drunk|drank|downed|necked)\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+)?(?:whole|hole|full|entire)\s+(?:packet|pack|box|bottle|strip|tub|jar|blister|sheet)\b",
    r"\b(?:\d+|two|three|four|five|ten|twice|double|triple)\s*(?:x\s*|times\s+)(?:the\s+|his\s+|her\s+|my\s+)?(?:dose|amount|dosage)\b",
    (
        rf"\b(?:gave|given|give|took|taken|had)\b{g(40)}\b(?:too?\s+much\s+(?:of\s+)?(?:the\s+|his\s+|her\s+|my\s+|their\s+)?{MEDS}|"
        rf"(?:double|triple|wrong|extra)\s+(?:dose|amount)|an\s+overdose)\b"
    ),
    (
        rf"\b(?:swallow\w*|ate|eaten|drank|drunk|chewed|chewing|sucked|sucking|licked|put\s+(?:in|into)\s+(?:his\s+|her\s+|the\s+)?mouth)\b{g(60)}"
        rf"\b(?:washing\s+machine|dishwasher|e-?cig\w*|vape\w*|refill|liquid\s+nicotine|{SUBSTANCE})\b"
    ),
    rf"\b(?:{CHILD}|baby)\b{g(60)}\b(?:washing\s+machine|dishwasher)\s+(?:tablets?|pods?|capsules?|liquid)\b",
    r"\b(?:tablets?|pods?|capsules?)\s+(?:of|for)\s+(?:the\s+)?(?:washing\s+machine|dishwasher)\b",
    (
        rf"\b(?:inject\w*|shot\s+up|smoked|snorted|took|taken|had)\s+(?:some\s*thing|something|stuff|drugs|heroin|spice|pills)\b{g(60)}"
        rf"\b(?:blue|grey|snor\w*|won't\s+wake|can't\s+wake|unresponsive|not\s+breathing|floppy|gurgl\w*|pinpoint)\b"
    ),
    rf"\b{SUBSTANCE}\b{g(60)}\b(?:(?:around|round|on|in)\s+(?:his|her|their|my)\s+mouth|drool\w*|lips?\s+(?:look\s+|are\s+|is\s+)?(?:sore|burn\w*|red|blister\w*))",
    # A child (or someone cared for) who ate tablets: someone else's, a quantity, or now unwell.
    (
        rf"\b(?:{CHILD}|baby)\b{g(15)}\b(?:eat|eats|ate|eaten|swallow\w*|took|taken|drank|drink|chew\w*)\b{g(25)}\b(?:tablets?|pills?|medicines?|meds)\b"
        rf"{g(30)}\b(?:many|lots|a\s+lot|several|handful|all|whole|of\s+(?:the\s+|his\s+|her\s+|my\s+)?(?:grand\w*|granny|nan|nana|mother|father|mum|mom|dad|sister|brother)|"
        rf"sleepy|drowsy|won't\s+wake|can't\s+wake|vomit\w*|floppy|confus\w*|unresponsive|strange)\b"
    ),
    r"\b(?:eat|ate|eaten|swallow\w*|took|taken)\s+(?:the\s+|some\s+|many\s+)?(?:tablets?|pills?|medicines?|meds)\s+(?:of|from|belonging\s+to)\s+(?:the\s+|his\s+|her\s+|my\s+)?(?:grand\w*|granny|nan|nana|mother|father|mum|mom|dad|sister|brother)\b",
    r"\b(?:blue|grey)\b[^.!?\n]{0,30}\bsnor\w*\s+(?:strange\w*|weird\w*|funny|loud\w*|odd\w*)\b",
]

#: Round three: car and garden chemicals by their everyday names, and medicines found gone with a
#: small child nearby ("the dog's tablets are all gone and the toddler was in there").
RED_FLAGS += [
    (
        r"\b(?:drank|drunk|swallowed|ate|eaten|had\s+a\s+(?:sip|mouthful|gulp)\s+of|sucked|licked|got\s+into)\b[^.!?\n]{0,25}"
        r"\b(?:windscreen\s+wash|screen\s+wash|de-?icer|antifreeze|anti-freeze|brake\s+fluid|petrol|diesel|paraffin|lamp\s+oil|white\s+spirit|"
        r"turps|turpentine|weed\s*killer|slug\s+pellets|rat\s+poison|oven\s+cleaner|drain\s+cleaner|button\s+batter\w*|magnets?|"
        r"e-?liquid|vape\s+(?:liquid|juice)|washing\s+(?:pods?|capsules?|tablets?)|dishwasher\s+(?:tablets?|pods?))\b"
    ),
    (
        r"\b(?:pills|tablets|meds|medicine|medication|capsules|blister\s+pack|packet|bottle)\b[^.!?\n]{0,25}\b(?:all\s+)?(?:gone|missing|empty|open(?:ed)?)\b"
        r"[^\n]{0,60}\b(?:toddler|baby|kid|child|son|daughter|\d\s*(?:yo|year\s+old|y/o)|little\s+one|grandson|granddaughter)\b"
    ),
    (
        r"\b(?:toddler|baby|kid|child|son|daughter|\d\s*(?:yo|year\s+old|y/o)|little\s+one)\b[^\n]{0,60}\b(?:pills|tablets|meds|medicine)\b"
        r"[^.!?\n]{0,25}\b(?:all\s+)?(?:gone|missing|empty)\b"
    ),
]

#: Round three: a caustic named first and the child "got into it", burn marks round the mouth, and a
#: household all ill at once with a boiler or heater (carbon monoxide).
RED_FLAGS += [
    (
        r"\b(?:drain\s+(?:unblocker|cleaner)|caustic(?:\s+soda)?|oven\s+cleaner|bleach|dishwasher\s+(?:tablets?|pods?)|washing\s+(?:pods?|capsules?)|"
        r"limescale\s+remover|toilet\s+cleaner|weed\s*killer|antifreeze)\b[^\n]{0,60}\b(?:got\s+into|drank|drunk|swallowed|ate|licked|sucked|had\s+some)\b"
    ),
    r"\b(?:white|burn|red\s+burn)\s+marks?\s+(?:round|around|on|in|inside)\s+(?:his|her|their|my)\s+(?:mouth|lips)\b",
    (
        r"\b(?:whole\s+family|all\s+of\s+us|everyone\s+(?:in\s+the\s+(?:house|flat))?|we\s+all|both\s+of\s+us|all\s+the\s+kids)\b[^\n]{0,60}"
        r"\b(?:headache|dizzy|sick|vomit\w*|drowsy|faint)\w*\b(?=[^\n]{0,80}\b(?:boiler|heater|gas\s+fire|stove|generator|carbon\s+monoxide|co\s+alarm|fumes)\b)"
    ),
    r"\b(?:carbon\s+monoxide|co\s+alarm)\b[^\n]{0,60}\b(?:headache|dizzy|sick|vomit\w*|drowsy|faint|confus\w*|collaps\w*)",
]

#: Round three: a whole pack swallowed, said of anyone.
RED_FLAGS += [
    r"\b(?:swallowed|took|taken|downed|had)\s+(?:a|the|his|her|my|their|a\s+whole|the\s+whole|an\s+entire)\s+(?:whole\s+)?(?:pack|packet|box|bottle|strip|blister\s+pack|tub)\s+of\b",
]

#: Round four: gas or fumes with a household unwell, insulin or tablets doubled, taken "something" and
#: now hard to wake, brand-name bleach, and bites and stings that carry venom.
_FUMES = r"(?:smell\w*\s+(?:of\s+)?gas|gas\s+(?:smell\w*|leak\w*)|smells?\s+like\s+gas|fumes|(?:bbq|barbecue|charcoal|generator|heater)\s+(?:indoors|inside|in\s+the\s+(?:tent|house|room|caravan|garage)))"
_UNWELL = r"(?:headaches?|dizzy|sick|vomit\w*|drowsy|sleepy|faint\w*|confus\w*|collaps\w*|nause\w*|unwell|woozy|can't\s+wake|hard\s+to\s+wake)"
RED_FLAGS += [
    rf"\b{_FUMES}\b{g(100)}\b{_UNWELL}\b",
    rf"\b{_UNWELL}\b{g(100)}\b{_FUMES}\b",
    (
        r"\b(?:injected|took|taken|done|did|gave|given|had|jabbed)\s+(?:my\s+|his\s+|her\s+|their\s+|the\s+)?(?:\w+\s+)?insulin\b[^.!?\n]{0,40}"
        r"\b(?:twice|two\s+times|double|two\s+doses|two\s+lots|second\s+(?:time|dose)|by\s+mistake|instead\s+of)\b"
    ),
    r"\bdoubl\w*\s+(?:up\s+)?(?:on\s+)?(?:my|his|her|their|the)\s+(?:insulin|dose|tablets|pills|meds|medication)\b",
    rf"\b(?![^\n]*\b(?:multi-?)?vitamin)(?:took|taken|given|gave|had)\b{g(35)}\b(?:twice|two\s+times|three\s+times|double|two\s+lots)\b{g(60)}\b(?:by\s+mistake|accident\w*|forgot|wrong)\b",
    (
        r"\b(?:taken|took|had|swallowed|smoked|snorted|injected)\s+(?:some\s*thing|something|stuff|drugs|pills)\b[^\n]{0,80}"
        r"\b(?:hard\s+to\s+wake|not\s+making\s+(?:any\s+)?sense|making\s+no\s+sense|fitting|seiz\w*|being\s+sick|vomit\w*|confus\w*)\b"
    ),
    (
        r"\b(?:drank|drunk|swallowed|had\s+(?:a\s+)?(?:sip|mouthful|gulp)\s+of)\s+(?:some\s+)?(?:clorox|harpic|jik|zoflora|domestos|dettol|"
        r"flash|ajax|kerosene|thinner|vim|parazone|milton)\b"
    ),
    (
        r"\b(?:bitten|bit|bite|bites|stung)\s+(?:by\s+)?(?:a\s+|an\s+)?(?:snake|brown\s+snake|tiger\s+snake|adder|viper|redback|red-back|"
        r"funnel[\s-]?web|box\s+jellyfish|irukandji|stonefish|blue[\s-]ringed\s+octopus|scorpion)\b"
    ),
    r"\b(?:snake\s*bite|snakebite|funnel[\s-]?web\s+bite|redback\s+bite)\b",
]

#: Round four, more voices: a button or coin battery up a nose, in an ear or in a mouth, or missing
#: near a small child.
RED_FLAGS += [
    (
        r"\b(?:(?:button|coin|watch|lithium|round|little|small|tiny|flat)\s+){1,3}batter(?:y|ies)\b[^\n]{0,50}\b(?:up\s+(?:his|her|their|the)\s+nose|in(?:to)?\s+(?:his|her|their)\s+(?:nose|ear|mouth)|"
        r"swallow\w*|ate|eaten|missing|gone|chew\w*|sucking|mouth)\b"
    ),
    r"\b(?:put|pushed|stuck|shoved|got)\s+(?:a|an|the|one\s+of\s+the)\s+(?:(?:button|coin|watch|lithium|round|little|small|tiny|flat)\s+){1,3}batter(?:y|ies)\b",
]

#: Round five: too much of a medicine taken (doubled, a week's worth, all of it), in any tense a
#: second-language writer uses, with the person now drowsy, confused, "giddy" or unable to stand;
#: and a gas from an appliance ("the AC gas", "the heater gas") with the whole household unwell,
#: the pattern of carbon monoxide.
_TOO_MUCH = (
    r"(?:twice|double|two\s+times|two\s+doses|too\s+many|too\s+much|extra|whole\s+(?:week|month|box|pack|packet|strip|bottle)|"
    r"all\s+(?:of\s+)?(?:his|her|my|their|the)\s+(?:tablets|pills|meds|medicine|medication))"
)
_NOW_UNWELL = (
    r"(?:drowsy|sleepy|dozy|shak\w*|trembl\w*|heart\s+(?:is\s+)?(?:racing|pounding|going\s+(?:funny|crazy|mad|fast|weird)|beating\s+(?:fast|funny|weird))|"
    r"burning\s+(?:hot|up)|breath\w*\s+(?:is\s+|are\s+)?(?:slow|shallow|funny|weird)|being\s+sick|(?:very|really|so)\s+sick|(?:side|tummy|stomach)\s+hurts|"
    r"hallucinat\w*|seeing\s+things|blurr\w*|(?:not|no)\s+making\s+(?:any\s+)?sense|making\s+no\s+sense|giddy|dizzy|can't\s+(?:stand|walk|wake)|hard\s+to\s+wake|"
    r"confus\w*|vomit\w*|throwing\s+up|unresponsive|collaps\w*|faint\w*|slurr\w*|woozy|out\s+of\s+it)"
)
_HOUSEHOLD = r"(?:all|whole|every\s*one|everybody|both|the\s+kids|all\s+of\s+us|(?:my\s+)?family)"
RED_FLAGS += [
    rf"\b(?:take|takes|took|taken|had|has|swallowed|drank|drink|drinks|eat|eats|ate|eaten|given|gave)\b{g(40)}\b{_TOO_MUCH}\b[^\n]{{0,100}}\b{_NOW_UNWELL}",
    rf"\b(?:ac|a/c|aircon|air\s*con|air\s+conditioner|boiler|heater|stove|oven|generator|fire|car|engine|appliance)\s+gas\b[^\n]{{0,80}}\b{_HOUSEHOLD}\b[^\n]{{0,40}}\b{_UNWELL}",
    rf"\bgas\b[^\n]{{0,60}}\b{_HOUSEHOLD}\s+(?:\w+\s+){{0,2}}(?:has|have|got|are|is|feel\w*)\s+(?:a\s+)?{_UNWELL}",
]

#: Round five: a child who drank "from the bottle of the cleaning" (the product named after the
#: bottle, in a second language's order).
RED_FLAGS += [
    (
        r"\b(?:drank|drink|drinks|drunk|swallowed|swallow|sipped|ate|eat)\s+(?:from|out\s+of|some\s+of)\s+(?:the\s+|a\s+|my\s+|his\s+|her\s+)?(?:bottle|tub|can|container|packet|box)\s+"
        r"(?:of\s+)?(?:the\s+)?(?:clean\w*|bleach|detergent|chemical\w*|poison|washing|dish\w*|floor|toilet|spray|perfume|petrol|kerosene|antifreeze|weed\w*|"
        r"medicine|tablets|pills|vodka|whisky|alcohol)\b"
    ),
]

#: Round six: a child who chewed a strong painkiller patch or ate vitamins "like sweets", a teenager
#: barely conscious after drinking.
RED_FLAGS += [
    rf"\b(?:chew\w*|suck\w*|swallow\w*|ate|eaten|eating|lick\w*|mouth\w*)\b{g(40)}\b(?:fentanyl|morphine|methadone|buprenorphine|opioid|pain\s*killer)\s*(?:patch\w*|lolly|lollipop|tablets?|pills?)?",
    rf"\b(?:fentanyl|morphine|buprenorphine)\s+patch\w*\b{g(40)}\b(?:chew\w*|suck\w*|swallow\w*|mouth)\b",
    rf"\b(?:vitamins?|iron|gummies|gummy|tablets|pills|meds|medicine)\b{g(30)}\b(?:like\s+(?:candy|sweets|lollies|smarties)|many\s+of\s+them|a\s+lot\s+of\s+them|handful|the\s+whole\s+(?:bottle|pack|tub|jar))",
    rf"\b(?:drunk|drank|drinking|vodka|alcohol|spirits|whiskey|whisky|rum|gin)\b{g(60)}\b(?:barely\s+(?:conscious|awake|breathing)|unconscious|won't\s+wake|can't\s+wake|not\s+waking|unresponsive|can't\s+stand\s+up\s+and\s+vomit\w*)",
]

#: Round seven: too much of a medicine told by quantity rather than by the word "overdose": "took more
#: of my antidepressants than I should", "eat too many panadol", "two packs of paracetamol", "a whole
#: week of methotrexate in one go", "the whole dosette box at once", methotrexate taken daily instead
#: of weekly; a child who ate a relative's pills named without the possessive ("eat grandma blood
#: pressure pill"); a product that burst or leaked in a child's mouth.
_INGEST = r"(?:took|taken|take|takes|taking|swallowed|swallow|swallows|ate|eaten|eat|eats|drank|drunk|drink|drinks|had|has|downed|necked|popped|given|gave)"
#: Past forms only: "going to swallow all my pills in one go" is an intent, for ``self_harm``.
_TOOK = r"(?:took|taken|swallowed|ate|eaten|drank|drunk|had|has|downed|necked|popped|given|gave|eat|drink)"
_RELATIVE = r"(?:grand\w*|granny|gran|nan|nana|nanna|mum|mom|mother|dad|father|sister|brother|auntie|aunt|uncle|cousin)"
RED_FLAGS += [
    rf"\b{_INGEST}\s+(?:a\s+)?(?:heap|heaps|pile|stack|fistful|bunch|bag)\s+of\s+(?:\w+\s+){{0,2}}?(?:\w+'s\s+)?{MEDS}\b",
    rf"\b{_INGEST}\s+more\b{g(40)}\bthan\s+(?:i|he|she|they|you|we)\s+(?:should|was\s+supposed|were\s+supposed|am\s+supposed|is\s+supposed|are\s+supposed|meant|ought)\b",
    rf"\b{_INGEST}\b{g(30)}\bmore\s+than\s+(?:the\s+)?(?:prescribed|recommended|maximum|max|stated|allowed|safe)\b",
    rf"\b(?:eat|eats|drink|drinks|swallow|swallows|popped|necked)\b{g(20)}\b(?:too?\s+many|too?\s+much|loads\s+of|a\s+lot\s+of|handful\s+of|\d{{2,}})\b{g(25)}\b{MEDS}",
    rf"\b{_TOOK}\b{g(20)}\b(?:\d+|two|three|four|five|six|several|a\s+few|few|couple\s+of)\s+(?:whole\s+)?(?:packs?|packets?|boxes|bottles|strips|sheets|blisters?|tubs?)\s+of\b",
    rf"\b{_TOOK}\b{g(30)}\b(?:whole|entire|full|all\s+of\s+(?:this|the|his|her|my|their))\s+(?:week|week's|weeks|month|month's|fortnight|fortnight's|day's)\s+(?:worth\s+)?(?:of\s+)?(?:\w+\s+){{0,2}}?{MEDS}\b",
    rf"\b{_TOOK}\b{g(30)}\b{MEDS}\b{g(30)}\b(?:at\s+once|all\s+at\s+once|in\s+one\s+go|all\s+together|in\s+one\s+(?:sitting|day))\b",
    rf"\b(?:methotrexate|weekly\s+(?:tablet|pill|dose|injection)s?)\b{g(60)}\b(?:every\s+day|daily|each\s+day)\b|\b(?:every\s+day|daily|each\s+day)\b{g(40)}\binstead\s+of\s+(?:once\s+a\s+week|weekly|once\s+weekly)\b",
    (
        rf"\b(?:{CHILD}|baby)\b{g(20)}\b{_INGEST}\s+(?:some\s+(?:of\s+)?|the\s+|my\s+|his\s+|her\s+)?{_RELATIVE}(?:'s)?\s+(?:\w+\s+){{0,3}}?"
        r"(?:tablets?|pills?|meds|medicines?|medication|capsules?|patch\w*)\b"
    ),
    rf"\b(?:{CHILD}|baby)\b{g(20)}\b{_INGEST}\b{g(40)}\b(?:pills?|tablets?|capsules?)\b{g(30)}\b(?:\d+|two|three|four|five|six|some|many|several)\s+(?:pills?|tablets?|capsules?)\b",
    rf"\b(?:{SUBSTANCE}|pods?|capsules?|tablets?|liquid|battery|batteries)\b{g(25)}\b(?:burst|exploded|leaked|split|popped|broke|opened)\s+(?:open\s+)?in\s+(?:his|her|their|my|the|a)\s+(?:\w+'s\s+)?mouth\b",
]

#: Round seven: "all bottle of pills" without the article, as many second-language writers put it.
RED_FLAGS += [
    rf"\b{_INGEST}\s+(?:the\s+|a\s+)?(?:all|whole|full|entire)\s+(?:the\s+)?(?:bottle|pack|packet|box|strip|blister|tub|jar|sheet)\s+(?:of\s+)?(?:\w+\s+){{0,2}}?{MEDS}\b",
]
