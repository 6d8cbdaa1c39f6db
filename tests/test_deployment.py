"""The deployment files stay valid: docker-compose.yml against the Compose specification (offline);
the test command lints, then tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_is_valid_compose_spec() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_the_production_shape() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"postgres", "redis", "fhir", "api", "worker", "beat"} <= set(services)
    commands = {
        name: services[name]["command"][:2] for name in ("api", "worker", "beat", "migrate")
    }
    assert commands == {
        "api": ["patient-assistant", "serve"],
        "worker": ["patient-assistant", "worker"],
        "beat": ["patient-assistant", "beat"],
        "migrate": ["patient-assistant", "migrate"],
    }


def _run_test_command(tmp_path: Path, failing_tool: str = "") -> tuple[int, list[str], str]:
    """scripts/test run as a copy whose service tools answer as stopped services would until
    started, and whose set-up, linters and pytest only say they ran (``failing_tool`` fails).

    PostgreSQL and Redis on this machine are shared and stay up, hence the stand-ins.
    """
    bin_dir, project = tmp_path / "bin", tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    (project / ".venv" / "bin").mkdir(parents=True)
    bin_dir.mkdir()
    calls = tmp_path / "calls"

    def stub(path: Path, body: str) -> None:
        path.write_text(f"#!/usr/bin/env bash\n{body}\n")
        path.chmod(0o755)

    # Each service answers once its start command has run, as the real ones do.
    for start, probe in (("pg_ctlcluster", "pg_isready"), ("redis-server", "redis-cli")):
        stub(bin_dir / start, f'echo "{start} $*" >> {calls}; touch {tmp_path / start}.up')
        stub(bin_dir / probe, f"[ -e {tmp_path / start}.up ]")
    for script in ("setup", "setup-browser", "setup-medplum"):
        stub(project / "scripts" / script, f'echo "{script}" >> {calls}')
    for tool in ("python", "ruff", "mypy"):
        exit_code = 1 if tool == failing_tool else 0
        said = f"{tool}${{*:+ $*}}"  # "mypy", or "ruff check ." with its arguments
        stub(project / ".venv" / "bin" / tool, f'echo "{said}" >> {calls}; exit {exit_code}')
    shutil.copy(ROOT / "scripts" / "test", project / "scripts" / "test")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = subprocess.run(
        [str(project / "scripts" / "test"), "-q"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    return result.returncode, calls.read_text().splitlines(), result.stdout + result.stderr


def test_the_test_command_starts_postgresql_and_redis_when_installed_but_stopped(
    tmp_path: Path,
) -> None:
    if not Path("/etc/postgresql").is_dir():
        pytest.skip("no Debian PostgreSQL cluster here")
    returncode, ran, output = _run_test_command(tmp_path)
    assert returncode == 0, output
    assert ran[0].startswith("pg_ctlcluster --skip-systemctl-redirect") and ran[0].endswith(
        "main start"
    )
    assert ran[1].startswith("redis-server --daemonize yes --bind 127.0.0.1")
    # The NLU model is trained (when missing) in the background alongside the browser set-up,
    # lint and the tests, so its line falls anywhere among theirs, but always after set-up.
    # pytest runs on two workers.
    train = "python -m nlu train --if-missing"
    pytest_run = "python -m pytest -n 2 -q"
    assert ran[2] == "setup" and pytest_run in ran and train in ran[3:]
    assert [line for line in ran[2:] if line != train] == [
        "setup",
        "setup-browser",
        "setup-medplum",
        "ruff check .",
        "ruff format --check .",
        "mypy",
        pytest_run,
    ]


@pytest.mark.parametrize("failing_tool", ["ruff", "mypy"])
def test_the_test_command_stops_before_pytest_when_lint_fails(
    tmp_path: Path, failing_tool: str
) -> None:
    if not Path("/etc/postgresql").is_dir():
        pytest.skip("no Debian PostgreSQL cluster here")
    returncode, ran, output = _run_test_command(tmp_path, failing_tool)
    assert returncode != 0
    assert "lint failed" in output
    # Every check still runs, so one run reports all of them; pytest does not.
    assert [line for line in ran if not line.startswith("python -m nlu")][-3:] == [
        "ruff check .",
        "ruff format --check .",
        "mypy",
    ]
    assert not any(line.startswith("python -m pytest") for line in ran)


def test_ci_runs_the_readmes_test_command() -> None:
    assert "exec scripts/test -q" in (ROOT / ".ci" / "run").read_text()
