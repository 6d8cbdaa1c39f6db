"""Wiring the front desk: every domain service over the FHIR adapters (part of the composition root)."""

from __future__ import annotations

from adapters.fhir import FhirAdapters
from domain.consent_service import Consents
from domain.desk import FrontDesk
from domain.identity import Identity
from domain.intake_service import Intake
from domain.ports import Clock
from domain.results import Results
from domain.scheduling import Scheduling


def front_desk(fhir: FhirAdapters, scheduling: Scheduling, clock: Clock) -> FrontDesk:
    return FrontDesk(
        scheduling=scheduling,
        identity=Identity(fhir.registry, fhir.patients, fhir.tasks, fhir.coverage),
        intake=Intake(fhir.intake),
        consents=Consents(fhir.consents, fhir.practice, clock),
        results=Results(fhir.results),
    )
