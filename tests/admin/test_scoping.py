"""Every admin route, one by one: 401 without a token, 403 with a staff-role token, and for
another practice's admin none of this practice's versions (404) nor its edits."""

from __future__ import annotations

import pytest

from tests.admin.helpers import admin, ok, staff
from tests.staff.conftest import StaffRig, bearer

FLOW = "id: flu_clinic\ntriggers: [book_appointment]\nsteps:\n  - id: hi\n    say: {en: Flu jabs on Saturdays.}\n    end: true\n"

#: (method, path, JSON body) of every admin route.
ROUTES = [
    ("GET", "/admin/api/flows/schema", None),
    ("GET", "/admin/api/flows", None),
    ("GET", "/admin/api/flows/book_appointment", None),
    ("POST", "/admin/api/flows/validate", {"source": FLOW}),
    ("PUT", "/admin/api/flows/flu_clinic", {"source": FLOW}),
    ("PUT", "/admin/api/texts/extra", {"source": "flu: {en: Flu jabs.}\n"}),
    ("POST", "/admin/api/flows/test", None),
    ("GET", "/admin/api/versions", None),
    ("GET", "/admin/api/versions/1", None),
    ("GET", "/admin/api/versions/diff?from=1&to=1", None),
    ("POST", "/admin/api/versions/1/publish", None),
    ("POST", "/admin/api/versions/1/rollback", None),
    ("POST", "/admin/api/rollback", {"to": 1}),
]
IDS = [f"{m} {p}" for m, p, _ in ROUTES]


@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=IDS)
async def test_every_admin_route_refuses_no_token_and_a_staff_token(
    rig: StaffRig,
    method: str,
    path: str,
    body: dict | None,  # type: ignore[type-arg]
) -> None:
    anonymous = await rig.client.request(method, path, json=body)
    assert anonymous.status_code == 401
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    forged = await rig.client.request(method, path, json=body, headers=bearer("not-a-token"))
    assert forged.status_code == 401
    headers = await staff(rig, "bo@riverside.example")
    refused = await rig.client.request(method, path, json=body, headers=headers)
    assert refused.status_code == 403, refused.text
    assert refused.json()["detail"] == "this needs an admin account"
    async with rig.runtime.storage.reading() as uow:
        assert await uow.flow_versions.latest_number("riverside") in (None, 1)  # nothing saved


ANOTHER_PRACTICES = [
    ("GET", "/admin/api/versions/2", None),
    ("GET", "/admin/api/flows/flu_clinic?version=2", None),
    ("GET", "/admin/api/versions/diff?from=1&to=2", None),
    ("POST", "/admin/api/versions/2/publish", None),
    ("POST", "/admin/api/versions/2/rollback", None),
    ("POST", "/admin/api/rollback", {"to": 2}),
    ("POST", "/admin/api/flows/test?version=2", None),
]


@pytest.mark.parametrize(
    ("method", "path", "body"), ANOTHER_PRACTICES, ids=[f"{m} {p}" for m, p, _ in ANOTHER_PRACTICES]
)
async def test_another_practices_version_is_a_404_and_changes_nothing(
    rig: StaffRig,
    method: str,
    path: str,
    body: dict | None,  # type: ignore[type-arg]
) -> None:
    ann = await admin(rig, "ann@riverside.example")
    saved = ok(
        await rig.client.put("/admin/api/flows/flu_clinic", json={"source": FLOW}, headers=ann), 201
    )
    assert saved["number"] == 2
    theirs = await admin(rig, "tess@thames.example", practice="thames-physio")
    answer = await rig.client.request(method, path, json=body, headers=theirs)
    assert answer.status_code == 404, answer.text
    # Their own flow set is the shipped one, untouched by riverside's edit.
    listed = ok(await rig.client.get("/admin/api/versions", headers=theirs))
    assert [v["number"] for v in listed["versions"]] == [1]
    flows = ok(await rig.client.get("/admin/api/flows", headers=theirs))
    assert "flu_clinic" not in {f["name"] for f in flows["flows"]}
    assert flows["draft_version"] is None
    # And riverside's live version is still its first: nothing was published for it.
    mine = ok(await rig.client.get("/admin/api/versions", headers=ann))
    assert mine["live_version"] == 1 and [p["number"] for p in mine["publications"]] == [1]
