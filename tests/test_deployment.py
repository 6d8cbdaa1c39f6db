"""The deployment files stay valid: docker-compose.yml against the Compose specification (offline)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_is_valid_compose_spec() -> None:
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(ROOT / "docker-compose.yml")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_the_production_shape() -> None:
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"postgres", "redis", "fhir", "api", "worker", "beat"} <= set(services)
    commands = {name: services[name]["command"][:2] for name in ("api", "worker", "beat", "migrate")}
    assert commands == {
        "api": ["patient-assistant", "serve"],
        "worker": ["patient-assistant", "worker"],
        "beat": ["patient-assistant", "beat"],
        "migrate": ["patient-assistant", "migrate"],
    }
