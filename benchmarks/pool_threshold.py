"""Measure where a pool of parse workers starts to pay: parse generated
estates of growing size in one process and in a pool, with no cache.

Usage::

    python benchmarks/pool_threshold.py
    python benchmarks/pool_threshold.py --lines 2000 8000 32000 --repeat 5

Each time is the best of ``--repeat`` runs, because the fastest run is the
one least disturbed by other work on the machine.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generate_estate import generate


def best_time(run: Callable[[], object], repeat: int) -> float:
    """Return the time of the fastest of ``repeat`` calls of ``run``, in
    seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    """Print one row per estate size: members, lines, one process, pool."""
    from migrate.config import load_config
    from migrate.discover import discover
    from migrate.model import MemberKind
    from migrate.parse.batch import PoolThreshold, parse_members, worker_count

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--lines", type=int, nargs="+", default=[2000, 5000, 10000, 20000, 40000]
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=worker_count())
    args = parser.parse_args(argv)
    always = PoolThreshold(members=1, bytes=0)
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"pool of {args.workers}, best of {args.repeat}"
    )
    print(f"{'lines':>8} {'members':>8} {'one process s':>14} {'pool s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for lines in args.lines:
            root = Path(folder) / str(lines)
            summary = generate(root, lines=lines, programs=max(12, lines // 300))
            estate = discover(root, load_config(root))
            relpaths = [m.relpath for m in estate.of_kind(MemberKind.PROGRAM)]
            run = functools.partial(parse_members, estate, relpaths, use_cache=False)
            alone = best_time(functools.partial(run, workers=1), args.repeat)
            pooled = best_time(
                functools.partial(run, workers=args.workers, threshold=always),
                args.repeat,
            )
            print(f"{summary.lines:8,} {len(relpaths):8} {alone:14.3f} {pooled:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
