"""Benchmark `migrate plan` on a generated estate of about a million lines.

One run reports:

(a) the raw tree-sitter parse time, in one process, of the program files
    after the column cutting the preprocessor does, and of the expanded
    text the plan parses (column cutting keeps columns 8-72 and blanks
    comment lines);
(b) the plan time, ``build_plan(discover(root, load_config(root)))``, with
    an empty parse cache;
(c) the same with the cache warm: a re-plan of the unchanged estate;

the ratios of (b) and (c) to (a), and the peak resident memory of the
measuring process and of its largest worker.

Usage::

    python benchmarks/plan_benchmark.py                 # 1,000,000 lines
    python benchmarks/plan_benchmark.py --lines 100000 --json

The estate is written once to a temporary folder named by its size and seed
and reused by later runs. The measurements run in a fresh child process, so
that the generator's memory does not count.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from generate_estate import generate, read_manifest

# Columns 1-7 of fixed format, blank in what the grammar reads.
FIXED_PREFIX = " " * 7


def main(argv: list[str] | None = None) -> int:
    """Generate or reuse the estate, measure it in a child process and print
    the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--lines", type=int, default=1_000_000, help="lines of the estate, about"
    )
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the estate generator"
    )
    parser.add_argument(
        "--estate", type=Path, help="folder to write or reuse the estate in"
    )
    parser.add_argument(
        "--workers", type=int, help="parse worker processes (default: the CPUs)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure is not None:
        json.dump(measure(args.measure, args.workers), sys.stdout)
        return 0
    root = args.estate or Path(tempfile.gettempdir()) / (
        f"migrate-bench-{args.lines}-{args.seed}"
    )
    ensure_estate(root, args.lines, args.seed)

    command = [sys.executable, __file__, "--measure", str(root)]
    if args.workers:
        command += ["--workers", str(args.workers)]
    child = subprocess.run(command, capture_output=True, text=True, check=False)
    if child.returncode != 0:
        sys.stderr.write(child.stderr)
        return child.returncode
    results = json.loads(child.stdout)

    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(report(results))
    return 0


def ensure_estate(root: Path, lines: int, seed: int) -> None:
    """Write the estate unless ``root`` contains one of the same size and
    seed."""
    manifest = read_manifest(root) if root.is_dir() else None
    if (
        manifest is not None
        and manifest.seed == seed
        and abs(manifest.lines - lines) < lines / 10
    ):
        return
    if root.exists():
        shutil.rmtree(root)
    started = time.perf_counter()
    summary = generate(root, lines=lines, seed=seed)
    print(
        f"generated {summary.lines:,} lines in {root} in "
        f"{time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


def measure(root: Path, workers: int | None) -> dict[str, object]:
    """Take every measurement of one run; return them as JSON values."""
    from migrate.config import load_config
    from migrate.discover import discover
    from migrate.model import MemberKind
    from migrate.parse.batch import parse_members
    from migrate.parse.cache import CACHE_FOLDER

    if workers:
        os.environ["MIGRATE_WORKERS"] = str(workers)
    results: dict[str, object] = {
        "machine": machine_facts(),
        "estate": estate_facts(root),
    }
    estate = discover(root, load_config(root))
    programs = [m for m in estate.of_kind(MemberKind.PROGRAM)]
    results["raw_files"] = time_raw_parse(
        cut_columns(m.path.read_text()) for m in programs
    )
    shutil.rmtree(root / CACHE_FOLDER, ignore_errors=True)
    results["plan"] = time_plan(root)
    results["replan"] = time_plan(root)
    results["peak_rss_mib"] = peak_rss_mib()
    relpaths = [m.relpath for m in programs]
    sources = [p.source.text for p in parse_members(estate, relpaths) if p.source]
    results["raw_expanded"] = time_raw_parse(iter(sources))
    results["expanded_lines"] = sum(text.count("\n") for text in sources)
    results["load_average_end"] = os.getloadavg()
    return results


def cut_columns(text: str) -> str:
    """Keep columns 8-72 behind seven blanks and blank comment lines, as
    the preprocessor's reference-format step does for fixed format."""
    out = []
    for line in text.splitlines():
        if line[6:7] in ("*", "/"):
            out.append("\n")
        else:
            out.append(FIXED_PREFIX + line[7:72].rstrip() + "\n")
    return "".join(out)


def time_raw_parse(texts: Iterator[str]) -> dict[str, float]:
    """Parse each text with one tree-sitter parser; only the parse calls
    are timed."""
    from migrate.parse.cobol import parser

    cobol = parser()
    wall = cpu = 0.0
    for text in texts:
        data = text.encode("latin-1", errors="replace")
        started, started_cpu = time.perf_counter(), time.process_time()
        cobol.parse(data)
        wall += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
    return {"wall": wall, "cpu": cpu}


def time_plan(root: Path) -> dict[str, object]:
    """Time discovery and ``build_plan``, with the parse stage's own stats."""
    from migrate.config import load_config
    from migrate.discover import discover
    from migrate.plan import build_plan

    with captured_batch_stats() as stats, cpu_clock() as cpu:
        started = time.perf_counter()
        estate = discover(root, load_config(root))
        discovered = time.perf_counter()
        plan = build_plan(estate)
        finished = time.perf_counter()
    # The plan may call parse_members more than once; the stage is their sum.
    parse_stage = sum(batch.seconds for batch in stats)
    return {
        "wall": finished - started,
        "cpu": cpu(),
        "discover": discovered - started,
        "parse_stage": parse_stage,
        "graph_and_slices": finished - discovered - parse_stage,
        "workers": max((batch.workers for batch in stats), default=0),
        "from_cache": sum(batch.from_cache for batch in stats),
        "members": sum(batch.members for batch in stats),
        "slices": len(plan.slices),
        "record_slices": sum(1 for s in plan.slices if s.kind.value == "record"),
        "cycle_slices": sum(1 for s in plan.slices if s.id.startswith("cycle-")),
        "levels": len(plan.levels),
        "widest_level": max((len(level) for level in plan.levels), default=0),
        "critical_path": len(plan.critical_path),
    }


@contextmanager
def captured_batch_stats() -> Iterator[list]:  # type: ignore[type-arg]
    """Collect the stats that ``parse_members`` logs while the block runs."""
    found: list = []  # type: ignore[type-arg]

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if hasattr(record, "batch_stats"):
                found.append(record.batch_stats)

    logger = logging.getLogger("migrate.parse.batch")
    handler, level = Handler(logging.DEBUG), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextmanager
def cpu_clock() -> Iterator[Callable[[], float]]:
    """Measure the CPU seconds of this process and of the children that
    ended while the block ran (the parse workers)."""

    def total() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start = total()
    spent: list[float] = []
    yield lambda: spent[0]
    spent.append(total() - start)


def peak_rss_mib() -> dict[str, float]:
    """Return the resident-set high-water marks in MiB. Linux reports
    ru_maxrss in KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"process": own / 1024, "largest_worker": children / 1024}


def machine_facts() -> dict[str, object]:
    """CPUs, load and versions at the start of the run."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpus": os.cpu_count(),
        "usable_cpus": usable,
        "load_average_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.release()}",
        "processor": cpu_model(),
        "tree_sitter": version("tree-sitter"),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def cpu_model() -> str:
    """Return the CPU model name from /proc/cpuinfo, else the machine type.
    It reads no command's output, because a child process would count in
    the children's peak memory."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.machine()


def estate_facts(root: Path) -> dict[str, object]:
    """What the generator wrote, from its manifest."""
    manifest = read_manifest(root)
    if manifest is None:
        return {"root": str(root)}
    return {
        "root": str(root),
        "lines": manifest.lines,
        "program_lines": manifest.program_lines,
        "programs": manifest.programs,
        "copybooks": manifest.copybooks,
        "jobs": manifest.jobs,
        "cycles": len(manifest.cycles),
    }


def report(results: dict) -> str:  # type: ignore[type-arg]
    """Format the results as a short table for a person."""
    machine, estate = results["machine"], results["estate"]
    plan, replan = results["plan"], results["replan"]
    raw_files, raw_expanded = results["raw_files"], results["raw_expanded"]
    rss = results["peak_rss_mib"]
    rows = [
        ("(a) raw parse, program files", raw_files["wall"], raw_files["cpu"], ""),
        (
            "(a) raw parse, expanded text",
            raw_expanded["wall"],
            raw_expanded["cpu"],
            f"{results['expanded_lines']:,} lines",
        ),
        ("(b) plan, cold cache", plan["wall"], plan["cpu"], _stages(plan)),
        ("(c) re-plan, warm cache", replan["wall"], replan["cpu"], _stages(replan)),
    ]
    lines = [
        f"machine: {machine['cpus']} CPUs ({machine['usable_cpus']} usable), "
        f"{machine['processor']}, Python {machine['python']}, "
        f"tree-sitter {machine['tree_sitter']}, {machine['date']}",
        "load average (1, 5, 15 min): start "
        + ", ".join(f"{x:.1f}" for x in machine["load_average_start"])
        + "; end "
        + ", ".join(f"{x:.1f}" for x in results["load_average_end"]),
        f"estate: {estate.get('lines', 0):,} lines; {estate.get('programs')} "
        f"programs ({estate.get('program_lines', 0):,} lines), "
        f"{estate.get('copybooks')} copybooks, {estate.get('jobs')} jobs, "
        f"{estate.get('cycles')} call cycles",
        f"plan: {plan['slices']} slices ({plan['record_slices']} record, "
        f"{plan['cycle_slices']} cycles) in {plan['levels']} levels, widest "
        f"{plan['widest_level']}, critical path {plan['critical_path']} slices",
        "",
        f"{'':34} {'wall s':>8} {'CPU s':>8}",
    ]
    lines += [
        f"{name:34} {wall:8.2f} {cpu:8.2f}  {note}" for name, wall, cpu, note in rows
    ]
    lines += [
        "",
        f"plan / raw (expanded text):    {plan['wall'] / raw_expanded['wall']:.2f}",
        f"plan / raw (program files):    {plan['wall'] / raw_files['wall']:.2f}",
        f"re-plan / raw (expanded text): {replan['wall'] / raw_expanded['wall']:.3f}",
        f"re-plan / raw (program files): {replan['wall'] / raw_files['wall']:.3f}",
        f"peak RSS: process {rss['process']:.0f} MiB, "
        f"largest worker {rss['largest_worker']:.0f} MiB (0 when none ran)",
    ]
    return "\n".join(lines)


def _stages(timing: dict) -> str:  # type: ignore[type-arg]
    return (
        f"discover {timing['discover']:.2f}, parse {timing['parse_stage']:.2f} "
        f"({timing['workers']} workers, {timing['from_cache']} of "
        f"{timing['members']} cached), graph+slices {timing['graph_and_slices']:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
