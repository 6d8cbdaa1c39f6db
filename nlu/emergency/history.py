"""History, paperwork, routine care, mildness, reassurance and jokes: when a red-flag word is not a present danger.

Decisions (a triage nurse would take them the same way): history and admin talk
(time in the past, paperwork, questions about risks or signs, hypotheticals)
and mild or reassuring words in the symptom's own clause turn a mention into an
ordinary message *unless* the sentence carries a present urgency cue: "after my
stroke last year my face is drooping again right now" still fires. Routine care
words (follow-up, review, prescription) count only when nothing in the message
is urgent, so an emergency inside a booking request still fires.
"""

from __future__ import annotations

import re

from nlu.emergency.cues import PRESENT, has_urgency
from nlu.emergency.negation import AVERTED, clause_around, sentence_around

#: Past time near the symptom: "a stroke last year", "seizures as a child", "after my heart attack".
#: Not a run of them: "seizure after seizure", "fit after fit" is happening now.
_PAST = re.compile(
    r"\b(?:(?<!chemotherapy\s)(?<!chemo\s)(?<!surgery\s)(?<!operation\s)(?<!op\s)last\s+(?:year|month|week|term|semester|christmas|easter|summer|winter|spring|autumn|fall|time(?<!for\sthe\slast\stime)(?<!very\slast\stime)(?!\s+(?:you|anyone|anybody|i'll|i\s+will|ever)))|(?:a\s+few|few|\d+|two|three|four|five|six|"
    r"some|many|several)\s+(?:years?|months?|weeks?)\s+(?:ago|back)|years?\s+ago|months?\s+ago|a\s+while\s+(?:ago|back)|"
    r"in\s+(?:19|20)\d\d|at\s+(?:the\s+)?age\s+(?:of\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)|(?:had|got|was|were)\s+(?:19|20)\d\d\s+(?:an?|my|his|her|the)\b|back\s+in|in\s+the\s+past|used\s+to|history\s+of|recovering\s+from|"
    r"recovered\s+from|(?<!seizure\s)(?<!fit\s)(?<!bleed\s)(?<!collapse\s)(?<!one\s)(?:since|after)\s+(?:my\s+|his\s+|her\s+|their\s+|a\s+|the\s+)?(?:stroke|mini\s+stroke|tia|heart\s+attack|"
    r"cardiac\s+arrest|seizure|fit|overdose|collapse|faint|fainting|blackout|anaphylaxis|reaction|sepsis|bleed)|"
    r"(?:had|has\s+had|have\s+had)\s+an?\s+(?:stroke|heart\s+attack|seizure|tia)\s+in\s+(?:his|her|my|their)\s+"
    r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|\d0s)|"
    r"(?:when|while)\s+(?:i|he|she|they)\s+(?:was|were)\s+(?:a\s+)?(?:child|kid|teenager|teen|younger|baby|tiny|little|small|pregnant)|"
    r"as\s+an?\s+(?:child|kid|teenager|teen|baby|toddler|infant|newborn|student|adult)|"
    # second-language and lay ways of saying "long ago": "before have stroke", "when I am child", "old injury"
    r"before\s+(?:have|has|had)|when\s+(?:i|he|she)\s+(?:am|is|was)\s+(?:a\s+)?(?:child|kid|small|young|baby)|in\s+(?:my|his|her)\s+childhood|"
    r"since\s+(?:i|he|she|they)\s+(?:break|broke|fractured|injured|hurt)\b|old\s+(?:injury|injuries|fracture|break)|(?:a\s+)?long\s+time(?!\s+now)|"
    # "before two weeks" / "before week" is a second-language "two weeks ago"
    r"before\s+(?:a\s+|one\s+|two\s+|three\s+|four\s+|few\s+|some\s+|\d+\s+)?(?:days?|weeks?|months?|years?)|"
    r"in\s+(?:my|her|our|a)\s+(?:last|previous|first|other|earlier)\s+(?:pregnancy|labour|labor|birth|delivery)|with\s+(?:my|her)\s+(?:first|eldest|previous|last)(?:\s+(?:one|child|baby|pregnancy))?\s*(?:[,.]|$)|"
    r"at\s+birth|when\s+(?:he|she|they|i)\s+(?:was|were)\s+born|(?:passed\s+away|died)\s+(?:from|of|after)|"
    r"when\s+(?:i|he|she|they)\s+(?:was|were)\s+(?:only\s+|just\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+toddler|a\s+teen\w*|little|young|small)\b(?!\s+(?:weeks?|days?|months?)\s+pregnant)|"
    r"in\s+the\s+(?:spring|summer|autumn|fall)\b|"
    r"in\s+(?:january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"with\s+(?:my|her|our)\s+(?:first|eldest|previous|last|other|older)\s+(?:one|child|baby|pregnancy|son|daughter|boy|girl)|"
    r"old\s+(?:self[\s-]?harm|scars?|cuts|wounds?)|(?:my|his|her|their|the)\s+past\s+(?:self[\s-]?harm\w*|overdoses?|(?:suicide\s+)?attempts?|cutting|episodes?)|"
    # not done for a stretch of time: "haven't hurt myself in 2 years"
    r"(?:haven't|hasn't|have\s+not|has\s+not|hadn't)\s+(?:[\w']+\s+){1,3}(?:in|for)\s+(?:over\s+|nearly\s+|almost\s+|about\s+)?(?:a|one|two|three|four|five|six|\d+|a\s+few|few|several|many)\s+(?:years?|months?)|scars?\s+from|(?:it's|its|it\s+has|it\s+is)\s+been\s+(?:\d+|a\s+few|few|many|several|two|three|four|five|six|ten)\s+years|"
    r"(?:had|has\s+had|died\s+of)\s+an?\s+(?:heart\s+attack|stroke|seizure|cardiac\s+arrest)\s+at\s+(?:the\s+age\s+of\s+)?\d+|"
    # round thirteen: a stage of life gone by, "years back" said alone ("self-harmed in her teens", "ever since his palsy years back")
    r"in\s+(?:his|her|my|their)\s+(?:teens|twenties|youth|school\s+days|student\s+days)|years?\s+back|way\s+back|long\s+ago|"
    r"in\s+recovery\s+from|(?:years?|months?)\s+(?:clean|free)\s+(?:from|of)|caring\s+for\s+(?:him|her|them)|(?:his|her|their)\s+carer)\b"
)

#: Lifelong or chronic, nothing new: "always has", "most days", "been like that for months". Not for
#: self-harm, where months of feeling this way make tonight's plan more worrying, not less.
_CHRONIC = re.compile(
    r"\b(?:always\s+(?:has|have|had|does|did|been)|most\s+days|for\s+(?:months|years)|been\s+like\s+(?:that|this)\s+for|"
    r"in\s+the\s+mornings|every\s+morning|most\s+mornings|(?:i|he|she|they)\s+(?:stammer|stutter)\w*|(?:a|my|his|her)\s+(?:stammer|stutter)|"
    r"(?<!not\s)(?<!unlike\s)(?<!nothing\s)(?:like|as)\s+(?:his|her|my|their)\s+usual\s+(?:ones|seizures|fits|episodes|attacks)|(?:his|her|my|their)\s+usual\s+(?:ones|seizures|fits|pattern)|"
    # a known, brief seizure type told as the usual one: "his usual brief absence seizure"
    r"(?:his|her|my|their)\s+usual\s+(?:\w+\s+){1,3}(?:seizures?|fits?|absences?|episodes?|attacks?))\b"
)

#: Paperwork, information and hypotheticals: the red-flag word is a topic, not a symptom.
_ADMIN = re.compile(
    r"\b(?:emergency\s+contact|contact\s+(?:details|number|info)|next\s+of\s+kin|form|forms|questionnaire|insurance|bill|invoice|charged|certificate|"
    r"sick\s+note|fit\s+note|care\s+plan|in\s+(?:an|case\s+of\s+an?)\s+emergency|training\s+(?:course|for\s+(?:my\s+|the\s+)?(?:job|work|staff))|workshop|antidote|leaflet|brochure|information\s+(?:on|about)|info\s+(?:on|about)|advice\s+(?:on|about)|research|"
    r"survey|(?:antenatal|first\s+aid|parenting|cpr|resus\w*|life\s+support)\s+(?:class|classes|course|training|session|lesson|lessons)|"
    # round thirteen: a medicine, clinic or nurse named after the condition is a topic ("his seizure medicine makes him
    # sleepy"); fainting at the sight of blood or needles is the common faint, not a collapse
    r"(?:seizure|epilepsy|anti[\s-]?seizure|stroke|anti[\s-]?epileptic)\s+(?:medicine|medicines|meds|medication|tablets|pills|drugs|diary|clinic|nurse|specialist)|"
    r"at\s+the\s+(?:sight|sign)\s+of|first\s+aid|awareness|prevention|screening|"
    r"(?:flu|covid|booster|tetanus|b12|allergy|hpv|mmr|pneumonia|shingles|travel)\s+(?:shots?|jabs?|vaccines?)|"
    r"immuni[sz]ation|risk|risks|signs\s+of|symptoms\s+of|what\s+are\s+the\s+signs|in\s+case\s+of|what\s+to\s+do\s+if|"
    r"what\s+happens\s+if|how\s+do\s+(?:i|you)\s+know\s+if|is\s+it\s+safe|safe\s+(?:in|during|while|to)|family\s+history|"
    r"runs\s+in\s+the\s+family|tested\s+for|test\s+for|how\s+(?:to|do\s+(?:i|you|we))\s+use|show\s+me\s+how|"
    r"if\s+(?:someone|somebody|a\s+person|anyone|my\s+\w+\s+ever|i\s+ever|they\s+ever|you\s+ever)|just\s+curious|hypothetically|"
    r"in\s+general|for\s+future\s+reference|what\s+would\s+happen|nothing\s+sudden|"
    r"when\s+(?:you|there's|there\s+is)\s+(?:have\s+)?(?:time|a\s+slot)|"
    r"only\s+when\s+(?:i\s+)?(?:cough|sneeze|press|move|breathe\s+in|lie|bend|laugh)|"
    r"hay\s+fever|dentist|dental|(?<!keeps\s)(?<!keep\s)filling(?!\s+(?:with|up))|anaesthetic|anesthetic|numbing|cholesterol|teething|nappy\s+rash|diaper\s+rash|"
    r"in\s+my\s+dream|movie|film|novel|homework|essay|"
    # a fitting of a device or a plan for a condition is paperwork, not a fit
    r"(?:monitor|coil|iud|implant|pessary|hearing\s+aid|brace|cap|glasses|lens(?:es)?|cast|splint|pump|sensor|stoma|denture|ring)\s+fitting|"
    r"fitting\s+(?:for|of)\s+(?:a|an|my|the)\s+(?:coil|iud|implant|monitor|pessary|hearing\s+aid|brace)|"
    r"(?:anaphylaxis|asthma|seizure|epilepsy|allergy|action|diabetes|birth|crisis|safety)\s+plan|refresh\w*|courses?|first\s+aider|(?:rash|meningitis)\s+glass\s+test|"
    r"(?:listen|listened|check|checked|look|looked)\s+(?:to\s+|at\s+|over\s+)?(?:my|his|her|their|the)\s+chest|"
    # a service about self-harm or a crisis: "his self-harm referral", "the crisis team's letter"
    r"(?:self[\s-]?harm|suicide|crisis|mental\s+health)\s+(?:referral|team|assessment|appointment|review|nurse|service|worker|counsell\w*|therapy|letter|training)|"
    # a pet that ate or drank something is for the vet
    r"(?:my|the|our)\s+(?:dog|dogs|cat|cats|puppy|kitten|pet|rabbit|hamster|parrot)\s+(?:ate|has\s+eaten|had|swallowed|drank|licked|got\s+into)|"
    # someone else's self-harm, asked about for support
    r"(?:friend|friend's|colleague|classmate|pupil|student|neighbour)\s+(?:who\s+)?(?:self[\s-]?harm\w*|has\s+been\s+self[\s-]?harm\w*)|"
    # round four: prevention, a relative's illness as the reason to worry, a photo, whether a medicine may be taken,
    # a vaccine against something, leaving the practice, a health check, dreams of an old event
    r"prevent\w*|(?:worried|worry|worrying|concerned|anxious|scared|afraid|fear\w*)\s+(?:about|of)\s+(?:having\s+|getting\s+)?(?:an?\s+|another\s+)?"
    r"(?:strokes?|heart\s+attacks?|seizures?|fits|sepsis|meningitis|overdos\w*|anaphylaxis|diabetes|blood\s+clots?)\b(?!\s+(?:right\s+)?now)|(?:because|as|since|cos|coz)\s+(?:my\s+)?(?:father|dad|mother|mum|mom|brother|sister|grand\w+|uncle|aunt\w*|parents?|cousin)\s+(?:had|has\s+had|died|passed)|"
    r"in\s+(?:my|the|this|his|her|a)\s+(?:passport\s+)?(?:photo|photos|picture|selfie|pic|photograph)|"
    r"(?:is\s+it|are\s+they|would\s+it\s+be)\s+(?:ok|okay|alright|all\s+right|fine|safe)\s+(?:for\s+(?:\w+\s+){1,3})?to\s+(?:take|give|mix|have|use|combine|drink|eat|try)|"
    r"(?:can|could|should)\s+(?:i|he|she|we|they|my\s+\w+)\s+(?:safely\s+)?(?:eat|drink|take|give\s+\w+)\b[^.!?\n]{0,40}\?|"
    r"(?:vaccin\w*|jabs?|shots?|immuni[sz]ations?|boosters?)\s+(?:for|against)|"
    r"(?:i'm|i\s+am|we're|we\s+are)\s+(?:retiring|emigrating|relocating|moving\s+(?:abroad|away|overseas|house))|moving\s+(?:abroad|overseas)|emigrat\w*|"
    r"health\s+(?:check|mot|screen\w*)|(?:lost|losing)\s+(?:\w+\s+){1,3}to\s+suicide|(?:died|passed|passed\s+away)\s+(?:by|from|through)\s+suicide|nightmares?|bad\s+dreams?|flashbacks?|"
    r"for\s+the\s+future|so\s+i\s+know\s+(?:for|what)|within\s+the\s+(?:dose|limit)|as\s+prescribed|"
    # questions about services, numbers and the difference between things
    r"do\s+you\s+(?:have|keep|stock|run|offer)|support\s+(?:group|groups|services?|line)|difference\s+between|reading\s+about|"
    r"billed|billing|what\s+number|which\s+number|what's\s+the\s+number|(?:it|they|form|questionnaire)\s+asks?\s+about|questions?\s+about|nearest\s+(?:emergency\s+department|a&e|hospital|er)|fridge\s+list)\b"
)

#: Already in hospital or maternity care, said in the same sentence: the practice has nothing to
#: send ("cancel please, my wife is in labour and we're at the maternity unit already"). Not for
#: self-harm, where a patient on a ward can still be in danger.
_IN_CARE = re.compile(
    r"\b(?:(?:we're|we\s+are|i'm|i\s+am|he's|she's|he\s+is|she\s+is|they're|they\s+are)\s+(?:already\s+)?(?:at|in)\s+(?:the\s+)?"
    r"(?:maternity\s+(?:unit|ward)|labour\s+ward|delivery\s+suite|hospital|a&e|emergency\s+department|icu|intensive\s+care)\s+(?:already|now)\b|"
    r"(?:already|been)\s+admitted|(?:he's|she's|i'm|they're)\s+(?:being\s+)?(?:looked\s+after|treated)\s+(?:in|at)\s+(?:the\s+)?hospital)"
)

#: Routine care words: they make a message ordinary only when nothing in it is urgent
#: ("need a follow-up for my heart", but not "my chest is crushing, can I get an appointment").
_ROUTINE = re.compile(
    r"\b(?:follow[\s-]?up|followup|check[\s-]?up|checks|for\s+the\s+records?|as\s+planned|review|scar|results?|referral|refer|(?<!whole\s)(?<!entire\s)(?<!whole\smy\s)(?<!whole\shis\s)(?<!whole\sher\s)(?<!entire\smy\s)prescription|repeat|(?<!liquid\s)refill(?!\s+(?:bottle|cartridge|pods?))|"
    r"renew|re-?order|expired|rehab|physio|discuss|letter|assessment|assessed|blood\s+test|x-?ray)\b"
)

#: Mild or reassuring words in the same clause: "a slight temperature but he's playing normally".
_MILD = re.compile(
    r"\b(?:(?:small|slight|slightly|mild|mildly|a\s+little|minor|tiny|bit\s+of)\s+(?:\w+\s+)?(?:pain|ache|tight\w*|sore\w*|"
    r"temperature|fever|temp|swelling|swollen|bleed\w*|rash|cough|cut|graze|reaction|numb\w*)|"
    r"(?<!not\s)(?<!n't\s)(?:playing|eating|drinking|feeding|sleeping|breathing)\s+(?:and\s+\w+ing\s+)?(?:normally|normal|well|fine|ok|okay|as\s+normal|good)|"
    # (round thirteen: not one's own word against the signs, "she says she's fine but she's grey")
    r"(?<!says\s)(?<!said\s)(?<!insists\s)(?<!claims\s)(?<!keeps\ssaying\s)(?:feeling|feels|seems|she's|he's|i'm|otherwise)\s+(?:completely\s+|totally\s+|perfectly\s+)?(?:fine|well|ok|okay|happy)|"
    r"(?:swelling|temperature|fever|temp|rash|it's|it\s+is)\s+(?:is\s+)?going\s+down\b(?!\s+(?:my|his|her|the|into|to|both))|"
    r"healing\s+(?:well|nicely|fine|ok|okay)|(?:is|it's|now\s+is|now)\s+healing|"
    r"(?:swelling|temperature|fever|temp|rash|it)\s+(?:has|have|had|'s)\s+(?:all\s+)?(?:gone|come)\s+down\b(?!\s+(?:my|his|her|the|into|to|both))|"
    r"(?:little|small|tiny|minor)\s+(?:\w+\s+)?(?:burn|cut|graze|scald|bump)|(?:nose|nostrils?)\s+(?:is\s+|are\s+)?(?:so\s+|really\s+)?(?:blocked|stuffy|bunged)|"
    r"when\s+(?:i|he|she|we)\s+(?:run|runs|ran|walk|walks|climb|climbs|exercise|go\s+up|goes\s+up|jog)\b|"
    r"(?:a\s+)?(?:little|bit|slightly|touch)\s+(?:high|raised|up|elevated|low)|for\s+(?:my|his|her)\s+(?:arthritis|back|knees?|joints?|migraines?|periods?|chronic\s+\w+)|"
    r"(?:chok\w*|cough\w*|wheez\w*|splutter\w*|gag\w*)\s+a\s+(?:bit|little)\b|"
    r"when\s+(?:i'm|i\s+am|he's|she's|he\s+is|she\s+is|i\s+get|he\s+gets|she\s+gets)\s+(?:really\s+|very\s+|so\s+|over)?(?:tired|exhausted|sleepy)|"
    r"(?:lick|licked|taste|tasted|drop|dab|bit)\s+(?:of\s+)?(?:a\s+bit\s+of\s+)?(?:soap|toothpaste|shampoo|bubble\s+bath|sun\s*cream|suncream|lotion|moisturi[sz]er|crayon|play\s*-?doh|chalk|lip\s*balm)|"
    r"when\s+it's\s+(?:hot|cold|dry|warm)|sometimes|every\s+(?:now\s+and\s+then|so\s+often|winter|summer)|usually|tends\s+to|"
    r"from\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:shingles|cough\w*|cold|gym|workout|scratching|"
    r"crying|sleeping|sitting|lying|hay\s+fever|sunburn|lifting)|slept\s+(?:funny|awkwardly|wrong)|overdid\s+it|"
    r"(?:has|is|it's|have|had)\s+(?:all\s+)?healed|"
    r"a\s+(?:bit|little)\s+(?:wheezy|tight|sore|achy|short\s+of\s+breath\w*|breathless|dizzy|numb|swollen|puffy|confused|muddled|slurr\w*|blotchy|mottled|pale)|"
    r"pulled\s+a\s+muscle|muscular|(?:bleeding|bleeds|bled)\s+(?:a\s+(?:bit|little)|slightly)|from\s+scratching|"
    r"grazed?|scraped|when\s+(?:i'm|i\s+am|i\s+get|i\s+feel)\s+(?:anxious|stressed|nervous|panicky|worried)|goes\s+away|"
    r"comes\s+and\s+goes|on\s+and\s+off|(?<!every\s)now\s+and\s+(?:then|again)|stops?\s+(?:quickly|by\s+itself|on\s+(?:its|their)\s+own)|(?:sugars?|levels?|readings?|numbers|periods?|moods?|sleep|bp|pressure|it's|they're|they\s+are)\s+(?:\w+\s+){0,2}?all\s+over\s+the\s+place|(?:been|is|was|seems?)\s+(?:totally\s+|completely\s+|perfectly\s+)?(?:normal|fine|ok|okay)\s+since|in\s+the\s+cold(?:\s+weather)?|when\s+it's\s+cold|in\s+(?:the\s+)?winter|(?<!like\s)(?<!like\sa\s)(?<!strange\s)(?<!weird\s)snor\w*(?!\s+(?:strange\w*|weird\w*|funny|odd\w*|and\s+(?:won't|can't|not)))|"
    # round four: improving, a known trigger (brushing teeth, standing up, pollen), every evening
    r"(?:slowly\s+|gradually\s+|already\s+)?(?:getting|got)\s+better|(?:is|it's|slowly|gradually)\s+improving|(?:bleed|bleeds)\s+(?:a\s+(?:bit|little)|slightly)|"
    r"(?:temperature|temp)\s+(?:of|is|was|at|reading|reads)\s+(?:3[0-7](?:[.,]\d)?|9[0-9](?:[.,]\d)?)(?!\d)|"
    r"(?:after|from|since)\s+(?:twisting|spraining|rolling|turning|going\s+over\s+on|knocking|banging|bumping)\s+(?:my|his|her|their)\s+(?:ankle|knee|wrist|foot|leg|arm)|"
    r"(?:puff\w*|pant\w*|wheez\w*)\s+a\s+(?:bit|little)\b|"
    r"when\s+(?:i|he|she|we|they)\s+(?:brush|brushes|floss|flosses)|when\s+(?:i|he|she|they)\s+(?:cough|coughs|sneeze|sneezes|laugh|laughs|twist|twists|press\s+on\s+it)\b(?![^.!?\n]{0,20}\bblood)|when\s+(?:i|he|she|we|they)\s+(?:stand|stood|get|got|stands|gets)\s+up|"
    r"only\s+(?:when|if|with|around)\s+(?:there's\s+)?(?:\w+\s+)?(?:pollen|grass|dust|cats?|dogs?|weather|cold\s+air|exercis\w*)\b|every\s+(?:day|evening|morning|night|afternoon)\s+(?:from|after|when)|"
    r"sleep\s+(?:apnoea|apnea|study|clinic)|for\s+a\s+(?:second|few\s+seconds|moment)\s+(?:at\s+night|in\s+(?:my|his|her)\s+sleep))\b"
)

#: Signs that make a minimised symptom dangerous whatever words soften it: a slight tightness that
#: runs into the jaw with a sweat on is a heart attack told politely. With one of these in the
#: sentence, mild words ("a bit", "slight", "I'm fine") do not set a red flag aside.
_DANGER_COMPANION = re.compile(
    r"\b(?:(?:down|into|to|up)\s+(?:my|his|her|the)\s+(?:left\s+)?(?:arm|jaw|neck)|sweat\w*|clammy|grey|gray|ashen|"
    r"lips?\s+(?:\w+\s+){0,4}blue|blue\s+lips|can't\s+(?:breathe|catch\s+(?:my|his|her)\s+breath)|pass(?:ed|ing)?\s+out|faint\w*|"
    r"(?:worst|thunderclap)\s+headache|won't\s+wake|collaps\w*|floppy|mottled|limp|lethargic|won't\s+respond|not\s+respond\w*|unresponsive|can't\s+wake|not\s+waking|purple\s+(?:spots|rash)|don't\s+fade|doesn't\s+fade)\b"
)

#: Figures of speech built on a red-flag word, read in the symptom's clause: "my face dropped when I
#: saw the bill", "knocked out by this cold", "that coffee is pure poison", "breathless with excitement".
_IDIOM = re.compile(
    r"\b(?:(?:face|jaw|heart|stomach)\s+(?:dropped|fell|sank|sunk|skipped\s+a\s+beat)\s+when|knocked\s+(?:me\s+)?out\s+by\s+(?:this|a|the|my)\s+"
    r"(?:cold|flu|bug|virus|heat|week|job)|pure\s+poison|(?:is|was|it's)\s+poisoning\s+(?:me|us)|(?:breathless|out\s+of\s+breath|"
    r"(?:can't|couldn't|could\s+not)\s+breathe)\s+(?:with|from|for)\s+(?:excitement|laughter|laughing|joy)|took\s+my\s+breath\s+away|"
    r"bleeding\s+(?:me\s+)?(?:money|dry)|(?:bored|laughed|scared)\s+to\s+death|dying\s+(?:to|for)\s+(?:a|an|the|see|know|go|try|get|hear|meet)|"
    # a red-flag word said of traffic, money, markets or moods: "this traffic is suffocating", "nearly had a stroke when"
    r"(?:traffic|heat|office|atmosphere|place|job|house|flat|relationship|meeting|crowd|this|it)\s+(?:is|was|'s)\s+(?:so\s+|really\s+)?suffocating|"
    r"breathing\s+down\s+(?:my|his|her|our|their)\s+neck|(?:price|prices|cost|bill|rent|fee|fees)\s+(?:is|are|was)\s+(?:pure\s+)?poison|poison\s+for\s+(?:my|the|our)|"
    r"(?:so|too)\s+\w+\s+(?:that\s+)?i\s+could\s+(?:collaps\w*|die|faint\w*|scream|cry|drop)|"
    r"(?:market|markets|company|business|deal|plans?|economy|shares?|stocks?|tent|shelf|roof|chair|bridge\s+deal)\s+(?:has\s+|had\s+)?collapsed|"
    r"(?:collaps\w*|died|dying|dead)\s+(?:with|of|from)\s+(?:laughter|laughing|giggles|embarrassment|boredom|shame)|"
    r"explode\s+with\s+(?:all\s+)?(?:these|the|this|those)\s+(?:forms?|paperwork|admin|emails?|questions|work|noise|calls)|"
    r"drowning\s+in\s+(?:paperwork|work|debt|emails?|bills|admin|homework|laundry)|(?:nearly|almost)\s+(?:had|have)\s+an?\s+(?:stroke|heart\s+attack|seizure|fit|coronary)\s*(?:when|at|over|after|$|[,.!])|"
    r"(?:giving|give|gives|gave|given)\s+me\s+an?\s+(?:heart\s+attack|stroke|seizure|coronary|aneurysm|hernia)|"
    r"(?:nearly|almost)\s+(?:passed\s+out|fainted|collapsed|died|keeled\s+over)\s+(?:with|from|of)\s+(?:relief|shock|surprise|excitement|joy|laughter|laughing|embarrassment|happiness)|"
    r"(?:i|we)\s+(?:nearly|almost)\s+(?:passed\s+out|fainted|collapsed|died|keeled\s+over)\s+(?:at|over|with|from|after\s+(?:seeing|hearing|reading))\s+(?:the|that|this|those|my|our|a|an)\b|"
    # nearly fainting somewhere and now asking for a test: "nearly fainted at a gig, want my iron checked"
    r"^(?:i\s+)?(?:nearly|almost)\s+(?:passed\s+out|fainted|collapsed)\s+(?:at|in|on|during)\s+(?:a|an|the|my)\s+\w+\s*(?:,|$)|"
    r"(?:nearly|almost)\s+(?:passed\s+out|fainted|collapsed|died|keeled\s+over)\s+when\s+(?:i|we|he|she)\s+(?:saw|heard|read|got|opened|looked)|"
    r"(?:is|are|was|it's)\s+poisoning\s+(?:my|our)\s+(?:life|lives|days?|week|mood|brain|mind)|poisoned\s+by\s+(?:this|the)\s+(?:heat\w*|weather|sun|paperwork|job|work|traffic|noise)|"
    r"(?:die|died|dying)\s+(?:of|from)\s+(?:boredom|laughter|embarrassment|shame|thirst|hunger)|"
    # a threat about a hypothetical: "I'll collapse if they add more", "I'll have a heart attack if it's late"
    r"(?:i'll|i\s+will|i'm\s+going\s+to|i'm\s+gonna|he'll|she'll)\s+(?:collapsed?|die|faint|pass\s+out|have\s+an?\s+(?:stroke|heart\s+attack|fit|seizure))\s+if\b|"
    r"floppy[\s-]+haired|floppy\s+(?:hat|ears|hair|fringe|disk|disc)|"
    # round twelve: a machine or a website that "had a fit", "collapsed", "keeps blacking out" or "died"
    r"(?:phone|mobile|app|website|site|web\s+page|page|portal|laptop|computer|pc|printer|screen|system|server|internet|wifi|wi-fi|router|car|link|email|inbox)\s+"
    r"(?:[\w']+\s+){0,2}(?:(?:had|having|has\s+had|threw)\s+a\s+(?:fit|seizure|meltdown)|collapsed|(?:blacking|blacked|blacks)\s+out|passed\s+out|died|froze|crashed|seized\s+up))\b"
)

#: A message that reassures or asks for advice ("he was fine after some juice, should he change his
#: dose?", "is calpol ok?"): a red-flag *mention* in it is not enough for the classifier to call an emergency.
_REASSURED = re.compile(
    r"\b(?:(?:is|was|are|were|has\s+been|been|seems?|looks?|feels?|felt)\s+(?:totally\s+|completely\s+|perfectly\s+|absolutely\s+)?"
    r"(?:fine|ok|okay|normal|well|better|grand|alright|all\s+right)\b(?!\s+(?:but|except))|(?:fine|ok|okay|better|normal|grand|good|alright)\s+(?:now|since|today)|"
    r"is\s+(?:that|this|it)\s+(?:normal|ok|okay|safe|serious|worth|my)|is\s+\w+\s+(?:ok|okay|safe)|"
    r"should\s+(?:i|he|she|we|they)\s+(?:change|adjust|stop|keep|take|give|worry|be\s+worried|use)|just\s+wondering|"
    r"wondering\s+(?:if|whether)|any\s+(?:tips|advice|cream)|anything\s+(?:i|we)\s+can\s+(?:put|use|rub|apply)\s+on|(?:is\s+there\s+)?(?:anything|something)\s+(?:to|that\s+(?:can|could|would|will))\s+help\s+(?:him|her|them|me)\s+(?:to\s+)?(?:stop|quit|sleep|with)|running\s+around|laughing|smiling|playing\s+(?:happily|normally|fine)|"
    r"back\s+to\s+(?:normal|himself|herself)|acting\s+normal\w*|"
    # "everything's normal", "all good", "fine in himself", "runs around like normal", "no symptoms",
    # and an explicit denial of self-harm thoughts ("I'm not thinking of hurting myself")
    r"(?:he's|she's|i'm|they're|we're|he\s+is|she\s+is)\s+(?:totally\s+|completely\s+|perfectly\s+|absolutely\s+)?(?:fine|ok|okay|alright|all\s+right)\b(?!\s+(?:but|except|one\s+minute|then))|"
    r"everything(?:'s|\s+is|\s+has\s+been)\s+(?:been\s+)?(?:normal|fine|ok|okay|good|great|straightforward)|all\s+good|"
    r"fine\s+in\s+(?:him|her|my|them)sel(?:f|ves)|like\s+normal|(?:i|he|she|we)\s+feel\s+(?:fine|well|ok|okay)|no\s+symptoms|"
    r"not\s+(?:thinking\s+(?:of|about)|planning\s+(?:to|on))\s+(?:hurt|harm|kill|end)\w*\s+(?:myself|it)|not\s+suicidal|"
    r"no\s+thoughts\s+of\s+(?:hurt|harm|kill|suicide|self)\w*|"
    # safe, no need, just a check, and a list of red flags the patient does not have
    r"(?:i'm|i\s+am|i\s+feel|keeping\s+(?:myself\s+)?|he's|she's|they're|he\s+is|she\s+is)\s+safe\b(?!\s+to)|(?:not|never)\s+in\s+(?:any\s+)?danger|"
    r"(?:i'm|i\s+am|he's|she's|he\s+is|she\s+is)\s+(?:grieving|sad|low)\s+but\s+safe|no\s+need\s+to\s+(?:see|worry|come|rush)|"
    r"just\s+(?:want|wanted|need|needed|like)\s+(?:a|someone|the|to)\s+(?:\w+\s+){0,2}(?:to\s+)?(?:check|look|see)|"
    r"no\s+(?:swelling|fever|temperature|vomiting|drowsiness|headaches?|trouble\s+breathing|breathing\s+problems?|lip\s+or\s+throat)\b|"
    r"(?:eating|drinking|feeding|playing|sleeping)\s+(?:and\s+\w+ing\s+)?(?:normally|normal|well|fine|ok|okay|again)|and\s+(?:fine|well|healthy|thriving)\b|"
    r"going\s+(?:well|fine|great)|haven't\s+(?:taken|used|had)\s+any|(?:asked|asking)\s+(?:me\s+)?for\s+a\s+(?:list|letter|form|copy)|"
    r"(?:want|need|get|have|chase|chasing)\s+(?:the\s+|my\s+)?results?|stopped\s+bleeding|closing\s+up|(?:he|she|they)\s+wakes?\b(?!\s+(?:gasping|choking|blue|confused|screaming))|"
    r"(?:been\s+like\s+(?:that|this)|for)\s+(?:months|years)|could\s+i\s+try|"
    # round twelve: there for a week or more, nothing new today ("rash on my arm, been there a week")
    r"(?:been\s+(?:there|here|going\s+on)|had\s+(?:it|them))\s+(?:for\s+)?(?:about\s+|over\s+|nearly\s+)?(?:a|one|two|three|\d+|a\s+few|few|a\s+couple\s+of)\s+(?:weeks?|months?|years?)|"
    r"(?:want|like|trying|try|help)\s+(?:me\s+)?to\s+(?:stop|quit|give\s+up|cut\s+down)\s+(?:smoking|drinking|vaping|alcohol|cigarettes)|"
    r"(?:not|isn't|wasn't)\s+(?:flooding|worse|getting\s+worse)|same\s+as\s+always|nothing\s+(?:sudden|serious|new)|"
    # round four: a question about a number, a symptom settling, a baby moving plenty, support for someone
    r"is\s+(?:that|this|it)\s+(?:bad|dangerous|high|low|too\s+(?:high|low)|a\s+problem|concerning|worrying)|"
    r"(?:it's|is|it\s+is|swelling's|swelling\s+is)\s+going\s+down|(?:getting|got)\s+better|improving|"
    r"(?:moving|kicking|wriggling)\s+(?:loads|lots|a\s+lot|plenty|well|normally|all\s+the\s+time)|kick\w*\s+(?:me\s+)?(?:constantly|non-?stop|all\s+the\s+time|loads|lots|all\s+(?:day|night))|"
    r"is\s+there\s+(?:any\s+)?(?:\w+\s+)?(?:support|group|groups|counsell\w*|service|leaflet)\s+(?:i|we|they|for|that|you)|"
    r"when\s+(?:should|will|do|can)\s+(?:i|we|she|he)\s+(?:expect|get|have|book)|is\s+(?:that|this|it)\s+(?:fine|alright|all\s+right)|"
    r"(?:then|and\s+then)\s+(?:normal|fine|ok|okay|back\s+to\s+normal)|(?:a\s+)?long\s+time\s+like\s+(?:this|that)|(?:for\s+ages|for\s+years)\s+like\s+(?:this|that)|"
    r"(?<!can't\s)(?<!cannot\s)(?<!not\s)(?<!won't\s)(?<!couldn't\s)(?<!unable\sto\s)keep(?:s|ing)?\s+(?:fluids|food|water|drinks|it|everything|things)\s+down|(?:wakes?|woke|waking)\s+(?:up\s+)?fine|(?:i|he|she|they)\s+(?:stammer|stutter)\w*)\b"
)

#: Jokes and figures of speech ("this queue is killing me, can't breathe lol").
_FIGURATIVE = re.compile(
    r"(?:\b(?:lol|lmao|haha\w*|rofl|jk|joking|kidding)\b|\U0001F602|\U0001F923)"
    r"(?=.*\b(?:queue|wait\w*|hold|slots?|book\w*|rebook\w*|appointment|appt|website|app|bot|traffic|bus|meeting|work|boss|homework|exam|form|"
    r"clinic|sick\s+note|jab|smear|review|air\s+con\w*|anyway)\b)"
    r"|\b(?:queue|wait\w*|hold|slots?|booking|website|app|bot|traffic|meeting|boss|homework|exam|form|parking\s+fine|bill)\b"
    r"(?=.*\b(?:lol|lmao|haha\w*|rofl|jk|joking|kidding)\b)"
    # laughing so hard one cannot breathe, and "is that an emergency (jk)"
    r"|\bcan't\s+breathe\b[^\n]{0,40}\b(?:so\s+funny|hilarious|funniest|laugh\w*|lmao|tiktok|video|meme)\b"
    r"|\b(?:is\s+(?:that|this|it)\s+an\s+emergency|emergency)\b[^\n]{0,10}\b(?:jk|just\s+kidding|joking|lol|haha)\b"
)


def is_reassured(text: str) -> bool:
    """Whether the message reassures or asks for advice about a symptom rather than raising an alarm.

    A swallowing stopped in time ("took them off her before she had any") reassures too, and so does a
    figure of speech on a red-flag word ("bored to death"): the classifier alone does not call those.
    """
    return bool(_REASSURED.search(text) or AVERTED.search(text) or _IDIOM.search(text))


#: A joke marker: laughter, "just kidding", a crying-laughing or skull emoji.
_JOKE = re.compile(
    r"\b(?:lol|lmao|lmfao|haha\w*|hehe\w*|rofl|jk|just\s+kidding|joking)\b|\U0001F602|\U0001F923|\U0001F480"
)


def is_mild(text: str) -> bool:
    """Whether ``text`` softens a symptom ("a slight temperature", "playing normally", "a small burn")."""
    return bool(_MILD.search(text))


def is_figurative(text: str) -> bool:
    """Whether the message is a joke or figure of speech: about waiting, work or the app, or any message
    that laughs at itself ("lol", "haha", "jk") with no strong cue that something is happening now.

    No emergency in the development sets (about 5,000 lines, hundreds from teenagers) carries a joke
    marker, while many of their hard non-emergencies do; a strong cue ("right now", "please hurry",
    "can't breathe") still overrides the laugh.
    """
    return bool(_FIGURATIVE.search(text)) or (
        bool(_JOKE.search(text)) and not has_urgency(text, strong=True)
    )


def _present_outside(sentence: str, span: str) -> bool:
    """Whether the sentence has a present-time cue other than a one-word match itself ("ring for an ambulance").

    A longer match keeps the cues inside it: "that same pressure is back right now".
    """
    at = sentence.find(span)
    if at < 0 or " " in span.strip():
        return bool(PRESENT.search(sentence))
    return any(m.end() <= at or m.start() >= at + len(span) for m in PRESENT.finditer(sentence))


def is_history_or_admin(
    text: str, start: int, end: int, *, routine: bool = True, mild: bool = True
) -> bool:
    """Whether the symptom is history, a topic of paperwork, routine care or mild, with nothing happening now.

    Past time counts near the symptom only ("a stroke last year"), so "she had an
    operation last week" does not hide "burning hot and confused" earlier on.
    ``routine=False`` leaves routine-care and chronic words out: a farewell letter is not a referral letter.
    ``mild=False`` leaves mildness out, for a caller that weighs it against severity (``scoring``).
    """
    sentence = sentence_around(text, start, end)
    if routine and _IN_CARE.search(sentence):
        return True
    if _present_outside(sentence, text[start:end]):
        return False
    before, after = clause_around(text, start, end)
    clause = before + text[start:end] + after
    softened = mild and bool(_MILD.search(clause)) and not _DANGER_COMPANION.search(sentence)
    return bool(
        _PAST.search(clause)
        or _ADMIN.search(clause)
        or softened
        or _IDIOM.search(clause)
        or (
            routine
            and (_CHRONIC.search(clause) or (_ROUTINE.search(clause) and not has_urgency(text)))
        )
    )
