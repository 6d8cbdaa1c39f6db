"""Shared fixtures. Each tier's fixtures live in tests/support/ and are registered here."""

pytest_plugins = [
    "tests.support.fhir",
    "tests.support.storage",
    "tests.support.nlu",
    "tests.support.worker",
]
