"""Self-harm and suicidal intent, direct and indirect: plans, means at hand, goodbyes, not trusting
oneself to stay safe tonight.
"""

from __future__ import annotations

from nlu.emergency.lexicon.fragments import g

#: Enough on their own.
RED_FLAGS: list[str] = [
    (
        r"\b(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|burn|burning|hang|hanging|shoot|shooting|off|drown|"
        r"poison|stab|starve|strangle|suffocate|"
        # round twelve: the whole family of verbs of cutting and hurting ("slicing myself open", "carve into myself")
        r"slice|slicing|slit|slitting|slash|slashing|carve|carving|stabbing|strangling|choke|choking|punch|punching|hitting|beat|beating)"
        r"\s+(?:into\s+)?(?:myself|my\s+self|meself|himself|herself|themselves|themself)\b"
        # an accident is not self-harm: "cut myself shaving", "burnt myself on the oven"
        r"(?!\s+(?:shaving|cooking|gardening|on\s+(?:a|the|some)|by\s+accident|accidentally|while|in\s+the\s+kitchen|at\s+(?:the\s+)?"
        r"(?:gym|work|football|training)|playing|lifting|pulling|doing|running|falling|when\s+i\s+fell|moving|carrying|at\s+the\s+weekend))"
    ),
    r"\b(?:stood|standing|been\s+standing|went\s+to\s+(?:the\s+)?(?:bridge|cliff|edge|tracks))\b[^.!?\n]{0,30}\b(?:bridge|ledge|edge|cliff|tracks|roof)\b",
    r"\b(?:scared|afraid|frightened|worried)\s+(?:that\s+)?(?:i'll|i\s+will|i\s+might|i\s+may)\s+(?:go\s+back|do\s+it|try\s+again|act\s+on\s+it)\b",
    r"\bkms\b",
    # a death announced for today, in the patient's words or reported by a relative:
    # "she say she will die tonight", "he keeps saying he's going to die today"
    (
        r"\b(?:i|i'll|i'm|he|he'll|he's|she|she'll|she's|they|they'll|they're)\s+(?:will|is\s+going\s+to|are\s+going\s+to|going\s+to|gonna|am\s+going\s+to)?\s*"
        r"(?:die|kill\s+(?:myself|himself|herself|themselves))\s+(?:tonight|today|this\s+(?:evening|night))\b"
    ),
    r"\bself[\s-]?harm\w*\b(?![\s-]free)",
    r"\bsuicid\w*\b",
    r"\bunalive\b",
    (
        r"\b(?:end|ending|take|taking|finish|finishing)\s+(?:(?:my|his|her|their)\s+(?:own\s+)?life|it\s+all|things|everything)\b"
        r"(?!\s+(?:with\s+(?:him|her|them)|early|on\s+a))"
    ),
    (
        r"\b(?:just\s+)?(?:want|wanna|going|gonna|ready|plan\w*|thinking\s+(?:of|about))\s+(?:to\s+)?end\s+it\b"
        r"(?!\s+(?:with|early|now\s+with))"
    ),
    r"\bend\s+it\s+all\b",
    r"\btake\s+my\s+(?:own\s+)?life\b",
    r"\b(?:i|i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to)\s+end\s+it\b(?!\s+with)",
    r"\b(?:end|ending|finish)\s+(?:it|things|everything|my\s+life)\s+(?:tonight|today|this\s+week|soon)\b",
    (
        r"\b(?:want|wanna|going|gonna|wish|wishing|ready|plan\w*)\s+(?:to\s+|2\s+)?(?:die|be\s+dead|not\s+(?:be\s+)?(?:here|alive|"
        r"exist\w*|wake\s+up)|disappear\s+forever)\b"
    ),
    (
        r"\b(?:wish|hope)\s+(?:i|i'd)\s+(?:was|were|could\s+be|would|could)\s+(?:dead|die|not\s+wake|gone\s+forever|"
        r"just\s+die|disappear|never\s+wake)"
    ),
    r"\b(?:don't|do\s+not|doesn't|does\s+not|didn't)\s+want\s+to\s+(?:live|be\s+alive|be\s+here|wake\s+up|exist|go\s+on|carry\s+on)\b",
    (
        r"\b(?:don't|doesn't)\s+think\s+(?:i'll|ill|i\s+will|he'll|she'll|he\s+will|she\s+will)\s+(?:be\s+(?:around|here|alive)|"
        r"make\s+it)\b"
    ),
    r"\b(?:got|have|has|had|getting)\s+(?:the|my|his|her|all\s+the|all\s+my)\s+(?:pills|tablets|rope|knife|gun|razor|blades?)\s+ready\b(?!\s+(?:to|for)\s+(?:collect|collection|pick\s*up|pickup|the\s+pharmacy))",
    rf"\b(?:letters?|notes?|texts?|messages?|cards?)\b{g(40)}\bgoodbye\b",
    (
        rf"\b(?:texted|messaged|sent|left|wrote|rang|rung|called|phoned|posted|put\s+up|shared|tweeted)\b{g(50)}\b(?:sorry|loves?\s+(?:us|me|you|them)|goodbye|thank\w*\s+(?:you\s+|u\s+)?for\s+everything)\b{g(80)}"
        rf"\b(?:not\s+answering|won't\s+answer|isn't\s+answering|(?:nobody|no\s+one|noone)\s+can\s+(?:reach|get\s+hold|find)|can't\s+(?:reach|get\s+hold|find|contact)|phone\s+(?:is\s+)?off)\b"
    ),
    rf"\b(?:hose\s*pipe|hose)\b{g(40)}\b(?:car|exhaust)\b",
    rf"\b(?:car|exhaust)\b{g(40)}\b(?:hose\s*pipe|hose)\b",
    (
        rf"\b(?:locked|shut)\s+(?:himself|herself|themselves|myself)\s+in\b{g(80)}\b(?:gun|shotgun|knife|pills|rope|"
        rf"won't\s+come\s+out|want\w*\s+to\s+die|be\s+here)"
    ),
    r"\b(?:gun|shotgun|rifle|knife)\b[^.!?\n]{0,40}\b(?:to\s+(?:his|her|my)\s+head|in\s+(?:his|her|my)\s+mouth)\b",
    (
        r"\bbetter\s+off\s+(?:dead|without\s+me|if\s+i\s+(?:just\s+)?(?:wasn't|weren't|was\s+not|were\s+not|didn't\s+exist|"
        r"was\s+gone|were\s+gone|was\s+dead|died)|if\s+i\s+(?:was|were)\s+(?:gone|dead))\b"
    ),
    r"\b(?:don't|can't|cannot|do\s+not)\s+see\s+(?:a|any)\s+way\s+out\b|\bno\s+way\s+out\b",
    r"\b(?:do|doing|done|did)\s+something\s+to\s+(?:myself|himself|herself|themselves)\b",
    r"\b(?:no|nothing\s+left\s+to|no\s+reason\s+to|not\s+worth)\s+(?:point\s+(?:in\s+)?)?liv(?:e|ing)\b",
    rf"\b(?:got|have|made|making)\s+a\s+plan\b{g(60)}\b(?:do\s+it|go\s+through\s+with\s+it|end\s+it)\b",
    r"\bno\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to|in)\s+(?:keep\s+|keeping\s+)?(?:go(?:ing)?\s+on|liv\w*|be(?:ing)?\s+(?:here|alive)|carry(?:ing)?\s+on)\b",
    (
        # not a day or an outing: "I can't go on Tuesday anymore"
        r"\bcan't\s+(?:go\s+on(?!\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|the|that|a|an|my|this|next|holiday|leave|time))|keep\s+going|carry\s+on|take\s+(?:it|this)\s+any\s*more|do\s+this\s+any\s*more|cope\s+any\s*more)\b"
        r"(?![^.!?\n]{0,30}\b(?:bot|app|website|hold|queue|waiting|phone|job|work|noise|pain\s+in\s+my\s+(?:back|knee)))"
    ),
    r"\bnot\s+(?:be|going\s+to\s+be|gonna\s+be)\s+(?:around|here)\s+(?:much\s+longer|for\s+long|any\s*more|tomorrow)\b",
    r"\b(?:said|saying|say)\s+(?:my\s+)?goodbye\w*\s+to\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
    r"\b(?:wrote|written|writing|left)\s+(?:a|my)\s+(?:suicide\s+|goodbye\s+)?note\b(?![^.!?\n]{0,20}\b(?:for\s+work|sick|doctor|school))",
    r"\b(?:saved|saving|stockpil\w*|hoard\w*|collect\w*)\s+(?:up\s+)?(?:my\s+|all\s+my\s+)?(?:pills|tablets|meds|medication)\b(?![^.!?\n]{0,30}\b(?:from\s+(?:the\s+)?(?:pharmacy|chemist|surgery|boots)|prescription|repeat|deliver\w*))",
    r"\b(?:stash|stockpile|hoard|supply)\s+of\s+(?:pills|tablets|meds|medication|painkillers)\b",
    r"\b(?:go\s+to\s+)?sleep\s+and\s+(?:never|not)\s+wake\s+up\b",
    r"\bnever\s+wake\s+up\b",
    # "sleep and never wake", "go to sleep and not wake": the "up" is often left out
    r"\b(?:sleep|sleeping|asleep)\s+and\s+(?:never|not)\s+wak(?:e|ing)\b",
    # "it would be easier for everyone if I wasn't here", "better for them if I was gone"
    (
        r"\b(?:easier|better|happier|simpler)\s+(?:for\s+(?:every\w*|them|all|my\s+\w+)\s+)?if\s+i\s+(?:just\s+)?"
        r"(?:wasn't|weren't|was\s+not|were\s+not)\s+(?:here|around|alive|in\s+the\s+picture)(?:\s+any\s*more)?\b"
        r"|\b(?:easier|better|happier|simpler)\s+(?:for\s+(?:every\w*|them|all|my\s+\w+)\s+)?if\s+i\s+(?:just\s+)?(?:was|were)\s+(?:gone|dead)\b"
    ),
    r"\b(?:life|living)\s+(?:is|isn't)\s+(?:not\s+)?worth\s+(?:it|living)\b",
    r"\bnot\s+worth\s+living\b",
    r"\bbetter\s+off\s+gone\b",
    r"\bburden\s+(?:to|on)\s+(?:everyone|everybody|my\s+family|my\s+kids)\b",
    r"\b(?:jump|jumping|throw\s+myself|throw\s+himself|throw\s+herself)\s+(?:off|from|in\s+front|under)\b",
    (
        r"\b(?:standing|sitting|climbed|climbing)\s+(?:on|onto|at\s+the\s+edge\s+of)\s+(?:the\s+|a\s+)?(?:ledge|edge|roof|bridge|railing|"
        r"balcony\s+(?:railing|edge|ledge))\b"
    ),
    r"\b(?:going|gonna)\s+to\s+kill\s+(?:himself|herself|themselves)\b",
    r"\bno\s+longer\s+want\s+to\s+(?:live|be\s+here|be\s+alive)\b",
    r"\bdisappear\s+forever\b",
    r"\bend\s+(?:the|my|this|all\s+the)\s+pain\s+(?:for\s+good|forever|permanently|once\s+and\s+for\s+all)\b",
    r"\b(?:want|wish|need)\s+(?:it\s+all|everything|this|my\s+life)\s+to\s+(?:end|stop|be\s+over)\b",
    r"\b(?:going\s+to|gonna|want\s+to|wanna|will|i'll|ready\s+to|plan\s+to|about\s+to)\s+end\s+it\b",
    r"\b(?:can't|cannot|don't)\s+see\s+(?:the|any)\s+point\s+(?:in|of)\s+(?:living|life|going\s+on|being\s+here|anything)\b",
    r"\bpoint\s+(?:in|of)\s+(?:me\s+)?(?:living|life|being\s+alive|going\s+on)\b",
    # round eleven: the wish not to live said plainly, in any of its everyday forms
    r"\b(?:don't|do\s+not|no\s+longer|not)\s+feel\s+like\s+(?:living|being\s+alive|going\s+on|being\s+here)\b",
    r"\b(?:want|wanna|wish|need)\s+to\s+(?:stop\s+(?:existing|living|being\s+alive)|not\s+exist|cease\s+to\s+exist)\b",
    r"\b(?:want|wish|need)\s+(?:it\s+all|everything)\s+to\s+go\s+away\s+(?:forever|for\s+good|for\s+ever)\b",
    # cutting that goes on: "I keep cutting and I can't stop", not "cutting down on sugar"
    r"\b(?:keep|keeps|kept|can't\s+stop|cannot\s+stop)\s+(?:on\s+)?cutting(?:\s+(?:myself|himself|herself|themselves)|\s+and\b|\s*[.,!]|\s*$)",
    r"\bnot\s+(?:be\s+)?around\s+any\s*more\b",
    r"\bif\s+i'm\s+not\s+around\b",
    (
        r"\b(?:everyone|everybody|they|my\s+family|my\s+kids)(?:\s+would|\s+will|'d)\s+(?:all\s+)?be\s+(?:happier|better|fine|ok|okay|alright)\b"
        r"[^.!?\n]{0,25}\b(?:without\s+me|if\s+i\s+(?:was|were)\s+gone|(?:once|when)\s+i'm\s+gone)"
        r"|\b(?:everyone|everybody|they|my\s+family|my\s+kids)\s+(?:would|will|'d)\s+(?:all\s+)?be\s+(?:happier|better)\b"
        r"[^.!?\n]{0,25}\b(?:without|gone|not\s+(?:here|around))"
    ),
    r"\b(?:everyone|everybody)\s+would\s+be\s+happier\b",
    r"\b(?:so\s+)?(?:done|finished|tired|sick)\s+(?:with|of)\s+(?:life|living|being\s+alive|it\s+all|existing)\b(?!\s+in\s+(?:this|the|a)\s+(?:country|city|town|place|job|house|area))",
    r"\b(?:nobody|no\s+one|noone)\s+(?:would|will)\s+(?:miss|care|notice)\b",
    r"\bwant\s+to\s+(?:sleep|go\s+to\s+sleep)\s+forever\b",
    # Indirect statements of intent or lost control, as nurses are taught to hear them.
    r"\b(?:don't|do\s+not|can't|cannot)\s+trust\s+myself\b",
    (
        r"\b(?:can't|cannot|won't\s+be\s+able\s+to|not\s+sure\s+i\s+can|don't\s+think\s+i\s+can)\s+(?:keep|stay)\s+"
        r"(?:myself\s+)?safe\b"
    ),
    r"\bnot\s+(?:feeling\s+)?safe\s+(?:with|from|around)\s+myself\b",
    (
        r"\b(?:scared|afraid|frightened|worried)\s+(?:of\s+)?(?:what\s+i\s+(?:might|will|could|may)\s+do|i\s+(?:might|will|"
        r"could|may|'ll)\s+(?:hurt|harm|kill|do\s+something))\b"
    ),
    (
        r"\b(?:do|doing)\s+something\s+(?:stupid|silly|drastic|i'll\s+regret)\b(?![^.!?\n]{0,20}\b(?:with|to)\s+(?:my|the)\s+"
        r"(?:booking|appointment|account))"
    ),
    r"\bthinking\s+(?:of|about)\s+(?:doing\s+something\s+to\s+myself|ending|taking\s+(?:all\s+)?(?:my|the)\s+(?:pills|tablets))",
    (
        r"\b(?:going\s+to|gonna|want\s+to|wanna|will|about\s+to|thinking\s+(?:of|about))\s+(?:take|swallow|taking|swallowing)\s+"
        r"(?:all|the\s+whole|a\s+whole|every)\b[^.!?\n]{0,20}\b(?:pills|tablets|meds|medication|bottle|pack|box)\b"
    ),
    r"\b(?:bought|got|have|found)\s+(?:a|the)\s+(?:rope|noose)\b",
    r"\bnoose\b",
    r"\b(?:want\s+to|going\s+to|gonna|about\s+to|will|i'll)\s+(?:take|swallow|down)\s+(?:them|it|the\s+lot)\s+all\b",
    (
        r"\b(?:want\s+to|going\s+to|gonna|about\s+to|will|i'll)\s+(?:take|swallow|down)\s+(?:the\s+whole\s+lot|all\s+of\s+them|"
        r"every\s+(?:single\s+)?(?:one|pill|tablet))\b"
    ),
    (
        r"\b(?:driving|drive|crash\w*|walking|walk|stepping|step|throwing\s+myself|throw\s+myself)\s+(?:my\s+car\s+)?(?:into|in\s+front\s+of|"
        r"off|under)\s+(?:a|the)\s+(?:wall|tree|train|bus|lorry|truck|car|traffic|bridge|cliff|river)\b"
    ),
    r"\b(?:looking\s+up|searching|search\w*\s+for|googl\w*|researching|reading\s+about)\s+(?:ways|how)\s+to\s+(?:die|kill|end|overdose|hang)\b",
    r"\bways\s+to\s+(?:die|kill\s+myself|end\s+(?:it|my\s+life))\b",
    (
        r"\b(?:can't|cannot|won't|don't\s+know\s+if\s+i\s+can)\s+(?:promise|guarantee|say)\s+(?:that\s+)?(?:i'll|i\s+will|to)\s+"
        r"(?:be|stay|keep)\s+(?:myself\s+)?safe\b"
    ),
    (
        r"\b(?:thinking|thought|thoughts)\s+(?:of|about)\s+(?:jumping(?!\s+(?:in|into|on|onto|at|ship|the\s+queue|to))|hanging(?!\s+(?:out|up|around|on))|"
        r"overdosing|cutting\s+(?:myself|deep)|drowning\s+myself)\b"
    ),
    r"\bthis\s+is\s+(?:goodbye|the\s+end\s+for\s+me|my\s+last\s+(?:message|night))\b(?![^.!?\n]{0,20}\b(?:from\s+(?:me|us)\s+until|until|till|for\s+now|from\s+the\s+practice))",
    r"\b(?:pills|tablets|meds|blades?|razors?|knife)\s+(?:are\s+)?(?:next\s+to|in\s+front\s+of|beside|ready\s+beside)\s+me\b",
    r"\b(?:this\s+is\s+)?(?:my\s+)?(?:last|final)\s+(?:message|text|goodbye)\b",
    r"\bgoodbye\s+(?:everyone|forever|world|cruel)\b",
    r"\bwon't\s+(?:be\s+(?:here|around|alive)|make\s+it\s+through\s+the\s+night|wake\s+up)\s+(?:tomorrow|in\s+the\s+morning|by)\b",
    r"\b(?:voices|voice)\b[^.!?\n]{0,30}\b(?:telling|tell|tells)\s+me\s+to\s+(?:hurt|kill|harm|die|end)\b",
    r"\b(?:going\s+to|gonna|want\s+to|might|will)\s+(?:hurt|harm|kill)\s+(?:someone|somebody|my\s+(?:kids|baby|wife|husband))\b",
    # Round two: the kinds of indirect intent a triage nurse hears, each in lay, slang and
    # non-native phrasing. A date or means ("tonight", "the pills", "the train times") turns
    # a thought into a plan.
    r"\b(?:wanting|wants|wanted|wishing|longing)\s+(?:to\s+)?(?:die|be\s+dead|end\s+(?:it|things|my\s+life))\b",
    r"\b(?:tonight|today)\s*(?:is|'s|feels\s+like|seems\s+like)\s+the\s+(?:night|day)\b(?!\s+(?:of|off|for|before|after|i\s+(?:usually|normally)))",
    (
        r"\b(?:decided|made\s+(?:up\s+)?my\s+mind(?:\s+up)?|made\s+the\s+decision|my\s+mind\s+is\s+made\s+up)\b"
        rf"{g(60)}\b(?:tonight|die|end\s+it|do\s+it|go\s+through\s+with|not\s+(?:be\s+)?(?:here|around)|night)\b"
    ),
    (
        r"\b(?:made\s+(?:up\s+)?my\s+mind(?:\s+up)?|decided)\b(?!\s+(?:on|about|to\s+(?:book|cancel|change|move|go\s+private)))"
        r"(?=[^.!?\n]{0,60}\b(?:not\s+(?:going\s+to|gonna)\s+make\s+it|won't\s+make\s+it)\b)"
    ),
    r"\b(?:not\s+(?:going\s+to|gonna)|won't)\s+make\s+it\s+(?:through|past|to)\s+(?:the\s+night|tonight|tomorrow|the\s+weekend|morning)\b",
    (
        r"\b(?:can't|cannot|won't|couldn't|don't\s+think\s+i\s+can)\s+(?:promise|guarantee|say)\s+(?:that\s+)?(?:i'll|i\s+will|ill|to)\s+"
        r"(?:still\s+)?(?:be\s+)?(?:alive|here|around|ok|okay|safe)\b"
    ),
    (
        r"\b(?:have|got|holding|hold|counted|lined\s+up|laid\s+out|prepared?|preparing|bought|sorted)\s+(?:out\s+)?(?:the|my|all\s+(?:the|my)|all|some)?\s*"
        r"(?:pills|tablets|meds|medication|rope|blades?|razors?|knife)\s+(?:in\s+my\s+hand|ready|out|lined\s+up|counted|next\s+to\s+me|here)\b(?!\s+(?:to|for)\s+(?:collect|collection|pick\s*up|pickup|the\s+pharmacy))"
    ),
    r"\b(?:prepare|prepared|preparing|ready|readied)\s+(?:the|my|all\s+the|all\s+my)\s+(?:pills|tablets|meds|rope|knife|blades?)\b(?!\s+(?:to|for)\s+(?:collect|collection|pick\s*up|pickup|the\s+pharmacy))",
    rf"\b(?:got|have|had|get)\s+(?:it|everything)\s+(?:all\s+)?(?:ready|sorted|planned|prepared)\b{g(40)}\b(?:tonight|myself|end|die|pills|goodbye)\b",
    rf"\b(?:hurt|harm|kill|cut)\s+myself\b{g(30)}\b(?:tonight|today|soon|later|when|again)\b",
    r"\b(?:will|i'll|going\s+to|gonna)\s+(?:do\s+it|hurt\s+myself|go\s+through\s+with\s+it)\s+(?:tonight|today|tomorrow|soon|when|after|once|this)\b",
    r"\b(?:take|taking|swallow|swallowing|down)\s+(?:the\s+lot|them\s+all|all\s+of\s+them|the\s+whole\s+(?:lot|box|bottle|pack|packet))\b",
    # A farewell said, sent or posted; not the wish to say goodbye to a doctor who is leaving.
    (
        r"\b(?:said|saying|sent|sending|texted|posted|posting|rang\s+(?:me\s+)?(?:to\s+say|saying)|called\s+(?:me\s+)?(?:to\s+say|saying))\s+"
        r"(?:me\s+)?(?:my\s+)?(?:bye|goodbyes?|good\s+bye|farewell)\b(?!\s+(?:to\s+)?(?:dr\b|doctor|the\s+(?:doctor|nurse|practice|team|staff|receptionist)|nurse|cards?|party|do\b|gift|present))"
        r"(?![^.!?\n]{0,30}\b(?:retir\w*|leaving\s+do|colleagues?|moving\s+away|emigrat\w*))"
    ),
    r"\b(?:wrote|written|writing|left|leaving)\s+(?:a\s+|my\s+|the\s+|some\s+)?(?:suicide|goodbye|farewell|last)\s+(?:notes?|letters?|messages?|texts?)\b",
    r"\b(?:finish|finishing|end|ending)\s+myself\b(?!\s+off\s+(?:the|my)\s+(?:forms?|paperwork))",
    r"\b(?:goodbye|farewell)\s+(?:message|note|letter|text|post|video|call)\b",
    r"\b(?:giving|gave|give|given)\s+(?:away\s+)?(?:all\s+)?(?:my|his|her|their)\s+(?:things|stuff|belongings|possessions|pets?|cat|dog)\s+away\b",
    r"\b(?:giving|gave|give|given)\s+away\s+(?:all\s+)?(?:my|his|her|their)\s+(?:things|stuff|belongings|possessions|pets?|cat|dog|savings)\b",
    r"\b(?:put|putting|got|getting|sorted|sorting)\s+(?:all\s+)?(?:my|his|her|their)\s+affairs\s+in\s+order\b",
    # Letters to the family count with a word of farewell or means in the message, not for an anniversary.
    (
        r"\b(?:written|wrote|writing|write|left|leaving)\s+(?:a\s+|the\s+|my\s+)?(?:notes?|letters?)\s+(?:for|to)\s+"
        r"(?:my|his|her|the)\s+(?:family|kids|children|husband|wife|partner|mum|mom|dad|parents|boyfriend|girlfriend)\b"
        r"(?![^.!?\n]{0,30}\b(?:anniversary|birthday|christmas|valentine|wedding|thank\w*|holiday|card))"
        r"(?=[^\n]{0,80}\b(?:goodbye|bye|sorry|forgive|pills|tablets|tonight|end|die|gone|explain|affairs|ready|last|over|go|anymore|done|finished)\b)"
    ),
    r"\bwrit\w*\s+(?:a\s+|the\s+)?(?:goodbye\s+)?letters?\b(?=[^.!?\n]{0,40}\b(?:pills|tablets|stop|end|die|goodbye|sorry)\b)",
    rf"\b(?:planning|planned|plan|worked\s+out|working\s+out)\s+(?:it|this|my\s+(?:death|exit|suicide)|how\s+(?:to|i'?ll)\s+do\s+it)\b{g(80)}\b(?:train|bridge|pills|rope|tonight|week|before\s+i\s+go|go\s+through)\b",
    # not when the message says where they are going: moving abroad, a trip, a holiday
    (
        r"^(?![^\n]*\b(?:moving|move|emigrat\w*|relocat\w*|abroad|overseas|holiday|trip|travel\w*|flight|flying|fly|visa|supply\s+of|university|uni|off\s+to|away\s+for|for\s+a\s+(?:year|month|while)|prescriptions?))"
        r"[^\n]*?\bbefore\s+i\s+go\b(?=[^.!?\n]{0,40}$)"
    ),
    r"\b(?:until|till|untill|til)\s+(?:it's|it\s+is|its|everything\s+is|i'm|i\s+am)\s+(?:over|gone|dead|done|finished)\b",
    r"(?<!when\s)(?<!when\sthe\s)(?<!until\s)(?<!until\sthe\s)(?<!till\sthe\s)\b(?:the\s+)?pain\s+will\s+(?:all\s+)?be\s+over\b(?!\s+(?:in|after|once|when|soon\s+after))",
    r"\b(?:use|using|used)\s+(?:them|it|the\s+knife|a\s+knife|the\s+knives|a\s+blade)\s+on\s+(?:myself|himself|herself)\b",
    (
        r"\b(?:want|wanna|going|gonna|will|ready|need|decided|wish)\s+(?:to\s+)?(?:finish|stop|end|close)\s+(?:all|everything)"
        r"(?=\s*(?:$|[,.!?;]|and\b|now\b|tonight\b|i\b|for\s+good\b))"
    ),
    (
        r"\b(?:finish|finished|stop|end|close|over)\s+(?:my\s+life|my\s+live|with\s+my\s+life|with\s+life|(?:my|the)\s+(?:life|existence))\b"
        r"(?!\s+(?:insurance|the\s+forms))"
    ),
    r"\b(?:life|living|everything)\s+is\s+(?:too|so)\s+(?:heavy|hard|much)\b[^.!?\n]{0,40}\b(?:stop|end|pills|die|finish|go)\b",
    rf"\b(?:at|on|near|by|in\s+front\s+of)\s+(?:the\s+)?(?:river|bridge|cliff|cliffs|tracks|railway|train\s+line|motorway\s+bridge|edge|top\s+of\s+the|car\s+park\s+roof|roof)\b{g(60)}\b(?:go\s+in|jump|water|end|die|nobody|goodbye|can't\s+(?:do|go\s+on)|anymore)\b",
    r"\b(?:nobody|no\s+one|noone)\s+(?:need|needs|wants|want|cares\s+about)\s+me\b",
    r"\b(?:train|bus)\s+times\b[^.!?\n]{0,60}\b(?:before\s+i\s+go|goodbye|end|someone\s+should\s+know)\b",
    r"\b(?:planning|planned)\s+(?:it|this)\s+for\s+(?:a|weeks?|days?|months?|\d+)\b",
    r"\bcan't\s+hold\s+on\s+(?:any\s*more|much\s+longer|longer)\b",
    r"\bgetting\s+harder\s+(?:and\s+harder\s+)?not\s+to\b",
    r"\b(?:tried|attempted|has\s+tried|has\s+attempted)\s+(?:it\s+)?before\b(?=[^\n]{0,80}\b(?:goodbye|not\s+(?:picking|answering)|can't\s+(?:reach|find))\b)",
    rf"\b(?:goodbye|bye)\b{g(80)}\b(?:not\s+(?:picking\s+up|answering)|won't\s+(?:pick\s+up|answer)|phone\s+(?:is\s+)?off|tried\s+before)\b",
    r"\bnot\s+safe\s+(?:with|around|by)\s+(?:myself|himself|herself|themselves)\b",
    r"\b(?:i'm|i\s+am)\s+(?:a\s+)?danger\s+to\s+myself\b",
    r"\b(?:voices?|someone\s+in\s+my\s+head)\b[^.!?\n]{0,40}\b(?:tell\w*|want\w*|say\w*|order\w*|keep\s+saying)\b[^.!?\n]{0,20}\b(?:to\s+)?(?:hurt|kill|harm|cut|die|jump|end|do\s+it|stab)\b",
    r"\b(?:kys|unaliv\w*|un-alive\w*|sewerslide|self[\s-]?delete|ctb|catch\s+the\s+bus)\b(?<!catch\sthe\sbus)",
    r"\bself[\s-]?delet\w*\b",
    r"\b(?:want|wanna|going|gonna)\s+(?:to\s+)?(?:unalive|delete)\s+myself\b",
    r"\b(?:end|ending)\s+(?:it|things|myself|me)\s+(?:now|tonight|today|this\s+time)\b",
    r"\b(?:wants?|want|going|gonna)\s+(?:to\s+)?end\s+(?:things|it\s+all|everything)\b",
    r"\b(?:i|we)\s+(?:think|fear|worry)\s+(?:he|she|they)\s+(?:is|are|'s|'re|might|will|may)\s+(?:going\s+to\s+)?(?:hurt|harm|kill)\s+(?:himself|herself|themselves)\b",
    r"\b(?:he|she|they)\s+(?:says?|said|keeps?\s+saying|told\s+(?:me|us))\s+(?:that\s+)?(?:he|she|they)\s+(?:wants?|want|is\s+going|are\s+going|will|'s\s+going)\s+(?:to\s+)?(?:die|end|kill|hurt|not\s+be\s+here)\b",
    r"(?<=myself\s)yet\s*,?\s*but\s+(?:i\s+will|i'll|i\s+might|i'm\s+going\s+to|i\s+am\s+going\s+to|gonna)\b",
    (
        r"\b(?:chosen|picked|set|decided\s+on|settled\s+on)\s+(?:the\s+)?(?:tonight|today|the\s+date|a\s+date|the\s+day|the\s+night|when)\b"
        r"(?=[^\n]{0,60}\b(?:sorry|goodbye|bye|ready|everything|pills|forgive|love\s+you)\b)"
    ),
    r"\b(?:sorry|goodbye|bye|tonight|forgive\s+me)\b[^\n]{0,60}\b(?:have|got|'ve\s+got)\s+(?:everything|it\s+all)\s+(?:ready|prepared|planned)\b",
    r"\b(?:have|got|'ve\s+got)\s+(?:everything|it\s+all)\s+(?:ready|prepared|planned)\b(?=[^\n]{0,60}\b(?:sorry|goodbye|bye|tonight|forgive\s+me)\b)",
    r"\b(?:pills|tablets|meds|medication|painkillers)\s+(?:are\s+)?(?:all\s+)?(?:counted\s+out|lined\s+up|laid\s+out|in\s+a\s+pile|next\s+to\s+me|in\s+my\s+hand)\b",
    r"\b(?:have|got|'ve\s+got|made)\s+(?:a\s+|the\s+)?plan\b[^.!?\n]{0,30}\b(?:the\s+)?means\b",
    r"\bthe\s+means\s+to\s+(?:do\s+it|end\s+it|kill\s+myself|die)\b",
    (
        r"\b(?:no|any|zero)\s+(?:reason|point)\s+(?:for\s+me\s+)?(?:to|in)\s+(?:keep\s+|keeping\s+)?(?:stay(?:ing)?\s+alive|"
        r"liv\w*|be(?:ing)?\s+(?:here|alive|around)|wak(?:e|ing)\s+up|exist\w*)\b"
    ),
    r"\blast\s+time\s+(?:you'll|you\s+will|anyone\s+will|anybody\s+will)\s+(?:ever\s+)?(?:hear\s+from|see)\s+me\b",
    r"\b(?:won't|will\s+not|will\s+never)\s+(?:ever\s+)?(?:hear\s+from|see)\s+me\s+again\b",
    (
        r"\b(?:at|on|near|by)\s+(?:the\s+)?(?:train\s+station|station|platform|top\s+of\s+(?:the|a)\s+\w+|multi-?storey|car\s+park|"
        r"cliff\s+edge)\b[^.!?\n]{0,60}\b(?:jump|go\s+in|end\s+it|die|goodbye|step\s+off|in\s+front)\b"
    ),
    (
        r"\b(?:want|wanna|going|gonna|about|ready|plan\w*|thinking\s+(?:of|about))\s+(?:to\s+)?jump(?:ing)?\b(?!\s+(?:the\s+(?:queue|gun|line)|in\b|into\s+(?:a|the)\s+(?:pool|shower|car)|"
        r"on\b|ahead|up|over|ship|at\b|back|straight|to\s+(?:conclusions|another|a\s+different)))"
    ),
    r"\b(?:want|wanna|wish)\s+(?:to\s+|i\s+was\s+|i\s+were\s+)?(?:be\s+)?gone\b(?!\s+(?:by|before|for|from|out|home|on|to|at|already|now))",
    r"\bwish\s+(?:i|i'd)\s+(?:could\s+)?(?:just\s+)?(?:disappear|vanish|not\s+exist|stop\s+existing|cease\s+to\s+exist)\b(?!\s+(?:on|for|to|into|off|abroad|somewhere)\b)",
    r"\bdisappear\b[^.!?\n]{0,30}\bnever\s+(?:come\s+back|return|be\s+found)\b",
    r"\bnot\s+(?:wanting|want|wanted)\s+to\s+(?:live|be\s+alive|be\s+here|exist|go\s+on|wake\s+up|carry\s+on)\b",
    (
        r"\b(?:take|taking|swallow|swallowing|down|downing)\s+(?:all\s+)?(?:my|the|his|her|these|those)\s+(?:tablets|pills|meds|medication|painkillers)\s+"
        r"(?:all\s+)?(?:at\s+once|in\s+one\s+go|together|in\s+one)\b"
    ),
    r"\b(?:no|not)\s+(?:want|wanting|wanna)\s+(?:to\s+)?(?:live|be\s+alive|be\s+here|wake\s+up|exist|go\s+on|carry\s+on)\b",
    r"\b(?:have|got|bought|has|found|'ve\s+got)\s+(?:a\s+|the\s+|some\s+)?(?:rope|noose)\b(?!\s+(?:for\s+(?:climbing|the\s+(?:boat|garden|tent))|swing))",
    r"\b(?:won't|will\s+not|will\s+never|never|(?:nobody|no\s+one|noone|you)\s+(?:will|'ll))\s+(?:have\s+to|need\s+to)\s+(?:worry\s+about|deal\s+with|put\s+up\s+with)\s+me\b(?!\s+(?:at|in|for|about|during|with|on)\b)(?!\s+(?:at|in)\s+(?:the\s+)?(?:clinic|surgery|practice))",
    r"\bsorry\s+for\s+being\s+(?:such\s+)?a\s+burden\b",
    (
        r"\b(?:keep|kept|can't\s+stop|been)\s+thinking\s+(?:about|of)\s+(?:the\s+)?(?:bridge|tracks|cliff|river|rope|noose|pills\s+in|"
        r"overdos\w*|jumping|dying|death|ending\s+(?:it|things|my\s+life)|not\s+being\s+here)\b"
    ),
    r"\b(?:pills|tablets|meds|overdose|taken\s+(?:some|them|it))\b[^\n]{0,60}\bdon't\s+want\s+(?:any\s+)?(?:help|to\s+be\s+saved|an?\s+ambulance|you\s+to\s+call)\b",
    r"\b(?:booked|got|found)\s+a\s+(?:hotel\s+)?room\b[^\n]{0,30}\bto\s+do\s+it\b",
    r"\bgoodbye\s+(?:to\s+)?(?:everybody|everyone|all\s+of\s+you|you\s+all|my\s+friends|my\s+family)\b(?![^.!?\n]{0,40}\b(?:practice|team|surgery|clinic|moving|retir\w*|colleagues?))",
    r"\b(?:will\s+not|won't|not\s+going\s+to|don't\s+want\s+to)\s+(?:live|be\s+alive|survive)\s+(?:after|past|beyond|through|until|till|another|much\s+longer)\b",
    r"\b(?:life|living|existence|everything)\b[^\n]{0,40}\bi\s+(?:want|need)\s+(?:out|to\s+get\s+out)\b(?!\s+of\s+(?:the|my|this)\s+(?:contract|appointment|booking|plan|job|house))",
    r"\b(?:edge|ledge|bridge|roof|cliff|railing|balcony)\b[^\n]{0,40}\b(?:let\s+go|step\s+off|jump|fall\s+off|throw\s+myself)\b",
    r"\bsorry\s+for\s+everything\b(?=[^\n]{0,60}\b(?:goodbye|bye|love\s+you|tonight|pills)\b)",
    r"\b(?:i'm|im|i\s+am)\s+done\b(?=[^\n]{0,60}\b(?:bye|goodbye|the\s+lot|pills|tablets|tonight|end|die|forever)\b)",
]

#: Red-flag symptoms that count with an urgency cue or the classifier's agreement.
MENTIONS: list[str] = [
    r"\b(?:hopeless|can't\s+cope|give\s+up(?!\s+(?:on\s+(?:the\s+|my\s+)?(?:diet|smoking|drinking|sugar|gym|running|booze|alcohol|dairy|meat|caffeine|coffee|weight|exercise)|smoking|drinking|sugar|alcohol|caffeine|my\s+(?:place|slot|appointment)))|hurt\s+myself|overwhelmed|want\s+to\s+disappear)\b",
    # A self-harm topic word said in the first person with intent or future time ("I'm going to
    # overdose", "I might just die"): with an urgency or time cue ("tonight", "now") in the message
    # it is an emergency. Grief ("since my mother died") has no intent word, so it is not a mention.
    (
        r"\b(?:i|i'm|i'll|i've|i'd|i\s+am)\b[^.!?\n]{0,25}\b(?:want|wanna|going\s+to|gonna|will|'ll|about\s+to|ready\s+to|"
        r"plan\w*\s+to|thinking\s+(?:of|about)|should|might|could|just)\b[^.!?\n]{0,15}\b(?:suicid\w*|overdos\w*|die|dying|end\s+(?:it|things|me)|"
        r"kill\s+myself|not\s+(?:be\s+)?(?:here|around|alive))\b(?!\s+(?:of\s+(?:boredom|laughter|embarrassment)|for\s+a|down|laughing))"
    ),
    r"\b(?:i'm|i\s+am)\s+not\s+(?:feeling\s+)?safe\b",
    r"\b(?:i'm|i\s+am|being|feel\s+like|i'm\s+just)\s+(?:such\s+)?a\s+burden\b",
    r"\b(?:life|living|everything)\s+(?:is|feels)\s+(?:so\s+)?(?:pointless|meaningless|hopeless|not\s+worth\s+it)\b",
]

#: Round three: second-language and indirect intent — a place one will "not come back" from, life
#: "finished for me", not surviving the night, counting how many tablets it would take, giving in
#: to an urge one does not want, and taking many tablets "now".
RED_FLAGS += [
    r"\b(?:don't|do\s+not|doesn't|no)\s+want\s+(?:to\s+)?(?:live|wake\s+up|be\s+alive|exist|see\s+tomorrow)\b",
    (
        r"\b(?:go|going|walk|walking|drive|driving|went|swim|swimming)\s+(?:to\s+|into\s+|in\s+|off\s+|out\s+to\s+|down\s+to\s+)?(?:the\s+|a\s+)?(?:river|bridge|sea|cliffs?|lake|tracks|railway|"
        r"station|woods|forest|roof|motorway)\b[^.!?\n]{0,40}\b(?:not|never|won't|will\s+not|no)\s+(?:come|coming|go|going)\s+(?:back|home)\b"
    ),
    r"\b(?:my\s+)?life\s+is\s+(?:finish\w*|over|done|ended)\s+(?:for\s+me|now)\b",
    (
        r"\b(?:don't|do\s+not|doesn't)\s+think\s+(?:i'll|ill|i\s+will|i\s+can|i'm\s+going\s+to|he'll|she'll)\s+(?:survive|last|get\s+through)\s+"
        r"(?:the\s+night|tonight|till|until|this\s+(?:night|week|weekend)|another\s+(?:day|night))\b"
    ),
    (
        r"\bhow\s+many\s+(?:of\s+(?:my|these|the|his|her|them)\s+)?(?:pills|tablets|meds|paracetamol\w*|painkillers|sleeping\s+pills)?\s*"
        r"(?:it\s+)?(?:would|will|it'd|it\s+would|does\s+it|do\s+you\s+need\s+to|to)\s+(?:take|kill|die|overdose|be\s+fatal|be\s+enough)\b"
    ),
    r"\b(?:don't|do\s+not)\s+want\s+to\s+do\s+it\s+but\s+(?:i\s+)?(?:think\s+)?(?:i\s+will|i'll|ill|i'm\s+going\s+to|i\s+might|i\s+have\s+to)\b",
    (
        r"\b(?:take|taking|took|swallow\w*)\s+(?:so\s+)?(?:many|lots\s+of|loads\s+of|a\s+lot\s+of|too\s+many|all\s+(?:my|the|of\s+my))\s+"
        r"(?:pills|tablets|meds)\s+(?:now|right\s+now|tonight|just\s+now)\b"
    ),
    r"\b(?:i\s+)?(?:know|worked\s+out|found\s+out|counted)\s+(?:the\s+number|how\s+many)\b(?=[^\n]{0,60}\b(?:pills|tablets|take|enough)\b)",
]

#: Round three, more voices of the same kinds: waiting for a train that does not stop, an engine
#: running in a closed garage, no longer being a burden "after tonight", not seeing oneself wake up,
#: being "ready to go" and done fighting, thanks and everything ready, and a wish for it to be over
#: with the means at hand.
RED_FLAGS += [
    (
        r"\b(?:platform|tracks|railway|level\s+crossing|train\s+line)\b[^.!?\n]{0,40}\b(?:fast|express|freight|non-?stop\w*)\s+(?:train|one)\b"
        r"|\btrains?\s+that\s+(?:doesn't|don't|won't|do\s+not|does\s+not)\s+stop\b"
    ),
    (
        r"\b(?:car|engine)\b[^.!?\n]{0,30}\b(?:running|on)\b[^.!?\n]{0,30}\b(?:garage|door\s+(?:closed|shut)|windows?\s+(?:closed|shut|up))\b"
        r"|\bgarage\b[^.!?\n]{0,40}\bengine\s+(?:is\s+)?(?:running|on)\b"
    ),
    (
        r"\b(?:won't|will\s+not|not\s+going\s+to|never)\s+be\s+(?:a\s+)?(?:problem|burden|bother|trouble|nuisance|worry)\s+(?:for|to)\s+"
        r"(?:anyone|anybody|you|them|us|him|her|everyone|everybody|my\s+\w+)\s+(?:after|from|any\s*more|much\s+longer|again)\b"
    ),
    r"\b(?:stop|stopping)\s+being\s+(?:a\s+burden|one)\b(?=[^\n]{0,40}\b(?:tonight|today|soon|forever|for\s+good)\b)|\b(?:tonight|today)\b[^\n]{0,40}\bstop\s+being\s+(?:a\s+burden|one)\b",
    (
        r"\b(?:don't|do\s+not|can't|cannot)\s+see\s+myself\s+(?:waking\s+up|being\s+(?:here|alive|around)|making\s+it|getting\s+through|"
        r"living\s+(?:much\s+)?(?:longer|past))\b"
    ),
    (
        r"\b(?:i'm|i\s+am|im)\s+ready\s+to\s+(?:go|die|leave\s+(?:this\s+world|everyone))\b(?!\s+(?:back|home|to|in|out|for|on|ahead|through|there|now\s+to))"
        r"(?=[^\n]{0,60}\b(?:fight\w*|goodbye|sorry|tonight|tired|enough|any\s*more|no\s+more|forgive)\b)"
    ),
    r"\b(?:don't|do\s+not|can't|cannot)\s+(?:want\s+to\s+)?(?:fight|keep\s+fighting|try|keep\s+trying|struggle)\s+any\s*more\b(?!\s+(?:with|about|over|for))(?=[^\n]{0,60}\b(?:ready|goodbye|sorry|tonight|go\b|die|end|over))",
    (
        r"\b(?:everything|it\s+all)(?:\s+is|'s)?\s+(?:ready|sorted|arranged|in\s+order|prepared)\b[^\n]{0,60}\bthank\w*\s+(?:you\s+)?for\s+"
        r"(?:trying|everything|all\s+(?:you|your))\b"
    ),
    (
        r"\b(?:want|wish|need)\s+(?:it|this|everything|it\s+all)\s+to\s+(?:be\s+over|end|stop)\b(?=[^\n]{0,60}\b(?:knife|rope|blades?|razor|gun|pills|"
        r"tablets|bridge|tonight|goodbye)\b)"
    ),
]

#: Round three, farewells and a counted means said plainly or in a second language: "heading out for the
#: last time", "tonight I finish all", "tonight is the last", "counted the pills, it's enough", not
#: trusting what one will do.
RED_FLAGS += [
    r"\b(?:heading|going|walking|stepping)\s+out\s+for\s+the\s+(?:very\s+)?last\s+time\b",
    r"\b(?:tonight|today)\s+(?:i\s+|i'll\s+|i\s+will\s+)?(?:finish|end|stop)\s+(?:all|everything|it\s+all)\b",
    r"\b(?:tonight|today)\s+(?:is|will\s+be)\s+(?:the\s+|my\s+)?last\b(?!\s+(?:day|night|chance|time|slot|appointment)\s+(?:to|for|of|before|i\s+can))",
    r"\bno\s+more\s+want\s+(?:to\s+)?(?:live|be\s+here|be\s+alive)\b",
    r"\b(?:counted|count|counting)\s+(?:out\s+)?(?:my|the|all\s+my|all\s+the)\s+(?:pills|tablets|meds)\b[^\n]{0,40}\b(?:enough|ready|tonight)\b",
    r"\b(?:don't|do\s+not|can't|cannot)\s+trust\s+what\s+(?:i'll|i\s+will|i\s+might|i\s+may|i\s+could|i'd)\s+do\b",
]

#: Round three, means and places: a ligature, cut wrists, the top of a car park one means to go back
#: to, and "not a burden much longer" without saying to whom.
RED_FLAGS += [
    r"\bligature\b(?!\s+(?:point\s+)?(?:audit|risk\s+assessment|training|policy|free))",
    r"\b(?:cut|slit|slashed|sliced|opened)\s+(?:my|his|her|their)\s+(?:wrists?|throat)\b",
    (
        r"\b(?:multi[\s-]?stor\w*|car\s+park\s+roof|top\s+(?:floor\s+)?of\s+(?:the\s+|a\s+)?(?:car\s+park|building|tower|multi[\s-]?stor\w*))\b"
        r"[^\n]{0,140}\b(?:going|go|gonna|heading)\s+back\b"
    ),
    r"\b(?:not\s+(?:going\s+to|gonna)|won't|will\s+not)\s+be\s+a\s+(?:burden|problem|bother)\s+(?:(?:for\s+)?(?:much\s+)?(?:longer|long)|any\s*more)\b",
    r"\b(?:sorting|sorted|planning|planned|arranging|arranged)\s+(?:out\s+)?(?:my|his|her|their)\s+(?:own\s+)?funeral\b(?=[^\n]{0,80}\b(?:pills|tablets|goodbye|missing|tonight|burden|gone))",
]

#: Round three, more voices: everything in the medicine cabinet, "I should just end it", planning how,
#: a photo of pills with "sorry", in the bath with a blade, crashing on purpose, "they'd all be better
#: off", the only way out, the last anyone will hear, gone by morning.
RED_FLAGS += [
    (
        r"\b(?:swallow|take|down|taking|swallowing)\s+(?:everything|all\s+the\s+(?:pills|tablets|meds)|whatever)\s+(?:is\s+)?(?:in|from)\s+(?:the\s+|my\s+)?"
        r"(?:medicine\s+(?:cabinet|cupboard|box|drawer)|cupboard|bathroom\s+cabinet|first\s+aid\s+box)\b"
    ),
    r"\bshould\s+(?:just\s+)?(?:end\s+it(?!\s+with)|die|kill\s+myself|not\s+be\s+(?:here|alive))\b",
    r"\bplann\w*\s+how\s+(?:i'd|i\s+would|i'll|i\s+will|to|i'm\s+going\s+to)\s+(?:do\s+it|end\s+it|die|kill)\b",
    r"\b(?:photo|picture|pic|video|snap)\s+of\s+(?:\w+\s+)?(?:pills|tablets|blades?|rope|knife|razor)\b[^\n]{0,40}\b(?:sorry|goodbye|bye|love|forgive)\b",
    r"\bin\s+the\s+(?:bath|bathtub|tub)\s+with\s+(?:a|the|my)\s+(?:razor|blade|knife)\b",
    r"\b(?:crash\w*|driv\w*|jump\w*|overdos\w*|step\w*\s+(?:out|in\s+front))\b[^.!?\n]{0,30}\bon\s+purpose\b",
    (
        r"\b(?:they|everyone|everybody|my\s+family|my\s+kids|the\s+kids)(?:'d|\s+would|\s+will)\s+(?:all\s+)?be\s+better\s+off\b"
        r"(?!\s+(?:with\s+(?:a|an|another|the|someone|this)|at|in|going|seeing|booking|if\s+you|financially|money)\b)"
    ),
    r"\bonly\s+way\s+out\s+(?:is|would\s+be)\s+(?:to\s+)?(?:die|death|dying|end\s+it|kill)",
    r"\b(?:the\s+)?last\s+(?:you'll|you\s+will|anyone\s+will|anybody\s+will|you'd)\s+(?:ever\s+)?(?:hear|see)\s+(?:from|of)\s+me\b",
    r"\b(?:i'll|i\s+will|i'm\s+going\s+to|ill)\s+be\s+(?:gone|dead)\s+(?:by|before)\s+(?:the\s+)?(?:morning|tomorrow|tonight|the\s+weekend|sunrise)\b(?![^\n]{0,60}\b(?:holiday|trip|flight|away|abroad|travel\w*|cancel\w*|visit\w*|work|shift))",
    (
        r"\bno\s+point\s+(?:any\s*more|in\s+anything)\b(?=[^\n]{0,60}\b(?:going|goodbye|written|tonight|pills|tablets|bye|sorry|done)\b)"
        r"(?![^.!?\n]{0,30}\b(?:book|appointment|ring|calling|waiting|asking))"
    ),
]


#: Round four: self-harm going deeper than usual, tablets gathered "many" and a day set to take them,
#: life with no meaning beside the means, a message that says the silence will mean it is done, and
#: gratitude with a leaving that has no return.
RED_FLAGS += [
    r"\b(?:cutting|cut|cuts|burning|hurting|harming|scratching)\b[^.!?\n]{0,60}\b(?:deeper|worse|more|longer|bigger)\s+than\s+(?:usual|normal|before|ever|last\s+time)\b",
    r"\b(?:saved|saving|stockpil\w*|hoard\w*|collect\w*|gathered|gathering|kept|keeping)\s+(?:up\s+)?(?:many|lots\s+of|a\s+lot\s+of|loads\s+of|enough|so\s+many|all\s+(?:the|my))\s+(?:pills|tablets|meds|medication|painkillers)\b(?![^.!?\n]{0,30}\b(?:from\s+(?:the\s+)?(?:pharmacy|chemist|surgery)|prescription|repeat|deliver\w*))",
    r"\b(?:today|tonight|now)\s+(?:i\s+)?(?:will\s+|i'll\s+|going\s+to\s+|gonna\s+)?(?:take|swallow|drink)\s+(?:them\s+)?all\b(?!\s+(?:my|the|of\s+my)\s+(?:usual|normal|morning|regular|evening))",
    r"\b(?:life|living|my\s+life)\s+(?:has\s+|have\s+|is\s+)?(?:no|without)\s+(?:meaning|point|purpose|sense)\b(?=[^\n]{0,80}\b(?:pills|tablets|meds|rope|knife|blades?|tonight|today|take\s+all|bridge|goodbye)\b)",
    r"\b(?:pills|tablets|meds|rope|knife|blades?)\b[^\n]{0,80}\b(?:life|living)\s+(?:has\s+|is\s+)?(?:no|without)\s+(?:meaning|point|purpose)\b",
    (
        r"\bif\s+(?:i|you)\s+(?:don't|do\s+not|dont|doesn't|never|didn't)\s+(?:reply|answer|respond|hear\s+(?:from|back\s+from)\s+me|text\s+back)\b[^\n]{0,40}"
        r"\b(?:done\s+it|gone|dead|too\s+late|sorry|goodbye|bye|it's\s+over|i\s+did\s+it)\b"
    ),
    r"\b(?:i've|i\s+have|i\s+already)\s+(?:gone\s+and\s+)?done\s+it\b(?=[^\n]{0,40}\b(?:sorry|goodbye|bye|forgive|love\s+you)\b)",
    (
        r"^(?![^\n]*\b(?:retir\w*|moving|abroad|emigrat\w*|relocat\w*|new\s+(?:job|practice|surgery|gp)|registering|leaving\s+the\s+(?:area|practice|country)))"
        r"[^\n]*\b(?:thank\w*\s+(?:you\s+|u\s+)?for\s+(?:everything|all\s+you\s+(?:did|have\s+done))|tell\s+(?:them|my\s+\w+|everyone)\s+(?:i'm\s+sorry|i\s+love|thank))\b"
        r"[^\n]{0,80}\b(?:i\s+(?:go|leave)\s+now|(?:don't|won't|will\s+not|not|never)\s+(?:be\s+)?(?:come|coming)\s+back|goodbye\s+forever|won't\s+(?:be\s+)?(?:here|around)\s+(?:any\s*more|tomorrow)|i'm\s+going\s+now)\b"
    ),
    r"\b(?:don't|do\s+not)\s+care\s+(?:if|whether)\s+(?:i|i'll)\s+(?:die|live|wake\s+up|bleed\s+out|make\s+it)\b",
]

#: Round four, more voices: someone else talking about ending it, with the means out.
RED_FLAGS += [
    (
        r"\b(?:talking|talks|talked|going\s+on|keeps?\s+(?:on\s+)?(?:talking|saying\s+things))\s+about\s+(?:ending\s+(?:it|things|his\s+life|her\s+life|their\s+life)|"
        r"killing\s+(?:himself|herself|themselves|myself)|suicide|taking\s+(?:his|her|their|my)\s+(?:own\s+)?life|not\s+being\s+(?:here|around))\b"
    ),
    r"\b(?:got|has|had|taken|getting)\s+(?:his|her|their|my|all\s+(?:his|her|their|my))\s+(?:pills|tablets|meds|knife|knives|blades?|rope)\s+out\b(?=[^\n]{0,80}\b(?:end|die|kill|ending|suicid\w*|goodbye|sorry)\w*)|\b(?:end|ending|die|kill\w*|suicid\w*)\b[^\n]{0,60}\b(?:got|has|had|taken)\s+(?:his|her|their|my)\s+(?:pills|tablets|meds|knife|blades?|rope)\s+out\b",
]

#: Round five: someone at a place to jump from who says it is the end in any words ("I'm at the
#: cliff top and I'm done, just wanted someone to know"), place first or last.
_HIGH_PLACE = (
    r"(?:(?:at|on|near|by|standing\s+on|sitting\s+on|up\s+on)\s+(?:the\s+|a\s+)?(?:top\s+of\s+(?:the\s+|a\s+)?)?(?:cliff\s*tops?|cliffs?|bridge(?!\s+(?:club|game|night|table))|"
    r"tracks|railway|train\s+line|level\s+crossing|ledge|edge|roof(?:\s*top)?|car\s+park\s+roof|multi[\s-]?stor(?:e)?y(?:\s+car\s+park)?|motorway\s+bridge|overpass|pier|quarry))"
)
_IT_ENDS = (
    r"(?:(?:i'm|im|i\s+am)\s+(?:done|finished|ready|going\s+to\s+jump|gonna\s+jump)|had\s+enough|this\s+is\s+it|(?:someone|somebody|you)\s+(?:to|should)\s+know|"
    r"last\s+(?:message|text|time)|it's\s+time|(?:can't|cannot)\s+(?:do\s+(?:this|it)|take\s+(?:this|it)|go\s+on)|no\s+more|tell\s+(?:my|them|everyone))"
)
RED_FLAGS += [
    rf"\b{_HIGH_PLACE}\b[^\n]{{0,60}}\b{_IT_ENDS}",
    rf"\b{_IT_ENDS}[^\n]{{0,40}}\b{_HIGH_PLACE}\b",
]

#: Round five: pills taken (or about to be) "to sleep forever", "to not wake up", said of oneself or
#: of a friend.
RED_FLAGS += [
    (
        r"\b(?:taken|took|take|taking|swallowed|swallow)\s+(?:the\s+|all\s+(?:the\s+|my\s+|her\s+|his\s+)?|my\s+|her\s+|his\s+)?(?:pills|tablets|meds|medicine)\s+"
        r"(?:to|so\s+(?:she|he|i|they)\s+(?:can|will|won't|don't|doesn't))\s+(?:sleep\s+(?:forever|for\s+ever|for\s+good)|never\s+wake|not\s+wake|die|end\s+it|be\s+gone)\b"
    ),
    r"\b(?:sleep|go\s+to\s+sleep)\s+(?:forever|for\s+ever)\b(?![^\n]{0,30}\b(?:lol|haha|after\s+(?:this|that)\s+(?:week|shift|exam)))",
]

#: Round six: means at hand said by others ("locked himself in the garage with the car running",
#: "said he'll take his shotgun and end it").
RED_FLAGS += [
    r"\b(?:locked|shut)\s+(?:himself|herself|themselves|myself)\s+in\s+(?:the\s+|a\s+)?(?:garage|car)\b",
    rf"\b(?:garage|car)\b{g(40)}\b(?:engine\s+)?(?:running|on)\b{g(60)}\b(?:locked|tired\s+of|goodbye|won't\s+come\s+out|himself|herself)\b",
    rf"\b(?:gun|shotgun|rifle|pistol|knife|pills|rope|tablets)\b{g(30)}\b(?:and\s+)?end\s+(?:it|things|his\s+life|her\s+life)\b",
    r"\b(?:he'll|she'll|he\s+will|she\s+will|they'll|he's\s+going\s+to|she's\s+going\s+to|gonna)\s+(?:\w+\s+){0,5}end\s+it\b(?!\s+with)",
]

#: Round seven: something already taken or done *in order to* die, said any way: "I've taken something
#: to end it", "swallowed the lot so I don't wake up", "drank the bottle to be gone", "did it so I can
#: sleep for good"; and a farewell to the family closed by "I'm done".
_TO_DIE = (
    r"(?:(?:to|so\s+(?:that\s+)?(?:i|he|she|they)\s+(?:can|could|will|would|might))\s+"
    r"(?:end\s+(?:it|it\s+all|things|my\s+life|his\s+life|her\s+life|everything)|die(?!\s+for)|be\s+dead|not\s+wake(?:\s+up)?|never\s+wake(?:\s+up)?|"
    r"sleep\s+(?:forever|for\s+ever|for\s+good)|be\s+gone|kill\s+(?:myself|himself|herself|themselves)|not\s+be\s+here)|"
    r"so\s+(?:that\s+)?(?:i|he|she|they)\s+(?:won't|don't|doesn't|wouldn't|never|will\s+not|do\s+not)\s+(?:ever\s+)?wake)\b"
)
RED_FLAGS += [
    (
        r"\b(?:taken|took|take|taking|swallowed|swallow|drank|drunk|drink|had|injected|done|did|eaten|ate)\s+(?:\w+\s+){0,4}?"
        + _TO_DIE
    ),
    rf"\b(?:letters?|notes?|goodbye\w*|farewell)\b{g(80)}\b(?:i'm|i\s+am)\s+(?:done|finished|ready)\s*(?:[.!]|$)",
]
