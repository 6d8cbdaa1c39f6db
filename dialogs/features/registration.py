"""Registering a new patient from a conversation. Flow: data/flows/register.yaml.

The form's fields (dialogs/forms.py) become a NewPatient; a likely duplicate is not
created but referred to staff. A chat with no phone number (Telegram) is linked to the
new patient at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from dialogs.chat_linking import LINKABLE_CHANNELS
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Feature
from dialogs.state import State
from domain.patients import NewPatient, split_name
from domain.registration import PatientRegistered, ReferredToStaff, RegisterPatient

_REGISTRATION = uuid.UUID("6f1c8a52-4b8e-4c57-9d43-2b0f4e7a9c11")


def new_patient(form: dict[str, Any]) -> NewPatient:
    given, family = split_name(form["full_name"])
    return NewPatient(
        given=given,
        family=family,
        birth_date=dt.date.fromisoformat(form["birth_date"]),
        phone=form.get("phone") or None,
        email=form.get("email") or None,
        address=form.get("address") or None,
        insurer=form.get("insurer") or None,
        member_id=form.get("member_id") or None,
    )


def _register(state: State, ctx: TurnContext) -> RegisterPatient:
    person = new_patient(state.slots.get("form", {}))
    # The same message retried gives the same id, so the conditional create makes one record.
    key = "|".join(
        (
            ctx.conversation_id,
            person.name.lower(),
            person.birth_date.isoformat(),
            person.phone or "",
            person.email or "",
        )
    )
    chat = ctx.address if ctx.channel in LINKABLE_CHANNELS else None
    return RegisterPatient(
        ctx.conversation_id,
        person,
        str(uuid.uuid5(_REGISTRATION, key)),
        ctx.channel,
        chat_address=chat,
    )


def _registered(outcome: PatientRegistered, state: State) -> str:
    state.patient_id = outcome.patient.id
    return "registered"


FEATURE = Feature(
    actions=(ActionSpec("register_patient", ("registered", "duplicate", "down"), _register),),
    routes={PatientRegistered: _registered, ReferredToStaff: lambda outcome, state: "duplicate"},
    audit={
        PatientRegistered: lambda o: [("patient.registered", f"Patient/{o.patient.id}", {})],
        ReferredToStaff: lambda o: [
            (
                "patient.duplicate_referred",
                f"Task/{o.task_id}",
                {"candidates": list(o.candidate_ids)},
            )
        ],
    },
)
