"""Driving `patient-assistant chat` from end-to-end tests: one piped session, its replies in order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CLI = str(Path(sys.executable).with_name("patient-assistant"))


def run_chat(
    env: dict[str, str],
    phone: str,
    lines: tuple[str, ...] | list[str],
    *,
    channel: str = "sms",
    now: str = "2026-03-02T09:00:00",
) -> str:
    """Everything the assistant answered to ``lines``, sent one per line in one session."""
    result = subprocess.run(
        [CLI, "chat", "--phone", phone, "--channel", channel, "--now", now],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def in_order(text: str, *markers: str) -> None:
    """Each marker appears in `text` after the one before it."""
    at = 0
    for marker in markers:
        found = text.find(marker, at)
        assert found >= 0, f"{marker!r} not found after position {at} in:\n{text}"
        at = found + len(marker)
