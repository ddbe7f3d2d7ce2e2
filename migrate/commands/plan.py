"""`migrate plan PATH`: discover, preprocess, parse and plan an estate."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import typer

from migrate.config import apply_settings, load_config
from migrate.console import console
from migrate.discover import discover
from migrate.errors import ExitCode, UsageError
from migrate.export import FORMATS, export_graph
from migrate.model import Plan, SliceKind
from migrate.plan import build_plan, plan_to_json, save_plan
from migrate.planjson import write_atomic

logger = logging.getLogger(__name__)


def plan_command(
    path: Path = typer.Argument(..., help="Folder of the COBOL estate."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the whole plan as one JSON object on stdout."
    ),
    fmt: str = typer.Option(
        "", "--format", help=f"Export the graph as one of: {', '.join(FORMATS)}."
    ),
    output: Path = typer.Option(
        None, "--output", "-o", help="File for --format; '-' for stdout."
    ),
    strict: bool = typer.Option(
        False,
        "--strict",
        help="Exit 1 when the target of any dynamic CALL, CICS LINK or XCTL, or "
        "transaction or file named by a data item is unresolved.",
    ),
    tab_width: int = typer.Option(
        None, "--tab-width", help="Columns per tab in source members (default 8)."
    ),
    settings: list[str] = typer.Option(
        [],
        "--set",
        help="Override a setting of migrate.toml for this command, as "
        "KEY=VALUE with a TOML value; repeat for more.",
    ),
) -> None:
    """Plan the migration of the estate at PATH and save the plan under
    .migrate/."""
    if fmt and output is None:
        raise UsageError("--format needs --output", hint="add --output FILE or -o -")
    if output is not None and not fmt:
        raise UsageError(
            "--output needs --format",
            hint=f"add --format, one of: {', '.join(FORMATS)}",
        )
    if fmt and fmt not in FORMATS:
        raise UsageError(
            f"unknown graph format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}"
        )
    if as_json and output is not None and str(output) == "-":
        raise UsageError(
            "--json and --output - both write to stdout",
            hint="write the graph to a file with --output FILE",
        )
    root = path.resolve()
    plan = make_plan(root, tab_width=tab_width, settings=settings)
    print_summary(plan, root)
    if fmt:
        _export(plan, fmt, output)
    if as_json:
        sys.stdout.write(json.dumps(plan_to_json(plan), indent=1) + "\n")
    errors = [d for d in plan.diagnostics if d.severity == "error"]
    # NOTE: SystemExit, not typer.Exit: the app runs with standalone_mode
    # off, where typer returns the code of typer.Exit and migrate.cli.main
    # drops it (typer 0.29).
    if errors:
        sys.exit(int(ExitCode.USAGE))
    if strict and plan.unresolved:
        sys.exit(int(ExitCode.SLICES_FAILED))


def make_plan(
    root: Path, tab_width: int | None = None, settings: Sequence[str] = ()
) -> Plan:
    """Build and save the plan of the estate at ``root``, with the
    ``--set`` assignments ``settings`` applied to its settings."""
    config = apply_settings(load_config(root), settings)
    config = config.with_overrides(tab_width=tab_width)
    estate = discover(root, config)
    plan = build_plan(estate)
    save_plan(plan, root)
    return plan


def _export(plan: Plan, fmt: str, output: Path) -> None:
    text = export_graph(plan, fmt)
    if str(output) == "-":
        sys.stdout.write(text)
        return
    try:
        write_atomic(output.resolve(), text)
    except OSError as error:
        raise UsageError(
            f"cannot write the graph to {output}: {error.strerror or error}",
            hint="give --output a file in an existing, writable folder",
        ) from error
    console.print(f"graph written to {output}", markup=False, highlight=False)


def print_summary(plan: Plan, root: Path) -> None:
    """Print the plan's summary for a person, on stderr."""
    nodes = Counter(kind.value for _node, kind in plan.nodes)
    edges = Counter(edge.kind.value for edge in plan.edges)
    slices = Counter(item.kind.value for item in plan.slices)
    widest = max((len(level) for level in plan.levels), default=0)
    sizes = {item.id: item.size for item in plan.slices}
    out = []
    out.append(
        f"estate {root}: {nodes['program']} programs, {nodes['copybook']} copybooks, "
        f"{nodes['job']} jobs, {nodes['dataset']} datasets"
    )
    out.append(
        f"edges: {sum(edges.values())} ("
        + ", ".join(f"{count} {kind}" for kind, count in sorted(edges.items()))
        + ")"
    )
    out.append(
        f"slices: {len(plan.slices)} ({slices[SliceKind.PROGRAM.value]} program, "
        f"{slices[SliceKind.RECORD.value]} record, 1 runtime) in "
        f"{len(plan.levels)} levels; widest level: {widest} slices"
    )
    # Each path is the chain that bounds a run under one --schedule.
    for label, path in (
        ("critical path", plan.critical_path),
        ("contract-first critical path", plan.contract_critical_path),
    ):
        path_size = sum(sizes[s] for s in path)
        out.append(
            f"{label}: {len(path)} slices, {path_size} lines: " + " -> ".join(path)
        )
    for call in plan.unresolved:
        out.append(f"unresolved: {call.pos}: dynamic CALL through {call.via}")
    for diagnostic in plan.diagnostics:
        if diagnostic.severity == "error":
            out.append(str(diagnostic))
    warnings = sum(1 for d in plan.diagnostics if d.severity != "error")
    if warnings:
        out.append(f"{warnings} warnings (see 'diagnostics' in --json)")
    out.append(f"plan saved to {root / '.migrate' / 'plan.json'}")
    for line in out:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
