"""IntakeStore on FHIR: the practice's Questionnaire and the patient's QuestionnaireResponses.

Searches are re-checked client-side (a server may ignore a parameter: sekmet 0.1.1
advertises no search on these types). The practice's intake form, when no url is given,
is its active Patient questionnaire named like "intake" (the newest version).
"""

from __future__ import annotations

import datetime as dt

from adapters.fhir.connection import FhirConnection
from adapters.fhir.errors import FhirHttpError, translated
from adapters.fhir.http import Json
from adapters.fhir.mapping import ref_id
from adapters.fhir.questionnaire import response_json, to_form, to_response
from domain.errors import Conflict
from domain.intake import Form, IntakeResponse


def _version_key(q: Json) -> tuple[int, ...]:
    return tuple(int(p) for p in str(q.get("version", "0")).split(".") if p.isdigit())


class FhirIntakeStore:
    def __init__(self, conn: FhirConnection, intake_url: str | None = None):
        self._conn = conn
        self._intake_url = intake_url

    async def form(self, url: str | None) -> Form | None:
        wanted = url or self._intake_url
        found = [
            q
            for q in await self._conn.search_one_type("Questionnaire", {"status": "active"})
            if q.get("status") == "active"
        ]
        if wanted:
            found = [q for q in found if q.get("url") == wanted]
        else:
            found = [
                q
                for q in found
                if "Patient" in (q.get("subjectType") or ["Patient"])
                and "intake" in f"{q.get('name', '')} {q.get('title', '')}".lower()
            ]
        return to_form(max(found, key=_version_key)) if found else None

    async def latest(self, patient_id: str, form: Form) -> IntakeResponse | None:
        # By patient only: a response names the form as "url|version", and a search by the
        # url alone finds those on some servers (sekmet) and not on others (Medplum matches a
        # canonical exactly); a patient has few responses, so the form is picked out here.
        found = await self._conn.search_one_type(
            "QuestionnaireResponse", {"subject": f"Patient/{patient_id}"}
        )
        mine = [
            r
            for r in found
            if ref_id(r.get("subject"), "Patient") == patient_id
            and str(r.get("questionnaire", "")).split("|")[0] == form.url
            and r.get("status") in ("in-progress", "completed")
        ]
        if not mine:
            return None
        newest = max(
            mine,
            key=lambda r: (r.get("authored", ""), (r.get("meta") or {}).get("lastUpdated", "")),
        )
        return to_response(newest)

    async def save(self, patient_id: str, form: Form, response: IntakeResponse) -> IntakeResponse:
        resource = response_json(patient_id, form, response, dt.datetime.now(dt.UTC))
        async with translated("save QuestionnaireResponse"):
            try:
                if response.id:
                    stored = await self._conn.http.update(resource, if_match=response.version)
                else:
                    stored = await self._conn.http.create(resource)
            except FhirHttpError as e:
                if e.status in (409, 412):
                    raise Conflict("the form was changed elsewhere meanwhile") from e
                raise
        return to_response(stored)
