"""Results: whether a patient's reports are ready. Never their values: those are for a clinician
to discuss, not for a text message."""

from __future__ import annotations

from domain import patient_commands as pc
from domain.ports import ResultsStore

READY = {"final", "amended", "corrected", "appended"}
PENDING = {"registered", "partial", "preliminary"}


class Results:
    def __init__(self, store: ResultsStore) -> None:
        self.store = store

    async def check(self, command: pc.CheckResults) -> pc.ResultsChecked:
        statuses = await self.store.statuses(command.patient_id)
        return pc.ResultsChecked(command.patient_id, sum(s in READY for s in statuses),
                                 sum(s in PENDING for s in statuses))
