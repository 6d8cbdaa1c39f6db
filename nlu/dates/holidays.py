"""Holidays of the practice's country, as dates: "Good Friday", "Thanksgiving", "Boxing Day".

One table per country (ISO code taken from the locale's region: en-US -> US,
en-GB -> GB). A holiday resolves to its next occurrence on or after today, at
day grain; the holiday itself, not the weekday it is observed on when it falls
at a weekend. Every country also knows a few widely kept observances
(Christmas Eve and Day, New Year's Eve and Day, Good Friday, Easter Sunday,
Valentine's Day, Halloween), which patients name whether or not the practice
closes, and the names with one date wherever they are said (Easter Monday and
Tuesday, Boxing Day). A name whose date differs by country and that is not a
holiday where the practice is ("Thanksgiving" in Britain) stays unresolved rather
than guessing another country's date.

Lunar-calendar and astronomical holidays (Chinese New Year, Hari Raya Puasa
and Haji, Deepavali, Vesak, NZ's Matariki) cannot be computed by rule with the
standard library; they come from small tables of dates for 2025-2030 (``table``,
sources named beside each), and a year outside the table leaves the name
unresolved rather than guessing. Observances that patients name but that are
no public holiday (Mother's and Father's Day, St Patrick's Day outside Ireland,
Bonfire Night, Melbourne Cup day) are in OBSERVANCES, per country where their
date differs, so "the bank holiday" never lands on one. A locale names a country, never a state, so a holiday whose date
differs by state takes the date most of the country keeps: Australia's Labour
Day is New South Wales', the ACT's and South Australia's (first Monday of
October; about 40% of Australians, against Victoria's March and Queensland's
May dates), as its King's Birthday is already every state's but WA's and
Queensland's. Accepting every state's date would offer a patient the wrong
Monday as often as the right one; a practice elsewhere names the date itself.
Germany's regional days (Corpus Christi, All Saints', Reformation Day,
Epiphany) are observances there: a patient who names one means its date, though
"the holiday" never lands on one. New Zealand's
2 January is "the day after New Year's Day", which the grammar composes.

The Gulf states (AE, SA, QA, KW, BH, OM) keep the two Eids, Arafat Day, the Hijri
new year and the Prophet's birthday, from the Umm al-Qura calendar's table, and
their national days; "eid" alone is whichever Eid comes next, and "the weekend" is
Friday and Saturday except in the UAE (resolve.py). The Christian year around
Easter (Shrove Tuesday, Ash Wednesday, Palm Sunday, Maundy Thursday, Whitsun) is
known everywhere by name, as Easter is.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

#: A holiday's date in a year; None where only a table knows it and the year is not in it.
Rule = Callable[[int], "date | None"]
#: A date computed for any year.
Computed = Callable[[int], date]


def easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def fixed(month: int, day: int) -> Computed:
    return lambda y: date(y, month, day)


def nth(month: int, weekday: int, n: int) -> Computed:
    """The ``n``-th ``weekday`` (Monday 0) of ``month``; ``n`` = -1 is the last."""

    def rule(y: int) -> date:
        if n > 0:
            first = date(y, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(y, month, calendar.monthrange(y, month)[1])
        return last - timedelta(days=(last.weekday() - weekday) % 7)

    return rule


def from_easter(days: int) -> Computed:
    return lambda y: easter(y) + timedelta(days=days)


def monday_before(month: int, day: int) -> Computed:
    """The last Monday strictly before ``month``/``day`` (Canada's Victoria Day: before 25 May)."""

    def rule(y: int) -> date:
        d = date(y, month, day) - timedelta(days=1)
        return d - timedelta(days=d.weekday())

    return rule


def st_brigid(y: int) -> date:
    """Ireland: 1 February when it is a Friday, else the first Monday of February."""
    first = date(y, 2, 1)
    return first if first.weekday() == 4 else nth(2, 0, 1)(y)


def table(*dates: tuple[int, int, int]) -> Rule:
    """A holiday known only from a table of dates, one a year; None for a year not in it."""
    by_year = {y: date(y, m, d) for y, m, d in dates}
    return by_year.get


MON, TUE, THU, SUN = 0, 1, 3, 6

# Matariki: the dates fixed in the Matariki Public Holiday Act 2022, Schedule 1 (NZ).
_MATARIKI = table(
    (2025, 6, 20), (2026, 7, 10), (2027, 6, 25), (2028, 7, 14), (2029, 7, 6), (2030, 6, 21)
)
# Singapore: 2025 and 2026 as gazetted by the Ministry of Manpower ("Public holidays for 2025/2026");
# 2027-2030 are the calendars' projections (Hong Kong Observatory's Gregorian-lunar tables for the
# Chinese New Year, the Umm al-Qura calendar for the Hari Rayas, published Deepavali/Vesak almanacs);
# MOM gazettes each year about a year ahead, and its dates replace these when they differ.
_CNY = table((2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3))
_HARI_RAYA_PUASA = table(
    (2025, 3, 31), (2026, 3, 21), (2027, 3, 10), (2028, 2, 27), (2029, 2, 15), (2030, 2, 5)
)
_HARI_RAYA_HAJI = table(
    (2025, 6, 7), (2026, 5, 27), (2027, 5, 17), (2028, 5, 6), (2029, 4, 25), (2030, 4, 14)
)
_DEEPAVALI = table(
    (2025, 10, 20), (2026, 11, 8), (2027, 10, 28), (2028, 10, 17), (2029, 11, 5), (2030, 10, 25)
)
_VESAK = table(
    (2025, 5, 12), (2026, 5, 31), (2027, 5, 20), (2028, 5, 9), (2029, 5, 27), (2030, 5, 16)
)

# The Gulf: the Umm al-Qura calendar's dates (Saudi Arabia's civil calendar, which the UAE, Qatar,
# Kuwait, Bahrain and Oman follow within a day; each announces the Eids on the moon's sighting, so a
# date here may move by one day, and the dialogue reads the date back either way). 2025 and 2026
# are the announced dates, 2027-2030 the calendar's.
_EID_AL_FITR_GULF = table(
    (2025, 3, 30), (2026, 3, 20), (2027, 3, 9), (2028, 2, 26), (2029, 2, 14), (2030, 2, 4)
)
_ARAFAT_DAY = table(
    (2025, 6, 5), (2026, 5, 26), (2027, 5, 15), (2028, 5, 4), (2029, 4, 23), (2030, 4, 12)
)
_EID_AL_ADHA_GULF = table(
    (2025, 6, 6), (2026, 5, 27), (2027, 5, 16), (2028, 5, 5), (2029, 4, 24), (2030, 4, 13)
)
_HIJRI_NEW_YEAR = table(
    (2025, 6, 26), (2026, 6, 16), (2027, 6, 6), (2028, 5, 25), (2029, 5, 14), (2030, 5, 4)
)
_MAWLID = table(
    (2025, 9, 4), (2026, 8, 25), (2027, 8, 14), (2028, 8, 3), (2029, 7, 24), (2030, 7, 13)
)
_RAMADAN = table(
    (2025, 3, 1), (2026, 2, 18), (2027, 2, 8), (2028, 1, 28), (2029, 1, 16), (2030, 1, 6)
)


def nearest_monday(month: int, day: int) -> Computed:
    """The Monday nearest ``month``/``day`` (New Zealand's provincial anniversary days)."""

    def rule(y: int) -> date:
        d = date(y, month, day)
        back = d.weekday()  # days since the Monday before
        return d - timedelta(days=back) if back <= 3 else d + timedelta(days=7 - back)

    return rule


def tuesday_after_first_monday(month: int) -> Computed:
    """The US Election Day rule: the Tuesday after the first Monday of ``month``."""
    return lambda y: nth(month, MON, 1)(y) + timedelta(days=1)


#: key -> (regex of its names on lower-cased text, rule year -> date). Names are tried
#: in this order, so a longer name ("new year's eve") comes before its prefix.
HOLIDAYS: dict[str, tuple[str, Rule]] = {
    "early_may_bank_holiday": (r"(?:early\s+)?may\s+(?:day\s+)?bank\s+holiday", nth(5, MON, 1)),
    "spring_bank_holiday": (
        r"spring\s+bank\s+holiday|whitsun\s+bank\s+holiday|late\s+may\s+bank\s+holiday",
        nth(5, MON, -1),
    ),
    "summer_bank_holiday_gb": (r"(?:summer|august)\s+bank\s+holiday", nth(8, MON, -1)),
    "june_bank_holiday_ie": (r"june\s+bank\s+holiday", nth(6, MON, 1)),
    "october_bank_holiday_ie": (
        r"october\s+bank\s+holiday|halloween\s+bank\s+holiday",
        nth(10, MON, -1),
    ),
    "new_years_eve": (r"new\s+year'?s?\s+eve|silvester", fixed(12, 31)),
    "new_years_day": (
        r"new\s+year'?s?(?:\s+day)?|new\s+years?\s+day|ny\s+day|neujahr",
        fixed(1, 1),
    ),
    "christmas_eve": (r"christmas\s+eve|xmas\s+eve|heiligabend", fixed(12, 24)),
    "christmas": (
        (
            r"christmas(?:\s+day)?|xmas(?:\s+day)?|(?:erste[nr]?\s+)?weihnachts(?:feier)?tag"
            r"|(?:first|1st)\s+(?:christmas|xmas)\s+day"
        ),
        fixed(12, 25),
    ),
    "boxing_day": (
        (
            r"boxing\s+day|(?:saint|st\.?)\s+stephen'?s(?:\s+day)?|stephen'?s\s+day|second\s+day\s+of\s+christmas"
            r"|(?:am\s+)?zweite[nr]?\s+weihnachts(?:feier)?tag"
            # German "zweiter Weihnachtstag" said in English: "the second Christmas day"
            r"|(?:second|2nd)\s+(?:day\s+of\s+)?(?:christmas|xmas)(?:\s+day)?"
        ),
        fixed(12, 26),
    ),
    "valentines": (r"valentine'?s?(?:\s+day)?", fixed(2, 14)),
    "halloween": (r"hallowe'?en", fixed(10, 31)),
    "easter_saturday": (r"easter\s+saturday|holy\s+saturday", from_easter(-1)),
    "easter_monday": (r"easter\s+monday|ostermontag", from_easter(1)),
    "easter_tuesday": (r"easter\s+tuesday", from_easter(2)),
    "good_friday": (r"good\s+friday|karfreitag", from_easter(-2)),
    "easter": (r"easter(?:\s+sunday|\s+day)?|ostersonntag", from_easter(0)),
    # the Christian year around Easter, named everywhere whether or not a holiday
    "shrove_tuesday": (
        r"shrove\s+tuesday|pancake\s+(?:day|tuesday)|mardi\s+gras|fastnacht(?:sdienstag)?",
        from_easter(-47),
    ),
    "ash_wednesday": (r"ash\s+wednesday|aschermittwoch", from_easter(-46)),
    "rose_monday": (r"rosenmontag|rose\s+monday|carnival\s+monday", from_easter(-48)),
    "palm_sunday": (r"palm\s+sunday|palmsonntag", from_easter(-7)),
    "maundy_thursday": (
        r"maundy\s+thursday|holy\s+thursday|gr(?:ü|ue|u)ndonnerstag",
        from_easter(-3),
    ),
    "whit_sunday": (
        r"whit\s*sunday|pentecost(?:\s+sunday)?(?!\s+mon)|pfingst(?:sonntag|en)|whitsun(?:day)?(?!\s+(?:mon|bank))",
        from_easter(49),
    ),
    "corpus_christi": (r"corpus\s+christi|fronleichnam", from_easter(60)),
    "ascension": (r"ascension(?:\s+day|\s+thursday)?|christi\s+himmelfahrt", from_easter(39)),
    "whit_monday": (r"whit\s*monday|pentecost\s+monday|pfingstmontag", from_easter(50)),
    # United States
    "mlk_day": (
        r"(?:dr\.?\s+)?martin\s+luther\s+king(?:\s+jr\.?)?(?:'?s)?(?:\s+day)?|mlk(?:\s+jr\.?)?\s+day|mlk",
        nth(1, MON, 3),
    ),
    "presidents_day": (r"presidents?'?\s*(?:'s\s+)?day|washington'?s\s+birthday", nth(2, MON, 3)),
    "memorial_day": (r"memorial\s+day", nth(5, MON, -1)),
    "juneteenth": (r"juneteenth", fixed(6, 19)),
    "independence_day_us": (r"independence\s+day|july\s+4th\s+holiday", fixed(7, 4)),
    "labor_day_us": (r"labou?r\s+day", nth(9, MON, 1)),
    "columbus_day": (r"columbus\s+day|indigenous\s+peoples?'?\s*(?:'s\s+)?day", nth(10, MON, 2)),
    "veterans_day": (r"veterans?'?\s*(?:'s\s+)?day|armistice\s+day", fixed(11, 11)),
    "thanksgiving_us": (r"thanksgiving(?:\s+day)?", nth(11, THU, 4)),
    # Canada
    "family_day_ca": (r"family\s+day|louis\s+riel\s+day|islander\s+day", nth(2, MON, 3)),
    "victoria_day": (r"victoria\s+day|may\s+two-?four", monday_before(5, 25)),
    "canada_day": (r"canada\s+day", fixed(7, 1)),
    "civic_holiday": (
        (
            r"civic\s+holiday|august\s+long\s+weekend|b\.?c\.?\s+day|british\s+columbia\s+day|terry\s+fox\s+day"
            r"|simcoe\s+day|natal\s+day|new\s+brunswick\s+day|saskatchewan\s+day"
        ),
        nth(8, MON, 1),
    ),
    "st_jean_baptiste": (
        r"(?:st\.?|saint)[\s-]jean(?:[\s-]baptiste)?(?:\s+day)?|f(?:ê|e)te\s+nationale",
        fixed(6, 24),
    ),
    "truth_reconciliation": (
        r"(?:national\s+day\s+for\s+)?truth\s+and\s+reconciliation(?:\s+day)?|orange\s+shirt\s+day",
        fixed(9, 30),
    ),
    "thanksgiving_ca": (r"thanksgiving(?:\s+day)?", nth(10, MON, 2)),
    "remembrance_day": (r"remembrance\s+day", fixed(11, 11)),
    # United Kingdom
    # Ireland
    "st_brigids_day": (r"(?:st\.?|saint)\s+brigid'?s(?:\s+day)?|brigid'?s\s+day|imbolc", st_brigid),
    "st_patricks_day": (
        # "paddy's day", and the American "st patty's day" (Patty is a nickname of Patricia, but
        # not before "day": no one else's day is kept on a date)
        r"(?:st\.?|saint)\s+patrick'?s(?:\s+day)?|(?:st\.?\s+)?(?:paddy|patty)'?s\s+day|patrick'?s\s+day",
        fixed(3, 17),
    ),
    "may_bank_holiday_ie": (r"may\s+(?:bank\s+)?holiday|may\s+day", nth(5, MON, 1)),
    "august_bank_holiday_ie": (r"(?:summer|august)\s+bank\s+holiday", nth(8, MON, 1)),
    # Australia and New Zealand
    "australia_day": (r"australia\s+day", fixed(1, 26)),
    "anzac_day": (r"anzac\s+day", fixed(4, 25)),
    "kings_birthday_au": (r"(?:king|queen)'?s\s+birthday(?:\s+holiday)?", nth(6, MON, 2)),
    "labour_day_au": (r"labou?r\s+day", nth(10, MON, 1)),
    "waitangi_day": (r"waitangi\s+day", fixed(2, 6)),
    "kings_birthday_nz": (r"(?:king|queen)'?s\s+birthday(?:\s+holiday)?", nth(6, MON, 1)),
    "labour_day_nz": (r"labou?r\s+day", nth(10, MON, 4)),
    # Singapore and Germany
    "labour_day_may": (r"labou?r\s+day|tag\s+der\s+arbeit|may\s+day", fixed(5, 1)),
    "national_day_sg": (r"national\s+day(?:\s+parade)?|ndp", fixed(8, 9)),
    "german_unity_day": (
        (
            r"(?:german\s+)?unity\s+day|(?:the\s+)?day\s+of\s+(?:the\s+)?german\s+unity"
            r"|tag\s+der\s+deutschen\s+einheit"
        ),
        fixed(10, 3),
    ),
    "chinese_new_year": (r"chinese\s+new\s+year(?:'?s)?(?:\s+day)?|lunar\s+new\s+year|cny", _CNY),
    "hari_raya_haji": (r"hari\s+raya\s+haji|eid\s+al[\s-]adha", _HARI_RAYA_HAJI),
    "hari_raya_puasa": (
        r"hari\s+raya(?:\s+puasa|\s+aidilfitri)?|eid(?:\s+al[\s-]fitr)?",
        _HARI_RAYA_PUASA,
    ),
    "deepavali": (r"deepavali|diwali", _DEEPAVALI),
    "vesak": (r"vesak(?:\s+day)?|wesak(?:\s+day)?", _VESAK),
    "matariki": (r"matariki(?:\s+day)?", _MATARIKI),
    # Germany's days kept by some states (OBSERVANCES: named, their date is clear)
    "epiphany": (
        (
            r"epiphany|heilige(?:n)?\s+drei\s+k(?:ö|oe|o)nige|dreik(?:ö|oe|o)nigstag|three\s+kings'?(?:\s+day)?"
            r"|little\s+christmas|women'?s\s+christmas|nollaig\s+na\s+mban"
        ),
        fixed(1, 6),
    ),
    "reformation_day": (r"reformation\s+day|reformationstag", fixed(10, 31)),
    "all_saints": (r"all\s+saints'?(?:\s+day)?|allerheiligen", fixed(11, 1)),
    # The Gulf (AE, SA, QA, KW, BH, OM); their Eids before Singapore's names of the same days
    "arafat_day": (r"(?:the\s+)?(?:day\s+of\s+)?arafat(?:ah?)?(?:\s+day)?", _ARAFAT_DAY),
    "eid_al_adha": (
        r"eid\s*(?:al|ul|el|-ul-|-al-)?[\s-]*ad[h]?a|big\s+eid|bakri?\s*eid|bakrid|eid\s+al[\s-]kabir",
        _EID_AL_ADHA_GULF,
    ),
    "eid_al_fitr": (
        r"eid\s*(?:al|ul|el|-ul-|-al-)?[\s-]*fitr|small\s+eid|eid\s+al[\s-]saghir",
        _EID_AL_FITR_GULF,
    ),
    "eid": (r"eid(?:\s+holidays?)?", _EID_AL_FITR_GULF),  # the next of the two (ANY_OF)
    "ramadan": (r"ramadan|ramzan|ramadhan|the\s+start\s+of\s+ramadan", _RAMADAN),
    "hijri_new_year": (
        r"(?:islamic|hijri|muslim|arabic)\s+new\s+year(?:'?s)?(?:\s+day)?|al[\s-]hijra|muharram",
        _HIJRI_NEW_YEAR,
    ),
    "mawlid": (
        r"(?:the\s+)?prophet'?s\s+birthday|mawlid(?:\s+al[\s-]nabi)?|milad(?:\s+un[\s-]nabi)?",
        _MAWLID,
    ),
    "national_day_ae": (r"(?:uae\s+)?national\s+day|eid\s+al[\s-]etihad|union\s+day", fixed(12, 2)),
    "commemoration_day_ae": (r"commemoration\s+day|martyrs'?\s+day", fixed(12, 1)),
    "national_day_sa": (r"(?:saudi\s+)?national\s+day", fixed(9, 23)),
    "founding_day_sa": (r"founding\s+day", fixed(2, 22)),
    "national_day_qa": (r"(?:qatar\s+)?national\s+day", fixed(12, 18)),
    "national_day_kw": (r"(?:kuwait\s+)?national\s+day", fixed(2, 25)),
    "liberation_day_kw": (r"liberation\s+day", fixed(2, 26)),
    "national_day_bh": (r"(?:bahrain\s+)?national\s+day", fixed(12, 16)),
    # Oman's National Day has been kept on 20 November since the royal decree of 2024
    "national_day_om": (r"(?:oman\s+)?national\s+day", fixed(11, 20)),
    # more observances patients name as a date
    "cinco_de_mayo": (r"cinco\s+de\s+mayo", fixed(5, 5)),
    "tax_day_us": (r"tax\s+day", fixed(4, 15)),
    "black_friday": (r"black\s+friday", lambda y: nth(11, THU, 4)(y) + timedelta(days=1)),
    "election_day_us": (r"election\s+day", tuesday_after_first_monday(11)),
    "st_andrews_day": (r"(?:st\.?|saint)\s+andrew'?s(?:\s+day)?|andrew'?s\s+day", fixed(11, 30)),
    "burns_night": (r"burns'?\s+night", fixed(1, 25)),
    "st_davids_day": (r"(?:st\.?|saint)\s+david'?s(?:\s+day)?|david'?s\s+day", fixed(3, 1)),
    "st_georges_day": (r"(?:st\.?|saint)\s+george'?s(?:\s+day)?|george'?s\s+day", fixed(4, 23)),
    "remembrance_sunday": (r"remembrance\s+sunday", nth(11, SUN, 2)),
    "auckland_anniversary": (r"auckland\s+anniversary(?:\s+day)?", nearest_monday(1, 29)),
    "wellington_anniversary": (r"wellington\s+anniversary(?:\s+day)?", nearest_monday(1, 22)),
    # Observances (OBSERVANCES): named by patients, kept by no practice as a closing day
    "mothering_sunday": (r"mothering\s+sunday|mother'?s'?\s+day|mums?'?\s+day", from_easter(-21)),
    "mothers_day": (r"mother'?s'?\s+day|moms?'?\s+day|mums?'?\s+day", nth(5, SUN, 2)),
    "fathers_day_sep": (r"father'?s'?\s+day|dad'?s'?\s+day", nth(9, SUN, 1)),
    "fathers_day": (r"father'?s'?\s+day|dad'?s'?\s+day", nth(6, SUN, 3)),
    "bonfire_night": (r"bonfire\s+night|guy\s+fawkes(?:'?\s+night|\s+day)?", fixed(11, 5)),
    "melbourne_cup": (r"melbourne\s+cup(?:\s+day)?|cup\s+day", nth(11, TUE, 1)),
}

#: Observances every country knows by name.
COMMON = (
    "new_years_day",
    "new_years_eve",
    "christmas_eve",
    "christmas",
    "valentines",
    "halloween",
    "good_friday",
    "easter",
    "shrove_tuesday",
    "ash_wednesday",
    "palm_sunday",
    "maundy_thursday",
    "whit_sunday",
    "black_friday",
    # one date wherever the name is said, public holiday or not ("easter monday" in Chicago)
    "easter_monday",
    "easter_tuesday",
    "boxing_day",
)

#: ISO country -> its public holidays, in the order their names are tried.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "US": (
        "new_years_day",
        "mlk_day",
        "presidents_day",
        "memorial_day",
        "juneteenth",
        "independence_day_us",
        "labor_day_us",
        "columbus_day",
        "veterans_day",
        "thanksgiving_us",
        "christmas",
    ),
    "CA": (
        "new_years_day",
        "family_day_ca",
        "good_friday",
        "easter_monday",
        "victoria_day",
        "canada_day",
        "civic_holiday",
        "labor_day_us",
        "truth_reconciliation",
        "thanksgiving_ca",
        "remembrance_day",
        "christmas",
        "boxing_day",
    ),
    "GB": (
        "new_years_day",
        "good_friday",
        "easter_monday",
        "early_may_bank_holiday",
        "spring_bank_holiday",
        "summer_bank_holiday_gb",
        "christmas",
        "boxing_day",
    ),
    "IE": (
        "new_years_day",
        "st_brigids_day",
        "st_patricks_day",
        "easter_monday",
        "may_bank_holiday_ie",
        "june_bank_holiday_ie",
        "august_bank_holiday_ie",
        "october_bank_holiday_ie",
        "christmas",
        "boxing_day",
    ),
    "AU": (
        "new_years_day",
        "australia_day",
        "good_friday",
        "easter_saturday",
        "easter_monday",
        "anzac_day",
        "kings_birthday_au",
        "labour_day_au",
        "christmas",
        "boxing_day",
    ),
    "NZ": (
        "new_years_day",
        "waitangi_day",
        "good_friday",
        "easter_monday",
        "anzac_day",
        "kings_birthday_nz",
        "matariki",
        "labour_day_nz",
        "christmas",
        "boxing_day",
    ),
    "SG": (
        "new_years_day",
        "chinese_new_year",
        "hari_raya_puasa",
        "good_friday",
        "labour_day_may",
        "vesak",
        "hari_raya_haji",
        "national_day_sg",
        "deepavali",
        "christmas",
    ),
    "DE": (
        "new_years_day",
        "good_friday",
        "easter_monday",
        "labour_day_may",
        "ascension",
        "whit_monday",
        "german_unity_day",
        "christmas",
        "boxing_day",
    ),
}
#: The Eids, Arafat Day, the Hijri new year and the Prophet's birthday, which every Gulf state keeps.
_GULF = (
    "new_years_day",
    "eid_al_fitr",
    "arafat_day",
    "eid_al_adha",
    "eid",
    "hijri_new_year",
    "mawlid",
    "ramadan",
)
COUNTRIES.update(
    {
        "AE": (*_GULF, "commemoration_day_ae", "national_day_ae"),
        "SA": (*_GULF, "founding_day_sa", "national_day_sa"),
        "QA": (*_GULF, "national_day_qa"),
        "KW": (*_GULF, "national_day_kw", "liberation_day_kw"),
        "BH": (*_GULF, "national_day_bh"),
        "OM": (*_GULF, "national_day_om"),
    }
)
#: Countries whose weekend is Friday and Saturday (the UAE's has been Saturday and Sunday since 2022).
FRIDAY_WEEKEND = frozenset({"SA", "QA", "KW", "BH", "OM"})
#: A name that means whichever of several holidays comes next ("eid": al-Fitr or al-Adha).
ANY_OF = {"eid": ("eid_al_fitr", "eid_al_adha")}
#: ISO country -> observances named there that are no public holiday (Mother's Day is the
#: UK's and Ireland's Mothering Sunday, Father's Day is September's in Australia and New Zealand).
OBSERVANCES: dict[str, tuple[str, ...]] = {
    "US": (
        "st_patricks_day",
        "mothers_day",
        "fathers_day",
        "election_day_us",
        "cinco_de_mayo",
        "tax_day_us",
        "ramadan",
        "eid_al_fitr",
        "eid_al_adha",
        "eid",
    ),
    "CA": (
        "st_patricks_day",
        "mothers_day",
        "fathers_day",
        "st_jean_baptiste",
        "ramadan",
        "eid_al_fitr",
        "eid_al_adha",
        "eid",
    ),
    "GB": (
        "mothering_sunday",
        "fathers_day",
        "bonfire_night",
        "st_patricks_day",
        "st_andrews_day",
        "burns_night",
        "st_davids_day",
        "st_georges_day",
        "remembrance_sunday",
        "ramadan",
        "eid_al_fitr",
        "eid_al_adha",
        "eid",
    ),
    "IE": ("mothering_sunday", "fathers_day", "epiphany"),
    "AU": (
        "mothers_day",
        "fathers_day_sep",
        "melbourne_cup",
        "st_patricks_day",
        "ramadan",
        "eid_al_fitr",
        "eid_al_adha",
        "eid",
    ),
    "NZ": (
        "mothers_day",
        "fathers_day_sep",
        "st_patricks_day",
        "auckland_anniversary",
        "wellington_anniversary",
    ),
    "SG": ("mothers_day", "fathers_day", "ramadan"),
    "DE": (
        "mothers_day",
        "epiphany",
        "rose_monday",
        "corpus_christi",
        "reformation_day",
        "all_saints",
        "maundy_thursday",
    ),
}
#: Countries where "the bank holiday" names the next public holiday.
BANK_HOLIDAY_COUNTRIES = frozenset({"GB", "IE"})
_ALIASES = {"UK": "GB", "EN": "GB"}


def country_of(locale: str) -> str:
    """The ISO country of a locale ("en-GB" -> "GB", "en_au" -> "AU"); "" when it names none."""
    parts = locale.replace("_", "-").split("-")
    code = parts[-1].upper() if len(parts) > 1 else ""
    return _ALIASES.get(code, code)


def holidays_of(country: str) -> tuple[str, ...]:
    """The holiday keys known in ``country``: its public holidays first, then the common observances."""
    own = COUNTRIES.get(country, ()) + OBSERVANCES.get(country, ())
    return own + tuple(k for k in COMMON if k not in own)


def _short_weekdays(rx: str) -> str:
    """``rx`` with every weekday also matched short: "easter mon", "good fri", "whit mon"."""
    return re.sub(r"\b(mon|tue|wed|thu|fri|sat|sun)([a-z]*day)\b", r"\1(?:\2)?", rx)


_BANK_HOLIDAY = _short_weekdays(r"(?:next\s+)?bank\s+holiday(?:\s+monday)?")
#: "the long weekend", "the next long weekend": the weekend of the next public holiday on a Monday
#: or Friday (nlu.dates.relative reads it as a holiday weekend).
LONG_WEEKEND = r"(?:next\s+)?long\s+weekend"
#: Any holiday name of any country, for the grammar to find; which date it is
#: depends on the practice's country (``next_holiday``).
#: Tried first, so "eid al adha" is not read as Singapore's bare "eid" followed by words.
_FIRST = ("arafat_day", "eid_al_adha", "eid_al_fitr")
NAMES = "|".join(
    [f"(?:{_short_weekdays(HOLIDAYS[k][0])})" for k in _FIRST]
    + [f"(?:{_short_weekdays(rx)})" for k, (rx, _) in HOLIDAYS.items() if k not in _FIRST]
    + [_BANK_HOLIDAY]
)
_FULL = {key: re.compile(rf"(?:{_short_weekdays(rx)})") for key, (rx, _) in HOLIDAYS.items()}


def holiday_key(name: str, country: str) -> str | None:
    """The holiday of ``country`` that ``name`` names ("labour day" differs by country), or None."""
    name = re.sub(r"\s+", " ", name.strip())
    if re.fullmatch(_BANK_HOLIDAY, name):
        return "bank_holiday" if country in BANK_HOLIDAY_COUNTRIES else None
    if re.fullmatch(LONG_WEEKEND, name):
        return "long_weekend" if country in COUNTRIES else None
    return next((k for k in holidays_of(country) if _FULL[k].fullmatch(name)), None)


def next_holiday(
    name: str,
    country: str,
    today: date,
    year: int | None = None,
    month: int | None = None,
    last: bool = False,
) -> date | None:
    """The date of the holiday called ``name`` in ``country``, on or after ``today`` or in ``year``.

    ``month`` narrows "the bank holiday" to the next month of that name that has one ("the bank
    holiday in may" is May's first, or its ``last`` when so asked).
    """
    key = holiday_key(name, country)
    if key is None:
        return None
    if key == "ramadan" and not year:
        # the month of fasting is a period: said during it, it is already here
        began = HOLIDAYS[key][1](today.year)
        if began is not None and began <= today < began + timedelta(days=29):
            return today
    if key in ANY_OF and not year:
        found = [d for k in ANY_OF[key] if (d := _next_of(k, today)) is not None]
        return min(found) if found else None
    if key == "long_weekend":
        # the next public holiday that makes a weekend longer: on a Monday or a Friday
        dates = sorted(
            d
            for k in COUNTRIES.get(country, ())
            for y in (today.year, today.year + 1)
            if (d := HOLIDAYS[k][1](y)) is not None and d >= today and d.weekday() in (MON, 4)
        )
        return dates[0] if dates else None
    if key == "bank_holiday":
        # "bank holiday monday" is the next one on a Monday (Easter Monday, not Good Friday)
        monday_only = re.search(r"\bmon(?:day)?$", name) is not None
        dates = sorted(
            d
            for k in COUNTRIES[country]
            for y in (today.year, today.year + 1)
            if (d := HOLIDAYS[k][1](y)) is not None
            and d >= today
            and (d.weekday() == MON or not monday_only)
        )
        if month is not None:
            dates = [d for d in dates if d.month == month]
            if last and dates:
                dates = [d for d in dates if (d.year, d.month) == (dates[0].year, dates[0].month)][
                    -1:
                ]
        return dates[0] if dates else None
    if year:
        return HOLIDAYS[key][1](year)
    return _next_of(key, today)


def is_public_holiday(day: date, country: str) -> bool:
    """Whether ``day`` is one of ``country``'s public holidays (Easter Monday, Boxing Day ...)."""
    return any(HOLIDAYS[k][1](day.year) == day for k in COUNTRIES.get(country, ()))


def _next_of(key: str, today: date) -> date | None:
    rule = HOLIDAYS[key][1]
    d = rule(today.year)
    return d if d is not None and d >= today else rule(today.year + 1)
