"""Short social replies: yes, no, thanks, bye and hello said in a few words, in many voices.

Patients answer a question with one to four words in whatever English or language they speak
("aye", "yeh nah", "haan ji", "ja klar", "la shukran", "no po", "cheers mate, bye", "👍"). Each
such word is rare in training, so the classifier guesses among its readings of a rare word; yet
the turn is plain to a person, because every word in it is a social word of a known kind. This
layer reads such a message as those kinds and names its intent.

Decisions:

- It fires only when *every* word of a message of at most :data:`MAX_WORDS` words is a social
  word, a social phrase, or a filler that adds nothing ("mate", "ji", "po", "please", "lol",
  a smiley); any other word ("yes tuesday", "no I want to cancel") leaves the message to the
  classifier, so longer or contentful messages are untouched. The pipeline also skips it when the
  rule extractors found an entity ("morning" may be a wanted time).
- Kinds combine as the training data labels them: a goodbye word wins ("thanks, bye" is a
  goodbye); then a no ("no thanks" is a deny); then a firm yes ("yes thanks" is an affirm); then
  thanks ("ok thanks" is a thank); then a mild yes ("ok", "no worries"); then a hello.
- A firm yes and a no in one message contradict each other and are left to the classifier,
  except the fixed orders of Australian and New Zealand English: "yeah nah" is a no, "nah yeah"
  a yes.
- Words that mean different things in different languages are left out: "hai" (Japanese yes,
  English hi), "ne" (Czech no, Greek yes), "tak" (Polish yes, Danish thanks), "ciao" (hello and
  bye); "👋" (hello or bye) is only a filler beside a word that says which; "morning" alone may be a
  wanted time ("morning, if possible").
- Letters held for emphasis at a word's end or three times ("yesss", "nahhh", "byeee", "cooool")
  are read as the word; "noon" is not "non". Laughter ("lol", "haha") is not a filler: "haha ok" is
  labelled out of scope in the training data; nor is "then": "see you then" confirms a visit.
- "See you there" (or "see u there") is a visit confirmed, not a parting: like "see you then" it is
  left to the classifier, which the training data teaches to read it as ``confirm_attendance``.
"""

from __future__ import annotations

import re
import unicodedata

#: Longer messages are not short replies, whatever their words.
MAX_WORDS = 6
#: Six words of social talk fit in far fewer characters; a longer message is not read at all, so
#: the layer costs the parse of a long message nothing.
MAX_CHARS = 80

BYE, NO, YES, THANKS, OK, HELLO, FILLER = "bye", "no", "yes", "thanks", "ok", "hello", "filler"
#: A phrase that promises to come ("see you there"): the message is not a short social reply.
VISIT = "visit"

#: The intent of a message by the strongest kind in it (see the module's decisions).
_PRECEDENCE = (
    (BYE, "goodbye"),
    (NO, "deny"),
    (YES, "affirm"),
    (THANKS, "thank"),
    (OK, "affirm"),
    (HELLO, "greet"),
)


def _listed(words: str) -> tuple[str, ...]:
    """The words of a space-separated list (kept as prose so that each family reads as one)."""
    return tuple(words.split())


_WORDS: dict[str, tuple[str, ...]] = {
    YES: _listed(
        # English, regional and spoken
        "yes yeah yea yeh yep yup ya yah yas yass ye yesh aye ay sure certainly definitely "
        "absolutely deffo defo yh roger ofc obv obvs correct right righto rightio exactly affirmative mhm mhmm mmhmm uhuh yessir "
        # other languages and code-switching
        "si sí sì oui ja jawohl klar genau da haan haanji han sim evet naam aiwa aywa haa aama opo oo "
        "vang vâng ndiyo claro vale dale certo bien shi dui agreed boleh iya betul konechno"
    ),
    NO: _listed(
        "no nope nopes nah naw nay na noo nop negative nee nö nako illa illai "
        "nein non nao não nahi nahin nai la hapana hindi khong không nie nej bu hayir tidak bukan net nyet"
    ),
    THANKS: _listed(
        "thanks thank thanx thx thnx thnks tnx tks ty tysm tyvm ta cheers appreciated appreciate "
        "gracias merci danke dankeschön dankeschon grazie obrigado obrigada shukran shukriya "
        "shukria dhanyavad dhanyavaad dhanyawad arigato arigatou spasibo спасибо dziekuje dziękuję "
        "tq tqvm thanku thankyou tx kamsahamnida chur tack takk kiitos asante salamat mahalo bedankt mersi xiexie mamnoon tesekkurler "
        "teşekkürler sagol efcharisto toda gomawo dhonnobad dhonyobad dhanyabad valeu"
    ),
    BYE: _listed(
        "bye byebye bai goodbye cya ttyl later laters goodnight gn adios adiós adieu tschuss "
        "tschüss cheerio tara ttfn l8r night nite gnight nighty toodles toodaloo farewell tchau poka dosvidaniya görüşürüz gorusuruz"
    ),
    OK: _listed(
        "ok okay okey okie oki k kk alright allright aight cool great perfect fine good grand "
        "lovely brilliant excellent awesome nice noted understood sweet bet acha accha achha "
        "sige theek thik tamam beleza khorosho"
    ),
    HELLO: _listed(
        "hi hey heya hiya hello helo hallo howdy yo gday g'day hola bonjour salut namaste "
        "namaskar salaam salam sup wassup oi moin servus nomoskar nomoshkar merhaba privet zdravstvuyte"
    ),
    FILLER: _listed(
        "mate m8 ji jee po sir maam ma'am madam dear doc love hun hon bro bruh man guys all "
        "everyone team please pls plz so well indeed um umm uh oh ah very much "
        "lots again heaps muchly sana maraming gozaimasu sehr dokie dokey doke sounds there partner senor señor now that's thats it's its lah yaar bhai amigo habibi buddy pal x xx xxx sorry "
        # a dictated comma typed out as a word ("no comma thank you")
        "comma"
    ),
}

#: Phrases whose words mean something else alone ("no worries" is not a no, "see ya" not a yes).
_PHRASE_LIST: tuple[tuple[str, str], ...] = (
    # Australian / NZ order words: the last one is the answer
    ("yeah nah", NO),
    ("yeh nah", NO),
    ("ya nah", NO),
    ("yea nah", NO),
    ("yeah no", NO),
    ("nah yeah", YES),
    ("nah yeh", YES),
    ("naw yeah", YES),
    # a no that is a yes, and other English phrases
    ("no worries", OK),
    ("no problem", OK),
    ("no probs", OK),
    ("no prob", OK),
    ("no bother", OK),
    ("nae bother", OK),
    ("not a problem", OK),
    ("all good", OK),
    ("sounds good", OK),
    ("that works", OK),
    ("works for me", OK),
    ("got it", OK),
    ("fair enough", OK),
    ("go ahead", YES),
    ("why not", YES),
    ("will do", YES),
    ("for sure", YES),
    ("fo sho", YES),
    ("copy that", YES),
    ("go on", YES),
    ("go for it", YES),
    ("please do", YES),
    ("sweet as", OK),
    ("of course", YES),
    ("sure thing", YES),
    ("uh huh", YES),
    ("mm hmm", YES),
    ("you bet", YES),
    ("not yet", NO),
    ("not now", NO),
    ("not really", NO),
    ("no way", NO),
    # a firm word turned by "not" is a firm no, not a yes: "absolutely not", "of course not"
    ("absolutely not", NO),
    ("definitely not", NO),
    ("certainly not", NO),
    ("of course not", NO),
    ("surely not", NO),
    ("def not", NO),
    ("defo not", NO),
    ("deffo not", NO),
    ("not at all", NO),
    ("no thank", NO),
    ("thank you", THANKS),
    ("thank u", THANKS),
    ("thanks a lot", THANKS),
    ("much appreciated", THANKS),
    ("appreciate it", THANKS),
    ("for that", FILLER),
    ("for everything", FILLER),
    ("for your help", FILLER),
    ("for the help", FILLER),
    ("so much", FILLER),
    ("a lot", FILLER),
    ("for now", FILLER),
    ("see you there", VISIT),
    ("see ya there", VISIT),
    ("see u there", VISIT),
    ("c u there", VISIT),
    ("see you", BYE),
    ("see ya", BYE),
    ("see u", BYE),
    ("c u", BYE),
    ("take care", BYE),
    ("that's all", BYE),
    ("thats all", BYE),
    ("that is all", BYE),
    ("nothing else", BYE),
    ("nothing more", BYE),
    ("bye bye", BYE),
    ("ta ta", BYE),
    ("ta ra", BYE),
    ("catch you later", BYE),
    ("talk soon", BYE),
    ("speak soon", BYE),
    ("have a good day", BYE),
    ("have a good one", BYE),
    ("have a nice day", BYE),
    ("good night", BYE),
    ("good morning", HELLO),
    ("good afternoon", HELLO),
    ("good evening", HELLO),
    ("kia ora", HELLO),
    ("ni hao", HELLO),
    ("xin chao", HELLO),
    ("xin chào", HELLO),
    ("assalamu alaikum", HELLO),
    ("salam alaikum", HELLO),
    ("salaam alaikum", HELLO),
    ("wa alaikum salam", HELLO),
    ("as salamu alaykum", HELLO),
    # other languages' phrases
    ("muchas gracias", THANKS),
    ("dank je", THANKS),
    ("dank u", THANKS),
    ("dankjewel", THANKS),
    ("a million", FILLER),
    ("shukran jazilan", THANKS),
    ("merci bien", THANKS),
    ("merci beaucoup", THANKS),
    ("danke schön", THANKS),
    ("danke schon", THANKS),
    ("xie xie", THANKS),
    ("cam on", THANKS),
    ("cảm ơn", THANKS),
    ("terima kasih", THANKS),
    ("hasta luego", BYE),
    ("au revoir", BYE),
    ("khuda hafiz", BYE),
    ("allah hafiz", BYE),
    ("ma salama", BYE),
    ("maa salama", BYE),
    ("ma'a salama", BYE),
    ("auf wiedersehen", BYE),
    ("bien sur", YES),
    ("bien sûr", YES),
    ("d'accord", OK),
    ("por favor", FILLER),
    ("por supuesto", YES),
    ("theek hai", OK),
    ("thik hai", OK),
    ("hindi po", NO),
    # Bengali, Malay, Turkish, Russian and Brazilian Portuguese ones (round thirteen's voices)
    ("tak boleh", NO),
    ("tidak boleh", NO),
    ("khoda hafez", BYE),
    ("khuda hafez", BYE),
    ("allah hafez", BYE),
    ("selamat pagi", HELLO),
    ("selamat petang", HELLO),
    ("selamat tengah hari", HELLO),
    ("selamat tinggal", BYE),
    ("selamat jalan", BYE),
    ("jumpa lagi", BYE),
    ("hoşça kal", BYE),
    ("hosca kal", BYE),
    ("sağ ol", THANKS),
    ("sag ol", THANKS),
    ("do svidaniya", BYE),
    ("bom dia", HELLO),
    ("boa tarde", HELLO),
    ("até logo", BYE),
    ("ate logo", BYE),
    ("tá bom", OK),
    ("ta bom", OK),
    ("muito obrigado", THANKS),
    ("muito obrigada", THANKS),
    ("leider nicht", NO),
    ("so long", BYE),
    # Punctuation spoken into a dictation app and typed out as words ("thank you full stop")
    ("full stop", FILLER),
    ("end of message", FILLER),
    ("question mark", FILLER),
    ("exclamation mark", FILLER),
)

#: Pictures a reply may be made of (skin tones and variation selectors are set aside first).
_PICTURES: dict[str, str] = {
    **dict.fromkeys("👍👌✅✔🆗🙆💯", YES),
    **dict.fromkeys("👎❌🙅🚫✖", NO),
    **dict.fromkeys("🙏", THANKS),
    **dict.fromkeys("🙂😊😀😁😃😄☺❤💕😍🥰😉🤗👏✨👋", FILLER),
}
_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f\u200d]")
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\S")
_LEXICON: dict[str, str] = {w: kind for kind, words in _WORDS.items() for w in words}
_LONGEST_PHRASE = max(len(p.split()) for p, _ in _PHRASE_LIST)
_PHRASE_KIND = dict(_PHRASE_LIST)
_SILENT = frozenset({"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sk"})
_HELD = re.compile(r"(.)\1+$")
_HELD_LONG = re.compile(r"(.)\1{2,}")


def _word_kind(word: str) -> str | None:
    """The kind of one word, reading letters held for emphasis as one ("yesss") or two ("cooool")."""
    for form in (word, _HELD_LONG.sub(r"\1\1", word), _HELD.sub(r"\1", word)):
        # One letter held ("kkkkkk") is laughter in several languages, not "k".
        if form in _LEXICON and (form == word or len(set(word)) > 1):
            return _LEXICON[form]
    return None


def _tokens(text: str) -> list[str]:
    """Lower-case words and single pictures of ``text``, punctuation dropped."""
    # Turkish keyboards type a dotless i (U+0131, "hay\u0131r" for hayir): read as the plain i the lists use.
    low = text.lower().replace("\u2019", "'").replace("\u0131", "i")
    low = _MODIFIERS.sub("", unicodedata.normalize("NFC", low))
    # Punctuation and marks such as "+" or "^" say nothing; a digit or an unknown picture is content.
    return [t for t in _TOKEN.findall(low) if unicodedata.category(t[0]) not in _SILENT]


def reply_kinds(text: str) -> list[str] | None:
    """The kinds of the words and phrases of ``text`` in order, or None when a word is not social
    or the message is longer than :data:`MAX_WORDS` words."""
    tokens = _tokens(text) if len(text) <= MAX_CHARS else []
    if not tokens or len(tokens) > MAX_WORDS:
        return None
    kinds, i = [], 0
    while i < len(tokens):
        for n in range(min(_LONGEST_PHRASE, len(tokens) - i), 1, -1):
            phrase = " ".join(_HELD_LONG.sub(r"\1", t) for t in tokens[i : i + n])
            kind = _PHRASE_KIND.get(phrase) or _PHRASE_KIND.get(" ".join(tokens[i : i + n]))
            if kind:
                kinds.append(kind)
                i += n
                break
        else:
            kind = _PICTURES.get(tokens[i]) or _word_kind(tokens[i])
            if kind is None:
                return None
            kinds.append(kind)
            i += 1
    return kinds


def short_reply_intent(text: str) -> str | None:
    """``affirm``, ``deny``, ``thank``, ``goodbye`` or ``greet`` when the whole message is a short
    social reply (see the module's decisions), else None."""
    kinds = reply_kinds(text)
    if not kinds:
        return None
    present = set(kinds) - {FILLER}
    if not present or VISIT in present or (YES in present and NO in present):
        return None
    for kind, intent in _PRECEDENCE:
        if kind in present:
            return intent
    return None
