"""``patient-assistant nlu parse|train|evaluate``: the contract's command-line interface."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import IO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise _Usage(f"{self.prog}: error: {message}")


class _Usage(Exception):
    pass


def _build() -> argparse.ArgumentParser:
    p = _Parser(prog="patient-assistant nlu", description="Parse, train and evaluate the NLU.")
    sub = p.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    ps = sub.add_parser("parse", help="JSON lines out for messages in, one per line")
    ps.add_argument("--now", help="reference time, ISO-8601 (default: the real clock)")
    ps.add_argument(
        "--tz", default="America/New_York", help="IANA time zone (default America/New_York)"
    )
    ps.add_argument("--lang", default="en", help="message language (default en)")
    ps.add_argument(
        "--locale", default="en-US", help="practice locale for numeric dates (default en-US)"
    )
    ps.add_argument("--model-dir", type=Path, help="model cache root (default .models/)")
    tr = sub.add_parser("train", help="rebuild the model for the current training data")
    tr.add_argument("--model-dir", type=Path)
    tr.add_argument(
        "--if-missing", action="store_true", help="only train when no cached model matches the data"
    )
    ev = sub.add_parser(
        "evaluate", help="held-out split, blind sets and development sets -> reports"
    )
    ev.add_argument(
        "--out", type=Path, default=Path("reports"), help="report directory (default reports/)"
    )
    ev.add_argument(
        "--benchmarks",
        type=Path,
        help="development sets directory (default $PATIENT_ASSISTANT_BENCHMARKS or data/nlu/benchmarks)",
    )
    ev.add_argument("--model-dir", type=Path)
    return p


def _now(value: str | None, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    if value is None:
        return datetime.now(zone)
    dt = datetime.fromisoformat(value)
    return dt.replace(tzinfo=zone) if dt.tzinfo is None else dt.astimezone(zone)


def _parse_stream(args: argparse.Namespace, stdin: IO[bytes], stdout: IO[str]) -> int:
    from nlu.contract import parse_within_bounds
    from nlu.pipeline import NLU
    from nlu.types import Parse

    nlu = NLU.load(args.model_dir)
    for raw in stdin:
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            text = ""
        now = _now(args.now, args.tz)
        if not text.strip():
            result = Parse(text, "out_of_scope", 1.0, (("out_of_scope", 1.0),))
        else:
            result = parse_within_bounds(
                nlu.parse, text, now=now, tz=args.tz, lang=args.lang, locale=args.locale
            )
        stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: list[str]) -> int:
    """Run ``nlu parse|train|evaluate`` with ``argv`` (without the program name); returns the exit code."""
    try:
        args = _build().parse_args(argv)
    except _Usage as e:
        print(str(e), file=sys.stderr)
        return 2
    except SystemExit as e:  # --help
        return int(e.code or 0)
    if args.cmd == "parse":
        try:
            ZoneInfo(args.tz)
            _now(args.now, args.tz)
        except (ZoneInfoNotFoundError, ValueError) as e:
            print(f"patient-assistant nlu parse: error: bad --now or --tz ({e})", file=sys.stderr)
            return 2
        from nlu.contract import language_problem

        problem = language_problem(args.lang)
        if problem:
            print(f"patient-assistant nlu parse: error: bad --lang ({problem})", file=sys.stderr)
            return 2
        return _parse_stream(args, sys.stdin.buffer, sys.stdout)
    if args.cmd == "train":
        from nlu.pipeline import ensure_model

        path = ensure_model(args.model_dir, force=not args.if_missing)
        print(f"model: {path}")
        return 0
    from nlu.evaluation import evaluate_all, to_markdown, write_reports
    from nlu.pipeline import NLU

    report = evaluate_all(NLU.load(args.model_dir), args.benchmarks)
    j, m = write_reports(report, args.out)
    sys.stdout.write(to_markdown(report).split("\n\n| intent")[0] + "\n")
    print(f"reports: {j} {m}")
    return 0
