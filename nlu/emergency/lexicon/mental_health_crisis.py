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
    r"(?:hearing\s+voices|hears\s+voices|voices\s+(?:are\s+)?(?:telling|talking)|hallucinat\w*|paranoi\w*|"
    r"(?:seeing|sees|saw|hearing|hears)\s+(?:things|people|bugs|insects|spiders|someone|faces)\s+(?:that|who)?\s*(?:are\s+not|aren't|isn't|is\s+not|not)\s+(?:there|real)|"
    r"(?:thinks?|convinced|believes?|says?|saying|keeps\s+saying)\s+(?:that\s+)?(?:people|everyone|the\s+(?:government|police|neighbours?|staff|tv|devil)|we|they|someone)\s+(?:are|is)\s+"
    r"(?:following|watching|after|spying|poisoning|listening|inside|controlling|out\s+to\s+get|demons|spies|going\s+to\s+kill)|"
    r"(?:god|the\s+devil|spirits|angels|demons)\s+(?:is|are)\s+(?:talking|speaking|telling)|"
    r"(?:says?|saying|thinks?|believes?)\s+(?:he|she|they)\s+(?:is|are|'s)\s+(?:god|jesus|the\s+messiah|a\s+prophet|the\s+devil|possessed)|"
    r"people\s+(?:are\s+)?inside\s+(?:her|his|my)\s+head|cameras\s+in\s+the\s+walls|"
    r"talking\s+to\s+(?:himself|herself|themselves)\s+(?:all|the\s+whole)|tweaking|psychotic|psychosis|manic\s+episode)"
)
#: What makes a psychotic sign an emergency now, not a symptom to book about.
_ACUTE = (
    r"(?:knife|knives|gun|weapon|machete|parang|axe|hammer|(?:not|hasn't|hadn't|haven't|no)\s+(?:slept|sleep|sleeping)|"
    r"without\s+sleep|days\s+without\s+sleeping|violent|aggressive|out\s+of\s+control|barricad\w*|threat\w*|"
    r"won't\s+calm|can't\s+calm|screaming|shouting|smash\w*|broke|broken|breaking|left\s+the\s+house|ran\s+(?:off|away|out|into)|"
    r"window|roof|traffic|road|bridge|baby|scratching|bleed\w*|won't\s+eat|not\s+eat\w*|police|danger\w*|scared\s+of\s+(?:him|her))"
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
