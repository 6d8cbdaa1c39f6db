"""Logging with bound context and tracebacks that carry no PHI.

Logs carry ids, kinds and outcomes, never what a patient wrote. An exception's message may
hold exactly that (a parser quoting its input, a server echoing a resource), so a failure is
logged with its type, the types of its causes and its frames (file, line, function), never
with `str(error)`, the repr of arguments or local variables; `log.exception` and
`exc_info=True` would print the message and are not used.

Context is bound with the standard library's `LoggerAdapter` (no structlog: one formatter
and nothing new to configure): `bind(log, conversation=cid, message=mid)` gives a logger
whose records start with `conversation=... message=...` and carry the same pairs as
`record.context` (a dict), for a JSON formatter to pick up.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping, MutableMapping
from typing import Any


class Bound(logging.LoggerAdapter):
    """A logger with context: ids only (conversation, message, task), never content."""

    def process(
        self, msg: Any, kwargs: MutableMapping[str, Any]
    ) -> tuple[Any, MutableMapping[str, Any]]:
        context: Mapping[str, object] = self.extra or {}
        # One attribute: "message" and others are LogRecord's own and cannot be set by `extra`.
        kwargs["extra"] = {**kwargs.get("extra", {}), "context": dict(context)}
        prefix = " ".join(f"{k}={v}" for k, v in context.items())
        return (f"{prefix} {msg}" if prefix else msg), kwargs

    def bind(self, **context: object) -> Bound:
        return Bound(self.logger, {**(self.extra or {}), **context})

    def failure(self, what: str, error: BaseException, level: int = logging.ERROR) -> None:
        """`what` failed: the error's type and a traceback without any exception message."""
        self.log(level, "%s (%s)\n%s", what, type(error).__name__, safe_traceback(error))


def bind(logger: logging.Logger, **context: object) -> Bound:
    return Bound(logger, dict(context))


def safe_traceback(error: BaseException) -> str:
    """The traceback of `error` and its causes, as Python prints it but without the messages:
    `Traceback ...`, the frames, then the exception's type alone."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[tuple[BaseException, str | None]] = []
    current: BaseException | None = error
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = (
                current.__cause__,
                "The above exception was the direct cause of the following:",
            )
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = (
                current.__context__,
                "During handling of the above exception, another occurred:",
            )
        else:
            current = None
    for exc, link in reversed(chain):
        frames = traceback.extract_tb(exc.__traceback__)
        if frames:
            lines.append("Traceback (most recent call last):")
            # File, line and function only: the line of code can be read in the source, and
            # a literal in it (a test's sample text) is not worth the risk.
            lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__} (message not logged)")
        if link:
            lines += ["", link, ""]
    return "\n".join(lines)
