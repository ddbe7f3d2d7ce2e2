"""Members the parser cannot fully read are reported at their position, and
the rest of the estate is planned; `plan --strict` exits 1 on unresolved
targets."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from conftest import fixed

from migrate.cli import main
from migrate.config import Config
from migrate.discover import discover
from migrate.model import Plan, SourcePos
from migrate.plan import build_plan


def program(name: str, body: str = "    CALL 'LEAF'") -> str:
    return fixed(
        f"IDENTIFICATION DIVISION.\nPROGRAM-ID. {name}.\nPROCEDURE DIVISION.\n"
        f"{body}\n    GOBACK.\n"
    )


def estate(tmp_path: Path, extra: dict[str, bytes]) -> Path:
    root = tmp_path / "estate"
    root.mkdir()
    (root / "GOOD.cbl").write_text(program("GOOD"))
    (root / "LEAF.cbl").write_text(program("LEAF", "    CONTINUE"))
    for name, data in extra.items():
        (root / name).write_bytes(data)
    return root


def plan_of(root: Path) -> Plan:
    return build_plan(discover(root, Config()))


def good_edges(plan: Plan) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in plan.edges}


def exit_code(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    return int(stopped.value.code or 0)


def test_binary_member_reported_rest_planned(tmp_path: Path) -> None:
    data = program("BINARY").encode()[:100] + bytes(range(256)) * 8
    plan = plan_of(estate(tmp_path, {"BINARY.cbl": data}))
    line = data[:100].count(b"\n") + 1
    (error,) = plan.diagnostics
    assert error.severity == "error"
    assert error.pos == SourcePos("BINARY.cbl", line)
    assert (
        error.message
        == f"BINARY.cbl is not a text file (binary bytes near line {line})"
    )
    assert good_edges(plan) == {("program:GOOD", "program:LEAF")}


def test_garbage_bytes_inside_member(tmp_path: Path) -> None:
    generator = random.Random(7)
    noise = bytes(generator.randrange(128, 256) for _ in range(300))
    text = program("GARBLED").encode()
    head, tail = text[:90], text[90:]
    plan = plan_of(estate(tmp_path, {"GARBLED.cbl": head + noise + b"\n" + tail}))
    warnings = [d for d in plan.diagnostics if d.pos and d.pos.member == "GARBLED.cbl"]
    assert warnings[0].pos == SourcePos("GARBLED.cbl", 4)
    assert warnings[0].message.startswith("control characters or unprintable bytes")
    assert warnings[1].message.startswith("the COBOL grammar could not parse the text")
    assert good_edges(plan) == {
        ("program:GOOD", "program:LEAF"),
        ("program:GARBLED", "program:LEAF"),
    }


def test_truncated_member_reported_at_end(tmp_path: Path) -> None:
    text = program("TRUNC").replace("    GOBACK.\n", "") + "000500     MOVE WS-A TO"
    plan = plan_of(estate(tmp_path, {"TRUNC.cbl": text.encode()}))
    warnings = [d for d in plan.diagnostics if d.pos and d.pos.member == "TRUNC.cbl"]
    (warning,) = [d for d in warnings if "cut short" in d.message]
    assert warning.pos == SourcePos("TRUNC.cbl", 5)
    assert warning.severity == "warning"
    assert ("program:TRUNC", "program:LEAF") in good_edges(plan)


def test_ten_megabyte_line_fixed_format(tmp_path: Path) -> None:
    line = (
        "       IDENTIFICATION DIVISION. PROGRAM-ID. HUGE. " + "DISPLAY 'X' " * 850_000
    )
    started = time.perf_counter()
    plan = plan_of(estate(tmp_path, {"HUGE.cbl": (line + "\n").encode()}))
    elapsed = time.perf_counter() - started
    huge = [d for d in plan.diagnostics if d.pos and d.pos.member == "HUGE.cbl"]
    assert huge[0].pos == SourcePos("HUGE.cbl", 1)
    assert huge[0].message.startswith(f"line is {len(line)} characters long")
    assert good_edges(plan) == {("program:GOOD", "program:LEAF")}
    assert elapsed < 5.0


def test_ten_megabyte_line_free_format(tmp_path: Path) -> None:
    line = "PROCEDURE DIVISION. " + "CALL 'LEAF' " * 850_000
    text = (
        ">>SOURCE FORMAT FREE\nIDENTIFICATION DIVISION.\nPROGRAM-ID. HUGEFREE.\n" + line
    )
    started = time.perf_counter()
    plan = plan_of(estate(tmp_path, {"HUGEFREE.cbl": text.encode()}))
    elapsed = time.perf_counter() - started
    huge = [d for d in plan.diagnostics if d.pos and d.pos.member == "HUGEFREE.cbl"]
    assert huge[0].pos == SourcePos("HUGEFREE.cbl", 4)
    assert "text after column 512 is ignored" in huge[0].message
    assert ("program:HUGEFREE", "program:LEAF") in good_edges(plan)
    assert elapsed < 5.0


def test_strict_exits_one_when_unresolved(tmp_path: Path) -> None:
    body = "    CALL WS-PGM"
    data = fixed(
        "IDENTIFICATION DIVISION.\nPROGRAM-ID. DYN.\nDATA DIVISION.\n"
        "WORKING-STORAGE SECTION.\n01  WS-PGM PIC X(8).\nPROCEDURE DIVISION.\n"
        f"{body}\n    GOBACK.\n"
    )
    root = estate(tmp_path, {"DYN.cbl": data.encode()})
    assert exit_code(["plan", str(root), "--strict"]) == 1
    assert exit_code(["plan", str(root)]) == 0


def test_strict_exits_zero_when_resolved(tmp_path: Path) -> None:
    root = estate(tmp_path, {})
    assert exit_code(["plan", str(root), "--strict"]) == 0


def test_error_diagnostic_exits_two(tmp_path: Path) -> None:
    root = estate(tmp_path, {"BINARY.cbl": b"\0" * 64})
    assert exit_code(["plan", str(root), "--strict"]) == 2
