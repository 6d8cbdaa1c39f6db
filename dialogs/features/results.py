"""Results: whether the patient's results are back and, once they are verified, what the
practice releases of them by message; where it releases nothing, a call-back from staff.
Flow: data/flows/check_results.yaml.

{results_ready}      how many results are final
{results_released}   the released results, one per line (only the fields the rule releases)
"""

from __future__ import annotations

import datetime as dt
import uuid

from dialogs.context import TurnContext
from dialogs.feature import ActionSpec, Entry, Feature
from dialogs.state import State
from domain.results import (
    CheckResults,
    ReadResults,
    RequestResultsCallBack,
    ResultsCallBackRequested,
    ResultsChecked,
    ResultsRead,
)

#: How a status reads to a patient.
STATUS_WORDS = {
    "final": "final",
    "amended": "updated",
    "corrected": "corrected",
    "appended": "added to",
}


def _check(state: State, ctx: TurnContext) -> CheckResults:
    return CheckResults(state.patient_id or "")


def _checked(outcome: ResultsChecked, state: State) -> str:
    state.slots["results"] = {"ready": outcome.ready, "pending": outcome.pending}
    return "ready" if outcome.ready else "pending" if outcome.pending else "none"


def _read(state: State, ctx: TurnContext) -> ReadResults:
    return ReadResults(state.patient_id or "")


def _was_read(outcome: ResultsRead, state: State) -> str:
    state.slots["results"] = {
        "ready": len(outcome.released) + outcome.withheld,
        "pending": outcome.pending,
        "released": [dict(r.shown) for r in outcome.released],
    }
    if outcome.released:
        return "released"
    if outcome.withheld:
        return "withheld"
    return "pending" if outcome.pending else "none"


def _call_back(state: State, ctx: TurnContext) -> RequestResultsCallBack:
    # One call-back per conversation, patient and day however often it is asked (or retried).
    day = ctx.now.date().isoformat()
    request = uuid.uuid5(
        uuid.NAMESPACE_URL, f"results-call-back:{ctx.conversation_id}:{state.patient_id}:{day}"
    )
    return RequestResultsCallBack(
        str(request), ctx.conversation_id, ctx.channel, state.patient_id or "", state.proxy_id
    )


def _called_back(outcome: ResultsCallBackRequested, state: State) -> str:
    return "requested"


def _audit_checked(outcome: ResultsChecked) -> list[Entry]:
    return [
        (
            "record.disclosed",
            f"Patient/{outcome.patient_id}",
            {"what": "results_status", "ready": outcome.ready, "pending": outcome.pending},
        )
    ]


def _audit_read(outcome: ResultsRead) -> list[Entry]:
    """What was shown: the reports' ids and the names of the fields, never their values."""
    if not outcome.released:
        return [
            (
                "record.disclosed",
                f"Patient/{outcome.patient_id}",
                {"what": "results_status", "ready": outcome.withheld, "pending": outcome.pending},
            )
        ]
    return [
        (
            "record.disclosed",
            f"Patient/{outcome.patient_id}",
            {
                "what": "results",
                "reports": [f"DiagnosticReport/{r.report_id}" for r in outcome.released],
                "fields": sorted({f for r in outcome.released for f in r.shown}),
                "pending": outcome.pending,
            },
        )
    ]


def _audit_call_back(outcome: ResultsCallBackRequested) -> list[Entry]:
    return [
        (
            "staff.results_call_back",
            f"Patient/{outcome.patient_id}",
            {"task": f"Task/{outcome.task_id}"},
        )
    ]


def _report_line(shown: dict[str, str]) -> str:
    name = shown.get("name") or "Result"
    when = ""
    if shown.get("date"):
        day = dt.date.fromisoformat(shown["date"])
        when = f" ({day:%B} {day.day}, {day.year})"
    status = STATUS_WORDS.get(shown.get("status", ""), shown.get("status", ""))
    line = f"- {name}{when}" + (f", {status}" if status else "")
    return line + (f": {shown['conclusion']}" if shown.get("conclusion") else "")


def _values(state: State, ctx: TurnContext) -> dict[str, str]:
    results = state.slots.get("results") or {}
    return {
        "results_ready": str(results.get("ready", 0)),
        "results_released": "\n".join(_report_line(r) for r in results.get("released") or []),
    }


FEATURE = Feature(
    actions=(
        ActionSpec("check_results", ("ready", "pending", "none", "down"), _check),
        ActionSpec("read_results", ("released", "withheld", "pending", "none", "down"), _read),
        ActionSpec("request_results_call_back", ("requested", "down"), _call_back),
    ),
    routes={
        ResultsChecked: _checked,
        ResultsRead: _was_read,
        ResultsCallBackRequested: _called_back,
    },
    audit={
        ResultsChecked: _audit_checked,
        ResultsRead: _audit_read,
        ResultsCallBackRequested: _audit_call_back,
    },
    values=_values,
)
