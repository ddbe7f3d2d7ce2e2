"""Reference-format source forms: free and fixed format, indicators, tabs,
continuation lines and IBM-only forms, planned from fixtures/forms/cobol."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES

from migrate.config import load_config
from migrate.discover import discover
from migrate.model import Edge, Plan, SourcePos
from migrate.plan import build_plan
from migrate.preprocess import Preprocessor

FORMS = FIXTURES / "forms" / "cobol"

Row = tuple[str, str, str, str, int, tuple[str, ...], tuple[tuple[str, str], ...]]


def plan_fixture(tmp_path: Path, name: str) -> Plan:
    root = tmp_path / name
    shutil.copytree(FORMS / name, root)
    return build_plan(discover(root, load_config(root)))


def rows(plan: Plan, kind: str | None = None) -> set[Row]:
    return {row(edge) for edge in plan.edges if kind is None or edge.kind.value == kind}


def row(edge: Edge) -> Row:
    pos = edge.pos
    return (
        edge.kind.value,
        edge.source,
        edge.target,
        pos.member,
        pos.line,
        pos.chain,
        edge.attrs,
    )


STATIC = (("call", "static"), ("resolution", "literal"))


def test_reference_forms_exact_edges(tmp_path: Path) -> None:
    plan = plan_fixture(tmp_path, "reference")
    assert rows(plan) == {
        ("call", "program:FREEDIR", "program:SUBFIX", "FREEDIR.cbl", 10, (), STATIC),
        ("call", "program:FREEAUTO", "program:SUBFIX", "FREEAUTO.cob", 8, (), STATIC),
        ("call", "program:SUBFIX", "program:EDGE72", "SUBFIX.cbl", 7, (), STATIC),
        ("call", "program:DEBUGON", "program:DEBUGD", "DEBUGON.cbl", 7, (), STATIC),
        ("call", "program:NOPERIOD", "program:EDGE72", "NOPERIOD.cbl", 12, (), STATIC),
        (
            "call",
            "program:INDIC",
            "program:CONTPGM1",
            "INDIC.cbl",
            11,
            (),
            (("call", "dynamic"), ("resolution", "value"), ("via", "WS-DYNPGM")),
        ),
        (
            "call",
            "program:CONTLIT",
            "program:CONTPGM1",
            "CONTLIT.cbl",
            12,
            (),
            (("call", "dynamic"), ("resolution", "value"), ("via", "WS-QUOTE1")),
        ),
        (
            "call",
            "program:CONTLIT",
            "program:CONTPGM2",
            "CONTLIT.cbl",
            13,
            (),
            (("call", "dynamic"), ("resolution", "value"), ("via", "WS-QUOTE2")),
        ),
    }


def test_reference_forms_raise_no_diagnostics(tmp_path: Path) -> None:
    plan = plan_fixture(tmp_path, "reference")
    assert plan.diagnostics == ()
    assert plan.unresolved == ()


def test_sequence_area_letters_and_column_72(tmp_path: Path) -> None:
    # SUBFIX has letters in columns 1-6, and its CALL literal ends at
    # column 72 right before a sequence number in columns 73-80.
    plan = plan_fixture(tmp_path, "reference")
    targets = {e.target for e in plan.edges if e.source == "program:SUBFIX"}
    assert targets == {"program:EDGE72"}


def test_comment_and_debugging_lines_call_nothing(tmp_path: Path) -> None:
    plan = plan_fixture(tmp_path, "reference")
    nodes = {node for node, _kind in plan.nodes}
    for name in ("COMMENTED", "EJECTED", "DEBUGL", "NOTME"):
        assert f"external:{name}" not in nodes
    indic_targets = {e.target for e in plan.edges if e.source == "program:INDIC"}
    assert "program:DEBUGD" not in indic_targets


def test_continued_literal_keeps_both_quotes(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(FORMS / "reference", root)
    source = Preprocessor(discover(root, load_config(root))).expand("CONTLIT.cbl")
    lines = [line.strip() for line in source.text.splitlines()]
    assert lines[4] == "01 WS-QUOTE1 PIC X(8) VALUE 'CONTPGM1'."
    assert lines[7] == '01 WS-QUOTE2 PIC X(8) VALUE "CONTPGM2".'
    # The comment line and the continuation lines are left blank.
    assert lines[5:7] == ["", ""]
    assert source.source_map[4] == SourcePos("CONTLIT.cbl", 5)
    assert source.source_map[6] == SourcePos("CONTLIT.cbl", 7)


def test_missing_program_id_period_repaired(tmp_path: Path) -> None:
    root = tmp_path / "reference"
    shutil.copytree(FORMS / "reference", root)
    source = Preprocessor(discover(root, load_config(root))).expand("NOPERIOD.cbl")
    lines = [line.strip() for line in source.text.splitlines()]
    assert lines[0] == ""  # the CBL statement
    assert lines[1] == "IDENTIFICATION DIVISION."
    assert lines[2] == "PROGRAM-ID. NOPERIOD."
    assert "SKIP1" not in lines
    assert "EJECT" not in lines


def test_free_format_lowercase_program_name(tmp_path: Path) -> None:
    plan = plan_fixture(tmp_path, "reference")
    programs = {node for node, kind in plan.nodes if kind.value == "program"}
    assert {"program:FREEDIR", "program:FREEAUTO"} <= programs


def test_tabs_four_columns_from_config(tmp_path: Path) -> None:
    plan = plan_fixture(tmp_path, "tabs4")
    assert rows(plan) == {
        ("call", "program:TABS4", "program:TABSUB", "TABS4.cbl", 4, (), STATIC)
    }


def test_tabs_eight_columns_lose_the_call(tmp_path: Path) -> None:
    # With the default width of 8, the CALL lands past column 72.
    root = tmp_path / "tabs4"
    shutil.copytree(FORMS / "tabs4", root)
    (root / "migrate.toml").unlink()
    plan = build_plan(discover(root, load_config(root)))
    assert rows(plan, "call") == set()
