"""Extension URLs, identifier systems and codes the adapter reads and writes, and the demo
practice's identifier systems.

The extensions and systems under PROJECT are the project's own conventions for facts FHIR R4
has no element for (documented in data/fhir/README.md); any practice's server can carry them:

- a chat with no phone number (Telegram) linked to a patient after verification is a
  Patient.telecom {system: other, value: "<channel>:<chat id>"};
- a Consent names its document in `category` (CONSENT_DOCUMENT system, the document's
  code), its version in the document-version extension, the channel it was given over in
  the consent-channel extension, and the DocumentReference in `sourceReference`.
"""

from __future__ import annotations

PROJECT = "https://patient-assistant.example/fhir"
PROJECT_SD = f"{PROJECT}/StructureDefinition"

#: HealthcareService: how long the visit takes (valueDuration, minutes).
EXT_SERVICE_DURATION = f"{PROJECT_SD}/service-duration"
#: Practitioner / HealthcareService: words patients use for it (valueString, repeats).
EXT_SYNONYM = f"{PROJECT_SD}/synonym"
#: DocumentReference: the version of a consent document (valueString).
EXT_DOCUMENT_VERSION = f"{PROJECT_SD}/document-version"
#: Patient: how the patient prefers to be contacted (valueCode).
EXT_CONTACT_PREFERENCE = f"{PROJECT_SD}/contact-preference"
#: Organization / Location: IANA time zone (valueCode). The R5 core extension, usable in R4.
EXT_TIMEZONE = "http://hl7.org/fhir/StructureDefinition/timezone"

#: HealthcareService.characteristic code marking a service delivered by video.
TELEHEALTH_CODE = "telehealth"

#: Business identifiers of the demo practice (Riverside Family Clinic).
DEMO_BASE = "https://riverside.example/fhir"
DEMO_ORGANIZATION = f"{DEMO_BASE}/organization|riverside-family-clinic"

#: The system of the identifier the adapter gives every Appointment it books.
BOOKING_SYSTEM = f"{PROJECT}/booking"

#: Default visit length when a HealthcareService carries no duration extension.
DEFAULT_SERVICE_MINUTES = 30

# Identity: registrations and chat links.

#: Patient.identifier of a registration made in a conversation (makes the create conditional).
REGISTRATION_SYSTEM = f"{PROJECT}/registration"
#: Patient.communication language coding system.
BCP47 = "urn:ietf:bcp:47"


def chat_telecom(channel: str, address: str) -> str:
    """The Patient.telecom value (system `other`) of a linked chat."""
    return f"{channel}:{address}"


# Staff Tasks.

#: Task.identifier of a staff task the assistant made (makes the create conditional).
TASK_SYSTEM = f"{PROJECT}/task"
TASK_CODES = f"{PROJECT}/CodeSystem/task"
REVIEW_DUPLICATE = "review-possible-duplicate"
FOLLOW_UP_LOCKOUT = "follow-up-locked-conversation"
FOLLOW_UP_EMERGENCY = "follow-up-emergency"
REPLY_TO_PATIENT = "reply-to-patient"
CALL_BACK_RESULTS = "call-back-about-results"
REVIEW_PAYMENT = "review-payment-mismatch"

# Consent.

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
