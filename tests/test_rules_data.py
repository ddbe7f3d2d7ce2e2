"""The data division model: layout, PICTURE, USAGE, VALUE and 88 levels."""

from __future__ import annotations

from tree_sitter_language_pack import get_parser

from migrate.parse.data import (
    DataDivision,
    DataItem,
    ItemCategory,
    ItemUsage,
    LiteralKind,
    SignKind,
    build_data_division,
    parse_picture,
    value_literals,
)


def _data(entries: str, header: str = "WORKING-STORAGE SECTION.") -> DataDivision:
    """Build the model of ``entries`` inside a skeleton program."""
    lines = (
        ["IDENTIFICATION DIVISION.", "PROGRAM-ID. T.", "DATA DIVISION."]
        + ([header] if header else [])
        + entries.strip("\n").splitlines()
        + ["PROCEDURE DIVISION.", "    STOP RUN."]
    )
    text = "".join(" " * 7 + line.strip() + "\n" for line in lines)
    source = text.encode("latin-1")
    tree = get_parser("cobol").parse(source)
    program = next(n for n in tree.root_node.children if n.type == "program_definition")
    return build_data_division(program, source)


def _item(record: DataItem, name: str) -> DataItem:
    return next(item for item in record.walk() if item.name == name)


def test_layout_offsets_and_sizes() -> None:
    data = _data("""
01  REC.
    05  A    PIC X(3).
    05  B    PIC S9(5)V99 COMP-3.
    05  C    PIC 9(4) COMP.
    05  D    PIC S9(9) BINARY.
    05  E    PIC 9(12) COMP.
    05  F    PIC S9(3) SIGN LEADING SEPARATE.
    05  G    PIC 99 COMP.
""")
    rec = data.working_storage[0]
    expected = {
        "A": (0, 3),
        "B": (3, 4),
        "C": (7, 2),
        "D": (9, 4),
        "E": (13, 8),
        "F": (21, 4),
        "G": (25, 1),
    }
    for name, (offset, size) in expected.items():
        item = _item(rec, name)
        assert (item.offset, item.size) == (offset, size), name
    assert rec.size == 26
    assert _item(rec, "F").sign is SignKind.LEADING_SEPARATE


def test_layout_nested_occurs() -> None:
    rec = _data("""
01  TAB.
    05  ROW OCCURS 3 TIMES.
        10  CODE-X  PIC X(2).
        10  CELL    PIC 9 OCCURS 4.
    05  AFTER-TAB   PIC X.
""").working_storage[0]
    row = _item(rec, "ROW")
    assert row.occurs == 3
    assert row.size == 6
    assert _item(rec, "CELL").offset == 2
    assert _item(rec, "AFTER-TAB").offset == 18
    assert rec.size == 19


def test_layout_redefines_shares_offset() -> None:
    data = _data("""
01  DATE-N     PIC 9(8).
01  DATE-R REDEFINES DATE-N.
    05  YYYY   PIC 9(4).
    05  MM     PIC 99.
01  GRP.
    05  ONE    PIC X(4).
    05  TWO REDEFINES ONE PIC 9(4).
    05  THREE  PIC X.
""")
    date_r = data.working_storage[1]
    assert date_r.redefines == "DATE-N"
    assert _item(date_r, "MM").offset == 4
    grp = data.working_storage[2]
    assert _item(grp, "TWO").offset == 0
    assert _item(grp, "THREE").offset == 4
    assert grp.size == 5


def test_usage_inherited_from_group() -> None:
    rec = _data("""
01  GRP COMP-3.
    05  P1  PIC S9(5).
    05  P2  PIC 9(3) DISPLAY.
""").working_storage[0]
    assert _item(rec, "P1").usage is ItemUsage.PACKED
    assert _item(rec, "P1").size == 3
    assert _item(rec, "P2").usage is ItemUsage.DISPLAY


def test_value_clauses_read() -> None:
    rec = _data("""
01  GRP.
    05  Q    PIC X(6) VALUE 'IT''S'.
    05  H    PIC X(2) VALUE X'C1C2'.
    05  S    PIC X(3) VALUE SPACES.
    05  N    PIC S9(3)V9 VALUE -12.5.
    05  STAR PIC X(4) VALUE ALL '*'.
""").working_storage[0]
    assert _item(rec, "Q").value.text == "IT'S"
    assert _item(rec, "H").value.text == "\xc1\xc2"
    assert _item(rec, "S").value.kind is LiteralKind.FIGURATIVE
    assert _item(rec, "S").value.text == "SPACE"
    assert _item(rec, "N").value.text == "-12.5"
    assert _item(rec, "STAR").value.all


def test_condition_names_with_ranges() -> None:
    rec = _data("""
01  CODE-X  PIC 99.
    88  LOW-CODE  VALUE 1 THRU 9.
    88  SPECIAL   VALUES ARE 10 20, 30 THROUGH 39.
""").working_storage[0]
    low, special = rec.conditions
    assert low.name == "LOW-CODE"
    assert low.values[0].low.text == "1"
    assert low.values[0].high.text == "9"
    assert [v.low.text for v in special.values] == ["10", "20", "30"]
    assert special.values[2].high.text == "39"


def test_unsupported_clauses_listed() -> None:
    data = _data("""
01  T.
    05  CNT  PIC 99.
    05  ROW  OCCURS 1 TO 5 DEPENDING ON CNT PIC X.
01  PTR USAGE POINTER.
""")
    constructs = [problem.construct for problem in data.problems]
    assert "OCCURS DEPENDING ON" in constructs
    assert "USAGE POINTER" in constructs
    assert data.problems[0].line == 7


def test_file_and_linkage_sections() -> None:
    data = _data(
        """
FILE SECTION.
FD  IN-FILE.
01  IN-REC  PIC X(80).
01  IN-ALT  PIC X(20).
WORKING-STORAGE SECTION.
01  WS-A    PIC X.
LINKAGE SECTION.
01  LK-A    PIC X(5).
""",
        header="",
    )
    assert data.files[0].name == "IN-FILE"
    assert [r.name for r in data.files[0].records] == ["IN-REC", "IN-ALT"]
    assert [r.name for r in data.working_storage] == ["WS-A"]
    assert [r.name for r in data.linkage] == ["LK-A"]


def test_picture_categories() -> None:
    cases = {
        "S9(5)V99": (ItemCategory.NUMERIC, 7, 2, True, 7),
        "X(10)": (ItemCategory.ALPHANUMERIC, 0, 0, False, 10),
        "A(3)": (ItemCategory.ALPHABETIC, 0, 0, False, 3),
        "ZZ,ZZ9.99-": (ItemCategory.NUMERIC_EDITED, 7, 2, True, 10),
        "$$$,$$9.99CR": (ItemCategory.NUMERIC_EDITED, 7, 2, True, 12),
        "99/99/99": (ItemCategory.NUMERIC_EDITED, 6, 0, False, 8),
        "XXBXX": (ItemCategory.ALPHANUMERIC_EDITED, 0, 0, False, 5),
    }
    for text, (category, digits, scale, signed, length) in cases.items():
        picture = parse_picture(text)
        assert picture.category is category, text
        assert (picture.digits, picture.scale) == (digits, scale), text
        assert picture.signed is signed, text
        assert picture.length == length, text


def test_value_literals_ranges_and_all() -> None:
    values = value_literals("VALUE ALL 'AB' ZERO 'A' THRU 'F'")
    assert values[0].low.all
    assert values[1].low.text == "ZERO"
    assert values[2].high.text == "F"


def test_value_literals_stop_at_false() -> None:
    values = value_literals("VALUE 'Y' 'S' WHEN SET TO FALSE IS 'N'")
    assert [value.low.text for value in values] == ["Y", "S"]
