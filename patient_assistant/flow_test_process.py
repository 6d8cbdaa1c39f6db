"""A version's flow tests in a child process of their own: what a publish runs, off the API.

The flow tests play whole conversations through the assistant (NLU parses, dialogue turns,
sandboxes seeded over HTTP) for a minute or more of CPU. On a thread of the API process they
shared its interpreter lock, and the staff and webhook requests of that process waited behind
them (bench/staff_load.py). A child process has a lock, and an NLU model, of its own.

Decisions:
- **A fresh child per run** (`python -m patient_assistant.flow_test_process`), not a pool kept
  warm: it costs the model's load once per run (the gate keeps results by content hash, so a
  "test" then "publish" of one version runs once), and nothing of it stays in the API
  process's memory between publishes; a child that hangs is killed whole.
- **A bounded wait**: a run that does not finish within `wait_seconds` is killed and answered
  as a failure saying so, as is a child that ends without a result (killed, out of memory);
  neither is a verdict on the version, so the gate does not keep them.
- **What crosses the pipe** is the practice's settings and the version's files (pickled, from
  the parent that started the child), and back the count and the failures; the child reads
  the version as the gate does (bot/flow_versions.py `flow_set`).
- **At a lower priority** (`NICENESS`): a publish is background work beside the staff's and
  patients' requests, so the child takes the CPU they leave; a publish takes longer on a
  busy machine, the requests do not.
- The child's stdout carries the result only; anything printed there goes to stderr, which
  it shares with its parent (the API's log).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.flow_gate import GateFailure
from patient_assistant.settings import Settings

if TYPE_CHECKING:
    from bot.assistant import Parser

#: The code the child imports: this checkout's, whatever the working directory.
CODE_ROOT = Path(__file__).resolve().parents[1]
#: The child's scheduling priority below its parent's (`nice`): on a machine short of cores
#: the API's requests get the CPU first, and the tests the rest (bench/staff_load.py).
NICENESS = 10
#: What a run that could not give a verdict is named in the publish's refusal.
NO_VERDICT = "flow tests"

Outcome = tuple[int, tuple[GateFailure, ...]]


class NoVerdict(Exception):
    """The flow tests did not run to the end; `failure` says why, for the admin."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.failure = GateFailure(NO_VERDICT, message, fix=fix)


async def run_in_child(
    settings: Settings, number: int, files: dict[str, str], wait_seconds: float
) -> Outcome:
    """The version's flow tests run by a child process: (tests run, failures). NoVerdict when
    they did not finish within `wait_seconds` or the child ended without a result."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CODE_ROOT), env.get("PYTHONPATH")]))
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        __name__,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        env=env,
    )
    try:
        out, _ = await asyncio.wait_for(
            child.communicate(pickle.dumps((settings, number, files))), wait_seconds
        )
    except TimeoutError:
        raise NoVerdict(
            f"the flow tests did not finish within {wait_seconds:g} s, so they were stopped",
            "try again when the server is less busy",
        ) from None
    finally:
        if child.returncode is None:  # timed out, or the request was cancelled
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()
    if child.returncode != 0 or not out:
        raise NoVerdict(
            f"the flow tests could not run: their process ended with code {child.returncode}",
            "try again; if it fails again, the API's log has the cause",
        )
    outcome: Outcome = pickle.loads(out)
    return outcome


def _child() -> None:
    """Read the settings and the version from stdin, run its tests, write the outcome."""
    os.nice(NICENESS)
    result_pipe = sys.stdout.buffer
    sys.stdout = sys.stderr  # stdout carries the result only
    # The model loads beside the imports of the runner and the reading of the version.
    from patient_assistant.bootstrap import ModelInBackground

    nlu = ModelInBackground()
    settings, number, files = pickle.loads(sys.stdin.buffer.read())
    outcome = asyncio.run(_run(settings, number, files, nlu))
    result_pipe.write(pickle.dumps(outcome))
    result_pipe.flush()


async def _run(settings: Settings, number: int, files: dict[str, str], nlu: Parser) -> Outcome:
    from bot.flow_versions import flow_names, flow_set
    from patient_assistant.flow_tests import failure_of, run_flow_tests, tests_of

    tests, _ = tests_of(files)  # the parent refused a version whose tests do not read
    parsed = flow_set(number, files)
    report = await run_flow_tests(
        parsed.flows,
        tests,
        settings,
        texts=parsed.texts,
        nlu=nlu,
    )
    names = flow_names(files)
    return len(report.results), tuple(failure_of(r, names) for r in report.failures)


if __name__ == "__main__":
    _child()
