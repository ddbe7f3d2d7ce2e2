"""`migrate run` end to end on small estates in real git repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from llm_server import LLMServer, java_answer, llm_server, repair_flow

from migrate.commands.run import run_options
from migrate.commit import init_repository, parse_trailers
from migrate.convert.rules.names import java_class_name
from migrate.errors import UsageError
from migrate.model import Conversion, ConversionRequest, JavaSource, SliceState
from migrate.planjson import state_dir
from migrate.schedule.journal import Journal, RunLock
from migrate.schedule.runner import RunOptions, run_estate

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "fixtures" / "bank"

__all__ = ["llm_server"]

JCL = """\
//PAIR     JOB (ACCT),'TWO STEPS'
//STEP01   EXEC PGM=ALPHA
//STEP02   EXEC PGM=BRAVO
"""


def cobol_program(name: str) -> str:
    return (
        "       IDENTIFICATION DIVISION.\n"
        f"       PROGRAM-ID. {name}.\n"
        "       PROCEDURE DIVISION.\n"
        f'           DISPLAY "{name} RAN"\n'
        "           STOP RUN.\n"
    )


@dataclass
class EchoConverter:
    """Writes, for each program, Java that prints what the COBOL prints."""

    name: str = "echo"

    def convert(self, request: ConversionRequest) -> Conversion:
        sources = []
        for program in request.slice.programs:
            cls = java_class_name(program)
            text = (
                "package migrated;\n\n"
                f"public final class {cls} {{\n"
                "    public static void main(String[] args) {\n"
                f'        System.out.println("{program} RAN");\n'
                "    }\n"
                "}\n"
            )
            sources.append(JavaSource(f"migrated/{cls}.java", text))
        return Conversion(request.slice.id, tuple(sources), converter=self.name)

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.0


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def run_cli(*args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("CI", None)
    # Wide enough that rich never wraps a message line.
    env["COLUMNS"] = "250"
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "jcl").mkdir()
    for name in ("ALPHA", "BRAVO"):
        (root / f"cobol/{name}.cbl").write_text(cobol_program(name))
    (root / "jcl/PAIR.jcl").write_text(JCL)
    return root


def objects(root: Path) -> set[str]:
    return {str(path) for path in (root / ".git/objects").rglob("*") if path.is_file()}


def test_run_outside_git_exit_2(estate: Path) -> None:
    done = run_cli("run", str(estate))
    assert done.returncode == 2
    assert f"error: {estate} is not inside a git work tree" in done.stderr
    assert "hint: run 'git init' and commit the estate first" in done.stderr
    assert "Traceback" not in done.stderr


def test_run_without_commit_exit_2(estate: Path) -> None:
    git(estate, "init", "-q")
    done = run_cli("run", str(estate))
    assert done.returncode == 2
    assert "has no commit yet" in done.stderr


def test_run_without_cobc_exit_3(estate: Path, tmp_path: Path) -> None:
    init_repository(estate, "Add the estate")
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("git", "javac", "java"):
        (folder / tool).symlink_to(shutil.which(tool))  # type: ignore[arg-type]
    done = run_cli("run", str(estate), path=str(folder))
    assert done.returncode == 3
    assert "error: cobc not found on PATH" in done.stderr
    assert "apt-get install gnucobol3" in done.stderr


def test_concurrent_run_rejected(estate: Path) -> None:
    init_repository(estate, "Add the estate")
    with (
        RunLock(state_dir(estate)),
        pytest.raises(UsageError, match="another 'migrate run' is working"),
    ):
        run_estate(estate, RunOptions(agents=1), converter=EchoConverter())


def test_run_verifies_and_commits(estate: Path) -> None:
    init_repository(estate, "Add the estate")
    before = (git(estate, "status", "--porcelain"), git(estate, "rev-parse", "HEAD"))
    report = run_estate(estate, RunOptions(agents=2), converter=EchoConverter())
    assert report.ok
    states = dict(report.schedule.states)
    assert set(states) == {"runtime", "alpha", "bravo"}
    branches = git(estate, "branch", "--list", "migrate/*").split()
    assert sorted(branches) == [
        "migrate/alpha",
        "migrate/bravo",
        "migrate/integration",
        "migrate/runtime",
    ]
    assert (
        git(estate, "status", "--porcelain"),
        git(estate, "rev-parse", "HEAD"),
    ) == before
    messages = [
        git(estate, "log", "-1", "--format=%B", f"migrate/{sid}")
        for sid in ("alpha", "bravo")
    ]
    checks = [dict(parse_trailers(message))["Migrate-Verified"] for message in messages]
    # The job needs both programs, so the slice verified second ran it.
    assert "compile, job PAIR" in checks


def test_second_run_creates_no_commit(estate: Path) -> None:
    init_repository(estate, "Add the estate")
    first = run_estate(estate, RunOptions(agents=2), converter=EchoConverter())
    assert first.ok
    refs = git(estate, "for-each-ref")
    stored = objects(estate)
    second = run_estate(estate, RunOptions(agents=2), converter=EchoConverter())
    assert second.ok
    assert sorted(second.schedule.skipped) == ["alpha", "bravo", "runtime"]
    assert second.schedule.dispatches == ()
    assert git(estate, "for-each-ref") == refs
    assert objects(estate) == stored


def test_failing_slice_exit_1(estate: Path) -> None:
    (estate / "cobol/BRAVO.cbl").write_text(
        cobol_program("BRAVO").replace("BRAVO RAN", "BRAVO WALKED")
    )
    (estate / "jcl/BRAVO.jcl").write_text(
        "//BRAVOJOB JOB 1\n//STEP01   EXEC PGM=BRAVO\n"
    )
    init_repository(estate, "Add the estate")
    report = run_estate(estate, RunOptions(agents=2), converter=EchoConverter())
    assert not report.ok
    states = dict(report.schedule.states)
    assert states["bravo"] is SliceState.FAILED
    # PAIR needs BRAVO too, so it never ran, and ALPHA passed on compiling.
    assert states["alpha"] is SliceState.VERIFIED
    assert report.failures == (
        ("bravo", "job BRAVOJOB: the Java run differs from the COBOL run"),
    )


@pytest.mark.slow
def test_bank_estate_end_to_end(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    init_repository(root, "Add the bank estate")
    before = (
        git(root, "status", "--porcelain"),
        (root / ".git/index").read_bytes(),
        git(root, "rev-parse", "HEAD"),
    )
    done = run_cli("run", str(root), "--agents", "2")
    failed = [line for line in done.stderr.splitlines() if line.startswith("failed ")]
    assert done.returncode == 0, "\n".join(failed) or done.stderr[-3000:]
    status = run_cli("status", str(root), "--json")
    slices = json.loads(status.stdout)["slices"]
    assert all(row["state"] == "verified" for row in slices)
    branches = set(git(root, "branch", "--list", "migrate/*").split())
    assert branches == {f"migrate/{row['slice']}" for row in slices} | {
        "migrate/integration"
    }
    log = git(root, "log", "--format=%B", "migrate/integration")
    assert "Migrate-Slice: posttran" in log
    assert "Migrate-Input-Hash:" in log
    after = (
        git(root, "status", "--porcelain"),
        (root / ".git/index").read_bytes(),
        git(root, "rev-parse", "HEAD"),
    )
    assert after == before


@dataclass
class RepairingConverter:
    """Gets BRAVO wrong until the judge's evidence comes back, and reports
    LLM usage for every conversion."""

    name: str = "fake-llm"

    def convert(self, request: ConversionRequest) -> Conversion:
        echo = EchoConverter().convert(request)
        wrong = "BRAVO" in request.slice.programs and not request.repair_evidence
        sources = echo.sources
        if wrong:
            sources = tuple(
                JavaSource(s.path, s.text.replace(" RAN", " WALKED")) for s in sources
            )
        return Conversion(
            request.slice.id,
            sources,
            converter=self.name,
            requests=1,
            tokens_in=100,
            tokens_out=40,
            cost_usd=0.01,
        )

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.01


def test_rejected_conversion_repaired_with_evidence(estate: Path) -> None:
    (estate / "jcl/BRAVO.jcl").write_text(
        "//BRAVOJOB JOB 1\n//STEP01   EXEC PGM=BRAVO\n"
    )
    init_repository(estate, "Add the estate")
    report = run_estate(estate, RunOptions(agents=1), converter=RepairingConverter())
    assert report.ok
    usage = dict(report.slice_usage)
    assert usage["bravo"].requests == 2
    assert usage["alpha"].requests == 1
    assert report.usage.tokens_in == 300
    journal = Journal(estate / ".migrate/journal.sqlite", readonly=True)
    attempts = journal.attempts("bravo")
    record = journal.slice("bravo")
    journal.close()
    assert [a.verdict for a in attempts] == ["rejected", "accepted"]
    assert "+BRAVO WALKED" in attempts[0].evidence
    assert record is not None
    assert record.attempts == 2
    assert record.usage.cost_usd == pytest.approx(0.02)


def test_demo_rejects_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "taken.txt").write_text("mine\n")
    done = run_cli("demo", str(tmp_path))
    assert done.returncode == 2
    assert "exists and is not an empty folder" in done.stderr
    assert (tmp_path / "taken.txt").read_text() == "mine\n"


def test_run_cli_untranslatable_exit_1(tmp_path: Path) -> None:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "cobol/CICSPGM.cbl").write_text(
        "       IDENTIFICATION DIVISION.\n"
        "       PROGRAM-ID. CICSPGM.\n"
        "       PROCEDURE DIVISION.\n"
        "           EXEC CICS RETURN END-EXEC\n"
        "           STOP RUN.\n"
    )
    init_repository(root, "Add the estate")
    done = run_cli("run", str(root), "--agents", "1")
    assert done.returncode == 1, done.stderr[-2000:]
    assert "failed cicspgm: not translated: cobol/CICSPGM.cbl:4" in done.stderr
    assert "0 already verified, 1 failed, 0 blocked" in done.stderr


def printing_java(text: str) -> str:
    return (
        "package migrated;\n\n"
        "public final class Alpha {\n"
        "    public static void main(String[] args) {\n"
        f'        System.out.println("{text}");\n'
        "    }\n"
        "}\n"
    )


def test_llm_converter_repairs_with_evidence(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "jcl").mkdir()
    (root / "cobol/ALPHA.cbl").write_text(cobol_program("ALPHA"))
    (root / "jcl/ALPHA.jcl").write_text("//ALPHAJOB JOB 1\n//STEP01   EXEC PGM=ALPHA\n")
    init_repository(root, "Add the estate")
    wrong = java_answer(("migrated/Alpha.java", printing_java("ALPHA WALKED")))
    right = java_answer(("migrated/Alpha.java", printing_java("ALPHA RAN")))
    llm_server.script = repair_flow(wrong, right)
    options = run_options(
        agents=1,
        converter="llm",
        model="openai/test-model",
        api_base=llm_server.url,
        max_attempts=3,
        request_timeout=10.0,
    )
    report = run_estate(root, options)
    assert report.ok, report.failures
    assert report.converter == "llm:openai/test-model"
    requests = llm_server.requests
    assert [request.is_repair for request in requests] == [False, True]
    assert "+ALPHA WALKED" in requests[1].prompt
    usage = dict(report.slice_usage)["alpha"]
    assert usage.requests == 2
    assert usage.tokens_in > 0
    assert usage.tokens_out > 0
