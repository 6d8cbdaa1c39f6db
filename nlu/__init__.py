"""Natural-language understanding: text -> Parse(intent, confidence, entities).

Imports no other project package. The labels are in nlu/contract.py (described in docs/nlu-contract.md);
span conventions in data/nlu/README.md.
Nothing is loaded at import time: ``NLU.load()`` loads (or trains) the model.

The names below are imported on first use (PEP 562): importing ``nlu`` or a light module of it
(``nlu.types``, ``nlu.keywords``) does not import spaCy or compile the emergency lexicon, which
cost seconds of CPU in every process that never parses a message (``patient-assistant jobs``,
``payments``, a Celery app's start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from nlu.choices import extract_choices
    from nlu.contacts import extract_birth_dates, extract_emails, extract_phones
    from nlu.datetime_resolution import resolve_datetimes, warm_dateparser
    from nlu.emergency import EmergencyMatch, detect_emergency, is_emergency
    from nlu.keywords import carrier_keyword, keyword_intent
    from nlu.pipeline import NLU, ensure_model
    from nlu.types import FALLBACK_THRESHOLD, Entity, Parse, is_fallback

#: Each public name and the module it is imported from when first used.
_MODULE_OF = {
    "extract_choices": "nlu.choices",
    "extract_birth_dates": "nlu.contacts",
    "extract_emails": "nlu.contacts",
    "extract_phones": "nlu.contacts",
    "resolve_datetimes": "nlu.datetime_resolution",
    "warm_dateparser": "nlu.datetime_resolution",
    "EmergencyMatch": "nlu.emergency",
    "detect_emergency": "nlu.emergency",
    "is_emergency": "nlu.emergency",
    "carrier_keyword": "nlu.keywords",
    "keyword_intent": "nlu.keywords",
    "NLU": "nlu.pipeline",
    "ensure_model": "nlu.pipeline",
    "FALLBACK_THRESHOLD": "nlu.types",
    "Entity": "nlu.types",
    "Parse": "nlu.types",
    "is_fallback": "nlu.types",
}

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


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value  # once imported, found without this hook
    return value
