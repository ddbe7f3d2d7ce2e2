"""Ctrl-C during `migrate run`: SIGINT sent to a real run by its pid stops
new work, waits for or cancels the running slices, and exits 130 with a
partial summary and a journal with no slice left running."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migrate.commit import init_repository

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = ("ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT")
SUMMARY = re.compile(
    r"^7 slices in [\d.]+s: \d+ verified, 0 already verified, 0 failed, "
    r"0 blocked, \d+ not started$",
    re.MULTILINE,
)


def cobol_program(name: str) -> str:
    return (
        "       IDENTIFICATION DIVISION.\n"
        f"       PROGRAM-ID. {name}.\n"
        "       PROCEDURE DIVISION.\n"
        f'           DISPLAY "{name} RAN"\n'
        "           STOP RUN.\n"
    )


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    for name in PROGRAMS:
        (root / f"cobol/{name}.cbl").write_text(cobol_program(name))
    init_repository(root, "Add the estate")
    return root


def states(root: Path) -> dict[str, str]:
    path = root / ".migrate/journal.sqlite"
    if not path.is_file():
        return {}
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = connection.execute("SELECT slice_id, state FROM slices").fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        connection.close()
    return {str(sid): str(state) for sid, state in rows}


def start_run(root: Path, grace: float) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env.pop("CI", None)
    env["COLUMNS"] = "250"
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "migrate",
            "run",
            str(root),
            "--agents",
            "1",
            "--interrupt-grace",
            str(grace),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_running(root: Path, process: subprocess.Popen[str]) -> str:
    """Wait until a program slice runs and return its id."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before the interrupt"
        running = [
            sid
            for sid, state in states(root).items()
            if state == "running" and sid != "runtime"
        ]
        if running:
            return running[0]
        time.sleep(0.02)
    raise AssertionError("no slice started within 300 seconds")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def test_sigint_finishes_running_slice(estate: Path) -> None:
    process = start_run(estate, grace=300)
    running = wait_for_running(estate, process)
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=600)

    assert process.returncode == 130, stderr[-3000:]
    assert SUMMARY.search(stderr), stderr[-3000:]
    assert "interrupted: no new slice starts" in stderr
    assert f"interrupted: run 'migrate run {estate}' again to go on" in stderr
    journal = states(estate)
    assert "running" not in journal.values()
    # The slice that ran at the interrupt had time to finish.
    assert journal[running] == "verified"
    assert "pending" in journal.values()
    branches = git(estate, "branch", "--list", "migrate/*").split()
    verified = [sid for sid, state in journal.items() if state == "verified"]
    assert sorted(branches) == sorted(
        [f"migrate/{sid}" for sid in verified] + ["migrate/integration"]
    )


def test_second_sigint_cancels_at_once(estate: Path) -> None:
    process = start_run(estate, grace=300)
    running = wait_for_running(estate, process)
    os.kill(process.pid, signal.SIGINT)
    time.sleep(0.2)
    os.kill(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=600)

    assert process.returncode == 130, stderr[-3000:]
    assert SUMMARY.search(stderr), stderr[-3000:]
    assert "cancelling the running slices" in stderr
    journal = states(estate)
    assert "running" not in journal.values()
    # The slice was cancelled rather than waited for.
    assert journal[running] == "pending"

    # The next run goes on where this one stopped.
    again = start_run(estate, grace=300)
    _, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr[-3000:]
    assert set(states(estate).values()) == {"verified"}
