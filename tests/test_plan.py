"""The plan: graph edges, slices, cycles, record slices and the JSON form."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import fixed

from migrate.config import Config
from migrate.discover import discover
from migrate.model import EdgeKind, SliceKind
from migrate.plan import build_plan, load_plan, plan_to_json, save_plan


def program(name: str, body: str = "", data: str = "") -> str:
    return fixed(
        f"""
IDENTIFICATION DIVISION.
PROGRAM-ID. {name}.
DATA DIVISION.
WORKING-STORAGE SECTION.
{data}
PROCEDURE DIVISION.
{body}
    GOBACK.
"""
    )


def plan_of(root: Path):  # type: ignore[no-untyped-def]
    return build_plan(discover(root, Config()))


def test_cycle_becomes_one_slice(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "A.cbl": program("A", "    CALL 'B'"),
            "B.cbl": program("B", "    CALL 'A'"),
            "TOP.cbl": program("TOP", "    CALL 'A'"),
        }
    )
    plan = plan_of(root)
    ids = [item.id for item in plan.slices]
    assert ids == ["runtime", "cycle-a-b", "top"]
    assert plan.slice("top").depends_on == ("cycle-a-b",)
    assert plan.slice("cycle-a-b").programs == ("A", "B")


def test_shared_copybook_becomes_record_slice(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "P1.cbl": program("P1", data="    COPY ACCT."),
            "P2.cbl": program("P2", data="    COPY ACCT.\n    COPY OWN."),
            "ACCT.cpy": fixed("01  ACCT-REC PIC X(10).\n"),
            "OWN.cpy": fixed("01  OWN-REC PIC X(10).\n"),
        }
    )
    plan = plan_of(root)
    record = plan.slice("rec-acct")
    assert record.kind is SliceKind.RECORD
    assert plan.slice("p1").depends_on == ("rec-acct",)
    assert plan.slice("p2").copybooks == ("OWN",)
    assert "OWN.cpy" in plan.slice("p2").members


def test_dynamic_call_resolved_through_move(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "P1.cbl": program(
                "P1",
                "    MOVE 'FEES' TO WS-PGM\n    CALL WS-PGM",
                "01  WS-PGM PIC X(8).",
            ),
            "FEES.cbl": program("FEES"),
        }
    )
    plan = plan_of(root)
    (call,) = [e for e in plan.edges if e.kind is EdgeKind.CALL]
    assert (call.source, call.target) == ("program:P1", "program:FEES")
    assert call.attr("call") == "dynamic"
    assert call.attr("via") == "WS-PGM"
    assert call.pos.line == 8


def test_unresolved_dynamic_call_is_listed(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {"P1.cbl": program("P1", "    CALL WS-PGM", "01  WS-PGM PIC X(8).")}
    )
    plan = plan_of(root)
    (unresolved,) = plan.unresolved
    assert (unresolved.program, unresolved.via) == ("P1", "WS-PGM")


def test_test_driver_joins_tested_slice(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "SUB.cbl": program("SUB"),
            "tests/TSUB.cbl": program("TSUB", "    CALL 'SUB'"),
            "tests/TSUB.jcl": "//TSUB JOB\n//S1 EXEC PGM=TSUB\n",
        }
    )
    plan = plan_of(root)
    assert plan.slice("sub").programs == ("SUB", "TSUB")
    assert [job.is_test for job in plan.jobs] == [True]


def test_critical_path_and_levels(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "TOP.cbl": program("TOP", "    CALL 'MID'\n    CALL 'LEAF2'"),
            "MID.cbl": program("MID", "    CALL 'LEAF'"),
            "LEAF.cbl": program("LEAF"),
            "LEAF2.cbl": program("LEAF2"),
        }
    )
    plan = plan_of(root)
    assert plan.critical_path == ("runtime", "leaf", "mid", "top")
    assert plan.levels == (("runtime",), ("leaf", "leaf2"), ("mid",), ("top",))


def test_plan_json_round_trip(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "TOP.cbl": program("TOP", "    CALL 'LEAF'"),
            "LEAF.cbl": program("LEAF"),
            "jcl/J.jcl": "//J JOB\n//S1 EXEC PGM=TOP\n//IN DD DSN=A.B,DISP=SHR\n",
        }
    )
    plan = plan_of(root)
    save_plan(plan, root)
    assert load_plan(root) == plan
    data = json.loads(json.dumps(plan_to_json(plan)))
    assert data["schema_version"] == 1
    assert {"source", "target", "kind", "member", "line"} <= set(data["edges"][0])
    assert (root / ".migrate" / ".gitignore").read_text() == "*\n"
