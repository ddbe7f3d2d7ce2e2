"""The JCL parser: jobs, steps, DD statements and in-stream data."""

from __future__ import annotations

import pytest

from migrate.errors import InputError
from migrate.model import SourcePos
from migrate.parse.jcl import parse_jcl, split_operands, substitute
from migrate.parse.jobflow import MemberLibrary, tso_commands, tso_programs

NIGHTLY = """\
//NIGHTLY  JOB (ACCT),'POSTING',CLASS=A,
//             MSGCLASS=X
//* post the day's transactions
//STEP01   EXEC PGM=POSTTRAN,PARM='RUN=1'
//TRANIN   DD DSN=BANK.TRANS,DISP=SHR
//POSTED   DD DSN=BANK.POSTED,
//            DISP=(NEW,CATLG,DELETE)
//SYSIN    DD *
20200115
/*
//SYSOUT   DD SYSOUT=*
//STEP02   EXEC PGM=REPORT
//POSTED   DD DSN=BANK.POSTED,DISP=SHR
"""


def test_job_steps_and_programs() -> None:
    (job,) = parse_jcl(NIGHTLY, "jcl/NIGHTLY.jcl")
    assert job.name == "NIGHTLY"
    assert [step.program for step in job.steps] == ["POSTTRAN", "REPORT"]
    assert job.steps[0].pos == SourcePos("jcl/NIGHTLY.jcl", 4)
    assert job.steps[0].parm == "RUN=1"
    assert not job.is_test


def test_dd_dataset_disposition_and_lines() -> None:
    (job,) = parse_jcl(NIGHTLY, "jcl/NIGHTLY.jcl")
    tranin, posted, sysin, sysout = job.steps[0].dds
    assert (tranin.dsn, tranin.disp, tranin.pos.line) == ("BANK.TRANS", "SHR", 5)
    assert tranin.reads
    assert (posted.dsn, posted.disp, posted.pos.line) == ("BANK.POSTED", "NEW", 6)
    assert posted.writes
    assert sysin.instream == "20200115\n"
    assert sysout.sysout


def test_test_job_is_marked() -> None:
    (job,) = parse_jcl(NIGHTLY, "tests/jcl/TDATE.jcl")
    assert job.is_test


def test_exec_without_program_is_an_error() -> None:
    with pytest.raises(InputError) as raised:
        parse_jcl("//J JOB\n//S1 EXEC MYPROC\n", "j.jcl")
    assert raised.value.pos == SourcePos("j.jcl", 2)


def test_operands_split_outside_parentheses() -> None:
    assert split_operands("DSN=A.B,DISP=(NEW,CATLG),X='A,B'") == [
        "DSN=A.B",
        "DISP=(NEW,CATLG)",
        "X='A,B'",
    ]


def _undefined_names(text: str, scope: dict[str, str]) -> tuple[str, list[str]]:
    names: list[str] = []
    return substitute(text, scope, names.append), names


def test_substitute_period_ends_symbol() -> None:
    scope = {"HLQ": "PROD", "ENV": "T"}
    assert _undefined_names("DSN=&HLQ..IN.&ENV.DATA", scope) == (
        "DSN=PROD.IN.TDATA",
        [],
    )
    assert _undefined_names("DSN=&&TEMP,DISP=(NEW,PASS)", scope) == (
        "DSN=&&TEMP,DISP=(NEW,PASS)",
        [],
    )


def test_substitute_reports_undefined_symbols() -> None:
    assert _undefined_names("DSN=&HLQ..X,UNIT=&UNIT", {}) == (
        "DSN=&HLQ..X,UNIT=&UNIT",
        ["HLQ", "UNIT"],
    )
    # Inside apostrophes, and for system symbols, nothing is reported.
    assert _undefined_names("PARM='&INPUT&X',NOTIFY=&SYSUID", {"X": "1"}) == (
        "PARM='&INPUT1',NOTIFY=&SYSUID",
        [],
    )


def test_null_statement_ends_job() -> None:
    text = (
        "//J1 JOB\n//S1 EXEC PGM=ONE\n//\n//S2 EXEC PGM=LOST\n"
        "//J2 JOB\n//S3 EXEC PGM=TWO\n"
    )
    jobs = parse_jcl(text, "j.jcl")
    assert [(job.name, [s.program for s in job.steps]) for job in jobs] == [
        ("J1", ["ONE"]),
        ("J2", ["TWO"]),
    ]


def test_instream_data_ends_at_statement() -> None:
    text = "//J JOB\n//S1 EXEC PGM=P\n//IN DD *\nA\nB\n//OUT DD SYSOUT=*\n"
    (job,) = parse_jcl(text, "j.jcl")
    assert [(dd.ddname, dd.instream, dd.pos.line) for dd in job.steps[0].dds] == [
        ("IN", "A\nB\n", 3),
        ("OUT", None, 6),
    ]


def test_procedure_parm_nullifies_other_steps() -> None:
    text = """\
//J        JOB
//P        PROC
//A        EXEC PGM=PA,PARM='X'
//B        EXEC PGM=PB,PARM='Y'
//         PEND
//RUN      EXEC P,PARM='Z'
"""
    (job,) = parse_jcl(text, "j.jcl")
    assert [(s.name, s.parm) for s in job.steps] == [("A", "Z"), ("B", "")]


def test_override_of_unknown_step_reported() -> None:
    text = "//J JOB\n//P PROC\n//A EXEC PGM=PA\n// PEND\n//R EXEC P\n//B.IN DD DUMMY\n"
    problems: list[InputError] = []
    (job,) = parse_jcl(text, "j.jcl", problems=problems)
    assert [s.name for s in job.steps] == ["A"]
    assert [(p.pos, p.message) for p in problems] == [
        (SourcePos("j.jcl", 6), "procedure P has no step B"),
    ]


def test_member_library_library_folders() -> None:
    texts = {
        "prod/proclib/PAY.prc": "//PAY PROC\n",
        "test/proclib/PAY.prc": "//PAY PROC\n",
        "jobs/PAY.jcl": "//PAY JOB\n//S EXEC PAY\n",
        "other/procs/pay.jcl": "//PAY PROC\n",
    }
    library = MemberLibrary(texts, texts.__getitem__)

    def found(name: str, *libraries: str) -> str:
        member = library(name, libraries)
        return member[0] if member else ""

    assert library("PAY", ("TEST.PROCLIB",)) == ("test/proclib/PAY.prc", "//PAY PROC\n")
    assert found("PAY", "PROD.PROCLIB") == "prod/proclib/PAY.prc"
    # No folder is named after SYS1.PROCS, so its last qualifier is used.
    assert found("pay", "SYS1.PROCS") == "other/procs/pay.jcl"
    # No library: procedure members first, never a job.
    assert found("PAY") == "prod/proclib/PAY.prc"
    assert found("NONE") == ""


def test_tso_commands_join_continuations() -> None:
    text = "  RUN PROGRAM(A) -\n      PLAN(P) +\n      PARMS('X')\n  END\n"
    assert tso_commands(text) == [
        "  RUN PROGRAM(A)       PLAN(P) PARMS('X')",
        "  END",
    ]
    assert tso_programs(text) == [("A", "X")]


def test_referback_inside_procedure_resolved() -> None:
    text = """\
//J        JOB
//P        PROC
//MAKE     EXEC PGM=MAKER
//OUT      DD DSN=&&PART,DISP=(NEW,PASS)
//USE      EXEC PGM=USER
//IN       DD DSN=*.MAKE.OUT,DISP=(OLD,DELETE)
//         PEND
//RUN      EXEC P
//LAST     EXEC PGM=LAST
//IN       DD DSN=*.RUN.MAKE.OUT,DISP=SHR
//SELF     DD DSN=*.IN,DISP=SHR
"""
    (job,) = parse_jcl(text, "j.jcl")
    assert [(s.name, [dd.dsn for dd in s.dds]) for s in job.steps] == [
        ("MAKE", ["&&PART"]),
        ("USE", ["&&PART"]),
        ("LAST", ["&&PART", "&&PART"]),
    ]
