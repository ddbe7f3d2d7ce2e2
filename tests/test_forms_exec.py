"""Embedded SQL, CICS and DLI, and calls to MQ and Language Environment."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, fixed

from migrate.config import load_config
from migrate.discover import discover
from migrate.graph import EstateModel, build_model
from migrate.model import Edge, SourcePos
from migrate.plan import build_plan
from migrate.preprocess import Preprocessor

FORMS = FIXTURES / "forms" / "cobol"
STATIC = (("call", "static"), ("resolution", "literal"))

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


def sql(verb: str) -> tuple[tuple[str, str], ...]:
    return (("interface", "sql"), ("verb", verb))


def test_sql_tables_read_and_written(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "sql"))
    program = "program:SQLPGM"
    assert {row(e) for e in model.edges} == {
        ("copy", program, "copybook:DCLACCT", "SQLPGM.cbl", 6, ()),
        ("reads", program, "table:ACCOUNT", "SQLPGM.cbl", 13, sql("DECLARE")),
        ("reads", program, "table:CUSTOMER", "SQLPGM.cbl", 14, sql("DECLARE")),
        ("reads", program, "table:ACCOUNT", "SQLPGM.cbl", 21, sql("FETCH")),
        ("reads", program, "table:CUSTOMER", "SQLPGM.cbl", 21, sql("FETCH")),
        ("reads", program, "table:ACCT_BALANCE", "SQLPGM.cbl", 26, sql("SELECT")),
        ("writes", program, "table:AUDIT_LOG", "SQLPGM.cbl", 30, sql("INSERT")),
        ("writes", program, "table:ACCOUNT", "SQLPGM.cbl", 33, sql("UPDATE")),
        ("writes", program, "table:PENDING_TXN", "SQLPGM.cbl", 36, sql("DELETE")),
        ("reads", program, "table:CLOSED_ACCT", "SQLPGM.cbl", 37, sql("DELETE")),
        # The paragraph after the last block, and its CALL, are still read.
        ("call", program, "program:SQLSUB", "SQLPGM.cbl", 40, STATIC),
    }
    assert model.nodes["table:ACCOUNT"].value == "table"


def test_sql_host_variables_resolved(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "sql"))
    variables = {
        (v.name, v.item, v.pos.line) for v in model.programs["SQLPGM"].host_variables
    }
    assert variables == {
        ("ACCT-ID", "ACCT-ID", 21),
        ("WS-ID", "WS-ID", 21),
        ("WS-BAL", "WS-BAL", 25),
        ("DCLACCT.ACCT-ID", "ACCT-ID", 27),
        ("WS-ID", "WS-ID", 31),
        ("WS-NOPE", "", 34),
    }
    messages = [(d.pos, d.message) for d in model.diagnostics]
    assert messages == [
        (
            SourcePos("SQLPGM.cbl", 34),
            "host variable :WS-NOPE is not a data item of the program",
        )
    ]


def test_sql_include_expands_like_copy(tmp_path: Path) -> None:
    root = fixture_root(tmp_path, "sql")
    source = Preprocessor(discover(root, load_config(root))).expand("SQLPGM.cbl")
    lines = [line.strip() for line in source.text.splitlines()]
    index = lines.index("01  DCLACCT.")
    assert source.source_map[index] == SourcePos("DCLACCT.cpy", 6, ("SQLPGM.cbl",))
    # SQLCA is built in: its INCLUDE is lifted out like any block, with
    # no missing-member error.
    assert source.exec_blocks[0] == (
        SourcePos("SQLPGM.cbl", 5),
        "EXEC SQL INCLUDE SQLCA END-EXEC",
    )
    # Blocks in the PROCEDURE DIVISION leave CONTINUE behind.
    assert lines[lines.index("IF SQLCODE = 0") + 1] == "CONTINUE"


def test_sql_block_lines_map_through_copy(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "P1.cbl": fixed(
                "IDENTIFICATION DIVISION.\nPROGRAM-ID. P1.\nDATA DIVISION.\n"
                "WORKING-STORAGE SECTION.\n01  WS-N PIC 9(4).\nPROCEDURE DIVISION.\n"
                "    COPY SQLCODE1.\n    GOBACK.\n"
            ),
            "SQLCODE1.cpy": fixed(
                "* procedure code with embedded SQL\n    EXEC SQL\n"
                "      SELECT COUNT(*) INTO :WS-N\n        FROM LEDGER\n    END-EXEC\n"
            ),
        }
    )
    model = model_of(root)
    (edge,) = [e for e in model.edges if e.kind.value == "reads"]
    assert edge.target == "table:LEDGER"
    assert edge.pos == SourcePos("SQLCODE1.cpy", 4, ("P1.cbl",))


def test_cics_dli_mq_and_le_edges(tmp_path: Path) -> None:
    model = model_of(fixture_root(tmp_path, "cics"))
    program = "program:CICSPGM"
    cics = (("interface", "cics"),)
    dli = (("interface", "dli"),)
    assert {row(e) for e in model.edges} == {
        (
            "call",
            program,
            "program:LINKPGM",
            "CICSPGM.cbl",
            13,
            (*STATIC, ("command", "LINK")),
        ),
        (
            "call",
            program,
            "program:NEXTPGM",
            "CICSPGM.cbl",
            16,
            (
                ("call", "dynamic"),
                ("resolution", "value"),
                ("via", "WS-NEXT"),
                ("command", "XCTL"),
            ),
        ),
        (
            "reads",
            program,
            "dataset:ACCTDAT",
            "CICSPGM.cbl",
            18,
            (*cics, ("verb", "READ")),
        ),
        (
            "writes",
            program,
            "dataset:ACCTDAT",
            "CICSPGM.cbl",
            20,
            (*cics, ("verb", "REWRITE")),
        ),
        (
            "starts",
            program,
            "transaction:TR02",
            "CICSPGM.cbl",
            21,
            (*cics, ("verb", "START"), ("via", "WS-TRAN"), ("resolution", "value")),
        ),
        (
            "starts",
            program,
            "transaction:TR01",
            "CICSPGM.cbl",
            30,
            (*cics, ("verb", "RETURN")),
        ),
        (
            "call",
            program,
            "external:MQOPEN",
            "CICSPGM.cbl",
            23,
            (*STATIC, ("service", "mq")),
        ),
        (
            "call",
            program,
            "external:MQPUT",
            "CICSPGM.cbl",
            24,
            (*STATIC, ("service", "mq")),
        ),
        (
            "call",
            program,
            "external:CEEDAYS",
            "CICSPGM.cbl",
            25,
            (*STATIC, ("service", "le")),
        ),
        (
            "reads",
            program,
            "segment:PAUTSUM0",
            "CICSPGM.cbl",
            26,
            (*dli, ("verb", "GU")),
        ),
        (
            "writes",
            program,
            "segment:PAUTSUM0",
            "CICSPGM.cbl",
            28,
            (*dli, ("verb", "ISRT")),
        ),
        (
            "writes",
            program,
            "segment:PAUTDTL1",
            "CICSPGM.cbl",
            29,
            (*dli, ("verb", "ISRT")),
        ),
    }
    assert model.nodes["transaction:TR01"].value == "transaction"
    assert model.nodes["segment:PAUTSUM0"].value == "segment"


def test_cics_link_through_unknown_item(tmp_path: Path) -> None:
    root = fixture_root(tmp_path, "cics")
    plan = build_plan(discover(root, load_config(root)))
    (unresolved,) = plan.unresolved
    assert (unresolved.program, unresolved.via) == ("CICSPGM", "WS-UNKNOWN")
    assert unresolved.pos == SourcePos("CICSPGM.cbl", 22)
