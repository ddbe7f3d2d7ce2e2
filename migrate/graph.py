"""The estate's dependency graph: a networkx ``MultiDiGraph`` whose nodes are
programs, copybooks, datasets, jobs and external programs, and whose edges
are ``call``, ``copy``, ``reads``, ``writes`` and ``runs``, each with its
original source position."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import networkx as nx

from migrate.discover import Estate, read_source
from migrate.errors import InputError
from migrate.model import (
    CallKind,
    Diagnostic,
    Edge,
    EdgeKind,
    ExpandedSource,
    Job,
    MemberKind,
    NodeKind,
    node_id,
)
from migrate.parse.batch import ParsedMember, parse_members
from migrate.parse.cobol import CallSite, ProgramModel
from migrate.parse.jcl import parse_jcl
from migrate.preprocess import Preprocessor

logger = logging.getLogger(__name__)


@dataclass
class EstateModel:
    """Everything the parse stage learned about an estate."""

    estate: Estate
    programs: dict[str, ProgramModel] = field(default_factory=dict)
    sources: dict[str, ExpandedSource] = field(default_factory=dict)
    jobs: list[Job] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    nodes: dict[str, NodeKind] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unresolved: list[CallSite] = field(default_factory=list)
    # Copybook name to the names of the programs whose expansion holds it.
    copybook_users: dict[str, set[str]] = field(default_factory=dict)
    copybook_members: dict[str, str] = field(default_factory=dict)
    # (source, target, position) of the copy edges added, because the COPY
    # inside a shared copybook is found once per program that copies it.
    copy_sites: set[tuple[str, str, object]] = field(default_factory=set)

    def graph(self) -> nx.MultiDiGraph:
        """The graph as networkx, nodes with a ``kind``, edges with ``kind``,
        ``member`` and ``line``."""
        graph = nx.MultiDiGraph()
        for node, kind in self.nodes.items():
            graph.add_node(node, kind=kind.value)
        for edge in self.edges:
            graph.add_edge(
                edge.source,
                edge.target,
                kind=edge.kind.value,
                member=edge.pos.member,
                line=edge.pos.line,
                **dict(edge.attrs),
            )
        return graph


def build_model(estate: Estate) -> EstateModel:
    """Preprocess and parse every member, and collect the edges."""
    model = EstateModel(estate, diagnostics=list(estate.diagnostics))
    preprocessor = Preprocessor(estate)
    for member in estate.of_kind(MemberKind.COPYBOOK):
        model.nodes[node_id(NodeKind.COPYBOOK, member.name)] = NodeKind.COPYBOOK
        model.copybook_members.setdefault(member.name, member.relpath)
    relpaths = [member.relpath for member in estate.of_kind(MemberKind.PROGRAM)]
    for parsed in parse_members(estate, relpaths):
        _add_program_member(model, preprocessor, parsed)
    for member in estate.of_kind(MemberKind.JCL):
        _add_jcl_member(model, member.relpath)
    _add_call_edges(model)
    _add_job_edges(model)
    return model


def _add_program_member(
    model: EstateModel, preprocessor: Preprocessor, parsed: ParsedMember
) -> None:
    model.diagnostics.extend(parsed.diagnostics)
    source = parsed.source
    if source is None or not parsed.programs:
        return
    outer = parsed.programs[0].name
    for program in parsed.programs:
        if program.name in model.programs:
            other = model.programs[program.name].member
            model.diagnostics.append(
                Diagnostic(
                    program.pos,
                    f"program {program.name} is also defined in {other}; "
                    "the first definition is used",
                    "error",
                )
            )
            continue
        model.programs[program.name] = program
        model.nodes[node_id(NodeKind.PROGRAM, program.name)] = NodeKind.PROGRAM
        model.diagnostics.extend(program.diagnostics)
    model.sources[source.member] = source
    _add_copy_edges(model, preprocessor, source, outer)


def _add_copy_edges(
    model: EstateModel, preprocessor: Preprocessor, source: ExpandedSource, program: str
) -> None:
    for ref in source.copies:
        member = preprocessor.find_copybook(ref.copybook)
        name = member.name if member is not None else ref.copybook
        if ref.includer == source.member:
            includer = node_id(NodeKind.PROGRAM, program)
        else:
            includer = node_id(NodeKind.COPYBOOK, model.estate.member(ref.includer).name)
        target = node_id(NodeKind.COPYBOOK, name)
        model.nodes.setdefault(target, NodeKind.COPYBOOK)
        model.copybook_users.setdefault(name, set()).add(program)
        if (includer, target, ref.pos) not in model.copy_sites:
            model.copy_sites.add((includer, target, ref.pos))
            model.edges.append(Edge(includer, target, EdgeKind.COPY, ref.pos))


def _add_jcl_member(model: EstateModel, relpath: str) -> None:
    member = model.estate.member(relpath)
    try:
        jobs = parse_jcl(read_source(member.path, relpath).text, relpath)
    except InputError as error:
        model.diagnostics.append(Diagnostic(error.pos, error.message, "error"))
        return
    model.jobs.extend(jobs)


def _entry_owners(model: EstateModel) -> dict[str, str]:
    owners = {}
    for program in model.programs.values():
        for entry in program.entries:
            owners.setdefault(entry, program.name)
    return owners


def _add_call_edges(model: EstateModel) -> None:
    entries = _entry_owners(model)
    for program in model.programs.values():
        source = node_id(NodeKind.PROGRAM, program.name)
        for site in program.calls:
            if site.kind is CallKind.UNRESOLVED:
                model.unresolved.append(site)
                continue
            for target in site.targets:
                name = target if target in model.programs else entries.get(target, target)
                kind = NodeKind.PROGRAM if name in model.programs else NodeKind.EXTERNAL
                target_id = node_id(kind, name)
                model.nodes.setdefault(target_id, kind)
                attrs = [("call", site.kind.value), ("resolution", site.resolution)]
                if site.via:
                    attrs.append(("via", site.via))
                if name != target:
                    attrs.append(("entry", target))
                model.edges.append(
                    Edge(source, target_id, EdgeKind.CALL, site.pos, tuple(attrs))
                )


def _add_job_edges(model: EstateModel) -> None:
    for job in model.jobs:
        job_id = node_id(NodeKind.JOB, job.name)
        model.nodes[job_id] = NodeKind.JOB
        for step in job.steps:
            kind = NodeKind.PROGRAM if step.program in model.programs else NodeKind.EXTERNAL
            program_id = node_id(kind, step.program)
            model.nodes.setdefault(program_id, kind)
            model.edges.append(
                Edge(job_id, program_id, EdgeKind.RUNS, step.pos, (("step", step.name),))
            )
            for dd in step.dds:
                if not dd.dsn:
                    continue
                dataset = node_id(NodeKind.DATASET, dd.dsn)
                model.nodes.setdefault(dataset, NodeKind.DATASET)
                kind_of_use = EdgeKind.WRITES if dd.writes else EdgeKind.READS
                attrs = (("job", job.name), ("step", step.name), ("dd", dd.ddname))
                model.edges.append(Edge(program_id, dataset, kind_of_use, dd.pos, attrs))
