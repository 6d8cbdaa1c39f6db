"""Spelling as patients type it, in a hurry or in a second language: the tables the normaliser reads.

``SPELLING`` maps a typed word to its canonical form; ``VOCABULARY`` is what the
fuzzy matcher may correct towards; ``PROTECTED`` are ordinary words one edit from
a medical one that must never be "corrected".
"""

from __future__ import annotations

#: Misspellings, text-speak and apostrophe-less contractions -> canonical form.
SPELLING: dict[str, str] = {
    # contractions typed without the apostrophe
    "cant": "can't", "cannot": "can't", "cnt": "can't", "carnt": "can't", "kant": "can't",
    "couldnt": "couldn't", "dosent": "doesn't", "dosnt": "doesn't", "doesent": "doesn't", "dose'nt": "doesn't",
    "dont't": "don't", "wasent": "wasn't", "isent": "isn't", "hasent": "hasn't", "wount": "won't", "wo'nt": "won't", "wont": "won't", "wouldnt": "wouldn't", "dont": "don't", "doesnt": "doesn't",
    "didnt": "didn't", "isnt": "isn't", "wasnt": "wasn't", "arent": "aren't", "werent": "weren't",
    "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "shouldnt": "shouldn't",
    "im": "i'm", "ive": "i've", "hes": "he's", "shes": "she's",
    "theyre": "they're", "theres": "there's", "thats": "that's", "whats": "what's", "its": "it's",
    "youre": "you're", "weve": "we've", "theyve": "they've",
    # text-speak
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "plez": "please",
    "pleas": "please", "pleae": "please", "pleaase": "please", "pleasee": "please", "pleease": "please", "pleaae": "please", "plse": "please", "plss": "please", "halp": "help",
    "hlp": "help", "heelp": "help", "2day": "today", "2nite": "tonight", "tonite": "tonight",
    "b4": "before", "bc": "because", "cuz": "because", "coz": "because", "bcoz": "because",
    "abt": "about", "wat": "what", "wht": "what", "idk": "i don't know", "rn": "right now",
    "asap": "asap", "sooo": "so", "soo": "so", "v": "very", "rly": "really", "wana": "wanna", "wannna": "wanna", "realy": "really",
    "bby": "baby", "babby": "baby", "babys": "baby's", "lil": "little", "bub": "baby", "bubba": "baby",
    "mins": "minutes", "min": "minutes", "mints": "minutes", "minuts": "minutes", "minits": "minutes",
    "hrs": "hours", "hr": "hour", "wks": "weeks", "wk": "week", "yo": "year old", "yr": "year",
    "yrs": "years", "mth": "month", "mths": "months", "mos": "months",
    # body and symptom words
    "breath": "breathe", "breth": "breathe", "breeve": "breathe", "breev": "breathe", "breave": "breathe", "brethe": "breathe", "breeth": "breathe", "breathe": "breathe",
    "brething": "breathing", "breating": "breathing", "breathin": "breathing", "breaving": "breathing",
    "brath": "breathe", "bretahe": "breathe", "breahte": "breathe", "breate": "breathe",
    "chst": "chest", "breastbone": "chest", "sternum": "chest", "chset": "chest", "cheast": "chest", "chesst": "chest", "chestt": "chest",
    "pian": "pain", "pein": "pain", "payn": "pain", "pains": "pains",
    "bleding": "bleeding", "bleedin": "bleeding", "bleading": "bleeding", "bledding": "bleeding",
    "bleeing": "bleeding", "bleedng": "bleeding", "blod": "blood", "bloood": "blood", "blud": "blood",
    "siezure": "seizure", "seizur": "seizure", "sezure": "seizure", "seisure": "seizure", "ceasure": "seizure",
    "seezure": "seizure", "siezures": "seizures", "fiting": "fitting",
    "stroak": "stroke", "strok": "stroke",
    "unconcious": "unconscious", "unconsious": "unconscious", "unconscius": "unconscious",
    "concious": "conscious", "consious": "conscious",
    "pregnent": "pregnant", "pregnet": "pregnant", "pregant": "pregnant", "pragnant": "pregnant", "prego": "pregnant",
    "preggo": "pregnant", "preggers": "pregnant", "pregnat": "pregnant", "pergnant": "pregnant",
    "contractons": "contractions", "contration": "contraction", "contrations": "contractions",
    "contracions": "contractions", "contactions": "contractions",
    "watters": "waters", "wters": "waters",
    "stomache": "stomach", "stomac": "stomach", "tummy": "stomach", "belly": "stomach",
    "ambulence": "ambulance", "ambulanse": "ambulance", "amblance": "ambulance",
    "emergancy": "emergency", "emergeny": "emergency", "emergncy": "emergency", "emergecy": "emergency",
    "temprature": "temperature", "temperture": "temperature", "tempreture": "temperature",
    "temp": "temperature", "fevre": "fever", "feaver": "fever", "fevor": "fever", "fver": "fever",
    "suger": "sugar", "sugars": "sugar", "shugar": "sugar", "sugr": "sugar",
    "diabetis": "diabetes", "diabeetic": "diabetic", "diabetc": "diabetic",
    "sucide": "suicide", "suicde": "suicide", "suiside": "suicide", "sucidal": "suicidal", "suicidel": "suicidal",
    "myslef": "myself", "mysef": "myself", "meself": "myself", "mysel": "myself",
    "overdoes": "overdose",
    "alergic": "allergic", "allergik": "allergic", "alergy": "allergy",
    "swolen": "swollen", "swollon": "swollen", "sweling": "swelling", "swelling": "swelling",
    "throte": "throat", "thraot": "throat", "throut": "throat",
    "vomitting": "vomiting", "vommiting": "vomiting", "vomitng": "vomiting", "vommitting": "vomiting",
    "puking": "vomiting", "chucking": "chucking",
    "dizy": "dizzy", "dizzey": "dizzy", "faintd": "fainted", "fainting": "fainting",
    "collasped": "collapsed", "colapsed": "collapsed", "collaped": "collapsed", "colapse": "collapse",
    "unresponsve": "unresponsive", "unrespnsive": "unresponsive",
    "numbe": "numb", "numm": "numb", "tingly": "tingling",
    "slured": "slurred", "slurry": "slurred", "slureing": "slurring",
    "droopy": "drooping", "droping": "drooping", "drooped": "drooping",
    "poisen": "poison", "poisin": "poison", "poisoned": "poisoned", "bleech": "bleach", "blech": "bleach",
    "pils": "pills", "tabs": "tablets", "tablts": "tablets",
    "medz": "meds", "medicin": "medicine", "medecine": "medicine",
    "meningitus": "meningitis", "menengitis": "meningitis", "sepsys": "sepsis", "septic": "septic",
    "nek": "neck", "stif": "stiff", "rasch": "rash",
    "hospitle": "hospital", "hospitol": "hospital", "docter": "doctor", "doctr": "doctor",
    "quik": "quick", "quikly": "quickly", "hury": "hurry", "urgant": "urgent", "urgnt": "urgent",
    "sudenly": "suddenly", "suddently": "suddenly", "suddnly": "suddenly", "sudden": "sudden",
    "worst": "worst", "wurst": "worst", "terible": "terrible", "horible": "horrible",
    "scard": "scared", "scaried": "scared", "panicing": "panicking",
    "lable": "label", "accidentaly": "accidentally", "accidently": "accidentally", "reacshun": "reaction",
    "reaktion": "reaction", "somthing": "something", "somethin": "something", "strangly": "strangely",
    "wurse": "worse", "gapeing": "gaping", "tounge": "tongue", "tung": "tongue", "chets": "chest",
    "antidepresants": "antidepressants", "antidepressents": "antidepressants", "tmrw": "tomorrow",
    "tmr": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow", "untill": "until", "alergy's": "allergies", "cleanr": "cleaner",
    "tite": "tight", "tyte": "tight", "movments": "movements", "movemnts": "movements", "moovements": "movements",
    "preg": "pregnant", "windscreenwash": "windscreen wash", "screenwash": "screen wash",
}

#: Medical and urgency words the fuzzy matcher may correct towards.
VOCABULARY: tuple[str, ...] = (
    "ambulance", "anaphylactic", "anaphylaxis", "allergic", "bleeding", "breathing", "breathless",
    "collapsed", "collapsing", "conscious", "contraction", "contractions", "convulsing", "convulsion",
    "convulsions", "diabetic", "emergency", "fontanelle", "haemorrhage", "hemorrhage", "hypoglycaemia",
    "hypoglycemia", "ibuprofen", "meningitis", "miscarriage", "miscarrying", "numbness", "overdose",
    "overdosed", "paracetamol", "paralysed", "paralyzed", "poisoning", "pregnancy", "pregnant",
    "seizure", "seizures", "seizing", "slurring", "suddenly", "suicidal", "suicide", "swallowed",
    "swelling", "temperature", "tightness", "unconscious", "unresponsive", "vomiting", "drooping",
    "dizziness", "confused", "confusion", "stabbed", "antifreeze", "detergent", "tablets",
    "insulin", "labour", "crooked", "breathe", "stomach", "headache", "fainted", "throat",
)

#: Ordinary words one edit away from a vocabulary word: never "corrected".
PROTECTED: frozenset[str] = frozenset({
    "breeding", "drooling", "drools", "painted", "spelling", "shaving", "sitting", "soaking", "gaping", "laters", "cooking", "cooked", "fainter", "tablet", "pregnancies", "contracting",
    "contracted", "contract", "contracts", "confuses", "confuse", "stomachs", "labours", "labor",
    "labourer", "insulting", "breather", "breathes", "breathed", "seizes", "seized", "swallow",
    "swallows", "swelling", "suddenness", "throats", "thread", "threat", "threats", "headaches",
    "overdue", "overdone", "emergent", "crooks", "crooke", "stabbing", "stabbed", "bleeding",
    "meeting", "needing", "reading", "feeding", "seeding", "heading", "leading", "sending",
    "mending", "tending", "vending", "bleeping", "sleeping", "weeding", "breaking", "bleaching",
    "unconscionable", "consistent", "pregnancy", "pregnant", "emergence", "ambulant",
})
