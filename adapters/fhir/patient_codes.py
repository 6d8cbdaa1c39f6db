"""Identifier systems, extensions and codes of the identity, intake and consent adapters.

Conventions for what R4 has no element for (see data/fhir/README.md):

- a chat with no phone number (Telegram) linked to a patient after verification is a
  Patient.telecom {system: other, value: "<channel>:<chat id>"};
- a Consent names its document in `category` (CONSENT_DOCUMENT system, the document's
  code), its version in the document-version extension, the channel it was given over in
  the consent-channel extension, and the DocumentReference in `sourceReference`.
"""

from __future__ import annotations

from adapters.fhir.codes import PROJECT_SD

PROJECT = "https://patient-assistant.example/fhir"
#: Patient.identifier of a registration made in a conversation (makes the create conditional).
REGISTRATION_SYSTEM = f"{PROJECT}/registration"
#: Task.identifier of a staff task the assistant made (makes the create conditional).
TASK_SYSTEM = f"{PROJECT}/task"
TASK_CODES = f"{PROJECT}/CodeSystem/task"
REVIEW_DUPLICATE = "review-possible-duplicate"
FOLLOW_UP_LOCKOUT = "follow-up-locked-conversation"
FOLLOW_UP_EMERGENCY = "follow-up-emergency"
#: Consent.category: which consent document (code = the document's type code).
CONSENT_DOCUMENT = f"{PROJECT}/CodeSystem/consent-document"
EXT_CONSENT_CHANNEL = f"{PROJECT_SD}/consent-channel"
LOINC_PATIENT_CONSENT = {
    "system": "http://loinc.org",
    "code": "59284-0",
    "display": "Patient Consent",
}
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#: DocumentReference.category code of the practice's consent documents.
DOCUMENT_CATEGORY_CODE = "consent-document"
BCP47 = "urn:ietf:bcp:47"


def chat_telecom(channel: str, address: str) -> str:
    return f"{channel}:{address}"
