"""Storage tests: one contract per port over every backend, plus SQL-specific checks."""

import pytest

# The contract lives in tests/storage/contract/*; rewrite its asserts for useful failures.
pytest.register_assert_rewrite("tests.storage.contract")
