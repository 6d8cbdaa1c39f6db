"""The admin API runs in the staff API's rig (tests/staff/conftest.py): the app in process
with the real runtime, the FHIR sandbox, the real NLU, on SQLite or PostgreSQL."""

from tests.staff.conftest import make_staff_rig, rig

__all__ = ["make_staff_rig", "rig"]
