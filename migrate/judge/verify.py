"""The judge: compile a slice's Java with what it depends on, then make it
behave like the original COBOL on the jobs it completes."""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrate.config import Config
from migrate.convert.rules.names import java_class_name
from migrate.judge.cobol import CobolLibrary, run_cobc
from migrate.judge.compare import compare_runs, diff_bytes
from migrate.judge.java import (
    RUNTIME_PREFIX,
    CompileResult,
    RuntimeBuild,
    compile_java,
    error_text,
    java_command,
)
from migrate.judge.jobs import JobRun, base_environment, run_job, step_arguments
from migrate.judge.jvm import JvmPool, JvmServerError
from migrate.judge.records import (
    CHECK_CLASS,
    CHECK_PROGRAM,
    cobol_check_program,
    java_check_source,
    level1_names,
)
from migrate.judge.sandbox import Limits, RunOutcome, Sandbox
from migrate.judge.verdict import (
    NOT_EXERCISED_EVIDENCE,
    JudgeTask,
    Verdict,
    VerdictKind,
)
from migrate.model import JavaSource, Job, JobStep, SliceKind
from migrate.planjson import STATE_DIR

logger = logging.getLogger(__name__)


# Lines of evidence kept over all jobs of one slice.
MAX_EVIDENCE_LINES = 400
# Converters whose Java is our own deterministic code, so it may run in the
# shared JVMs of the pool. LLM output runs in sandboxed processes.
TRUSTED_CONVERTERS = frozenset({"rules", "runtime"})


class CobolLauncher:
    """Runs a step's program with cobcrun from the run's COBOL library."""

    side = "COBOL"

    def __init__(self, library: CobolLibrary, sandbox: Sandbox) -> None:
        self.library = library
        self.sandbox = sandbox

    def environment(self) -> dict[str, str]:
        return {"COB_LIBRARY_PATH": str(self.library.folder)}

    def run(
        self,
        step: JobStep,
        work: Path,
        env: Mapping[str, str],
        stdin: bytes,
        timeout: float,
    ) -> RunOutcome:
        return self.sandbox.run(
            ["cobcrun", step.program, *step_arguments(step)],
            cwd=work,
            env=env,
            limits=Limits.for_native(timeout),
            stdin=stdin,
            readable=(self.library.folder,),
        )


class JavaLauncher:
    """Runs a step's program as the main class of its Java translation, in
    a sandboxed ``java`` process."""

    side = "Java"

    def __init__(
        self, classpath: Sequence[Path], package: str, sandbox: Sandbox
    ) -> None:
        self.classpath = tuple(classpath)
        self.package = package
        self.sandbox = sandbox

    def environment(self) -> dict[str, str]:
        return {}

    def run(
        self,
        step: JobStep,
        work: Path,
        env: Mapping[str, str],
        stdin: bytes,
        timeout: float,
    ) -> RunOutcome:
        main = f"{self.package}.{java_class_name(step.program)}"
        return self.run_class(main, work, env, stdin, timeout, step_arguments(step))

    def run_class(
        self,
        main: str,
        work: Path,
        env: Mapping[str, str],
        stdin: bytes,
        timeout: float,
        arguments: Sequence[str] = (),
    ) -> RunOutcome:
        """Run the class ``main`` in the folder ``work``."""
        extra = self.sandbox.java_flags(work, self.classpath)
        return self.sandbox.run(
            java_command(self.classpath, main, arguments, extra),
            cwd=work,
            env=env,
            limits=Limits.for_java(timeout),
            stdin=stdin,
            readable=self.classpath,
        )


class PooledJavaLauncher(JavaLauncher):
    """Runs a step's program in a judge server of a :class:`JvmPool`, as a
    separate ``java`` process would run it.

    The server limits only wall-clock time per run, not CPU time or memory,
    so only trusted conversions run this way.
    """

    def __init__(self, classpath: Sequence[Path], package: str, pool: JvmPool) -> None:
        self.classpath = tuple(classpath)
        self.package = package
        self.pool = pool

    def run_class(
        self,
        main: str,
        work: Path,
        env: Mapping[str, str],
        stdin: bytes,
        timeout: float,
        arguments: Sequence[str] = (),
    ) -> RunOutcome:
        result = self.pool.run(
            main, self.classpath, work, env, stdin, timeout, arguments
        )
        if result.bridge != "hook":
            logger.debug("%s ran with the %s runtime bridge", main, result.bridge)
        return RunOutcome(
            result.exit_code,
            result.stdout,
            result.stderr,
            result.timed_out,
            result.elapsed,
        )


@dataclass(frozen=True)
class JavaPath:
    """Where a slice's Java compiles and runs: a sandboxed process per
    call, or a persistent JVM of the pool."""

    pool: JvmPool | None
    sandbox: Sandbox

    @property
    def evidence(self) -> str:
        """The evidence line that names the path."""
        if self.pool is not None:
            return "verified in the persistent JVM"
        return "verified in a sandboxed process"

    def compile(
        self, sources: Sequence[JavaSource], classpath: Sequence[Path], work: Path
    ) -> CompileResult:
        """Compile ``sources`` against ``classpath`` into ``work/classes``."""
        if self.pool is None:
            return compile_java(sources, work, classpath)
        classes = work / "classes"
        compiled = self.pool.compile(sources, classpath, classes)
        if compiled.success:
            return CompileResult(classes)
        return CompileResult(classes, error_text(compiled.output))

    def launcher(self, classpath: Sequence[Path], package: str) -> JavaLauncher:
        """Return the launcher of programs compiled onto ``classpath``."""
        if self.pool is None:
            return JavaLauncher(classpath, package, self.sandbox)
        return PooledJavaLauncher(classpath, package, self.pool)


class Judge:
    """Verifies conversions. Every worker thread may call :meth:`verify` at
    once: the only state that changes after the judge is built is the
    compiled runtime and the JVM pool, both created on first use under a
    lock. :meth:`close` stops the pool, and so does interpreter exit.
    """

    def __init__(
        self,
        root: Path,
        config: Config,
        library: CobolLibrary | None,
        sandbox: Sandbox,
        temp_root: Path,
    ) -> None:
        self.data_dir = root / config.data_dir
        self.config = config
        self.library = library
        self.sandbox = sandbox
        self.temp_root = temp_root
        self.runtime = RuntimeBuild(temp_root / "runtime")
        self.cache_dir = root / STATE_DIR / "cache" / "jvm-server"
        self._process = JavaPath(None, sandbox)
        # Sandboxed javac and java processes are CPU-bound and take hundreds
        # of MiB each, so no more run at once than there are cores, however
        # many agents wait for a verdict.
        self._process_slots = threading.BoundedSemaphore(os.cpu_count() or 1)
        self._pool: JvmPool | None = None
        self._pool_lock = threading.Lock()
        self._close_pool: weakref.finalize[..., Any] | None = None

    def verify(self, task: JudgeTask) -> Verdict:
        """Compile, then compare behaviour; return the verdict."""
        unsupported = task.conversion.unsupported
        if unsupported:
            # The first line names the first construct, because logs and
            # `migrate status` show only the first line.
            lines = [f"not translated: {unsupported[0]}"]
            if len(unsupported) > 1:
                lines.append(f"{len(unsupported)} constructs not translated:")
                lines += [f"  {item}" for item in unsupported]
            return Verdict(VerdictKind.REJECTED, "\n".join(lines))
        conflict = _path_conflicts(task)
        if conflict:
            return Verdict(VerdictKind.REJECTED, conflict)
        with tempfile.TemporaryDirectory(
            dir=self.temp_root, prefix=f"{task.slice.id}-"
        ) as folder:
            return self._verify_on_path(task, Path(folder))

    def _verify_on_path(self, task: JudgeTask, folder: Path) -> Verdict:
        java = self._process
        if task.conversion.converter in TRUSTED_CONVERTERS:
            java = JavaPath(self._jvm_pool(), self.sandbox)
        try:
            verdict = self._verify_limited(task, folder / "first", java)
        except JvmServerError as error:
            if java.pool is None:
                raise
            # The pool starts another server for later calls, but this
            # slice's files may be half written, so it runs again apart.
            logger.warning(
                "slice %s: the judge server failed, so it is verified again in "
                "a sandboxed process: %s",
                task.slice.id,
                error,
            )
            java = self._process
            verdict = self._verify_limited(task, folder / "again", java)
        return dataclasses.replace(
            verdict, evidence=f"{verdict.evidence}\n{java.evidence}"
        )

    def _verify_limited(self, task: JudgeTask, folder: Path, java: JavaPath) -> Verdict:
        """Verify on ``java``, waiting for a free core on the process path."""
        if java.pool is not None:
            return self._verify_in(task, folder, java)
        with self._process_slots:
            return self._verify_in(task, folder, java)

    def _jvm_pool(self) -> JvmPool:
        with self._pool_lock:
            if self._pool is None:
                scratch = self.temp_root / "jvm"
                scratch.mkdir(parents=True, exist_ok=True)
                # NOTE: the servers run without the sandbox's namespaces,
                # only with the pool's setrlimit limits and security manager,
                # which is why only trusted conversions use them.
                # Verification is CPU-bound, so more servers than cores
                # only add JVMs that wait for a core.
                self._pool = JvmPool(
                    min(self.config.agents, os.cpu_count() or 1),
                    cache_dir=self.cache_dir,
                    scratch_root=scratch,
                )
                self._close_pool = weakref.finalize(self, self._pool.close)
            return self._pool

    def close(self) -> None:
        """Stop the JVM pool, if one started. A later verification of a
        trusted conversion starts a new one."""
        with self._pool_lock:
            close, self._close_pool, self._pool = self._close_pool, None, None
        if close is not None:
            close()

    def __enter__(self) -> Judge:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _verify_in(self, task: JudgeTask, folder: Path, java: JavaPath) -> Verdict:
        sources, classpath = self._sources(task)
        record_classes = self._record_classes(task)
        if record_classes:
            sources.append(java_check_source(record_classes))
        compiled = java.compile(sources, classpath, folder / "java")
        if not compiled.ok:
            return Verdict(
                VerdictKind.REJECTED, f"javac failed:\n{compiled.errors}", ("compile",)
            )
        if task.slice.kind is SliceKind.RUNTIME:
            return Verdict(VerdictKind.ACCEPTED, "the runtime compiles", ("compile",))
        launcher = java.launcher(
            [compiled.classes, *classpath], self.config.java_package
        )
        if task.slice.kind is SliceKind.RECORD:
            return self._check_records(task, launcher, folder)
        if not task.jobs:
            # NOTE: no complete job runs this slice's programs yet, so it
            # passes on compilation alone. Their behaviour is compared only
            # once another slice completes a job that runs them.
            return Verdict(
                VerdictKind.ACCEPTED,
                f"compiled; {NOT_EXERCISED_EVIDENCE}",
                ("compile",),
                exercised=False,
            )
        return self._check_jobs(task.jobs, launcher, folder)

    def _sources(self, task: JudgeTask) -> tuple[list[JavaSource], list[Path]]:
        """Return the sources to compile and their class path: the runtime
        in the context comes compiled, unless this slice is the runtime or
        writes a runtime class itself."""
        own = [*task.conversion.sources]
        writes_runtime = any(s.path.startswith(RUNTIME_PREFIX) for s in own)
        if task.slice.kind is SliceKind.RUNTIME or writes_runtime:
            return [*task.context, *own], []
        context, classpath = self.runtime.split(task.context)
        return [*context, *own], classpath

    def _record_classes(self, task: JudgeTask) -> list[str]:
        if task.slice.kind is not SliceKind.RECORD:
            return []
        package = f"{self.config.java_package}.records"
        return [
            f"{package}.{java_class_name(name)}"
            for name, source in zip(task.slice.copybooks, task.copybooks, strict=True)
            if level1_names(source)
        ]

    def _check_jobs(
        self, jobs: Sequence[Job], java: JavaLauncher, folder: Path
    ) -> Verdict:
        if self.library is None:
            return Verdict(VerdictKind.FAILED, "no COBOL was built for this run")
        missing = _uncompiled_programs(self.library, jobs)
        if missing:
            return Verdict(VerdictKind.FAILED, missing, ("compile",))
        cobol = CobolLauncher(self.library, self.sandbox)
        problems: list[str] = []
        for job in jobs:
            expected = self._run(job, cobol, folder / f"cobol-{job.name}")
            actual = self._run(job, java, folder / f"java-{job.name}")
            difference = compare_runs(expected, actual)
            if difference:
                problems.extend(difference.splitlines())
        checks = ("compile", *(f"job {job.name}" for job in jobs))
        if problems:
            evidence = "\n".join(problems[:MAX_EVIDENCE_LINES])
            return Verdict(VerdictKind.REJECTED, evidence, checks)
        names = ", ".join(job.name for job in jobs)
        return Verdict(
            VerdictKind.ACCEPTED, f"compiled; jobs {names} behave the same", checks
        )

    def _run(
        self, job: Job, launcher: CobolLauncher | JavaLauncher, work: Path
    ) -> JobRun:
        work.mkdir(parents=True)
        return run_job(job, launcher, self.data_dir, work, self.config.run_timeout)

    def _check_records(
        self, task: JudgeTask, java: JavaLauncher, folder: Path
    ) -> Verdict:
        layouts = [
            (name, level1_names(source))
            for name, source in zip(task.slice.copybooks, task.copybooks, strict=True)
        ]
        layouts = [(name, names) for name, names in layouts if names]
        if not layouts or self.library is None:
            return Verdict(
                VerdictKind.ACCEPTED,
                "compiled; record layout not checked: the copybook has no 01 "
                f"items\n{NOT_EXERCISED_EVIDENCE}",
                ("compile",),
                exercised=False,
            )
        expected = self._cobol_record_lengths(layouts, folder / "record")
        if isinstance(expected, str):
            return Verdict(
                VerdictKind.ACCEPTED,
                "compiled; record layout not checked: GnuCOBOL cannot compile "
                f"the copybook on its own:\n{expected}\n{NOT_EXERCISED_EVIDENCE}",
                ("compile",),
                exercised=False,
            )
        work = folder / "record" / "java-run"
        work.mkdir(parents=True)
        actual = java.run_class(
            CHECK_CLASS, work, base_environment(work), b"", self.config.run_timeout
        )
        return _record_verdict(expected, actual)

    def _cobol_record_lengths(
        self, layouts: list[tuple[str, tuple[str, ...]]], folder: Path
    ) -> RunOutcome | str:
        assert self.library is not None
        lib = folder / "lib"
        lib.mkdir(parents=True)
        program = folder / "check.cbl"
        program.write_text(cobol_check_program(layouts), encoding="latin-1")
        module = lib / f"{CHECK_PROGRAM}.so"
        errors = run_cobc(
            [*self.library.compile_flags(), "-o", str(module), str(program)]
        )
        if errors is not None:
            return errors
        work = folder / "cobol-run"
        work.mkdir()
        return self.sandbox.run(
            ["cobcrun", CHECK_PROGRAM],
            cwd=work,
            env=base_environment(work) | {"COB_LIBRARY_PATH": str(lib)},
            limits=Limits.for_native(self.config.run_timeout),
            readable=(lib,),
        )


def _record_verdict(expected: RunOutcome, actual: RunOutcome) -> Verdict:
    checks = ("compile", "record layout")
    if expected.stdout == actual.stdout and actual.returncode == 0:
        return Verdict(
            VerdictKind.ACCEPTED, "compiled; record layout matches GnuCOBOL", checks
        )
    lines = ["the record layout differs from GnuCOBOL's (name, length in bytes):"]
    lines += diff_bytes(expected.stdout, actual.stdout, "cobol", "java")
    if actual.returncode != 0:
        lines.append(f"the Java check ended with {actual.describe_exit()}:")
        lines += actual.stderr.decode("latin-1").strip().splitlines()[:20]
    return Verdict(VerdictKind.REJECTED, "\n".join(lines), checks)


def _path_conflicts(task: JudgeTask) -> str:
    """Describe the slice's Java files whose paths another slice owns."""
    owners = dict(task.context_owners)
    lines = []
    seen: set[str] = set()
    for source in task.conversion.sources:
        if source.path in seen:
            lines.append(f"{source.path} is written twice by this conversion")
        seen.add(source.path)
        owner = owners.get(source.path)
        if owner is not None:
            lines.append(f"{source.path} belongs to slice {owner} already")
    return "\n".join(lines)


def _uncompiled_programs(library: CobolLibrary, jobs: Sequence[Job]) -> str:
    """Describe the step programs of ``jobs`` that cobc could not compile."""
    problems = []
    for program in sorted({s.program for job in jobs for s in job.steps}):
        module = library.module(program)
        if module is not None and module.path is None:
            problems.append(
                f"the original program {program} ({module.member}) does not "
                f"compile with cobc:\n{module.errors}"
            )
    return "\n".join(problems)
