"""Conversation state: versioned JSON, never pickle. The engine reads and returns it."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

STATE_VERSION = 1


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


@dataclass
class State:
    """What the assistant remembers of one conversation between messages.

    awaiting: what the conversation waits for (`Awaiting`), or None (nothing asked).
    slots: what the flow has gathered, as JSON (ids, the `when` window, offered openings,
    the patient's appointments, the selection).
    proxy_id: the RelatedPerson speaking for `patient_id` (a parent for a child), or None
    when the patient speaks for themselves; verification holds for that pair only.
    lockouts: how many times the conversation was locked (keys the staff alert of each).
    invitation: what the practice last invited the patient to by message, and from when
    it stands ({"flow": "intake", "at": ISO instant, "patient_id": ...}); a reply starts it.
    """

    flow: str | None = None
    step: str | None = None
    awaiting: Awaiting | None = None
    slots: dict[str, Any] = field(default_factory=dict)
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
    invitation: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "v": STATE_VERSION,
            "flow": self.flow,
            "step": self.step,
            "awaiting": str(self.awaiting) if self.awaiting else None,
            "slots": copy.deepcopy(self.slots),
            "retries": self.retries,
            "patient_id": self.patient_id,
            "verified_patient_id": self.verified_patient_id,
            "verified_until": self.verified_until,
            "verify_failures": self.verify_failures,
            "locked_until": self.locked_until,
            "language": self.language,
            "proxy_id": self.proxy_id,
            "verified_proxy_id": self.verified_proxy_id,
            "lockouts": self.lockouts,
            "invitation": copy.deepcopy(self.invitation),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> State:
        if not raw:
            return cls()
        version = raw.get("v", STATE_VERSION)
        if version > STATE_VERSION:
            raise ValueError(f"conversation state v{version} is newer than this code (v{STATE_VERSION})")
        return cls(
            flow=raw.get("flow"),
            step=raw.get("step"),
            awaiting=Awaiting(raw["awaiting"]) if raw.get("awaiting") else None,
            slots=copy.deepcopy(raw.get("slots") or {}),
            retries=int(raw.get("retries", 0)),
            patient_id=raw.get("patient_id"),
            verified_patient_id=raw.get("verified_patient_id"),
            verified_until=raw.get("verified_until"),
            verify_failures=int(raw.get("verify_failures", 0)),
            locked_until=raw.get("locked_until"),
            language=raw.get("language", "en"),
            # Added after v1 went out: older states simply lack them.
            proxy_id=raw.get("proxy_id"),
            verified_proxy_id=raw.get("verified_proxy_id"),
            lockouts=int(raw.get("lockouts", 0)),
            invitation=copy.deepcopy(raw.get("invitation")),
        )

    def copy(self) -> State:
        return State.from_json(self.to_json())

    def end_flow(self) -> None:
        self.flow = self.step = self.awaiting = None
        self.slots = {}
        self.retries = 0
