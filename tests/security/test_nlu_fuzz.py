"""Hostile input to `nlu parse`: the Python API, the CLI and POST /nlu/parse.

Random unicode, bytes decoded with replacement, emoji, right-to-left text, control
characters, only whitespace or punctuation, 100,000-character messages: the parse never
raises and its output always keeps the contract (docs/nlu-contract.md): an intent among
the labels, entities whose spans are inside the text and say what the text says there,
datetimes in ISO-8601 with an offset. A message is read up to its first
`MAX_PARSE_CHARS` characters, so a huge one costs what a long one does.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from nlu.contract import MAX_PARSE_CHARS, MAX_WORD_CHARS, parse_within_bounds, readable_part
from tests.channels.conftest import make_rig, rig  # noqa: F401 - fixtures
from tests.channels.rig import Rig
from tests.security.fuzz_profiles import FUZZ, LARGE_REPR, hostile_bytes, hostile_text
from tests.security.nlu_contract import check_contract
from tests.support.standins import telegram_api, twilio_api  # noqa: F401 - fixtures

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
TZ = "America/New_York"

#: Words the model knows, so that mixtures reach the entity and date code, not only the
#: "no word I know" fallback.
WORDS = st.sampled_from(
    [
        "book",
        "cancel",
        "move",
        "appointment",
        "tomorrow",
        "friday",
        "at",
        "3",
        "pm",
        "next",
        "week",
        "dr",
        "patel",
        "12/04/1985",
        "617-555-0134",
        "maria@example.com",
        "the",
        "second",
        "one",
        "10:30",
        "morning",
        "in",
        "2",
        "weeks",
        "results",
        "pay",
        "stop",
        "help",
        "chest",
        "pain",
        "thursday's",
        "from",
        "march",
        "5",
        "to",
        "march",
        "10",
        "or",
    ]
)
mixed_text = st.lists(WORDS | hostile_text, min_size=1, max_size=12).map(" ".join)

#: Inputs that are hard in other ways: long, repetitive, all-digits, all separators.
SPECIMENS = [
    "a" * 100_000,
    "book friday at 3 " * 6_000,
    "1" * 100_000,
    "12/04/1985 " * 9_000,
    "🙂" * 50_000,
    " " * 100_000,
    "\t\n\r" * 1_000,
    "?" * 100_000,
    "\u202e" + "tomorrow at 3 " * 500,
    "at at at at 3 3 3 3 pm pm pm " * 3_000,
    "(" * 50_000 + ")" * 50_000,
    "0" * 10 + "-" * 10_000 + "0" * 10,
]


@FUZZ
@given(text=hostile_text | mixed_text | hostile_bytes.map(lambda b: b.decode("utf-8", "replace")))
@example(text="move my fri appt to tmrw at 3")
@example(text="\x00\x01\x02 friday \x7f")
@example(text="\u2028tomorrow\u2029at\u00853")
def test_the_python_api_keeps_the_contract_for_any_text(nlu: Any, text: str) -> None:
    result = nlu.parse(text, now=NOW, tz=TZ)
    check_contract(result.to_json(), text)


@pytest.mark.parametrize("index", range(len(SPECIMENS)))
def test_huge_and_degenerate_messages_keep_the_contract(nlu: Any, index: int) -> None:
    """As the CLI, the HTTP route and the assistant read them: within bounds."""
    text = SPECIMENS[index]
    part = readable_part(text)
    assert len(part) <= MAX_PARSE_CHARS and all(len(w) <= MAX_WORD_CHARS for w in part.split(" "))
    result = parse_within_bounds(nlu.parse, text, now=NOW, tz=TZ, locale="en-GB")
    check_contract(result.to_json(), text)
    assert all(e.end <= len(part) for e in result.entities)


def test_a_huge_message_is_read_as_its_first_part(nlu: Any) -> None:
    head = "can I book a check-up friday at 3"
    short = nlu.parse(head, now=NOW, tz=TZ)
    for tail in (" " + "blah " * 30_000, " " + "(" * 50_000 + " on friday"):
        text = head + tail
        huge = parse_within_bounds(nlu.parse, text, now=NOW, tz=TZ)
        assert huge.text == text
        assert [e.to_json() for e in huge.entities] == [e.to_json() for e in short.entities]


def test_what_a_patient_writes_is_read_whole() -> None:
    for text in ("book friday at 3", "x" * MAX_WORD_CHARS, "word " * 200, "https://" + "a" * 150):
        assert readable_part(text) == text


@pytest.mark.nlu_model
@pytest.mark.slow  # a process that loads the model: 10-30 s
def test_the_cli_answers_every_line_with_the_contract_even_undecodable_ones() -> None:
    lines = [
        b"book friday at 3",
        b"\xff\xfe\xfd",  # not UTF-8: an out_of_scope object, not a stop
        b"",
        b"\x00\x00",
        "🙂 مرحبا \u202e שלום".encode(),
        b"  \t  ",
        ("x" * 100_000).encode(),
        b"12/04/1985 617-555-0134 tmrw at 3\r",
        b"\xed\xa0\x80 lone surrogate bytes",
    ]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "patient_assistant.cli",
            "nlu",
            "parse",
            "--now",
            "2026-03-02T09:00",
        ],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outs = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(outs) == len(lines)
    for raw, out in zip(lines, outs, strict=True):
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            text = ""
        check_contract(out, text)
    assert outs[1]["intent"] == "out_of_scope"


def test_the_cli_refuses_a_language_it_cannot_read_before_reading_anything() -> None:
    """A language dateparser has no data for made the first message with a date crash."""
    from nlu.cli import main

    assert main(["parse", "--lang", "xx"]) == 2


@pytest.mark.postgres
async def test_the_http_route_refuses_what_it_cannot_read_with_a_4xx(rig: Rig) -> None:
    post = rig.client.post
    ok = await post("/nlu/parse", json={"text": "\x00 book friday 🙂", "now": "2026-03-02T09:00"})
    assert ok.status_code == 200
    check_contract(ok.json(), "\x00 book friday 🙂")
    refused = [
        await post("/nlu/parse", json={"text": "x" * 4001}),
        await post("/nlu/parse", json={"text": "hi", "tz": "Mars/Olympus"}),
        await post("/nlu/parse", json={"text": "hi", "tz": "\x00"}),
        await post("/nlu/parse", json={"text": "hi", "now": "yesterday-ish"}),
        await post("/nlu/parse", json={"text": "tomorrow at 3", "lang": "xx"}),  # was a 500
        await post("/nlu/parse", json={"text": "tomorrow at 3", "lang": ""}),
        await post("/nlu/parse", json={"text": 12}),
        await post("/nlu/parse", json=[1, 2]),
        await post("/nlu/parse", content=b"\xff\xfe", headers={"Content-Type": "application/json"}),
        await post(
            "/nlu/parse", content=b"[" * 100_000, headers={"Content-Type": "application/json"}
        ),
        await post("/nlu/parse", content=b"{" + b" " * (2 * 1024 * 1024) + b"}"),
    ]
    assert all(400 <= a.status_code < 500 for a in refused), [a.status_code for a in refused]
    assert refused[-1].status_code == 413


@pytest.mark.postgres
@pytest.mark.filterwarnings(LARGE_REPR)
@FUZZ
@given(text=hostile_text, lang=st.sampled_from(["en", "es", "", "xx", "\x00"]))
async def test_the_http_route_keeps_the_contract_for_any_text(
    rig: Rig, text: str, lang: str
) -> None:
    answer = await rig.client.post(
        "/nlu/parse", json={"text": text, "now": "2026-03-02T09:00", "lang": lang}
    )
    assert answer.status_code in (200, 422), answer.text[:200]
    if answer.status_code == 200:
        check_contract(answer.json(), text)
