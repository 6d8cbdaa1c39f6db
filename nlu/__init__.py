"""Natural-language understanding: text -> Parse(intent, confidence, entities).

Imports no other project package. The labels are in nlu/contract.py (described in docs/nlu-contract.md);
span conventions in data/nlu/README.md.
Nothing is loaded at import time: ``NLU.load()`` loads (or trains) the model.
"""

from nlu.choices import extract_choices
from nlu.contacts import extract_birth_dates, extract_emails, extract_phones
from nlu.datetime_resolution import resolve_datetimes, warm_dateparser
from nlu.emergency import EmergencyMatch, detect_emergency, is_emergency
from nlu.keywords import carrier_keyword, keyword_intent
from nlu.pipeline import FALLBACK_THRESHOLD, NLU, ensure_model, is_fallback
from nlu.types import Entity, Parse

__all__ = [
    "FALLBACK_THRESHOLD",
    "NLU",
    "EmergencyMatch",
    "Entity",
    "Parse",
    "carrier_keyword",
    "detect_emergency",
    "ensure_model",
    "extract_birth_dates",
    "extract_choices",
    "extract_emails",
    "extract_phones",
    "is_emergency",
    "is_fallback",
    "keyword_intent",
    "resolve_datetimes",
    "warm_dateparser",
]
