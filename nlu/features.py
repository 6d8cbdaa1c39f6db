"""What the intent classifier sees: the message with values masked and SMS spelling evened out.

Masking rule-found values ("tmrw at 3" -> "xdate") lets the classifier learn
"a bare date is inform" from a few examples instead of from every date there is.
Shorthand is expanded ("pls" -> "please"), and a word the classifier never saw
in training is replaced by the known word one typing slip away ("absolutly" ->
"absolutely", "cancle" -> "cancel", "yess" -> "yes"): patients type on phones,
and a bag-of-words model knows nothing of a word it has not seen.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nlu.roles import EXISTING, RoleCues, assign_roles
from nlu.spelling import edit_distance
from nlu.types import Entity

MASKS = {
    "datetime": "xdate",
    "phone_number": "xphone",
    "email": "xemail",
    "birth_date": "xdob",
    "choice": "xchoice",
    # People's names and sites too, as the recogniser and the gazetteer find them: "book
    # physio at elm ave for maria lopez" reads "book physio at xsite for xperson", so an
    # unseen name or place cannot pull a request towards a bare answer. Services and
    # clinicians stay visible: "the dentist" and "blood test" say what the patient wants
    # (masked, "i want to visit xclinician" read as an answer).
    "location": "xsite",
    "person_name": "xperson",
}

# A datetime the role rules read as a visit already booked ("my thursday appointment", "can't make
# tomorrow") is masked apart from a wanted one: "can't make xbooked, can she come xdate instead" is a
# move, "can she come xdate" a booking; with one mask word the classifier could not tell them apart.
_BOOKED_MASK = "xbooked"

_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "plse": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "ty": "thanks",
    "tysm": "thanks",
    "appt": "appointment",
    "appts": "appointments",
    "apt": "appointment",
    "appointmnt": "appointment",
    "appoinment": "appointment",
    "apointment": "appointment",
    "appointmet": "appointment",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "cant": "can't",
    "dont": "don't",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "ill": "i'll",
    "w": "with",
    "w/": "with",
    "b4": "before",
    "2": "2",
    "cuz": "because",
    "coz": "because",
    "bc": "because",
    "abt": "about",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "txts": "texts",
    "txting": "texting",
    "resched": "reschedule",
    "dr": "doctor",
    "dr.": "doctor",
    "doc": "doctor",
    "info": "info",
    "yr": "your",
    "nite": "night",
    "k": "ok",
    "kk": "ok",
    "okie": "ok",
    "okey": "ok",
    "ya": "yes",
    "yea": "yes",
    "yeah": "yes",
    "yep": "yes",
    "yup": "yes",
    "nah": "no",
    "nope": "no",
    "pmt": "payment",
    "bal": "balance",
    "gud": "good",
    "gd": "good",
    "l8r": "later",
    "l8": "late",
    "cu": "see you",
    "cya": "see you",
    "c u": "see you",
    "thnk": "thank",
    "thnks": "thanks",
    "thks": "thanks",
    "tq": "thank you",
    "tx": "thanks",
    "thankyou": "thank you",
    "thanku": "thank you",
    "tyvm": "thanks",
    "pl": "please",
    "plz.": "please",
    "rly": "really",
    "sry": "sorry",
    "srry": "sorry",
    "tmr": "tomorrow",
    "ppl": "people",
    "sth": "something",
    "smth": "something",
    "someone's": "someone",
    "wat": "what",
    "wht": "what",
    "wen": "when",
    "whn": "when",
    "hw": "how",
    "cn": "can",
    "cld": "could",
    "wld": "would",
    "shd": "should",
    "dnt": "don't",
    "cnt": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "thats": "that's",
    "whats": "what's",
    "wheres": "where's",
    "hows": "how's",
    "theres": "there's",
    "okey-dokey": "ok",
    "okk": "ok",
    "okok": "ok",
    "oki": "ok",
    "okie-dokie": "ok",
    "mk": "ok",
    "yas": "yes",
    # "can ye", "would ye know": in Irish and Scottish English "ye" is "you".
    "ye": "you",
    "yh": "yes",
    "ys": "yes",
    "nop": "no",
    "naw": "no",
    "nooo": "no",
    "plss": "please",
    "pleasee": "please",
    "dr's": "doctor's",
    "drs": "doctors",
    "docs": "doctors",
    "rx": "prescription",
    "meds": "medication",
    "recept": "reception",
    "reschedual": "reschedule",
    "reshedule": "reschedule",
    "cancell": "cancel",
}
# Chat shorthand for leaving ("gtg", "ttyl"): a closing the classifier would otherwise read as noise.
_SHORTHAND.update(
    {
        "gtg": "got to go",
        "g2g": "got to go",
        "ttyl": "talk to you later",
        "bbl": "be back later",
        "tc": "take care",
        "nvm": "never mind",
        "bitte": "please",
        "porfa": "please",
        "cnx": "cancel",
        "cxl": "cancel",
        "cncl": "cancel",
        "canx": "cancel",
        "addy": "address",
        "addr": "address",
        "resch": "reschedule",
        "bday": "birthday",
        "b'day": "birthday",
        # Thanks words of other languages inside an English message ("cancel wed pls, shukran"):
        # none is an English word, so reading them as "thanks" cannot mislead.
        "gracias": "thanks",
        "merci": "thanks",
        "danke": "thanks",
        "shukran": "thanks",
        "shukriya": "thanks",
        "salamat": "thanks",
        "obrigado": "thanks",
        "obrigada": "thanks",
        "grazie": "thanks",
        "dziekuje": "thanks",
        "dziękuję": "thanks",
        "spasibo": "thanks",
        "gm": "good morning",
        "gn": "good night",
    }
)
# Regional spellings of everyday words, read as the standard word so the classifier needs to learn
# each request once: Scots ("cannae make it", "ah'll be there", "get it moved tae friday", "wi the
# nurse", "ma physio"), Singapore English ("dun send", "can or not" written "anot", "cancel liao")
# and Irish and Australian "yous". Only words that mean nothing else in a patient's message.
_SHORTHAND.update(
    {
        "ah'll": "i'll",
        "ah'm": "i'm",
        "ah've": "i've",
        "ah'd": "i'd",
        "a'm": "i'm",
        "tae": "to",
        "wi": "with",
        "ma": "my",
        "fae": "from",
        "cannae": "can't",
        "cannae.": "can't",
        "canny": "can't",
        "dinnae": "don't",
        "didnae": "didn't",
        "isnae": "isn't",
        "wasnae": "wasn't",
        "wouldnae": "wouldn't",
        "couldnae": "couldn't",
        "willnae": "won't",
        "widnae": "wouldn't",
        "gonnae": "going to",
        "needin": "needing",
        "workin": "working",
        "dun": "don't",
        "anot": "or not",
        "liao": "already",
        "oredi": "already",
        "alr": "already",
        "dunno": "don't know",
        "yous": "you",
        "youse": "you",
    }
)

# Whole-message social turns in the languages patients of a US/UK practice most often write in besides
# English, as "meaning: phrase, phrase ...". A one-word "gracias" or "do widzenia" is a word the
# classifier never saw, so it fell below the fallback threshold or read as an answer; the meaning
# is unambiguous, so the message is read as its English equivalent. Only a whole message is
# translated (after case, accents, punctuation, emoji and politeness particles are set aside):
# "la" is "no" in Arabic alone, but an article inside "cancelar la cita". Words that mean
# different things in different languages ("ne", "hai", "ciao", "shalom", "aloha") are left out.
_SOCIAL_TABLE = """
hello: morning, good morning all, afternoon, evening, hola, buenos dias, buen dia, buenas tardes, buenas noches, buenas, bonjour, bonsoir, salut, hallo, guten tag,
  guten morgen, guten abend, moin, servus, gruss gott, buongiorno, buonasera, salve, ola, bom dia, boa tarde, boa noite,
  oi, dzien dobry, witam, dobry wieczor, kumusta, kamusta, magandang umaga, magandang hapon, magandang gabi,
  salaam, salam, assalamu alaikum, asalamu alaikum, assalam o alaikum, assalamualaikum, salam alaikum, as salamu alaykum,
  marhaba, ahlan, namaste, namaskar, sat sri akal, xin chao, chao ban, ni hao, nin hao, privet, zdravstvuyte,
  merhaba, selam, annyeong haseyo, annyeonghaseyo, konnichiwa, ohayo, jambo, habari, hej, hei, hoi, goedemorgen,
  goedendag, bonjou, sawubona, dobar dan, buna ziua, kalimera, ciao a tutti, 你好, 您好, привет, здравствуйте, 안녕하세요, こんにちは
goodbye: adios, hasta luego, hasta manana, hasta pronto, chao, au revoir, a bientot, a plus, bonne journee, tschuss,
  auf wiedersehen, bis bald, bis dann, arrivederci, a presto, tchau, ate logo, ate mais, do widzenia, do zobaczenia,
  paalam, ingat, khuda hafiz, allah hafiz, ma a salama, ma salama, maa salama, ma as salama, maasalama, alvida,
  phir milenge, tam biet, zaijian, do svidaniya, poka, gule gule, hosca kal, sayonara, kwaheri, hej da, tot ziens,
  doei, adeus, orevwa, la revedere, antio, 再见, до свидания, пока, さようなら
thank you: gracias, muchas gracias, mil gracias, merci, merci beaucoup, danke, danke schon, dankeschon, vielen dank,
  grazie, grazie mille, obrigado, obrigada, muito obrigado, muito obrigada, dziekuje, dzieki, dziekuje bardzo,
  salamat, maraming salamat, shukran, shukran jazeelan, shukriya, shukriyaa, bahut shukriya, dhanyavaad, dhanyavad,
  dhanyawad, cam on, xie xie, xiexie, spasibo, bolshoe spasibo, tesekkurler, tesekkur ederim, sagol,
  gamsahamnida, kamsahamnida, arigato, arigatou, domo arigato, asante, asante sana, tack, takk, dank je, bedankt,
  mesi, jazakallah, jazak allah, jazakallah khair, efcharisto, multumesc, hvala, god bless, god bless you,
  bless you, god bless you all, may god bless you, stay blessed, 谢谢, 多谢, спасибо, 감사합니다, ありがとう
yes: si, claro, claro que si, vale, oui, ouais, ja, jawohl, genau, sim, tak, oo, opo, oho, haan, haan ji, ha ji,
  naam, aiwa, aywa, vang, da, evet, ndiyo, ndio, d accord, bueno, esta bien, va bene, certo, certo que sim, sige,
  tak tak, да, 是, 好
no: non, nein, nao, nie, nie dziekuje, hindi, nahi, nahin, la, laa, khong, nyet, hayir, aniyo, iie, hapana, nej,
  nee, none, none of them, none of those, no gracias, non merci, nein danke, нет, 不
help: commands, keywords, help me, ayuda, aide, hilfe, ajuda, aiuto, pomoc, madad
"""
# The same for social words of regional English (UK, Ireland, Scotland, Australia, New Zealand,
# Singapore), which a classifier trained mostly on standard English has seen too rarely to trust.
_SOCIAL_TABLE += """
hello: awright, hiya, howya, how ya going, how are ya, g'day, gday, gidday, kia ora, kia ora koutou, morena,
  wotcha, ey up, eh up
goodbye: cheerio, cheerio then, ta ra, ta-ra, tara, hooroo, see ya later, catch ya, catch ya later, laters, ka kite, ka kite ano,
  haere ra, slan, slan abhaile, bye lah, ok bye lah, toodle-oo, toodles
thank you: chur, chur bro, ta, ta very much, ta muchly, cheers, cheers mate, cheers love, nice one, thanks heaps,
  thanks a million, much obliged, go raibh maith agat, kia ora for that
yes: ye, aye, yah, yeh, ya ya, yes yes, righto, right you are
"""
# Politeness particles that carry no meaning of their own ("salamat po", "haan ji").
_PARTICLES = frozenset(
    {
        "po",
        "ji",
        "bhai",
        "sahib",
        "bitte",
        "please",
        "pls",
        "por favor",
        "porfa",
        "per favore",
        "s'il vous plait",
        "s il vous plait",
        "prosze",
        "lutfen",
    }
)
_NOT_LETTERS = re.compile(r"[^\w\s]|[\d_]")


def _social_key(text: str) -> str:
    """Lower case, no accents, no punctuation or emoji, single spaces, no politeness particles."""
    plain = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'"))
    plain = (
        "".join(c for c in plain if not unicodedata.combining(c))
        .replace("ł", "l")
        .replace("ß", "ss")
    )
    words = _NOT_LETTERS.sub(" ", plain).split()
    joined = " ".join(words)
    for particle in _PARTICLES:
        if " " in particle and joined != particle:
            joined = f" {joined} ".replace(f" {particle} ", " ").strip()
    kept = [w for w in joined.split() if w not in _PARTICLES]
    return " ".join(kept or words)


def _social_phrases(table: str) -> dict[str, str]:
    """``phrase key -> meaning`` from :data:`_SOCIAL_TABLE` (an entry starts at a line's first column)."""
    out: dict[str, str] = {}
    for entry in re.split(r"\n(?=\S)", table.strip()):
        meaning, _, phrases = entry.partition(":")
        for phrase in phrases.split(","):
            if phrase.strip():
                out[_social_key(phrase)] = meaning.strip()
    return out


_SOCIAL = _social_phrases(_SOCIAL_TABLE)


# A message of nothing but emoji of one meaning: "👍👍", "✔️", "🙏🏽". Skin tones and the emoji
# presentation selector are set aside; a mixed "👍🙏" is left to the classifier.
_EMOJI_MEANING = {
    **dict.fromkeys("👍👌✅✔☑🆗💯", "yes"),
    **dict.fromkeys("👎❌✖🚫", "no"),
    **dict.fromkeys("🙏💐🤗", "thank you"),
    **dict.fromkeys("👋", "hello"),
}
_EMOJI_MODIFIERS = re.compile(r"[\ufe0f\u200d\U0001F3FB-\U0001F3FF\s]")


# A message of emoji and marks alone with no meaning in the table ("🍕🍕🎉", "🐶"): every such message
# reads as one word, so the classifier learns from a few that a picture on its own asks for nothing
# the practice does, instead of meeting each emoji as an unseen word.
_PICTURES_ONLY = "xemoji"


#: An ASCII letter or digit (Unicode categories L and N): a text with one is not pictures only.
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


def _pictures_only(text: str) -> bool:
    """Whether ``text`` holds at least one emoji or symbol and no letter or digit."""
    if _ASCII_ALNUM.search(text):
        return False  # the common case, told without a category lookup per character
    cats = [unicodedata.category(c) for c in text if not c.isspace()]
    return any(c == "So" for c in cats) and not any(c[0] in "LN" for c in cats)


_LEADING_OK = frozenset(
    {"ok", "okay", "okey", "oki", "alright", "aight", "righto", "right", "well"}
)


def social_meaning(text: str) -> str | None:
    """The English social turn a whole message in another language or in emoji is ("dziękuję!" -> "thank you"), or None."""
    if len(text) > 40:
        return None
    marks = set(_EMOJI_MODIFIERS.sub("", text))
    meanings = {_EMOJI_MEANING.get(c) for c in marks}
    if marks and len(meanings) == 1 and None not in meanings:
        return meanings.pop()
    key = _social_key(text)
    # "ok cheerio", "alright ta-ra": a leading "ok" adds nothing to the turn after it.
    lead, _, rest = key.partition(" ")
    if key not in _SOCIAL and lead in _LEADING_OK and rest:
        key = rest
    return _SOCIAL.get(key)


# Health insurers and public schemes patients name by brand ("do you take Bupa?", "does ACC cover
# physio?"). Each brand is one rare word the classifier cannot learn one by one, so all read as one
# word it learns from a few coverage questions. Brands that are also everyday words ("Anthem",
# "Vitality", "Oscar") are left out.
_INSURERS = re.compile(
    r"\b(?:medicare|medicaid|tricare|aetna|cigna|humana|kaiser(?:\s+permanente)?|"
    r"blue\s*cross(?:\s+blue\s*shield)?|blue\s*shield|united\s*health\s*care|unitedhealthcare|geha|molina|"
    r"ambetter|metlife|bupa|medibank|hcf|nib|ahm|southern\s+cross|acc|axa|allianz|aviva|simplyhealth|"
    r"vhi|laya|irish\s+life\s+health|daman|thiqa|oman\s+insurance|philhealth|maxicare|manulife|"
    r"great\s+eastern|aia|prudential|aok|barmer|dak|techniker)\b"
)
_INSURER_MASK = "xinsurer"
_REPEAT = re.compile(r"([a-z])\1{2,}")
# A full stop typed without the space after it ("hello.need physio asap.saturday?") glues two words
# into one token the classifier has never seen. Two letters either side, so "a.m." and "e.g." stay.
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})\.(?=[a-z]{2})")
_TOKEN = re.compile(r"[a-z0-9'/.]+|[^\sa-z0-9]")


def mask(text: str, entities: Iterable[Entity]) -> str:
    """``text`` with each rule-found entity replaced by its mask word."""
    out, pos = [], 0
    for e in sorted((e for e in entities if e.entity in MASKS), key=lambda e: e.start):
        if e.start < pos:
            continue
        out.append(text[pos : e.start])
        out.append(f" {_BOOKED_MASK if e.role == EXISTING else MASKS[e.entity]} ")
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def classifier_text(
    text: str,
    entities: Iterable[Entity] = (),
    lexicon: Lexicon | None = None,
    roles: RoleCues | None = None,
) -> str:
    """Masked, lower-cased, shorthand-expanded text for the intent classifier, typos mended by ``lexicon``.

    ``roles``: the message's role cues, kept by the parse for its own reading of the roles.
    """
    meaning = social_meaning(text) or (_PICTURES_ONLY if _pictures_only(text) else None)
    entities = assign_roles(text, "", list(entities), roles)
    low = meaning or _REPEAT.sub(r"\1\1", mask(text, entities).lower().replace("\u2019", "'"))
    low = _INSURERS.sub(_INSURER_MASK, _GLUED_STOP.sub(". ", low))
    words = []
    for tok in _TOKEN.findall(low):
        core = tok.rstrip(".")
        word = _SHORTHAND.get(tok, _SHORTHAND.get(core, tok))
        words.append(lexicon.correct(word) if lexicon is not None else word)
    return " ".join(words)


_ALPHA = re.compile(r"[a-z']+")


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Lexicon:
    """The words of the training texts, and a mender for words outside them.

    An unknown word of 3+ letters becomes the most frequent known word one edit
    away (two edits from 7 letters on), found through a delete index as in
    SymSpell so that a lookup costs a few dictionary probes. Only words seen at
    least twice in training are targets, so one odd training word cannot pull
    patients' typos towards it. Mask words (xdate ...) and words with digits are left alone.
    """

    MIN_COUNT = 2
    CACHE_SIZE = 5000

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        self._index: dict[str, set[str]] = {}
        for w, c in counts.items():
            if c >= self.MIN_COUNT and len(w) >= 2:
                for key in _deletes(w) | {w}:
                    self._index.setdefault(key, set()).add(w)
        self._cache: dict[str, str] = {}

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Lexicon:
        """The lexicon of classifier texts (already masked and expanded)."""
        return cls(Counter(w for t in texts for w in t.split() if _ALPHA.fullmatch(w)))

    def correct(self, word: str) -> str:
        """``word`` if known or not a plain word, else its closest frequent known word, else ``word``."""
        if word in self.counts or len(word) < 3 or not _ALPHA.fullmatch(word):
            return word
        # Read once and returned as read: turns and a publish's flow tests may parse on two
        # threads, and the other one may clear the cache between a store and a second read.
        corrected = self._cache.get(word)
        if corrected is None:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()  # bounded: patients' words are not kept beyond recent messages
            limit = 2 if len(word) >= 7 else 1
            found = {c for key in _deletes(word) | {word} for c in self._index.get(key, ())}
            scored = sorted((edit_distance(word, c), -self.counts[c], c) for c in found)
            corrected = scored[0][2] if scored and scored[0][0] <= limit else word
            self._cache[word] = corrected
        return corrected

    def save(self, path: Path) -> None:
        """One ``word count`` line per word, most frequent first."""
        path.write_text(
            "".join(f"{w} {c}\n" for w, c in self.counts.most_common()), encoding="utf-8"
        )

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        """A lexicon written by :meth:`save`; empty (mends nothing) when the file is missing."""
        counts: Counter[str] = Counter()
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                w, _, c = line.rpartition(" ")
                if w:
                    counts[w] = int(c)
        return cls(counts)


def annotated_entities(spans: Iterable[Any]) -> list[Entity]:
    """A training example's annotated names and sites, as entities to mask like the recogniser's finds."""
    return [Entity(s.entity, s.start, s.end, s.text) for s in spans if s.entity in _MODEL_KINDS]


_MODEL_KINDS = frozenset({"location", "person_name"})
