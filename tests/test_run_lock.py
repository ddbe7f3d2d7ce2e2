"""The run lock: a second `migrate run` on an estate that one is running on
stops with exit 2, and the lock of a killed run does not block the next."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migrate.commit import init_repository
from migrate.schedule.session import COMMIT_PAUSE_VARIABLE

REPO = Path(__file__).resolve().parent.parent


def cobol_program(name: str) -> str:
    return (
        "       IDENTIFICATION DIVISION.\n"
        f"       PROGRAM-ID. {name}.\n"
        "       PROCEDURE DIVISION.\n"
        f'           DISPLAY "{name} RAN"\n'
        "           STOP RUN.\n"
    )


def environment(commit_pause: float = 0.0) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CI", None)
    # Wide enough that rich never wraps a message line.
    env["COLUMNS"] = "250"
    if commit_pause:
        env[COMMIT_PAUSE_VARIABLE] = str(commit_pause)
    return env


def run_cli(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate", "run", str(root), "--agents", "1"],
        cwd=REPO,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )


def lock_held(path: Path) -> bool:
    """True when another process holds the flock on ``path``."""
    if not path.is_file():
        return False
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    for name in ("ALPHA", "BRAVO"):
        (root / f"cobol/{name}.cbl").write_text(cobol_program(name))
    init_repository(root, "Add the estate")
    return root


def test_second_run_stops_exit_2(estate: Path) -> None:
    lock = estate / ".migrate/run.lock"
    # Every commit of the first run sleeps, so that it holds the lock for
    # as long as the test needs.
    first = subprocess.Popen(
        [sys.executable, "-m", "migrate", "run", str(estate), "--agents", "1"],
        cwd=REPO,
        env=environment(commit_pause=30.0),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not lock_held(lock) and time.monotonic() < deadline:
            assert first.poll() is None, "the first run ended early"
            time.sleep(0.05)
        second = run_cli(estate)
        assert first.poll() is None, "the first run ended before the second"
    finally:
        if first.poll() is None:
            os.kill(first.pid, signal.SIGKILL)
        first.wait()

    assert second.returncode == 2
    errors = [line for line in second.stderr.splitlines() if line.startswith("error")]
    assert errors == [
        f"error: another 'migrate run' is working on this estate: pid {first.pid} "
        f"holds the lock {lock}"
    ]
    assert "hint: wait until it finishes, then run again" in second.stderr
    assert "Traceback" not in second.stderr

    # The kernel released the killed run's lock, so the next run goes on.
    assert not lock_held(lock)
    third = run_cli(estate)
    assert third.returncode == 0, third.stderr[-3000:]
    assert "3 slices in" in third.stderr


def test_stale_lock_file_does_not_block(estate: Path) -> None:
    # A lock file written by a process that is gone, with nothing holding it.
    (estate / ".migrate").mkdir()
    (estate / ".migrate/run.lock").write_text("999999\n")
    done = run_cli(estate)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (estate / ".migrate/run.lock").read_text().strip() != "999999"
