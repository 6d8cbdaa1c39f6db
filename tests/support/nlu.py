"""The trained NLU, loaded once per test session (trained first if the data changed)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlu():  # type: ignore[no-untyped-def]
    from nlu.pipeline import NLU

    return NLU.load()
