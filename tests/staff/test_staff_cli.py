"""`patient-assistant staff add | list | disable` as a practice runs it: a subprocess on the
same database as the API, the password on standard input and never echoed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.staff.conftest import StaffRig

pytestmark = [pytest.mark.fhir, pytest.mark.slow]

CLI = str(Path(sys.executable).with_name("patient-assistant"))
NEW_PASSWORD = "seven tulips by the window"


def staff(rig: StaffRig, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": rig.settings.database_url, "ENVIRONMENT": "development"}
    return subprocess.run(
        [CLI, "staff", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


async def test_staff_add_reads_the_password_from_stdin_and_the_api_accepts_it(
    rig: StaffRig,
) -> None:
    added = staff(
        rig,
        "add",
        "Bo@Riverside.example",
        "--practice",
        "riverside",
        "--role",
        "staff",
        stdin=NEW_PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "bo@riverside.example" in added.stdout
    assert NEW_PASSWORD not in added.stdout + added.stderr
    assert (await rig.login("bo@riverside.example", NEW_PASSWORD)).status_code == 200
    assert (await rig.login("bo@riverside.example", NEW_PASSWORD + "\n")).status_code == 401

    listed = staff(rig, "list", "--practice", "riverside")
    assert listed.returncode == 0
    assert listed.stdout.split("\t")[:4] == ["bo@riverside.example", "riverside", "staff", "active"]

    disabled = staff(rig, "disable", "bo@riverside.example")
    assert disabled.returncode == 0, disabled.stderr
    assert (await rig.login("bo@riverside.example", NEW_PASSWORD)).status_code == 401
    assert "\tdisabled\t" in staff(rig, "list").stdout
    trail = [r.action for r in await rig.audit()]
    assert trail[0] == "staff.account_added" and "staff.account_disabled" in trail


# The refusals happen before the database is touched; one backend is enough for them (the
# command's writes are tested on both above).
@pytest.mark.parametrize("storage_backend", ["sqlite"])
@pytest.mark.parametrize(
    ("password", "why"),
    [pytest.param("", "empty", id="empty"), pytest.param("tulips\n", "shorter", id="short")],
)
async def test_staff_add_refuses_a_weak_password_without_repeating_it(
    rig: StaffRig, password: str, why: str
) -> None:
    refused = staff(
        rig,
        "add",
        "carla@riverside.example",
        "--practice",
        "riverside",
        "--role",
        "admin",
        stdin=password,
    )
    assert refused.returncode == 1
    assert why in refused.stderr
    assert "tulips" not in refused.stdout + refused.stderr
    assert "carla@riverside.example" not in staff(rig, "list").stdout


@pytest.mark.parametrize("storage_backend", ["sqlite"])  # the rule is the storage contract's
async def test_one_email_is_one_login_whichever_practice(rig: StaffRig) -> None:
    await rig.add("dee@clinic.example", practice="riverside")
    again = staff(
        rig,
        "add",
        "DEE@clinic.example",
        "--practice",
        "thames-physio",
        "--role",
        "staff",
        stdin=NEW_PASSWORD + "\n",
    )
    assert again.returncode == 1
    assert "already has an account" in again.stderr
