"""ConsentStore on FHIR (results are in results.py).

Documents are the practice's DocumentReferences in the consent-document category, their
version in the document-version extension. A decision is a Consent: status active
(agreed, provision permit) or rejected (declined, provision deny); withdrawing sets it
inactive with the end of its provision period. See codes.py for the conventions.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from adapters.fhir.codes import (
    ACT_CODE,
    CONSENT_DOCUMENT,
    CONSENT_SCOPE,
    DOCUMENT_CATEGORY_CODE,
    EXT_CONSENT_CHANNEL,
    EXT_DOCUMENT_VERSION,
    LOINC_PATIENT_CONSENT,
)
from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json, version_of
from adapters.fhir.mapping import extension_values, instant, ref_id
from adapters.fhir.reference import ReferenceCache
from adapters.fhir.slots import fhir_time
from domain.consent import TELEHEALTH, ConsentDecision, ConsentDocument
from domain.errors import Conflict, NotFound

SUMMARY_CHARS = 300


def to_document(doc: Json, link: str) -> ConsentDocument | None:
    coding: Json = next(iter((doc.get("type") or {}).get("coding") or []), {})
    versions = extension_values(doc, EXT_DOCUMENT_VERSION)
    if not coding.get("code") or not versions:
        return None
    content: Json = next(iter(doc.get("content") or []), {})
    attachment: Json = content.get("attachment") or {}
    text = _decoded(attachment.get("data") or "")
    summary = text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "..."
    return ConsentDocument(
        id=doc["id"],
        code=coding["code"],
        version=str(versions[0]),
        title=(doc.get("type") or {}).get("text") or coding.get("display") or coding["code"],
        summary=summary or doc.get("description", ""),
        url=attachment.get("url") or link.format(id=doc["id"]),
    )


def _decoded(data: str) -> str:
    try:
        return base64.b64decode(data).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""


def consent_json(
    patient_id: str,
    document: ConsentDocument,
    agree: bool,
    channel: str,
    at: dt.datetime,
    organization_id: str,
    given_by: str | None = None,
) -> Json:
    """`given_by`: the RelatedPerson who decided for the patient (a parent for a child)."""
    when = fhir_time(at)
    performer = {"performer": [{"reference": f"RelatedPerson/{given_by}"}]} if given_by else {}
    return {
        **performer,
        "resourceType": "Consent",
        "status": "active" if agree else "rejected",
        "scope": {
            "coding": [
                {
                    "system": CONSENT_SCOPE,
                    "code": "treatment" if document.code == TELEHEALTH else "patient-privacy",
                }
            ]
        },
        "category": [
            {"coding": [LOINC_PATIENT_CONSENT]},
            {
                "coding": [
                    {"system": CONSENT_DOCUMENT, "code": document.code, "display": document.title}
                ]
            },
        ],
        "patient": {"reference": f"Patient/{patient_id}"},
        "dateTime": when,
        "organization": [{"reference": f"Organization/{organization_id}"}],
        "sourceReference": {"reference": f"DocumentReference/{document.id}"},
        "policyRule": {"coding": [{"system": ACT_CODE, "code": "OPTIN" if agree else "OPTOUT"}]},
        "provision": {"type": "permit" if agree else "deny", "period": {"start": when}},
        "extension": [
            {"url": EXT_DOCUMENT_VERSION, "valueString": document.version},
            {"url": EXT_CONSENT_CHANNEL, "valueCode": channel or "unknown"},
        ],
    }


def to_decision(c: Json) -> ConsentDecision | None:
    code = next(
        (
            x.get("code")
            for cat in c.get("category") or []
            for x in cat.get("coding") or []
            if x.get("system") == CONSENT_DOCUMENT
        ),
        None,
    )
    patient_id = ref_id(c.get("patient"), "Patient")
    versions = extension_values(c, EXT_DOCUMENT_VERSION)
    if not code or not patient_id or c.get("status") not in ("active", "rejected", "inactive"):
        return None
    channels = extension_values(c, EXT_CONSENT_CHANNEL)
    return ConsentDecision(
        id=c["id"],
        patient_id=patient_id,
        code=code,
        document_version=str(versions[0]) if versions else "",
        agreed=(c.get("provision") or {}).get("type", "permit") == "permit"
        and c.get("status") != "rejected",
        at=instant(c.get("dateTime") or "1970-01-01T00:00:00+00:00"),
        channel=str(channels[0]) if channels else "",
        withdrawn=c.get("status") == "inactive",
        version=version_of(c),
    )


class FhirConsentStore:
    """`document_link` is a template for the full text's address, e.g. "https://host/documents/{id}"."""

    def __init__(self, conn: FhirConnection, reference: ReferenceCache, document_link: str):
        self._conn, self._reference, self._link = conn, reference, document_link

    async def documents(self) -> list[ConsentDocument]:
        found = await self._conn.search_one_type("DocumentReference", {"status": "current"})
        mine = [
            d
            for d in found
            if d.get("status") == "current"
            and any(
                c.get("code") == DOCUMENT_CATEGORY_CODE
                for cat in d.get("category") or []
                for c in cat.get("coding") or []
            )
        ]
        return [doc for d in mine if (doc := to_document(d, self._link))]

    async def full_text(self, document_id: str) -> tuple[str, str] | None:
        """(title, text) of a consent document for patients to read in full; None if no such one."""
        try:
            doc = await self._conn.read("DocumentReference", document_id)
        except NotFound:
            return None
        found = to_document(doc, self._link)
        if found is None or not any(
            c.get("code") == DOCUMENT_CATEGORY_CODE
            for cat in doc.get("category") or []
            for c in cat.get("coding") or []
        ):
            return None
        content: Json = next(iter(doc.get("content") or []), {})
        attachment: Json = content.get("attachment") or {}
        return f"{found.title} (version {found.version})", _decoded(attachment.get("data") or "")

    async def decisions(self, patient_id: str) -> list[ConsentDecision]:
        found = await self._conn.search_one_type("Consent", {"patient": f"Patient/{patient_id}"})
        return [d for c in found if (d := to_decision(c)) and d.patient_id == patient_id]

    async def record(
        self,
        patient_id: str,
        document: ConsentDocument,
        agree: bool,
        channel: str,
        at: dt.datetime,
        given_by: str | None = None,
    ) -> ConsentDecision:
        organization = (await self._reference.get()).organization["id"]
        async with translated("create Consent"):
            resource = consent_json(
                patient_id, document, agree, channel, at, organization, given_by
            )
            created = await self._conn.http.create(resource)
        decision = to_decision(created)
        assert decision is not None, "the server returned a Consent the adapter cannot read back"
        return decision

    async def withdraw(self, decision: ConsentDecision, at: dt.datetime) -> ConsentDecision:
        current = await self._conn.read("Consent", decision.id)
        current["status"] = "inactive"
        provision = current.setdefault("provision", {})
        provision.setdefault("period", {})["end"] = fhir_time(at)
        async with translated(f"withdraw Consent/{decision.id}"):
            try:
                updated = await self._conn.http.update(current, if_match=version_of(current))
            except FhirHttpError as e:
                if e.status in (409, 412):
                    raise Conflict(
                        f"Consent/{decision.id} changed while it was being withdrawn"
                    ) from e
                raise
        withdrawn = to_decision(updated)
        assert withdrawn is not None
        return withdrawn
