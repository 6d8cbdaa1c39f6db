"""The scored screen: a red-flag symptom x a severity cue x a person-now frame.

The phrase lexicon (``nlu.emergency.lexicon``) recognises emergencies as they were written in the
sets it was built from; strangers say them differently. This layer reads a message the way a triage
nurse listens, by word classes (``nlu.emergency.vocabulary``) rather than phrases:

- a **symptom** of a triage category ("a body fluid", "a household chemical swallowed", "a face that
  droops"), each carrying a weight: 1.0 when it is an emergency by itself in the here and now
  ("I don't trust myself to stay safe"), 0.5 when it needs more;
- **severity** ("won't stop", "a lot", "blue", "can't", "worst") and **companion signs** of the same
  category ("chest pain" with "sweating", "hit his head" with "drowsy") that add to it;
- a **person-now frame**: each symptom is read in its own clause and counts only if it is happening to
  someone now: not denied ("no chest pain"), not history or paperwork ("my stroke last year", "a
  follow-up for my chest infection"), not a question about a condition ("what causes fainting");
- **calm** that takes away from the score rather than vetoing it: mild words ("a bit of a bleed"), a
  reassured message ("he's fine and playing, is that ok?"), routine care for later, a chronic pattern, a
  time before today. A minimiser's "a bit of a bleed, it keeps coming, quite a lot" still adds up.

A category whose accepted symptoms and cues add up to 1.0 calls the message an emergency. Weights are
deliberately coarse (0.25 steps) so that a reader can add them up by hand.

Self-harm said indirectly is its own scored family: not trusting oneself to stay safe, goodbyes, no
reason to go on, the means at hand, a plan or a time; two of the weaker ones together count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from nlu.emergency.cues import PRESENT, undenied
from nlu.emergency.history import is_history_or_admin, is_mild, is_reassured
from nlu.emergency.negation import RESOLVED, is_negated, sentence_around
from nlu.emergency.vocabulary import (
    AIRWAY,
    BEFORE_TODAY,
    BELLY,
    BELLY_BAD,
    BLACK_STOOL,
    BREATH,
    BREATH_BAD,
    BREATH_CONTEXT,
    BURN,
    BURN_BAD,
    BURN_MAJOR,
    CARDIAC_COMPANION,
    CHEST,
    CHILD,
    CHRONIC,
    CO_SIGN,
    CO_SOURCE,
    COLLAPSE,
    COLLAPSE_BAD,
    CONFUSED,
    DANGER,
    EYE,
    EYE_COMPANION,
    FACE_DROOP,
    FAECULENT_VOMIT,
    FAINTISH,
    FEVER,
    FINISHED,
    FLOATERS,
    FLUID,
    GAS_ALARM,
    HALOS,
    HEAD_BAD,
    HEAD_HIT,
    HEART_RATE_BAD,
    HEARTBEAT,
    HEAVY,
    HOUSEHOLD,
    INFANT_SIGN,
    INFECTION,
    INGEST,
    INJURY_BAD,
    INJURY_EVENT,
    LATER,
    LIMB_WEAK,
    MEDICINE,
    MENINGITIS,
    MILD,
    NO_SLEEP,
    NOT_A_BLEED,
    NOT_A_BURN,
    NOT_BREATHLESS,
    NOW,
    OBSTRUCTION,
    OD_SIGN,
    PAIN,
    PERIOD,
    PERSISTS,
    POISON_SIGN,
    PREGNANCY_SIGN,
    PREGNANT,
    PSYCHOSIS,
    QUANTITY,
    QUANTITY_LARGE,
    REACTION,
    RETENTION,
    SEIZURE,
    SEIZURE_BAD,
    SEVERITY,
    SHOCK,
    SIGHT_SHADOW,
    SIGHT_WRONG,
    SPEECH_WRONG,
    SUGAR,
    SUGAR_BAD,
    TRIGGER,
    UNCONSCIOUS,
    UNREAL,
    VISION_LOSS,
    VOMIT_BLOOD,
    WOUND,
    WOUND_BAD,
    YOUNG_AGE,
    near,
    then,
    together,
)
from nlu.literals import LiteralIndex

#: Categories where "she seems fine" is no reassurance, as in the lexicon: a child who swallowed
#: something can turn within the hour.
_FINE_IS_NOT_SAFE = {"poisoning_overdose"}
#: A category's score at which the message is an emergency.
THRESHOLD = 1.0
#: What a general severity cue anywhere in the message (outside denied clauses) adds.
SEVERITY_WEIGHT = 0.5
#: What a cue of time ("now", "20 minutes ago", "since last night") adds.
NOW_WEIGHT = 0.25
#: What each family of calm takes away: mildness ("a small blister"), routine care for later ("can I
#: book for next week"), a time before today with no "now" ("burnt it yesterday, can the nurse look"),
#: a chronic or recurring pattern ("heavy every month").
CALM_WEIGHT = 0.5


@dataclass(frozen=True)
class Signal:
    """One word-class combination and what it adds to its category's score."""

    name: str
    pattern: re.Pattern[str]
    weight: float
    #: A symptom anchors the score and must pass the person-now frame; a cue only adds to it.
    symptom: bool = True
    #: Look-alikes that are not this signal ("heartburn" for a burn): a match inside one is skipped.
    exclude: re.Pattern[str] | None = None


def _sig(
    name: str, rx: str, weight: float, *, symptom: bool = True, exclude: str | None = None
) -> Signal:
    return Signal(name, re.compile(rx), weight, symptom, re.compile(exclude) if exclude else None)


def _w(cls: str) -> str:
    """A word class as whole words."""
    return rf"\b(?:{cls})\b"


#: A quantity of a medicine beyond a dose, either way round: "a whole box of paracetamol", "all his pills".
_TOO_MUCH = (
    rf"{near(QUANTITY, MEDICINE, 4)}|(?:{QUANTITY})(?:(?<=pills)|(?<=blets)|(?<=meds)|(?<=icine))"
)

#: Group -> its signals. A group is a category id of the lexicon (``CATEGORY_IDS``), with a family after
#: a colon where one category holds several (a burn's cues do not add to a head injury's score): burns
#: and head injuries are injuries ("trauma"), sepsis and meningitis share a category as in the lexicon.
SIGNALS: dict[str, tuple[Signal, ...]] = {
    "chest_pain": (
        _sig("chest pain", near(CHEST, PAIN, 4), 0.5),
        _sig("chest feels", then(CHEST, r"feels?\s+like|feeling\s+like", 1), 0.5),
        _sig("heartbeat", rf"\b{HEARTBEAT}\b", 0.5),
        _sig("spreading, sweat, colour", _w(CARDIAC_COMPANION), 0.5, symptom=False),
        _sig("rate out of range", _w(HEART_RATE_BAD), 0.25, symptom=False),
    ),
    "stroke": (
        _sig("face droops", _w(FACE_DROOP), 0.75),
        _sig("speech wrong", _w(SPEECH_WRONG), 0.5),
        _sig("one limb weak", _w(LIMB_WEAK), 0.5),
        _sig("sight lost", _w(VISION_LOSS), 0.5),
        _sig("confused", _w(CONFUSED), 0.25, symptom=False),
    ),
    "breathing": (
        _sig("breathing", _w(BREATH), 0.5, exclude=NOT_BREATHLESS),
        _sig(
            "breathing hard",
            near(BREATH, BREATH_BAD, 4),
            0.5,
            symptom=False,
            exclude=NOT_BREATHLESS,
        ),
        _sig("inhaler", _w(BREATH_CONTEXT), 0.25, symptom=False),
    ),
    "bleeding": (
        _sig("blood", _w(FLUID), 0.5, exclude=NOT_A_BLEED),
        _sig("period", _w(PERIOD), 0.25),
        _sig(
            "blood, a lot",
            near(f"{FLUID}|{PERIOD}", HEAVY, 10),
            0.5,
            symptom=False,
            exclude=NOT_A_BLEED,
        ),
        _sig("blood brought up", VOMIT_BLOOD, 1.0),
        _sig("wound", _w(WOUND), 0.25),
        _sig("deep wound", near(WOUND, WOUND_BAD, 4), 0.75),
        _sig("signs of shock", _w(FAINTISH), 0.25, symptom=False),
    ),
    "trauma:burn": (
        _sig("burn", _w(BURN), 0.5, exclude=NOT_A_BURN),
        _sig("burn damage", _w(BURN_BAD), 0.5, symptom=False),
        # a second, independent sign of a major burn: its size, or the deep skin colours
        _sig("burn large or deep", _w(BURN_MAJOR), 0.5, symptom=False),
    ),
    "trauma:head": (
        _sig("head hit", _w(HEAD_HIT), 0.5),
        _sig("head injury signs", _w(HEAD_BAD), 0.5, symptom=False),
    ),
    "trauma:force": (
        _sig("injury with force", _w(INJURY_EVENT), 0.5),
        _sig("injury damage", _w(INJURY_BAD), 0.5, symptom=False),
    ),
    "poisoning_overdose:poisoning": (
        _sig("substance in", near(HOUSEHOLD, INGEST, 5), 0.5),
        _sig("a child", _w(CHILD), 0.5, symptom=False),
        _sig("signs after", _w(POISON_SIGN), 0.25, symptom=False),
        # a carbon monoxide or gas alarm sounding: the household's symptoms are the poisoning's
        _sig("gas alarm sounding", _w(GAS_ALARM), 0.75),
        # round thirteen: no alarm, but an engine or an old heater burning indoors with the
        # household's headache, sleepiness or sickness ("the car running in the garage, he's very sleepy")
        _sig("fumes indoors", _w(CO_SOURCE), 0.5),
        _sig("fumes' signs", _w(CO_SIGN), 0.5, symptom=False),
    ),
    "poisoning_overdose:overdose": (
        _sig("too much medicine taken", near(INGEST, _TOO_MUCH, 3), 0.5),
        # round twelve: a whole prescription swallowed needs no sign after it
        _sig(
            "a large amount taken",
            near(INGEST, near(QUANTITY_LARGE, MEDICINE, 4), 3),
            0.25,
            symptom=False,
        ),
        _sig("medicine taken", f"{near(MEDICINE, INGEST, 5)}|{near(INGEST, MEDICINE, 8)}", 0.25),
        # round thirteen: a whole supply used up ("finished the whole bottle of his pain tablets"); a
        # sign of overdose or a cue of now makes it one
        _sig("a whole supply finished", near(FINISHED, near(QUANTITY_LARGE, MEDICINE, 4), 3), 0.75),
        _sig("signs of overdose", _w(OD_SIGN), 0.25, symptom=False),
    ),
    "sepsis_meningitis_other": (
        _sig("fever", _w(FEVER), 0.5),
        _sig("infection", _w(INFECTION), 0.25),
        _sig("rash, stiff neck, light", _w(MENINGITIS), 0.5),
        _sig("shock", _w(SHOCK), 0.5, symptom=False),
    ),
    # round thirteen: the eye, filed with "other" as the lexicon files sudden sight loss with the stroke:
    # a retina tearing (floaters or flashes with a shadow across the sight) and acute glaucoma (halos
    # round lights with a painful red eye or vomiting); hot flashes are no flashes of light
    "sepsis_meningitis_other:eye": (
        _sig(
            "floaters or flashes",
            f"{_w('floaters?')}|{near(EYE, FLOATERS, 8)}",
            0.5,
            exclude=r"\bhot\s+flash\w*",
        ),
        _sig("a shadow across the sight", near(EYE, SIGHT_SHADOW, 8), 0.5),
        _sig("halos round lights", _w(HALOS), 0.5),
        _sig("sight gone wrong", near(EYE, SIGHT_WRONG, 4), 0.25, symptom=False),
        _sig(
            "painful eye, sickness",
            f"{near('eyes?', PAIN, 4)}|{_w(EYE_COMPANION)}",
            0.25,
            symptom=False,
        ),
    ),
    "infant_child": (
        _sig("young baby unwell", near(YOUNG_AGE, INFANT_SIGN, 8), 0.75),
        _sig("baby sign", _w(INFANT_SIGN), 0.25),
        _sig("baby", r"\b(?:baby|babies|newborn|infant|lo|bub)\b", 0.25, symptom=False),
    ),
    "diabetic": (
        _sig("sugar", _w(SUGAR), 0.5),
        _sig("sugar bad", near(SUGAR, SUGAR_BAD, 5), 0.25, symptom=False),
        _sig(
            "hypo signs",
            _w(
                CONFUSED
                + "|sweat\\w*|shak\\w*|vomit\\w*|can't\\s+(?:eat|swallow)|won't\\s+(?:eat|take)"
                # round twelve: a fall or speech gone, in second-language order ("he fall down and no speaking")
                + "|fell|fall(?:en)?\\s+down|(?:no|not|can't)\\s+(?:speak\\w*|talk\\w*)|slurr\\w*|blurr\\w*|seeing\\s+double"
            ),
            0.25,
            symptom=False,
        ),
    ),
    "abdominal": (
        _sig(
            "belly pain",
            # round thirteen: a belly swollen in lay words ("blown up", "bloated") as well as pain
            near(BELLY, PAIN + "|swollen|swelling|hard|blown\\s+up|bloated|distended", 4),
            0.5,
        ),
        _sig("belly bad", _w(BELLY_BAD), 0.25, symptom=False),
        _sig("black stool", _w(BLACK_STOOL), 0.5),
        _sig("retention", _w(RETENTION), 0.5),
        _sig("bowel stopped", _w(OBSTRUCTION), 0.5),
        _sig("vomit like faeces", _w(FAECULENT_VOMIT), 0.75),
        _sig("faint", _w(FAINTISH), 0.25, symptom=False),
    ),
    "pregnancy": (
        _sig(
            "pregnant, with a sign", together(PREGNANT, PREGNANCY_SIGN), 0.75, exclude=NOT_A_BLEED
        ),
        _sig("another sign", _w(PREGNANCY_SIGN), 0.25, symptom=False, exclude=NOT_A_BLEED),
    ),
    "mental_health_crisis": (
        _sig("psychosis", _w(PSYCHOSIS), 0.5),
        _sig("days without sleep", _w(NO_SLEEP), 0.5),
        _sig("danger", _w(DANGER), 0.5, symptom=False),
        # feeling unreal beside a strange belief or no sleep: "I don't feel real, people in the walls"
        _sig("feeling unreal", _w(UNREAL), 0.5, symptom=False),
    ),
    "collapse_seizure:seizure": (
        _sig("seizure", _w(SEIZURE), 0.5),
        _sig("seizure signs", _w(SEIZURE_BAD), 0.5, symptom=False),
    ),
    "collapse_seizure:unconscious": (_sig("unconscious", _w(UNCONSCIOUS), 1.0),),
    "collapse_seizure:collapse": (
        _sig("collapse", _w(COLLAPSE), 0.5),
        _sig("collapse signs", _w(COLLAPSE_BAD), 0.5, symptom=False),
    ),
    "anaphylaxis": (
        _sig("reaction", _w(REACTION), 0.5),
        _sig("airway", _w(AIRWAY), 0.5, symptom=False),
        _sig("trigger", _w(TRIGGER), 0.25, symptom=False),
    ),
}

# --- self-harm said indirectly --------------------------------------------------------------------

_SELF = r"(?:myself|my\s+self|meself)"
#: Each family of indirect intent with its weight: not safe with oneself is enough by itself.
SELF_HARM_SIGNALS: tuple[Signal, ...] = (
    _sig(
        "not safe with oneself",
        rf"\b(?:(?:don't|do\s+not|can't|cannot|can\s+not|not|no\s+longer|couldn't)\s+(?:[\w']+\s+){{0,3}}(?:trust|keep)\s+{_SELF}(?:\s+safe)?|"
        # "not safe" said of oneself with nothing after it but a time: "not safe tonight", "i'm not safe"
        r"(?:^|(?<=i'm\s)|(?<=i\sam\s)|(?<=feel\s)|(?<=feeling\s))\s*not\s+(?:feeling\s+)?safe(?:\s+(?:tonight|right\s+now|now|today|anymore|any\s+more|at\s+the\s+moment))?\s*(?:[.!,]|$)|"
        rf"not\s+(?:feeling\s+)?safe\s+(?:with|around|by|from)\s+{_SELF}|(?:scared|afraid|frightened)\s+of\s+(?:what\s+)?(?:i\s+(?:might|will|could)\s+do|{_SELF})|"
        r"(?:might|may|going\s+to|gonna)\s+do\s+something\s+(?:stupid|silly|bad|dumb)(?:\s+to\s+myself)?)\b",
        1.0,
    ),
    _sig(
        "goodbye",
        r"\b(?:say\w*\s+(?:my\s+)?(?:good\s*-?\s*byes?|bye)\s+(?:to\s+)?(?:every\w*|you\s+all|my|all)|good\s*-?\s*bye\s+(?:letters?|notes?|messages?)|"
        r"(?:written|wrote|writing|left)\s+(?:\w+\s+)?(?:letters?|notes?)\s+(?:to|for)\s+(?:my|every\w*|the\s+kids)|"
        r"(?:giv\w*|gave)\s+(?:away\s+)?(?:all\s+)?(?:my|his|her)\s+(?:things|stuff|belongings|possessions)(?:\s+away)?|"
        r"(?:sorted|sorting|put|putting|got|getting)\s+(?:out\s+)?(?:all\s+)?(?:my|his|her)\s+(?:affairs|will|things|stuff|papers)(?:\s+(?:in\s+order|out))?(?!\s+(?:for|to|from|into|ready\s+for)\b)|"
        # round thirteen: the will named with any determiner ("sorted the will"), a will made
        r"(?:sorted|sorting|made|making|written|wrote|writing|done|did|finished|signed)\s+(?:out\s+)?(?:the|a|my|his|her)\s+will\b(?!\s+(?:for|to|from|with|and\s+need|reading))|"
        # being found afterwards: "so it's not the postman who finds me", "whoever finds my body"
        r"(?:who|whoever|when\s+(?:they|you|someone|somebody|he|she))\s+finds?\s+(?:me|my\s+body)\b(?!\s+(?:a|an|the|some|any|another|something|somewhere|time|slot|appointment|work|job|place))|"
        r"finds?\s+my\s+body|"
        # round twelve: a pet or a child's care handed over, a "sorry" sent through someone
        r"(?:given|gave|giving|rehomed|rehoming)\s+(?:away\s+)?(?:the|my|our|his|her)\s+(?:dog|cat|pets?|kitten|puppy)(?:\s+(?:away|to))?|"
        r"(?:given|gave|giving)\s+away\s+(?:my|his|her)\s+\w+(?:\s*,\s*|\s+and\s+)(?:my|his|her)\s+\w+|"
        r"(?:tell|say\s+to)\s+(?:my\s+\w+|them|everyone|him|her|mum|mom|dad)\s+(?:i'm\s+|i\s+am\s+)?sorry(?!\s+(?:for\s+(?:being\s+)?late|i\s+(?:can't|couldn't|won't)|about\s+the))|if\s+(?:anything|something)\s+(?:happens|were\s+to\s+happen|should\s+happen)\s+to\s+me|(?:this\s+is\s+)?(?:my\s+)?last\s+message|"
        r"(?:tell|say\s+to)\s+(?:them|everyone|my\s+\w+)\s+(?:i'm\s+sorry|i\s+am\s+sorry|i\s+love\s+them)|"
        r"sorry\s+(?:and|,)\s+(?:that\s+)?(?:he|she|i)\s+loves?\s+(?:us|you|me|them|everyone)|won't\s+be\s+(?:here|around)\s+(?:tomorrow|much\s+longer|anymore))\b",
        0.5,
    ),
    # a farewell with nothing to explain it: "just wanted to say goodbye and thank you for everything"
    # (three parts that only add up together: a goodbye, thanks for everything, no more need of care)
    _sig(
        "parting: goodbye",
        r"\b(?:wanted|want|wanna|wished|wish|needed|need|just|came|writing)\s+(?:to\s+)?(?:say|tell\s+you)\s+(?:a\s+)?(?:good\s*-?\s*bye|bye|farewell)\b",
        0.5,
    ),
    _sig("parting: thanks", r"\bthank\w*\s+(?:[\w']+\s+){0,3}for\s+every\s*thing\b", 0.25),
    _sig(
        "parting: no more care",
        r"\b(?:won't|will\s+not|wont)\s+(?:be\s+)?need\w*\s+(?:my|the|this|that|any|an?)\s+(?:\w+\s+)?(?:appointments?|appts?|apps?|prescriptions?|meds|medicine)\b|"
        # round thirteen: the same said with a pronoun ("move my check-up, I won't need it"); a
        # quarter, so it counts only beside a goodbye or thanks for everything
        r"\b(?:won't|will\s+not|wont|no\s+longer)\s+(?:be\s+)?need\w*\s+(?:it|them)(?:\s+(?:anymore|any\s+more|after\s+all))?\s*(?=[.!,;]|$)",
        0.25,
    ),
    _sig(
        "no reason to go on",
        r"\b(?:no\s+(?:point|reason|use)\s+(?:in\s+)?(?:going\s+on|living|carrying\s+on|being\s+(?:here|alive)|to\s+(?:live|go\s+on|stay))|"
        r"(?:can't|cannot|can\s+not)\s+(?:go\s+on|do\s+this|carry\s+on|take\s+(?:it|this)|cope)(?:\s+(?:any\s*more|no\s+more|like\s+this))?|"
        r"(?:everyone|everybody|they|my\s+\w+)\s+(?:would\s+be|is|are|will\s+be|'d\s+be)\s+(?:better(?:\s+off)?|fine|ok|okay|happier)\s+without\s+(?:me|him|her)|"
        r"(?:don't|do\s+not|doesn't|does\s+not)\s+(?:want|wont|won't|wanna)\s+(?:to\s+)?(?:be\s+(?:here|hear|alive|around)|live|exist|wake\s+up|go\s+on)|"
        r"(?:i'm|i\s+am)\s+(?:finished|done|so\s+done)(?:\s+with\s+(?:life|everything|it\s+all))?\s*(?:[,.!]|$)|"
        r"(?:tired|sick)\s+of\s+(?:life|living|being\s+alive|everything|fighting|trying|it\s+all)|(?:think\w*|thought\w*)\s+(?:about|of)\s+(?:dying|death|not\s+being\s+here)|(?:a\s+)?burden\s+(?:to|on)\s+every\w*|"
        r"want\s+(?:it\s+)?(?:all\s+)?to\s+(?:stop|end|be\s+over)|(?:don't|do\s+not)\s+see\s+(?:a|any)\s+(?:way\s+out|future|point)|"
        r"can\s+not\s+more|no\s+more\s+(?:strength|hope)|(?:no|lost\s+all)\s+hope|"
        r"(?:no\s+more|no|lost\s+(?:the|my)?)\s*(?:power|strength|will|energy|reason)\s+to\s+(?:live|go\s+on|continue|carry\s+on)|"
        r"(?:nobody|no\s+one|no-one)\s+would\s+(?:notice|care|miss\s+me)|"
        r"(?:wish|want)\s+(?:i\s+(?:was|were)\s+dead|to\s+(?:die|disappear|sleep\s+forever|not\s+wake\s+up)))\b",
        0.5,
    ),
    _sig(
        "the means at hand",
        r"\b(?:(?:have|got|bought|saved|saving|stockpil\w*|collect\w*|hoard\w*|holding|hold|keep|keeping|kept|sav\w*|counted|counting|lined\s+up|taken\s+out|"
        r"took|take|takes|taking|grabb?\w*|picked\s+up|pick\s+up)\s+"
        r"(?:up\s+)?(?:all\s+)?(?:the|my|a|his|her|some|enough)?\s*(?:\w+\s+)?(?:pills|tablets|meds|rope|gun|shotgun|knife|blade|razor|belt|cord)|"
        r"(?:pills|tablets|meds|rope|gun|shotgun|knife|blade|razor)\s+(?:are\s+|is\s+)?(?:ready|here|in\s+front\s+of\s+me|on\s+the\s+\w+|next\s+to\s+me|in\s+my\s+hand)|"
        r"gone\s+off\s+with\s+(?:his|her|the)\s+(?:gun|shotgun|rope|pills|knife)|"
        # round thirteen: everything swallowed, no medicine named ("I've just taken everything in the cupboard");
        # not "taken everything out", "on board" or "into account"
        r"(?:taken|swallowed|took|necked|downed)\s+(?:all\s+of\s+)?(?:everything|the\s+(?:whole\s+)?lot)\b(?!\s+(?:out|off|away|apart|back|home|down|up|on\s+board|into|in\s+my\s+stride|to|with|for|from|i\s+(?:need|needed)))|"
        r"(?:taken|swallowed|took|necked|downed)\s+(?:all|every\s+one)\s+of\s+(?:them|it)\s*(?=[.!,;]|$))\b",
        0.75,
    ),
    # harm done on purpose, said by the act: "swallowed razor blades on purpose", "cut her arm deliberately"
    _sig(
        "harm done on purpose",
        r"\b(?:swallow\w*|took|taken|cut|cutting|burn\w*|hurt\w*|hit\w*|stabb?\w*|overdos\w*|drank|drunk|jumped|ate|harm\w*|punch\w*|scratch\w*)"
        r"(?:\s+[\w']+){0,6}\s+(?:on\s+purpose|deliberately|intentionally|to\s+hurt\s+(?:him|her|my|them)sel(?:f|ves)|to\s+(?:end|finish)\s+(?:it|(?:his|her|my)\s+life))\b",
        1.0,
    ),
    # cutting told by the act itself in second-language or lay words: "make cuts on body"
    _sig(
        "cuts made on the body",
        r"\b(?:(?:make|makes|made|making|doing|did|done)\s+(?:some\s+|many\s+|lots\s+of\s+)?cuts?\s+(?:on|in|to)\b|"
        r"cut(?:ting|s)?\s+(?:on\s+)?(?:his|her|my|their)\s+(?:own\s+)?(?:body|wrists?|thighs?|skin)|"
        r"(?:knife|blade|razor)\s+(?:on|to|into)\s+(?:his|her|my|their)\s+(?:own\s+)?(?:body|arms?|wrists?|legs?|thighs?|skin)|"
        # round twelve: the skin harmed with an instrument: "burn my skin with cigarettes", "cut her legs with scissors"
        # (a finger or a hand cut with a knife is the kitchen's, so not those)
        r"burn\w*\s+(?:my|his|her|their)\s+(?:own\s+)?(?:body|skin|arms?|wrists?|legs?|thighs?)\s+with\s+(?:a\s+|the\s+|his\s+|her\s+|my\s+)?(?:cigarettes?|lighters?|matches)|"
        r"(?:carv\w*|slic\w*|cut\w*)\s+(?:into\s+)?(?:my|his|her|their)\s+(?:own\s+)?(?:body|skin|wrists?|thighs?)\s+with\b)\b",
        0.75,
    ),
    # shut away from help after any of the above: "locked herself in the bathroom", "won't open the door"
    # round thirteen: a ligature, an emergency whatever came after ("tied something round his neck, we took it off")
    _sig(
        "a ligature",
        r"\b(?:(?:tied|tie|ties|tying|wrapped|wrap|put|pulled)\s+(?:a\s+|the\s+|some\s+)?(?:something|\w+)\s+(?:tight\s+)?(?:a)?round\s+(?:his|her|my|their)\s+(?:own\s+)?neck|"
        r"ligature|noose|tried\s+to\s+hang|hang\w*\s+(?:him|her|my|them)sel(?:f|ves))\b",
        1.0,
    ),
    # round thirteen: going somewhere or drinking "to finish it", "to end things"
    _sig(
        "to end it",
        r"\b(?:going|gonna|goin|want\w*|about|plan\w*|ready|decided|trying)\s+(?:[\w']+\s+){0,6}?to\s+(?:end|finish)\s+(?:it(?:\s+all)?|things|everything|(?:my|his|her|their)\s+(?:life|lives)|(?:him|her|my)self)\b(?!\s+(?:off|up|today|tomorrow|tonight\s+at\s+work|for|with|before|by))",
        0.75,
    ),
    _sig(
        "shut in, not answering",
        r"\b(?:lock\w*\s+(?:him|her|my|them)sel(?:f|ves)\s+in|(?:won't|not|doesn't|isn't|no|refus\w*\s+to)\s+(?:open\w*|unlock\w*)\s+(?:the\s+)?door)\b",
        0.5,
    ),
    _sig(
        "a high place or the tracks",
        r"\b(?:standing|stood|sitting|sat|waiting|i'm|i\s+am|he's|she's|been|looking|staring|keep\s+going)\s+(?:[\w']+\s+){0,4}(?:on|at|near|by|up\s+on|to)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){0,4}?(?:bridge|edge|ledge|roof|cliff|cliffs|tracks|platform|balcony|river|railway)\b"
        r"(?!\s+(?:club|game|night|party|class|lesson|tournament|\d))",
        0.5,
    ),
    # round twelve: lost to oneself at such a place: "don't know why I came here"
    _sig(
        "not knowing why one is here",
        r"\b(?:don't|do\s+not|dunno)\s+(?:even\s+)?know\s+(?:why|how)\s+i\s+(?:came|got|ended\s+up|am|'m|walked|drove)\s+(?:\w+\s+)?(?:here|out\s+here)\b",
        0.5,
    ),
    # hitting, biting or burning oneself until the body gives: "punching the wall until her knuckles broke"
    _sig(
        "harm until injured",
        r"\b(?:punch\w*|hit\w*|bang\w*|head\s*-?butt\w*|bit\w*|bite|burn\w*|smash\w*)\b(?:\s+[\w']+){0,6}\s+"
        r"(?:until|till|til|'til)\s+(?:it|they|he|she|i|her|his|my|the)\b(?:\s+[\w']+){0,2}\s+(?:bleed\w*|bled|broke|broken|bruised|raw|split\w*)\b",
        1.0,
        # nails, lips and scabs bitten or picked till they bleed are a habit, not an injury
        exclude=r"\b(?:nails?|cuticles?|lips?|scabs?|spots?|eczema)\b[^.!?\n]*\b(?:until|till|til)\b[^.!?\n]*",
    ),
    # self-punishment: "saying she deserves it", "I deserve the pain"
    _sig(
        "deserving pain",
        r"\b(?:deserve|deserves|deserved)\s+(?:it|this|to\s+(?:be\s+hurt|suffer|die|feel\s+pain|be\s+punished)|the\s+pain|pain|to\s+hurt)\b",
        0.5,
    ),
    _sig(
        "a plan or a time",
        r"\b(?:(?:have|got|made|making)\s+a\s+plan|(?<!care\s)(?<!treatment\s)(?<!birth\s)(?<!meal\s)plan\s+is\s+(?:set|made|ready|sorted|in\s+place|done)|planned\s+(?:it|how|when)|(?:decided|chosen|chose|picked)\s+(?:\w+\s+){0,2}(?:tonight|today|when|how|the\s+day)|"
        r"tonight|ready\s+to\s+go|(?:it's|it\s+is)\s+time(?:\s+now)?\s*(?:[.!]|$)|(?:have|got|found|know)\s+(?:a|the)\s+way\s+to\s+do\s+it|thinking\s+(?:about|of)\s+(?:it|doing\s+it)\s*(?:[.,!]|$)|(?:it|this)\s+(?:is|will\s+be)\s+the\s+(?:end|last)|(?:it's|that's|this\s+is)\s+the\s+(?:end|last\s+time)\b|trying\s+to\s+decide|worked\s+out\s+how|"
        # unreachable after a farewell: "now he won't pick up"
        r"(?:won't|isn't|not|doesn't)\s+(?:pick(?:ing)?\s+up|answer\w*\s+(?:his|her|my|the)\s+phone|answering))\b",
        0.5,
    ),
)

# --- the person-now frame -------------------------------------------------------------------------

#: A question about a condition in general, not about someone now: "what causes fainting", "how many
#: ibuprofen can a 10 year old have", "is it safe to...", "should you put butter on a burn".
_GENERAL_QUESTION = re.compile(
    r"^\s*(?:(?:hi|hello|hey)\W+)?(?:what|why|how|when|which|is\s+it|are\s+there|does|do\s+(?:you|people)|should\s+(?:you|one|people)|"
    r"can\s+(?:you|a|an|babies|people|kids|children)|should\s+i\s+(?:pop|put|use|cover|apply|leave|keep))\b"
    r"(?!\s+(?:do\s+i|should\s+i|do\s+we|should\s+we|to\s+do)\b)"
)
#: Someone now in the message: "my son is", "I'm", "he has", "she's been".
_SOMEONE_NOW = re.compile(
    r"\b(?:i'm|i\s+am|i've|i\s+have|i\s+feel|he's|she's|he\s+is|she\s+is|he\s+has|she\s+has|they're|it's|my\s+\w+\s+(?:is|has|keeps|won't|can't)|"
    # round thirteen: a person told of now ("he keeps being sick"), or a turn of topic to someone after a
    # request ("can you resend my invoice. oh and my dad's belly ...")
    r"(?:he|she|they)\s+(?:hasn't|isn't|can't|won't|keeps|just)|(?:also|actually|oh\s+and|by\s+the\s+way|btw|separately)\s+(?:my|our|his|her)\s+\w+|"
    # "what's the point in me being alive" asks about the writer's own life, not a condition
    r"point\s+(?:in|of)\s+(?:me\s+)?(?:living|life|being\s+(?:alive|here)|going\s+on|carrying\s+on))\b"
)


#: Categories whose symptom is over once it has passed ("the nosebleed stopped already"), as in the
#: lexicon: not a baby's, a stroke sign's, a poisoning's or an allergic reaction's.
_PASSES = {"chest_pain", "breathing", "bleeding", "collapse_seizure", "sepsis_meningitis_other"}


def _frame_ok(norm: str, start: int, end: int, category: str = "") -> bool:
    """Whether the symptom at ``start:end`` is happening to someone now (not denied, past, paperwork)."""
    if is_negated(norm, start, end) or is_history_or_admin(norm, start, end, mild=False):
        return False
    if category in _PASSES:
        sentence = sentence_around(norm, start, end)
        return not (RESOLVED.search(sentence) and not PRESENT.search(sentence))
    return True


def is_general_question(norm: str) -> bool:
    """Whether ``norm`` asks about a condition in general ("what causes fainting") with nobody in it now."""
    return bool(_GENERAL_QUESTION.search(norm)) and not _SOMEONE_NOW.search(norm)


@dataclass(frozen=True)
class Scored:
    """The best-scoring category of a message and the span of the symptom that anchors it."""

    category: str
    score: float
    start: int
    end: int


def _matches(sig: Signal, text: str) -> Iterator[re.Match[str]]:
    """``sig``'s matches in ``text`` that are not inside one of its look-alikes."""
    skip: list[tuple[int, int]] | None = None
    for m in sig.pattern.finditer(text):
        if m.end() == m.start():
            continue
        if skip is None:
            skip = [(x.start(), x.end()) for x in sig.exclude.finditer(text)] if sig.exclude else []
        if not any(a < m.end() and m.start() < b for a, b in skip):
            yield m


class _Live:
    """Which signals may match a message at all, from the literal words their patterns need
    (``nlu.literals``, as the lexicon does): most messages hold the words of a handful, and the
    others are never run."""

    def __init__(self) -> None:
        self._signals = [sig for group in (*SIGNALS.values(), SELF_HARM_SIGNALS) for sig in group]
        self._index: LiteralIndex | None = None

    def of(self, norm: str) -> set[int]:
        """The ids of the signals that may match ``norm`` (or a part of it)."""
        if self._index is None:
            self._index = LiteralIndex([sig.pattern for sig in self._signals])
        return {id(self._signals[i]) for i in self._index.live(norm)}


_LIVE = _Live()


def _score_category(
    category: str, norm: str, kept: str, signals: tuple[Signal, ...], *, routine: bool = True
) -> Scored | None:
    """``category``'s score: its accepted symptoms and present cues added up (no general cue yet)."""
    anchor: tuple[int, int] | None = None
    total = 0.0
    for sig in signals:
        if sig.symptom:
            m = next(
                (
                    m
                    for m in _matches(sig, norm)
                    if (
                        _frame_ok(norm, m.start(), m.end(), category)
                        if routine
                        else not is_history_or_admin(norm, m.start(), m.end(), routine=False)
                    )
                ),
                None,
            )
            if m is None:
                continue
            anchor = anchor or (m.start(), m.end())
            total += sig.weight
        elif next(_matches(sig, kept), None) is not None:
            total += sig.weight
    if anchor is None:
        return None
    return Scored("", total, *anchor)


_SEVERITY = re.compile(_w(SEVERITY))
_NOW = re.compile(_w(NOW))
_PERSISTS = re.compile(_w(PERSISTS))
_MILD = re.compile(_w(MILD))
_LATER = re.compile(_w(LATER))
_BEFORE_TODAY = re.compile(_w(BEFORE_TODAY))
_CHRONIC = re.compile(_w(CHRONIC))


def _present(signals: tuple[Signal, ...], norm: str, kept: str, live: set[int]) -> list[Signal]:
    """The signals that match at all (symptoms in ``norm``, cues in ``kept``), before any frame check."""
    return [
        sig
        for sig in signals
        if id(sig) in live and next(_matches(sig, norm if sig.symptom else kept), None) is not None
    ]


def _symptoms_and_cues(
    signals: tuple[Signal, ...],
) -> tuple[tuple[Signal, ...], tuple[Signal, ...]]:
    return tuple(s for s in signals if s.symptom), tuple(s for s in signals if not s.symptom)


#: Each group's symptoms and cues apart, split once rather than for every message (by the group's
#: id: hashing the signals would hash their compiled patterns).
_SPLIT = {id(signals): _symptoms_and_cues(signals) for signals in SIGNALS.values()}


def _present_with_a_symptom(
    signals: tuple[Signal, ...], norm: str, kept: str, live: set[int]
) -> list[Signal]:
    """``_present(signals, ...)`` when one of them is a symptom that matches, else []: a group with
    no symptom is no candidate, so its cues (half the searching of a long message) are not read."""
    symptoms, cues = _SPLIT.get(id(signals)) or _symptoms_and_cues(signals)
    present = _present(symptoms, norm, kept, live)
    if not present:
        return []
    found = {id(sig) for sig in (*present, *_present(cues, norm, kept, live))}
    return [sig for sig in signals if id(sig) in found]


def score_message(norm: str, kept: str | None = None) -> Scored | None:
    """The highest-scoring category of normalised text ``norm`` that could reach ``THRESHOLD``, or None.

    A general severity or time cue adds to every category; it is read outside denied clauses only
    ("no bleeding now" carries no "now"). The frame checks are the costly part, so they are run only
    for groups whose signals could reach the threshold if every symptom passed them. ``kept`` is
    ``undenied(norm)`` when the caller has it already.
    """
    if is_general_question(norm):
        return None
    if kept is None:
        kept = undenied(norm)
    live = _LIVE.of(norm)
    # Self-harm: the families of indirect intent add up on their own; a general cue does not count
    # ("scared", "tonight" belong to the families).
    present = _present(SELF_HARM_SIGNALS, norm, kept, live)
    if _LEAVING.search(norm):
        # a farewell explained by a move or a new practice is only that
        present = [sig for sig in present if not sig.name.startswith("parting:")]
    if sum(sig.weight for sig in present) >= THRESHOLD and not _DENIED_SELF_HARM.search(norm):
        hit = _score_category("self_harm", norm, kept, tuple(present), routine=False)
        if hit and hit.score >= THRESHOLD:
            return Scored("self_harm", hit.score, hit.start, hit.end)
    # Most messages name no red-flag symptom at all: they stop here, before any cue is read.
    candidates = []
    for group, signals in SIGNALS.items():
        present = _present_with_a_symptom(signals, norm, kept, live)
        if present:
            candidates.append((group, present))
    if not candidates:
        return None
    now = bool(_NOW.search(kept))
    general = (
        # a symptom that persists is severe only while it is happening now (round thirteen)
        SEVERITY_WEIGHT * bool(_SEVERITY.search(kept) or (now and _PERSISTS.search(kept)))
        + NOW_WEIGHT * now
        - CALM_WEIGHT * bool(_CHRONIC.search(norm))
        - CALM_WEIGHT * (bool(_BEFORE_TODAY.search(norm)) and not now)
    )
    later = bool(_LATER.search(norm))
    pivot = _PIVOT.search(norm) if later else None
    calm: bool | None = None
    best: Scored | None = None
    for group, present in candidates:
        # routine care for later is taken away below, unless a turn of topic scopes it out
        if (
            sum(sig.weight for sig in present) + general - CALM_WEIGHT * (later and not pivot)
            < THRESHOLD
        ):
            continue
        category = group.split(":")[0]
        hit = _score_category(category, norm, kept, tuple(present))
        if hit is None:
            continue
        total = hit.score + general - CALM_WEIGHT * _routine_for_later(norm, hit, pivot)
        if category not in _FINE_IS_NOT_SAFE:
            if calm is None:
                # mild words and reassurance are one family: "she's ok" is both
                calm = bool(_MILD.search(kept) or is_mild(kept) or is_reassured(norm))
            total -= CALM_WEIGHT * calm
        if best is None or total > best.score:
            best = Scored(category, total, hit.start, hit.end)
    return best


#: A turn of topic ("also", "actually", "oh and", "by the way", "separately"): what the patient asked
#: before it (a booking, a form) says nothing about what they tell after it (round thirteen: an
#: emergency buried after admin, "can I move my appointment to next week. Also since this morning ...").
_PIVOT = re.compile(
    r"\b(?:also|actually|oh\s+and|and\s+another\s+thing|another\s+thing|one\s+more\s+thing|by\s+the\s+way|btw|separately|"
    r"on\s+(?:a|an)\s+(?:other|different|separate|unrelated)\s+(?:note|matter)|unrelated|more\s+(?:importantly|urgently)|"
    r"more\s+urgent(?:ly)?|while\s+i\s+have\s+you|while\s+i'm\s+(?:here|at\s+it)|p\.?s\.?)\b"
)


def _routine_for_later(norm: str, hit: Scored, pivot: re.Match[str] | None) -> bool:
    """Whether the message asks for routine care later, as calm for the symptom at ``hit``.

    Read over the whole message, except when a turn of topic comes before the symptom: then only
    the symptom's own sentence after the turn counts, so "I need to move my appointment to next
    week. Also I've had crushing chest pain for 20 minutes ... can I book a check-up?" keeps its
    score, while "can I book next week, also my chest is a bit sore" is still calm (mildness).
    """
    if pivot is None or pivot.start() >= hit.start:
        return bool(_LATER.search(norm))
    # the symptom's sentence, as ``sentence_around`` bounds it, from the turn of topic on
    left = max(norm.rfind(c, 0, hit.start) for c in ".!?\n") + 1
    rights = [i for i in (norm.find(c, hit.end) for c in ".?\n") if i >= 0]
    own = norm[max(pivot.end(), left) : min(rights) if rights else len(norm)]
    return bool(_LATER.search(own))


#: A goodbye with its reason: moving away, another practice, retiring. Parting words then say nothing more.
_LEAVING = re.compile(
    r"\b(?:mov(?:e|ed|ing)\s+(?:to|away|abroad|house|out|back|overseas|interstate|country|city|state)|relocat\w*|emigrat\w*|"
    r"(?:new|another|different|other)\s+(?:gp|doctor|practice|surgery|clinic|provider|town|city|country|job|area)|transferr?\w*|"
    r"retir\w*|leaving\s+(?:the|this)\s+(?:area|country|practice|city|town|state)|(?:changing|switching)\s+(?:practices?|doctors?|gps?|clinics?)|"
    r"register\w*\s+(?:with|at|elsewhere)|going\s+(?:back\s+)?(?:home|abroad|overseas)|last\s+day)\b"
)

#: "I'm not going to do anything", "no plans to hurt myself": the patient says they are safe.
_DENIED_SELF_HARM = re.compile(
    r"\b(?:not\s+going\s+to\s+do\s+anything|no\s+(?:plans?|intention)\s+(?:to|of)|i'm\s+safe|i\s+am\s+safe|keeping\s+myself\s+safe|not\s+suicidal)\b"
)


def scored_emergency(norm: str, kept: str | None = None) -> Scored | None:
    """The category whose score reaches ``THRESHOLD`` in normalised text ``norm``, or None
    (``kept``: ``undenied(norm)``, if the caller has it)."""
    hit = score_message(norm, kept)
    return hit if hit and hit.score >= THRESHOLD else None
