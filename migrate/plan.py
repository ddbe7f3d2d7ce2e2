"""The plan: condense the call graph's cycles and cut the estate into slices.

A slice is one program, or one cycle of programs, with the copybooks only it
uses, its nested programs, and the test drivers that exercise only it. A
copybook copied by programs of more than one slice becomes a record slice of
its own. Every slice builds on the ``runtime`` slice.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass

import networkx as nx

from migrate.discover import Estate
from migrate.graph import EstateModel, build_model
from migrate.model import (
    CallKind,
    Diagnostic,
    EdgeKind,
    NodeKind,
    Plan,
    Slice,
    SliceKind,
    UnresolvedCall,
    node_id,
)
from migrate.planjson import load_plan, plan_to_json, save_plan

RUNTIME_SLICE = "runtime"


@dataclass
class _Group:
    """Programs that land in one slice."""

    programs: set[str]
    drivers: set[str]


def build_plan(estate: Estate) -> Plan:
    """Parse the estate and cut it into slices."""
    return plan_from_model(build_model(estate))


def plan_from_model(model: EstateModel) -> Plan:
    groups = _program_groups(model)
    slice_of_program = {
        p: gid for gid, g in groups.items() for p in g.programs | g.drivers
    }
    owned, records = _copybook_owners(model, slice_of_program)
    slice_graph = _slice_graph(model, groups, slice_of_program, records)
    slices = _make_slices(model, groups, owned, records, slice_graph)
    order = list(nx.lexicographical_topological_sort(slice_graph.reverse(copy=False)))
    ordered = [slices[sid] for sid in order]
    unresolved = tuple(
        UnresolvedCall(program, site.via, site.pos)
        for program, site in model.unresolved
    )
    diagnostics = list(model.diagnostics) + [
        Diagnostic(
            site.pos,
            f"{site.command or 'CALL'} through {site.via} in {program} could not "
            "be resolved to a program name",
        )
        for program, site in model.unresolved
    ]
    return Plan(
        root=str(model.estate.root),
        nodes=tuple(sorted(model.nodes.items())),
        edges=tuple(model.edges),
        slices=tuple(ordered),
        critical_path=tuple(critical_path(ordered)),
        contract_critical_path=tuple(contract_critical_path(ordered)),
        levels=tuple(_levels(ordered)),
        jobs=tuple(model.jobs),
        diagnostics=tuple(diagnostics),
        unresolved=unresolved,
        hashes=tuple(_hashes(model.estate)),
    )


def _calls(model: EstateModel) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(model.programs)
    for edge in model.edges:
        if edge.kind is EdgeKind.CALL and edge.target.startswith("program:"):
            graph.add_edge(edge.source.split(":", 1)[1], edge.target.split(":", 1)[1])
    return graph


def _test_drivers(model: EstateModel, calls: nx.DiGraph) -> set[str]:
    """Programs that only test jobs run, that nothing calls."""
    production = {s.program for j in model.jobs if not j.is_test for s in j.steps}
    tested = {s.program for j in model.jobs if j.is_test for s in j.steps}
    return {
        name
        for name in tested - production
        if name in calls and calls.in_degree(name) == 0 and calls.out_degree(name) > 0
    }


def _program_groups(model: EstateModel) -> dict[str, _Group]:
    calls = _calls(model)
    drivers = _test_drivers(model, calls)
    merged = nx.DiGraph()
    for name in calls:
        if name not in drivers:
            merged.add_node(name)
    for source, target in calls.edges:
        if source not in drivers:
            merged.add_edge(source, target)
    first_in_member: dict[str, str] = {}
    for program in model.programs.values():
        if program.name in drivers:
            continue
        # Programs of one member, nested or one after the other, share a
        # slice, because the member is converted and reviewed as a whole.
        first = first_in_member.setdefault(program.member, program.name)
        if first != program.name:
            merged.add_edge(first, program.name)
            merged.add_edge(program.name, first)
    groups: dict[str, _Group] = {}
    group_of: dict[str, str] = {}
    for component in nx.strongly_connected_components(merged):
        gid = _group_id(model, component)
        groups[gid] = _Group(set(component), set())
        group_of.update({name: gid for name in component})
    for driver in sorted(drivers):
        targets = {group_of[t] for t in calls.successors(driver) if t in group_of}
        if len(targets) == 1:
            groups[targets.pop()].drivers.add(driver)
        else:
            groups[_safe(driver)] = _Group({driver}, set())
    return groups


def _group_id(model: EstateModel, component: set[str]) -> str:
    programs = [model.programs[name] for name in component if name in model.programs]
    if len(programs) == 1 or len({p.member for p in programs}) == 1:
        first = min(programs, key=lambda p: p.pos.line)
        return _safe(first.name)
    return "cycle-" + "-".join(_safe(name) for name in sorted(component))


def _safe(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "_", name.lower())


def _copybook_owners(
    model: EstateModel, slice_of_program: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Map each copybook to the one slice that uses it, or to a record
    slice id when several slices use it."""
    owned: dict[str, str] = {}
    records: dict[str, str] = {}
    for name, users in sorted(model.copybook_users.items()):
        slices = {slice_of_program[u] for u in users if u in slice_of_program}
        if len(slices) == 1:
            owned[name] = slices.pop()
        elif slices:
            records[name] = "rec-" + _safe(name)
    return owned, records


def _slice_graph(
    model: EstateModel,
    groups: dict[str, _Group],
    slice_of_program: dict[str, str],
    records: dict[str, str],
) -> nx.DiGraph:
    """Slices as nodes, an edge from each slice to a slice it depends on."""
    graph = nx.DiGraph()
    graph.add_node(RUNTIME_SLICE)
    graph.add_nodes_from(groups)
    graph.add_nodes_from(records.values())
    for edge in model.edges:
        source = _slice_of_node(edge.source, slice_of_program, records)
        target = _slice_of_node(edge.target, slice_of_program, records)
        linked = edge.kind in (EdgeKind.CALL, EdgeKind.COPY) and source and target
        if linked and source != target:
            graph.add_edge(source, target)
    for name, users in model.copybook_users.items():
        if name in records:
            for user in users:
                if user in slice_of_program:
                    graph.add_edge(slice_of_program[user], records[name])
    for node in list(graph):
        if node != RUNTIME_SLICE and graph.out_degree(node) == 0:
            graph.add_edge(node, RUNTIME_SLICE)
    return graph


def _slice_of_node(
    node: str, slice_of_program: dict[str, str], records: dict[str, str]
) -> str:
    kind, _, name = node.partition(":")
    if kind == NodeKind.PROGRAM.value:
        return slice_of_program.get(name, "")
    if kind == NodeKind.COPYBOOK.value:
        return records.get(name, "")
    return ""


def _make_slices(
    model: EstateModel,
    groups: dict[str, _Group],
    owned: dict[str, str],
    records: dict[str, str],
    graph: nx.DiGraph,
) -> dict[str, Slice]:
    sizes = _member_sizes(model)
    levels = _level_numbers(graph)
    slices: dict[str, Slice] = {
        RUNTIME_SLICE: Slice(RUNTIME_SLICE, SliceKind.RUNTIME, (), (), (), (), 0, 0)
    }
    for gid, group in groups.items():
        programs = tuple(sorted(group.programs | group.drivers))
        copybooks = tuple(sorted(c for c, owner in owned.items() if owner == gid))
        members = tuple(
            dict.fromkeys(
                [model.programs[p].member for p in programs]
                + [
                    model.copybook_members[c]
                    for c in copybooks
                    if c in model.copybook_members
                ]
            )
        )
        slices[gid] = Slice(
            gid,
            SliceKind.PROGRAM,
            programs,
            copybooks,
            members,
            tuple(sorted(graph.successors(gid))),
            sum(sizes.get(m, 0) for m in members),
            levels[gid],
        )
    for name, sid in records.items():
        member = model.copybook_members.get(name, "")
        slices[sid] = Slice(
            sid,
            SliceKind.RECORD,
            (),
            (name,),
            (member,) if member else (),
            tuple(sorted(graph.successors(sid))),
            sizes.get(member, 0),
            levels[sid],
        )
    return slices


def _member_sizes(model: EstateModel) -> dict[str, int]:
    sizes = {}
    for member in model.estate.members:
        try:
            sizes[member.relpath] = member.path.read_bytes().count(b"\n")
        except OSError:
            sizes[member.relpath] = 0
    return sizes


def _level_numbers(graph: nx.DiGraph) -> dict[str, int]:
    levels: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        deps = list(graph.successors(node))
        levels[node] = 1 + max((levels[d] for d in deps), default=-1)
    return levels


def _levels(slices: list[Slice]) -> list[tuple[str, ...]]:
    by_level: dict[int, list[str]] = {}
    for item in slices:
        by_level.setdefault(item.level, []).append(item.id)
    return [tuple(sorted(by_level[level])) for level in sorted(by_level)]


def critical_path(slices: list[Slice]) -> list[str]:
    """The dependency chain with the largest total size, first slice first.

    ``slices`` must be in topological order (dependencies first)."""
    best: dict[str, tuple[int, str | None]] = {}
    for item in slices:
        previous = max(
            ((best[d][0], d) for d in item.depends_on if d in best), default=(0, None)
        )
        best[item.id] = (previous[0] + max(item.size, 1), previous[1])
    if not best:
        return []
    node: str | None = max(best, key=lambda sid: (best[sid][0], sid))
    path = []
    while node is not None:
        path.append(node)
        node = best[node][1]
    return list(reversed(path))


def remaining_path_lengths(plan: Plan) -> dict[str, int]:
    """For each slice, the largest total size of it plus the slices that
    depend on it, transitively: the scheduler's priority."""
    dependents: dict[str, list[str]] = {s.id: [] for s in plan.slices}
    for item in plan.slices:
        for dep in item.depends_on:
            dependents.setdefault(dep, []).append(item.id)
    sizes = {s.id: max(s.size, 1) for s in plan.slices}
    length: dict[str, int] = {}
    for item in reversed(plan.slices):
        after = max((length[d] for d in dependents[item.id] if d in length), default=0)
        length[item.id] = sizes[item.id] + after
    return length


def contract_dependencies(item: Slice, kinds: dict[str, SliceKind]) -> tuple[str, ...]:
    """Return the dependencies that a contract-first run waits for before it
    converts ``item``: all of them for a record or the runtime slice, and
    only the record and runtime slices for a program slice.

    A program needs no more of a callee than its entry point, which follows
    from the callee's PROCEDURE DIVISION USING and is known at plan time.
    A program slice left with no dependency depends on the runtime slice,
    as every slice builds on it. ``kinds`` maps every slice id to its kind.
    """
    if item.kind is not SliceKind.PROGRAM:
        return item.depends_on
    kept = tuple(d for d in item.depends_on if kinds.get(d) is not SliceKind.PROGRAM)
    if kept or RUNTIME_SLICE not in kinds:
        return kept
    return (RUNTIME_SLICE,)


def _contract_slices(slices: list[Slice]) -> list[Slice]:
    kinds = {item.id: item.kind for item in slices}
    return [
        dataclasses.replace(item, depends_on=contract_dependencies(item, kinds))
        for item in slices
    ]


def contract_critical_path(slices: list[Slice]) -> list[str]:
    """Return the chain with the largest total size once program slices
    stop waiting for the program slices they call, first slice first.

    It is the runtime, the record slices a program uses and that program:
    the longest stretch of conversion a contract-first run cannot
    parallelise. ``slices`` must be in topological order.
    """
    return critical_path(_contract_slices(slices))


def contract_remaining_path_lengths(plan: Plan) -> dict[str, int]:
    """For each slice, the largest total size of it plus the slices whose
    conversion waits for it under contract-first, transitively: the
    priority of a contract-first run."""
    return remaining_path_lengths(
        dataclasses.replace(plan, slices=tuple(_contract_slices(list(plan.slices))))
    )


def _hashes(estate: Estate) -> list[tuple[str, str]]:
    return [
        (member.relpath, hashlib.sha256(member.path.read_bytes()).hexdigest())
        for member in estate.members
    ]


def call_kind_counts(plan: Plan) -> dict[str, int]:
    """How many call edges of each kind the plan holds."""
    counts = {kind.value: 0 for kind in CallKind}
    for edge in plan.edges:
        if edge.kind is EdgeKind.CALL:
            counts[edge.attr("call", "static")] += 1
    counts[CallKind.UNRESOLVED.value] = len(plan.unresolved)
    return counts


__all__ = [
    "RUNTIME_SLICE",
    "build_plan",
    "contract_critical_path",
    "contract_dependencies",
    "contract_remaining_path_lengths",
    "critical_path",
    "load_plan",
    "node_id",
    "plan_from_model",
    "plan_to_json",
    "remaining_path_lengths",
    "save_plan",
]
