"""The judge: compiling with javac, running jobs with GnuCOBOL and Java,
comparing them, the record layout check and the sandbox."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrate.config import load_config
from migrate.discover import discover
from migrate.judge.cobol import CobolLibrary, build_library
from migrate.judge.java import compile_java, java_command
from migrate.judge.jobs import completed_jobs
from migrate.judge.sandbox import Isolation, Limits, Sandbox, detect_isolation
from migrate.judge.verdict import NOT_EXERCISED_EVIDENCE, JudgeTask, VerdictKind
from migrate.judge.verify import Judge
from migrate.model import (
    Conversion,
    Edge,
    EdgeKind,
    JavaSource,
    NodeKind,
    Plan,
    Slice,
    SliceKind,
    SourcePos,
    Unsupported,
)
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import expand_copybook
from migrate.runtime import runtime_sources

HELLO_COBOL = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. HELLO.
       ENVIRONMENT DIVISION.
       INPUT-OUTPUT SECTION.
       FILE-CONTROL.
           SELECT OUT-FILE ASSIGN TO OUTF
               ORGANIZATION IS LINE SEQUENTIAL.
       DATA DIVISION.
       FILE SECTION.
       FD  OUT-FILE.
       01  OUT-REC PIC X(20).
       WORKING-STORAGE SECTION.
       01  WS-NAME PIC X(10).
       PROCEDURE DIVISION.
           ACCEPT WS-NAME
           DISPLAY "HELLO " WS-NAME "!"
           OPEN OUTPUT OUT-FILE
           MOVE WS-NAME TO OUT-REC
           WRITE OUT-REC
           CLOSE OUT-FILE
           MOVE 4 TO RETURN-CODE
           STOP RUN.
"""

HELLO_JCL = """\
//HELLOJOB JOB (ACCT),'HELLO'
//STEP01   EXEC PGM=HELLO
//OUTF     DD DSN=HELLO.OUT,DISP=(NEW,CATLG,DELETE)
//SYSIN    DD *
WORLD
/*
"""

ACCTREC = """\
       01  ACCT-REC.
           05  ACCT-ID     PIC 9(6).
           05  ACCT-NAME   PIC X(20).
       01  ACCT-TOTAL      PIC S9(7)V99 COMP-3.
"""

# A hand translation of HELLO; {greeting}, {record} and {code} vary it.
HELLO_JAVA = """\
package migrated;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

public final class Hello {{
    public static void main(String[] args) throws Exception {{
        BufferedReader in = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.ISO_8859_1));
        String line = in.readLine();
        String name = String.format("%-10.10s", line == null ? "" : line);
        System.out.println("{greeting} " + name + "!");
        byte[] record = ({record} + "\\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(Paths.get(System.getenv("DD_OUTF")), record);
        System.exit({code});
    }}
}}
"""


def hello_java(
    greeting: str = "HELLO", record: str = "name.stripTrailing()", code: int = 4
) -> JavaSource:
    text = HELLO_JAVA.format(greeting=greeting, record=record, code=code)
    return JavaSource("migrated/Hello.java", text)


def record_java(lengths: str = "26, 5") -> JavaSource:
    text = (
        "package migrated.records;\n\n"
        "public final class Acctrec {\n"
        '    public static final String[] LEVEL1_NAMES = {"ACCT-REC", "ACCT-TOTAL"};\n'
        f"    public static final int[] LEVEL1_LENGTHS = {{{lengths}}};\n"
        "}\n"
    )
    return JavaSource("migrated/records/Acctrec.java", text)


HELLO_SLICE = Slice(
    "hello",
    SliceKind.PROGRAM,
    ("HELLO",),
    (),
    ("cobol/HELLO.cbl",),
    ("runtime",),
    22,
    1,
)
RECORD_SLICE = Slice(
    "rec-acctrec",
    SliceKind.RECORD,
    (),
    ("ACCTREC",),
    ("copy/ACCTREC.cpy",),
    ("runtime",),
    4,
    1,
)


@pytest.fixture(scope="module")
def estate_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("judge") / "estate"
    for relpath, text in {
        "cobol/HELLO.cbl": HELLO_COBOL,
        "jcl/HELLO.jcl": HELLO_JCL,
        "copy/ACCTREC.cpy": ACCTREC,
    }.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "data").mkdir()
    return root


@pytest.fixture(scope="module")
def library(estate_root: Path) -> CobolLibrary:
    estate = discover(estate_root, load_config(estate_root))
    work = estate_root.parent / "cobol"
    return build_library(
        estate, {"HELLO": "cobol/HELLO.cbl"}, estate_root.parent / "cache", work
    )


@pytest.fixture
def judge(estate_root: Path, library: CobolLibrary, tmp_path: Path) -> Iterator[Judge]:
    sandbox = Sandbox(detect_isolation(), hide=(estate_root,))
    config = load_config(estate_root)
    with Judge(estate_root, config, library, sandbox, tmp_path) as built:
        yield built


def hello_task(
    *sources: JavaSource, jobs: bool = True, context: tuple[JavaSource, ...] = ()
) -> JudgeTask:
    parsed = tuple(parse_jcl(HELLO_JCL, "jcl/HELLO.jcl")) if jobs else ()
    # Hand-written Java is untrusted, as LLM output is: it runs sandboxed.
    conversion = Conversion("hello", sources, converter="llm")
    return JudgeTask(HELLO_SLICE, conversion, context, (), parsed)


def test_matching_job_accepted(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java()))
    assert verdict.kind is VerdictKind.ACCEPTED, verdict.evidence
    assert verdict.checks == ("compile", "job HELLOJOB")
    assert verdict.exercised


def test_matching_job_with_runtime_accepted(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java(), context=runtime_sources()))
    assert verdict.kind is VerdictKind.ACCEPTED, verdict.evidence


def test_changed_stdout_rejected_with_diff(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java(greeting="HELO")))
    assert verdict.kind is VerdictKind.REJECTED
    assert "--- cobol/stdout" in verdict.evidence
    assert "+++ java/stdout" in verdict.evidence
    assert "-HELLO WORLD     !" in verdict.evidence
    assert "+HELO WORLD     !" in verdict.evidence


def test_changed_output_file_rejected(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java(record="name")))
    assert verdict.kind is VerdictKind.REJECTED
    assert "--- cobol/HELLO.OUT" in verdict.evidence
    # The Java kept the trailing spaces that GnuCOBOL strips.
    assert "+WORLD     " in verdict.evidence


def test_changed_return_code_rejected(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java(code=0)))
    assert verdict.kind is VerdictKind.REJECTED
    assert (
        "step STEP01 (HELLO): COBOL return code 4, Java return code 0"
        in verdict.evidence
    )


def test_compile_error_evidence_has_position(judge: Judge) -> None:
    broken = JavaSource(
        "migrated/Hello.java", "package migrated;\nclass Hello { int x = ; }\n"
    )
    verdict = judge.verify(hello_task(broken))
    assert verdict.kind is VerdictKind.REJECTED
    assert verdict.evidence.startswith("javac failed:")
    assert "migrated/Hello.java:2: error" in verdict.evidence


def test_unsupported_constructs_rejected(judge: Judge) -> None:
    pos = SourcePos("cobol/HELLO.cbl", 17)
    conversion = Conversion("hello", (hello_java(),), (Unsupported(pos, "EXEC CICS"),))
    task = JudgeTask(HELLO_SLICE, conversion, (), (), ())
    verdict = judge.verify(task)
    assert verdict.kind is VerdictKind.REJECTED
    assert (
        verdict.evidence == "not translated: cobol/HELLO.cbl:17: unsupported EXEC CICS"
    )


def test_path_owned_by_dependency_rejected(judge: Judge) -> None:
    conversion = Conversion("hello", (hello_java(),))
    owners = (("migrated/Hello.java", "other"),)
    task = JudgeTask(HELLO_SLICE, conversion, (hello_java(),), owners, ())
    verdict = judge.verify(task)
    assert verdict.kind is VerdictKind.REJECTED
    assert "belongs to slice other" in verdict.evidence


def test_slice_without_jobs_not_exercised(judge: Judge) -> None:
    verdict = judge.verify(hello_task(hello_java(greeting="HELO"), jobs=False))
    assert verdict.kind is VerdictKind.ACCEPTED
    assert verdict.evidence == (
        f"compiled; {NOT_EXERCISED_EVIDENCE}\nverified in a sandboxed process"
    )
    assert not verdict.exercised


def test_uncompilable_cobol_fails_slice(
    judge: Judge, estate_root: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "estate"
    (broken / "cobol").mkdir(parents=True)
    (broken / "cobol/HELLO.cbl").write_text(
        HELLO_COBOL.replace("STOP RUN.", "STOP RUM.")
    )
    estate = discover(broken, load_config(broken))
    library = build_library(
        estate, {"HELLO": "cobol/HELLO.cbl"}, tmp_path / "cache", tmp_path / "cobol"
    )
    with Judge(broken, estate.config, library, judge.sandbox, tmp_path) as bad_judge:
        verdict = bad_judge.verify(hello_task(hello_java()))
    assert verdict.kind is VerdictKind.FAILED
    assert "does not compile with cobc" in verdict.evidence


def record_task(estate_root: Path, source: JavaSource) -> JudgeTask:
    estate = discover(estate_root, load_config(estate_root))
    copybook = expand_copybook(estate, "ACCTREC")
    conversion = Conversion("rec-acctrec", (source,))
    return JudgeTask(RECORD_SLICE, conversion, (), (), (), (copybook,))


def test_record_layout_matching_accepted(judge: Judge, estate_root: Path) -> None:
    verdict = judge.verify(record_task(estate_root, record_java()))
    assert verdict.kind is VerdictKind.ACCEPTED, verdict.evidence
    assert verdict.checks == ("compile", "record layout")


def test_record_layout_mismatch_rejected(judge: Judge, estate_root: Path) -> None:
    verdict = judge.verify(record_task(estate_root, record_java("26, 9")))
    assert verdict.kind is VerdictKind.REJECTED
    assert "-ACCT-TOTAL 000000005" in verdict.evidence
    assert "+ACCT-TOTAL 000000009" in verdict.evidence


def two_program_plan() -> Plan:
    jcl = "//BOTH JOB 1\n//S1 EXEC PGM=FIRST\n//S2 EXEC PGM=SECOND\n"
    slices = (
        Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 1, 0),
        Slice(
            "first", SliceKind.PROGRAM, ("FIRST", "HELPER"), (), (), ("runtime",), 1, 1
        ),
        Slice("second", SliceKind.PROGRAM, ("SECOND",), (), (), ("runtime",), 1, 1),
        Slice("third", SliceKind.PROGRAM, ("THIRD",), (), (), ("runtime",), 1, 1),
    )
    edge = Edge("program:SECOND", "program:THIRD", EdgeKind.CALL, SourcePos("x", 1))
    nodes = tuple(
        (f"program:{name}", NodeKind.PROGRAM)
        for name in ("FIRST", "HELPER", "SECOND", "THIRD")
    )
    return Plan(
        "", nodes, (edge,), slices, (), (), tuple(parse_jcl(jcl, "jcl/BOTH.jcl"))
    )


def test_job_complete_needs_every_program() -> None:
    plan = two_program_plan()
    second = plan.slice("second")
    assert completed_jobs(plan, second, ["runtime", "first"]) == ()
    assert completed_jobs(plan, second, ["runtime", "first", "third"]) == plan.jobs
    assert completed_jobs(plan, plan.slice("third"), ["first", "second"]) == plan.jobs


def test_job_complete_needs_slice_in_job() -> None:
    plan = two_program_plan()
    runtime = plan.slice("runtime")
    assert completed_jobs(plan, runtime, ["first", "second", "third"]) == ()


SOCKET_JAVA = """\
import java.net.Socket;

public final class Probe {
    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(args[0]))) {
            System.out.println("connected");
        }
    }
}
"""

WRITE_JAVA = """\
import java.nio.file.Files;
import java.nio.file.Paths;

public final class Probe {
    public static void main(String[] args) throws Exception {
        Files.writeString(Paths.get(args[0]), "escaped");
        System.out.println("written");
    }
}
"""

SLEEP_JAVA = """\
public final class Probe {
    public static void main(String[] args) throws Exception {
        Thread.sleep(60_000);
    }
}
"""

ISOLATIONS = [Isolation.JVM_POLICY]
if detect_isolation() is Isolation.NAMESPACES:
    ISOLATIONS.insert(0, Isolation.NAMESPACES)


def run_probe(
    tmp_path: Path, isolation: Isolation, text: str, *args: str, timeout: float = 30.0
):  # type: ignore[no-untyped-def]
    compiled = compile_java([JavaSource("Probe.java", text)], tmp_path / "build")
    assert compiled.ok, compiled.errors
    work = tmp_path / "work"
    work.mkdir()
    sandbox = Sandbox(isolation)
    command = java_command(
        compiled.classes, "Probe", args, sandbox.java_flags(work, [compiled.classes])
    )
    return sandbox.run(
        command,
        cwd=work,
        env={"PATH": "/usr/bin:/bin"},
        limits=Limits.for_java(timeout),
        readable=(compiled.classes,),
    )


@pytest.mark.parametrize("isolation", ISOLATIONS, ids=lambda i: i.value)
def test_sandbox_blocks_loopback_socket(tmp_path: Path, isolation: Isolation) -> None:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(5)
    accepted: list[object] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            accepted.append(server.accept())

    thread = threading.Thread(target=accept)
    thread.start()
    port = str(server.getsockname()[1])
    outcome = run_probe(tmp_path, isolation, SOCKET_JAVA, port)
    thread.join()
    server.close()
    assert outcome.returncode != 0
    assert b"connected" not in outcome.stdout
    assert accepted == []


@pytest.mark.parametrize("isolation", ISOLATIONS, ids=lambda i: i.value)
def test_sandbox_blocks_write_outside_folder(
    tmp_path: Path, isolation: Isolation
) -> None:
    outside = tmp_path / "outside.txt"
    outcome = run_probe(tmp_path, isolation, WRITE_JAVA, str(outside))
    assert outcome.returncode != 0
    assert not outside.exists()


@pytest.mark.parametrize("isolation", ISOLATIONS, ids=lambda i: i.value)
def test_sandbox_allows_write_inside_folder(
    tmp_path: Path, isolation: Isolation
) -> None:
    outcome = run_probe(tmp_path, isolation, WRITE_JAVA, "inside.txt")
    assert outcome.returncode == 0, outcome.stderr
    assert (tmp_path / "work" / "inside.txt").read_text() == "escaped"


def test_sandbox_timeout_kills_program(tmp_path: Path) -> None:
    outcome = run_probe(tmp_path, detect_isolation(), SLEEP_JAVA, timeout=2.0)
    assert outcome.timed_out
    assert outcome.elapsed < 20
    assert "timed out" in outcome.describe_exit()


def test_sandbox_hides_estate_folder(tmp_path: Path) -> None:
    if detect_isolation() is not Isolation.NAMESPACES:
        pytest.skip("needs namespaces")
    secret = tmp_path / "estate" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("secret")
    work = tmp_path / "work"
    work.mkdir()
    outcome = Sandbox(Isolation.NAMESPACES, hide=(secret.parent,)).run(
        ["cat", str(secret)],
        cwd=work,
        env={"PATH": "/usr/bin:/bin"},
        limits=Limits.for_native(10),
    )
    assert outcome.returncode != 0
    assert b"secret" not in outcome.stdout
