"""A version number larger than the database holds is the caller's mistake (422), on every
route that takes one; it was a database error (500) on PostgreSQL, whose column is 32-bit
(schemathesis asked for version 15564418367832214)."""

from __future__ import annotations

import pytest

from tests.admin.helpers import admin
from tests.staff.conftest import StaffRig

TOO_LARGE = 2**31  # one past PostgreSQL's integer

ROUTES = [
    ("GET", f"/admin/api/versions/{TOO_LARGE}", None),
    ("GET", f"/admin/api/flows/book_appointment?version={TOO_LARGE}", None),
    ("GET", f"/admin/api/versions/diff?from=1&to={TOO_LARGE}", None),
    ("POST", f"/admin/api/flows/test?version={TOO_LARGE}", None),
    ("POST", f"/admin/api/versions/{TOO_LARGE}/publish", None),
    ("POST", f"/admin/api/versions/{TOO_LARGE}/rollback", None),
    ("POST", "/admin/api/rollback", {"to": TOO_LARGE}),
    ("POST", "/admin/api/try", {"version": TOO_LARGE, "message": "hi"}),
]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
async def test_a_version_number_too_large_is_a_422(
    rig: StaffRig,
    method: str,
    path: str,
    body: dict | None,  # type: ignore[type-arg]
) -> None:
    headers = await admin(rig, "ada@riverside.example")
    answer = await rig.client.request(method, path, json=body, headers=headers)
    assert answer.status_code == 422, answer.text


async def test_the_largest_number_is_answered_as_a_missing_version(rig: StaffRig) -> None:
    headers = await admin(rig, "ada@riverside.example")
    answer = await rig.client.get(f"/admin/api/versions/{TOO_LARGE - 1}", headers=headers)
    assert answer.status_code == 404, answer.text
