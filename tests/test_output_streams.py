"""Where each command's text goes, and when it may carry ANSI escapes: the
main output of `status` and `review` on stdout, everything else on stderr,
and no escape sequence at all with NO_COLOR set or on a pipe."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fixed

PROGRAM = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. HELLO.
DATA DIVISION.
WORKING-STORAGE SECTION.
01 WS-X PIC X(5) VALUE 'HELLO'.
PROCEDURE DIVISION.
    DISPLAY WS-X
    GOBACK.
"""

ESCAPE = "\x1b["
# What makes rich style its output even on a pipe.
STYLED = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": "truecolor"}
STYLE_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS", "CI")


def environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in STYLE_VARIABLES}
    return {**env, **changes}


def migrate(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        capture_output=True,
        text=True,
        env=env or environment(),
        timeout=900,
        check=False,
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.email=dev@example.com", "-c", "user.name=dev", *args],
        cwd=root,
        capture_output=True,
        check=True,
    )


@pytest.fixture(scope="module")
def run_result(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A one-program estate after `migrate run` under NO_COLOR and styled
    terminal variables, and the result of that run."""
    root = tmp_path_factory.mktemp("streams") / "estate"
    root.mkdir()
    (root / "HELLO.cbl").write_text(fixed(PROGRAM), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "estate")
    result = migrate(
        "run", str(root), "--agents", "1", env=environment(**STYLED, NO_COLOR="1")
    )
    assert result.returncode == 0, result.stderr
    return root, result


@pytest.fixture
def estate(run_result: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    return run_result[0]


def run_on_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run migrate with stdout and stderr on one pseudo-terminal; return
    what it wrote."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "migrate", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_run_prints_nothing_on_stdout(
    run_result: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = run_result
    assert result.stdout == ""
    assert "slices" in result.stderr


def test_status_table_on_stdout(estate: Path) -> None:
    result = migrate("status", str(estate))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["slice", "state", "attempts"]
    hello = [line for line in lines if line.startswith("hello ")]
    assert len(hello) == 1
    assert "verified" in hello[0]
    assert "migrate/hello" in hello[0]
    assert any(line.startswith("last run 1: finished") for line in lines)
    assert "hello" not in result.stderr


def test_status_rows_whole_on_pipe(estate: Path) -> None:
    # Without COLUMNS, rich wraps a pipe at 80 columns unless stdin is a
    # terminal. The rows must be whole either way.
    result = migrate("status", str(estate))
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:3]}
    assert rows["runtime"].split()[:4] == [
        "runtime",
        "verified",
        "1",
        "migrate/runtime",
    ]
    assert "…" not in result.stdout
    assert len(result.stdout.splitlines()) == 4


def test_status_json_stays_pure(estate: Path) -> None:
    result = migrate("status", str(estate), "--json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    states = {row["slice"]: row["state"] for row in document["slices"]}
    assert states == {"runtime": "verified", "hello": "verified"}


def test_review_report_on_stdout(estate: Path) -> None:
    result = migrate("review", "hello", str(estate))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "slice hello (program), depends on: runtime"
    assert "  HELLO.cbl" in lines
    assert "  migrated/Hello.java" in lines
    assert any(line.startswith("diff --git a/java/src/main/java/") for line in lines)
    assert "HELLO.cbl" not in result.stderr
    assert "diff --git" not in result.stderr


def test_review_error_on_stderr(estate: Path) -> None:
    result = migrate("review", "nosuch", str(estate))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error: no slice 'nosuch' in the plan" in result.stderr


def test_run_no_color_without_escapes(
    run_result: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, result = run_result
    assert ESCAPE not in result.stdout
    assert ESCAPE not in result.stderr


COMMANDS = [
    ["status", "{root}"],
    ["status", "{root}", "--json"],
    ["review", "hello", "{root}"],
    ["review", "nosuch", "{root}"],
    ["plan", "{root}"],
    ["plan", "--bogus"],
    ["doctor"],
    ["--help"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_color_strips_escapes(estate: Path, command: list[str]) -> None:
    args = [arg.format(root=estate) for arg in command]
    result = migrate(*args, env=environment(**STYLED, NO_COLOR="1"))
    assert result.returncode in (0, 2)
    assert ESCAPE not in result.stdout
    assert ESCAPE not in result.stderr


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_pipe_without_escapes(estate: Path, command: list[str]) -> None:
    args = [arg.format(root=estate) for arg in command]
    result = migrate(*args, env=environment(TERM="xterm-256color"))
    assert result.returncode in (0, 2)
    assert ESCAPE not in result.stdout
    assert ESCAPE not in result.stderr


def test_force_color_styles_pipe(estate: Path) -> None:
    # The check above can fail: the same variables without NO_COLOR style.
    result = migrate("status", str(estate), env=environment(**STYLED))
    assert ESCAPE in result.stdout


def test_no_color_on_terminal(estate: Path) -> None:
    env = environment(TERM="xterm-256color")
    styled = run_on_terminal(["status", str(estate)], env)
    assert ESCAPE in styled
    plain = run_on_terminal(["status", str(estate)], {**env, "NO_COLOR": "1"})
    assert "migrate/hello" in plain
    assert ESCAPE not in plain


def exit_after_reader_closes(args: list[str], lines: int) -> tuple[int, str]:
    """Run migrate with stdout on a pipe that the test closes after reading
    ``lines`` lines, as ``head`` does; return the exit code and stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "migrate", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert process.stdout is not None and process.stderr is not None
    for _ in range(lines):
        assert process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    return process.wait(timeout=300), stderr


def test_doctor_piped_to_head_exits_141() -> None:
    # doctor probes each tool before it prints the tool's line, so the pipe
    # is closed before the second line is written.
    code, stderr = exit_after_reader_closes(["doctor"], lines=1)
    assert code == 141
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr


@pytest.mark.parametrize(
    "command", [["status", "{root}"], ["review", "hello", "{root}"]]
)
def test_closed_stdout_exits_141(estate: Path, command: list[str]) -> None:
    # The pipe is closed before the command starts, so its first write fails.
    args = [arg.format(root=estate) for arg in command]
    code, stderr = exit_after_reader_closes(args, lines=0)
    assert code == 141
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
