"""The bank estate, translated by the rules converter, compiled with javac
and run job by job beside GnuCOBOL: stdout, return codes and written
datasets must match byte for byte."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_rules_harness import (
    Step,
    StepRun,
    cobc_module,
    compiled_runtime,
    javac,
    run_cobol,
    run_java,
    tools_missing,
    write_java,
)

from migrate.config import load_config
from migrate.convert.rules import RulesConverter, java_class_name
from migrate.discover import discover
from migrate.model import (
    ConversionRequest,
    Job,
    MemberKind,
    Slice,
    SliceKind,
    Unsupported,
)
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import expand

BANK = Path(__file__).resolve().parent.parent / "fixtures" / "bank"
# Production jobs first, in the order their datasets flow.
JOB_ORDER = ("NIGHTLY", "INTEREST", "STMTRPT")


@pytest.fixture(scope="session")
def runtime_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_runtime(tmp_path_factory)


def _jobs() -> list[Job]:
    jobs: list[Job] = []
    for path in sorted(BANK.glob("jcl/*.jcl")) + sorted(BANK.glob("tests/jcl/*.jcl")):
        jobs.extend(
            parse_jcl(path.read_text(encoding="latin-1"), str(path.relative_to(BANK)))
        )
    rank = {name: index for index, name in enumerate(JOB_ORDER)}
    return sorted(jobs, key=lambda job: rank.get(job.name, len(rank)))


JOBS = _jobs() if BANK.is_dir() else []


@dataclass
class JobResult:
    """Both sides' runs of one job, step by step, and what they wrote."""

    cobol: list[StepRun] = field(default_factory=list)
    java: list[StepRun] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


@dataclass
class BankBuild:
    classes: Path
    build: Path
    unsupported: dict[str, tuple[Unsupported, ...]]
    results: dict[str, JobResult] = field(default_factory=dict)


def _steps(job: Job) -> list[Step]:
    steps = []
    for job_step in job.steps:
        step = Step(job_step.program)
        for dd in job_step.dds:
            if dd.instream is not None and dd.ddname == "SYSIN":
                step.stdin = dd.instream.encode("latin-1")
            elif dd.dsn:
                step.datasets[dd.ddname] = dd.dsn
        steps.append(step)
    return steps


@pytest.fixture(scope="module")
def bank(runtime_classes: Path, tmp_path_factory: pytest.TempPathFactory) -> BankBuild:
    if tools_missing():
        pytest.skip(tools_missing())
    root = tmp_path_factory.mktemp("bank")
    estate = discover(BANK, load_config(BANK))
    converter = RulesConverter()
    java_paths: list[Path] = []
    unsupported: dict[str, tuple[Unsupported, ...]] = {}
    for member in estate.of_kind(MemberKind.PROGRAM):
        source = expand(estate, member.relpath)
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
        conversion = converter.convert(
            ConversionRequest(slice_, (source,), "migrated", ())
        )
        unsupported[member.name] = conversion.unsupported
        java_paths += write_java(conversion.sources, root / "java")
        cobc_module(member.path, root / "build", BANK / "copy")
    javac(java_paths, runtime_classes, root / "classes")
    classpath = Path(f"{root / 'classes'}{os.pathsep}{runtime_classes}")
    built = BankBuild(classpath, root / "build", unsupported)
    _run_all(built, root)
    return built


def _run_all(built: BankBuild, root: Path) -> None:
    sides = {"cobol": root / "run-cobol", "java": root / "run-java"}
    for folder in sides.values():
        shutil.copytree(BANK / "data", folder)
    for job in JOBS:
        result = JobResult()
        for step in _steps(job):
            result.cobol.append(
                run_cobol(step.program, built.build, sides["cobol"], step)
            )
            result.java.append(
                run_java(
                    f"migrated.{java_class_name(step.program)}",
                    built.classes,
                    sides["java"],
                    step,
                )
            )
        result.written = sorted(
            {dd.dsn for s in job.steps for dd in s.dds if dd.dsn and dd.writes}
        )
        built.results[job.name] = result
    built.results["_sides"] = JobResult(
        written=[str(sides["cobol"]), str(sides["java"])]
    )


def test_bank_programs_fully_supported(bank: BankBuild) -> None:
    reported = {
        name: [str(u) for u in items]
        for name, items in bank.unsupported.items()
        if items
    }
    assert reported == {}


@pytest.mark.parametrize("job", JOBS, ids=[job.name for job in JOBS])
def test_bank_job_matches_cobol(bank: BankBuild, job: Job) -> None:
    result = bank.results[job.name]
    for step, cobol, java in zip(job.steps, result.cobol, result.java, strict=True):
        assert java.stderr.decode("latin-1") == cobol.stderr.decode("latin-1"), (
            step.name
        )
        assert java.stdout.decode("latin-1") == cobol.stdout.decode("latin-1"), (
            step.name
        )
        assert java.returncode == cobol.returncode, step.name
    cobol_dir, java_dir = (Path(p) for p in bank.results["_sides"].written)
    for dsn in result.written:
        expected = (cobol_dir / dsn).read_bytes()
        assert (java_dir / dsn).read_bytes() == expected, dsn
