"""Consent: versioned documents, a patient's decisions, and the gates that need them.

A document (privacy notice, SMS messaging consent, telehealth consent) has versions; a
decision is about one version. What stands is the patient's latest decision on a
document that has not been withdrawn. A newer version of a document asks again: only a
decision on the latest version counts for a gate, and the latest version without any
decision is pending.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from domain.model import Service

TELEHEALTH = "telehealth-consent"
MESSAGING = "sms-messaging-consent"
PRIVACY = "privacy-notice"


@dataclass(frozen=True)
class ConsentDocument:
    """One version of a consent document. `url` points at the full text for patients."""

    id: str
    code: str  # e.g. "telehealth-consent"
    version: str
    title: str
    summary: str
    url: str = ""


@dataclass(frozen=True)
class ConsentDecision:
    """A patient's agreement (`agreed`) or refusal of one document version, over a channel.

    `withdrawn` once the patient took it back; `version` is the record's version id,
    used to withdraw it with a version-checked write.
    """

    id: str
    patient_id: str
    code: str
    document_version: str
    agreed: bool
    at: dt.datetime
    channel: str = ""
    withdrawn: bool = False
    version: str | None = None


def _key(version: str) -> tuple[int, ...] | tuple[str]:
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else (version,)


def latest(documents: Iterable[ConsentDocument], code: str) -> ConsentDocument | None:
    """The newest version of a document."""
    mine = [d for d in documents if d.code == code]
    return max(mine, key=lambda d: _key(d.version)) if mine else None


def standing(decisions: Iterable[ConsentDecision], code: str) -> ConsentDecision | None:
    """The patient's current decision on a document: the latest one not withdrawn."""
    live = [d for d in decisions if d.code == code and not d.withdrawn]
    return max(live, key=lambda d: d.at) if live else None


def has_consent(
    documents: Iterable[ConsentDocument], decisions: Iterable[ConsentDecision], code: str
) -> bool:
    """Has the patient agreed to the latest version of the document (and not withdrawn it)?"""
    document = latest(list(documents), code)
    decision = standing(list(decisions), code)
    return bool(
        document and decision and decision.agreed and decision.document_version == document.version
    )


def pending(
    documents: Iterable[ConsentDocument], decisions: Iterable[ConsentDecision]
) -> list[ConsentDocument]:
    """Latest versions the patient has not decided on yet (agreed to or refused), by code."""
    docs, made = list(documents), list(decisions)
    out = []
    for code in sorted({d.code for d in docs}):
        document = latest(docs, code)
        decision = standing(made, code)
        if document and (decision is None or decision.document_version != document.version):
            out.append(document)
    return out


def required_for(service: Service) -> str | None:
    """The consent a booking of this service needs: telehealth needs telehealth consent."""
    return TELEHEALTH if service.telehealth else None


def may_message(documents: Iterable[ConsentDocument], decisions: Iterable[ConsentDecision]) -> bool:
    """May the practice send this patient proactive messages (reminders, forms, results ready)?"""
    return has_consent(documents, decisions, MESSAGING)
