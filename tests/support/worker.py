"""What a Celery worker's app registers, looked at once per test session.

`worker_app_shown` (session): the beat schedule's entries (name -> task name) and the task
names the worker app (patient_assistant.worker) registers. It is read in a child process:
a second Celery app in the test process would re-register the first one's tasks (a
warning, so an error here). One child serves every test that asks: starting one imports
the whole assistant, which costs several seconds of CPU, so the intake and results tests
no longer start one each.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

PROBE = """
import json
from patient_assistant.settings import Settings
from patient_assistant.worker import worker_app

app = worker_app(Settings(_env_file=None, redis_url="redis://127.0.0.1:6379/15"))
schedule = {name: entry["task"] for name, entry in app.conf.beat_schedule.items()}
print(json.dumps({"beat": schedule, "tasks": sorted(app.tasks)}))
"""


@dataclass(frozen=True)
class WorkerApp:
    beat: dict[str, str]  # beat schedule entry -> the task it sends
    tasks: frozenset[str]  # the tasks a worker runs


@pytest.fixture(scope="session")
def worker_app_shown() -> WorkerApp:
    shown = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300, check=True
    )
    found = json.loads(shown.stdout.strip().splitlines()[-1])
    return WorkerApp(found["beat"], frozenset(found["tasks"]))
