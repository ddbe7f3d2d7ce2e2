"""Schedule quality on a virtual clock: makespan over its lower bound for
the scheduler's policies and for a level-by-level wave scheduler.

The estate is the synthetic one of ``generate_estate.py`` (its structure
only: ``estate_shape.design_estate``), cut into slices by the planner's
rules without writing or parsing any COBOL. Each task's time is drawn from
its slice's size. The policies are the real ones of
``migrate.schedule.policy``, driven by an event loop instead of threads.

Usage::

    python benchmarks/schedule_benchmark.py
    python benchmarks/schedule_benchmark.py --programs 3000 --seeds 1 2 3 --json
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import math
import random
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx
from estate_shape import CopybookSpec, EstateSpec, ProgramSpec, design_estate

from migrate.model import Plan, Slice, SliceKind
from migrate.plan import (
    RUNTIME_SLICE,
    contract_remaining_path_lengths,
    critical_path,
    remaining_path_lengths,
)
from migrate.schedule.policy import (
    Changes,
    ContractPolicy,
    Outcome,
    Policy,
    Stage,
    Task,
)

AGENT_COUNTS = (1, 8, 50, 200, 1000)

# The time model, in seconds. A conversion is an LLM writing Java: a fixed
# cost per request plus the output, at about 12 source lines per second,
# times a log-normal factor. These are assumptions of the benchmark, not
# measurements of a provider.
REQUEST_SECONDS = 4.0
LINES_PER_SECOND = 12.0
CONVERT_SPREAD = 0.3
# javac of one slice with its context, and one job run on both sides.
COMPILE_SECONDS = 1.0
COMPILE_LINES_PER_SECOND = 5000.0
JOB_SECONDS = 1.5
RUNTIME_SECONDS = 3.0


@dataclass(frozen=True)
class Estate:
    """A plan and the jobs as the policies see them."""

    plan: Plan
    # Job index to the slices the job exercises.
    jobs: dict[int, frozenset[str]]


def estate_plan(spec: EstateSpec) -> Estate:
    """Cut the estate into slices as the planner does: call cycles condensed,
    a copybook copied by more than one slice made a record slice."""
    calls = nx.DiGraph()
    calls.add_nodes_from(p.name for p in spec.programs)
    for program in spec.programs:
        for call in program.calls:
            if call.callee:
                calls.add_edge(program.name, call.callee)
    slice_of: dict[str, str] = {}
    groups: dict[str, list[ProgramSpec]] = {}
    by_name = {p.name: p for p in spec.programs}
    for component in nx.strongly_connected_components(calls):
        names = sorted(component)
        sid = (
            names[0].lower() if len(names) == 1 else "cycle-" + "-".join(names).lower()
        )
        groups[sid] = [by_name[n] for n in names]
        slice_of.update({name: sid for name in names})
    books = {book.name: book for book in spec.copybooks}
    copied = _copied_books(spec, books)
    users: dict[str, set[str]] = {}
    for program in spec.programs:
        for book in copied[program.name]:
            users.setdefault(book, set()).add(slice_of[program.name])
    records = {book for book, slices in users.items() if len(slices) > 1}
    graph = nx.DiGraph()
    graph.add_node(RUNTIME_SLICE)
    graph.add_nodes_from(groups)
    graph.add_nodes_from(f"rec-{b.lower()}" for b in records)
    for source, target in calls.edges:
        if slice_of[source] != slice_of[target]:
            graph.add_edge(slice_of[source], slice_of[target])
    for program in spec.programs:
        for book in copied[program.name] & records:
            graph.add_edge(slice_of[program.name], f"rec-{book.lower()}")
    for book in records:
        for nested in books[book].nested:
            if nested in records:
                graph.add_edge(f"rec-{book.lower()}", f"rec-{nested.lower()}")
    for node in list(graph):
        if node != RUNTIME_SLICE and graph.out_degree(node) == 0:
            graph.add_edge(node, RUNTIME_SLICE)
    sizes = _slice_sizes(groups, copied, records, books)
    return Estate(_plan(graph, groups, sizes), _jobs(spec, calls, slice_of))


def _copied_books(
    spec: EstateSpec, books: Mapping[str, CopybookSpec]
) -> dict[str, set[str]]:
    """Map each program to every copybook it copies, nested ones included."""
    result: dict[str, set[str]] = {}
    for program in spec.programs:
        found: set[str] = set()
        pending = [use.copybook for use in program.copies]
        while pending:
            name = pending.pop()
            if name in books and name not in found:
                found.add(name)
                pending.extend(books[name].nested)
        result[program.name] = found
    return result


def _book_lines(book: CopybookSpec) -> int:
    return book.fields + 2


def _slice_sizes(
    groups: Mapping[str, list[ProgramSpec]],
    copied: Mapping[str, set[str]],
    records: set[str],
    books: Mapping[str, CopybookSpec],
) -> dict[str, int]:
    sizes = {RUNTIME_SLICE: 0}
    for sid, programs in groups.items():
        owned = {b for p in programs for b in copied[p.name]} - records
        sizes[sid] = sum(p.size for p in programs) + sum(
            _book_lines(books[b]) for b in owned
        )
    for book in records:
        sizes[f"rec-{book.lower()}"] = _book_lines(books[book])
    return sizes


def _plan(
    graph: nx.DiGraph, groups: Mapping[str, list[ProgramSpec]], sizes: dict[str, int]
) -> Plan:
    levels: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        levels[node] = 1 + max((levels[d] for d in graph.successors(node)), default=-1)
    order = list(nx.lexicographical_topological_sort(graph.reverse(copy=False)))
    slices = []
    for sid in order:
        if sid == RUNTIME_SLICE:
            kind = SliceKind.RUNTIME
        elif sid.startswith("rec-"):
            kind = SliceKind.RECORD
        else:
            kind = SliceKind.PROGRAM
        programs = tuple(p.name for p in groups.get(sid, ()))
        deps = tuple(sorted(graph.successors(sid)))
        slices.append(Slice(sid, kind, programs, (), (), deps, sizes[sid], levels[sid]))
    by_level: dict[int, list[str]] = {}
    for item in slices:
        by_level.setdefault(item.level, []).append(item.id)
    return Plan(
        root="synthetic",
        nodes=(),
        edges=(),
        slices=tuple(slices),
        critical_path=tuple(critical_path(slices)),
        levels=tuple(tuple(by_level[level]) for level in sorted(by_level)),
        jobs=(),
    )


def _jobs(
    spec: EstateSpec, calls: nx.DiGraph, slice_of: Mapping[str, str]
) -> dict[int, frozenset[str]]:
    jobs = {}
    for index, job in enumerate(spec.jobs):
        programs: set[str] = set()
        for step in job.steps:
            programs |= {step.program} | nx.descendants(calls, step.program)
        jobs[index] = frozenset(slice_of[p] for p in programs)
    return jobs


class Durations:
    """Each task's time on the virtual clock, drawn once per slice."""

    def __init__(self, estate: Estate, policy: ContractPolicy, seed: int) -> None:
        rng = random.Random(f"durations:{seed}")
        self.convert: dict[str, float] = {}
        self.compile: dict[str, float] = {}
        for item in estate.plan.slices:
            factor = math.exp(rng.gauss(0.0, CONVERT_SPREAD))
            self.convert[item.id] = (
                REQUEST_SECONDS + item.size / LINES_PER_SECOND
            ) * factor
            self.compile[item.id] = (
                COMPILE_SECONDS + item.size / COMPILE_LINES_PER_SECOND
            )
        self.convert[RUNTIME_SLICE] = 0.0
        self.compile[RUNTIME_SLICE] = RUNTIME_SECONDS
        # Both schedules run each job once, in the check of its owner: the
        # last of its slices in plan order.
        self.jobs = {
            sid: JOB_SECONDS * len(indexes) for sid, indexes in policy.owned.items()
        }

    def of(self, task: Task) -> float:
        """Return the time of one task."""
        sid = task.slice_id
        if task.stage is Stage.CONVERT:
            return self.convert[sid] + self.compile[sid]
        if task.stage is Stage.CHECK:
            return self.compile[sid] + self.jobs.get(sid, 0.0)
        return self.convert[sid] + self.compile[sid] + self.jobs.get(sid, 0.0)


class WavePolicy(Policy):
    """A level-by-level scheduler. Every slice of one level is verified
    before any slice of the next level starts, and in a level the largest
    slices go first."""

    def __init__(self, plan: Plan) -> None:
        super().__init__(plan, {item.id: item.size for item in plan.slices}, {})
        self.levels = [list(level) for level in plan.levels]
        self.level_of = {item.id: item.level for item in plan.slices}
        self.wave = 0
        self.left = len(self.levels[0]) if self.levels else 0

    def _task_if_ready(self, sid: str) -> Task | None:
        if self.level_of[sid] != self.wave:
            return None
        return super()._task_if_ready(sid)

    def _passed(self, task: Task) -> Changes:
        changes = super()._passed(task)
        self.left -= 1
        if self.left or self.wave + 1 >= len(self.levels):
            return changes
        self.wave += 1
        self.left = len(self.levels[self.wave])
        ready = [
            ready
            for sid in self.levels[self.wave]
            if (ready := self._task_if_ready(sid)) is not None
        ]
        return Changes(ready=self._sorted(ready))


def simulate(
    policy: Policy, duration: Callable[[Task], float], agents: int
) -> tuple[float, float]:
    """Run ``policy`` on ``agents`` agents of the virtual clock; return the
    makespan and the total work."""
    ready: list[tuple[tuple[int, int, str], int, Task]] = []
    counter = itertools.count()

    def add(changes: Changes) -> None:
        for task in changes.ready:
            heapq.heappush(ready, (policy.key(task), next(counter), task))

    add(policy.start())
    running: list[tuple[float, int, Task]] = []
    now = work = 0.0
    while ready or running:
        while ready and len(running) < agents:
            task = heapq.heappop(ready)[2]
            seconds = duration(task)
            work += seconds
            heapq.heappush(running, (now + seconds, next(counter), task))
        now, _, task = heapq.heappop(running)
        add(policy.complete(task, Outcome.PASSED))
    return now, work


@dataclass(frozen=True)
class Row:
    """One agent count: each policy's makespan and its ratio to its bound."""

    agents: int
    makespans: dict[str, float]
    bounds: dict[str, float]

    def ratio(self, name: str) -> float:
        return self.makespans[name] / self.bounds[name]


POLICIES = ("topological", "wave", "contract")


def make_policy(name: str, estate: Estate) -> Policy:
    """Build a fresh policy of each kind the benchmark compares."""
    plan = estate.plan
    if name == "topological":
        return Policy(plan, remaining_path_lengths(plan), estate.jobs)
    if name == "wave":
        return WavePolicy(plan)
    return ContractPolicy(plan, contract_remaining_path_lengths(plan), estate.jobs)


def measure(estate: Estate, seed: int) -> tuple[list[Row], dict[str, float]]:
    """Simulate every policy at every agent count; also return each
    policy's critical path in seconds."""
    owners = ContractPolicy(estate.plan, {}, estate.jobs)
    durations = Durations(estate, owners, seed)
    unlimited = len(estate.plan.slices) * 2
    paths: dict[str, float] = {}
    works: dict[str, float] = {}
    for name in POLICIES:
        paths[name], works[name] = simulate(
            make_policy(name, estate), durations.of, unlimited
        )
    # The wave scheduler runs the same tasks as the topological policy, so
    # it has the same lower bound.
    paths["wave"] = paths["topological"]
    rows = []
    for agents in AGENT_COUNTS:
        makespans = {
            name: simulate(make_policy(name, estate), durations.of, agents)[0]
            for name in POLICIES
        }
        bounds = {name: max(paths[name], works[name] / agents) for name in POLICIES}
        rows.append(Row(agents, makespans, bounds))
    return rows, paths


def level_facts(estate: Estate) -> str:
    """Describe how uneven the plan's levels are."""
    sizes = {item.id: item.size for item in estate.plan.slices}
    widths = [len(level) for level in estate.plan.levels]
    tallest = [max(sizes[s] for s in level) for level in estate.plan.levels]
    return (
        f"{len(widths)} levels, widths {min(widths)}..{max(widths)}, "
        f"largest slice per level {min(tallest)}..{max(tallest)} lines"
    )


def report(rows: list[Row], paths: dict[str, float]) -> str:
    """Render the table of one estate."""
    lines = [
        "| agents | topological | wave | contract | topological makespan | "
        "contract makespan | contract / topological |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        span = row.makespans
        lines.append(
            f"| {row.agents} | {row.ratio('topological'):.3f} | "
            f"{row.ratio('wave'):.3f} | {row.ratio('contract'):.3f} | "
            f"{span['topological'] / 3600:.2f} h | {span['contract'] / 3600:.2f} h | "
            f"{span['contract'] / span['topological']:.3f} |"
        )
    lines.append(
        f"critical paths: topological {paths['topological'] / 3600:.2f} h, "
        f"contract {paths['contract'] / 3600:.2f} h"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=3000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    args = parser.parse_args(argv)
    results = []
    for seed in args.seeds:
        spec = design_estate(random.Random(seed), args.programs)
        estate = estate_plan(spec)
        rows, paths = measure(estate, seed)
        results.append((seed, estate, rows, paths))
    if args.json:
        document = [
            {
                "seed": seed,
                "slices": len(estate.plan.slices),
                "critical_path_seconds": paths,
                "rows": [
                    {
                        "agents": row.agents,
                        "makespan_seconds": row.makespans,
                        "lower_bound_seconds": row.bounds,
                        "ratio": {name: row.ratio(name) for name in POLICIES},
                    }
                    for row in rows
                ],
            }
            for seed, estate, rows, paths in results
        ]
        sys.stdout.write(json.dumps(document, indent=1) + "\n")
        return 0
    for seed, estate, rows, paths in results:
        kinds = [item.kind for item in estate.plan.slices]
        sys.stdout.write(
            f"seed {seed}: {args.programs} programs, {len(kinds)} slices "
            f"({kinds.count(SliceKind.PROGRAM)} program, "
            f"{kinds.count(SliceKind.RECORD)} record), {len(estate.jobs)} jobs; "
            f"{level_facts(estate)}\n"
            "makespan / max(critical path, work / agents):\n"
            f"{report(rows, paths)}\n\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
