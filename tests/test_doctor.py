"""`migrate doctor`: tools with versions or install hints, and the sandbox."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from migrate.judge.tools import REQUIRED_TOOLS, probe_tool

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("CI", None)
    # Wide enough that rich never wraps a message line.
    env["COLUMNS"] = "250"
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def bin_without(tmp_path: Path, *missing: str) -> str:
    """Return a PATH with the usual tools linked in, except ``missing``."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in (
        "git",
        "cobc",
        "cobcrun",
        "javac",
        "java",
        "unshare",
        "setpriv",
        "mount",
        "awk",
        "sh",
        "sort",
        "touch",
    ):
        found = shutil.which(tool)
        if found and tool not in missing:
            (folder / tool).symlink_to(found)
    return str(folder)


def test_probe_reads_cobc_version() -> None:
    cobc = next(spec for spec in REQUIRED_TOOLS if spec.command == "cobc")
    status = probe_tool(cobc)
    assert status.found
    assert "cobc (GnuCOBOL)" in status.version


def test_doctor_lists_every_tool() -> None:
    done = run_cli("doctor")
    assert done.returncode == 0, done.stderr
    for tool in ("cobc", "cobcrun", "javac", "java", "unshare"):
        assert tool in done.stdout
    assert "sandbox:" in done.stdout
    assert done.stderr == ""


def test_doctor_missing_cobc_exit_3(tmp_path: Path) -> None:
    done = run_cli("doctor", path=bin_without(tmp_path, "cobc", "cobcrun"))
    assert done.returncode == 3
    assert "missing  cobc" in done.stdout
    assert "apt-get install gnucobol3" in done.stderr


def test_doctor_missing_java_hint(tmp_path: Path) -> None:
    done = run_cli("doctor", path=bin_without(tmp_path, "javac", "java"))
    assert done.returncode == 3
    assert "missing  javac" in done.stdout
    assert "openjdk-17-jdk-headless" in done.stderr
