"""Bad paths, members and settings given to `migrate plan`: an input error
ends with exit code 2 and names the file and line, an odd but readable
member plans with a warning, and neither shows a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import fixed, migrate

PROGRAM = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. {name}.
DATA DIVISION.
WORKING-STORAGE SECTION.
{data}
PROCEDURE DIVISION.
    GOBACK.
"""


def program(name: str, data: str = "01 WS-X PIC X(5) VALUE 'HELLO'.") -> str:
    return fixed(PROGRAM.format(name=name, data=data))


def assert_input_error(result: subprocess.CompletedProcess[str], text: str) -> None:
    assert result.returncode == 2
    assert text in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_file_instead_of_folder(tmp_path: Path) -> None:
    member = tmp_path / "MAIN1.cbl"
    member.write_text(program("MAIN1"), encoding="utf-8")
    result = migrate("plan", str(member))
    assert_input_error(result, f"error: not a folder: {member}")
    assert "hint:" in result.stderr


def test_plan_folder_of_readme_files(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"README.md": "# estate\n", "docs/README": "notes\n"})
    result = migrate("plan", str(root))
    assert_input_error(result, "error: no COBOL programs or JCL found")
    assert "hint:" in result.stderr


def test_plan_path_with_spaces_and_accents(write_estate, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {"HÉLLO ü.cbl": program("HELLO")}, root=tmp_path / "my estate é 日本"
    )
    result = migrate("plan", str(root), "--json")
    assert result.returncode == 0
    plan = json.loads(result.stdout)
    assert {"id": "program:HELLO", "kind": "program"} in plan["nodes"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('java_package = "migrated\n', "migrate.toml:1: invalid configuration"),
        ("bogus_key = 1\n", "unknown setting 'bogus_key' in migrate.toml"),
        ('agents = "four"\n', "setting 'agents' in migrate.toml must be"),
        ('exclude = "legacy/**"\n', "setting 'exclude' in migrate.toml must be"),
    ],
)
def test_plan_invalid_settings_file(write_estate, toml: str, message: str) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": program("MAIN1"), "migrate.toml": toml})
    result = migrate("plan", str(root))
    assert_input_error(result, message)
    assert "hint:" in result.stderr


def test_plan_unterminated_replacing_text(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": program("MAIN1", data="COPY REC REPLACING ==:P:== BY ==WS"),
            "REC.cpy": fixed("01 :P:-X PIC X(5)."),
        }
    )
    result = migrate("plan", str(root))
    assert_input_error(
        result, "MAIN1.cbl:5: error: invalid REPLACING phrase: pseudo-text"
    )


def test_plan_copy_without_period(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": program("MAIN1", data="COPY REC"),
            "REC.cpy": fixed("01 WS-Y PIC X(5)."),
        }
    )
    result = migrate("plan", str(root))
    assert_input_error(result, "MAIN1.cbl:5: error: COPY REC is not ended by a period")


def test_plan_duplicate_program_id(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {"MAIN1.cbl": program("MAIN1"), "sub/COPY1.cbl": program("MAIN1")}
    )
    result = migrate("plan", str(root))
    assert_input_error(
        result, "program MAIN1 is defined in MAIN1.cbl and sub/COPY1.cbl"
    )


def test_plan_exec_naming_no_program(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": program("MAIN1"),
            "J1.jcl": "//J1 JOB (A),CLASS=A\n//STEP01   EXEC\n//SYSOUT   DD SYSOUT=*\n",
        }
    )
    result = migrate("plan", str(root))
    assert_input_error(
        result, "J1.jcl:2: error: EXEC of step STEP01 names no program or procedure"
    )


def test_plan_json_pure_on_input_error(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": program("MAIN1", data="COPY A."),
            "A.cpy": fixed("    COPY A."),
        }
    )
    result = migrate("plan", str(root), "--json")
    assert result.returncode == 2
    plan = json.loads(result.stdout)
    errors = [d for d in plan["diagnostics"] if d["severity"] == "error"]
    assert errors[0]["member"] == "A.cpy"
    assert errors[0]["line"] == 1
    assert "COPY cycle" in result.stderr


def test_plan_long_line_is_warning(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": program("MAIN1")})
    (root / "BIG.cbl").write_text(
        "000001 IDENTIFICATION DIVISION. PROGRAM-ID. BIG. " + "X" * 10_000_000,
        encoding="utf-8",
    )
    result = migrate("plan", str(root), "--json")
    assert result.returncode == 0
    messages = [d["message"] for d in json.loads(result.stdout)["diagnostics"]]
    assert any("characters long" in message for message in messages)
