"""Consents: review them, agree to or refuse a document version, withdraw one; and the gate
that stops a booking until a consent it needs is given (any action may answer `consent`).

Flow: data/flows/consent.yaml (and the booking flows' `consent` outcome).

    {consent_title} {consent_version} {consent_summary} {consent_url}  the document asked about
    {consent_list}  the standing decisions, one a line
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogs.codec import document_from_json, document_to_json
from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature
from dialogs.render import day_text
from dialogs.state import State
from domain.consent_service import (
    ConsentRecorded,
    ConsentRequired,
    ConsentsReviewed,
    ConsentWithdrawn,
    DecideConsent,
    ReviewConsents,
    WithdrawConsent,
)


def _review(state: State, ctx: TurnContext) -> ReviewConsents:
    return ReviewConsents(state.patient_id or "")


def _decide(agree: bool):  # type: ignore[no-untyped-def]
    def command(state: State, ctx: TurnContext) -> DecideConsent:
        return DecideConsent(
            state.patient_id or "",
            document_from_json(state.slots["consent"]),
            agree,
            ctx.channel,
            given_by=state.proxy_id,
        )

    return command


def _withdraw(state: State, ctx: TurnContext) -> WithdrawConsent:
    return WithdrawConsent(state.patient_id or "", state.slots.get("consent_code", ""), ctx.channel)


def _reviewed(outcome: ConsentsReviewed, state: State) -> str:
    titles = {d.code: d.title for d in outcome.documents}
    state.slots["consents"] = [
        {
            "title": titles.get(d.code, d.code),
            "version": d.document_version,
            "agreed": d.agreed,
            "at": d.at.isoformat(),
        }
        for d in outcome.standing
    ]
    if outcome.pending:
        state.slots["consent"] = document_to_json(outcome.pending[0])
        return "pending"
    return "none"


def _recorded(outcome: ConsentRecorded, state: State) -> str:
    state.slots["consent_agreed"] = outcome.decision.agreed
    return "recorded"


def _required(outcome: ConsentRequired, state: State) -> str:
    state.slots["consent"] = document_to_json(outcome.document)
    return "consent"


def _decision(action: str, d: Any) -> list[Entry]:
    return [
        (
            action,
            f"Consent/{d.id}",
            {"patient": d.patient_id, "document": d.code, "version": d.document_version},
        )
    ]


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    consent: dict[str, Any] = state.slots.get("consent") or {}
    out = {f"consent_{k}": str(consent.get(k, "")) for k in ("title", "version", "summary", "url")}
    locale = ctx.catalogue.practice.locale
    out["consent_list"] = (
        "\n".join(
            f"- {c['title']} (version {c['version']}): {'agreed' if c['agreed'] else 'declined'} on "
            f"{day_text(dt.datetime.fromisoformat(c['at']).date(), locale, year=True)}"
            for c in state.slots.get("consents", [])
        )
        or "- none yet"
    )
    return out


FEATURE = Feature(
    actions=(
        ActionSpec("review_consents", ("pending", "none", "down"), _review),
        ActionSpec("agree_consent", ("recorded", "down"), _decide(True)),
        ActionSpec("refuse_consent", ("recorded", "down"), _decide(False)),
        ActionSpec("withdraw_consent", ("withdrawn", "none", "down"), _withdraw),
    ),
    routes={
        ConsentsReviewed: _reviewed,
        ConsentRecorded: _recorded,
        ConsentWithdrawn: lambda outcome, state: "withdrawn" if outcome.decision else "none",
        ConsentRequired: _required,
    },
    audit={
        ConsentRecorded: lambda o: _decision(
            "consent.agreed" if o.decision.agreed else "consent.refused", o.decision
        ),
        ConsentWithdrawn: lambda o: (
            _decision("consent.withdrawn", o.decision) if o.decision else []
        ),
        ConsentRequired: lambda o: [
            (
                "consent.required",
                f"Patient/{o.patient_id}",
                {"document": o.document.code, "version": o.document.version},
            )
        ],
    },
    values=_values,
)
