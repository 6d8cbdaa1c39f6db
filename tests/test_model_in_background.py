"""The NLU of long-running processes loads on a thread beside start-up: the process takes
work while it loads, and the first parse waits for it (or fails with the cause)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from nlu.types import Parse
from patient_assistant.bootstrap import ModelInBackground

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Greeter:
    def parse(
        self, text: str, *, now: dt.datetime, tz: str, lang: str = "en", locale: str = "en-US"
    ) -> Parse:
        return Parse(text=text, intent="greet", confidence=1.0)


def test_the_model_loads_while_the_process_starts_and_the_first_parse_waits_for_it() -> None:
    may_finish, started = threading.Event(), threading.Event()

    def slow_load() -> Greeter:
        started.set()
        may_finish.wait(10)
        return Greeter()

    nlu = ModelInBackground(slow_load)  # returns at once: nothing waits for the load
    assert started.wait(10)
    answers: list[Parse] = []
    first = threading.Thread(target=lambda: answers.append(nlu.parse("hi", now=NOW, tz="UTC")))
    first.start()
    first.join(0.2)
    assert answers == []  # the first parse waits for the model
    may_finish.set()
    first.join(10)
    assert [a.intent for a in answers] == ["greet"]


def test_a_model_that_fails_to_load_fails_the_parse_with_its_cause() -> None:
    def broken() -> Greeter:
        raise OSError("model files missing")

    nlu = ModelInBackground(broken)
    with pytest.raises(RuntimeError, match="did not load") as failed:
        nlu.parse("hi", now=NOW, tz="UTC")
    assert isinstance(failed.value.__cause__, OSError)
