"""The judge: compile a slice's Java with what it depends on, then make it
behave like the original COBOL on the jobs it completes."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path

from migrate.config import Config
from migrate.convert.rules.names import java_class_name
from migrate.judge.cobol import CobolLibrary, run_cobc
from migrate.judge.compare import compare_runs, diff_bytes
from migrate.judge.java import compile_java, java_command
from migrate.judge.jobs import JobRun, base_environment, run_job, step_arguments
from migrate.judge.records import (
    CHECK_CLASS,
    CHECK_PROGRAM,
    cobol_check_program,
    java_check_source,
    level1_names,
)
from migrate.judge.sandbox import Limits, RunOutcome, Sandbox
from migrate.judge.verdict import NOT_EXERCISED, JudgeTask, Verdict, VerdictKind
from migrate.model import Job, JobStep, SliceKind

logger = logging.getLogger(__name__)


# Lines of evidence kept over all jobs of one slice.
MAX_EVIDENCE_LINES = 400


class CobolLauncher:
    """Runs a step's program with cobcrun from the run's COBOL library."""

    side = "COBOL"

    def __init__(self, library: CobolLibrary) -> None:
        self.library = library

    def command(self, step: JobStep, work: Path) -> list[str]:
        return ["cobcrun", step.program, *step_arguments(step)]

    def environment(self) -> dict[str, str]:
        return {"COB_LIBRARY_PATH": str(self.library.folder)}

    def readable(self) -> tuple[Path, ...]:
        return (self.library.folder,)

    def limits(self, timeout: float) -> Limits:
        return Limits.for_native(timeout)


class JavaLauncher:
    """Runs a step's program as the main class of its Java translation."""

    side = "Java"

    def __init__(self, classes: Path, package: str, sandbox: Sandbox) -> None:
        self.classes = classes
        self.package = package
        self.sandbox = sandbox

    def command(self, step: JobStep, work: Path) -> list[str]:
        main = f"{self.package}.{java_class_name(step.program)}"
        extra = self.sandbox.java_flags(work, [self.classes])
        return java_command(self.classes, main, step_arguments(step), extra)

    def environment(self) -> dict[str, str]:
        return {}

    def readable(self) -> tuple[Path, ...]:
        return (self.classes,)

    def limits(self, timeout: float) -> Limits:
        return Limits.for_java(timeout)


class Judge:
    """Verifies conversions. Holds no state that changes after it is built,
    so every worker thread may call :meth:`verify` at once."""

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
            return self._verify_in(task, Path(folder))

    def _verify_in(self, task: JudgeTask, folder: Path) -> Verdict:
        sources = [*task.context, *task.conversion.sources]
        record_classes = self._record_classes(task)
        if record_classes:
            sources.append(java_check_source(record_classes))
        compiled = compile_java(sources, folder / "java")
        if not compiled.ok:
            return Verdict(
                VerdictKind.REJECTED, f"javac failed:\n{compiled.errors}", ("compile",)
            )
        if task.slice.kind is SliceKind.RUNTIME:
            return Verdict(VerdictKind.ACCEPTED, "the runtime compiles", ("compile",))
        if task.slice.kind is SliceKind.RECORD:
            return self._check_records(task, compiled.classes, folder)
        if not task.jobs:
            # NOTE: no complete job runs this slice's programs yet, so it
            # passes on compilation alone. Their behaviour is compared only
            # once another slice completes a job that runs them.
            return Verdict(
                VerdictKind.ACCEPTED, NOT_EXERCISED, ("compile",), exercised=False
            )
        return self._check_jobs(task.jobs, compiled.classes, folder)

    def _record_classes(self, task: JudgeTask) -> list[str]:
        if task.slice.kind is not SliceKind.RECORD:
            return []
        package = f"{self.config.java_package}.records"
        return [
            f"{package}.{java_class_name(name)}"
            for name, source in zip(task.slice.copybooks, task.copybooks, strict=True)
            if level1_names(source)
        ]

    def _check_jobs(self, jobs: Sequence[Job], classes: Path, folder: Path) -> Verdict:
        if self.library is None:
            return Verdict(VerdictKind.FAILED, "no COBOL was built for this run")
        missing = _uncompiled_programs(self.library, jobs)
        if missing:
            return Verdict(VerdictKind.FAILED, missing, ("compile",))
        java = JavaLauncher(classes, self.config.java_package, self.sandbox)
        cobol = CobolLauncher(self.library)
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
        return run_job(
            job, launcher, self.sandbox, self.data_dir, work, self.config.run_timeout
        )

    def _check_records(self, task: JudgeTask, classes: Path, folder: Path) -> Verdict:
        layouts = [
            (name, level1_names(source))
            for name, source in zip(task.slice.copybooks, task.copybooks, strict=True)
        ]
        layouts = [(name, names) for name, names in layouts if names]
        if not layouts or self.library is None:
            return Verdict(
                VerdictKind.ACCEPTED,
                "compiled; record layout not checked: the copybook has no 01 "
                f"items\n{NOT_EXERCISED}",
                ("compile",),
                exercised=False,
            )
        expected = self._cobol_record_lengths(layouts, folder / "record")
        if isinstance(expected, str):
            return Verdict(
                VerdictKind.ACCEPTED,
                "compiled; record layout not checked: GnuCOBOL cannot compile "
                f"the copybook on its own:\n{expected}\n{NOT_EXERCISED}",
                ("compile",),
                exercised=False,
            )
        actual = self._java_record_lengths(classes, folder / "record" / "java-run")
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

    def _java_record_lengths(self, classes: Path, work: Path) -> RunOutcome:
        work.mkdir(parents=True)
        extra = self.sandbox.java_flags(work, [classes])
        return self.sandbox.run(
            java_command(classes, CHECK_CLASS, (), extra),
            cwd=work,
            env=base_environment(work),
            limits=Limits.for_java(self.config.run_timeout),
            readable=(classes,),
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
