"""Shared fixtures. Each tier's fixtures live in tests/support/ and are registered here."""

from __future__ import annotations

import pytest

pytest_plugins = [
    "tests.support.fhir",
    "tests.support.medplum",
    "tests.support.storage",
    "tests.support.nlu",
    "tests.support.worker",
]

#: The fixtures that load the trained NLU model (tests/support/nlu.py, tests/nlu/conftest.py and
#: one module's own).
MODEL_FIXTURES = frozenset({"nlu", "nlu_model"})


def needs_model(item: pytest.Item) -> bool:
    """Whether ``item`` loads the trained NLU model: through a fixture, or (marked ``nlu_model``)
    in a process it starts."""
    return bool(MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ()))) or (
        item.get_closest_marker("nlu_model") is not None
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that need the trained model run last; in each part the slow ones first, and
    otherwise in their usual order.

    On a clean clone ``scripts/test`` trains the model in the background while the other tests
    run; the first test to need it waits for that training (``nlu.pipeline.ensure_model``) rather
    than holding up every test behind it. Slow tests first: with two xdist workers, a minute-long
    test left to the end keeps one worker busy while the other has nothing left to do."""
    items.sort(key=lambda item: (needs_model(item), item.get_closest_marker("slow") is None))
