"""Conversation state: versioned JSON, never pickle. The engine reads and returns it.

The state is plain dataclasses, turned into JSON and back by one pydantic TypeAdapter
(`STATE_JSON`). What the flows gather stays in `slots` (flow data: ids, the `when`
window, offers, the selection, the form); what the engine keeps for itself between two
messages is typed, in `Scratch`, and ends with the flow as the slots do.

Versions: v1 kept the scratch in `slots` under magic keys ("_problem", "_offer",
"_menu_picks", "_link_name", "suggested_when"); `from_json` moves them over (`_from_v1`),
so a conversation stored before v2 carries on where it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

import pydantic_core
from pydantic import PlainSerializer, TypeAdapter

STATE_VERSION = 2


class Awaiting(StrEnum):
    """What the conversation waits for before it can go on.

    A str enum, so the stored state keeps readable values ("birth_date").
    """

    INPUT = "input"  # a patient message answering the current step
    OUTCOME = "outcome"  # the domain's answer to the current step's command
    PATIENT_NAME = "patient_name"  # which of the patients on a shared phone
    BIRTH_DATE = "birth_date"  # the date of birth that verifies the speaker
    LINK_NAME = "link_name"  # a chat without a phone number: the person's full name
    LINK_BIRTH_DATE = "link_birth_date"  # ... and their date of birth
    LINKING = "link"  # the domain's answer to LinkChat
    REMINDER = "reminder"  # the domain's answer to a 1 or 3 reply to a reminder
    WAITLIST = "waitlist"  # the domain's answer to a yes to a waitlist offer


#: Stored as its plain value; a value set as a plain string ("birth_date") is stored the same.
StoredAwaiting = Annotated[
    Awaiting | None,
    PlainSerializer(lambda v: None if v is None else str(v), return_type=str | None),
]


@dataclass
class Problem:
    """What was wrong with the last message, said before the next question.

    key: the text to say; values: its placeholders. replaces_ask: the text is itself the
    question ("would tomorrow at 10:00 AM suit?"), so the step's own question is not asked.
    """

    key: str
    values: dict[str, str] = field(default_factory=dict)
    replaces_ask: bool = False


@dataclass
class Offer:
    """The choices of a fixed set (service, practitioner, location) last shown, in order,
    so "2" means what the patient saw. narrowed: offered for a need, not the whole set."""

    slot: str
    ids: list[str] = field(default_factory=list)
    narrowed: bool = False


@dataclass
class Scratch:
    """What the engine keeps between two messages of a flow, besides what the flow gathered."""

    problem: Problem | None = None  # dialogs/slots.py, dialogs/past.py
    offer: Offer | None = None  # dialogs/slots.py
    suggested_when: dict[str, Any] | None = (
        None  # a later time offered for one gone by (dialogs/past.py)
    )
    menu_picks: dict[str, int] = field(
        default_factory=dict
    )  # menu id -> option picked early (dialogs/forms.py)
    link_name: str | None = (
        None  # the name given to link a chat, until the birth date (dialogs/chat_linking.py)
    )


@dataclass
class State:
    """What the assistant remembers of one conversation between messages.

    awaiting: what the conversation waits for (`Awaiting`), or None (nothing asked).
    slots: what the flow has gathered, as JSON (ids, the `when` window, offered openings,
    the patient's appointments, the selection); menus of admin-edited flows set more.
    scratch: the engine's own notes while a flow runs (typed; see `Scratch`).
    proxy_id: the RelatedPerson speaking for `patient_id` (a parent for a child), or None
    when the patient speaks for themselves; verification holds for that pair only.
    lockouts: how many times the conversation was locked (keys the staff alert of each).
    not_understood: the patient's messages in a row the assistant did not understand (the
    generic "rephrase" answer); the second hands the conversation to staff (dialogs/engine.py).
    invitation: what the practice last invited the patient to by message, and from when
    it stands ({"flow": "intake", "at": ISO instant, "patient_id": ...}); a reply starts it.
    reminder: the appointment reminder last sent ({"appointment_id", "start", "patient_id",
    "at", and "asked": "cancel" once 3 was answered}); a 1, 2 or 3 acts on that appointment
    (dialogs/reminder_reply.py).
    waitlist_offer: a freed time offered from the waitlist ({"entry_id", "patient_id",
    "service_id", "opening", "until", "at"}, and "asked": "release" with "appointment_id"
    once booked, to offer releasing their later appointment); dialogs/waitlist_reply.py.
    """

    flow: str | None = None
    step: str | None = None
    awaiting: StoredAwaiting = None
    slots: dict[str, Any] = field(default_factory=dict)
    scratch: Scratch = field(default_factory=Scratch)
    retries: int = 0
    patient_id: str | None = None
    verified_patient_id: str | None = None
    verified_until: str | None = None  # ISO instant
    verify_failures: int = 0
    locked_until: str | None = None  # ISO instant
    language: str = "en"
    proxy_id: str | None = None
    verified_proxy_id: str | None = None
    lockouts: int = 0
    not_understood: int = 0
    invitation: dict[str, Any] | None = None
    reminder: dict[str, Any] | None = None
    waitlist_offer: dict[str, Any] | None = None
    #: The flow set version the current flow started on; it runs on that version until it
    #: ends, whatever is published meanwhile (bot/flow_versions.py). None: not versioned.
    flow_version: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"v": STATE_VERSION, **STATE_JSON.dump_python(self, mode="json")}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> State:
        if not raw:
            return cls()
        # The stored JSON is never shared with the state made from it. It is JSON, so a round
        # trip through pydantic's JSON codec copies it, in a third of deepcopy's time.
        return cls._from_own_json(
            pydantic_core.from_json(pydantic_core.to_json(raw), cache_strings="keys")
        )

    @classmethod
    def _from_own_json(cls, raw: dict[str, Any]) -> State:
        """`from_json` of JSON no one else holds (so it need not be copied first)."""
        version = raw.pop("v", 1)
        if version > STATE_VERSION:
            raise ValueError(
                f"conversation state v{version} is newer than this code (v{STATE_VERSION})"
            )
        if version < 2:
            raw = _from_v1(raw)
        return STATE_JSON.validate_python(raw)

    def copy(self) -> State:
        # to_json builds new containers all the way down: nothing to copy again.
        return State._from_own_json(self.to_json())

    def end_flow(self) -> None:
        self.flow = self.step = self.awaiting = None
        self.flow_version = None
        self.slots = {}
        self.scratch = Scratch()
        self.retries = 0


#: The one serialiser of the state, both ways.
STATE_JSON = TypeAdapter(State)

#: v1 slots that were the engine's scratch, and where v2 keeps them.
_V1_SCRATCH = {
    "_problem": "problem",
    "_offer": "offer",
    "suggested_when": "suggested_when",
    "_menu_picks": "menu_picks",
    "_link_name": "link_name",
}


def _from_v1(raw: dict[str, Any]) -> dict[str, Any]:
    """A v1 state in the v2 shape: the scratch out of the slots, and the fields v1 went out
    without (proxy_id, lockouts, invitation ...) left to their defaults."""
    slots = dict(raw.get("slots") or {})
    scratch = {
        new: slots.pop(old) for old, new in _V1_SCRATCH.items() if slots.get(old) is not None
    }
    return {**{k: v for k, v in raw.items() if v is not None}, "slots": slots, "scratch": scratch}
