"""The practice's dialog flows: read, validate, save (a new version), test, publish, roll
back and compare versions. The rules are bot/flow_admin.py's; this module maps them to HTTP:
a flow that does not validate is 422 with its errors (flow, step, fix), a version that fails
its tests is 409 naming the failing test and step, another practice's version 404."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Awaitable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from api.admin.deps import CurrentAdmin, FlowAdminDep
from bot.flow_admin import Invalid, NotFound, Refused, names_of, tests_of, texts_of, validate
from bot.flow_gate import GateFailure, GateResult
from bot.ports import FlowVersionRecord
from dialogs.validation import SCHEMA_PATH

router = APIRouter(prefix="/admin/api", tags=["admin: flows"])
#: Characters of one file's source: the largest shipped file is a few thousand.
MAX_SOURCE = 200_000
#: The largest version number: flow_versions.number is a 32-bit integer, and a larger one
#: asked for was a database error (500) instead of a 422.
MAX_VERSION = 2**31 - 1
#: A version number in a path (publish, rollback, detail).
VersionNumber = Annotated[int, Path(ge=1, le=MAX_VERSION)]


class Problem(BaseModel):
    """A failed check or flow test: which, where (flow, step), what is wrong and the fix."""

    test: str
    message: str
    flow: str | None = None
    step: str | None = None
    fix: str | None = None


class Refusal(BaseModel):
    message: str
    errors: list[Problem]


class RefusalBody(BaseModel):
    """The body of a 409 or 422: the refusal with every problem; a request that is not a
    flow input at all is FastAPI's list of validation errors, or a sentence."""

    detail: Refusal | list[dict[str, Any]] | str


class FlowTestRun(BaseModel):
    version: int
    passed: bool
    ran: int
    failures: list[Problem]


class FlowInfo(BaseModel):
    name: str
    description: str
    triggers: list[str]
    changed_in_draft: bool


class FlowsOverview(BaseModel):
    live_version: int
    latest_version: int
    draft_version: int | None = Field(
        description="the latest version when it is newer than the live one (saved, unpublished)"
    )
    flows: list[FlowInfo] = Field(description="the live version's flows")
    draft_changes: list[str] = Field(description="files the draft changes, against the live")


class FlowSource(BaseModel):
    name: str
    version: int
    source: str


class FlowInput(BaseModel):
    """A flow as YAML (or JSON) text in `source`, or as a JSON object in `flow`."""

    source: str | None = Field(default=None, max_length=MAX_SOURCE)
    flow: dict[str, Any] | None = None
    note: str = Field(default="", max_length=500, description="why (kept with the version)")

    def text(self) -> str:
        if self.source is not None:
            return self.source
        if self.flow is not None:
            return json.dumps(self.flow, ensure_ascii=False, indent=2) + "\n"
        raise HTTPException(status_code=422, detail="give the flow as `source` or `flow`")


class ValidateInput(FlowInput):
    name: str | None = Field(default=None, description="the flow's name, to check its id")


class Validation(BaseModel):
    valid: bool
    errors: list[Problem]


class TextsInput(BaseModel):
    source: str = Field(
        max_length=MAX_SOURCE,
        description="the text file's YAML: key -> {en: ..., other languages}",
    )
    note: str = Field(default="", max_length=500)


class TestsInput(BaseModel):
    source: str = Field(
        max_length=MAX_SOURCE,
        description="the flow-test file's YAML: `tests:` and a list of tests (docs/flows.md)",
    )
    note: str = Field(default="", max_length=500)


class VersionSummary(BaseModel):
    number: int
    author: str
    created_at: dt.datetime
    note: str
    content_hash: str
    live: bool


class Publication(BaseModel):
    number: int
    by: str
    at: dt.datetime
    kind: Literal["publish", "rollback"]


class VersionList(BaseModel):
    live_version: int
    versions: list[VersionSummary]
    publications: list[Publication]


class VersionDetail(VersionSummary):
    flows: list[str]
    texts: list[str]
    tests: list[str] = Field(description="its flow-test files (tests/NAME.yaml), run on publish")
    files: dict[str, str] = Field(description="each file's path in the set -> its source")


class Diff(BaseModel):
    from_version: int
    to_version: int
    files: dict[str, str] = Field(description="path -> unified diff, for each file that differs")


class Published(BaseModel):
    live_version: int
    kind: Literal["publish", "rollback"]
    tests_ran: int


class RollbackInput(BaseModel):
    to: int = Field(ge=1, le=MAX_VERSION)


Answers = dict[int | str, dict[str, Any]]
NOT_FOUND: Answers = {404: {"description": "no such version or flow in the admin's practice"}}
AUTH: Answers = {401: {"description": "not signed in"}, 403: {"description": "not an admin"}}
INVALID: Answers = {
    422: {"model": RefusalBody, "description": "does not validate: flow, step and fix"}
}
FAILED: Answers = {
    409: {"model": RefusalBody, "description": "the version's tests failed: test and step"}
}


def _problems(failures: tuple[GateFailure, ...] | list[GateFailure]) -> list[Problem]:
    return [Problem(**dataclasses.asdict(f)) for f in failures]


def _refusal(status: int, message: str, failures: Any) -> HTTPException:
    body = Refusal(message=message, errors=_problems(failures)).model_dump()
    return HTTPException(status_code=status, detail=body)


def _not_found(e: NotFound) -> HTTPException:
    return HTTPException(status_code=404, detail=str(e))


def _summary(v: FlowVersionRecord, live: int) -> dict[str, Any]:
    return {
        "number": v.number,
        "author": v.author,
        "created_at": v.created_at,
        "note": v.note,
        "content_hash": v.content_hash,
        "live": v.number == live,
    }


def _run(version: int, result: GateResult) -> FlowTestRun:
    return FlowTestRun(
        version=version,
        passed=result.passed,
        ran=result.ran,
        failures=_problems(result.failures),
    )


@router.get("/flows/schema", summary="The JSON Schema of a flow", responses=AUTH)
async def schema(admin: CurrentAdmin) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@router.get("/flows", summary="The live version's flows, and the draft", responses=AUTH)
async def flows(admin: FlowAdminDep) -> FlowsOverview:
    view = await admin.service.overview(admin.who)
    return FlowsOverview(
        live_version=view.live,
        latest_version=view.latest,
        draft_version=view.draft,
        flows=[
            FlowInfo(
                name=f.id,
                description=f.description,
                triggers=list(f.triggers),
                changed_in_draft=f"flows/{f.id}.yaml" in view.changed_in_draft,
            )
            for f in sorted(view.flows.values(), key=lambda f: f.id)
        ],
        draft_changes=sorted(view.changed_in_draft),
    )


@router.get(
    "/flows/{name}",
    summary="One flow's source (of the live version, or ?version=N)",
    responses=AUTH | NOT_FOUND,
)
async def flow(
    name: str,
    admin: FlowAdminDep,
    version: Annotated[int | None, Query(ge=1, le=MAX_VERSION)] = None,
) -> FlowSource:
    try:
        found = await admin.service.version(admin.who, version)
    except NotFound as e:
        raise _not_found(e) from e
    source = found.files.get(f"flows/{name}.yaml")
    if source is None:
        raise HTTPException(status_code=404, detail=f"flow '{name}' not found")
    return FlowSource(name=name, version=found.number, source=source)


@router.post(
    "/flows/validate",
    summary="Validate a flow without saving it",
    responses=AUTH | {422: {"model": RefusalBody, "description": "neither `source` nor `flow`"}},
)
async def validate_flow(body: ValidateInput, admin: CurrentAdmin) -> Validation:
    errors = validate(body.text(), body.name)
    return Validation(valid=not errors, errors=_problems(errors))


async def _saved(saving: Awaitable[FlowVersionRecord], refused: str) -> VersionSummary:
    """The new version a save made; 422 with every problem when the file does not validate."""
    try:
        return VersionSummary(**_summary(await saving, live=-1))
    except Invalid as e:
        raise _refusal(422, refused, e.failures) from e


@router.put(
    "/flows/{name}",
    summary="Save a flow: a new version (the other files copied from the latest)",
    status_code=201,
    responses=AUTH | INVALID,
)
async def save_flow(name: str, body: FlowInput, admin: FlowAdminDep) -> VersionSummary:
    return await _saved(
        admin.service.save_flow(admin.who, name, body.text(), body.note),
        f"flow '{name}' was not saved",
    )


@router.put(
    "/texts/{name}",
    summary="Save a text file (texts/NAME.yaml): a new version",
    status_code=201,
    responses=AUTH | INVALID,
)
async def save_texts(name: str, body: TextsInput, admin: FlowAdminDep) -> VersionSummary:
    return await _saved(
        admin.service.save_texts(admin.who, name, body.source, body.note),
        f"texts '{name}' were not saved",
    )


@router.put(
    "/tests/{name}",
    summary="Save a flow-test file (tests/NAME.yaml): a new version, its tests run on publish",
    status_code=201,
    responses=AUTH | INVALID,
)
async def save_tests(name: str, body: TestsInput, admin: FlowAdminDep) -> VersionSummary:
    return await _saved(
        admin.service.save_tests(admin.who, name, body.source, body.note),
        f"tests '{name}' were not saved",
    )


@router.post(
    "/flows/test",
    summary="Run a version's flow tests (the latest version unless ?version=N)",
    responses=AUTH | NOT_FOUND,
)
async def run_flow_tests(
    admin: FlowAdminDep, version: Annotated[int | None, Query(ge=1, le=MAX_VERSION)] = None
) -> FlowTestRun:
    who = admin.who
    try:
        number = version or (await admin.service.overview(who)).latest
        return _run(number, await admin.service.test(who, number))
    except NotFound as e:
        raise _not_found(e) from e


@router.get("/versions", summary="Every version, and what was published when", responses=AUTH)
async def versions(admin: FlowAdminDep) -> VersionList:
    made, published = await admin.service.history(admin.who)
    live = published[-1].number
    return VersionList(
        live_version=live,
        versions=[VersionSummary(**_summary(v, live)) for v in made],
        publications=[
            Publication(number=p.number, by=p.by, at=p.at, kind=p.kind)  # type: ignore[arg-type]
            for p in published
        ],
    )


@router.get(
    "/versions/diff",
    summary="A unified diff per changed file between two versions",
    responses=AUTH | NOT_FOUND,
)
async def version_diff(
    admin: FlowAdminDep,
    before: Annotated[int, Query(alias="from", ge=1, le=MAX_VERSION)],
    after: Annotated[int, Query(alias="to", ge=1, le=MAX_VERSION)],
) -> Diff:
    try:
        changed = await admin.service.diff(admin.who, before, after)
    except NotFound as e:
        raise _not_found(e) from e
    return Diff(from_version=before, to_version=after, files=changed)


@router.get("/versions/{number}", summary="One version with its files", responses=AUTH | NOT_FOUND)
async def version_detail(number: VersionNumber, admin: FlowAdminDep) -> VersionDetail:
    who = admin.who
    try:
        found = await admin.service.version(who, number)
    except NotFound as e:
        raise _not_found(e) from e
    live = await admin.service.library.live_number(who.practice_id)
    return VersionDetail(
        **_summary(found, live),
        flows=names_of(found),
        texts=texts_of(found),
        tests=tests_of(found),
        files=found.files,
    )


@router.post(
    "/versions/{number}/publish",
    summary="Publish a version after its flow tests pass",
    responses=AUTH | NOT_FOUND | FAILED,
)
async def publish(number: VersionNumber, admin: FlowAdminDep) -> Published:
    try:
        result = await admin.service.publish(admin.who, number)
    except NotFound as e:
        raise _not_found(e) from e
    except Refused as e:
        raise _refusal(409, f"version {number} was not published", e.result.failures) from e
    return Published(live_version=number, kind="publish", tests_ran=result.ran)


@router.post(
    "/versions/{number}/rollback",
    summary="Make an earlier version live again (a new publication; history kept)",
    responses=AUTH | NOT_FOUND | FAILED | INVALID,
)
async def rollback(number: VersionNumber, admin: FlowAdminDep) -> Published:
    try:
        result = await admin.service.rollback(admin.who, number)
    except NotFound as e:
        raise _not_found(e) from e
    except Invalid as e:
        raise _refusal(422, f"version {number} was not rolled back to", e.failures) from e
    except Refused as e:
        raise _refusal(409, f"version {number} was not rolled back to", e.result.failures) from e
    return Published(live_version=number, kind="rollback", tests_ran=result.ran)


@router.post(
    "/rollback",
    summary='Roll back to an earlier version ({"to": N})',
    responses=AUTH | NOT_FOUND | FAILED | INVALID,
)
async def rollback_to(body: RollbackInput, admin: FlowAdminDep) -> Published:
    return await rollback(body.to, admin)
