"""The JCL forms of real estates, one fixture estate each under
fixtures/forms/jcl/: procedures, symbols, INCLUDE, overrides, DD forms,
PARM, TSO and IMS batch, utilities, data flow, and the problems reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from migrate.errors import InputError
from migrate.model import DDStatement, Edge, EdgeKind, Job, JobStep, SourcePos
from migrate.parse.jcl import parse_jcl
from migrate.parse.jobflow import MemberLibrary, job_edges, job_nodes

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms" / "jcl"


def _estate(form: str) -> dict[str, str]:
    root = FORMS / form
    return {
        path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _parse(
    form: str, *members: str, problems: list[InputError] | None = None
) -> list[Job]:
    texts = _estate(form)
    library = MemberLibrary(texts, texts.__getitem__)
    jobs: list[Job] = []
    for member in members:
        jobs.extend(parse_jcl(texts[member], member, library, problems))
    return jobs


def _steps(job: Job) -> list[tuple[object, ...]]:
    return [
        (s.name, s.program, s.utility, s.procedure, s.invoked_by, s.parm)
        for s in job.steps
    ]


def _dds(step: JobStep) -> list[tuple[object, ...]]:
    return [(dd.ddname, dd.dsn, dd.disp, _where(dd.pos)) for dd in step.dds]


def _where(pos: SourcePos) -> tuple[str, int, tuple[str, ...]]:
    return (pos.member, pos.line, pos.chain)


def _flows(edges: list[Edge]) -> list[tuple[str, ...]]:
    return [
        (
            e.source,
            e.target,
            e.attr("dataset"),
            e.attr("writer_job"),
            e.attr("writer_step"),
            e.attr("reader_job"),
            e.attr("reader_step"),
            f"{e.pos.member}:{e.pos.line}",
        )
        for e in edges
        if e.kind is EdgeKind.DATAFLOW
    ]


# --- procedures -------------------------------------------------------------


def test_instream_procedure_expands_per_call() -> None:
    (job,) = _parse("instream-proc", "PAYWEEK.jcl")
    assert _steps(job) == [
        ("CALC", "PAYCALC", "", "PAYCALC", ("PLANT01",), "PLANT=01,CYCLE=W"),
        ("CALC", "PAYCALC", "", "PAYCALC", ("PLANT02",), "PLANT=02,CYCLE=B"),
        ("SUMMARY", "PAYSUM", "", "", (), ""),
    ]
    first, second, summary = job.steps
    assert _where(first.pos) == ("PAYWEEK.jcl", 6, ())
    assert _where(second.pos) == ("PAYWEEK.jcl", 6, ())
    assert _where(summary.pos) == ("PAYWEEK.jcl", 16, ())
    assert _dds(first)[:3] == [
        ("HOURS", "PAY.P01.HOURS", "SHR", ("PAYWEEK.jcl", 7, ())),
        ("RATES", "PAY.RATES", "SHR", ("PAYWEEK.jcl", 8, ())),
        ("PAYOUT", "PAY.P01.PAY.W", "NEW", ("PAYWEEK.jcl", 9, ())),
    ]
    assert [dd.dsn for dd in second.dds] == [
        "PAY.P02.HOURS",
        "PAY.RATES",
        "PAY.P02.PAY.B",
        "",
    ]
    assert job.library_members == ()


def test_instream_procedure_dataflow_per_call() -> None:
    jobs = _parse("instream-proc", "PAYWEEK.jcl")
    edges = job_edges(jobs, {"PAYCALC", "PAYSUM"})
    assert _flows(edges) == [
        (
            "program:PAYCALC",
            "program:PAYSUM",
            "PAY.P01.PAY.W",
            "PAYWEEK",
            "PLANT01.CALC",
            "PAYWEEK",
            "SUMMARY",
            "PAYWEEK.jcl:17",
        ),
        (
            "program:PAYCALC",
            "program:PAYSUM",
            "PAY.P02.PAY.B",
            "PAYWEEK",
            "PLANT02.CALC",
            "PAYWEEK",
            "SUMMARY",
            "PAYWEEK.jcl:18",
        ),
    ]


def test_cataloged_procedures_follow_jcllib_order() -> None:
    (job,) = _parse("cataloged-proc", "jobs/BILLRUN.jcl")
    assert _steps(job) == [
        ("UNLOAD", "BILLUNLD", "", "BILLEXT", ("EXTRACT",), ""),
        ("SORT", "SORT", "SORT", "SORTACCT", ("EXTRACT", "SORTSTEP"), ""),
        ("PRICE", "BILLPRC", "", "BILLPRC", ("PRICE",), "20240131"),
        ("COPY", "IEBGENER", "IEBGENER", "ARCHIVE", ("ARCHIVE",), ""),
    ]
    unload, sort, price, copy = job.steps
    job_member = ("jobs/BILLRUN.jcl",)
    assert _where(unload.pos) == ("bill/prod/proclib/BILLEXT.prc", 3, job_member)
    # The nested procedure's chain contains the procedure that calls it.
    assert _where(sort.pos) == (
        "bill/prod/proclib/sortacct.proc",
        2,
        ("jobs/BILLRUN.jcl", "bill/prod/proclib/BILLEXT.prc"),
    )
    # BILL.TEST.PROCLIB comes first, and billprc.prc matches BILLPRC.
    assert _where(price.pos) == ("bill/test/proclib/billprc.prc", 2, job_member)
    # ARCHIVE is in no JCLLIB library: the whole estate is searched, and
    # jobs/ARCHIVE.jcl, a job, is no procedure.
    assert _where(copy.pos) == ("procs/ARCHIVE.jcl", 2, job_member)
    assert job.library_members == (
        "bill/prod/proclib/BILLEXT.prc",
        "bill/prod/proclib/sortacct.proc",
        "bill/test/proclib/billprc.prc",
        "procs/ARCHIVE.jcl",
    )


def test_nested_procedure_symbols_and_datasets() -> None:
    (job,) = _parse("cataloged-proc", "jobs/BILLRUN.jcl")
    _unload, sort, _price, copy = job.steps
    chain = ("jobs/BILLRUN.jcl", "bill/prod/proclib/BILLEXT.prc")
    assert _dds(sort) == [
        (
            "SORTIN",
            "BILL.USAGE.EXTRACT",
            "SHR",
            ("bill/prod/proclib/sortacct.proc", 3, chain),
        ),
        (
            "SORTOUT",
            "BILL.USAGE.SORTED",
            "NEW",
            ("bill/prod/proclib/sortacct.proc", 4, chain),
        ),
        (
            "SYSIN",
            "BILL.CNTL(SORTACCT)",
            "SHR",
            ("bill/prod/proclib/sortacct.proc", 5, chain),
        ),
    ]
    sysin = copy.dds[2]
    assert (sysin.ddname, sysin.dummy, sysin.dsn) == ("SYSIN", True, "")


def test_cataloged_procedure_edges_and_nodes() -> None:
    jobs = _parse("cataloged-proc", "jobs/BILLRUN.jcl", "jobs/ARCHIVE.jcl")
    edges = job_edges(jobs, {"BILLUNLD", "BILLPRC"})
    runs = [
        (e.source, e.target, e.attr("step"), str(e.pos))
        for e in edges
        if e.kind is EdgeKind.RUNS
    ]
    assert runs == [
        (
            "job:BILLRUN",
            "program:BILLUNLD",
            "EXTRACT.UNLOAD",
            "bill/prod/proclib/BILLEXT.prc:3",
        ),
        (
            "job:BILLRUN",
            "external:SORT",
            "EXTRACT.SORTSTEP.SORT",
            "bill/prod/proclib/sortacct.proc:2",
        ),
        (
            "job:BILLRUN",
            "program:BILLPRC",
            "PRICE.PRICE",
            "bill/test/proclib/billprc.prc:2",
        ),
        ("job:BILLRUN", "external:IEBGENER", "ARCHIVE.COPY", "procs/ARCHIVE.jcl:2"),
        ("job:ARCHIVE", "external:IEBGENER", "RERUN.COPY", "procs/ARCHIVE.jcl:2"),
    ]

    runs_edge = next(e for e in edges if e.kind is EdgeKind.RUNS)
    assert runs_edge.pos.chain == ("jobs/BILLRUN.jcl",)

    assert _flows(edges) == [
        (
            "program:BILLUNLD",
            "external:SORT",
            "BILL.USAGE.EXTRACT",
            "BILLRUN",
            "EXTRACT.UNLOAD",
            "BILLRUN",
            "EXTRACT.SORTSTEP.SORT",
            "bill/prod/proclib/sortacct.proc:3",
        ),
        (
            "external:SORT",
            "program:BILLPRC",
            "BILL.USAGE.SORTED",
            "BILLRUN",
            "EXTRACT.SORTSTEP.SORT",
            "BILLRUN",
            "PRICE.PRICE",
            "bill/test/proclib/billprc.prc:3",
        ),
        (
            "program:BILLPRC",
            "external:IEBGENER",
            "BILL.INVOICES",
            "BILLRUN",
            "PRICE.PRICE",
            "BILLRUN",
            "ARCHIVE.COPY",
            "procs/ARCHIVE.jcl:3",
        ),
        (
            "program:BILLPRC",
            "external:IEBGENER",
            "BILL.INVOICES",
            "BILLRUN",
            "PRICE.PRICE",
            "ARCHIVE",
            "RERUN.COPY",
            "procs/ARCHIVE.jcl:3",
        ),
    ]

    nodes = job_nodes(jobs, edges)
    assert nodes["job:ARCHIVE"].value == "job"
    assert nodes["external:SORT"].value == "external"
    # Generations of a GDG are one dataset node.
    assert nodes["dataset:BILL.INVOICES.ARCHIVE"].value == "dataset"


# --- symbols, INCLUDE, overrides ----------------------------------------------


def test_symbols_from_set_statements() -> None:
    (job,) = _parse("symbols", "DAILYGL.jcl")
    post, balance = job.steps
    assert (post.program, post.parm) == ("GLPOSTV2", "PROD,DATE=&LYYMMDD")
    assert _dds(post) == [
        ("LEDGER", "FIN.PROD.LEDGER", "OLD", ("DAILYGL.jcl", 7, ())),
        # A system symbol stays as written for the system to substitute.
        ("JOURNAL", "FIN.PROD.JOURNAL.D&LYYMMDD", "SHR", ("DAILYGL.jcl", 8, ())),
        ("WORK", "&&GLWORK", "NEW", ("DAILYGL.jcl", 9, ())),
        # DSN=&SPILL, with no symbol SPILL, is the old form of &&SPILL.
        ("SPILL", "&&SPILL", "NEW", ("DAILYGL.jcl", 10, ())),
        ("SYSOUT", "", "", ("DAILYGL.jcl", 11, ())),
    ]
    assert [dd.temporary for dd in post.dds] == [False, False, True, True, False]
    # The SET after POST changes ENV for BALANCE only.
    assert (balance.program, balance.parm) == ("GLBAL", "LIST,SUM")
    assert balance.dds[2].dsn == "FIN.TEST.GL.REPORT"


def test_temporary_datasets_scoped_to_job() -> None:
    jobs = _parse("symbols", "DAILYGL.jcl")
    edges = job_edges(jobs, {"GLPOSTV2", "GLBAL"})
    writes = [e.target for e in edges if e.kind is EdgeKind.WRITES]
    assert writes == [
        "dataset:DAILYGL.&&GLWORK",
        "dataset:DAILYGL.&&SPILL",
        "dataset:FIN.TEST.GL.REPORT",
    ]
    assert [
        (e.attr("dataset"), str(e.pos)) for e in edges if e.kind is EdgeKind.DATAFLOW
    ] == [
        ("DAILYGL.&&GLWORK", "DAILYGL.jcl:14"),
        ("DAILYGL.&&SPILL", "DAILYGL.jcl:15"),
    ]


def test_include_members_spliced_in_place() -> None:
    (job,) = _parse("include", "jobs/CUSTUPD.jcl")
    update, report = job.steps
    assert (update.name, update.program, _where(update.pos)) == (
        "UPDATE",
        "CUSTUPD",
        ("jobs/CUSTUPD.jcl", 4, ()),
    )
    included = "cust/jcl/include/CUSTDDS.jcl"
    assert _dds(update) == [
        ("CUSTIN", "CUS.CUST.MASTER", "SHR", (included, 2, ("jobs/CUSTUPD.jcl",))),
        ("CUSTOUT", "CUS.CUST.MASTER.NEW", "NEW", (included, 3, ("jobs/CUSTUPD.jcl",))),
        (
            "LOG",
            "",
            "",
            ("cust/jcl/include/CUSTLOG.jcl", 1, ("jobs/CUSTUPD.jcl", included)),
        ),
        ("TRANS", "CUS.CUST.TRANS", "SHR", ("jobs/CUSTUPD.jcl", 6, ())),
    ]
    assert _dds(report) == [
        ("CUSTIN", "CUS.CUST.MASTER.NEW", "SHR", ("jobs/CUSTUPD.jcl", 8, ())),
    ]
    assert job.library_members == (
        "cust/jcl/include/CUSTSET.jcl",
        included,
        "cust/jcl/include/CUSTLOG.jcl",
    )


def test_include_edges_keep_member_positions() -> None:
    jobs = _parse("include", "jobs/CUSTUPD.jcl")
    edges = job_edges(jobs, {"CUSTUPD", "CUSTRPT"})
    writes = [e for e in edges if e.kind is EdgeKind.WRITES]
    assert [(e.source, e.target, str(e.pos), e.pos.chain) for e in writes] == [
        (
            "program:CUSTUPD",
            "dataset:CUS.CUST.MASTER.NEW",
            "cust/jcl/include/CUSTDDS.jcl:3",
            ("jobs/CUSTUPD.jcl",),
        ),
    ]
    assert writes[0].attrs == (
        ("job", "CUSTUPD"),
        ("step", "UPDATE"),
        ("dd", "CUSTOUT"),
    )
    assert _flows(edges) == [
        (
            "program:CUSTUPD",
            "program:CUSTRPT",
            "CUS.CUST.MASTER.NEW",
            "CUSTUPD",
            "UPDATE",
            "CUSTUPD",
            "REPORT",
            "jobs/CUSTUPD.jcl:8",
        ),
    ]


def test_dd_overrides_replace_and_add() -> None:
    (job,) = _parse("overrides", "jobs/ACCTTEST.jcl")
    validate, post = job.steps
    proc, chain = "proclib/ACCTPOST.prc", ("jobs/ACCTTEST.jcl",)
    assert (validate.name, validate.parm, _where(validate.pos)) == (
        "VALIDATE",
        "LENIENT",
        (proc, 2, chain),
    )
    assert (post.name, post.parm, _where(post.pos)) == (
        "POST",
        "TRACE",
        (proc, 8, chain),
    )
    assert _dds(validate) == [
        # The override codes only DSN: DISP=SHR stays from the procedure.
        ("TRANIN", "ACCT.QA.TRANS.SAMPLE", "SHR", ("jobs/ACCTTEST.jcl", 4, ())),
        # An empty override keeps the first dataset of the concatenation.
        ("RULES", "ACCT.RULES.BASE", "SHR", (proc, 4, chain)),
        ("RULES", "ACCT.RULES.QA", "SHR", ("jobs/ACCTTEST.jcl", 6, ())),
        ("RULES", "ACCT.RULES.EXTRA", "SHR", ("jobs/ACCTTEST.jcl", 7, ())),
        ("VALID", "&&VALID", "NEW", (proc, 6, chain)),
        ("CONTROL", "", "", ("jobs/ACCTTEST.jcl", 8, ())),
    ]
    assert [dd.concatenation for dd in validate.dds] == [0, 0, 1, 2, 0, 0]
    control = validate.dds[-1]
    assert (control.dummy, control.instream) == (False, "MODE=CHECK\n")
    assert _dds(post) == [
        ("VALID", "&&VALID", "OLD", (proc, 9, chain)),
        ("MASTER", "ACCT.QA.MASTER", "OLD", (proc, 10, chain)),
        ("AUDIT", "ACCT.QA.AUDIT", "NEW", ("jobs/ACCTTEST.jcl", 11, ())),
        ("EXTRACT", "ACCT.QA.EXTRACT", "MOD", ("jobs/ACCTTEST.jcl", 12, ())),
    ]
    assert not post.dds[2].sysout


def test_dd_overrides_feed_the_graph() -> None:
    jobs = _parse("overrides", "jobs/ACCTTEST.jcl")
    edges = job_edges(jobs, {"ACCTVAL", "ACCTPST"})
    reads = [
        (e.target, str(e.pos))
        for e in edges
        if e.kind is EdgeKind.READS and e.source == "program:ACCTVAL"
    ]
    assert reads == [
        ("dataset:ACCT.QA.TRANS.SAMPLE", "jobs/ACCTTEST.jcl:4"),
        ("dataset:ACCT.RULES.BASE", "proclib/ACCTPOST.prc:4"),
        ("dataset:ACCT.RULES.QA", "jobs/ACCTTEST.jcl:6"),
        ("dataset:ACCT.RULES.EXTRA", "jobs/ACCTTEST.jcl:7"),
    ]
    assert _flows(edges) == [
        (
            "program:ACCTVAL",
            "program:ACCTPST",
            "ACCTTEST.&&VALID",
            "ACCTTEST",
            "RUN.VALIDATE",
            "ACCTTEST",
            "RUN.POST",
            "proclib/ACCTPOST.prc:9",
        ),
    ]


# --- DD statements and PARM ---------------------------------------------------


def test_dd_forms_of_one_job() -> None:
    (job,) = _parse("dd-forms", "STMTPRT.jcl")
    build, print_step, gen = job.steps
    assert [
        (dd.ddname, dd.dsn, dd.disp, dd.pos.line, dd.concatenation) for dd in build.dds
    ] == [
        ("ACCOUNTS", "BANK.ACCOUNTS", "SHR", 3, 0),
        ("HISTORY", "BANK.HISTORY.JAN", "SHR", 4, 0),
        ("HISTORY", "BANK.HISTORY.FEB", "SHR", 5, 1),
        ("HISTORY", "BANK.HISTORY.MAR", "OLD", 6, 2),
        ("STMTS", "&&STMTS", "NEW", 7, 0),
        ("LOG", "BANK.STMT.LOG", "MOD", 9, 0),
        # No DISP: the JCL default, NEW.
        ("NEWDS", "BANK.STMT.INDEX", "NEW", 10, 0),
        ("OPTIONS", "", "", 11, 0),
        ("MESSAGES", "", "", 15, 0),
        ("OLDLOG", "", "SHR", 16, 0),
        ("SYSOUT", "", "", 17, 0),
    ]
    by_name = {dd.ddname: dd for dd in build.dds}
    assert by_name["STMTS"].temporary
    assert by_name["STMTS"].normal_disp == "PASS"
    assert by_name["LOG"].writes
    assert (
        by_name["OPTIONS"].instream == "/* NOT THE END OF THE DATA\nTITLE=QUARTERLY\n"
    )
    assert by_name["MESSAGES"].dummy
    assert by_name["OLDLOG"].dummy
    assert by_name["SYSOUT"].sysout
    assert not any(dd.reads for dd in (by_name["OLDLOG"], by_name["MESSAGES"]))


def test_dd_data_referback_and_implicit_sysin() -> None:
    (job,) = _parse("dd-forms", "STMTPRT.jcl")
    _build, print_step, gen = job.steps
    stmts, jclcopy, report = print_step.dds
    # The referback names the dataset of BUILD's STMTS DD.
    assert (stmts.dsn, stmts.disp, stmts.temporary) == ("&&STMTS", "OLD", True)
    # DD DATA keeps lines that start with //, up to the /* delimiter.
    assert jclcopy.instream == (
        "//COPY     EXEC PGM=IEBGENER\n//* THIS JOB STREAM IS DATA, NOT A STEP\n"
    )
    assert (report.ddname, report.pos.line, report.sysout) == ("REPORT", 24, True)
    assert [(dd.ddname, dd.pos.line, dd.instream) for dd in gen.dds] == [
        ("CARDS", 26, None),
        ("SYSIN", 27, "STMT-DATE=20240131\n"),
    ]
    edges = job_edges([job], {"STMTBLD", "STMTPRT", "STMTGEN"})
    assert _flows(edges) == [
        (
            "program:STMTBLD",
            "program:STMTPRT",
            "STMTPRT.&&STMTS",
            "STMTPRT",
            "BUILD",
            "STMTPRT",
            "PRINT",
            "STMTPRT.jcl:19",
        ),
        (
            "program:STMTBLD",
            "program:STMTGEN",
            "BANK.STMT.INDEX",
            "STMTPRT",
            "BUILD",
            "STMTPRT",
            "GEN",
            "STMTPRT.jcl:26",
        ),
    ]


def test_parm_quoted_parenthesised_continued() -> None:
    (job,) = _parse("parm", "RATECALC.jcl")
    assert [(s.name, s.program, s.parm, s.pos.line) for s in job.steps] == [
        ("QUOTED", "RATEQ", "MODE=FULL,TABLE='PRIME'", 2),
        ("PARENS", "RATEP", "DAILY,'REGION=EU',30", 3),
        ("CONTIN", "RATEC", "MONTHLY,'REGION=US',60", 4),
        (
            "LONG",
            "RATEL",
            "TABLES=PRIME,LIBOR,EURIBOR,SONIA,SOFR,TONA,ESTR,CORRA,SARON,BBSW,"
            "HIBOR,JIBAR,TIBOR",
            6,
        ),
        ("PLAIN", "RATEN", "QUARTER", 8),
        ("NOPARM", "RATEX", "", 9),
    ]


# --- what steps run -------------------------------------------------------------


def test_tso_batch_runs_real_programs() -> None:
    (job,) = _parse("tso-batch", "DB2BATCH.jcl")
    assert [
        (s.name, s.program, s.utility, s.parm, s.also_runs, s.pos.line)
        for s in job.steps
    ] == [
        ("LOADCUST", "CUSTLOAD", "IKJEFT01", "/LOAD,COMMIT=500", (), 2),
        ("REPORTS", "CUSTRPT", "IKJEFT1B", "", ("CUSTSUM",), 12),
        ("PURGE", "CUSTPURG", "IKJEFT01", "DAYS=90", (), 21),
        # SYSTSIN is a dataset: the commands are not in the estate.
        ("CHECK", "IKJEFT01", "IKJEFT01", "%CUSTCHK", (), 26),
    ]


def test_tso_batch_edges_run_each_program() -> None:
    jobs = _parse("tso-batch", "DB2BATCH.jcl")
    edges = job_edges(jobs, {"CUSTLOAD", "CUSTRPT", "CUSTSUM", "CUSTPURG"})
    assert [(e.target, e.attr("step")) for e in edges if e.kind is EdgeKind.RUNS] == [
        ("program:CUSTLOAD", "LOADCUST"),
        ("program:CUSTRPT", "REPORTS"),
        ("program:CUSTSUM", "REPORTS"),
        ("program:CUSTPURG", "PURGE"),
        ("external:IKJEFT01", "CHECK"),
    ]
    writes = [(e.source, e.target) for e in edges if e.kind is EdgeKind.WRITES]
    assert writes == [
        ("program:CUSTRPT", "dataset:CUS.CUST.REPORT"),
        ("program:CUSTSUM", "dataset:CUS.CUST.REPORT"),
    ]


def test_utilities_marked_and_external() -> None:
    (job,) = _parse("utilities", "NIGHTUTL.jcl")
    assert [(s.name, s.program, s.utility, s.parm) for s in job.steps] == [
        ("DELETE", "IEFBR14", "IEFBR14", ""),
        ("DEFINE", "IDCAMS", "IDCAMS", ""),
        ("SORT", "SORT", "SORT", ""),
        ("LOAD", "SALESLD", "", ""),
        ("COPY", "IEBGENER", "IEBGENER", ""),
        # The IMS region controller runs the program its PARM names.
        ("IMSUPD", "SALESIMS", "DFSRRC00", "DLI,SALESIMS,SALESPSB"),
        ("UNLOAD", "DSNUTILB", "DSNUTILB", "DB2P,SALESUNL"),
    ]
    # A program of the estate named like a utility is still the utility.
    edges = job_edges([job], {"SALESLD", "SALESIMS", "SORT"})
    runs = [e.target for e in edges if e.kind is EdgeKind.RUNS]
    assert runs == [
        "external:IEFBR14",
        "external:IDCAMS",
        "external:SORT",
        "program:SALESLD",
        "external:IEBGENER",
        "program:SALESIMS",
        "external:DSNUTILB",
    ]
    # IEFBR14 deletes OPS.SALES.SORTED at step end: only SORT's copy flows.
    assert [
        (e.source, e.target, e.attr("reader_step"))
        for e in edges
        if e.kind is EdgeKind.DATAFLOW
    ] == [
        ("external:SORT", "program:SALESLD", "LOAD"),
        ("external:SORT", "external:IEBGENER", "COPY"),
        ("external:SORT", "program:SALESIMS", "IMSUPD"),
    ]


# --- data flow between jobs ---------------------------------------------------


def test_dataflow_within_and_across_jobs() -> None:
    jobs = _parse("dataflow", "jobs/DAYSTART.jcl", "jobs/DAYEND.jcl")
    edges = job_edges(jobs, {"ORDEXTR", "ORDPRICE", "ORDBILL"})
    assert _flows(edges) == [
        (
            "program:ORDEXTR",
            "program:ORDPRICE",
            "DAYSTART.&&WORK",
            "DAYSTART",
            "EXTRACT",
            "DAYSTART",
            "PRICE",
            "jobs/DAYSTART.jcl:9",
        ),
        # PREVIOUS reads generation (0), the one before this job's (+1).
        (
            "program:ORDEXTR",
            "program:ORDPRICE",
            "OPS.ORDERS.EXTRACT",
            "DAYSTART",
            "EXTRACT",
            "DAYSTART",
            "PRICE",
            "jobs/DAYSTART.jcl:11",
        ),
        (
            "program:ORDPRICE",
            "program:ORDBILL",
            "OPS.ORDERS.PRICED",
            "DAYSTART",
            "PRICE",
            "DAYEND",
            "BILL",
            "jobs/DAYEND.jcl:7",
        ),
        # The next job's (0) is what DAYSTART wrote; its &&WORK is its own,
        # and STEPLIB, a program library, carries no data.
        (
            "program:ORDEXTR",
            "program:ORDBILL",
            "OPS.ORDERS.EXTRACT",
            "DAYSTART",
            "EXTRACT",
            "DAYEND",
            "BILL",
            "jobs/DAYEND.jcl:9",
        ),
    ]
    reads = {e.target for e in edges if e.kind is EdgeKind.READS}
    assert "dataset:DAYEND.&&WORK" in reads
    assert "dataset:OPS.LOADLIB" in reads


def test_dataflow_edge_attributes() -> None:
    jobs = _parse("dataflow", "jobs/DAYSTART.jcl", "jobs/DAYEND.jcl")
    edge = _dataflow(job_edges(jobs, {"ORDEXTR", "ORDPRICE", "ORDBILL"}))[0]
    assert edge.attrs == (
        ("dataset", "DAYSTART.&&WORK"),
        ("writer_job", "DAYSTART"),
        ("writer_step", "EXTRACT"),
        ("reader_job", "DAYSTART"),
        ("reader_step", "PRICE"),
    )
    assert edge.pos == SourcePos("jobs/DAYSTART.jcl", 9)


def _dataflow(edges: list[Edge]) -> list[Edge]:
    return [edge for edge in edges if edge.kind is EdgeKind.DATAFLOW]


# --- problems -------------------------------------------------------------------


def test_problems_reported_rest_parsed() -> None:
    problems: list[InputError] = []
    (job,) = _parse("errors", "jobs/MONTHEND.jcl", problems=problems)
    assert [(s.name, s.program, s.pos.member, s.pos.line) for s in job.steps] == [
        ("CLOSE", "FINCLOSE", "jobs/MONTHEND.jcl", 3),
        ("ROLL", "FINROLL", "fin/proclib/FINROLL.prc", 3),
        ("ARCHIVE", "FINARCH", "jobs/MONTHEND.jcl", 9),
    ]
    # The undefined symbol stays as written.
    assert job.steps[0].dds[0].dsn == "FIN.&PERIOD..LEDGER"
    assert [(p.pos, p.message) for p in problems] == [
        (SourcePos("jobs/MONTHEND.jcl", 4), "symbol &PERIOD is not defined"),
        (SourcePos("jobs/MONTHEND.jcl", 5), "procedure FINACCR not found"),
        (SourcePos("jobs/MONTHEND.jcl", 6), "INCLUDE member FINDDS not found"),
        (
            SourcePos("jobs/MONTHEND.jcl", 7),
            "EXEC of step REPORT names no program or procedure",
        ),
        (
            SourcePos("fin/proclib/FINROLL.prc", 5, ("jobs/MONTHEND.jcl",)),
            "procedure FINROLL calls itself: FINROLL -> FINROLL",
        ),
    ]


def test_problem_hints_name_the_fix() -> None:
    problems: list[InputError] = []
    _parse("errors", "jobs/MONTHEND.jcl", problems=problems)
    symbol, procedure, include, program, _recursion = problems
    assert "// SET PERIOD=value" in symbol.hint
    assert "FINACCR.prc" in procedure.hint
    assert "(FIN.PROCLIB)" in procedure.hint
    assert "FINDDS.jcl" in include.hint
    assert "EXEC PGM=NAME" in program.hint


def test_problems_raise_without_list() -> None:
    with pytest.raises(InputError) as raised:
        _parse("errors", "jobs/MONTHEND.jcl")
    assert raised.value.pos == SourcePos("jobs/MONTHEND.jcl", 4)
    assert raised.value.message == "symbol &PERIOD is not defined"


@pytest.mark.parametrize(
    ("form", "member"),
    [
        ("cataloged-proc", "bill/prod/proclib/BILLEXT.prc"),
        ("include", "cust/jcl/include/CUSTDDS.jcl"),
        ("errors", "fin/proclib/FINROLL.prc"),
    ],
)
def test_library_member_alone_gives_nothing(form: str, member: str) -> None:
    problems: list[InputError] = []
    assert _parse(form, member, problems=problems) == []
    assert problems == []


def test_dd_statement_defaults_unchanged() -> None:
    # Fields added for the JCL forms default so that old callers still
    # build DD statements and steps positionally.
    dd = DDStatement("IN", "A.B", "SHR", SourcePos("j.jcl", 2))
    step = JobStep("S1", "PGM1", (dd,), SourcePos("j.jcl", 1))
    assert (dd.dummy, dd.temporary, dd.concatenation, dd.normal_disp) == (
        False,
        False,
        0,
        "",
    )
    assert (step.utility, step.procedure, step.invoked_by, step.also_runs) == (
        "",
        "",
        (),
        (),
    )
