"""Rasa YAML NLU training data: intents with examples, entities inline as [text](entity).

Also accepts Rasa's ``[text]{"entity": "name"}`` form, with its optional ``"value"`` and
``"role"`` (``[friday]{"entity": "datetime", "role": "existing"}``: a date naming a booked visit). Only ``nlu:`` items with
``intent`` and ``examples`` are read; synonyms, lookups and regexes are ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

_ANNOT = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<ent>[a-z_]+)(?::[^)]*)?\)|\{(?P<json>[^}]*)\})")


@dataclass(frozen=True)
class Span:
    """An annotated entity: character offsets into the plain text, end exclusive."""

    entity: str
    start: int
    end: int
    text: str
    value: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Example:
    """One training or evaluation message."""

    text: str
    intent: str
    spans: tuple[Span, ...] = field(default_factory=tuple)


class TrainingDataError(ValueError):
    """A training data file is malformed; the message names the file and the fix."""


def parse_annotated(line: str) -> tuple[str, tuple[Span, ...]]:
    """Plain text and entity spans of one Rasa example line."""
    out, spans, pos = [], [], 0
    for m in _ANNOT.finditer(line):
        out.append(line[pos : m.start()])
        start = sum(len(p) for p in out)
        ent, value, role = m["ent"], None, None
        if ent is None:
            try:
                meta = json.loads("{" + m["json"] + "}")
                ent, value, role = meta["entity"], meta.get("value"), meta.get("role")
            except (ValueError, KeyError) as e:
                raise TrainingDataError(
                    f"bad entity annotation {m.group()!r}: use [text](entity)"
                ) from e
        out.append(m["text"])
        spans.append(Span(ent, start, start + len(m["text"]), m["text"], value, role))
        pos = m.end()
    out.append(line[pos:])
    return "".join(out), tuple(spans)


def load_file(path: Path) -> list[Example]:
    """Examples of one Rasa NLU YAML file."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise TrainingDataError(f"{path}: not valid YAML ({e})") from e
    out: list[Example] = []
    for item in doc.get("nlu", []) or []:
        if "intent" not in item:
            continue
        examples = item.get("examples", "")
        if not isinstance(examples, str):
            raise TrainingDataError(
                f"{path}: intent {item['intent']!r}: 'examples' must be a '|' block of '- ' lines"
            )
        for raw in examples.splitlines():
            raw = raw.strip()
            if not raw:
                continue
            if not raw.startswith("- "):
                raise TrainingDataError(
                    f"{path}: intent {item['intent']!r}: line {raw!r} must start with '- '"
                )
            text, spans = parse_annotated(raw[2:].strip())
            out.append(Example(text, item["intent"], spans))
    return out


def load_dir(paths: Iterable[Path]) -> list[Example]:
    """Examples of several files, in the order given."""
    out: list[Example] = []
    for p in paths:
        out.extend(load_file(p))
    return out


def data_hash(paths: Iterable[Path], extra: str = "") -> str:
    """SHA-256 over file names and contents (sorted) plus ``extra`` (the training recipe version)."""
    h = hashlib.sha256(extra.encode())
    for p in sorted(paths, key=lambda p: p.name):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
