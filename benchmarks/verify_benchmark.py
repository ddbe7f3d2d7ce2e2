"""Benchmark verifying translated Java: separate javac and java processes
per slice, against the persistent judge server pool.

The work is 200 slices (by default) cut from the bank estate in
``fixtures/bank``: the rules converter translates every program once, and
javac compiles the runtime and all the translated programs once. A slice
is one of the estate's 11 jobs, taken in turn. Verifying it compiles the
Java of the job's step programs against those classes into a folder of its
own. Then it runs the job's steps in order in a fresh folder with copies of
the input datasets, relative ``DD_`` paths and the frozen clock, as the
judge does.

Each slice is verified twice:

(a) ``javac`` once and ``java`` once per step, as separate processes, with
    the judge's JVM flags and no sandbox (so the real judge, whose sandbox
    adds namespaces, is slower than this baseline);
(b) :class:`migrate.judge.jvm.JvmPool`, one server per worker. The servers
    start (and compile one class, to load javac) before the clock starts;
    their start-up time is reported on its own line.

Both use the same number of worker threads. The script prints slices per
second for each, their ratio, and how many slices gave identical stdout,
exit codes and files on both paths.

Usage::

    python benchmarks/verify_benchmark.py
    python benchmarks/verify_benchmark.py --slices 50 --workers 2 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from migrate.config import load_config
from migrate.convert.rules import RulesConverter, java_class_name
from migrate.discover import discover
from migrate.judge.java import java_command
from migrate.judge.jobs import base_environment
from migrate.judge.jvm import JvmPool
from migrate.model import (
    ConversionRequest,
    JavaSource,
    Job,
    JobStep,
    MemberKind,
    Slice,
    SliceKind,
)
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import expand
from migrate.runtime import runtime_sources

BANK = Path(__file__).resolve().parent.parent / "fixtures" / "bank"
RUN_TIMEOUT = 120.0


@dataclass(frozen=True)
class Build:
    """The classes compiled once: the runtime and every bank program."""

    root: Path
    runtime: Path
    bank: Path
    java: dict[str, JavaSource]


@dataclass(frozen=True)
class WorkItem:
    """One slice to verify: a job and the Java of its step programs."""

    index: int
    job: Job
    sources: tuple[JavaSource, ...]


@dataclass(frozen=True)
class Outcome:
    """The result of verifying one slice, compared between the two paths."""

    compiled: bool
    steps: tuple[tuple[bytes, int], ...]
    files: tuple[tuple[str, bytes], ...]


def main(argv: list[str] | None = None) -> int:
    """Build the work, verify it on both paths and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slices", type=int, default=200, help="slices to verify")
    parser.add_argument(
        "--workers", type=int, help="threads and servers (default: CPUs)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    args = parser.parse_args(argv)
    workers = args.workers or os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="migrate-verify-bench-") as folder:
        root = Path(folder)
        started = time.perf_counter()
        build = prepare(root)
        items = work_items(build, args.slices)
        prepare_seconds = time.perf_counter() - started

        process_seconds, expected = measure(
            items, workers, lambda item: verify_with_processes(build, item)
        )
        with JvmPool(
            workers, cache_dir=root / "server-cache", scratch_root=root
        ) as pool:
            startup_seconds = start_servers(pool, build, workers)
            server_seconds, actual = measure(
                items, workers, lambda item: verify_with_server(pool, build, item)
            )

    identical = sum(1 for a, b in zip(expected, actual, strict=True) if a == b)
    results = {
        "slices": len(items),
        "workers": workers,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "java": java_version(),
        "prepare_seconds": round(prepare_seconds, 2),
        "process_seconds": round(process_seconds, 2),
        "server_startup_seconds": round(startup_seconds, 2),
        "server_seconds": round(server_seconds, 2),
        "process_slices_per_second": round(len(items) / process_seconds, 2),
        "server_slices_per_second": round(len(items) / server_seconds, 2),
        "ratio": round(process_seconds / server_seconds, 1),
        "ratio_with_startup": round(
            process_seconds / (server_seconds + startup_seconds), 1
        ),
        "identical": identical,
        "compiled": sum(1 for outcome in actual if outcome.compiled),
    }
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(report(results))
    return 0 if identical == len(items) else 1


def prepare(root: Path) -> Build:
    """Translate the bank estate and compile the runtime and the programs."""
    runtime = root / "runtime"
    compile_with_javac(list(runtime_sources()), [], root / "runtime-src", runtime)
    estate = discover(BANK, load_config(BANK))
    java: dict[str, JavaSource] = {}
    converter = RulesConverter()
    for member in estate.of_kind(MemberKind.PROGRAM):
        item = Slice(
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
            item, (expand(estate, member.relpath),), "migrated", ()
        )
        (source,) = converter.convert(request).sources
        java[member.name] = source
    bank = root / "bank"
    compile_with_javac(list(java.values()), [runtime], root / "bank-src", bank)
    return Build(root, runtime, bank, java)


def work_items(build: Build, count: int) -> list[WorkItem]:
    """Return ``count`` slices, cycling through the estate's jobs."""
    jobs: list[Job] = []
    for path in sorted(BANK.glob("jcl/*.jcl")) + sorted(BANK.glob("tests/jcl/*.jcl")):
        jobs.extend(
            parse_jcl(path.read_text(encoding="latin-1"), str(path.relative_to(BANK)))
        )
    items = []
    for index in range(count):
        job = jobs[index % len(jobs)]
        programs = dict.fromkeys(step.program for step in job.steps)
        sources = tuple(build.java[program] for program in programs)
        items.append(WorkItem(index, job, sources))
    return items


def measure(
    items: list[WorkItem], workers: int, verify: Callable[[WorkItem], Outcome]
) -> tuple[float, list[Outcome]]:
    """Verify every item on ``workers`` threads; return the wall time and
    the outcomes in item order."""
    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as executor:
        outcomes = list(executor.map(verify, items))
    return time.perf_counter() - started, outcomes


def start_servers(pool: JvmPool, build: Build, workers: int) -> float:
    """Start every server of the pool and load javac in each; return the
    wall time it took."""
    started = time.perf_counter()
    probe = JavaSource("warm/Warm.java", "package warm;\npublic final class Warm {}\n")

    def warm(index: int) -> None:
        pool.compile([probe], [build.runtime], build.root / f"warm-{index}")

    # Each call keeps its server busy while it compiles, so every server gets one.
    with ThreadPoolExecutor(workers) as executor:
        list(executor.map(warm, range(workers)))
    return time.perf_counter() - started


def verify_with_processes(build: Build, item: WorkItem) -> Outcome:
    """Verify one slice with a javac process and a java process per step."""
    folder = build.root / f"process-{item.index}"
    classes = folder / "classes"
    compiled = compile_with_javac(
        list(item.sources),
        [build.bank, build.runtime],
        folder / "src",
        classes,
        check=False,
    )
    if not compiled:
        return Outcome(False, (), ())
    classpath = Path(
        os.pathsep.join(str(p) for p in (classes, build.bank, build.runtime))
    )

    def run(
        step: JobStep, work: Path, env: dict[str, str], stdin: bytes
    ) -> tuple[bytes, int]:
        command = java_command(classpath, main_class(step), (), ())
        done = subprocess.run(
            command,
            cwd=work,
            env=env,
            input=stdin,
            capture_output=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
        return done.stdout, done.returncode

    return run_job(item.job, folder / "work", run)


def verify_with_server(pool: JvmPool, build: Build, item: WorkItem) -> Outcome:
    """Verify one slice with the server pool."""
    folder = build.root / f"server-{item.index}"
    classes = folder / "classes"
    result = pool.compile(item.sources, [build.bank, build.runtime], classes)
    if not result.success:
        return Outcome(False, (), ())
    classpath = [classes, build.bank, build.runtime]

    def run(
        step: JobStep, work: Path, env: dict[str, str], stdin: bytes
    ) -> tuple[bytes, int]:
        outcome = pool.run(main_class(step), classpath, work, env, stdin, RUN_TIMEOUT)
        return outcome.stdout, outcome.exit_code

    return run_job(item.job, folder / "work", run)


def run_job(
    job: Job,
    work: Path,
    run: Callable[[JobStep, Path, dict[str, str], bytes], tuple[bytes, int]],
) -> Outcome:
    """Run the steps of ``job`` in ``work`` with copies of the bank's data."""
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
        steps.append(run(step, work, env, stdin))
    files = tuple((path.name, path.read_bytes()) for path in sorted(work.iterdir()))
    return Outcome(True, tuple(steps), files)


def main_class(step: JobStep) -> str:
    return f"migrated.{java_class_name(step.program)}"


def compile_with_javac(
    sources: list[JavaSource],
    classpath: list[Path],
    source_root: Path,
    out: Path,
    *,
    check: bool = True,
) -> bool:
    """Compile ``sources`` with one javac process, as the judge calls it."""
    for source in sources:
        path = source_root / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    command = [
        "javac",
        "-d",
        str(out),
        "-encoding",
        "UTF-8",
        "-proc:none",
        "-nowarn",
        "-Xmaxerrs",
        "100",
    ]
    if classpath:
        command += ["-cp", os.pathsep.join(str(entry) for entry in classpath)]
    done = subprocess.run(
        [*command, *(s.path for s in sources)],
        cwd=source_root,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and done.returncode != 0:
        raise SystemExit(f"javac failed:\n{done.stderr}")
    return done.returncode == 0


def java_version() -> str:
    done = subprocess.run(
        ["java", "-version"], capture_output=True, text=True, check=False
    )
    lines = done.stderr.strip().splitlines()
    return lines[0] if lines else "unknown"


def report(results: dict[str, object]) -> str:
    """Format the results as a few lines for a terminal."""
    return "\n".join(
        [
            f"{results['slices']} slices, {results['workers']} workers, "
            f"{results['cpus']} CPUs, {results['java']}",
            f"(a) javac + java processes: {results['process_seconds']} s, "
            f"{results['process_slices_per_second']} slices/s",
            f"(b) judge server pool:      {results['server_seconds']} s, "
            f"{results['server_slices_per_second']} slices/s "
            f"(+ {results['server_startup_seconds']} s to start the servers)",
            f"ratio (a)/(b): {results['ratio']}x, "
            f"{results['ratio_with_startup']}x with the start-up",
            f"identical stdout, exit codes and files: {results['identical']} of "
            f"{results['slices']}",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
