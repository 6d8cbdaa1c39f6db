"""What a feature module gives the engine: its actions, its outcomes' routes, audit and wording.

A feature (booking, consent, intake ...) keeps in one module of dialogs/features/ everything
the dialogue does for it: each action a flow can name (`ActionSpec`: its outcome names and
the domain command it issues), how each domain outcome it brings is kept in the state and
named for the flow (`routes`), the audit entries of that outcome (`audit`) and the text
placeholders it fills (`values`). dialogs/actions.py gathers the features into one registry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dialogs.context import TurnContext
from dialogs.state import State
from domain import commands as c

#: One audit record in the making: (action, subject, detail). `detail` carries ids, field
#: names, statuses and document versions, never a value the patient gave.
Entry = tuple[str, str, dict[str, Any]]


class MissingSlot(Exception):
    """A flow reached an action before collecting what it needs (a flow design mistake)."""


@dataclass(frozen=True)
class ActionSpec:
    """An action a flow's `action:` step can name."""

    name: str
    outcomes: tuple[str, ...]  # the names a flow routes (validated when flows load)
    command: Callable[[State, TurnContext], c.Command]


@dataclass(frozen=True)
class Feature:
    actions: tuple[ActionSpec, ...] = ()
    # outcome type -> keep what it brought in the state, and name it for the flow
    routes: Mapping[type, Callable[[Any, State], str]] = field(default_factory=dict)
    # outcome type -> its audit entries
    audit: Mapping[type, Callable[[Any], list[Entry]]] = field(default_factory=dict)
    # the text placeholders the feature's wording uses
    values: Callable[[State, TurnContext], dict[str, str]] | None = None
