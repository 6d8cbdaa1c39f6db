"""A mental health crisis: danger to others or to the person from psychosis, mania or a violent
rage, a person missing after saying goodbye, postpartum psychosis, delirium's hallucinations.

Suicidal intent itself is ``self_harm``; this module is the rest of what a crisis team or 911 is
called for. Chronic, treated and past states ("he hears voices, stable on his meds") are left to
the history and reassurance filters and to the need for an acute sign beside the psychotic one.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

#: Someone threatened or about to be hurt: "says he'll stab his stepdad", "threatening to hurt
#: me", "will hurt the children". Not "kill me" (my mum will kill me if I'm late is an idiom).
_HARM = r"(?:hurt|stab|shoot|attack|harm|strangle|beat\s+up|smash\s+(?:his|her)\s+head)"
_OTHERS = (
    r"(?:him|her|them|someone|somebody|anyone|people|everyone|the\s+(?:kids|children|baby|staff|nurse|neighbours?)|"
    r"(?:his|her|my|their|our)\s+(?:\w+\s+)?(?:dad|father|mum|mom|mother|wife|husband|partner|boss|brother|sister|son|daughter|"
    r"kids|children|baby|family|stepdad|stepmum|teacher|neighbours?|carer|girlfriend|boyfriend))"
)
_VICTIM = rf"(?:me|us|you|{_OTHERS})"
#: Who says it: a threat reported ("says he'll", "threatening to") or a person about to ("he's going
#: to"); never a thing ("is the jab going to hurt her?").
_THREAT = (
    r"(?:threaten\w*|(?:says?|said|saying|keeps\s+saying)\s+(?:that\s+)?(?:he|she|they|he'll|she'll|they'll|he's|she's)?\s*"
    r"(?:will|would|is\s+going\s+to|going\s+to|gonna)?|(?:he|she|they)(?:'ll|\s+will|'s\s+going\s+to|\s+is\s+going\s+to|"
    r"'s\s+gonna|\s+gonna|\s+wants?\s+to|\s+tried\s+to|\s+is\s+trying\s+to))\s+(?:to\s+|2\s+)?"
)
_PSYCHOSIS = (
    r"(?:hearing\s+voices|hears\s+voices|voices\s+(?:are\s+)?(?:telling|talking|told|tell|tells|say|says|said|saying|order\w*|command\w*)|hallucinat\w*|paranoi\w*|"
    r"(?:seeing|sees|saw|hearing|hears)\s+(?:things|people|bugs|insects|spiders|someone|faces)\s+(?:that|who)?\s*(?:are\s+not|aren't|isn't|is\s+not|not)\s+(?:there|real)|"
    r"(?:thinks?|convinced|believes?|says?|saying|keeps\s+saying)\s+(?:that\s+)?(?:people|everyone|the\s+(?:government|police|neighbours?|staff|tv|devil)|we|they|someone)\s+(?:are|is)\s+"
    r"(?:following|watching|after|spying|poisoning|listening|inside|controlling|out\s+to\s+get|demons|spies|going\s+to\s+kill|putting|sending|reading|stealing|tracking|bugging|implant\w*|recording)|"
    # thought insertion and implants said of anyone: "putting thoughts in his head", "implanted something in her teeth"
    r"(?:putting|put|puts|sending|reading|stealing|taking|controlling|broadcast\w*)\s+(?:\w+\s+)?(?:thoughts|ideas|mind|brain)|"
    r"(?:implanted|planted|installed|put)\s+(?:a\s+|an\s+)?(?:something|chips?|trackers?|devices?|cameras?|microchips?|bugs?)\s+(?:in|into|inside)|"
    r"(?:god|the\s+devil|spirits|angels|demons)\s+(?:is|are)\s+(?:talking|speaking|telling)|"
    r"(?:says?|saying|thinks?|believes?|tell\w*\s+(?:me|us|everyone)|told\s+(?:me|us|everyone))\s+(?:that\s+)?(?:he|she|they)\s+(?:is|are|'s)\s+(?:god|jesus|the\s+messiah|a\s+prophet|the\s+devil|possessed)|"
    r"people\s+(?:are\s+)?inside\s+(?:her|his|my)\s+head|cameras\s+in\s+the\s+walls|"
    r"talking\s+to\s+(?:himself|herself|themselves)\s+(?:all|the\s+whole)|tweaking|psychotic|psychosis|manic\s+episode)"
)
#: What makes a psychotic sign an emergency now, not a symptom to book about.
_ACUTE = (
    r"(?:knife|knives|gun|weapon|machete|parang|axe|hammer|(?:not|hasn't|hadn't|haven't|no)\s+(?:slept|sleep|sleeping)|"
    r"without\s+sleep|days\s+without\s+sleeping|violent|aggressive|out\s+of\s+control|barricad\w*|threat\w*|"
    r"won't\s+calm|can't\s+calm|screaming|shouting|smash\w*|broke|broken|breaking|left\s+the\s+house|ran\s+(?:off|away|out|into)|"
    r"window|roof|traffic|road|bridge|river|canal|sea|tracks|baby|scratching|bleed\w*|won't\s+eat|not\s+eat\w*|police|danger\w*|scared\s+of\s+(?:him|her))"
)

#: Enough on their own.
RED_FLAGS: list[str] = [
    rf"\b{_THREAT}{_HARM}\s+{_VICTIM}\b(?!\s+(?:feelings|chances))",
    # "kill me" is an idiom ("mum will kill me if I'm late"); killing someone else is not
    rf"\b{_THREAT}kill\s+{_OTHERS}\b",
    rf"\b(?:threaten\w*|waving|holding|brandish\w*|came\s+at|coming\s+at|went\s+for|going\s+for|pointing|pulled)\b{g(40)}\b(?:knife|gun|shotgun|rifle|axe|machete|parang|hammer|bat|chair|weapon|blade|bottle)\b",
    rf"\b(?:knife|gun|shotgun|rifle|axe|machete|parang|weapon|blade)\b{g(40)}\b(?:threaten\w*|waving|at\s+(?:me|us|him|her|them)|to\s+(?:my|his|her)\s+(?:throat|head|neck))",
    rf"\b{_PSYCHOSIS}\b{g(120)}\b{_ACUTE}",
    rf"\b{_ACUTE}\b{g(120)}\b{_PSYCHOSIS}",
    # delirium or psychosis shown by what the person does
    r"\b(?:ran|running|walked|walking|standing|lying|wandering)\s+(?:out\s+)?(?:into|in)\s+(?:the\s+)?(?:middle\s+of\s+the\s+)?(?:road|traffic|motorway|highway)\b",
    r"\b(?:trying|tried|wants?)\s+to\s+(?:climb|jump)\s+out\s+(?:of\s+)?(?:the\s+|a\s+)?window\b",
    r"\b(?:drive|driving|crash|steer)\s+(?:the\s+|his\s+|her\s+|my\s+)?car\s+(?:into|off)\b",
    # a goodbye, then gone: "wrote goodbye letters and left, her car is gone"
    (
        r"\bgood\s*-?\s*by(?:e|es)?\b[^\n]{0,120}\b(?:left|gone|missing|(?:can't|cannot|couldn't)\s+(?:find|reach|contact)|doesn't\s+pick\s+up|not\s+(?:answering|picking\s+up)|"
        r"phone\s+(?:is\s+)?(?:off|dead)|switched\s+off|turned\s+off|nobody\s+knows\s+where|no\s+one\s+knows\s+where)\b"
    ),
    # after a birth: voices, no sleep for days, ideas about the baby
    rf"\b(?:after\s+(?:giving\s+)?birth|after\s+(?:the\s+)?baby|since\s+(?:the\s+)?baby|postpartum|post-partum|gave\s+birth)\b{g(80)}\b(?:voices|talking\s+to\s+her|not\s+sleep\w*|no\s+sleep|believes|hallucinat\w*|must\s+not\s+feed|harm\s+the\s+baby|hurt\s+the\s+baby)\b",
    rf"\b(?:voices|god|the\s+devil|spirits)\b{g(80)}\b(?:baby|must\s+not\s+feed)\b{g(80)}\b(?:birth|born|weeks?\s+old|days?\s+old)\b",
    # out of control and hurting
    rf"\b(?:pushed|hit|punched|choked|grabbed|slapped|strangled)\s+(?:me|us|her|him|my\s+\w+)\b{g(60)}\b(?:not\s+himself|not\s+herself|doesn't\s+recognise|lost\s+it|out\s+of\s+control|scared)\b",
    rf"\b(?:not\s+himself|not\s+herself|lost\s+it|out\s+of\s+control)\b{g(60)}\b(?:pushed|hit|punched|choked|grabbed|slapped|strangled)\s+(?:me|us|her|him|my\s+\w+)\b",
]

#: Red-flag words that need an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    rf"\b{_PSYCHOSIS}\b",
    r"\b(?:out\s+of\s+control|in\s+a\s+(?:rage|psychosis)|violent|smashing\s+(?:things|windows|everything))\b",
]

#: Round seven: psychosis, mania and delirium in the words of a frightened family, often in a second
#: language: seeing devils or spirits, talking to God, "someone inside his head", "can't tell what's
#: real", thinking a relative is an intruder, not recognising the family, saying she can fly, a new
#: mother saying the baby is not hers, "completely manic". These need an acute sign too (below), so a
#: known, treated illness ("he hears voices, stable on his meds") stays a booking.
_PSYCHOSIS_LAY = (
    r"(?:(?:see|sees|seeing|saw)\s+(?:the\s+)?(?:devils?|demons?|ghosts?|spirits|angels|dead\s+people|monsters|snakes|people\s+in\s+the\s+(?:room|walls?))|"
    r"(?:seeing|sees|saw|see|hearing|hears|heard)\s+(?:\w+\s+){1,4}?(?:that|who|which)\s+(?:are\s+not|aren't|isn't|is\s+not|weren't|wasn't|were\s+not)\s+(?:there|real)|"
    r"(?:spiders|bugs|insects|ants|worms|snakes|lice|things)\s+(?:are\s+)?(?:crawling|walking|biting|moving)\s+(?:on|over|under|in|all\s+over)\s+(?:her|him|his|my|them|their|me)|"
    r"(?:the\s+)?(?:tv|television|radio|phone|computer|walls?)\s+(?:is|are)\s+(?:talking|speaking|sending|giving|whispering)\s+(?:to\s+|him\s+|her\s+|me\s+)?(?:him|her|me|them|messages|signals)|"
    r"(?:talking|talks|talk|speaking|speaks)\s+(?:to|with)\s+(?:god|the\s+devil|spirits|angels|dead\s+people|the\s+dead|people\s+who\s+(?:aren't|are\s+not)\s+there|the\s+tv|jinn|djinn)|"
    r"(?:can't|cannot|can\s+not|doesn't|don't|does\s+not|do\s+not)\s+(?:tell|know)\s+(?:what's|what\s+is)\s+real|"
    r"(?:someone|somebody|people|voices|something|a\s+voice|the\s+devil|a\s+demon|demons|jinn)\s+(?:is\s+|are\s+)?(?:inside|in)\s+(?:his|her|my|their)\s+(?:head|mind|body)|"
    r"(?:thinks?|says?|said|believes?|convinced|screaming|shouting)\s+(?:that\s+)?(?:i\s+am|i'm|we\s+are|we're|you\s+are|he\s+is|she\s+is|he's|she's|they\s+are|they're)\s+"
    r"(?:an?\s+)?(?:intruder|stranger|imposter|impostor|spy|enemy|devil|demon|god|jesus|possessed|chosen|poisoning|trying\s+to\s+kill)|"
    r"(?:says?|said|thinks?|believes?)\s+(?:that\s+)?(?:he|she|they|i)\s+(?:can|could)\s+fly|(?:has|have)\s+(?:special|super|magic)\s+powers|"
    r"(?:baby|child|son|daughter)\s+(?:is\s+not|isn't|is\s+n't|not|is)\s+(?:hers|his|theirs|evil|possessed|the\s+devil|a\s+demon|not\s+(?:hers|his|real))|"
    r"(?:doesn't|does\s+not|didn't|don't)\s+know\s+who\s+(?:we|i|you|his\s+\w+|her\s+\w+)\s+(?:are|am|is)|(?:not|isn't|doesn't|don't|won't|didn't|stopped)\s+recogni[sz]\w*\s+(?:us|me|anyone|anybody|any\s+of\s+(?:us|them)|his|her|their|the\s+family)|"
    # "manic" of a person, not of a week at work
    r"(?:he|she|they|he's|she's|they're|sister|brother|son|daughter|wife|husband|mum|mom|dad|partner|friend|flatmate)\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|gone\s+|been\s+|went\s+|seems\s+)?(?:\w+\s+)?manic|"
    r"psychotic|delusion\w*|delirious|delirium|voices\s+(?:are\s+)?(?:getting\s+)?louder|"
    # mania in lay words
    r"talking\s+(?:very\s+|really\s+|so\s+|super\s+)fast|(?:spending|spent|spends)\s+(?:all|loads\s+of|thousands)\s+(?:of\s+)?(?:her|his|the|their|our)?\s*money|racing\s+thoughts|thoughts\s+(?:are\s+)?racing|talking\s+(?:non-?\s*stop|without\s+(?:a\s+)?(?:stop|break|pause)))"
)
_ACUTE_MORE = (
    r"(?:(?:afraid|scared|frightened|fear)\s+(?:for|of)\s+(?:the\s+|my\s+|our\s+)?(?:children|kids|baby|us|my\s+life|our\s+(?:lives|safety)|him|her)|"
    r"locked\s+(?:me|us|himself|herself|themselves)\s+(?:out|in)|stick|bat|gas|run\w*\s+(?:outside|out|away|off)|tried\s+to\s+(?:run|drive|leave|jump)|"
    r"driv\w*|drove|fly|intruder|hit\w*|punch\w*|kick\w*|fight\w*|chas\w*|(?:wants?|going|trying|tried|threaten\w*)\s+to\s+jump|slept\s+in|sleep\s+for|hurt\w*|attack\w*|bang\w*|(?:please|someone|somebody)\s+(?:send|call|help|come)|"
    r"send\s+someone|getting\s+louder|wandering|naked|barefoot|in\s+the\s+rain|nightie|nightdress|pyjamas|no\s+shoes|"
    r"(?:went|gone|goes|going|walked|left)\s+out\s+(?:at\s+(?:\d{1,2}|one|two|three|four)\s*(?:am|in\s+the\s+morning)|in\s+the\s+middle\s+of\s+the\s+night)|"
    r"stopped\s+(?:taking\s+)?(?:his|her|their|my)\s+(?:meds|medication|medicine|tablets|pills|lithium|injections?)|"
    r"(?:trying|tried|wants?)\s+to\s+(?:pull|cut|dig|rip|tear)\s+(?:\w+\s+){0,2}(?:out|off)|agitated|won't\s+(?:let|listen|stop)|(?:i\s+am|i'm|we\s+are|we're)\s+(?:so\s+|very\s+|really\s+)?afraid\b(?!\s+(?:that|to|it|this|i))|terrified)"
)
RED_FLAGS += [
    rf"\b{_PSYCHOSIS_LAY}\b{g(150)}\b(?:{_ACUTE}|{_ACUTE_MORE})",
    rf"\b(?:{_ACUTE}|{_ACUTE_MORE})\b{g(150)}\b{_PSYCHOSIS_LAY}\b",
    rf"\b{_PSYCHOSIS}\b{g(150)}\b{_ACUTE_MORE}",
    rf"\b{_ACUTE_MORE}\b{g(150)}\b{_PSYCHOSIS}",
    # after a birth (weeks, not years): beliefs about the baby, God or voices, no sleep
    (
        rf"\b(?:had|has\s+had|just\s+had|gave\s+birth\s+to)\s+(?:a|the|her|their|our|my)\s+(?:baby|son|daughter|twins)\b{g(40)}\b(?:\d+|two|three|four|five|six|a\s+few|few)\s+(?:days?|weeks?)\s+ago\b"
        rf"{g(120)}\b(?:{_PSYCHOSIS_LAY}|{_PSYCHOSIS}|(?:not|hasn't|no)\s+(?:slept|sleep\w*)|god|voices)"
    ),
    # hurting oneself over and over in a meltdown or rage
    rf"\b(?:bang\w*|hit\w*|smash\w*)\s+(?:his|her|their|my)\s+head\s+(?:against|on|into)\s+(?:the\s+)?(?:wall|walls|floor|door|window|table)\b{g(40)}\b(?:over\s+and\s+over|again\s+and\s+again|repeatedly|won't\s+stop|can't\s+stop|bleed\w*|blood|non-?stop)",
    # a gas left open behind a locked door
    rf"\b(?:gas|oven|hob|cooker|stove)\s+(?:is\s+|was\s+)?(?:open|on|turned\s+on|left\s+on|running)\b{g(60)}\blocked\s+(?:himself|herself|themselves|myself|in|the\s+door)\b",
    rf"\block\w*\s+(?:himself|herself|themselves|myself)\s+in\b{g(60)}\b(?:gas|oven|hob|cooker|stove)\s+(?:is\s+|was\s+)?(?:open|on|turned\s+on|left\s+on|running)\b",
]
