"""What a flow version must pass before it is published: the `FlowTestGate`.

Publishing (and `POST /admin/api/flows/test`) calls the gate with the version to check; a
result with a failure refuses the publish, naming the test and the step. The flow-test
runner (scripted conversations run against the sandbox) satisfies this interface;
`ValidationGate` is the gate a runtime has until that runner is given to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.flow_versions import TEXTS, flow_names, flow_path, parse_flow
from bot.ports import FlowVersionRecord
from dialogs.context import Texts
from dialogs.schema import FlowError


@dataclass(frozen=True)
class GateFailure:
    """One failed test (or check): its name, where it failed and what was wrong."""

    test: str
    message: str
    flow: str | None = None
    step: str | None = None
    fix: str | None = None


@dataclass(frozen=True)
class GateResult:
    ran: int  # how many tests or checks ran
    failures: tuple[GateFailure, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures


class FlowTestGate(Protocol):
    async def __call__(self, practice_id: str, version: FlowVersionRecord) -> GateResult:
        """Run the version's checks; never raise for a failing test (answer it)."""
        ...


def problem_of(error: FlowError, test: str) -> GateFailure:
    return GateFailure(test, str(error), error.flow, error.step, error.fix)


def check_files(files: dict[str, str]) -> GateResult:
    """Every flow of the files validated on its own (so all broken flows are named, not only
    the first), the flow's id matching its file name, and the texts readable."""
    failures: list[GateFailure] = []
    names = flow_names(files)
    for name in names:
        try:
            flow = parse_flow(files[flow_path(name)], name)
        except FlowError as e:
            failures.append(problem_of(e, f"validate {name}"))
            continue
        if flow.id != name:
            failures.append(
                GateFailure(
                    f"validate {name}",
                    f"flow '{name}': its id is '{flow.id}'",
                    name,
                    None,
                    f"set its id to '{name}'",
                )
            )
    try:
        Texts.parse({p[len(TEXTS) :]: t for p, t in files.items() if p.startswith(TEXTS)})
    except ValueError as e:
        failures.append(GateFailure("validate texts", str(e), fix="give every text an 'en'"))
    return GateResult(len(names) + 1, tuple(failures))


class ValidationGate:
    """The gate without flow tests: it checks that every flow of the version passes the flow
    validation (dialogs/validation.py: the schema, known actions and their outcomes, steps
    that exist, fields) with an id that matches its name, and that every text file reads with
    an English text for each key. It runs no conversation."""

    async def __call__(self, practice_id: str, version: FlowVersionRecord) -> GateResult:
        return check_files(version.files)
