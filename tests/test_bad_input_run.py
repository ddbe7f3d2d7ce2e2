"""Bad options and repository states given to `migrate run`, `status` and
`review`: a documented exit code, one error line and no traceback, and a
user's working tree, index and HEAD left byte for byte as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixed

PROGRAM = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. {name}.
DATA DIVISION.
WORKING-STORAGE SECTION.
01 WS-X PIC X(5) VALUE 'HELLO'.
PROCEDURE DIVISION.
{procedure}
"""

ALTER_PROCEDURE = """\
P1.
    ALTER P2 TO PROCEED TO P3.
    GO TO P2.
P2.
    GO TO P3.
P3.
    DISPLAY WS-X
    GOBACK.
"""


def program(name: str, procedure: str = "    DISPLAY WS-X\n    GOBACK.") -> str:
    return fixed(PROGRAM.format(name=name, procedure=procedure))


def migrate(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    # Wide enough that rich never wraps a message line.
    env = {**os.environ, "COLUMNS": "250"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.email=dev@example.com", "-c", "user.name=dev", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def committed_estate(root: Path, members: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for relpath, text in members.items():
        (root / relpath).write_text(text, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "estate")
    return root


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    return committed_estate(
        tmp_path / "estate",
        {"HELLO.cbl": program("HELLO"), "OTHER.cbl": program("OTHER")},
    )


def user_state(root: Path) -> dict[str, str]:
    """Describe what the user owns: status, HEAD, index bytes and the bytes of
    every file outside .git and the tool's own .migrate folder."""
    files = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and path.relative_to(root).parts[0] not in (".git", ".migrate")
    }
    return {
        "status": git(root, "status", "--porcelain", "--untracked-files=all"),
        "head": (root / ".git/HEAD").read_text(),
        "head_commit": git(root, "rev-parse", "HEAD"),
        "index": hashlib.sha256((root / ".git/index").read_bytes()).hexdigest(),
        **files,
    }


@pytest.mark.parametrize("agents", ["0", "-1"])
def test_run_agents_below_one(estate: Path, agents: str) -> None:
    result = migrate("run", str(estate), "--agents", agents)
    assert result.returncode == 2
    assert f"error: --agents must be at least 1, not {agents}" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_unknown_converter(estate: Path) -> None:
    result = migrate("run", str(estate), "--converter", "magic")
    assert result.returncode == 2
    assert "error: unknown converter 'magic'" in result.stderr
    assert "hint: choose one of: rules, llm, hybrid" in result.stderr


@pytest.mark.parametrize("converter", ["llm", "hybrid"])
def test_run_llm_without_model(estate: Path, converter: str) -> None:
    result = migrate("run", str(estate), "--converter", converter)
    assert result.returncode == 2
    assert f"error: the {converter} converter needs a model" in result.stderr
    assert "hint: pass --model" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_path_without_cobc(estate: Path, tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("git", "java", "javac"):
        found = shutil.which(name)
        assert found is not None
        (tools / name).symlink_to(Path(found).resolve())
    (tools / "python").symlink_to(Path(sys.executable).resolve())
    before = user_state(estate)
    result = migrate("run", str(estate), "--agents", "2", path=str(tools))
    assert result.returncode == 3
    assert "error: cobc not found on PATH" in result.stderr
    assert "hint: install it" in result.stderr
    assert user_state(estate) == before
    assert git(estate, "branch", "--list", "migrate/*") == ""


@pytest.mark.parametrize("command", ["status", "review"])
def test_state_commands_before_any_run(estate: Path, command: str) -> None:
    args = ["review", "hello"] if command == "review" else ["status"]
    result = migrate(*args, str(estate), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error: no plan found at" in result.stderr
    assert "hint: run 'migrate plan" in result.stderr


def test_review_unknown_slice_after_plan(estate: Path) -> None:
    assert migrate("plan", str(estate)).returncode == 0
    result = migrate("review", "nosuch", str(estate), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error: no slice 'nosuch' in the plan" in result.stderr
    assert "hint: slices: runtime, hello, other" in result.stderr


def test_dirty_tree_kept_while_slice_fails(tmp_path: Path) -> None:
    root = committed_estate(
        tmp_path / "estate",
        {"HELLO.cbl": program("HELLO"), "ALTR.cbl": program("ALTR", ALTER_PROCEDURE)},
    )
    # A staged file changed again after staging, and an untracked file.
    (root / "NOTES.txt").write_text("staged\n", encoding="utf-8")
    git(root, "add", "NOTES.txt")
    (root / "NOTES.txt").write_text("staged, then changed\n", encoding="utf-8")
    (root / "SCRATCH.txt").write_text("untracked\n", encoding="utf-8")
    before = user_state(root)

    result = migrate("run", str(root), "--agents", "2")

    assert result.returncode == 1
    assert "ALTR.cbl:8: unsupported ALTER statement" in result.stderr
    assert "Traceback" not in result.stderr
    assert user_state(root) == before
    branches = git(root, "branch", "--list", "migrate/*", "--format=%(refname:short)")
    assert "migrate/hello" in branches.split()
    assert "migrate/altr" not in branches.split()
