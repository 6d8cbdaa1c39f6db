"""The actions of identity, registration, details, intake, consent and results: outcome names.

Kept apart from dialogs/schema.py so the schema stays one screen; the schema merges them.
"""

from __future__ import annotations

PATIENT_ACTIONS: dict[str, tuple[str, ...]] = {
    "register_patient": ("registered", "duplicate", "down"),
    "update_details": ("updated", "down"),
    "check_results": ("ready", "pending", "none", "down"),
    "load_intake": ("ready", "resumed", "completed", "none", "down"),
    "save_intake": ("saved", "completed", "down"),
    "review_consents": ("pending", "none", "down"),
    "agree_consent": ("recorded", "down"),
    "refuse_consent": ("recorded", "down"),
    "withdraw_consent": ("withdrawn", "none", "down"),
}
