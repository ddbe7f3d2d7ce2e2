"""The job runner: which jobs a slice completes, and running a job's steps
in a fresh folder with copies of its input datasets."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from migrate.judge.sandbox import RunOutcome
from migrate.model import EdgeKind, Job, JobStep, NodeKind, Plan, Slice

logger = logging.getLogger(__name__)

# The frozen clock of every run, in the format GnuCOBOL reads.
FROZEN_DATE = "2020/01/15 10:20:30.00"
# System utilities that do nothing the judge can compare. A step that runs
# one is skipped on both sides with return code 0.
# NOTE: other utilities (IDCAMS, SORT, IEBGENER) are not simulated, so a job
# that runs one is never complete and never compared.
NO_OP_PROGRAMS = frozenset({"IEFBR14"})


def call_targets(plan: Plan) -> dict[str, set[str]]:
    """Map each program to the programs it may CALL, by name."""
    kinds = dict(plan.nodes)
    calls: dict[str, set[str]] = {}
    for edge in plan.edges:
        if edge.kind is not EdgeKind.CALL:
            continue
        if kinds.get(edge.target) is not NodeKind.PROGRAM:
            continue
        source = edge.source.partition(":")[2]
        calls.setdefault(source, set()).add(edge.target.partition(":")[2])
    return calls


def exercised_programs(job: Job, calls: Mapping[str, set[str]]) -> frozenset[str]:
    """Return the programs a job runs: its step programs and everything they
    reach over CALL edges."""
    seen: set[str] = set()
    pending = [s.program for s in job.steps if s.program not in NO_OP_PROGRAMS]
    while pending:
        program = pending.pop()
        if program in seen:
            continue
        seen.add(program)
        pending.extend(calls.get(program, ()))
    return frozenset(seen)


def program_slices(plan: Plan) -> dict[str, str]:
    """Map each program name to the id of the slice that converts it."""
    return {program: s.id for s in plan.slices for program in s.programs}


def completed_jobs(plan: Plan, item: Slice, verified: Iterable[str]) -> tuple[Job, ...]:
    """Return the jobs that ``item`` completes: every program they exercise
    is in a verified slice or in ``item``, and at least one is in ``item``."""
    owner = program_slices(plan)
    calls = call_targets(plan)
    done = set(verified) | {item.id}
    jobs = []
    for job in plan.jobs:
        programs = exercised_programs(job, calls)
        slices = {owner.get(program) for program in programs}
        if programs and None not in slices and slices <= done and item.id in slices:
            jobs.append(job)
    return tuple(jobs)


def job_slices(plan: Plan, job: Job) -> frozenset[str]:
    """Return the ids of the slices whose programs ``job`` exercises."""
    owner = program_slices(plan)
    programs = exercised_programs(job, call_targets(plan))
    return frozenset(owner[p] for p in programs if p in owner)


@dataclass(frozen=True)
class StepRun:
    """One step as it ran, or why it did not."""

    step: str
    program: str
    outcome: RunOutcome | None
    skipped: str = ""


@dataclass(frozen=True)
class JobRun:
    """One job run on one side: its steps and the files it wrote."""

    job: str
    side: str
    steps: tuple[StepRun, ...]
    # Files created or changed in the work folder, by relative path.
    files: tuple[tuple[str, bytes], ...]


class StepLauncher(Protocol):
    """Runs the steps of one side of the comparison."""

    side: str

    def environment(self) -> dict[str, str]:
        """Return the variables this side adds to every step."""
        ...

    def run(
        self,
        step: JobStep,
        work: Path,
        env: Mapping[str, str],
        stdin: bytes,
        timeout: float,
    ) -> RunOutcome:
        """Run ``step`` in the folder ``work`` with exactly the variables
        ``env`` and wait for it, at most ``timeout`` seconds."""
        ...


def base_environment(work: Path) -> dict[str, str]:
    """Return the environment every step starts from, on both sides."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "TMPDIR": str(work),
        "LANG": "C",
        "LC_ALL": "C",
        "TZ": "UTC",
        "COB_CURRENT_DATE": FROZEN_DATE,
    }


def run_job(
    job: Job,
    launcher: StepLauncher,
    data_dir: Path,
    work: Path,
    timeout: float,
) -> JobRun:
    """Run the steps of ``job`` in order in the empty folder ``work``.

    Later steps read what earlier ones wrote. A step that times out or is
    killed by a signal ends the job, as an abend would.
    """
    _copy_datasets(job, data_dir, work)
    baseline = _snapshot(work)
    steps: list[StepRun] = []
    ended = ""
    for step in job.steps:
        if ended:
            steps.append(StepRun(step.name, step.program, None, ended))
            continue
        if step.program in NO_OP_PROGRAMS:
            steps.append(StepRun(step.name, step.program, None, "no-op utility"))
            continue
        stdin, variables = _prepare_dds(step, work, baseline)
        env = base_environment(work) | launcher.environment() | variables
        outcome = launcher.run(step, work, env, stdin, timeout)
        steps.append(StepRun(step.name, step.program, outcome))
        if outcome.timed_out or outcome.returncode < 0:
            ended = f"not run: step {step.name} {outcome.describe_exit()}"
    written = tuple(
        (name, data)
        for name, data in sorted(_snapshot(work).items())
        if baseline.get(name) != data
    )
    return JobRun(job.name, launcher.side, tuple(steps), written)


def _copy_datasets(job: Job, data_dir: Path, work: Path) -> None:
    names = {dd.dsn for step in job.steps for dd in step.dds if dd.dsn}
    for name in sorted(names):
        source = data_dir / name
        if source.is_file():
            shutil.copyfile(source, work / name)
        elif not any(dd.writes for s in job.steps for dd in s.dds if dd.dsn == name):
            logger.debug("job %s: dataset %s not found in %s", job.name, name, data_dir)


def _prepare_dds(
    step: JobStep, work: Path, baseline: dict[str, bytes]
) -> tuple[bytes, dict[str, str]]:
    """Return the step's stdin and its DD_ variables.

    In-stream data also goes to a file, so that a program may read SYSIN as
    a file as well as with ACCEPT. The file joins the baseline because the
    judge wrote it, not the program.
    """
    stdin = b""
    variables: dict[str, str] = {}
    for dd in step.dds:
        if dd.instream is not None:
            data = dd.instream.encode("latin-1", errors="replace")
            if data and not data.endswith(b"\n"):
                data += b"\n"
            name = f"{step.name}.{dd.ddname}.instream"
            (work / name).write_bytes(data)
            baseline[name] = data
            variables[f"DD_{dd.ddname}"] = name
            if dd.ddname == "SYSIN" or not stdin:
                stdin = data
        elif dd.dsn:
            variables[f"DD_{dd.ddname}"] = dd.dsn
        elif dd.sysout:
            variables[f"DD_{dd.ddname}"] = f"{dd.ddname}.sysout"
        else:
            variables[f"DD_{dd.ddname}"] = os.devnull
    return stdin, variables


def _snapshot(work: Path) -> dict[str, bytes]:
    return {
        path.relative_to(work).as_posix(): path.read_bytes()
        for path in sorted(work.rglob("*"))
        if path.is_file()
    }


def step_arguments(step: JobStep) -> Sequence[str]:
    """Return the command-line arguments of a step: its PARM, if any."""
    return (step.parm,) if step.parm else ()
