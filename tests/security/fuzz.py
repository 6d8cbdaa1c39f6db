"""Schemathesis over the API's own OpenAPI, with and without a practice's credentials.

For every operation the app publishes, cases are generated from its schema (valid and
invalid ones) and sent three times over: with no credentials, with practice A's staff token
and with A's admin token. Where an operation names a conversation or a flow version, the case
is aimed half the time at one of B's (or A's own) instead of the generated id. Each response
is checked for:

- a 5xx (none is allowed: hostile input is the caller's fault, a 4xx);
- conformance to what the schema declares (status code, content type, body schema);
- a leak across practices: any of B's recognisable markers in a response to a request that
  did not itself carry it.

The run is plain hypothesis (`@given(operation.as_strategy())`) so that every case is
counted and a failure is recorded rather than stopping the run.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import hypothesis
import hypothesis.errors
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.security.rig import TwoPractices, dumps

IDENTITIES = ("none", "staff", "admin")
#: Never fuzzed: the staff event stream does not end (it is checked by tests/staff).
SKIPPED = {"GET /staff/api/events"}
#: Each case of these starts FHIR sandboxes (flow tests, try-it): a few are enough.
HEAVY = {
    "POST /admin/api/try",
    "POST /admin/api/flows/test",
    "POST /admin/api/versions/{number}/publish",
    "POST /admin/api/versions/{number}/rollback",
    "POST /admin/api/rollback",
}
HEAVY_CASES = 3
#: How long such a case may take (flow tests on a busy machine) before it counts as a timeout.
HEAVY_SECONDS = 900
#: Ends the token it is called with: called with a token of its own each time.
LOGOUT = "POST /staff/api/logout"
CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
)


@dataclass
class Finding:
    operation: str
    identity: str
    kind: str  # "5xx", "schema", "cross-practice", "timeout" (no answer in time)
    status: int
    detail: str
    reproduce: str


@dataclass
class Tally:
    cases: Counter[str] = field(default_factory=Counter)  # per operation
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    impossible: set[tuple[str, Any]] = field(default_factory=set)  # (operation, mode)

    @property
    def total(self) -> int:
        return sum(self.cases.values())

    def count(self, kind: str) -> int:
        return sum(1 for f in self.findings if f.kind == kind)

    def distinct(self) -> dict[tuple[str, str, str], Finding]:
        """One finding per (operation, kind, first line of detail)."""
        seen: dict[tuple[str, str, str], Finding] = {}
        for f in self.findings:
            seen.setdefault((f.operation, f.kind, f.detail.splitlines()[0][:120]), f)
        return seen


def load_schema(rig: TwoPractices) -> Any:
    raw = requests.get(rig.base_url + "/openapi.json", timeout=60).json()
    return schemathesis.openapi.from_dict(raw)


def _aim(case: Any, rig: TwoPractices, rnd: random.Random) -> None:
    """Half the time, point an id the operation names at B's or A's own resource."""
    path = case.path_parameters or {}
    if "conversation_id" in path and rnd.random() < 0.5:
        path["conversation_id"] = rnd.choice(rig.b.conversations + rig.a.conversations)
    if "number" in path and rnd.random() < 0.5:
        path["number"] = rnd.choice(rig.b.versions)
    query = case.query if isinstance(case.query, dict) else None
    if query is not None:
        for key in ("version", "from", "to"):
            if key in query and rnd.random() < 0.5:
                query[key] = rnd.choice(rig.b.versions)
    body = case.body if isinstance(case.body, dict) else None
    if body is not None:
        for key in ("version", "to"):
            if key in body and rnd.random() < 0.5:
                body[key] = rnd.choice(rig.b.versions)


def _request_text(case: Any) -> str:
    return dumps([case.path_parameters, case.query, case.body, case.headers])


def fuzz(
    rig: TwoPractices,
    cases_per_operation: int,
    *,
    seed: int = 0,
    only: Callable[[str], bool] = lambda label: True,
    progress: Callable[[str], None] = lambda line: None,
    tally: Tally | None = None,
    heavy: bool = True,
) -> Tally:
    """One round over every operation; every case is counted and every failure recorded.
    Rounds with other seeds add to the same `tally` (other cases). Without `heavy`, the
    operations that start sandboxes are only called without a token and with the staff one
    (refused before any work)."""
    schema = load_schema(rig)
    tally = tally or Tally()
    rnd = random.Random(seed)
    started = time.monotonic()
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        label = operation.label
        if label in SKIPPED or not only(label):
            continue
        if label in HEAVY and tally.cases[label]:
            continue  # the heavy ones: in the first round only
        wanted = HEAVY_CASES if label in HEAVY else cases_per_operation
        for identity in IDENTITIES:
            if label in HEAVY and identity == "admin" and not heavy:
                continue
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                if (label, mode) in tally.impossible:
                    continue
                _run_operation(
                    rig, operation, identity, mode, wanted // 2 or 1, rnd, tally, session
                )
        progress(f"{label}: {tally.cases[label]} cases, {dict(tally.statuses[label])}")
    tally.seconds += time.monotonic() - started
    return tally


def _run_operation(
    rig: TwoPractices,
    operation: Any,
    identity: str,
    mode: Any,
    examples: int,
    rnd: random.Random,
    tally: Tally,
    session: requests.Session,
) -> None:
    label = operation.label

    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.seed(rnd.getrandbits(32))
    @given(case=operation.as_strategy(generation_mode=mode))
    def one(case: Any) -> None:
        _aim(case, rig, rnd)
        headers = dict(case.headers or {})
        if identity == "none":
            headers.pop("Authorization", None)
        elif label == LOGOUT:
            headers.update(rig.throwaway_headers(identity))
        else:
            headers.update(rig.headers(identity))
        try:
            response = case.call(
                base_url=rig.base_url,
                headers=headers,
                session=session,
                timeout=HEAVY_SECONDS if label in HEAVY else 120,
            )
        except requests.RequestException as e:
            tally.cases[label] += 1
            kind = "timeout" if isinstance(e, requests.Timeout) else "5xx"
            tally.findings.append(Finding(label, identity, kind, 0, repr(e), ""))
            return
        tally.cases[label] += 1
        tally.statuses[label][response.status_code] += 1
        curl = case.as_curl_command(headers=headers)
        leaked = rig.leaks(response.text, _request_text(case) + case.formatted_path)
        if leaked:
            tally.findings.append(
                Finding(
                    label, identity, "cross-practice", response.status_code, ", ".join(leaked), curl
                )
            )
        try:
            case.validate_response(response, checks=list(CHECKS))
        except (Failure, FailureGroup) as e:  # a failed check is a finding, not a stop
            failures = e.exceptions if isinstance(e, FailureGroup) else [e]
            for failure in failures:
                kind = "5xx" if response.status_code >= 500 else "schema"
                detail = f"{type(failure).__name__}: {getattr(failure, 'title', '')}\n{failure}"
                tally.findings.append(
                    Finding(label, identity, kind, response.status_code, detail[:2000], curl)
                )

    try:
        one()
    except hypothesis.errors.Unsatisfiable:
        # No invalid case exists (an operation that takes nothing, or only free strings).
        tally.impossible.add((label, mode))


def report_lines(tally: Tally) -> list[str]:
    lines = []
    for (operation, kind, _), f in sorted(tally.distinct().items()):
        lines.append(f"[{kind}] {operation} as {f.identity} -> {f.status}: {f.detail[:600]}")
        lines.append(f"    {f.reproduce[:600]}")
    return lines
