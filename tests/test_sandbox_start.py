"""A FHIR server that fails to start says why: the end of its own output, not a hang."""

from __future__ import annotations

import asyncio
import sys

import pytest

from patient_assistant.sandbox import Sandbox, SandboxError


class _Broken(Sandbox):
    """The sandbox's start-up, with a child that prints a line and then dies or hangs."""

    def __init__(self, code: str, startup_timeout: float = 30.0):
        super().__init__(seed=False, startup_timeout=startup_timeout)
        self.code = code

    async def _spawn(self) -> asyncio.subprocess.Process:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            self.code,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )


async def test_a_server_that_exits_at_start_is_reported_with_its_last_words() -> None:
    broken = _Broken("import sys; print('port already in use', flush=True); sys.exit(3)")
    with pytest.raises(SandboxError, match=r"sekmet exited at start:\n.*port already in use"):
        await broken.start()


async def test_a_server_that_never_answers_times_out_and_is_stopped() -> None:
    broken = _Broken("import time; print('loading', flush=True); time.sleep(600)", 1.0)
    with pytest.raises(SandboxError, match=r"did not answer on .* within 1 s:\n.*loading"):
        await broken.start()
    assert broken._process is None  # stopped, not left running
