"""The commands of the identity, details, intake, consent and results actions, and how their
outcomes route. dialogs/actions.py hands these actions and outcomes over to here."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from dialogs.context import TurnContext
from dialogs.patient_codec import (
    document_from_json,
    document_to_json,
    form_from_json,
    form_to_json,
    response_from_json,
    response_to_json,
)
from dialogs.state import State
from domain import commands as c
from domain import patient_commands as pc
from domain.patients import NewPatient, split_name

#: Chats that carry no phone number: linked to a patient by name and date of birth.
LINKABLE_CHANNELS = ("telegram",)
_REGISTRATION = uuid.UUID("6f1c8a52-4b8e-4c57-9d43-2b0f4e7a9c11")


def new_patient(form: dict[str, Any]) -> NewPatient:
    given, family = split_name(form["full_name"])
    return NewPatient(
        given=given, family=family, birth_date=dt.date.fromisoformat(form["birth_date"]),
        phone=form.get("phone") or None, email=form.get("email") or None, address=form.get("address") or None,
        insurer=form.get("insurer") or None, member_id=form.get("member_id") or None,
    )


def patient_command(action: str, state: State, ctx: TurnContext) -> c.Command:
    slots, pid = state.slots, state.patient_id or ""
    form: dict[str, Any] = slots.get("form", {})
    if action == "register_patient":
        person = new_patient(form)
        # The same message retried gives the same id, so the conditional create makes one record.
        key = "|".join((ctx.conversation_id, person.name.lower(), person.birth_date.isoformat(),
                        person.phone or "", person.email or ""))
        chat = ctx.address if ctx.channel in LINKABLE_CHANNELS else None
        return pc.RegisterPatient(ctx.conversation_id, person, str(uuid.uuid5(_REGISTRATION, key)),
                                  ctx.channel, chat_address=chat)
    if action == "update_details":
        change = {k: (form.get(k) or None) for k in ("phone", "email", "address", "language", "insurer", "member_id")}
        return pc.UpdateDetails(pid, pc.DetailChange(**change))
    if action == "check_results":
        return pc.CheckResults(pid)
    if action == "load_intake":
        return pc.StartIntake(pid)
    if action == "save_intake":
        intake = slots["intake"]
        return pc.SaveIntake(pid, form_from_json(intake["form"]), response_from_json(intake["response"]))
    if action == "review_consents":
        return pc.ReviewConsents(pid)
    if action in ("agree_consent", "refuse_consent"):
        return pc.DecideConsent(pid, document_from_json(slots["consent"]), action == "agree_consent", ctx.channel,
                                given_by=state.proxy_id)
    if action == "withdraw_consent":
        return pc.WithdrawConsent(pid, slots.get("consent_code", ""), ctx.channel)
    raise KeyError(action)


def patient_route(outcome: c.Outcome, state: State) -> str | None:
    """Keep what the outcome brought in the state and name it for the flow; None if not ours."""
    slots = state.slots
    match outcome:
        case pc.PatientRegistered(patient=patient):
            state.patient_id = patient.id
            return "registered"
        case pc.ReferredToStaff():
            return "duplicate"
        case pc.DetailsUpdated(fields=fields):
            slots["updated"] = list(fields)
            return "updated"
        case pc.ResultsChecked(ready=ready, pending=waiting):
            slots["results"] = {"ready": ready, "pending": waiting}
            return "ready" if ready else "pending" if waiting else "none"
        case pc.IntakeLoaded(form=form, response=response):
            slots["intake"] = {"form": form_to_json(form), "response": response_to_json(response)}
            if response.status == "completed":
                return "completed"
            return "resumed" if response.answers or response.skipped else "ready"
        case pc.NoIntakeForm():
            return "none"
        case pc.IntakeSaved(response=response):
            slots["intake"]["response"] = response_to_json(response)
            return "completed" if response.status == "completed" else "saved"
        case pc.ConsentsReviewed(pending=waiting, standing=live, documents=documents):
            titles = {d.code: d.title for d in documents}
            slots["consents"] = [{"title": titles.get(d.code, d.code), "version": d.document_version,
                                  "agreed": d.agreed, "at": d.at.isoformat()} for d in live]
            if waiting:
                slots["consent"] = document_to_json(waiting[0])
                return "pending"
            return "none"
        case pc.ConsentRecorded(decision=decision):
            slots["consent_agreed"] = decision.agreed
            return "recorded"
        case pc.ConsentWithdrawn(decision=decision):
            return "withdrawn" if decision else "none"
        case pc.ConsentRequired(document=document):
            slots["consent"] = document_to_json(document)
            return "consent"
    return None
