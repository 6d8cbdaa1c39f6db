"""Every action a flow can name, gathered from the feature modules that own them.

Each feature module (dialogs/features/) gives its actions, how its outcomes route, their
audit entries and the placeholders of its wording (dialogs/feature.py). Adding an action
is one feature module (or one ActionSpec in an existing one) and, for a new module, one
entry in FEATURES; the flow validation, the engine and the audit trail find it here.
"""

from __future__ import annotations

from typing import Any

from dialogs import chat_linking
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature, MissingSlot
from dialogs.features import (
    appointments,
    billing,
    booking,
    cancelling,
    consent,
    details,
    intake,
    registration,
    reminders,
    rescheduling,
    results,
    waitlist,
)
from dialogs.state import State
from domain import commands as c

__all__ = [
    "ACTIONS",
    "FEATURES",
    "MissingSlot",
    "audit_entries",
    "command_for",
    "route",
    "text_values",
]

FEATURES: tuple[Feature, ...] = (
    booking.FEATURE,
    rescheduling.FEATURE,
    cancelling.FEATURE,
    appointments.FEATURE,
    chat_linking.FEATURE,
    registration.FEATURE,
    details.FEATURE,
    results.FEATURE,
    intake.FEATURE,
    consent.FEATURE,
    billing.FEATURE,
    reminders.FEATURE,
    waitlist.FEATURE,
)


def _gather(part: str) -> dict[Any, Any]:
    gathered: dict[Any, Any] = {}
    for feature in FEATURES:
        entries = getattr(feature, part)
        entries = {a.name: a for a in entries} if part == "actions" else entries
        if overlap := gathered.keys() & entries.keys():
            raise RuntimeError(f"two features claim {sorted(map(str, overlap))} ({part})")
        gathered.update(entries)
    return gathered


ACTIONS: dict[str, ActionSpec] = _gather("actions")
_ROUTES = _gather("routes")
_AUDIT = _gather("audit")


def command_for(action: str, state: State, ctx: TurnContext) -> c.Command:
    spec = ACTIONS.get(action)
    if spec is None:
        raise MissingSlot(f"unknown action {action}")
    return spec.command(state, ctx)


def route(outcome: c.Outcome, state: State) -> str:
    """Store what the outcome brought into the state and name the outcome for the flow."""
    if isinstance(outcome, c.RecordSystemDown):
        return "down"
    keep = _ROUTES.get(type(outcome))
    if keep is None:
        raise TypeError(f"unexpected outcome {type(outcome).__name__}")
    return keep(outcome, state)


def audit_entries(outcome: c.Outcome) -> list[Entry]:
    """The audit entries of a domain outcome (none for one that changes or discloses nothing)."""
    entries = _AUDIT.get(type(outcome))
    return entries(outcome) if entries else []


def text_values(state: State, ctx: TurnContext) -> dict[str, str]:
    """The placeholders the features' wording uses."""
    out: dict[str, str] = {}
    for feature in FEATURES:
        if feature.values:
            out.update(feature.values(state, ctx))
    return out
