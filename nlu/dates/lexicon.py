"""Words the datetime grammar knows: weekdays, months, numbers, parts of day.

Everything here is plain data plus regex fragments built from it; matching is
done on lower-cased text of the same length as the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WEEKDAY_FORMS: dict[str, int] = {}
for _i, _forms in enumerate(
    [
        "monday mondays mon monday's mondey mondy monady",
        "tuesday tuesdays tues tue tu tuesday's teusday tusday tuseday tuesdy",
        "wednesday wednesdays wed weds wednesday's wensday wendsday wednsday wedensday wendesday wedsday wednes",
        "thursday thursdays thurs thur thu thursday's thrusday thurday thursdy thurdsay",
        "friday fridays fri friday's firday fryday fridy friady",
        "saturday saturdays sat saturday's satruday saterday saturady satarday",
        "sunday sundays sun sunday's sundy sundya",
    ]
):
    for _f in _forms.split():
        WEEKDAY_FORMS[_f] = _i

MONTH_FORMS: dict[str, int] = {}
for _i, _forms in enumerate(
    [
        "january jan janurary januray",
        "february feb febuary feburary febr",
        "march mar",
        "april apr aprl",
        "may",
        "june jun",
        "july jul",
        "august aug",
        "september sept sep septmber",
        "october oct ocotber",
        "november nov novmber",
        "december dec decmber",
    ],
    start=1,
):
    for _f in _forms.split():
        MONTH_FORMS[_f] = _i

#: Common misspellings of other date words, corrected wherever they occur
#: (the correction is never longer than the typo, so text keeps its length).
MISSPELLINGS: dict[str, str] = {
    "untill": "until",
    "unitl": "until",
    "intil": "until",
    "utill": "until",
    "beofre": "before",
    "bfore": "before",
    "atfer": "after",
    "minuets": "minutes",
    "mintues": "minutes",
    "minutues": "minutes",
    "hourse": "hours",
    "horus": "hours",
    "weeeks": "weeks",
    "weks": "wks",
    "monthes": "months",
    "mnths": "mos",
    "mths": "mos",
    "yesteday": "yday",
    "yestday": "yday",
}

#: Abbreviations written out in full before the grammar runs, so every rule
#: (named weeks, holidays, durations, shifts) sees the full word: "nxt wk",
#: "good fri", "bank hol", "in 2 hrs". Only forms that are no ordinary English
#: word are listed; "sun", "sat", "mon", "wed", "mar" and "may" stay as written
#: (see AMBIGUOUS_WORDS) and the rules that know them decide.
ABBREVIATIONS: dict[str, str] = {
    "nxt": "next",
    "nex": "next",
    "wk": "week",
    "wks": "weeks",
    "hol": "holiday",
    "hols": "holidays",
    "fri": "friday",
    "tue": "tuesday",
    "tues": "tuesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "weds": "wednesday",
    "mth": "month",
    "mnth": "month",
    "mths": "months",
    "mnths": "months",
    "hr": "hour",
    "hrs": "hours",
    "yr": "year",
    "yrs": "years",
    "aftn": "afternoon",
    "aftrn": "afternoon",
    "aftnoon": "afternoon",
    "afternn": "afternoon",
    "mrng": "morning",
    "mornng": "morning",
    "evng": "evening",
    "nite": "night",
    "b4": "before",
    "btwn": "between",
    "betw": "between",
    "btween": "between",
    "inbetween": "between",
    "cpl": "couple",
    # typos shorter than their word: written out here, where spans map back, not in MISSPELLINGS
    "aftr": "after",
    "afer": "after",
    "befor": "before",
    "untl": "until",
    "tll": "till",
    "skl": "school",
    "skool": "school",
    "tmrw's": "tomorrow's",
    # text and office shorthand for a time of day ("cob friday", "eod tmrw")
    # weekdays as voice dictation hears them ("chews day", "fry day"); two words, so no real word
    "chews day": "tuesday",
    "choose day": "tuesday",
    "tues day": "tuesday",
    "fry day": "friday",
    "fri day": "friday",
    "wednes day": "wednesday",
    "wens day": "wednesday",
    "wins day": "wednesday",
    "thurs day": "thursday",
    "thirst day": "thursday",
    "thors day": "thursday",
    "satur day": "saturday",
    "sat her day": "saturday",
    "mon day": "monday",
    "mun day": "monday",
    # "tomorrow" split by dictation or old spelling ("too morrow at 4", "to-morrow"): no two-word
    # phrase of English ends in "morrow" but this one
    "to morrow": "tomorrow",
    "too morrow": "tomorrow",
    "two morrow": "tomorrow",
    "2 morrow": "tomorrow",
    "to-morrow": "tomorrow",
    "to-day": "today",
    "to-night": "tonight",
    # "kings bday", "b'day": a birthday, as in holiday names ("King's Birthday")
    "bday": "birthday",
    "b'day": "birthday",
    "b-day": "birthday",
    "bdays": "birthdays",
    "l8r": "later",
    # German day, month and time-of-day words that German speakers keep in English ("next Mittwoch
    # at 10", "Montag früh", "am 3. Dezember"); "morgen" (tomorrow) is an atom of its own, since
    # "Guten Morgen" is a greeting
    "montag": "monday",
    "dienstag": "tuesday",
    "mittwoch": "wednesday",
    "donnerstag": "thursday",
    "freitag": "friday",
    "samstag": "saturday",
    "sonnabend": "saturday",
    "sonntag": "sunday",
    "heute": "today",
    "vormittag": "morning",
    "vormittags": "morning",
    "nachmittag": "afternoon",
    "nachmittags": "afternoon",
    "abend": "evening",
    "abends": "evening",
    "früh": "morning",
    "frueh": "morning",
    "nächste woche": "next week",
    "naechste woche": "next week",
    "januar": "january",
    "februar": "february",
    "märz": "march",
    "maerz": "march",
    "juni": "june",
    "juli": "july",
    "oktober": "october",
    "dezember": "december",
    # Spanish day words that Spanish speakers keep in English ("my cita el viernes", "mañana at 3",
    # "can I come el jueves por la tarde"). "mañana" is tomorrow, but "la mañana" the morning
    # ("por la mañana", "10 de la mañana"); the longer phrases are tried first. "Domingo" is left
    # out: it is a first name as often as Sunday.
    "lunes": "monday",
    "martes": "tuesday",
    "miércoles": "wednesday",
    "miercoles": "wednesday",
    "jueves": "thursday",
    "viernes": "friday",
    "sábado": "saturday",
    "sabado": "saturday",
    "hoy": "today",
    "mañana": "tomorrow",
    "manana": "tomorrow",
    "pasado mañana": "day after tomorrow",
    "pasado manana": "day after tomorrow",
    "por la mañana": "morning",
    "en la mañana": "morning",
    "de la mañana": "am",
    "por la manana": "morning",
    "en la manana": "morning",
    "de la manana": "am",
    "por la tarde": "afternoon",
    "en la tarde": "afternoon",
    "de la tarde": "pm",
    "esta tarde": "this afternoon",
    "la próxima semana": "next week",
    "la proxima semana": "next week",
    "la semana que viene": "next week",
    "a las": "at",
    "próximo": "next",
    "proximo": "next",
    "próxima": "next",
    "proxima": "next",
    "este": "this",
    "esta semana": "this week",
    "semana": "week",
    "semanas": "weeks",
    "días": "days",
    "dias": "days",
    "dentro de": "in",
    "al mediodía": "at noon",
    "al mediodia": "at noon",
    "mediodía": "noon",
    "mediodia": "noon",
    "por la noche": "evening",
    "en la noche": "evening",
    # Hindi/Urdu "aaj" (today); "kal" (tomorrow or yesterday) is read only before a Hindi word
    # that places it (nlu.datetime_resolution._HINDI_KAL)
    "aaj": "today",
    "subah": "morning",
    "shaam": "evening",
    "baje": "oclock",
    "agle hafte": "next week",
    "agle week": "next week",
    "is hafte": "this week",
    # Hindi weekday names, each in its two common spellings
    "somvar": "monday",
    "somwar": "monday",
    "mangalvar": "tuesday",
    "mangalwar": "tuesday",
    "budhvar": "wednesday",
    "budhwar": "wednesday",
    "guruvar": "thursday",
    "guruwar": "thursday",
    "shukravar": "friday",
    "shukrawar": "friday",
    "shanivar": "saturday",
    "shaniwar": "saturday",
    "ravivar": "sunday",
    "raviwar": "sunday",
    "itvaar": "sunday",
    "itwar": "sunday",
    # Gulf Arabic "bukra" (tomorrow), kept in Gulf English ("bukra 4pm ok?")
    "bukra": "tomorrow",
    "bokra": "tomorrow",
    "bukrah": "tomorrow",
    "fortnite": "fortnight",
    "fortnit": "fortnight",
    "qtr": "quarter",
    "2day": "today",  # never "2 day", which no one writes for two days
    "nye": "new year's eve",
    "nyd": "new year's day",
    "chrissy": "christmas",
    "chrissie": "christmas",
    "crimbo": "christmas",
    "eow": "end of week",
    "eom": "end of month",
    "cob": "close of business",
    "eod": "end of day",
    "ytd": "yesterday",
    "ystd": "yesterday",
}

#: Words patients write for an hour that sounds the same ("half past too",
#: "at for thirty"); read as the hour only where a clock time is plainly meant
#: (see nlu.datetime_resolution.expand).
HOUR_HOMOPHONES: dict[str, str] = {
    "too": "two",
    "to": "two",
    "for": "four",
    "fore": "four",
    "won": "one",
    "ate": "eight",
    "tree": "three",
}

#: Date words matched with a small edit distance (typos such as "tommorow",
#: "yesturday", "afternon"); the value is what the misspelling becomes, chosen
#: no longer than any typo the distance allows, so the text keeps its length.
FUZZY_WORDS: dict[str, str] = {
    "tomorrow": "tmr",
    "yesterday": "yday",
    "morning": "mornin",
    "afternoon": "arvo",
    "evening": "evenin",
    "tonight": "tonite",
    "weekend": "wknd",
}

#: Month and weekday forms that are also ordinary words or too short to trust
#: alone; such an atom needs a date context (a day number, a preposition).
AMBIGUOUS_WORDS = frozenset({"may", "mar", "march", "sat", "sun", "mon", "jun", "tu", "dec"})

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_UNITS, start=1)}
NUMBER_WORDS.update(
    {
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "a": 1,
        "an": 1,
        "couple": 2,
        "pair": 2,
    }
)

ORDINAL_WORDS: dict[str, int] = {}
_ORD = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
ORDINAL_WORDS.update({w: i for i, w in enumerate(_ORD, start=1)})
for _i, _w in enumerate(_ORD[:9], start=1):
    ORDINAL_WORDS[f"twenty {_w}"] = 20 + _i
    ORDINAL_WORDS[f"twenty-{_w}"] = 20 + _i
ORDINAL_WORDS.update({"thirtieth": 30, "thirty first": 31, "thirty-first": 31})

#: Forms of "tonight": an evening that is always today's.
TONIGHT = frozenset({"tonight", "tonite", "2nite", "2night", "tnite", "tonigt"})

#: part of day -> (start hour, end hour, am/pm hint)
PARTS_OF_DAY: dict[str, tuple[int, int, str]] = {
    "morning": (8, 12, "am"),
    "mornings": (8, 12, "am"),
    "mornin": (8, 12, "am"),
    "morn": (8, 12, "am"),
    "am": (8, 12, "am"),
    "afternoon": (12, 17, "pm"),
    "afternoons": (12, 17, "pm"),
    "arvo": (12, 17, "pm"),
    "aft": (12, 17, "pm"),
    "pm": (12, 17, "pm"),
    "avo": (12, 17, "pm"),
    "sarvo": (12, 17, "pm"),
    "s'arvo": (12, 17, "pm"),
    "evening": (17, 21, "pm"),
    "evenings": (17, 21, "pm"),
    "evenin": (17, 21, "pm"),
    "eve": (17, 21, "pm"),
    "evening's": (17, 21, "pm"),
    "tonight": (17, 21, "pm"),
    "tonite": (17, 21, "pm"),
    "tnite": (17, 21, "pm"),
    "tonigt": (17, 21, "pm"),
    "2nite": (17, 21, "pm"),
    "2night": (17, 21, "pm"),
    "night": (17, 21, "pm"),
}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


WD = rf"(?:{_alt(WEEKDAY_FORMS)})\.?"
MON = rf"(?:{_alt(MONTH_FORMS)})\.?"
ORDW = _alt(ORDINAL_WORDS)
DAYNUM = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|{ORDW})"
HOURW = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_U = "one|two|three|four|five|six|seven|eight|nine"
MINW = rf"(?:(?:oh|o|zero)[\s-]+(?:{_U})|{_TEENS}|(?:twenty|thirty|forty|fifty)(?:[\s-]+(?:{_U}))?)"
AMPM = r"(?:a\.\s?m\.?|p\.\s?m\.?|a\s?m\b|p\s?m\b)"
NUM = rf"(?:\d+(?:\.\d+)?|{_alt(NUMBER_WORDS)})"
POD = _alt(PARTS_OF_DAY)
TOMORROW = (
    r"(?:tomorrows?|tmrw|tmrow|tmr|tmro|tmoro|tomoro|tomorow|tommorow|tommorrow|tomorrrow"
    r"|tomorro|2moro|2morro|2morrow|2mrw|2mro|tomoz|tmoz|2moz|tmw|tomm?orrow|tmrws|tmrw's"
    # Scots "the morra" ("the marra", "the morn" is too often the morning)
    r"|the\s+mor+ow|the\s+mor+a|the\s+mar+a"
    # German "morgen", not in the greeting "Guten Morgen"
    r"|(?<!guten\s)(?<!gute\s)(?<!good\s)(?<!'n\s)morgen)"
)
TODAY = r"(?:today|tdy|2day|todays)"


def number_value(word: str) -> float | None:
    """The value of a digit string or number word ("3", "2.5", "three", "a")."""
    word = word.strip().lower()
    try:
        return float(word)
    except ValueError:
        pass
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None


def day_value(token: str) -> int | None:
    """The day of month of "14", "14th" or "fourteenth"."""
    token = token.strip().lower().replace("  ", " ")
    if token in ORDINAL_WORDS:
        return ORDINAL_WORDS[token]
    m = re.fullmatch(r"0?(\d{1,2})(?:st|nd|rd|th)?", token)
    return int(m.group(1)) if m else None


def month_value(token: str) -> int | None:
    """The month number of a month name or abbreviation."""
    return MONTH_FORMS.get(token.strip().rstrip(".").lower())


def weekday_value(token: str) -> int | None:
    """Monday=0 ... Sunday=6 for a weekday name, abbreviation or known misspelling."""
    return WEEKDAY_FORMS.get(token.strip().rstrip(".").lower())
