"""FHIR sandbox fixtures (owned by the FHIR adapter work)."""
