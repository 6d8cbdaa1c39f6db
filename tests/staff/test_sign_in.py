"""Staff sign-in through the real API (ASGI), on SQLite and PostgreSQL: tokens, wrong
passwords, lock-out, expiry, idle expiry, logout, and 401 for everything else."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest

from adapters.sql import SqlStorage
from adapters.staff_auth import token_key
from bot.staff_access import NotAuthenticated, StaffMember
from patient_assistant.bootstrap import staff_access, staff_accounts
from tests.staff.conftest import PASSWORD, SECRET, MakeRig, StaffRig, bearer
from tests.support.fhir import TEST_NOW

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

ANN = "ann@riverside.example"


def minutes(n: float) -> dt.timedelta:
    return dt.timedelta(minutes=n)


def actions(trail: list[object]) -> list[str]:
    return [r.action for r in trail]  # type: ignore[attr-defined]


async def test_a_staff_member_signs_in_and_the_token_says_who_and_where(rig: StaffRig) -> None:
    ann = await rig.add(ANN, role="admin")
    answer = await rig.login("Ann@Riverside.example ", PASSWORD)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 60 * 60
    assert answer.headers["cache-control"] == "no-store"
    claims = jwt.decode(
        body["access_token"],
        token_key(SECRET),
        algorithms=["HS256"],
        options={"verify_exp": False, "verify_iat": False},
    )
    assert claims["sub"] == ann.id and claims["practice"] == "riverside"
    assert claims["role"] == "admin" and len(claims["jti"]) == 32
    assert claims["iat"] == int(TEST_NOW.timestamp())
    assert claims["exp"] == int((TEST_NOW + minutes(60)).timestamp())

    me = await rig.me(body["access_token"])
    assert me.status_code == 200
    assert me.json() == {"id": ann.id, "email": ANN, "practice": "riverside", "role": "admin"}
    trail = await rig.audit()
    assert actions(trail) == ["staff.account_added", "staff.signed_in"]
    assert trail[-1].actor == f"staff:{ann.id}" and trail[-1].detail["token"] == claims["jti"]


async def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(rig: StaffRig) -> None:
    ann = await rig.add(ANN)
    wrong = await rig.login(ANN, "not the password at all")
    unknown = await rig.login("nobody@riverside.example", PASSWORD)
    empty = await rig.login(ANN, "")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"] == "Bearer"
    assert empty.status_code in (401, 422)  # the form itself refuses an empty password
    failed = [r for r in await rig.audit() if r.action == "staff.login_failed"]
    assert [r.detail["reason"] for r in failed] == ["wrong_password"]
    assert failed[0].subject == f"StaffAccount/{ann.id}"
    (stranger,) = [r for r in await rig.audit("-") if r.action == "staff.login_failed"]
    assert stranger.detail["reason"] == "unknown_account"
    everything = repr(await rig.audit()) + repr(await rig.audit("-"))
    assert "not the password" not in everything and PASSWORD not in everything
    assert "nobody@" not in everything


async def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(rig: StaffRig) -> None:
    await rig.add(ANN)
    for _ in range(5):
        assert (await rig.login(ANN, "guessing wrongly again")).status_code == 401
    locked = await rig.login(ANN, PASSWORD)
    assert locked.status_code == 401, "the right password does not open a locked account"
    assert locked.json() == (await rig.login("nobody@x.example", PASSWORD)).json()
    trail = await rig.audit()
    assert actions(trail).count("staff.locked_out") == 1
    assert [r.detail["reason"] for r in trail if r.action == "staff.login_failed"][-1] == "locked"

    rig.clock.advance(minutes(14))
    assert (await rig.login(ANN, PASSWORD)).status_code == 401
    rig.clock.advance(minutes(1))
    assert (await rig.login(ANN, PASSWORD)).status_code == 200
    # The count started again: four more failures do not lock it.
    for _ in range(4):
        await rig.login(ANN, "guessing wrongly again")
    assert (await rig.login(ANN, PASSWORD)).status_code == 200


async def test_an_expired_token_gets_401(make_staff_rig: MakeRig) -> None:
    async with make_staff_rig(staff_idle_minutes=600, staff_token_minutes=60) as rig:
        await rig.add(ANN)
        token = await rig.token(ANN)
        rig.clock.advance(minutes(59))
        assert (await rig.me(token)).status_code == 200
        rig.clock.advance(minutes(1))
        expired = await rig.me(token)
    assert expired.status_code == 401
    assert expired.headers["www-authenticate"] == 'Bearer error="invalid_token"'


async def test_a_token_left_idle_expires_and_stays_expired(make_staff_rig: MakeRig) -> None:
    async with make_staff_rig(staff_idle_minutes=30, staff_token_minutes=600) as rig:
        await rig.add(ANN)
        token = await rig.token(ANN)
        for _ in range(3):  # in use for 45 minutes: never idle for 30
            rig.clock.advance(minutes(15))
            assert (await rig.me(token)).status_code == 200
        rig.clock.advance(minutes(31))
        idle = await rig.me(token)
        assert idle.status_code == 401
        assert idle.headers["www-authenticate"] == 'Bearer error="invalid_token"'
        # Signing in again makes a new token; the idle one stays dead.
        fresh = await rig.token(ANN)
        assert (await rig.me(fresh)).status_code == 200
        assert (await rig.me(token)).status_code == 401
        assert "staff.session_idle" in actions(await rig.audit())


async def test_logout_revokes_the_token_for_every_api_process(rig: StaffRig) -> None:
    await rig.add(ANN)
    token, other = await rig.token(ANN), await rig.token(ANN)
    # A second API process: its own engine and sign-in service on the same database.
    storage = SqlStorage(rig.settings.database_url)
    elsewhere = staff_access(rig.settings, storage, rig.clock)
    try:
        assert isinstance(await elsewhere.authenticate(token), StaffMember)
        answer = await rig.client.post("/staff/api/logout", headers=bearer(token))
        assert answer.status_code == 204
        assert (await rig.me(token)).status_code == 401
        with pytest.raises(NotAuthenticated, match="revoked"):
            await elsewhere.authenticate(token)
    finally:
        await storage.close()
    assert (await rig.me(other)).status_code == 200, "only the token used is revoked"
    assert "staff.signed_out" in actions(await rig.audit())


async def test_a_disabled_account_cannot_sign_in_and_its_tokens_stop(rig: StaffRig) -> None:
    await rig.add(ANN)
    token = await rig.token(ANN)
    assert await staff_accounts(rig.runtime.storage, rig.clock).disable(ANN) == 1
    assert (await rig.me(token)).status_code == 401
    assert (await rig.login(ANN)).status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-token"),
        pytest.param({"Authorization": "Bearer"}, id="empty"),
        pytest.param({"Authorization": "Basic YW5uOnB3"}, id="basic"),
        pytest.param(bearer("not.a.jwt"), id="garbage"),
        pytest.param(
            bearer(jwt.encode({"sub": "x"}, "another key of 32 bytes or more!!", "HS256")),
            id="foreign-key",
        ),
    ],
)
async def test_requests_without_a_good_token_get_401(
    rig: StaffRig, headers: dict[str, str]
) -> None:
    for answer in (
        await rig.client.get("/staff/api/me", headers=headers),
        await rig.client.post("/staff/api/logout", headers=headers),
    ):
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"].startswith("Bearer")


async def test_a_token_with_the_right_key_but_no_session_or_alg_none_is_refused(
    rig: StaffRig,
) -> None:
    ann = await rig.add(ANN)
    claims = {
        "sub": ann.id,
        "practice": "riverside",
        "role": "admin",
        "jti": "made-up",
        "iat": int(TEST_NOW.timestamp()),
        "exp": int((TEST_NOW + minutes(60)).timestamp()),
    }
    forged = jwt.encode(claims, token_key(SECRET), "HS256")
    unsigned = jwt.encode(claims, None, "none")
    assert (await rig.me(forged)).status_code == 401
    assert (await rig.me(unsigned)).status_code == 401


# api/webhooks/fhir_results.py takes POST and PUT on one route, which FastAPI documents
# under one operation id twice, with a warning; not this slice's to change.
@pytest.mark.filterwarnings("ignore:Duplicate Operation ID:UserWarning")
async def test_openapi_documents_the_staff_api_and_its_security(rig: StaffRig) -> None:
    spec = (await rig.client.get("/openapi.json")).json()
    scheme = spec["components"]["securitySchemes"]["StaffBearer"]
    assert scheme["type"] == "oauth2"
    assert scheme["flows"]["password"]["tokenUrl"] == "/staff/api/token"
    me = spec["paths"]["/staff/api/me"]["get"]
    assert me["security"] == [{"StaffBearer": []}] and me["tags"] == ["staff sign-in"]
    for path in ("/staff/api/conversations", "/staff/api/conversations/{conversation_id}"):
        route = spec["paths"][path]["get"]
        assert route["security"] == [{"StaffBearer": []}]
        assert route["tags"] == ["staff conversations"]
    form = spec["paths"]["/staff/api/token"]["post"]["requestBody"]["content"]
    assert "application/x-www-form-urlencoded" in form
