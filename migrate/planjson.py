"""The plan as one JSON object, as `migrate plan --json` prints it and as it
is saved in `.migrate/plan.json`. docs/plan-json.md documents the fields."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from migrate.errors import InputError
from migrate.model import (
    DDStatement,
    Diagnostic,
    Edge,
    EdgeKind,
    Job,
    JobStep,
    NodeKind,
    Plan,
    Slice,
    SliceKind,
    SourcePos,
    UnresolvedCall,
)

SCHEMA_VERSION = 1
STATE_DIR = ".migrate"
PLAN_FILE = "plan.json"


def plan_to_json(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON-ready dict."""
    return {
        "schema_version": SCHEMA_VERSION,
        "root": plan.root,
        "nodes": [{"id": node, "kind": kind.value} for node, kind in plan.nodes],
        "edges": [_edge_json(edge) for edge in plan.edges],
        "slices": [_slice_json(item) for item in plan.slices],
        "critical_path": list(plan.critical_path),
        "contract_critical_path": list(plan.contract_critical_path),
        "levels": [list(level) for level in plan.levels],
        "widest_level": max((len(level) for level in plan.levels), default=0),
        "jobs": [_job_json(job) for job in plan.jobs],
        "unresolved": [
            {"program": u.program, "via": u.via, **u.pos.to_json()}
            for u in plan.unresolved
        ],
        "diagnostics": [
            {
                "severity": d.severity,
                "message": d.message,
                **(d.pos.to_json() if d.pos else {}),
            }
            for d in plan.diagnostics
        ],
        "hashes": dict(plan.hashes),
    }


def _edge_json(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind.value,
        **edge.pos.to_json(),
        "attrs": dict(edge.attrs),
    }


def _slice_json(item: Slice) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind.value,
        "programs": list(item.programs),
        "copybooks": list(item.copybooks),
        "members": list(item.members),
        "depends_on": list(item.depends_on),
        "size": item.size,
        "level": item.level,
    }


def _job_json(job: Job) -> dict[str, Any]:
    data = _record_json(job)
    data["line"] = job.pos.line
    return data


def _record_json(record: Any) -> dict[str, Any]:
    """A Job, JobStep or DDStatement with every field, positions included."""
    data: dict[str, Any] = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if isinstance(value, SourcePos):
            value = value.to_json()
        elif isinstance(value, tuple):
            value = [
                _record_json(v) if dataclasses.is_dataclass(v) else v for v in value
            ]
        data[item.name] = value
    return data


def _pos(data: dict[str, Any]) -> SourcePos:
    return SourcePos(data["member"], int(data["line"]), tuple(data.get("chain", ())))


def _dd_from_json(data: dict[str, Any]) -> DDStatement:
    return _record_from_json(DDStatement, data)


def _step_from_json(data: dict[str, Any]) -> JobStep:
    dds = tuple(_dd_from_json(dd) for dd in data["dds"])
    return _record_from_json(JobStep, {**data, "dds": dds})


def _job_from_json(data: dict[str, Any]) -> Job:
    steps = tuple(_step_from_json(step) for step in data["steps"])
    return _record_from_json(Job, {**data, "steps": steps})


def _record_from_json(cls: Any, data: dict[str, Any]) -> Any:
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        if item.name not in data:
            continue
        value = data[item.name]
        if item.name == "pos":
            value = _pos(value)
        elif isinstance(value, list):
            value = tuple(value)
        values[item.name] = value
    return cls(**values)


def plan_from_json(data: dict[str, Any]) -> Plan:
    """Rebuild a plan saved by :func:`plan_to_json`."""
    jobs = [_job_from_json(job) for job in data["jobs"]]
    return Plan(
        root=data["root"],
        nodes=tuple((n["id"], NodeKind(n["kind"])) for n in data["nodes"]),
        edges=tuple(
            Edge(
                e["source"],
                e["target"],
                EdgeKind(e["kind"]),
                _pos(e),
                tuple(e["attrs"].items()),
            )
            for e in data["edges"]
        ),
        slices=tuple(
            Slice(
                s["id"],
                SliceKind(s["kind"]),
                tuple(s["programs"]),
                tuple(s["copybooks"]),
                tuple(s["members"]),
                tuple(s["depends_on"]),
                s["size"],
                s["level"],
            )
            for s in data["slices"]
        ),
        critical_path=tuple(data["critical_path"]),
        levels=tuple(tuple(level) for level in data["levels"]),
        jobs=tuple(jobs),
        diagnostics=tuple(
            Diagnostic(_pos(d) if "member" in d else None, d["message"], d["severity"])
            for d in data["diagnostics"]
        ),
        unresolved=tuple(
            UnresolvedCall(u["program"], u["via"], _pos(u)) for u in data["unresolved"]
        ),
        hashes=tuple(sorted(data["hashes"].items())),
        # Plans saved before the field existed load with an empty path.
        contract_critical_path=tuple(data.get("contract_critical_path", ())),
    )


def state_dir(root: Path) -> Path:
    """`.migrate/` under the estate root, created with its own .gitignore so
    that `git status` stays clean."""
    folder = root / STATE_DIR
    folder.mkdir(exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, "*\n")
    return folder


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that a crash leaves the old file or the new one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_plan(plan: Plan, root: Path) -> Path:
    """Save the plan as `.migrate/plan.json` and return its path."""
    path = state_dir(root) / PLAN_FILE
    # Without indent, json uses its C encoder: several times faster on
    # large plans.
    write_atomic(path, json.dumps(plan_to_json(plan)) + "\n")
    return path


def load_plan(root: Path) -> Plan:
    """Load the saved plan of the estate at ``root``."""
    path = root / STATE_DIR / PLAN_FILE
    if not path.is_file():
        raise InputError(
            f"no plan found at {path}",
            hint=f"run 'migrate plan {root}' or 'migrate run {root}' first",
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(
            f"the saved plan {path} is not valid JSON: {error}",
            hint=f"delete it and run 'migrate plan {root}' again",
        ) from error
    if data.get("schema_version") != SCHEMA_VERSION:
        raise InputError(
            f"the saved plan {path} has schema version "
            f"{data.get('schema_version')!r}, expected {SCHEMA_VERSION}",
            hint=f"run 'migrate plan {root}' again",
        )
    return plan_from_json(data)
