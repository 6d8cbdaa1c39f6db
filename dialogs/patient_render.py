"""Placeholders of the identity, details, intake, consent and results texts.

    {form_<field>}       a collected field as the patient reads it ("April 12, 1985")
    {form_first_name}    the first name of the `full_name` field
    {consent_title} {consent_version} {consent_summary} {consent_url} {consent_list}
    {intake_title} {results_ready} {updated_list}
    {patient_first_name}  the first name of the patient the conversation is about
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogs.context import TurnContext
from dialogs.fields import birth_date_text
from dialogs.render import day_text
from dialogs.schema import Field
from dialogs.state import State
from domain.patients import split_name

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "ar": "Arabic", "de": "German", "fr": "French",
                  "pt": "Portuguese", "vi": "Vietnamese", "zh": "Chinese"}
DETAIL_NAMES = {"phone": "phone number", "email": "e-mail address", "address": "address",
                "language": "preferred language", "insurer": "insurance", "member_id": "insurance member ID"}


def patient_values(state: State, ctx: TurnContext) -> dict[str, str]:
    slots, locale = state.slots, ctx.catalogue.practice.locale
    out = _form_values(state, ctx)
    # Who the conversation is about, for texts said to someone acting for them ("Omar's").
    patient = next((p for p in ctx.patients if p.id == state.patient_id), None)
    out["patient_first_name"] = split_name(patient.name)[0] if patient else ""
    consent: dict[str, Any] = slots.get("consent") or {}
    out.update({f"consent_{k}": str(consent.get(k, "")) for k in ("title", "version", "summary", "url")})
    out["consent_list"] = "\n".join(
        f"- {c['title']} (version {c['version']}): {'agreed' if c['agreed'] else 'declined'} on "
        f"{day_text(dt.datetime.fromisoformat(c['at']).date(), locale, year=True)}"
        for c in slots.get("consents", [])) or "- none yet"
    intake = slots.get("intake") or {}
    out["intake_title"] = str((intake.get("form") or {}).get("title", "intake"))
    out["results_ready"] = str((slots.get("results") or {}).get("ready", 0))
    updated = [f for f in slots.get("updated", []) if f != "member_id"]
    out["updated_list"] = "; ".join(f"{DETAIL_NAMES.get(f, f)} to {_shown(out, f)}" for f in updated)
    return out


def _shown(values: dict[str, str], key: str) -> str:
    shown = values.get(f"form_{key}", "")
    if key == "insurer" and values.get("form_member_id") not in (None, "", "not given"):
        shown += f" (member ID {values['form_member_id']})"
    return shown


def _form_values(state: State, ctx: TurnContext) -> dict[str, str]:
    form: dict[str, str] = state.slots.get("form", {})
    flow = ctx.flows.get(state.flow or "")
    kinds = {s.key: s.kind for s in flow.steps if isinstance(s, Field)} if flow else {}
    out = {}
    for key, value in form.items():
        kind = kinds.get(key, "text")
        if not value:
            shown = "not given"
        elif kind == "birth_date":
            shown = birth_date_text(value, ctx.catalogue.practice.locale)
        elif kind == "language":
            shown = LANGUAGE_NAMES.get(value, value)
        else:
            shown = value
        out[f"form_{key}"] = shown
    out["form_first_name"] = split_name(form["full_name"])[0] if form.get("full_name") else ""
    out["form_insurance"] = _shown(out, "insurer") if form.get("insurer") else "not given"
    return out
