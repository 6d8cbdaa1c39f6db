"""NLU test fixtures: the trained model, loaded (or trained) once per session."""

from __future__ import annotations

from datetime import datetime

import pytest

from nlu import NLU

#: Monday 2 March 2026, 09:00 wall-clock in New York.
NOW = datetime(2026, 3, 2, 9, 0)
TZ = "America/New_York"


@pytest.fixture(scope="session")
def nlu_model() -> NLU:
    """The NLU for the current training data (trains it on first use, then cached)."""
    return NLU.load()
