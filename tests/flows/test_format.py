"""The flow-test format: a file that is not in it is refused naming the file, the test and the fix."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from patient_assistant.bootstrap import DATA
from patient_assistant.cli import main
from patient_assistant.flow_tests import (
    SHIPPED_TESTS,
    FlowTestFormatError,
    flow_tests_from_yaml,
    load_flow_tests,
)

GOOD = """
tests:
  - name: books
    phone: "+16175550134"
    now: 2026-03-02T09:00:00
    steps:
      - patient: "book a check-up"
        expect: {say: "What day"}
      - expect: {booked: {practitioner: Patel}}
"""


def test_a_test_reads_into_its_steps_numbered_as_in_the_file() -> None:
    [test] = flow_tests_from_yaml(GOOD, "book.yaml")
    assert (test.name, test.source, test.channel, test.phone) == (
        "books",
        "book.yaml",
        "sms",
        "+16175550134",
    )
    assert [(s.number, s.said) for s in test.steps] == [(1, "book a check-up"), (2, None)]
    assert test.steps[1].expect == {"booked": {"practitioner": "Patel"}}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("now: 2026-03-02T09:00:00", "now: next monday"), "'now' 'next monday' is not ISO-8601"),
        (('phone: "+16175550134"', "phone: "), None),
        (("channel: sms", "channel: fax"), None),
        (('{say: "What day"}', '{say: "What (day"}'), "'say' is not a regular expression"),
        (
            ("{booked: {practitioner: Patel}}", "{booked: {colour: red}}"),
            "not a mapping of appointment facts",
        ),
        (('{say: "What day"}', '{sing: "What day"}'), "step 1 expects something unknown"),
        (
            (
                '- patient: "book a check-up"',
                '- expect: {say: "hi"}\n      - patient: "book a check-up"',
            ),
            "step 1 expects a reply before",
        ),
    ],
)
def test_a_mistake_names_the_file_the_test_and_the_fix(
    change: tuple[str, str], message: str | None
) -> None:
    old, new = change
    text = (
        GOOD.replace(old, new) if old in GOOD else GOOD.replace("    now:", f"    {new}\n    now:")
    )
    with pytest.raises(FlowTestFormatError) as error:
        flow_tests_from_yaml(text, "book.yaml")
    assert "book.yaml, test 'books'" in str(error.value) and "Fix:" in str(error.value)
    if message:
        assert message in str(error.value)


def test_a_file_without_tests_is_refused() -> None:
    with pytest.raises(FlowTestFormatError, match="start the file with 'tests:'"):
        flow_tests_from_yaml("- patient: hi", "x.yaml")


def test_every_shipped_flow_has_a_test() -> None:
    tests = load_flow_tests(SHIPPED_TESTS)
    flows = {p.stem for p in (DATA / "flows").glob("*.yaml")}
    assert {t.source.removesuffix(".yaml") for t in tests} == flows


def test_the_command_refuses_a_broken_flow_naming_flow_and_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in (DATA / "flows").glob("*.yaml"):
        text = path.read_text()
        if path.stem == "cancel_appointment":
            text = text.replace("action: cancel_appointment", "action: cancel_everything")
        (tmp_path / path.name).write_text(text)

    status = main(["flows", "test", "--flows", str(tmp_path), "--tests", str(SHIPPED_TESTS)])

    assert status == 2
    error = capsys.readouterr().err
    assert "flow 'cancel_appointment', step 'cancel': unknown action 'cancel_everything'" in error


def test_the_command_refuses_a_version_the_practice_does_not_have(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path}/assistant.db")

    assert main(["flows", "test", "--version", "3"]) == 2

    assert "practice riverside has no flow version 3" in capsys.readouterr().err


def test_the_command_refuses_a_stored_version_that_does_not_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path}/assistant.db"
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("PRACTICE_LANGUAGES", "en,es")
    asyncio.run(store_version(database, {}))  # the shipped files, checked in en and es

    assert main(["flows", "test", "--version", "2"]) == 2

    error = capsys.readouterr().err
    assert "version 2 does not validate" in error
    assert "flow 'book_appointment', step 'done': its say text has no es text" in error


async def store_version(database: str, changed: dict[str, str | None]) -> None:
    """Version 2 of riverside in `database`: the shipped files with `changed` (None: left out)."""
    from adapters.sql import SqlStorage, migrate
    from bot.flow_versions import content_hash, shipped_files
    from bot.ports import FlowVersionRecord, PublicationRecord

    files = shipped_files(DATA)
    for path, source in changed.items():
        if source is None:
            files.pop(path, None)
        else:
            files[path] = source
    await migrate(database)
    storage = SqlStorage(database)
    try:
        async with storage.unit_of_work() as uow:
            now = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
            shipped = shipped_files(DATA)
            await uow.flow_versions.add(
                FlowVersionRecord(
                    "riverside", 1, "shipped", now, "", content_hash(shipped), shipped
                )
            )
            await uow.flow_versions.publish(PublicationRecord("riverside", 1, "shipped", now))
            await uow.flow_versions.add(
                FlowVersionRecord("riverside", 2, "ann", now, "", content_hash(files), files)
            )
    finally:
        await storage.close()


@pytest.mark.slow
def test_the_command_runs_the_tests_of_a_stored_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path}/assistant.db"
    monkeypatch.setenv("DATABASE_URL", database)
    book = (DATA / "flows" / "book_appointment.yaml").read_text()
    details = "You're booked: {service} with {practitioner} on {opening_time} at {location}."
    # Version 2 keeps only the booking's test, and its confirmation no longer says what.
    changed: dict[str, str | None] = {
        f"tests/{p.name}": None
        for p in SHIPPED_TESTS.glob("*.yaml")
        if p.stem != "book_appointment"
    }
    changed["flows/book_appointment.yaml"] = book.replace(details, "All set.")
    asyncio.run(store_version(database, changed))

    assert main(["flows", "test", "--version", "2", "--practice", "riverside"]) == 1

    out = capsys.readouterr().out
    assert "FAIL book_appointment.yaml: Maria books a check-up" in out and "step 4" in out
    assert "All set." in out and "0 passed, 1 failed" in out
