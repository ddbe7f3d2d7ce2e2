"""The judge server pool: compiling in a persistent JVM, running programs in
it as separate processes would, and recovering from timeouts and killed
servers."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_rules_harness import compiled_runtime, javac, write_java

from migrate.config import load_config
from migrate.convert.rules import RulesConverter, java_class_name
from migrate.discover import discover
from migrate.judge.java import java_command
from migrate.judge.jobs import base_environment
from migrate.judge.jvm import JvmPool, JvmServerError, ServerLimits
from migrate.model import (
    ConversionRequest,
    JavaSource,
    Job,
    MemberKind,
    Slice,
    SliceKind,
)
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import expand

BANK = Path(__file__).resolve().parent.parent / "fixtures" / "bank"

pytestmark = pytest.mark.skipif(
    shutil.which("javac") is None or shutil.which("java") is None,
    reason="javac and java are not installed",
)

BROKEN = """\
package migrated;

public final class Broken {
    public static void main(String[] args) {
        int count = "three";
        undefined();
    }
}
"""

# WORKING-STORAGE-like static state: a fresh JVM prints CALLS 1 RC 1.
COUNTER = """\
package probe;

import migrate.runtime.Display;
import migrate.runtime.RunUnit;

public final class Counter {
    private static int calls;

    public static void main(String[] args) {
        RunUnit.runMain(args, Counter::call);
    }

    public static void call() {
        calls++;
        RunUnit.returnCode = RunUnit.returnCode + calls;
        Display.line("CALLS ", String.valueOf(calls), " RC ",
                String.valueOf(RunUnit.returnCode));
    }
}
"""

# Prints its argument, a variable and its first line of input.
ECHO = """\
package probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public final class Echo {
    public static void main(String[] args) throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(args[0] + " " + System.getenv("PROBE_VALUE") + " " + line);
        System.exit(args[0].length());
    }
}
"""

# Never ends and ignores interrupts.
SPIN = """\
package probe;

public final class Spin {
    static volatile long count;

    public static void main(String[] args) {
        while (true) {
            count++;
        }
    }
}
"""

# Sleeps until interrupted.
SLEEPER = """\
package probe;

public final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeping");
        Thread.sleep(600_000);
    }
}
"""

# Writes to the file its argument names.
WRITER = """\
package probe;

import java.io.FileOutputStream;
import java.io.IOException;

public final class Writer {
    public static void main(String[] args) throws IOException {
        try (FileOutputStream out = new FileOutputStream(args[0])) {
            out.write('x');
        }
        System.out.println("written");
    }
}
"""

# Writes 20,000 bytes through DISPLAY.
FLOOD = """\
package probe;

import migrate.runtime.Display;
import migrate.runtime.RunUnit;

public final class Flood {
    public static void main(String[] args) {
        RunUnit.runMain(args, Flood::call);
    }

    public static void call() {
        for (int i = 0; i < 2000; i++) {
            Display.line("123456789");
        }
    }
}
"""

PROBES = {
    "Counter": COUNTER,
    "Echo": ECHO,
    "Spin": SPIN,
    "Sleeper": SLEEPER,
    "Writer": WRITER,
    "Flood": FLOOD,
}


# The runtime hook that lets one JVM run many run units: the class, then
# the edits to the runtime that make it read the hook.
@dataclass
class Build:
    """Compiled classes of the runtime, the bank estate and the probes."""

    runtime: Path
    bank: Path
    probes: Path
    root: Path


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    runtime = compiled_runtime(tmp_path_factory)
    root = tmp_path_factory.mktemp("jvm")
    estate = discover(BANK, load_config(BANK))
    java_paths: list[Path] = []
    for member in estate.of_kind(MemberKind.PROGRAM):
        slice_ = Slice(
            member.name,
            SliceKind.PROGRAM,
            (member.name,),
            (),
            (member.relpath,),
            (),
            0,
            0,
        )
        request = ConversionRequest(
            slice_, (expand(estate, member.relpath),), "migrated", ()
        )
        conversion = RulesConverter().convert(request)
        java_paths += write_java(conversion.sources, root / "bank-src")
    javac(java_paths, runtime, root / "bank")
    probes = [JavaSource(f"probe/{name}.java", text) for name, text in PROBES.items()]
    javac(write_java(probes, root / "probe-src"), runtime, root / "probes")
    return Build(runtime, root / "bank", root / "probes", root)


@pytest.fixture(scope="module")
def pool(build: Build) -> Iterator[JvmPool]:
    with JvmPool(2, cache_dir=build.root / "cache", scratch_root=build.root) as shared:
        yield shared


@pytest.fixture
def single(build: Build) -> Iterator[JvmPool]:
    with JvmPool(1, cache_dir=build.root / "cache", scratch_root=build.root) as one:
        yield one


def run_process(
    classpath: list[Path],
    main: str,
    work: Path,
    env: Mapping[str, str],
    stdin: bytes = b"",
    args: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[bytes]:
    """Run ``main`` the way the judge runs a step: a separate java process."""
    joined = Path(os.pathsep.join(str(entry) for entry in classpath))
    return subprocess.run(
        java_command(joined, main, args, ()),
        cwd=work,
        env=dict(env),
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def bank_job(name: str) -> Job:
    for path in sorted(BANK.glob("jcl/*.jcl")) + sorted(BANK.glob("tests/jcl/*.jcl")):
        for job in parse_jcl(
            path.read_text(encoding="latin-1"), str(path.relative_to(BANK))
        ):
            if job.name == name:
                return job
    raise AssertionError(f"no job {name} in the bank estate")


@dataclass
class JobOutcome:
    """A job's steps as they ended, and the files of its folder after it."""

    steps: list[tuple[bytes, int]]
    files: dict[str, bytes]


def run_bank_job(job: Job, work: Path, run_step) -> JobOutcome:  # type: ignore[no-untyped-def]
    """Run ``job`` in ``work`` with relative DD paths, as the judge does."""
    shutil.copytree(BANK / "data", work)
    steps = []
    for step in job.steps:
        env = base_environment(work)
        stdin = b""
        for dd in step.dds:
            if dd.instream is not None:
                stdin = dd.instream.encode("latin-1") + b"\n"
            elif dd.dsn:
                env[f"DD_{dd.ddname}"] = dd.dsn
            elif dd.sysout:
                env[f"DD_{dd.ddname}"] = f"{dd.ddname}.sysout"
        steps.append(run_step(f"migrated.{java_class_name(step.program)}", env, stdin))
    files = {path.name: path.read_bytes() for path in sorted(work.iterdir())}
    return JobOutcome(steps, files)


def test_compile_error_has_file_line(pool: JvmPool, build: Build) -> None:
    result = pool.compile(
        [JavaSource("migrated/Broken.java", BROKEN)],
        [build.runtime],
        build.root / "broken-classes",
    )
    assert not result.success
    first, second = result.errors
    assert (first.file, first.line, first.column) == ("migrated/Broken.java", 5, 21)
    assert first.message == "incompatible types: String cannot be converted to int"
    assert (second.file, second.line) == ("migrated/Broken.java", 6)
    assert second.message.startswith(
        "cannot find symbol\n  symbol:   method undefined()"
    )


def test_compile_output_equals_javac_text(pool: JvmPool, build: Build) -> None:
    source = JavaSource("migrated/Broken.java", BROKEN)
    root = build.root / "broken-cli"
    write_java([source], root)
    command = [
        "javac",
        "-d",
        str(root / "classes"),
        "-encoding",
        "UTF-8",
        "-proc:none",
        "-nowarn",
        "-Xmaxerrs",
        "100",
        source.path,
    ]
    expected = subprocess.run(
        command, cwd=root, capture_output=True, text=True, check=False
    )
    result = pool.compile([source], [], build.root / "broken-server")
    assert expected.returncode == 1
    assert result.output == expected.stderr


def test_compile_classes_equal_javac_classes(pool: JvmPool, build: Build) -> None:
    sources = [JavaSource("probe/Counter.java", COUNTER)]
    result = pool.compile(sources, [build.runtime], build.root / "counter-server")
    assert result.success
    assert result.output == ""
    served = (build.root / "counter-server" / "probe" / "Counter.class").read_bytes()
    expected = (build.probes / "probe" / "Counter.class").read_bytes()
    assert served == expected


def test_compile_sees_changed_class_path(pool: JvmPool, tmp_path: Path) -> None:
    user = JavaSource("b/User.java", "package b; class User { int x = c.Lib.one(); }")
    first = JavaSource("c/Lib.java", "package c; public class Lib { }")
    second = JavaSource(
        "c/Lib.java",
        "package c; public class Lib { public static int one() { return 1; } }",
    )
    library = tmp_path / "library"
    missing = pool.compile([user], [library], tmp_path / "user-1")
    assert pool.compile([first], [], library).success
    lacking = pool.compile([user], [library], tmp_path / "user-2")
    assert pool.compile([second], [], library).success
    found = pool.compile([user], [library], tmp_path / "user-3")
    assert "package c does not exist" in missing.output
    assert "cannot find symbol" in lacking.output
    assert found.success


@pytest.mark.parametrize("job_name", ["NIGHTLY", "TDATEUTL"])
def test_bank_job_equals_process_run(
    pool: JvmPool, build: Build, job_name: str
) -> None:
    job = bank_job(job_name)
    classpath = [build.bank, build.runtime]
    work = build.root / f"job-{job_name}"

    def in_process(main: str, env: dict[str, str], stdin: bytes) -> tuple[bytes, int]:
        done = run_process(classpath, main, work / "process", env, stdin)
        return done.stdout, done.returncode

    def in_server(main: str, env: dict[str, str], stdin: bytes) -> tuple[bytes, int]:
        result = pool.run(main, classpath, work / "server", env, stdin, timeout=60)
        assert result.bridge == "hook"
        return result.stdout, result.exit_code

    expected = run_bank_job(job, work / "process", in_process)
    actual = run_bank_job(job, work / "server", in_server)
    assert actual.steps == expected.steps
    assert actual.files == expected.files
    assert expected.steps[0][0]


def test_static_state_fresh_each_run(
    pool: JvmPool, build: Build, tmp_path: Path
) -> None:
    classpath = [build.probes, build.runtime]
    for _ in range(3):
        result = pool.run("probe.Counter", classpath, tmp_path, {}, timeout=30)
        assert result.stdout == b"CALLS 1 RC 1\n"
        assert result.exit_code == 1


def test_exit_stdin_and_env_reach_program(
    pool: JvmPool, build: Build, tmp_path: Path
) -> None:
    env = {"PROBE_VALUE": "set"}
    result = pool.run(
        "probe.Echo",
        [build.probes],
        tmp_path,
        env,
        b"first\nsecond\n",
        timeout=30,
        args=("abc",),
    )
    expected = run_process(
        [build.probes], "probe.Echo", tmp_path, env, b"first\nsecond\n", ("abc",)
    )
    assert result.stdout == b"abc set first\n"
    assert result.exit_code == 3
    assert result.stdout == expected.stdout
    assert result.exit_code == expected.returncode


def test_write_outside_cwd_denied(pool: JvmPool, build: Build, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    outside = tmp_path / "outside.txt"
    denied = pool.run(
        "probe.Writer", [build.probes], work, {}, timeout=30, args=(str(outside),)
    )
    allowed = pool.run(
        "probe.Writer",
        [build.probes],
        work,
        {},
        timeout=30,
        args=(str(work / "inside.txt"),),
    )
    assert denied.exit_code == 1
    assert b"SecurityException" in denied.stderr
    assert not outside.exists()
    assert allowed.exit_code == 0
    assert (work / "inside.txt").read_bytes() == b"x"


def test_endless_loop_times_out_and_recovers(
    single: JvmPool, build: Build, tmp_path: Path
) -> None:
    classpath = [build.probes, build.runtime]
    single.ping()
    (before,) = single.server_pids()
    started = time.monotonic()
    result = single.run("probe.Spin", classpath, tmp_path, {}, timeout=1.0)
    assert result.timed_out
    assert result.exit_code == -9
    assert time.monotonic() - started < 20
    after = single.run("probe.Counter", classpath, tmp_path, {}, timeout=30)
    assert after.stdout == b"CALLS 1 RC 1\n"
    single.ping()
    assert single.server_pids() != [before]


def test_interrupted_sleep_keeps_server(
    single: JvmPool, build: Build, tmp_path: Path
) -> None:
    single.ping()
    (before,) = single.server_pids()
    result = single.run("probe.Sleeper", [build.probes], tmp_path, {}, timeout=1.0)
    assert result.timed_out
    assert result.stdout == b"sleeping\n"
    single.ping()
    assert single.server_pids() == [before]


def test_killed_idle_server_restarts(
    single: JvmPool, build: Build, tmp_path: Path
) -> None:
    classpath = [build.probes, build.runtime]
    single.ping()
    (pid,) = single.server_pids()
    os.kill(pid, signal.SIGKILL)
    result = single.run("probe.Counter", classpath, tmp_path, {}, timeout=30)
    assert result.stdout == b"CALLS 1 RC 1\n"
    assert single.server_pids() != [pid]


def test_server_killed_mid_run_raises(
    single: JvmPool, build: Build, tmp_path: Path
) -> None:
    single.ping()
    (pid,) = single.server_pids()
    errors: list[Exception] = []

    def sleep_in_server() -> None:
        try:
            single.run("probe.Sleeper", [build.probes], tmp_path, {}, timeout=60)
        except JvmServerError as error:
            errors.append(error)

    worker = threading.Thread(target=sleep_in_server)
    worker.start()
    time.sleep(2.0)
    os.kill(pid, signal.SIGKILL)
    worker.join(timeout=60)
    assert len(errors) == 1
    after = single.run(
        "probe.Counter", [build.probes, build.runtime], tmp_path, {}, timeout=30
    )
    assert after.exit_code == 1


def test_output_limit_fails_like_process(build: Build, tmp_path: Path) -> None:
    limit = 1000
    classpath = [build.probes, build.runtime]
    joined = os.pathsep.join(str(entry) for entry in classpath)

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with open(tmp_path / "stdout", "wb") as stdout:
        expected = subprocess.run(
            java_command(Path(joined), "probe.Flood", (), ()),
            cwd=tmp_path,
            stdout=stdout,
            stderr=subprocess.PIPE,
            preexec_fn=limit_file_size,
            timeout=120,
            check=False,
        )
    with JvmPool(
        1,
        cache_dir=build.root / "cache",
        scratch_root=build.root,
        limits=ServerLimits(file_bytes=limit),
    ) as limited:
        result = limited.run("probe.Flood", classpath, tmp_path, {}, timeout=30)
    assert result.stdout == (tmp_path / "stdout").read_bytes()
    assert len(result.stdout) == limit
    assert result.exit_code == expected.returncode == 1
    assert b"File too large" in result.stderr


def test_parallel_runs_from_eight_threads(
    pool: JvmPool, build: Build, tmp_path: Path
) -> None:
    results: dict[tuple[int, int], tuple[bytes, int]] = {}
    lock = threading.Lock()

    def work(thread: int) -> None:
        for round_ in range(3):
            word = "w" * (thread + 1) + str(round_)
            env = {"PROBE_VALUE": f"t{thread}"}
            result = pool.run(
                "probe.Echo",
                [build.probes],
                tmp_path,
                env,
                f"in{round_}\n".encode(),
                timeout=60,
                args=(word,),
            )
            with lock:
                results[(thread, round_)] = (result.stdout, result.exit_code)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(results) == 24
    for (thread, round_), (stdout, exit_code) in results.items():
        word = "w" * (thread + 1) + str(round_)
        assert stdout == f"{word} t{thread} in{round_}\n".encode()
        assert exit_code == len(word)
