"""Whether the patient's results are ready: how many, never what. Flow: data/flows/check_results.yaml.

{results_ready}  how many results are final
"""

from __future__ import annotations

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature
from dialogs.state import State
from domain.results import CheckResults, ResultsChecked


def _check(state: State, ctx: TurnContext) -> CheckResults:
    return CheckResults(state.patient_id or "")


def _checked(outcome: ResultsChecked, state: State) -> str:
    state.slots["results"] = {"ready": outcome.ready, "pending": outcome.pending}
    return "ready" if outcome.ready else "pending" if outcome.pending else "none"


def _audit(outcome: ResultsChecked) -> list[Entry]:
    return [
        (
            "record.disclosed",
            f"Patient/{outcome.patient_id}",
            {"what": "results_status", "ready": outcome.ready, "pending": outcome.pending},
        )
    ]


FEATURE = Feature(
    actions=(ActionSpec("check_results", ("ready", "pending", "none", "down"), _check),),
    routes={ResultsChecked: _checked},
    audit={ResultsChecked: _audit},
    values=lambda state, ctx: {
        "results_ready": str((state.slots.get("results") or {}).get("ready", 0))
    },
)
