"""The patient-assistant command, settings and the one composition root (bootstrap)."""
