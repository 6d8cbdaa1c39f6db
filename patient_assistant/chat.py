"""`patient-assistant chat`: the console channel.

With a terminal it is interactive; otherwise it reads one patient message per line from
standard input, prints the assistant's replies as each is made, and exits at end of input.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sys
import uuid
from collections.abc import AsyncIterator
from typing import TextIO

from bot.messages import Inbound
from domain.phones import region_of, to_e164
from patient_assistant.bootstrap import Runtime, build, make_clock
from patient_assistant.practice_runtimes import UnknownPractice, one_practice
from patient_assistant.settings import Settings


def normalise_phone(raw: str, locale: str) -> str:
    """`--phone` in E.164; a number without a country code is one of the practice's country."""
    number = to_e164(raw, region_of(locale))
    if number is None:
        raise SystemExit(
            f"--phone {raw!r} is not a possible phone number; use E.164 like +16175550134"
        )
    return number


async def run_chat(
    settings: Settings,
    phone: str,
    channel: str,
    now: dt.datetime | None,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    practice_id: str | None = None,
) -> int:
    """Chat as the patient of `practice_id` (the first loaded practice, or the environment's,
    when None): its FHIR server, time zone and locale."""
    async with one_practice(settings, practice_id, now) as (practice, base_url):
        address = normalise_phone(phone, practice.practice_locale)
        runtime = await build(practice, fhir_base_url=base_url, clock=make_clock(now))
        try:
            await _converse(runtime, channel, address, stdin, stdout)
        finally:
            await runtime.aclose()
    return 0


async def _converse(
    runtime: Runtime, channel: str, address: str, stdin: TextIO, stdout: TextIO
) -> None:
    interactive = stdin.isatty()
    async for line in _lines(stdin, interactive, stdout):
        text = line.rstrip("\r\n")
        if not text.strip():
            continue
        message = Inbound(
            practice_id=runtime.settings.practice_id,
            channel=channel,
            address=address,
            text=text,
            provider_message_id=f"console-{uuid.uuid4().hex}",
            received_at=runtime.clock.now(),
        )
        handled = await runtime.assistant.handle(message)
        for reply in handled.replies:
            stdout.write(("assistant> " if interactive else "") + reply.plain_text() + "\n\n")
            stdout.flush()


async def _lines(stdin: TextIO, interactive: bool, stdout: TextIO) -> AsyncIterator[str]:
    while True:
        if interactive:
            stdout.write("you> ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            return
        yield line


def main(
    settings: Settings,
    phone: str,
    channel: str,
    now: dt.datetime | None,
    practice_id: str | None = None,
) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        try:
            return asyncio.run(run_chat(settings, phone, channel, now, practice_id=practice_id))
        except UnknownPractice as e:
            print(f"patient-assistant chat: {e}", file=sys.stderr)
            return 2
    return 130
