"""The contract's command line: JSON lines in and out, errors on bad options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from nlu import NLU

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "nlu", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )


def test_parse_json_lines(nlu_model: NLU) -> None:
    lines = b"can i come in tmrw at 3?\nSTOP\n\nmy chest is crushing\n\xff\xfe bad\noption 2\n"
    proc = _run(
        ["parse", "--now", "2026-03-02T09:00", "--tz", "America/New_York", "--lang", "en"], lines
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == 6
    first = out[0]
    assert set(first) == {"text", "intent", "confidence", "intent_ranking", "entities"}
    assert first["text"] == "can i come in tmrw at 3?"
    assert first["intent"] == "book_appointment"
    assert first["intent_ranking"][0] == {
        "intent": "book_appointment",
        "confidence": first["confidence"],
    }
    assert first["entities"] == [
        {
            "entity": "datetime",
            "start": 14,
            "end": 23,
            "text": "tmrw at 3",
            "value": {
                "start": "2026-03-03T15:00:00-05:00",
                "end": "2026-03-03T16:00:00-05:00",
                "grain": "hour",
            },
        }
    ]
    assert out[1]["intent"] == "opt_out"
    assert out[2]["intent"] == "out_of_scope" and out[2]["text"] == ""
    assert out[3]["intent"] == "emergency"
    assert out[4]["intent"] == "out_of_scope"
    assert out[5]["entities"][0]["value"] == {"index": 2}


def test_now_with_offset_is_converted(nlu_model: NLU) -> None:
    proc = _run(
        ["parse", "--now", "2026-03-02T14:00:00+00:00", "--tz", "America/New_York"], b"tomorrow\n"
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["entities"][0]["value"]["start"] == "2026-03-03T00:00:00-05:00"


def test_bad_option_exits_non_zero_with_message() -> None:
    proc = _run(["parse", "--bogus"], b"hi\n")
    assert proc.returncode != 0 and b"bogus" in proc.stderr and proc.stdout == b""


def test_bad_timezone_and_now() -> None:
    assert _run(["parse", "--tz", "Mars/Olympus"], b"hi\n").returncode != 0
    assert _run(["parse", "--now", "yesterday-ish"], b"hi\n").returncode != 0


def test_main_returns_exit_codes() -> None:
    from nlu.cli import main

    assert main(["nonsense"]) != 0
    assert main(["parse", "--lang"]) != 0
