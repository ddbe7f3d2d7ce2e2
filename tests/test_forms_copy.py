"""COPY, REPLACING and REPLACE forms: library names, quoted names, partial
words, pseudo-text over lines, procedure copybooks and nested COPY."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, fixed

from migrate.config import load_config
from migrate.discover import discover
from migrate.graph import build_model
from migrate.model import Edge, ExpandedSource, Plan, SourcePos
from migrate.plan import build_plan
from migrate.preprocess import Preprocessor

FORMS = FIXTURES / "forms" / "cobol"
STATIC = (("call", "static"), ("resolution", "literal"))

Row = tuple[str, str, str, str, int, tuple[str, ...], tuple[tuple[str, str], ...]]


def copy_fixture(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FORMS / name, root)
    return root


def plan_of(root: Path) -> Plan:
    return build_plan(discover(root, load_config(root)))


def expanded(root: Path, relpath: str) -> ExpandedSource:
    return Preprocessor(discover(root, load_config(root))).expand(relpath)


def stripped(source: ExpandedSource) -> list[str]:
    return [line.strip() for line in source.text.splitlines()]


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


def test_copy_fixture_exact_edges(tmp_path: Path) -> None:
    plan = plan_of(copy_fixture(tmp_path, "copy"))
    assert {row(e) for e in plan.edges} == {
        ("copy", "program:COPYLIB", "copybook:ACCTREC", "COPYLIB.cbl", 5, (), ()),
        ("copy", "program:COPYLIB", "copybook:CUSTREC", "COPYLIB.cbl", 6, (), ()),
        ("copy", "program:COPYLIB", "copybook:QUOTED", "COPYLIB.cbl", 7, (), ()),
        ("copy", "program:COPYLIB", "copybook:PLAINREC", "COPYLIB.cbl", 8, (), ()),
        ("copy", "program:COPYLIB", "copybook:LOWERBOOK", "COPYLIB.cbl", 9, (), ()),
        ("copy", "program:REPLPGM", "copybook:TEMPLATE", "REPLPGM.cbl", 5, (), ()),
        ("copy", "program:REPLPGM", "copybook:TEMPLATE", "REPLPGM.cbl", 7, (), ()),
        ("copy", "program:REPLPGM", "copybook:LTREC", "REPLPGM.cbl", 9, (), ()),
        ("copy", "program:REPLPGM", "copybook:USINGLST", "REPLPGM.cbl", 15, (), ()),
        ("copy", "program:REPLPGM", "copybook:PROCCODE", "REPLPGM.cbl", 17, (), ()),
        ("copy", "program:REPLPGM", "copybook:MULTI", "REPLPGM.cbl", 18, (), ()),
        (
            "call",
            "program:COPYLIB",
            "external:FROMLIB",
            "COPYLIB.cbl",
            11,
            (),
            (("call", "dynamic"), ("resolution", "value"), ("via", "LIB-PGM")),
        ),
        (
            "call",
            "program:REPLPGM",
            "program:PROCSUB",
            "copylib/PROCCODE.cpy",
            2,
            ("REPLPGM.cbl",),
            STATIC,
        ),
        (
            "call",
            "program:REPLPGM",
            "external:NEWPGM",
            "copylib/MULTI.cpy",
            1,
            ("REPLPGM.cbl",),
            STATIC,
        ),
    }


def test_library_name_picks_mapped_folder(tmp_path: Path) -> None:
    # ACCTREC exists in libs/mylib and in copylib; MYLIB maps to libs/mylib,
    # so DECOY-PGM of copylib/ACCTREC.cpy is never defined.
    root = copy_fixture(tmp_path, "copy")
    plan = plan_of(root)
    (unresolved,) = plan.unresolved
    assert (unresolved.via, unresolved.pos) == (
        "DECOY-PGM",
        SourcePos("COPYLIB.cbl", 12),
    )
    source = expanded(root, "COPYLIB.cbl")
    members = {pos.member for pos in source.source_map}
    assert "libs/mylib/ACCTREC.cpy" in members
    assert "copylib/ACCTREC.cpy" not in members
    assert "otherlib/CUSTREC.cpy" in members  # IN OTHERLIB: the folder's name
    assert "copylib/quoted.cpy" in members
    assert "copylib/LowerBook.cpy" in members


def test_replacing_pairs_and_partial_words(tmp_path: Path) -> None:
    lines = stripped(expanded(copy_fixture(tmp_path, "copy"), "REPLPGM.cbl"))
    assert "01  IN-ACCT-REC." in lines
    assert "05  IN-ACCT-AMT PIC S9(7)V99 COMP-3." in lines
    # The same copybook again, with other pairs on two lines.
    assert "01  OUT-CUST-REC." in lines
    # LEADING matches without regard to case; one pair per word.
    assert "01  BB-KEY PIC X(4)." in lines
    assert "01  BB-key-in PIC X(4)." in lines
    assert "01  KEY-OUT PIC X(4)." in lines
    assert "01  BB-IN PIC X(4)." in lines


def test_pseudo_text_over_lines_period_after(tmp_path: Path) -> None:
    lines = stripped(expanded(copy_fixture(tmp_path, "copy"), "REPLPGM.cbl"))
    assert "CALL 'NEWPGM'  USING LK-B" in lines
    assert not any("OLDPGM" in line for line in lines)


def test_copy_inside_procedure_using(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path, "copy")
    model = build_model(discover(root, load_config(root)))
    assert model.programs["REPLPGM"].using == ("LK-A", "LK-B")


def test_copied_text_maps_to_copybook(tmp_path: Path) -> None:
    source = expanded(copy_fixture(tmp_path, "copy"), "REPLPGM.cbl")
    lines = stripped(source)
    index = lines.index("CALL 'PROCSUB' USING LK-A")
    assert source.source_map[index] == SourcePos(
        "copylib/PROCCODE.cpy", 2, ("REPLPGM.cbl",)
    )
    second = lines.index("01  OUT-CUST-REC.")
    assert source.source_map[second] == SourcePos(
        "copylib/TEMPLATE.cpy", 1, ("REPLPGM.cbl",)
    )


def test_nested_copy_outer_replacing_default(tmp_path: Path) -> None:
    # GnuCOBOL 3.1.2: the nested REPLACING acts first, then the outer one.
    lines = stripped(expanded(copy_fixture(tmp_path, "nested-copy"), "NESTREP.cbl"))
    assert [line for line in lines if line.startswith("01")] == [
        "01  X-A PIC X VALUE 'A'.",
        "01  X-B PIC X VALUE 'B'.",
        "01  Z-D PIC X VALUE 'D'.",
        "01  Y-C PIC X VALUE 'C'.",
    ]


def test_nested_copy_own_replacing_setting(tmp_path: Path) -> None:
    lines = stripped(expanded(copy_fixture(tmp_path, "nested-copy-own"), "NESTREP.cbl"))
    assert [line for line in lines if line.startswith("01")] == [
        "01  X-A PIC X VALUE 'A'.",
        "01  :P:-B PIC X VALUE 'B'.",
        "01  Z-D PIC X VALUE 'D'.",
        "01  Y-C PIC X VALUE 'C'.",
    ]


def test_nested_copy_positions_and_chain(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path, "nested-copy")
    plan = plan_of(root)
    copies = {row(e) for e in plan.edges if e.kind.value == "copy"}
    assert copies == {
        ("copy", "program:NESTREP", "copybook:OUTERCPY", "NESTREP.cbl", 5, (), ()),
        (
            "copy",
            "copybook:OUTERCPY",
            "copybook:INNERCPY",
            "OUTERCPY.cpy",
            2,
            ("NESTREP.cbl",),
            (),
        ),
    }
    source = expanded(root, "NESTREP.cbl")
    index = stripped(source).index("01  Z-D PIC X VALUE 'D'.")
    assert source.source_map[index] == SourcePos(
        "INNERCPY.cpy", 2, ("NESTREP.cbl", "OUTERCPY.cpy")
    )


def test_replace_statement_and_replace_off(tmp_path: Path) -> None:
    plan = plan_of(copy_fixture(tmp_path, "replace"))
    value = (("call", "dynamic"), ("resolution", "value"), ("via", "TARGET-PGM"))
    assert {row(e) for e in plan.edges} == {
        ("copy", "program:RPLPGM", "copybook:RPLCODE", "RPLPGM.cbl", 10, (), ()),
        # REPLACE turns the data name into a literal...
        ("call", "program:RPLPGM", "external:RPLSUB", "RPLPGM.cbl", 9, (), STATIC),
        # ...acts on COPY text, but never on text it replaced itself...
        (
            "call",
            "program:RPLPGM",
            "external:RPLVAL",
            "RPLCODE.cpy",
            1,
            ("RPLPGM.cbl",),
            value,
        ),
        # ...and stops at REPLACE OFF.
        ("call", "program:RPLPGM", "external:RPLVAL", "RPLPGM.cbl", 12, (), value),
    }
    assert plan.diagnostics == ()


def test_missing_nested_copybook_position(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                "IDENTIFICATION DIVISION.\nPROGRAM-ID. MAIN1.\nDATA DIVISION.\n"
                "WORKING-STORAGE SECTION.\n    COPY OUTER.\nPROCEDURE DIVISION.\n"
                "    CALL 'LEAF'\n    GOBACK.\n"
            ),
            "OUTER.cpy": fixed("01  A PIC X.\n    COPY NOWHERE.\n"),
        }
    )
    plan = plan_of(root)
    (error,) = [d for d in plan.diagnostics if d.severity == "error"]
    assert error.message == "copybook NOWHERE not found"
    assert error.pos == SourcePos("OUTER.cpy", 2, ("MAIN1.cbl",))
    # The rest of the member is still planned.
    assert any(e.target == "external:LEAF" for e in plan.edges)
