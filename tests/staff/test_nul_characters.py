"""A NUL character, which PostgreSQL refuses in text, is the caller's mistake: a refused
sign-in (401) or a 422, never a 500 (schemathesis sent them as a username and a filter)."""

from __future__ import annotations

from tests.staff.conftest import StaffRig, bearer


async def test_a_username_or_password_with_a_nul_is_refused_as_any_wrong_one(rig: StaffRig) -> None:
    await rig.add("ann@riverside.example")
    for username, password in (("ann@riverside.example\x00", "x"), ("\x00", "x")):
        answer = await rig.login(username, password)
        assert answer.status_code == 401, answer.text
    assert (await rig.login("ann@riverside.example", "a\x00b")).status_code == 401
    assert (await rig.login("ann@riverside.example")).status_code == 200


async def test_a_queue_filter_with_a_nul_is_a_422(rig: StaffRig) -> None:
    await rig.add("ann@riverside.example")
    headers = bearer(await rig.token("ann@riverside.example"))
    for params in ({"channel": "\x00áù"}, {"assignee": "a\x00"}):
        answer = await rig.client.get("/staff/api/conversations", params=params, headers=headers)
        assert answer.status_code == 422, answer.text
    mine = await rig.client.get(
        "/staff/api/conversations", params={"channel": "sms", "assignee": "me"}, headers=headers
    )
    assert mine.status_code == 200
