"""Audit records of the identity, registration, details, intake, consent and results outcomes.

Each names what happened and to which record; `detail` carries ids, field names, statuses
and document versions, never a value the patient gave.
"""

from __future__ import annotations

from typing import Any

from domain import commands as c
from domain import patient_commands as pc

Entry = tuple[str, str, dict[str, Any]]  # (action, subject, detail)


def outcome_entries(outcome: c.Outcome) -> list[Entry]:
    match outcome:
        case pc.ChatLinked(patient=patient):
            return [("identity.chat_linked", f"Patient/{patient.id}", {})]
        case pc.NotIdentified():
            return [("identity.not_identified", "Patient/unknown", {})]
        case pc.PatientRegistered(patient=patient):
            return [("patient.registered", f"Patient/{patient.id}", {})]
        case pc.ReferredToStaff(task_id=task_id, candidate_ids=candidates):
            return [("patient.duplicate_referred", f"Task/{task_id}", {"candidates": list(candidates)})]
        case pc.DetailsUpdated(patient_id=pid, fields=fields):
            return [("patient.details_updated", f"Patient/{pid}", {"fields": list(fields)})]
        case pc.ResultsChecked(patient_id=pid, ready=ready, pending=waiting):
            return [("record.disclosed", f"Patient/{pid}", {"what": "results_status", "ready": ready,
                                                             "pending": waiting})]
        case pc.IntakeSaved(patient_id=pid, response=r):
            action = "form.submitted" if r.status == "completed" else "form.saved"
            return [(action, f"QuestionnaireResponse/{r.id}", {"patient": pid, "answered": len(r.answers)})]
        case pc.ConsentRecorded(decision=d):
            action = "consent.agreed" if d.agreed else "consent.refused"
            return [(action, f"Consent/{d.id}", {"patient": d.patient_id, "document": d.code,
                                                 "version": d.document_version})]
        case pc.ConsentWithdrawn(decision=d) if d is not None:
            return [("consent.withdrawn", f"Consent/{d.id}", {"patient": d.patient_id, "document": d.code,
                                                              "version": d.document_version})]
        case pc.ConsentRequired(patient_id=pid, document=doc):
            return [("consent.required", f"Patient/{pid}", {"document": doc.code, "version": doc.version})]
        case pc.LockoutReported(task_id=task_id, patient_id=pid):
            return [("staff.alerted", f"Task/{task_id}", {"reason": "verification_lockout"}
                     | ({"patient": pid} if pid else {}))]
        case pc.EmergencyReported(task_id=task_id, patient_id=pid):
            return [("staff.alerted", f"Task/{task_id}", {"reason": "emergency"}
                     | ({"patient": pid} if pid else {}))]
    return []
