"""What a flow version must pass before it is published: the `FlowTestGate`.

Publishing (and `POST /admin/api/flows/test`) calls the gate with the version to check; a
result with a failure refuses the publish, naming the test and the step. A runtime's gate
is patient_assistant/version_tests.py's `VersionTestGate`: this validation, then the
version's flow tests (scripted conversations on a sandbox). `ValidationGate` is the
validation alone, for a runtime that runs no conversation to check a version.

Validation is of the version as a whole, with the practice's languages: each flow on its own
(so every broken flow is named, not only the first), then the set (linked flows exist, no
intent starts two flows, every flow text in each language), then the text files (each text
in each language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.flow_versions import TEXTS, flow_names, flow_path, parse_flow
from bot.ports import FlowVersionRecord
from dialogs.context import Texts
from dialogs.flow_rules import flow_set_problems
from dialogs.schema import Flow, FlowError


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


def check_files(files: dict[str, str], languages: Sequence[str] = ("en",)) -> GateResult:
    """Every flow of the files validated on its own, the flow's id matching its file name,
    the flows together, and the texts readable, each in every one of `languages`."""
    failures: list[GateFailure] = []
    names = flow_names(files)
    flows: dict[str, Flow] = {}
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
            continue
        flows[name] = flow
    if not failures:  # a link to a flow that failed to read would be named twice
        failures.extend(
            problem_of(e, f"validate {e.flow}") for e in flow_set_problems(flows, languages)
        )
    failures.extend(text_problems(files, languages))
    return GateResult(len(names) + 1, tuple(failures))


def text_problems(files: dict[str, str], languages: Sequence[str] = ("en",)) -> list[GateFailure]:
    """The text files (texts/*.yaml) of `files`: readable, each text in every language."""
    sources = {p[len(TEXTS) :]: t for p, t in files.items() if p.startswith(TEXTS)}
    try:
        texts = Texts.parse(sources)
    except Exception as e:  # noqa: BLE001 - YAML or shape: both answered the same way
        return [
            GateFailure(
                "validate texts", str(e), fix="a mapping of text key -> {en: ..., other languages}"
            )
        ]
    failures: list[GateFailure] = []
    for key, text in sorted(texts.entries.items()):
        missing = [lang for lang in languages if lang not in text]
        if missing:
            failures.append(
                GateFailure(
                    "validate texts",
                    f"text '{key}' has no {', '.join(missing)} wording",
                    fix=f"add the {', '.join(missing)} wording beside the 'en' one",
                )
            )
    return failures


class ValidationGate:
    """The gate without flow tests: it checks that every flow of the version passes the flow
    validation (dialogs/validation.py: the schema, known actions and their outcomes, steps
    that exist, fields; dialogs/flow_rules.py: the flows together) with an id that matches its
    name, and that every text reads, in each of the practice's `languages`. It runs no
    conversation."""

    def __init__(self, languages: Sequence[str] = ("en",)) -> None:
        self.languages = tuple(languages)

    async def __call__(self, practice_id: str, version: FlowVersionRecord) -> GateResult:
        return check_files(version.files, self.languages)
