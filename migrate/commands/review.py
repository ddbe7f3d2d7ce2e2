"""`migrate review SLICE [PATH]`: one slice's COBOL, its Java, the diff of
its commit and the judge's evidence."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from migrate.commit import EstateRepo, branch_name
from migrate.config import load_config
from migrate.console import output
from migrate.errors import UsageError
from migrate.model import Plan, Slice
from migrate.planjson import STATE_DIR, load_plan
from migrate.schedule.journal import JOURNAL_FILE, AttemptRecord, Journal, SliceRecord


def review_command(
    slice_id: str = typer.Argument(
        ..., help="Id of the slice, as 'migrate status' lists it."
    ),
    path: Path = typer.Argument(Path("."), help="Folder of the COBOL estate."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the review as JSON on stdout."
    ),
) -> None:
    """Show a slice's COBOL members, its Java files, the diff of its commit
    against its parents, and the verification result with its evidence."""
    root = path.resolve()
    plan = load_plan(root)
    item = _find_slice(plan, slice_id)
    journal = Journal(root / STATE_DIR / JOURNAL_FILE, readonly=True)
    try:
        record = journal.slice(item.id)
        attempts = journal.attempts(item.id)
    finally:
        journal.close()
    diff = _diff(root, record)
    if as_json:
        document = _review_json(item, record, attempts, diff)
        sys.stdout.write(json.dumps(document, indent=1) + "\n")
        return
    _print_review(item, record, attempts, diff)


def _find_slice(plan: Plan, slice_id: str) -> Slice:
    try:
        return plan.slice(slice_id)
    except KeyError:
        known = ", ".join(s.id for s in plan.slices)
        raise UsageError(
            f"no slice {slice_id!r} in the plan", hint=f"slices: {known}"
        ) from None


def _java_paths(root: Path, record: SliceRecord) -> list[str]:
    java_root = f"{load_config(root).java_dir}/src/main/java"
    return [f"{java_root}/{path}" for path in record.java_paths]


def _diff(root: Path, record: SliceRecord | None) -> str:
    if record is None or not record.commit_id:
        return ""
    repo = EstateRepo.open(root)
    if not repo.has_commit(record.commit_id):
        return f"commit {record.commit_id} is no longer in the repository"
    return repo.diff(record.commit_id, _java_paths(root, record))


def _review_json(
    item: Slice,
    record: SliceRecord | None,
    attempts: tuple[AttemptRecord, ...],
    diff: str,
) -> dict[str, object]:
    return {
        "slice": item.id,
        "kind": item.kind.value,
        "programs": list(item.programs),
        "copybooks": list(item.copybooks),
        "members": list(item.members),
        "depends_on": list(item.depends_on),
        "state": record.state.value if record else "pending",
        "branch": branch_name(item.id) if record and record.commit_id else None,
        "commit": record.commit_id if record else None,
        "java_files": list(record.java_paths) if record else [],
        "checks": list(record.checks) if record else [],
        "evidence": record.evidence if record else "",
        "attempts": [
            {
                "run": a.run_id,
                "attempt": a.attempt,
                "verdict": a.verdict,
                "evidence": a.evidence,
            }
            for a in attempts
        ],
        "diff": diff,
    }


def _print_review(
    item: Slice,
    record: SliceRecord | None,
    attempts: tuple[AttemptRecord, ...],
    diff: str,
) -> None:
    depends = ", ".join(item.depends_on) or "nothing"
    _say(f"slice {item.id} ({item.kind.value}), depends on: {depends}")
    _say("COBOL members:")
    for member in item.members:
        _say(f"  {member}")
    if record is None:
        _say("not run yet")
        return
    _say(
        f"state: {record.state.value} after {record.attempts} attempt(s), "
        f"converter {record.converter}"
    )
    if record.commit_id:
        _say(f"branch: {branch_name(item.id)} at {record.commit_id[:12]}")
    _say("Java files:")
    for path in record.java_paths:
        _say(f"  {path}")
    _print_evidence(record, attempts)
    if diff:
        _say("diff against its parents:")
        _say(diff)


def _print_evidence(record: SliceRecord, attempts: tuple[AttemptRecord, ...]) -> None:
    _say(f"checks: {', '.join(record.checks) or 'none'}")
    _say("evidence:")
    for line in record.evidence.splitlines():
        _say(f"  {line}")
    for attempt in attempts[:-1]:
        run = attempt.run_id
        _say(f"earlier attempt {attempt.attempt} of run {run}: {attempt.verdict}")
        for line in attempt.evidence.splitlines()[:20]:
            _say(f"  {line}")


def _say(text: str) -> None:
    output.print(text, markup=False, highlight=False, soft_wrap=True)
