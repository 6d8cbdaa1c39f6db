"""`patient-assistant staff add | list | disable`: staff accounts from the command line.

`staff add` reads the password from standard input: typed twice without echo at a terminal,
else the first line (so `printf '%s\n' "$PW" | patient-assistant staff add ...` works in a
script). The password is never printed, logged or kept, only its argon2 hash.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import TextIO

from adapters.sql import SqlStorage, migrate
from bot.staff_accounts import StaffAccountError
from domain.clock import SystemClock
from patient_assistant.bootstrap import ensure_sqlite_dir, staff_accounts
from patient_assistant.settings import Settings


def read_password(stdin: TextIO) -> str:
    """The new password: asked twice without echo at a terminal, else stdin's first line."""
    if stdin.isatty():
        first = getpass.getpass("password: ")
        if getpass.getpass("again: ") != first:
            raise StaffAccountError("the two passwords differ")
        return first
    return stdin.readline().rstrip("\r\n")


def main(settings: Settings, args: argparse.Namespace) -> int:
    try:
        password = read_password(sys.stdin) if args.action == "add" else ""
        return asyncio.run(_run(settings, args, password))
    except StaffAccountError as e:
        print(f"patient-assistant staff {args.action}: {e}", file=sys.stderr)
        return 1


async def _run(settings: Settings, args: argparse.Namespace, password: str) -> int:
    ensure_sqlite_dir(settings.database_url)
    await migrate(settings.database_url)
    storage = SqlStorage(settings.database_url)
    clock = SystemClock()
    accounts = staff_accounts(storage, clock)
    try:
        if args.action == "add":
            account = await accounts.add(args.email, args.practice, args.role, password)
            print(f"added {account.email} ({account.role}) to practice {account.practice_id}")
        elif args.action == "disable":
            revoked = await accounts.disable(args.email)
            print(f"disabled {args.email.strip().lower()}; {revoked} live tokens revoked")
        else:
            listed = await accounts.listed(args.practice)
            for a in listed:
                active = (
                    a.last_active_at.isoformat(timespec="seconds") if a.last_active_at else "never"
                )
                print(
                    f"{a.email}\t{a.practice_id}\t{a.role}\t{accounts.status(a)}\tlast active {active}"
                )
            if not listed:
                print("no staff accounts", file=sys.stderr)
        return 0
    finally:
        await storage.close()
