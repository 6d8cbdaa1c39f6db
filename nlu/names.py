"""Rule-found names: titled clinicians ("Dr. Patel", "dr kim") and family members ("my son Tom").

These complement the trained recogniser where a pattern is more reliable than
a few hundred examples.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from nlu.gazetteer import clinician_given_names, gazetteer_entities
from nlu.short_replies import short_reply_intent
from nlu.types import Entity

#: Given names of many origins, one per line (written for the project, see the file's header).
GIVEN_NAMES_FILE = (
    Path(__file__).resolve().parents[1] / "data" / "nlu" / "names" / "given-names.txt"
)

# Accented letters too: "Lucía", "Zoë", "Éamon" are names patients type.
#: Latin letters beyond Latin-1 (Turkish, Polish, Czech, Romanian, Vietnamese-in-Latin names: "Ayşe",
#: "Łukasz", "Đức"): lower and upper case together, and the capitals alone for a name's first letter.
#: Latin Extended Additional (U+1E00-U+1EFF) holds most of Vietnamese and Yoruba's dotted and stacked
#: letters ("Trần", "Phạm", "Nguyễn", "Ọlábísí"); without it a name was cut at its first such letter
#: ("my mother Tr"). Combining marks (U+0300-U+036F) keep a name typed in decomposed form whole.
_LATIN_EXT = "\u0100-\u024f\u1e00-\u1eff\u0300-\u036f"
_LATIN_EXT_UPPER = "ĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠƢƤƦƧƩƬƮƯƱƲƳƵƷƸƼǄǇǊǍǏǑǓǕǗǙǛǞǠǢǤǦǨǪǬǮǱǴǶǷǸǺǼǾȀȂȄȆȈȊȌȎȐȒȔȖȘȚȜȞȠȢȤȦȨȪȬȮȰȲȺȻȽȾɁɃɄɅɆɈɊɌɎ"
_LATIN_EXT_UPPER += "".join(c for c in map(chr, range(0x1E00, 0x1F00)) if c.isupper())
_NAME = rf"[A-ZÀ-ÖØ-Þ{_LATIN_EXT_UPPER}][a-zA-Zà-öø-ÿÀ-ÖØ-Þ{_LATIN_EXT}'\-]+"
# Words that follow "doctor" or "nurse" without being a name ("see the doctor again", "nurse practitioner").
_NOT_AFTER_TITLE = (
    r"(?:now|soon|again|with|me|my|you|us|here|there|urgently|practitioner|this|next|first|because|later|right|"
    r"quickly|immediately|but|so|not|as|than|office|surgery|clinic|line|note|notes|letter|call|nurse|doctor|team|"
    r"tomorrow|today|tonight|about|for|and|or|at|on|in|to|the|a|an|is|was|can|could|will|would|said|says|told|"
    r"asap|please|pls|appointment|appt|visit|who|that|if|when|after|before|any|only|just|yet|too|also|then|"
    r"practice|station|aide|assistant|gave|has|had|have|did|does|do|thinks|wants|asked|checked|looked|saw|sees|"
    r"prescribed|recommended|referred|mentioned|from|of|by|it|him|her|them|we|he|she|they|i|are|were|be|been|"
    r"seen|given|taken|written|sent|got|gone|done|put|made|found|rang|told|kept|left|back|out|up|off|over|still|"
    # Irregular past tenses, adverbs and contractions that follow "the nurse" / "the doctor" in a sentence
    # ("the nurse took blood", "the doctor thought", "with the doctor instead", "tell the nurse I'm late").
    r"took|thought|saw|said|went|came|gave|knew|felt|ran|spoke|wrote|instead|sometime|sometimes|closer|"
    r"nearer|near|should|might|must|may|shall|i'm|im|i'll|i've|i'd|he's|she's|isn't|wasn't|didn't|doesn't|"
    r"won't|can't|couldn't|hasn't|haven't|let|get|give|take|make|know|check|see|ring|phone|call|visit|tell|"
    r"ask|want|need|needs|say|think|will|fine|ok|okay|yet|though|anyway|again|once|ever|already)"
)
# Capitalised names after any title; a lower-case name only after "dr", "doctor" or "nurse" ("dr patel",
# "doctor chen", "nurse sofia") and never a common word ("the doctor again"). "Dra" is the Spanish and
# Portuguese "Dr" for a woman ("con la dra Patel").
_TITLED = re.compile(
    rf"\b(?:(?:[Dd]r|DR|[Dd]ra)\.?\s+(?:{_NAME}|(?!{_NOT_AFTER_TITLE}\b)[a-z][a-z'\-]{{2,}})"
    rf"|(?:[Dd]octor|[Nn]urse)\s+(?:{_NAME}|(?!{_NOT_AFTER_TITLE}\b)(?![a-z'\-]+(?:ing|ly|ed|s)\b)[a-z][a-z'\-]{{2,}})"
    rf"|(?:[Dd]octora|[Pp]rof\.?)\s+{_NAME})"
    rf"(?:,?\s+(?:[A-Z]\.?\s+)*{_NAME})*(?:\s+[A-Z]\.(?!\w))?"
)
_NOT_NAMES = frozenset(
    [
        "appointment",
        "appt",
        "office",
        "visit",
        "today",
        "tomorrow",
        "on",
        "at",
        "in",
        "for",
        "and",
        "or",
        "the",
        "a",
        "an",
        "about",
        "is",
        "was",
        "if",
        "to",
        "when",
        "who",
        "can",
        "could",
        "will",
        "would",
        "said",
        "says",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "appointments",
        "please",
        "pls",
        "asap",
        "said",
        "thinks",
        "told",
        "wants",
        "is's",
        "i'm",
        "i've",
        "i'll",
        "i'd",
        "re",
        "visit's",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_RELATION = (
    r"son|daughter|husband|wife|partner|mum|mom|mother|dad|father|boy|girl|baby|child|kid|toddler|grandson"
    r"|granddaughter|nan|nana|grandma|grandpa|brother|sister|boyfriend|girlfriend|niece|nephew|stepson|stepdaughter"
    r"|newborn|twins?|grandmother|grandfather|granny|aunt|auntie|uncle|cousin|baby\s+(?:boy|girl)"
    # Carers' words and the kin words of the languages patients mix in ("my lola Remedios", "my abuela Rosa").
    r"|client|patient|lola|lolo|abuela|abuelo|nonna|nonno|oma|opa|amma|appa|nani|dadi|nana|bibi|mama|papa"
)
_FAMILY = re.compile(
    rf"\b[Mm]y\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+)?(?:{_RELATION})\s+(?:{_NAME})(?:\s+{_NAME}){{0,2}}"
)
# A patient introducing themself: "my name is Wei Zhang", "my name Aisha Rahman", "this is Tom Nguyen".
# Decision: the whole capitalised name (first and last) is the span, the introduction is not; a lone
# lower-case word is not taken ("i'm late"), and "I'm"/"it's" need two capitalised words ("I'm Tom
# Nguyen"), because "I'm Sorry" and "it's Friday" are not names while "my name is Tom" is. A carer
# names the patient the same way ("can I pay for my dad? He's James O'Brien").
_INTRO_NAMED = re.compile(
    rf"\b(?:(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Tt]he\s+patient'?s)\s+(?:full\s+)?name(?:\s+is|'s)?|MY\s+NAME\s+IS)[:,]?\s+(?P<n>{_NAME}(?:\s+{_NAME}){{0,2}})"
)
_INTRO_TWO = re.compile(
    rf"(?:^|[.,!?]\s*|\b[Hh]i\s+|\b[Hh]ello\s+)(?:[Ii]'?m|[Ii]\s+am|[Tt]his\s+is|[Ii]t'?s|[Ii]t\s+is|[Hh]e'?s|[Ss]he'?s|[Hh]e\s+is|[Ss]he\s+is)\s+"
    rf"(?P<n>{_NAME}\s+{_NAME}(?:\s+{_NAME})?)"
)
# A civil title before a name: "Mr Reyes", "Ms Harriet Cole", "Mrs. O'Brien". A carer or an assistant
# writes for "Mr Reyes"; he is a person. In the UK a surgeon or a physio is "Mr" too, so after "with",
# "see" or "seeing" the titled name is the clinician the visit is with ("physio with Mr. Berg").
_CIVIL_TITLED = re.compile(
    rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mstr)\.?\s+(?:[A-Z]\.?\s+)?{_NAME}(?:[ \t]+{_NAME})?"
)
_BEFORE_CLINICIAN = re.compile(r"\b(?:with|see|seeing|saw|by)\s+$", re.IGNORECASE)
# A letter's or a text's signature: "Best regards, Klaus Weber", "Thank you, Betty", "Regards, A. Rahman".
# Only at the very end of the message, so "thanks, Friday works" is not read as a name.
_SIGNATURE = re.compile(
    r"(?:\b(?:[Rr]egards|[Ss]incerely|[Ff]aithfully|[Tt]hanks?(?:\s+you)?|[Cc]heers|[Bb]est(?:\s+wishes)?|"
    r"[Ww]arm(?:est)?\s+wishes|[Ll]ove|[Kk]ind\s+regards|[Tt]aa?|[Mm]any\s+thanks|[Bb]lessings|"
    r"[Yy]ours(?:\s+(?:sincerely|faithfully|truly))?)|[-\u2013\u2014~])"
    rf"[,.!]?\s+(?P<n>(?:[A-Z]\.\s*)?{_NAME}(?:\s+{_NAME}){{0,2}})[.!]?\s*$"
)
# A name signed after the last sentence, as older patients sign a text like a letter: "... the card.
# Harold Fitch". Two or three capitalised words, alone after a full stop, question or exclamation mark.
_SIGNED_AFTER_SENTENCE = re.compile(rf"[.!?]\s+(?!I')(?P<n>{_NAME}(?:\s+{_NAME}){{1,2}})\.?\s*$")
# A name opening a reply that goes on with the date of birth: "Chukwuemeka Obi, born 5th June 1988",
# "Name: Rajesh Kumar, DOB: 15-08-1979", "Aisha Rahman - 21/07/1990".
_NAME_THEN_BIRTH = re.compile(
    rf"^\s*(?:(?:[Ff]ull\s+)?(?:[Nn]ame|NAME)\s*[:\-]\s*)?(?P<n>{_NAME}(?:\s+{_NAME}){{1,3}})\s*[,;\-\u2013]\s*"
    r"(?:[Bb]orn|[Dd]\.?[Oo]\.?[Bb]|DOB|[Dd]ate\s+of\s+birth|\d)"
)
# A name given alone as an answer, perhaps with a particle or "that's me": "Callum McLeod", "Lim Jia
# Hui ah", "Maricel Santos po", "Tom Nguyen here". Two to four capitalised words and nothing else.
_ALONE = re.compile(
    rf"^\s*(?P<n>{_NAME}(?:\s+{_NAME}){{1,3}})\s*[,.!]?\s*"
    r"(?:(?:ah|lah|po|here|speaking|that'?s\s+me|that\s+is\s+me|is\s+me|thanks|thank\s+you|please|pls)\s*[.!]?\s*)?$"
)
# Capitalised words that open or make up a short message without being a name.
_COMMON_CAPITALISED = frozenset(
    [
        "good",
        "morning",
        "afternoon",
        "evening",
        "night",
        "day",
        "thank",
        "thanks",
        "you",
        "hello",
        "hi",
        "hey",
        "yes",
        "no",
        "ok",
        "okay",
        "sure",
        "sounds",
        "great",
        "fine",
        "perfect",
        "lovely",
        "happy",
        "merry",
        "new",
        "year",
        "christmas",
        "easter",
        "see",
        "soon",
        "later",
        "many",
        "kind",
        "best",
        "regards",
        "dear",
        "sorry",
        "please",
        "cheers",
        "bye",
        "goodbye",
        "take",
        "care",
        "all",
        "the",
        "best",
        "well",
        "done",
        "not",
        "now",
        "never",
        "mind",
        "same",
        "here",
        "of",
        "course",
        "excellent",
        "wonderful",
        "brilliant",
        "awesome",
        "cool",
        "nice",
        "right",
        "alright",
        "correct",
        "wrong",
        "stop",
        "start",
        "help",
        "cancel",
        "book",
        "move",
        "change",
        "confirm",
        "call",
        "me",
        "text",
        "send",
        "pay",
        "bill",
        "results",
        "forms",
        "info",
        "emergency",
        "urgent",
        "morning",
        "evening",
        "today",
        "tomorrow",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "next",
        "last",
        "this",
        "that",
        "what",
        "when",
        "where",
        "who",
        "why",
        "how",
        "can",
        "could",
        "would",
        "will",
        "is",
        "are",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "my",
        "your",
        "our",
        "their",
        "it",
        "its",
        "a",
        "an",
        "and",
        "or",
        "but",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
        "from",
        "by",
        "i",
        "we",
        "he",
        "she",
        "they",
        "them",
        "us",
        "him",
        "her",
        "here",
        "there",
        "one",
        "two",
        "three",
        "first",
        "second",
        "third",
        "option",
        "number",
        "downtown",
        "northside",
        "clinic",
        "dr",
        "doctor",
        "nurse",
        "mr",
        "mrs",
        "ms",
        "god",
        "bless",
        "love",
        "ta",
        "much",
        "very",
        "really",
        "just",
        "also",
        "again",
        "still",
        "only",
        "ave",
        "avenue",
        "street",
        "st",
        "road",
        "rd",
        "lane",
        "centre",
        "center",
        "surgery",
        "hospital",
        "practice",
        "medical",
        "health",
        "family",
        "team",
        "reception",
        # Hellos and thanks of the languages patients mix in: "Guten Tag" is not a name.
        "guten",
        "tag",
        "morgen",
        "abend",
        "buenos",
        "buenas",
        "dias",
        "días",
        "tardes",
        "noches",
        "bonjour",
        "bonsoir",
        "hola",
        "hallo",
        "ciao",
        "namaste",
        "salaam",
        "salam",
        "shalom",
        "aloha",
        "kia",
        "ora",
        "howdy",
        "gracias",
        "merci",
        "danke",
        "obrigado",
        "obrigada",
        "grazie",
        "salamat",
        "po",
    ]
)

_POSSESSIVE = re.compile(
    r"(?<!Dr\s)(?<!Dr\.\s)(?<!dr\s)(?<!Doctor\s)(?<!Nurse\s)\b(?P<n>[A-Z][a-zA-Z\-]+(?:\s+[A-Z][a-zA-Z\-]+)?)'s\s+"
    # "Eli's and Rose's appts": the first of two owners shares the second one's noun.
    r"(?:and\s+[A-Z][a-zA-Z\-]+'s\s+)?"
    r"(?:appointments?|appts?|results?|jabs|vaccinations?|shots?|checkup|check-up|forms?|booking|visit|mum|mom|"
    r"dad|father|mother|bloods|tests?|physio|file|details|bills?|invoices?|finances|slot|scans?|prescriptions?|meds)\b"
    # "... and Eli's too": a second owner of the same thing.
    r"|\band\s+(?P<n2>[A-Z][a-zA-Z\-]+)'s\s+(?:too|as\s+well|also)\b"
)
_SECOND_OWNER = re.compile(r"'s\s+and\s+([A-Z][a-zA-Z\-]+)'s\s")
_NOT_FIRST = frozenset(
    [
        "Today",
        "Tomorrow",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "It",
        "That",
        "What",
        "Who",
        "This",
        "Where",
        "Doctor",
        "Dr",
        "Nurse",
        "Everyone",
        "Somebody",
        "Someone",
        "Nobody",
        "Mum",
        "Mom",
        "Dad",
        "My",
        "Your",
        "Her",
        "His",
        "There",
        "Here",
        "Friday's",
        "Let",
    ]
)


# Capitalised words that follow a name in a message but are not part of it ("my name is Tom I need ...").
_NOT_SURNAMES = frozenset(
    [
        "i",
        "i'm",
        "im",
        "need",
        "want",
        "would",
        "born",
        "dob",
        "and",
        "please",
        "pls",
        "thanks",
        "thank",
        "here",
        "calling",
    ]
)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = text[start:end].split()
    # "Dr Chen Wednesday, Maria Lopez": the clinician's name ends at the first word that is not one.
    cut = next(
        (i for i, w in enumerate(words) if i > 1 and w.lower().strip(",.") in _NOT_NAMES), None
    )
    words = words[:cut]
    while len(words) > 1 and words[-1].lower().strip(",.") in _NOT_NAMES:
        words.pop()
    if len(words) < 2 or words[1].lower().strip(",.") in _NOT_NAMES:
        return None
    span = " ".join(words).rstrip(",")
    span = span.removesuffix("'s")
    if text[start : start + len(span)] != span:
        return None
    return start, start + len(span)


def _plain_words(name: str) -> bool:
    """Whether every word of ``name`` could be a name: none is a common word, a weekday or a title."""
    words = [w.strip(".").lower() for w in name.split() if len(w.strip(".")) > 1]  # initials pass
    return bool(words) and all(w not in _COMMON_CAPITALISED and w not in _NOT_NAMES for w in words)


def _is_a_site(text: str, start: int, end: int) -> bool:
    """Whether the practice knows ``text[start:end]`` as one of its sites or services ("Elm Ave")."""
    return any(g.start < end and start < g.end for g in gazetteer_entities(text))


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The lower-case given names of :data:`GIVEN_NAMES_FILE` ("priya", "wiremu", "siobhan")."""
    lines = GIVEN_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


# Given names that are also everyday words or short words of the languages patients mix in ("rob",
# "sue", "mai", "ana", "li"): taken as a name only after a relation word ("my son rob").
_ALSO_WORDS = frozenset(
    [
        "rob",
        "bob",
        "sue",
        "jack",
        "will",
        "precious",
        "blessing",
        "favour",
        "daisy",
        "holly",
        "poppy",
        "lily",
        "jasmine",
        "jasmin",
        "rosa",
        "li",
        "ana",
        "mai",
        "lan",
        "ama",
        "awa",
        "yan",
        "jun",
        "ming",
        "eun",
        "anh",
        "duc",
        "lei",
        "hui",
        "xin",
        "ying",
        "ling",
        "wei",
        "hine",
        "mere",
        "tama",
        "tane",
        "sina",
        "pita",
        "noa",
        "luc",
        "ayo",
        "jean",
        "ali",
        "raj",
        "isha",
        "asha",
        "usha",
        "yaw",
        "esi",
        "uche",
        "noor",
        "dina",
        "reem",
        "hala",
        "lina",
        "eli",
        "levi",
        "kai",
        "hyun",
        "sion",
        "mele",
        "lupe",
        "mei",
        "yui",
        "emre",
        "amit",
        "arun",
        "anil",
    ]
)
_WORD_CHARS = rf"[A-Za-zÀ-ÖØ-öø-ÿ{_LATIN_EXT}][A-Za-zÀ-ÖØ-öø-ÿ{_LATIN_EXT}'\-]*(?![.@]\w)"
# "my son tom", "my little girl ayesha": a relation word and a known given name, in any case.
_FAMILY_ANY_CASE = re.compile(
    rf"\b[Mm]y\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+)?(?:{_RELATION})\s+(?P<n>{_WORD_CHARS})"
)
# "this is priya", "its kwame", "im tomasz", "hi, my name is aroha": a known given name introduced.
_INTRO_ANY_CASE = re.compile(
    r"(?:^|[.,!?;]\s*|\b(?:hi|hello|hey|hiya|morning|afternoon|evening)[,!]?\s+)"
    r"(?:this\s+is|it'?s|it\s+is|i'?m|i\s+am|my\s+name\s+is|my\s+name'?s|name\s+is|name'?s)\s+"
    rf"(?P<n>{_WORD_CHARS})",
    re.IGNORECASE,
)
# "tomasz here, ...", "hello, tevita here": a known given name at the start, then "here".
_HERE = re.compile(
    rf"^\s*(?:(?:hi|hello|hey|hiya|morning)[,!]?\s+)?(?P<n>{_WORD_CHARS})(?:\s+(?P<s>{_WORD_CHARS}))?\s+here\b",
    re.IGNORECASE,
)
# "... - priya", "cheers, callum", "thanks x tatiana", "from ngozi": a known given name signing off,
# the last one or two words of the message after a sign-off word or mark.
_LAST_WORDS = re.compile(
    rf"(?P<n>{_WORD_CHARS})(?:\s+(?P<s>{_WORD_CHARS}))?\s*[.!]?\s*(?:x+|\(\w+\))?\s*$"
)
#: How far from the end a signature is looked for: the search stays short on a long message.
_SIGNATURE_REACH = 80
_SIGN_OFF = re.compile(
    r"(?:[-\u2013\u2014~]|\bx+|\b(?:thanks?|thank\s+you|thx|ta|cheers|regards|love|from|best))[,.!]?\s*$",
    re.IGNORECASE,
)
# A reply that is only a name, in any case: "priya", "priya sharma", "wiremu tane please".
_ONLY_A_NAME = re.compile(
    rf"^\s*(?P<n>{_WORD_CHARS})(?:\s+(?P<s>{_WORD_CHARS}))?(?:\s+(?P<t>{_WORD_CHARS}))?\s*[.!]?\s*$"
)
# Words that end a name reply without being part of it ("priya please").
_REPLY_TAIL = frozenset({"please", "pls", "thanks", "here", "ah", "po", "lah", "x"})
# Before a clinician's first name: "physio with jonas", "see sofia".
_CLINICIAN_CUE = re.compile(r"\b(?:with|see|seeing|saw|by|to)\s+$", re.IGNORECASE)


def _is_given(word: str, *, after_relation: bool = False) -> bool:
    """Whether ``word`` is a known given name, not a clinician's, and (unless after a relation word)
    not also an everyday word."""
    low = word.lower()
    if low not in given_names() or low in clinician_given_names():
        return False
    return after_relation or low not in _ALSO_WORDS


def _surname_after(word: str | None) -> bool:
    """Whether ``word`` (after a given name) reads as a surname: a second known given name ("mei
    ling") or a capitalised word that is no common word ("Priya Sharma")."""
    if not word:
        return False
    if word.lower() in given_names():
        return True
    return word[0].isupper() and _plain_words(word) and word.lower() not in _NOT_SURNAMES


#: How many runs of non-space characters a match of ``_LAST_WORDS`` holds at most: the name, a
#: surname, a full stop and kisses ("x", "(xx)"), each of which may stand apart.
_LAST_WORDS_CHUNKS = 4


def _last_chunks_start(text: str, n: int) -> int:
    """Where the ``n``-th last run of non-space characters of ``text`` starts (0 if it has fewer)."""
    parts = text.rsplit(None, n)
    if len(parts) <= n:
        return 0
    # rsplit keeps the head as it was, up to the space before the n-th last run.
    return text.index(parts[1], len(parts[0]))


def _signed(text: str) -> list[Entity]:
    """The name signing ``text`` off: its last word, or its last two ("- priya sharma"), after a sign-off."""
    offset = max(0, len(text) - _SIGNATURE_REACH)
    # A match runs to the end of the text and holds at most _LAST_WORDS_CHUNKS runs of non-space
    # characters, so none starts before the last ones: searching from there finds the same match
    # without trying (and backtracking at) every character of the 80 before.
    m = _LAST_WORDS.search(text, max(offset, _last_chunks_start(text, _LAST_WORDS_CHUNKS)))
    if not m:
        return []
    # The two-word reading first ("x tatiana" is not a name, "- mei ling" is), then the last word alone.
    readings = [(m.start("n"), m.end("s") if m["s"] else m.end("n"))]
    if m["s"]:
        readings.append((m.start("s"), m.end("s")))
    for start, end in readings:
        words = text[start:end].split()
        if (
            _SIGN_OFF.search(text[max(0, start - 40) : start])
            and _is_given(words[0])
            and (len(words) == 1 or _surname_after(words[1]))
        ):
            return [Entity("person_name", start, end, text[start:end])]
    return []


def _any_case_names(text: str) -> list[Entity]:
    """person_name spans of known given names, typed in any case, in the places a name goes."""
    out: list[Entity] = []
    for m in _FAMILY_ANY_CASE.finditer(text):
        if _is_given(m["n"], after_relation=True):
            end = m.end("n")
            if (after := re.match(rf"\s+({_WORD_CHARS})", text[end:])) and _surname_after(after[1]):
                end += after.end(1)
            out.append(Entity("person_name", m.start(), end, text[m.start() : end]))
    out += _signed(text)
    for pattern in (_INTRO_ANY_CASE, _HERE, _ONLY_A_NAME):
        for m in pattern.finditer(text):
            if not _is_given(m["n"]) or _CLINICIAN_CUE.search(text[: m.start("n")]):
                continue
            end = m.end("n")
            groups = [g for g in ("s", "t") if g in m.re.groupindex]
            for g in groups:
                w = m[g]
                if (
                    pattern is _ONLY_A_NAME
                    and w
                    and w.lower() not in _REPLY_TAIL
                    and _plain_words(w)
                ) or _surname_after(w):
                    end = m.end(g)
                else:
                    break
            out.append(Entity("person_name", m.start("n"), end, text[m.start("n") : end]))
    return out


def rule_names(text: str) -> list[Entity]:
    """Practitioner and person_name spans found by pattern."""
    out: list[Entity] = []
    for m in _TITLED.finditer(text):
        se = _trim(text, m.start(), m.end())
        if se:
            out.append(Entity("practitioner", se[0], se[1], text[se[0] : se[1]]))
    for m in _FAMILY.finditer(text):
        words = m.group().split()
        if words[-1] in _NOT_FIRST or words[-1].lower() in _NOT_NAMES or words[-1].startswith("I'"):
            continue
        out.append(Entity("person_name", m.start(), m.end(), m.group()))
    for m in [*_INTRO_NAMED.finditer(text), *_INTRO_TWO.finditer(text)]:
        words = m["n"].split()
        while words and (
            words[-1] in _NOT_FIRST
            or words[-1].lower() in _NOT_NAMES
            or words[-1].lower() in _NOT_SURNAMES
        ):
            words.pop()
        if (
            words
            and words[0] not in _NOT_FIRST
            and all(m.start("n") >= o.end or m.end("n") <= o.start for o in out)
        ):
            span = " ".join(words)
            out.append(Entity("person_name", m.start("n"), m.start("n") + len(span), span))
    for m in _CIVIL_TITLED.finditer(text):
        if any(m.start() < o.end and o.start < m.end() for o in out):
            continue
        kind = "practitioner" if _BEFORE_CLINICIAN.search(text[: m.start()]) else "person_name"
        out.append(Entity(kind, m.start(), m.end(), m.group()))
    for pattern in (_SIGNATURE, _SIGNED_AFTER_SENTENCE, _NAME_THEN_BIRTH, _ALONE):
        for m in pattern.finditer(text):
            if (
                _plain_words(m["n"])
                and not _is_a_site(text, m.start("n"), m.end("n"))
                and all(m.start("n") >= o.end or m.end("n") <= o.start for o in out)
            ):
                out.append(Entity("person_name", m.start("n"), m.end("n"), m["n"]))
    # Known given names only, so no site check (the gazetteer's pass over a long message is slow).
    for e in _any_case_names(text):
        if all(e.start >= o.end or e.end <= o.start for o in out):
            out.append(e)
    for m in _POSSESSIVE.finditer(text):
        for group in ("n", "n2"):
            if not m[group] or m[group].split()[0] in _NOT_FIRST or not _plain_words(m[group]):
                continue
            if all(m.start(group) >= o.end or m.end(group) <= o.start for o in out):
                out.append(Entity("person_name", m.start(group), m.end(group), m[group]))
            # "Eli's and Rose's appts": the second owner too.
            if group == "n" and (second := _SECOND_OWNER.match(text, m.end("n"))):
                out.append(Entity("person_name", second.start(1), second.end(1), second[1]))
    return sorted((t for e in out if (t := tidy_span(text, e))), key=lambda e: e.start)


#: Words a message opens with that a recogniser sometimes takes into the name after them
#: ("*Did Maria Lopez*'s results come back").
_OPENERS = frozenset(
    [
        "did",
        "does",
        "do",
        "can",
        "could",
        "would",
        "will",
        "is",
        "are",
        "was",
        "has",
        "have",
        "had",
        "please",
        "pls",
        "plz",
        "hi",
        "hello",
        "hey",
        "dear",
        "when",
        "where",
        "why",
        "how",
        "what",
        "which",
        "who",
        "book",
        "cancel",
        "move",
        "tell",
        "ask",
        # a pronoun and its verb before a name: "He's James O'Brien", "it's Aisha"
        "he's",
        "she's",
        "it's",
        "that's",
        "i'm",
        "he\u2019s",
        "she\u2019s",
        "it\u2019s",
        "that\u2019s",
        "i\u2019m",
    ]
)
_POSSESSIVE_END = re.compile(r"['\u2019]s$")


# A capitalised word right after a name: the recogniser often stops at the first name ("*Daniel* Reyes").
_PATRONYMIC = frozenset({"bin", "binti", "binte", "bte", "ibn", "bint"})
# A Malay or Arabic patronymic joins the father's name with "bin"/"binti" ("Siti Nurhaliza binti
# Ahmad", "Yusuf ibn Khalid"): the particle and the name after it are the person's name too.
_NEXT_NAME_WORD = re.compile(
    rf" (?:(?:{'|'.join(sorted(_PATRONYMIC))}) )?(?P<w>{_NAME})(?=['\u2019]s\b|[\s,.!?;:)]|$)"
)


def _with_surnames(text: str, end: int) -> int:
    """``end`` moved past up to two capitalised name words that follow it ("Daniel" -> "Daniel Reyes")."""
    for _ in range(2):
        m = _NEXT_NAME_WORD.match(text, end)
        if (
            not m
            or m["w"] in _NOT_FIRST
            or not _plain_words(m["w"])
            or m["w"].lower() in _NOT_SURNAMES
            or _is_a_site(text, m.start("w"), m.end("w"))
        ):
            break
        end = m.end("w")
    return end


# A word between a house number and a street word is part of an address ("40 River Rd", "45 Oak Street").
_AN_ADDRESS = re.compile(r"\b\d+[a-zA-Z]?\s+$")
_A_STREET = re.compile(
    r"\s+(?:st|street|rd|road|ave|avenue|lane|ln|drive|dr|blvd|boulevard|way|close|court|ct|place|pl|terrace)\b",
    re.IGNORECASE,
)


def tidy_span(text: str, e: Entity) -> Entity | None:
    """``e`` without an opening word or a possessive "'s" ("my son Omar's" -> "my son Omar"); None if nothing is left.

    The span conventions keep the possessive out of a name, as they keep "the" out of a service.
    In a message made only of social words ("nako", Marathi for no; "hapana") the recogniser's
    span is a slip, not a name, site or clinician: no training or evaluation message of that kind
    has one, and the span would keep the short reply from being read as one.
    """
    if short_reply_intent(text):
        return None
    start, end = e.start, e.end
    if e.entity in ("person_name", "practitioner"):
        end = _with_surnames(text, end)
    if m := _POSSESSIVE_END.search(text, start, end):
        end = m.start()
    words = text[start:end].split(" ")
    while (
        len(words) > 1
        and words[0].lower() in _OPENERS
        and e.entity in ("person_name", "practitioner")
    ):
        start += len(words.pop(0)) + 1
    if end <= start:
        return None
    if not any(ch.isalpha() for ch in text[start:end]):
        # Punctuation the recogniser took for a span ("((" in a run of brackets): no clinician,
        # service, site or person is written without a letter of some alphabet.
        return None
    if (
        e.entity == "person_name"
        and _AN_ADDRESS.search(text[:start])
        and _A_STREET.match(text, end)
    ):
        return None  # "40 [River] Rd": a street, not a person
    if e.entity == "person_name" and not looks_like_a_person(text[start:end]):
        return None
    if (start, end) == (e.start, e.end):
        return e
    return Entity(e.entity, start, end, text[start:end], e.value)


_RELATION_LED = re.compile(
    rf"^(?:[Mm]y|[Oo]ur)\s+(?:little\s+|youngest\s+|eldest\s+|oldest\s+)?(?:{_RELATION})\b\s*(?P<rest>.*)$"
)
_STREET_END = re.compile(
    r"\s(?:st|street|rd|road|ave|avenue|lane|ln|drive|blvd|way|close|court|ct|place|pl|terrace)\.?$",
    re.IGNORECASE,
)


def looks_like_a_person(span: str) -> bool:
    """Whether a person_name span can be a person's name: it has letters; after a relation word a
    name follows ("my mum visit", "my mother who" are no names, "my son tom" is); a span all in lower
    case holds a known given name ("pleese", "immediate effect", "mañana" are none); it is no street
    ("River St").

    The recogniser, taught names typed in lower case, also takes an unknown lower-case word for
    one; a name the list does not know is still found when capitalised.
    """
    if not any(ch.isalpha() for ch in span) or _STREET_END.search(span):
        return False
    if m := _RELATION_LED.match(span):
        rest = m["rest"].split()
        return bool(rest) and all(
            w[0].isupper() or w.lower().strip(",.") in given_names() or w in _PATRONYMIC
            for w in rest
        )
    words = span.split()
    if any(w[0].isupper() for w in words if w[0].isalpha()):
        return True
    return any(w.lower().strip(",.'") in given_names() for w in words)
