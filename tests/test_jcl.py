"""The JCL parser: jobs, steps, DD statements and in-stream data."""

from __future__ import annotations

import pytest

from migrate.errors import InputError
from migrate.model import SourcePos
from migrate.parse.jcl import parse_jcl, split_operands

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
