"""Self-harm and suicidal intent, direct and indirect: plans, means at hand, goodbyes, not trusting
oneself to stay safe tonight.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|off|drown|"
    r"poison|stab|starve|strangle|suffocate)\s+(?:myself|my\s+self|meself|himself|herself|themselves|themself)\b"
    # an accident is not self-harm: "cut myself shaving", "burnt myself on the oven"
    r"(?!\s+(?:shaving|cooking|gardening|on\s+(?:a|the|some)|by\s+accident|accidentally|while|in\s+the\s+kitchen))"),
    r"\b(?:stood|standing|been\s+standing|went\s+to\s+(?:the\s+)?(?:bridge|cliff|edge|tracks))\b[^.!?\n]{0,30}\b(?:bridge|ledge|edge|cliff|tracks|roof)\b",
    r"\b(?:scared|afraid|frightened|worried)\s+(?:that\s+)?(?:i'll|i\s+will|i\s+might|i\s+may)\s+(?:go\s+back|do\s+it|try\s+again|act\s+on\s+it)\b",
    r"\bkms\b", r"\bself[\s-]?harm\w*\b(?![\s-]free)", r"\bsuicid\w*\b", r"\bunalive\b",
    (r"\b(?:end|ending|take|taking|finish|finishing)\s+(?:(?:my|his|her|their)\s+(?:own\s+)?life|it\s+all|things|everything)\b"
    r"(?!\s+(?:with\s+(?:him|her|them)|early|on\s+a))"),
    (r"\b(?:just\s+)?(?:want|wanna|going|gonna|ready|plan\w*|thinking\s+(?:of|about))\s+(?:to\s+)?end\s+it\b"
    r"(?!\s+(?:with|early|now\s+with))"),
    r"\bend\s+it\s+all\b", r"\btake\s+my\s+(?:own\s+)?life\b",
    r"\b(?:i|i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to)\s+end\s+it\b(?!\s+with)",
    r"\b(?:end|ending|finish)\s+(?:it|things|everything|my\s+life)\s+(?:tonight|today|this\s+week|soon)\b",
    (r"\b(?:want|wanna|going|gonna|wish|wishing|ready|plan\w*)\s+(?:to\s+|2\s+)?(?:die|be\s+dead|not\s+(?:be\s+)?(?:here|alive|"
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
    rf"\b(?:got|have|made|making)\s+a\s+plan\b{g(60)}\b(?:do\s+it|go\s+through\s+with\s+it|end\s+it)\b",
    r"\bno\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to|in)\s+(?:keep\s+|keeping\s+)?(?:go(?:ing)?\s+on|liv\w*|be(?:ing)?\s+(?:here|alive)|carry(?:ing)?\s+on)\b",
    (r"\bcan't\s+(?:go\s+on|keep\s+going|carry\s+on|take\s+(?:it|this)\s+any\s*more|do\s+this\s+any\s*more|cope\s+any\s*more)\b"
    r"(?![^.!?\n]{0,30}\b(?:bot|app|website|hold|queue|waiting|phone|job|work|noise|pain\s+in\s+my\s+(?:back|knee)))"),
    r"\bnot\s+(?:be|going\s+to\s+be|gonna\s+be)\s+(?:around|here)\s+(?:much\s+longer|for\s+long|any\s*more|tomorrow)\b",
    r"\b(?:said|saying|say)\s+(?:my\s+)?goodbye\w*\s+to\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
    r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+|goodbye\s+)?note\b(?![^.!?\n]{0,20}\b(?:for\s+work|sick|doctor|school))",
    r"\b(?:saved|saving|stockpil\w*|hoard\w*|collect\w*)\s+(?:up\s+)?(?:my\s+|all\s+my\s+)?(?:pills|tablets|meds|medication)\b",
    r"\b(?:stash|stockpile|hoard|supply)\s+of\s+(?:pills|tablets|meds|medication|painkillers)\b",
    r"\b(?:go\s+to\s+)?sleep\s+and\s+(?:never|not)\s+wake\s+up\b", r"\bnever\s+wake\s+up\b",
    r"\b(?:life|living)\s+(?:is|isn't)\s+(?:not\s+)?worth\s+(?:it|living)\b", r"\bnot\s+worth\s+living\b",
    r"\bbetter\s+off\s+gone\b", r"\bburden\s+(?:to|on)\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
    r"\b(?:jump|jumping|throw\s+myself|throw\s+himself|throw\s+herself)\s+(?:off|from|in\s+front|under)\b",
    (r"\b(?:standing|sitting|climbed|climbing)\s+(?:on|onto|at\s+the\s+edge\s+of)\s+(?:the\s+|a\s+)?(?:ledge|edge|roof|bridge|railing|"
    r"balcony\s+(?:railing|edge|ledge))\b"),
    r"\b(?:going|gonna)\s+to\s+kill\s+(?:himself|herself|themselves)\b",
    r"\bno\s+longer\s+want\s+to\s+(?:live|be\s+here|be\s+alive)\b", r"\bdisappear\s+forever\b",
    r"\bend\s+(?:the|my|this|all\s+the)\s+pain\s+(?:for\s+good|forever|permanently|once\s+and\s+for\s+all)\b",
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
    (r"\b(?:want\s+to|going\s+to|gonna|about\s+to|will|i'll)\s+(?:take|swallow|down)\s+(?:the\s+whole\s+lot|all\s+of\s+them|"
     r"every\s+(?:single\s+)?(?:one|pill|tablet))\b"),
    (r"\b(?:driving|drive|crash\w*|walking|walk|stepping|step|throwing\s+myself|throw\s+myself)\s+(?:my\s+car\s+)?(?:into|in\s+front\s+of|"
     r"off|under)\s+(?:a|the)\s+(?:wall|tree|train|bus|lorry|truck|car|traffic|bridge|cliff|river)\b"),
    r"\b(?:looking\s+up|searching|search\w*\s+for|googl\w*|researching|reading\s+about)\s+(?:ways|how)\s+to\s+(?:die|kill|end|overdose|hang)\b",
    r"\bways\s+to\s+(?:die|kill\s+myself|end\s+(?:it|my\s+life))\b",
    (r"\b(?:can't|cannot|won't|don't\s+know\s+if\s+i\s+can)\s+(?:promise|guarantee|say)\s+(?:that\s+)?(?:i'll|i\s+will|to)\s+"
     r"(?:be|stay|keep)\s+(?:myself\s+)?safe\b"),
    (r"\b(?:thinking|thought|thoughts)\s+(?:of|about)\s+(?:jumping(?!\s+(?:in|into|on|onto|at|ship|the\s+queue|to))|hanging(?!\s+(?:out|up|around|on))|"
    r"overdosing|cutting\s+(?:myself|deep)|drowning\s+myself)\b"),
    r"\bthis\s+is\s+(?:goodbye|the\s+end\s+for\s+me|my\s+last\s+(?:message|night))\b(?![^.!?\n]{0,20}\b(?:from\s+(?:me|us)\s+until|until|till|for\s+now|from\s+the\s+practice))",
    r"\b(?:pills|tablets|meds|blades?|razors?|knife)\s+(?:are\s+)?(?:next\s+to|in\s+front\s+of|beside|ready\s+beside)\s+me\b",
    r"\b(?:this\s+is\s+)?(?:my\s+)?(?:last|final)\s+(?:message|text|goodbye)\b",
    r"\bgoodbye\s+(?:everyone|forever|world|cruel)\b",
    r"\bwon't\s+(?:be\s+(?:here|around|alive)|make\s+it\s+through\s+the\s+night|wake\s+up)\s+(?:tomorrow|in\s+the\s+morning|by)\b",
    r"\b(?:voices|voice)\b[^.!?\n]{0,30}\b(?:telling|tell|tells)\s+me\s+to\s+(?:hurt|kill|harm|die|end)\b",
    r"\b(?:going\s+to|gonna|want\s+to|might|will)\s+(?:hurt|harm|kill)\s+(?:someone|somebody|my\s+(?:kids|baby|wife|husband))\b",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [r"\b(?:hopeless|can't\s+cope|give\s+up|hurt\s+myself|overwhelmed|want\s+to\s+disappear)\b"]
