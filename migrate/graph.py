"""The estate's dependency graph: a networkx ``MultiDiGraph`` whose nodes are
programs, copybooks, datasets, tables, segments, jobs, transactions and
external programs, and whose edges are ``call``, ``copy``, ``contains``,
``reads``, ``writes``, ``starts``, ``runs`` and ``dataflow``, each with its
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
from migrate.parse.jobflow import job_edges
from migrate.preprocess import Preprocessor

logger = logging.getLogger(__name__)

# Programs that IBM middleware and Language Environment supply, by the
# service they belong to; a CALL to one is an edge to an external node.
_MQ_CALLS = frozenset(
    [
        "MQBACK",
        "MQBEGIN",
        "MQBUFMH",
        "MQCB",
        "MQCLOSE",
        "MQCMIT",
        "MQCONN",
        "MQCONNX",
        "MQCRTMH",
        "MQCTL",
        "MQDISC",
        "MQDLTMH",
        "MQDLTMP",
        "MQGET",
        "MQINQ",
        "MQINQMP",
        "MQMHBUF",
        "MQOPEN",
        "MQPUT",
        "MQPUT1",
        "MQSET",
        "MQSETMP",
        "MQSTAT",
        "MQSUB",
        "MQSUBRQ",
    ]
)
_DLI_CALLS = frozenset({"CBLTDLI", "AIBTDLI", "CEETDLI", "PLITDLI"})
_DB2_CALLS = frozenset({"DSNTIAR", "DSNTIAC", "DSNALI", "DSNRLI", "DSNHLI", "DSNELI"})


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
    # (calling program, site) of each CALL whose target is unknown.
    unresolved: list[tuple[str, CallSite]] = field(default_factory=list)
    # Copybook name to the names of the programs whose expansion holds it.
    copybook_users: dict[str, set[str]] = field(default_factory=dict)
    copybook_members: dict[str, str] = field(default_factory=dict)
    # (source, target, position) of the copy edges added, because the COPY
    # inside a shared copybook is found once per program that copies it.
    copy_sites: set[tuple[str, str, object]] = field(default_factory=set)
    # Program members as parsed, in estate order, before variants are chosen.
    parsed: list[ParsedMember] = field(default_factory=list)

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
    _add_programs(model, preprocessor)
    for member in estate.of_kind(MemberKind.JCL):
        _add_jcl_member(model, member.relpath)
    _add_call_edges(model)
    _add_resource_edges(model)
    _add_job_edges(model)
    return model


def _add_program_member(
    model: EstateModel, preprocessor: Preprocessor, parsed: ParsedMember
) -> None:
    """Keep one parsed member; :func:`_add_programs` adds them all once
    every member is parsed, because a variant chosen in the configuration
    may come after the one it replaces."""
    model.diagnostics.extend(parsed.diagnostics)
    model.parsed.append(parsed)


def _add_programs(model: EstateModel, preprocessor: Preprocessor) -> None:
    skipped = _variant_choices(model)
    for parsed in model.parsed:
        source = parsed.source
        kept = [p for p in parsed.programs if (p.name, parsed.relpath) not in skipped]
        if source is None or not kept:
            continue
        for program in kept:
            model.programs[program.name] = program
            model.nodes[node_id(NodeKind.PROGRAM, program.name)] = NodeKind.PROGRAM
            model.diagnostics.extend(program.diagnostics)
            if program.parent:
                parent = node_id(NodeKind.PROGRAM, program.parent)
                child = node_id(NodeKind.PROGRAM, program.name)
                model.edges.append(Edge(parent, child, EdgeKind.CONTAINS, program.pos))
        model.sources[source.member] = source
        _add_copy_edges(model, preprocessor, source, kept[0].name)


def _variant_choices(model: EstateModel) -> set[tuple[str, str]]:
    """(program, member) pairs to leave out: every definition of a program
    defined in more than one member, but the chosen one."""
    chosen = dict(model.estate.config.variants)
    definitions: dict[str, list[ProgramModel]] = {}
    for parsed in model.parsed:
        for program in parsed.programs:
            definitions.setdefault(program.name, []).append(program)
    skipped: set[tuple[str, str]] = set()
    for name, programs in definitions.items():
        members = list(dict.fromkeys(p.member for p in programs))
        if len(members) < 2 and name not in chosen:
            continue
        keep = chosen.get(name, "")
        if keep and keep not in members:
            model.diagnostics.append(
                Diagnostic(
                    programs[0].pos,
                    f"the variants setting chooses {keep} for program {name}, "
                    f"which is defined in {', '.join(members)}",
                    "error",
                )
            )
            keep = ""
        if len(members) < 2:
            continue
        if not keep:
            keep = members[0]
            model.diagnostics.append(
                Diagnostic(
                    next(p.pos for p in programs if p.member != keep),
                    f"program {name} is defined in {' and '.join(members)}; "
                    f"{keep} is planned. Choose one with [variants] "
                    f'{name} = "{members[-1]}" in migrate.toml',
                    "error",
                )
            )
        skipped.update((name, member) for member in members if member != keep)
    return skipped


def _add_copy_edges(
    model: EstateModel, preprocessor: Preprocessor, source: ExpandedSource, program: str
) -> None:
    for ref in source.copies:
        member = preprocessor.find_copybook(ref.copybook)
        name = member.name if member is not None else ref.copybook
        if ref.includer == source.member:
            includer = node_id(NodeKind.PROGRAM, program)
        else:
            includer = node_id(
                NodeKind.COPYBOOK, model.estate.member(ref.includer).name
            )
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
    owners: dict[str, str] = {}
    for program in model.programs.values():
        for entry in program.entries:
            owners.setdefault(entry, program.name)
    return owners


def _add_call_edges(model: EstateModel) -> None:
    entries = _entry_owners(model)
    for program in model.programs.values():
        for site in program.calls:
            if site.kind is CallKind.UNRESOLVED:
                model.unresolved.append((program.name, site))
                continue
            for target in site.targets:
                edge = _call_edge(model, program, site, target, entries)
                if edge.target not in model.nodes:
                    model.nodes[edge.target] = _kind_of(edge.target)
                model.edges.append(edge)
        _check_nested_calls(model, program)


def _call_edge(
    model: EstateModel,
    program: ProgramModel,
    site: CallSite,
    target: str,
    entries: dict[str, str],
) -> Edge:
    name = target if target in model.programs else entries.get(target, target)
    attrs = [("call", site.kind.value), ("resolution", site.resolution)]
    if site.via:
        attrs.append(("via", site.via))
    if site.command:
        attrs.append(("command", site.command))
    if name != target:
        attrs.append(("entry", target))
    callee = model.programs.get(name)
    if callee is None:
        service = _service(name)
        if service:
            attrs.append(("service", service))
        return Edge(
            node_id(NodeKind.PROGRAM, program.name),
            node_id(NodeKind.EXTERNAL, name),
            EdgeKind.CALL,
            site.pos,
            tuple(attrs),
        )
    if (
        _outermost(model, callee) == _outermost(model, program)
        and callee.member == program.member
    ):
        attrs.append(("scope", "internal"))
    return Edge(
        node_id(NodeKind.PROGRAM, program.name),
        node_id(NodeKind.PROGRAM, name),
        EdgeKind.CALL,
        site.pos,
        tuple(attrs),
    )


def _service(name: str) -> str:
    """The supplier of a program the estate does not define: ``mq`` (IBM
    MQ), ``le`` (Language Environment), ``dli`` (IMS) or ``db2``."""
    if name in _MQ_CALLS:
        return "mq"
    if name.startswith("CEE") and name != "CEETDLI":
        return "le"
    if name in _DLI_CALLS:
        return "dli"
    if name in _DB2_CALLS:
        return "db2"
    return ""


def _outermost(model: EstateModel, program: ProgramModel) -> str:
    seen = {program.name}
    while program.parent and program.parent in model.programs:
        program = model.programs[program.parent]
        if program.name in seen:
            break
        seen.add(program.name)
    return program.name


def _ancestors(model: EstateModel, program: ProgramModel) -> list[str]:
    names = []
    while program.parent and program.parent not in names:
        names.append(program.parent)
        if program.parent not in model.programs:
            break
        program = model.programs[program.parent]
    return names


def _check_nested_calls(model: EstateModel, program: ProgramModel) -> None:
    """Warn about a CALL to a nested program that COBOL's scope rules hide
    from the caller: only its parent, and programs its parent contains when
    it IS COMMON, may call it."""
    ancestors = _ancestors(model, program)
    for site in program.calls:
        for target in site.targets:
            callee = model.programs.get(target)
            if callee is None or not callee.parent or callee.member != program.member:
                continue
            if callee.parent == program.name:
                continue
            if callee.common and callee.parent in ancestors:
                continue
            model.diagnostics.append(
                Diagnostic(
                    site.pos,
                    f"{program.name} calls {target}, a program nested in "
                    f"{callee.parent} that it cannot see: only {callee.parent}, "
                    "or its other nested programs when it IS COMMON, may call it",
                )
            )


def _add_resource_edges(model: EstateModel) -> None:
    for program in model.programs.values():
        source = node_id(NodeKind.PROGRAM, program.name)
        for use in program.resources:
            if not use.names:
                model.unresolved.append(
                    (
                        program.name,
                        CallSite(
                            CallKind.UNRESOLVED,
                            (),
                            use.pos,
                            use.via,
                            "unresolved",
                            use.verb,
                        ),
                    )
                )
                continue
            attrs = [("interface", use.interface), ("verb", use.verb)]
            if use.via:
                attrs += [("via", use.via), ("resolution", use.resolution)]
            for name in use.names:
                target = node_id(use.kind, name)
                model.nodes.setdefault(target, use.kind)
                model.edges.append(
                    Edge(source, target, use.access, use.pos, tuple(attrs))
                )


def _kind_of(node: str) -> NodeKind:
    return NodeKind(node.split(":", 1)[0])


def _add_job_edges(model: EstateModel) -> None:
    for job in model.jobs:
        model.nodes[node_id(NodeKind.JOB, job.name)] = NodeKind.JOB
    for edge in job_edges(model.jobs, model.programs.keys()):
        for node in (edge.source, edge.target):
            if node not in model.nodes:
                model.nodes[node] = _kind_of(node)
        model.edges.append(edge)
