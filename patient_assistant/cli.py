"""The `patient-assistant` command. Each subcommand builds what it needs from Settings."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from patient_assistant.settings import Settings
from patient_assistant.timeparse import parse_now


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="patient-assistant", description="A practice's patients text it; FHIR is the record."
    )
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser(
        "demo", help="the embedded demo: sandbox FHIR, SQLite, in-process jobs, web chat"
    )
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument(
        "--now", help="ISO-8601; without offset, wall-clock in the practice's time zone"
    )

    sandbox = sub.add_parser(
        "sandbox",
        help="only the seeded FHIR sandbox, in the foreground",
        description="Only the seeded FHIR sandbox, in the foreground. On start it prints how to "
        "make Maria Lopez's blood test report final again, to see the assistant tell her that "
        "a result is ready (README, section Results).",
    )
    sandbox.add_argument("--port", type=int)
    sandbox.add_argument("--reset", action="store_true", help="start from an empty server")
    sandbox.add_argument("--now", help="ISO-8601; slots are generated relative to it")

    chat = sub.add_parser("chat", help="the console channel")
    chat.add_argument("--phone", required=True, help="the patient's number, E.164")
    chat.add_argument("--channel", choices=("sms", "whatsapp", "telegram"), default="sms")
    chat.add_argument("--now", help="ISO-8601; fixes the assistant's clock")
    chat.add_argument(
        "--practice", help="the practice's id (default: the first loaded, or the environment's)"
    )

    flows = sub.add_parser("flows", help="the dialogue flows: test them (docs/flows.md)")
    flows_actions = flows.add_subparsers(dest="action", required=True)
    flow_test = flows_actions.add_parser(
        "test",
        help="play the flow tests through the assistant on fresh FHIR sandboxes; exit 1 on a failure",
    )
    flow_test.add_argument("--practice", help="the practice's id (default: PRACTICE_ID)")
    flow_test.add_argument("--version", type=int, help="a stored version of the practice's flows")
    flow_test.add_argument(
        "--flows", type=Path, help="a directory of flow files (default: the shipped data/flows)"
    )
    flow_test.add_argument(
        "--tests", type=Path, help="a directory of flow tests (default: the flows' tests/)"
    )

    sub.add_parser("nlu", help="parse | train | evaluate (see nlu-contract.md)", add_help=False)

    serve = sub.add_parser("serve", help="the API with every configured channel")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--telegram-polling",
        action="store_true",
        help="receive Telegram by long polling (development without a public URL)",
    )

    sub.add_parser("migrate", help="bring the database schema up to date")
    sub.add_parser(
        "rotate-keys", help="re-encrypt message bodies with the first MESSAGE_ENCRYPTION_KEYS key"
    )
    purge = sub.add_parser(
        "purge", help="remove message bodies past the retention period (metadata stays)"
    )
    purge.add_argument("--now", help="ISO-8601; the clock the retention period is judged by")
    worker = sub.add_parser(
        "worker",
        help="a Celery worker for every practice (needs REDIS_URL; FHIR_BASE_URL if none is loaded)",
    )
    worker.add_argument("--concurrency", type=int, default=2)
    worker.add_argument("--name", help="the worker's node name (several workers on one host)")
    worker.add_argument("--now", help="ISO-8601; the worker's clock starts here (demos, tests)")
    beat = sub.add_parser("beat", help="Celery beat: schedules due work (needs REDIS_URL)")
    beat.add_argument(
        "--schedule",
        default="var/celerybeat-schedule",
        help="the file where beat keeps when each task last ran",
    )
    jobs = sub.add_parser("jobs", help="run scheduled work once")
    jobs.add_argument("action", choices=("run-due",))
    jobs.add_argument("--now", help="ISO-8601; the clock the due work is judged by")
    practices = sub.add_parser(
        "practices", help="the practices this deployment serves (README: Several practices)"
    )
    practices_actions = practices.add_subparsers(dest="action", required=True)
    load = practices_actions.add_parser("load", help="add or replace practices from a YAML file")
    load.add_argument("file", type=Path)
    practices_actions.add_parser("list", help="the practices loaded, with their channels")
    payments = sub.add_parser("payments", help="send a patient a link to pay what they owe")
    payments.add_argument("action", choices=("send",))
    payments.add_argument("--patient", required=True, help="the FHIR Patient id")
    payments.add_argument("--invoice", help="the FHIR Invoice id (default: the oldest open one)")
    payments.add_argument("--now", help="ISO-8601; the clock quiet hours are judged by")
    payments.add_argument(
        "--practice", help="the practice's id (default: the first loaded, or the environment's)"
    )
    staff = sub.add_parser("staff", help="staff accounts: add, list, disable")
    staff_actions = staff.add_subparsers(dest="action", required=True)
    add = staff_actions.add_parser("add", help="add an account; the password is read from stdin")
    add.add_argument("email")
    add.add_argument("--practice", required=True, help="the practice's id, e.g. riverside")
    add.add_argument("--role", required=True, choices=("staff", "admin"))
    listing = staff_actions.add_parser("list", help="every account, or one practice's")
    listing.add_argument("--practice", help="only this practice's accounts")
    disable = staff_actions.add_parser("disable", help="disable an account and revoke its tokens")
    disable.add_argument("email")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if argv[:1] == ["nlu"]:
        from nlu.cli import main as nlu_main

        return nlu_main(argv[1:])
    args = _parser().parse_args(argv)
    settings = Settings()
    try:
        now = parse_now(getattr(args, "now", None), settings.practice_timezone)
    except argparse.ArgumentTypeError as e:
        print(f"patient-assistant: {e}", file=sys.stderr)
        return 2
    if args.command == "chat":
        from patient_assistant import chat

        return chat.main(settings, args.phone, args.channel, now, args.practice)
    if args.command == "flows":
        from patient_assistant import flow_tests
        from patient_assistant.version_tests import stored_version

        flow_tests.resolve_version = stored_version  # --version N: the stored versions
        return flow_tests.command(settings, args.practice, args.version, args.flows, args.tests)
    if args.command == "sandbox":
        from patient_assistant.sandbox import run_foreground

        return run_foreground(
            port=args.port, reset=args.reset, now=now, data_dir=settings.sandbox_dir
        )
    if args.command == "demo":
        from patient_assistant.demo import main as demo_main

        return demo_main(settings, host=args.host, port=args.port, now=now)
    if args.command == "serve":
        from patient_assistant.serve import main as serve_main

        return serve_main(
            settings, host=args.host, port=args.port, telegram_polling=args.telegram_polling
        )
    if args.command == "migrate":
        from adapters.sql import migrate

        asyncio.run(migrate(settings.database_url))
        print("database is up to date")
        return 0
    if args.command == "rotate-keys":
        from patient_assistant.maintenance import rotate_keys

        print(f"{rotate_keys(settings)} message bodies re-encrypted")
        return 0
    if args.command == "purge":
        from patient_assistant.maintenance import purge

        print(f"{purge(settings, now)} message bodies purged")
        return 0
    if args.command in ("worker", "beat"):
        from patient_assistant.worker import worker_app

        app = worker_app(settings, now if args.command == "worker" else None)
        extra = ["--loglevel=INFO"]
        if args.command == "worker":
            extra += [f"--concurrency={args.concurrency}"] + (
                [f"--hostname={args.name}"] if args.name else []
            )
        else:
            Path(args.schedule).parent.mkdir(parents=True, exist_ok=True)
            extra.append(f"--schedule={args.schedule}")
        app.start([args.command, *extra])
        return 0
    if args.command == "jobs":
        from patient_assistant.jobs import run_due_once

        done = run_due_once(settings, now)
        print(
            f"{done.replies} replies sent, {done.invited} patients invited to fill in forms, "
            f"{done.results} patients told a result is ready, "
            f"{done.reminders} reminders queued, {done.sent} messages sent"
        )
        return 0
    if args.command == "practices":
        from patient_assistant import practices as practice_commands

        if args.action == "load":
            return practice_commands.load_command(settings, args.file)
        return practice_commands.list_command(settings)
    if args.command == "staff":
        from patient_assistant.staff_cli import main as staff_main

        return staff_main(settings, args)
    if args.command == "payments":
        from patient_assistant.payment_links import send_once

        status, said = send_once(settings, args.patient, args.invoice, now, args.practice)
        print(said)
        return status
    raise AssertionError(args.command)


if __name__ == "__main__":
    raise SystemExit(main())
