"""Extension URLs and code systems the adapter reads, and the demo practice's identifier systems.

The extensions are the project's own conventions for facts FHIR R4 has no element for
(documented in data/fhir/README.md); any practice's server can carry them.
"""

from __future__ import annotations

PROJECT_SD = "https://patient-assistant.example/fhir/StructureDefinition"

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
BOOKING_SYSTEM = "https://patient-assistant.example/fhir/booking"

#: Default visit length when a HealthcareService carries no duration extension.
DEFAULT_SERVICE_MINUTES = 30
