"""Failures are logged with the ids they concern and a traceback, and without anything a
patient wrote, even when an exception's message quotes it."""

from __future__ import annotations

import logging

import pytest

from bot.logs import bind, safe_traceback
from tests.bot.test_pipeline import DeskRig, desk_rig  # noqa: F401 - fixture

PHI = ("chest", "crushing", "Maria", "Lopez", "1985", "+1617555")


def parse_birth_date(text: str) -> None:
    raise ValueError(f"no date in {text!r}")


def look_up(name: str) -> None:
    try:
        parse_birth_date("Maria Lopez, born 04/12/1985")
    except ValueError as e:
        raise KeyError(name) from e


def test_a_traceback_keeps_the_frames_and_types_of_the_chain_and_drops_every_message() -> None:
    with pytest.raises(KeyError) as caught:
        look_up("Maria Lopez")
    text = safe_traceback(caught.value)
    assert "in parse_birth_date" in text and "in look_up" in text  # where it happened
    assert "builtins.ValueError" in text and "builtins.KeyError" in text and "direct cause" in text
    assert text.index("ValueError") < text.index("KeyError")  # in the order Python prints them
    for phi in PHI:
        assert phi not in text


def test_bound_context_is_in_the_message_and_on_the_record(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = bind(logging.getLogger("test.bound"), conversation="c-1").bind(message="m-2")
    with caplog.at_level(logging.INFO, logger="test.bound"):
        log.info("processed")
    [record] = caplog.records
    assert record.getMessage() == "conversation=c-1 message=m-2 processed"
    assert record.context == {"conversation": "c-1", "message": "m-2"}  # type: ignore[attr-defined]


async def test_an_unexpected_failure_in_the_pipeline_is_logged_without_phi(
    desk_rig: DeskRig, caplog: pytest.LogCaptureFixture
) -> None:
    desk_rig.tasks.fail_with = RuntimeError(
        "Task refused for Maria Lopez +16175550134: 'my chest is crushing'"
    )
    with caplog.at_level(logging.ERROR, logger="bot.assistant"):
        told = await desk_rig.send("my chest is crushing and my arm is numb")
    assert "911" in told[0]  # the guidance still goes out
    [record] = [r for r in caplog.records if r.name == "bot.assistant"]
    logged = record.getMessage()
    assert "emergency Task not made (RuntimeError)" in logged
    assert "Traceback" in logged and "in emergency" in logged  # the frame that raised
    assert set(record.context) == {"conversation", "message"}  # type: ignore[attr-defined]
    for phi in PHI:
        assert phi not in logged
