"""Results: whether a patient's reports are ready. Never their values: those are for a clinician
to discuss, not for a text message."""

from __future__ import annotations

from dataclasses import dataclass

from domain.ports import ResultsStore

READY = {"final", "amended", "corrected", "appended"}
PENDING = {"registered", "partial", "preliminary"}


@dataclass(frozen=True)
class CheckResults:
    patient_id: str


@dataclass(frozen=True)
class ResultsChecked:
    """How many of the patient's results are ready (final) and still pending; no values."""

    patient_id: str
    ready: int
    pending: int


class Results:
    def __init__(self, store: ResultsStore) -> None:
        self.store = store

    async def check(self, command: CheckResults) -> ResultsChecked:
        statuses = await self.store.statuses(command.patient_id)
        return ResultsChecked(
            command.patient_id,
            sum(s in READY for s in statuses),
            sum(s in PENDING for s in statuses),
        )
