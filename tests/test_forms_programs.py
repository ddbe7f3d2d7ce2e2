"""Program-level forms: ENTRY points, nested and COMMON programs, dynamic
CALLs through a table of names, build variants, standalone copybooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES

from migrate.config import load_config
from migrate.discover import discover
from migrate.errors import InputError
from migrate.graph import EstateModel, build_model
from migrate.model import Edge, SourcePos
from migrate.parse.data import ItemUsage
from migrate.parse.layout import record_layout

FORMS = FIXTURES / "forms" / "cobol"
STATIC = (("call", "static"), ("resolution", "literal"))
INTERNAL = (*STATIC, ("scope", "internal"))

Row = tuple[str, str, str, str, int, tuple[tuple[str, str], ...]]


def fixture_root(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FORMS / name, root)
    return root


def model_of(root: Path) -> EstateModel:
    return build_model(discover(root, load_config(root)))


def row(edge: Edge) -> Row:
    return (
        edge.kind.value,
        edge.source,
        edge.target,
        edge.pos.member,
        edge.pos.line,
        edge.attrs,
    )


def test_call_to_entry_reaches_owner(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "entry"))
    assert {row(e) for e in model.edges} == {
        (
            "call",
            "program:CALLER",
            "program:ENTPGM",
            "CALLER.cbl",
            7,
            (*STATIC, ("entry", "ENTALT")),
        ),
        # The CALL after the ENTRY statement is read from the tree.
        ("call", "program:ENTPGM", "external:AFTERENT", "ENTPGM.cbl", 12, STATIC),
    }
    assert model.programs["ENTPGM"].entries == ("ENTALT",)
    assert model.diagnostics == []


def test_nested_programs_contain_and_call(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "nested"))
    assert {row(e) for e in model.edges} == {
        ("contains", "program:OUTER", "program:INNER1", "OUTER.cbl", 6, ()),
        ("contains", "program:OUTER", "program:INNER2", "OUTER.cbl", 12, ()),
        ("contains", "program:INNER2", "program:DEEP", "OUTER.cbl", 18, ()),
        ("call", "program:OUTER", "program:INNER2", "OUTER.cbl", 4, INTERNAL),
        ("call", "program:INNER1", "program:DEEP", "OUTER.cbl", 9, INTERNAL),
        ("call", "program:INNER2", "program:INNER1", "OUTER.cbl", 15, INTERNAL),
        ("call", "program:INNER2", "program:DEEP", "OUTER.cbl", 16, INTERNAL),
        ("call", "program:DEEP", "program:EXTSUB", "OUTER.cbl", 21, STATIC),
    }
    programs = model.programs
    assert (programs["INNER1"].parent, programs["INNER1"].common) == ("OUTER", True)
    assert (programs["DEEP"].parent, programs["DEEP"].common) == ("INNER2", False)
    assert programs["OUTER"].parent == ""


def test_nested_call_out_of_scope_warns(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "nested"))
    (warning,) = model.diagnostics
    assert warning.pos == SourcePos("OUTER.cbl", 9)
    assert warning.severity == "warning"
    assert warning.message.startswith("INNER1 calls DEEP, a program nested in INNER2")


def test_dynamic_call_through_menu_table(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "menu"))
    table = (("call", "dynamic"), ("resolution", "table"))
    targets = ("program:ACCTVIEW", "program:ACCTUPDT", "external:RPTMENU")
    expected = {("copy", "program:MENU", "copybook:MENUOPTS", "MENU.cbl", 5, ())}
    for target in targets:
        expected |= {
            (
                "call",
                "program:MENU",
                target,
                "MENU.cbl",
                9,
                (*table, ("via", "MENU-OPT-PGM")),
            ),
            # MOVE table-element TO item, then CALL item.
            (
                "call",
                "program:MENU",
                target,
                "MENU.cbl",
                11,
                (*table, ("via", "WS-TARGET")),
            ),
            (
                "call",
                "program:MENU",
                target,
                "MENU.cbl",
                12,
                (*table, ("via", "MENU-OPT-PGM"), ("command", "XCTL")),
            ),
        }
    assert {row(e) for e in model.edges} == expected
    assert model.unresolved == []


def test_program_variants_are_an_error(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "variants"))
    (error,) = model.diagnostics
    assert error.severity == "error"
    assert error.pos == SourcePos("v2/DUP.cbl", 1)
    assert "v1/DUP.cbl" in error.message
    assert "v2/DUP.cbl" in error.message
    assert model.programs["DUP"].member == "v1/DUP.cbl"


def test_variants_setting_chooses_member(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "variants-chosen"))
    assert model.diagnostics == []
    assert model.programs["DUP"].member == "v2/DUP.cbl"
    assert {row(e) for e in model.edges} == {
        ("call", "program:USER", "program:DUP", "USER.cbl", 4, STATIC),
        ("call", "program:DUP", "external:TWOONLY", "v2/DUP.cbl", 4, STATIC),
    }


def test_variants_setting_naming_other_member(tmp_path: Path) -> None:
    root = fixture_root(tmp_path, "variants-chosen")
    (root / "migrate.toml").write_text('[variants]\nDUP = "v3/DUP.cbl"\n')
    model = model_of(root)
    messages = [d.message for d in model.diagnostics if d.severity == "error"]
    assert messages[0] == (
        "the variants setting chooses v3/DUP.cbl for program DUP, which is defined "
        "in v1/DUP.cbl, v2/DUP.cbl"
    )


def test_standalone_copybook_record_layout(tmp_path: Path) -> None:
    root = fixture_root(tmp_path, "layout")
    layout = record_layout(discover(root, load_config(root)), "acctlay")
    items = {
        item.name: (item.offset, item.size, item.occurs, item.redefines)
        for record in layout.records
        for item in record.walk()
    }
    assert items == {
        "ACCT-LAYOUT": (0, 147, 0, ""),
        "ACCT-ID": (0, 10, 0, ""),
        "ACCT-BAL": (10, 5, 0, ""),
        "ACCT-CNT": (15, 2, 0, ""),
        "ACCT-DATE": (17, 8, 0, ""),
        "ACCT-DATE-R": (17, 8, 0, "ACCT-DATE"),
        "ACCT-YYYY": (17, 4, 0, ""),
        "ACCT-MM": (21, 2, 0, ""),
        "ACCT-DD": (23, 2, 0, ""),
        "ACCT-TXN-COUNT": (25, 2, 0, ""),
        "ACCT-TXN": (27, 6, 20, ""),
        "TXN-AMT": (27, 4, 0, ""),
        "TXN-CODE": (31, 2, 0, ""),
    }
    assert layout.item("ACCT-BAL").usage is ItemUsage.PACKED
    assert layout.item("ACCT-CNT").usage is ItemUsage.BINARY
    assert layout.pos(layout.item("TXN-CODE")) == SourcePos("ACCTLAY.cpy", 15)
    # OCCURS DEPENDING ON is laid out at its maximum, and reported.
    assert [(d.pos, d.message) for d in layout.problems] == [
        (SourcePos("ACCTLAY.cpy", 12), "unsupported OCCURS DEPENDING ON")
    ]


def test_layout_of_missing_copybook_raises(tmp_path: Path) -> None:
    root = fixture_root(tmp_path, "layout")
    with pytest.raises(InputError) as raised:
        record_layout(discover(root, load_config(root)), "NOSUCH")
    assert raised.value.message == "copybook NOSUCH not found"
