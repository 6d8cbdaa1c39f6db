"""The contract tests' fixtures: `side` is each implementation of the FHIR-side ports."""

from tests.ports.sides import side, side_server

__all__ = ["side", "side_server"]
