"""The summary at the end of a run, printed on stderr."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from migrate.model import SliceState
from migrate.schedule.journal import Usage
from migrate.schedule.scheduler import AgentReport, ScheduleReport

if TYPE_CHECKING:
    from migrate.schedule.runner import RunReport

# Above this many agents the table shows only the totals; `migrate status
# --json` has every agent's times.
MAX_AGENT_ROWS = 16


def print_summary(report: RunReport, console: Console) -> None:
    """Print counts, agent utilisation, LLM usage, failures and branches."""
    schedule = report.schedule
    console.print(_counts_line(schedule), markup=False, highlight=False, soft_wrap=True)
    if schedule.budget_exhausted:
        console.print(
            "The LLM budget is exhausted, so the slices not started stay "
            "pending. Raise --budget-usd and run again to go on.",
            markup=False,
            soft_wrap=True,
        )
    console.print(_agent_table(schedule))
    console.print(
        _accounting_line(schedule), markup=False, highlight=False, soft_wrap=True
    )
    if report.usage.requests:
        console.print(_usage_table(report))
    for slice_id, reason in report.failures:
        console.print(
            f"failed {slice_id}: {reason}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    _print_branches(report, console)


def _counts_line(schedule: ScheduleReport) -> str:
    skipped = len(schedule.skipped)
    verified = schedule.count(SliceState.VERIFIED) - skipped
    parts = [
        f"{verified} verified",
        f"{skipped} already verified",
        f"{schedule.count(SliceState.FAILED)} failed",
        f"{schedule.count(SliceState.BLOCKED)} blocked",
    ]
    pending = schedule.count(SliceState.PENDING)
    if pending:
        parts.append(f"{pending} not started")
    return f"{len(schedule.states)} slices in {schedule.elapsed:.1f}s: " + ", ".join(
        parts
    )


def _agent_table(schedule: ScheduleReport) -> Table:
    table = Table(title="agents", box=None, title_justify="left")
    for column in (
        "agent",
        "tasks",
        "working",
        "idle",
        "idle with a slice ready",
        "utilisation",
    ):
        table.add_column(column, justify="right")
    agents = schedule.agents
    shown = agents if len(agents) <= MAX_AGENT_ROWS else ()
    for agent in shown:
        table.add_row(*_agent_cells(agent))
    if len(agents) > 1:
        total = AgentReport(
            0,
            sum(a.slices for a in agents),
            sum(a.working for a in agents),
            sum(a.idle for a in agents),
            sum(a.idle_with_ready for a in agents),
        )
        table.add_row("all", *_agent_cells(total)[1:])
    return table


def _agent_cells(agent: AgentReport) -> tuple[str, ...]:
    return (
        str(agent.agent),
        str(agent.slices),
        f"{agent.working:.1f}s",
        f"{agent.idle:.1f}s",
        f"{agent.idle_with_ready:.2f}s",
        f"{agent.utilisation:.0%}",
    )


def _accounting_line(schedule: ScheduleReport) -> str:
    tasks = len(schedule.dispatches)
    per_task = schedule.hub_seconds / tasks * 1000 if tasks else 0.0
    agents = len(schedule.agents)
    return (
        f"{schedule.schedule} schedule, {agents} agent{'' if agents == 1 else 's'}: "
        f"scaling efficiency {schedule.efficiency:.0%} (work "
        f"{schedule.work_seconds:.1f}s over {schedule.elapsed:.1f}s); the "
        f"scheduler spent {schedule.hub_seconds:.2f}s, {per_task:.1f} ms per task"
    )


def _usage_table(report: RunReport) -> Table:
    table = Table(
        title=f"LLM usage ({report.converter})", box=None, title_justify="left"
    )
    for column in ("slice", "requests", "tokens in", "tokens out", "cost"):
        table.add_column(column, justify="right")
    for slice_id, usage in report.slice_usage:
        if usage.requests:
            table.add_row(slice_id, *_usage_cells(usage))
    table.add_row("total", *_usage_cells(report.usage))
    return table


def _usage_cells(usage: Usage) -> tuple[str, str, str, str]:
    return (
        str(usage.requests),
        str(usage.tokens_in),
        str(usage.tokens_out),
        f"${usage.cost_usd:.4f}",
    )


def _print_branches(report: RunReport, console: Console) -> None:
    if not report.branches:
        console.print(
            "No slice is verified, so no branch was written.",
            markup=False,
            soft_wrap=True,
        )
        return
    count = len(report.branches)
    console.print(
        f"{count} slice branch{'' if count == 1 else 'es'} under migrate/ "
        f"in the repository of {report.root}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if report.integration:
        console.print(
            f"migrate/integration joins them at {report.integration[:12]}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    console.print(
        "Look at them with:\n"
        "  git log --oneline --graph migrate/integration\n"
        f"  migrate status {report.root}\n"
        f"  migrate review <slice> {report.root}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
