"""Export the dependency graph as Graphviz DOT, Mermaid or GraphML."""

from __future__ import annotations

import io

import networkx as nx

from migrate.errors import UsageError
from migrate.model import Plan

FORMATS = ("dot", "mermaid", "graphml")


def plan_graph(plan: Plan) -> nx.MultiDiGraph:
    """The plan's nodes and edges as a networkx graph."""
    graph = nx.MultiDiGraph()
    for node, kind in plan.nodes:
        graph.add_node(node, kind=kind.value)
    for edge in plan.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            kind=edge.kind.value,
            member=edge.pos.member,
            line=edge.pos.line,
        )
    return graph


def export_graph(plan: Plan, fmt: str) -> str:
    """Render the plan's graph in ``fmt``: one of :data:`FORMATS`."""
    if fmt == "dot":
        return _dot(plan)
    if fmt == "mermaid":
        return _mermaid(plan)
    if fmt == "graphml":
        buffer = io.BytesIO()
        nx.write_graphml(plan_graph(plan), buffer)
        return buffer.getvalue().decode("utf-8")
    raise UsageError(
        f"unknown graph format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}"
    )


_DOT_SHAPES = {
    "program": "box",
    "copybook": "note",
    "dataset": "cylinder",
    "job": "folder",
    "external": "box3d",
    "transaction": "hexagon",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot(plan: Plan) -> str:
    lines = ["digraph estate {", "  rankdir=LR;"]
    for node, kind in plan.nodes:
        shape = _DOT_SHAPES.get(kind.value, "ellipse")
        lines.append(f"  {_quote(node)} [shape={shape}];")
    for edge in plan.edges:
        label = f"{edge.kind.value} {edge.pos}"
        lines.append(
            f"  {_quote(edge.source)} -> {_quote(edge.target)} [label={_quote(label)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid(plan: Plan) -> str:
    ids = {node: f"n{index}" for index, (node, _kind) in enumerate(plan.nodes)}
    lines = ["flowchart LR"]
    for node, _kind in plan.nodes:
        label = node.replace('"', "'")
        lines.append(f'  {ids[node]}["{label}"]')
    for edge in plan.edges:
        if edge.source in ids and edge.target in ids:
            lines.append(
                f"  {ids[edge.source]} -->|{edge.kind.value}| {ids[edge.target]}"
            )
    return "\n".join(lines) + "\n"
