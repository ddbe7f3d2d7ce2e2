"""Bad input on the command line: one clear line, a documented exit code,
and no traceback unless --debug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import fixed

PROGRAM = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. MAIN1.
DATA DIVISION.
WORKING-STORAGE SECTION.
{data}
PROCEDURE DIVISION.
    GOBACK.
"""


def migrate(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if "error" in line]


def test_plan_path_not_found(tmp_path: Path) -> None:
    result = migrate("plan", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "error: path not found:" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_empty_folder(tmp_path: Path) -> None:
    result = migrate("plan", str(tmp_path))
    assert result.returncode == 2
    assert "error: no COBOL programs or JCL found" in result.stderr
    assert "hint:" in result.stderr


def test_plan_missing_copybook(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data="    COPY NOPE."))})
    result = migrate("plan", str(root))
    assert result.returncode == 2
    assert "MAIN1.cbl:5: error: copybook NOPE not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_copy_cycle(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM.format(data="    COPY A.")),
            "A.cpy": fixed("    COPY B.\n"),
            "B.cpy": fixed("    COPY A.\n"),
        }
    )
    result = migrate("plan", str(root))
    assert result.returncode == 2
    assert "B.cpy:1: error: COPY cycle: A -> B -> A" in result.stderr


def test_plan_binary_member(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data=""))})
    (root / "BROKEN.cbl").write_bytes(b"\x00\x01\x02PROGRAM-ID. X.\xff\xfe")
    result = migrate("plan", str(root))
    assert result.returncode == 2
    assert "BROKEN.cbl" in result.stderr
    assert "is not a text file" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_latin1_member_is_read(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({})
    text = fixed(PROGRAM.format(data="01  WS-NAME PIC X(5) VALUE 'JOSÉ'."))
    root.mkdir(parents=True, exist_ok=True)
    (root / "MAIN1.cbl").write_bytes(text.encode("latin-1"))
    result = migrate("plan", str(root))
    assert result.returncode == 0, result.stderr


def test_plan_debug_shows_traceback(tmp_path: Path) -> None:
    result = migrate("--debug", "plan", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" in result.stderr


def test_plan_strict_with_unresolved_call(write_estate) -> None:  # type: ignore[no-untyped-def]
    source = PROGRAM.format(data="01  WS-PGM PIC X(8).").replace(
        "    GOBACK.", "    CALL WS-PGM\n    GOBACK."
    )
    root = write_estate({"MAIN1.cbl": fixed(source)})
    assert migrate("plan", str(root)).returncode == 0
    strict = migrate("plan", str(root), "--strict")
    assert strict.returncode == 1
    assert "unresolved: MAIN1.cbl:7: dynamic CALL through WS-PGM" in strict.stderr


def test_plan_format_needs_output(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data=""))})
    result = migrate("plan", str(root), "--format", "dot")
    assert result.returncode == 2
    assert "error: --format needs --output" in result.stderr


def test_plan_exports_each_format(write_estate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data=""))})
    for fmt, marker in (
        ("dot", "digraph"),
        ("mermaid", "flowchart"),
        ("graphml", "<graphml"),
    ):
        out = tmp_path / f"graph.{fmt}"
        result = migrate("plan", str(root), "--format", fmt, "--output", str(out))
        assert result.returncode == 0, result.stderr
        assert marker in out.read_text()
        assert "program:MAIN1" in out.read_text()


def test_plan_unknown_format(write_estate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data=""))})
    result = migrate("plan", str(root), "--format", "svg", "-o", str(tmp_path / "g"))
    assert result.returncode == 2
    assert "error: unknown graph format 'svg'" in result.stderr
    assert "dot, mermaid, graphml" in result.stderr


def test_plan_json_stdout_only_json(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM.format(data=""))})
    result = migrate("plan", str(root), "--json")
    assert result.returncode == 0
    assert result.stdout.lstrip().startswith("{")
    assert "slices:" in result.stderr
