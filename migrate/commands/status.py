"""`migrate status [PATH]`: every slice of the last runs, from the journal
and the saved plan."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.measure import Measurement
from rich.table import Table

from migrate.commit import branch_name
from migrate.console import output
from migrate.model import Plan, SliceState
from migrate.planjson import STATE_DIR, load_plan
from migrate.schedule.journal import JOURNAL_FILE, Journal, RunRecord, SliceRecord

# Maximum line width of the table on a pipe. A longer row wraps.
_MAX_PIPE_WIDTH = 10_000


def status_command(
    path: Path = typer.Argument(Path("."), help="Folder of the COBOL estate."),
    as_json: bool = typer.Option(
        False, "--json", help="Print the status as JSON on stdout."
    ),
) -> None:
    """Show every slice with its state, attempts, branch, evidence and LLM
    usage."""
    root = path.resolve()
    plan, records, runs = read_state(root)
    rows = [slice_status(item.id, records.get(item.id)) for item in plan.slices]
    if as_json:
        last = runs[-1] if runs else None
        document = {
            "root": str(root),
            "last_run": None
            if last is None
            else {
                "id": last.run_id,
                "status": last.status,
                "started_at": last.started_at,
                "finished_at": last.finished_at,
                "summary": last.summary,
            },
            "slices": rows,
        }
        sys.stdout.write(json.dumps(document, indent=1) + "\n")
        return
    _print_table(rows)
    if runs:
        last = runs[-1]
        output.print(
            f"last run {last.run_id}: {last.status}, started {last.started_at}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )


def read_state(
    root: Path,
) -> tuple[Plan, dict[str, SliceRecord], tuple[RunRecord, ...]]:
    """Load the saved plan and the journal's slice rows and runs."""
    plan = load_plan(root)
    journal = Journal(root / STATE_DIR / JOURNAL_FILE, readonly=True)
    try:
        return plan, journal.slices(), journal.runs()
    finally:
        journal.close()


def slice_status(slice_id: str, record: SliceRecord | None) -> dict[str, object]:
    """Return one slice's status as a JSON-ready dict."""
    if record is None:
        return {
            "slice": slice_id,
            "state": SliceState.PENDING.value,
            "attempts": 0,
            "branch": None,
            "commit": None,
            "converter": None,
            "evidence": "",
            "requests": 0,
            "tokens_in": 0,
            "tokens_out": 0,
            "cost_usd": 0.0,
        }
    lines = record.evidence.strip().splitlines()
    return {
        "slice": slice_id,
        "state": record.state.value,
        "attempts": record.attempts,
        "branch": branch_name(slice_id) if record.commit_id else None,
        "commit": record.commit_id or None,
        "converter": record.converter or None,
        "evidence": lines[0] if lines else "",
        "requests": record.usage.requests,
        "tokens_in": record.usage.tokens_in,
        "tokens_out": record.usage.tokens_out,
        "cost_usd": record.usage.cost_usd,
    }


def _print_table(rows: list[dict[str, object]]) -> None:
    table = Table(box=None, pad_edge=False)
    for column in (
        "slice",
        "state",
        "attempts",
        "branch",
        "tokens in/out",
        "cost",
        "evidence",
    ):
        table.add_column(column)
    for row in rows:
        tokens = f"{row['tokens_in']}/{row['tokens_out']}" if row["requests"] else ""
        cost = f"${row['cost_usd']:.4f}" if row["requests"] else ""
        table.add_row(
            str(row["slice"]),
            str(row["state"]),
            str(row["attempts"]),
            str(row["branch"] or ""),
            tokens,
            cost,
            str(row["evidence"]),
        )
    if not output.is_terminal:
        # A pipe gets each row whole on one line, for grep and less, instead
        # of cells wrapped and cut to 80 columns.
        wide = output.options.update_width(_MAX_PIPE_WIDTH)
        needed = Measurement.get(output, wide, table).maximum
        output.width = max(output.width, needed)
    output.print(table)
