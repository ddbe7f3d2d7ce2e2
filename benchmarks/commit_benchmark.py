"""Benchmark writing slice commits: migrate's plumbing against gitpython's
index and working tree.

The work is 10,000 slices (by default) of a synthetic estate. The base
commit contains an estate of COBOL, copybook and JCL files in folders. A
slice adds one to three synthetic Java files to the union of its parents'
trees, and its parents are the commits of the slices it depends on, as in
a migrate run. The dependencies form a layered DAG: the first slice is the
runtime, a tenth of the slices are record slices that depend on the
runtime, and each program slice depends on one to three slices of the
layers below it (mostly one), plus a record slice half of the time.

(a) **ours**: the functions of :mod:`migrate.commit`. Worker threads
    (``--threads``, 8 by default) build each slice's Java sources, as
    agents do, and hand them to one writer thread, as the scheduler does.
    The writer writes the blobs, trees and commit as loose objects with
    :meth:`EstateRepo.write_slice_commit` and creates the slice's branch
    with :meth:`EstateRepo.update_branch`, naming no old value, through one
    long-lived ``git update-ref --stdin``. Every exception in a worker or
    in the writer is counted.
(b) **gitpython, index and working tree**: per slice, the Java files are
    written into the working tree, then ``repo.index.add`` and
    ``repo.index.commit`` (with the slice's parents, HEAD untouched) and
    ``repo.create_head`` make the commit and its branch. The index keeps
    every file added so far, so (b)'s trees hold all earlier slices rather
    than the union of the parents; that makes (b) no slower per file than a
    faithful version, which would rebuild the index from the parents'
    trees. It runs on the first ``--baseline`` slices (1,000 by default),
    and its time per commit is extrapolated linearly to all slices.
    Because the index grows with every slice, that is a lower bound.

Both runs end with ``git fsck --strict``. The script prints wall and CPU
times (CPU of this process and of the git processes it started and that
ended), time per commit, the ratio of (b) to (a) per commit, the exception
count, and whether fsck was clean. ``--json`` prints the same as JSON on
stdout.

Usage::

    python benchmarks/commit_benchmark.py
    python benchmarks/commit_benchmark.py --slices 2000 --baseline 500 --json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import git

from migrate.commit import EstateRepo, SliceCommit, init_repository
from migrate.model import JavaSource, Slice, SliceKind

JAVA_ROOT = "java/src/main/java"
LAYERS = 12


@dataclass(frozen=True)
class SyntheticSlice:
    """One slice of the synthetic DAG."""

    index: int
    slice: Slice
    # Indexes of the slices it depends on; empty for the runtime.
    depends_on: tuple[int, ...]
    file_count: int


@dataclass(frozen=True)
class Timing:
    """The measurements of one side of the benchmark."""

    commits: int
    wall_seconds: float
    cpu_seconds: float
    errors: int
    fsck_clean: bool
    fsck_output: str
    # Mean milliseconds per commit over the first and the last tenth.
    first_tenth_ms: float = 0.0
    last_tenth_ms: float = 0.0

    @property
    def per_commit_ms(self) -> float:
        return 1000 * self.wall_seconds / self.commits if self.commits else 0.0


def build_dag(count: int, seed: int) -> list[SyntheticSlice]:
    """Return ``count`` slices in an order where dependencies come first."""
    rng = random.Random(seed)
    records = max(1, count // 10)
    slices = [_make(0, SliceKind.RUNTIME, (), 20)]
    for index in range(1, min(count, records + 1)):
        slices.append(_make(index, SliceKind.RECORD, (0,), 1))
    programs = count - len(slices)
    layer_size = max(1, programs // LAYERS)
    first_program = len(slices)
    for offset in range(programs):
        index = first_program + offset
        layer = offset // layer_size
        lower = first_program + max(0, layer - 2) * layer_size
        upper = first_program + layer * layer_size
        deps: set[int] = set()
        if upper > lower:
            wanted = rng.choices((1, 2, 3), weights=(70, 25, 5))[0]
            deps = {rng.randrange(lower, upper) for _ in range(wanted)}
        if not deps or rng.random() < 0.5:
            deps.add(rng.randrange(1, records + 1))
        files = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
        slices.append(_make(index, SliceKind.PROGRAM, tuple(sorted(deps)), files))
    return slices


def _make(
    index: int, kind: SliceKind, deps: tuple[int, ...], files: int
) -> SyntheticSlice:
    name = f"S{index:05d}"
    item = Slice(
        "runtime" if kind is SliceKind.RUNTIME else name.lower(),
        kind,
        (name,) if kind is SliceKind.PROGRAM else (),
        (name,) if kind is SliceKind.RECORD else (),
        (f"cobol/{name}.cbl",) if kind is SliceKind.PROGRAM else (),
        (),
        100,
        1,
    )
    return SyntheticSlice(index, item, deps, files)


def java_sources(item: SyntheticSlice) -> tuple[JavaSource, ...]:
    """Return the slice's synthetic Java files, 2 to 5 KB each."""
    rng = random.Random(item.index)
    if item.slice.kind is SliceKind.RUNTIME:
        folder, names = "migrate/runtime", [f"Runtime{n:02d}" for n in range(20)]
    elif item.slice.kind is SliceKind.RECORD:
        folder, names = "migrated/records", [f"Rec{item.index:05d}"]
    else:
        names = [f"S{item.index:05d}"] + [
            f"S{item.index:05d}Part{n}" for n in range(1, item.file_count)
        ]
        folder = "migrated"
    sources = []
    for name in names:
        package = folder.replace("/", ".")
        fields = "".join(
            f"    private final Area ws{n} = new Area({rng.randint(1, 80)});\n"
            for n in range(rng.randint(20, 60))
        )
        body = "".join(
            f"        ws{n % 20}.move(ws{(n + 1) % 20});\n"
            for n in range(rng.randint(20, 60))
        )
        text = (
            f"package {package};\n\n"
            "import migrate.runtime.Area;\n\n"
            f"public final class {name} {{\n{fields}\n"
            "    public void call() {\n"
            f"{body}    }}\n}}\n"
        )
        sources.append(JavaSource(f"{folder}/{name}.java", text))
    return tuple(sources)


def make_base(root: Path, members: int) -> str:
    """Write an estate of ``members`` source files and commit it."""
    rng = random.Random(members)
    for index in range(members):
        folder, suffix = rng.choice(
            (("cobol", "cbl"), ("cobol", "cbl"), ("copy", "cpy"), ("jcl", "jcl"))
        )
        path = root / folder / f"M{index:04d}.{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = "".join(
            f"{n:06d}     MOVE WS-A{n} TO WS-B{n}.\n"
            for n in range(rng.randint(50, 400))
        )
        path.write_text(lines)
    return init_repository(root, "Add the estate")


def run_ours(root: Path, dag: list[SyntheticSlice], threads: int) -> Timing:
    """Commit every slice: ``threads`` producers, one writer."""
    repo = EstateRepo.open(root)
    base = repo.head()
    work: queue.Queue[SyntheticSlice | None] = queue.Queue()
    built: dict[int, tuple[JavaSource, ...]] = {}
    ready = threading.Condition()
    errors: list[BaseException] = []

    def produce() -> None:
        while (item := work.get()) is not None:
            try:
                sources = java_sources(item)
            except Exception as error:  # noqa: BLE001 - counted and reported
                errors.append(error)
                sources = ()
            with ready:
                built[item.index] = sources
                ready.notify_all()

    for item in dag:
        work.put(item)
    workers = [threading.Thread(target=produce) for _ in range(threads)]
    for _ in workers:
        work.put(None)

    commits: dict[int, str] = {}
    durations = []
    wall, cpu = time.perf_counter(), cpu_seconds()
    for worker in workers:
        worker.start()
    for item in dag:
        began = time.perf_counter()
        with ready:
            while item.index not in built:
                ready.wait()
            sources = built.pop(item.index)
        parents = tuple(commits[d] for d in item.depends_on) or (base,)
        request = SliceCommit(
            item.slice, parents, sources, "rules", ("compile",), f"h{item.index}"
        )
        try:
            commits[item.index] = repo.write_slice_commit(request, JAVA_ROOT)
            repo.update_branch(
                f"migrate/{item.slice.id}", commits[item.index], expected=""
            )
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors.append(error)
            commits[item.index] = base
        durations.append(time.perf_counter() - began)
    wall = time.perf_counter() - wall
    for worker in workers:
        worker.join()
    # Closing ends the git update-ref process, whose CPU time then counts.
    repo.close()
    cpu = cpu_seconds() - cpu
    for failure in errors[:5]:
        print(f"ours: {type(failure).__name__}: {failure}", file=sys.stderr)
    clean, output = fsck(root)
    first, last = tenths(durations)
    return Timing(len(dag), wall, cpu, len(errors), clean, output, first, last)


def run_gitpython(root: Path, dag: list[SyntheticSlice]) -> Timing:
    """Commit each slice through the index and working tree, one by one."""
    repo = git.Repo(root)
    base = repo.head.commit
    commits: dict[int, git.Commit] = {}
    errors = 0
    durations = []
    wall, cpu = time.perf_counter(), cpu_seconds()

    for item in dag:
        began = time.perf_counter()
        paths = []
        for source in java_sources(item):
            path = root / JAVA_ROOT / source.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(source.text)
            paths.append(str(path.relative_to(root)))
        parents = [commits[d] for d in item.depends_on] or [base]
        try:
            repo.index.add(paths)
            commit = repo.index.commit(
                f"Convert {item.slice.id}\n\nMigrate-Slice: {item.slice.id}\n",
                parent_commits=parents,
                head=False,
            )
            repo.create_head(f"migrate/{item.slice.id}", commit)
            commits[item.index] = commit
        except Exception as error:  # noqa: BLE001 - counted and reported
            errors += 1
            print(f"gitpython: {type(error).__name__}: {error}", file=sys.stderr)
            commits[item.index] = base
        durations.append(time.perf_counter() - began)
    wall = time.perf_counter() - wall
    repo.close()
    cpu = cpu_seconds() - cpu
    clean, output = fsck(root)
    first, last = tenths(durations)
    return Timing(len(dag), wall, cpu, errors, clean, output, first, last)


def tenths(durations: list[float]) -> tuple[float, float]:
    """Return the mean milliseconds of the first and the last tenth."""
    tenth = max(1, len(durations) // 10)
    first = 1000 * sum(durations[:tenth]) / tenth
    last = 1000 * sum(durations[-tenth:]) / tenth
    return first, last


def cpu_seconds() -> float:
    """Return the CPU time of this process and of its ended children, such
    as the ``git`` processes that gitpython starts."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def fsck(root: Path) -> tuple[bool, str]:
    """Run ``git fsck --strict``; return whether it was clean, and its output."""
    done = subprocess.run(
        ["git", "fsck", "--strict", "--no-dangling"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    output = (done.stdout + done.stderr).strip()
    clean = done.returncode == 0 and "error" not in output and "warning" not in output
    return clean, output


def check_ours(root: Path, dag: list[SyntheticSlice], samples: int) -> list[str]:
    """Check the branch count and, for a sample of slices, that the tree
    contains their own files and their parents', and the trailer."""
    problems = []
    refs = subprocess.run(
        ["git", "for-each-ref", "--format=%(objectname)", "refs/heads/migrate/"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if len(refs) != len(dag):
        problems.append(f"{len(refs)} branches for {len(dag)} slices")
    rng = random.Random(len(dag))
    for item in rng.sample(dag, min(samples, len(dag))):
        branch = f"migrate/{item.slice.id}"
        files = set(
            subprocess.run(
                ["git", "ls-tree", "-r", "--name-only", branch],
                cwd=root,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )
        expected = {f"{JAVA_ROOT}/{s.path}" for s in java_sources(item)}
        for dep in item.depends_on:
            expected |= {f"{JAVA_ROOT}/{s.path}" for s in java_sources(dag[dep])}
        if not expected <= files:
            problems.append(f"{branch} lacks {sorted(expected - files)[:3]}")
        message = subprocess.run(
            ["git", "log", "-1", "--format=%B", branch],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if f"Migrate-Slice: {item.slice.id}" not in message:
            problems.append(f"{branch} has no Migrate-Slice trailer")
    return problems


def closure_sizes(dag: list[SyntheticSlice]) -> list[int]:
    """Return how many slices each slice's commit contains, itself included."""
    closures: list[frozenset[int]] = []
    for item in dag:
        closure: set[int] = {item.index}
        for dep in item.depends_on:
            closure |= closures[dep]
        closures.append(frozenset(closure))
    return sorted(len(closure) for closure in closures)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=10_000)
    parser.add_argument(
        "--baseline",
        type=int,
        default=1_000,
        help="slices committed with gitpython (default 1,000)",
    )
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--members", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    dag = build_dag(options.slices, options.seed)
    sizes = closure_sizes(dag)
    workdir = Path(tempfile.mkdtemp(prefix="migrate-commit-bench-"))
    try:
        ours_root, theirs_root = workdir / "ours", workdir / "gitpython"
        make_base(ours_root, options.members)
        shutil.copytree(ours_root, theirs_root, symlinks=True)
        load_before = os.getloadavg()[0]
        ours = run_ours(ours_root, dag, options.threads)
        problems = check_ours(ours_root, dag, samples=50)
        load_between = os.getloadavg()[0]
        baseline = run_gitpython(theirs_root, dag[: options.baseline])
        load_after = os.getloadavg()[0]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    extrapolated = baseline.per_commit_ms * options.slices / 1000
    result = {
        "slices": options.slices,
        "threads": options.threads,
        "base_members": options.members,
        "slices_per_commit": {
            "median": sizes[len(sizes) // 2],
            "p90": sizes[len(sizes) * 9 // 10],
            "max": sizes[-1],
        },
        "ours": _timing_json(ours),
        "ours_problems": problems,
        "gitpython": _timing_json(baseline),
        "gitpython_extrapolated_seconds": round(extrapolated, 1),
        "ratio_per_commit": round(baseline.per_commit_ms / ours.per_commit_ms, 1),
        "cpu_ratio_per_commit": round(
            (baseline.cpu_seconds / baseline.commits)
            / (ours.cpu_seconds / ours.commits),
            1,
        ),
        "load_average": [
            round(load_before, 1),
            round(load_between, 1),
            round(load_after, 1),
        ],
        "python": platform.python_version(),
        "git": subprocess.run(
            ["git", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip(),
        "cpus": os.cpu_count(),
    }
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        _print_report(result, ours, baseline)
    sys.exit(0 if not problems and ours.errors == 0 and ours.fsck_clean else 1)


def _timing_json(timing: Timing) -> dict[str, object]:
    return {
        "commits": timing.commits,
        "wall_seconds": round(timing.wall_seconds, 2),
        "cpu_seconds": round(timing.cpu_seconds, 2),
        "ms_per_commit": round(timing.per_commit_ms, 2),
        "first_tenth_ms_per_commit": round(timing.first_tenth_ms, 2),
        "last_tenth_ms_per_commit": round(timing.last_tenth_ms, 2),
        "errors": timing.errors,
        "fsck_clean": timing.fsck_clean,
    }


def _print_report(result: dict[str, object], ours: Timing, baseline: Timing) -> None:
    sizes = result["slices_per_commit"]
    print(
        f"{result['slices']} slices; slices in one commit's tree: {sizes}; "
        f"{result['threads']} producer threads, one writer"
    )
    for label, timing in (("(a) ours", ours), ("(b) gitpython index", baseline)):
        fsck_state = "clean" if timing.fsck_clean else "NOT clean"
        print(
            f"{label}: {timing.commits} commits in {timing.wall_seconds:.1f}s wall, "
            f"{timing.cpu_seconds:.1f}s CPU, {timing.per_commit_ms:.2f} ms per "
            f"commit, {timing.errors} errors, fsck {fsck_state}"
        )
        if not timing.fsck_clean:
            print(timing.fsck_output[-2000:])
    for label, timing in (("(a)", ours), ("(b)", baseline)):
        print(
            f"{label} per commit over its first and last tenth: "
            f"{timing.first_tenth_ms:.1f} and {timing.last_tenth_ms:.1f} ms"
        )
    print(
        f"(b) extrapolated to {result['slices']} commits: "
        f"{result['gitpython_extrapolated_seconds']}s (a lower bound)"
    )
    print(
        f"ratio (b)/(a) per commit: {result['ratio_per_commit']} times in wall "
        f"time, {result['cpu_ratio_per_commit']} times in CPU time"
    )
    for problem in result["ours_problems"]:  # type: ignore[attr-defined]
        print(f"problem: {problem}")
    print(f"load average before, between, after: {result['load_average']}")


if __name__ == "__main__":
    main()
