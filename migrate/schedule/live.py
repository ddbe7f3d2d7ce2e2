"""Progress of a run: a live table on a terminal, log lines elsewhere.

Both views take the scheduler's events in the scheduler thread, so they
need no locks.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass
from types import TracebackType

from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from migrate.schedule.scheduler import Event, EventKind

logger = logging.getLogger("migrate.run")

# Seconds between redraws of the live table. Events come much faster with
# many agents, and each redraw costs the scheduler thread.
REDRAW_SECONDS = 0.1


@dataclass
class _AgentRow:
    slice_id: str = ""
    phase: str = "idle"
    since: float = 0.0


class LogView:
    """Plain log lines: a slice started, was verified, failed or blocked."""

    def __init__(self, total: int) -> None:
        self.total = total

    def __enter__(self) -> LogView:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        return None

    def __call__(self, event: Event) -> None:
        kind = event.kind
        if kind is EventKind.STARTED:
            logger.info("slice %s started on agent %d", event.slice_id, event.agent)
        elif kind is EventKind.CONVERTED:
            logger.info("slice %s converted: %s", event.slice_id, event.detail)
        elif kind is EventKind.CHECKED:
            logger.info("slice %s checked: %s", event.slice_id, event.detail)
        elif kind is EventKind.VERIFIED:
            logger.info("slice %s verified: %s", event.slice_id, event.detail)
        elif kind is EventKind.FAILED:
            logger.warning("slice %s failed: %s", event.slice_id, event.detail)
        elif kind is EventKind.BLOCKED:
            logger.warning("slice %s blocked: %s", event.slice_id, event.detail)
        elif kind is EventKind.SKIPPED:
            logger.info("slice %s skipped: %s", event.slice_id, event.detail)
        elif kind is EventKind.DEFERRED:
            logger.warning("slice %s not started: %s", event.slice_id, event.detail)
        elif kind is EventKind.RETRY:
            logger.info("slice %s goes again: %s", event.slice_id, event.detail)


class LiveView:
    """A live table with one row per agent and the counts of slices."""

    def __init__(self, console: Console, agents: int, total: int) -> None:
        self.total = total
        self._rows = {number: _AgentRow() for number in range(1, agents + 1)}
        self._counts: Counter[EventKind] = Counter()
        # Contract-first: converted slices that wait for their check or
        # for their dependencies.
        self._waiting: set[str] = set()
        self._console = console
        self._live = Live(console=console, auto_refresh=False, transient=True)
        self._drawn = 0.0

    def __enter__(self) -> LiveView:
        self._live.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._live.update(self._render(time.monotonic()), refresh=True)
        self._live.stop()

    def __call__(self, event: Event) -> None:
        now = time.monotonic()
        row = self._rows.get(event.agent)
        if event.kind is EventKind.STARTED and row is not None:
            self._rows[event.agent] = _AgentRow(event.slice_id, "starting", now)
        elif event.kind is EventKind.PHASE and row is not None:
            row.phase = event.detail
        elif event.kind in (EventKind.CONVERTED, EventKind.CHECKED):
            if row is not None:
                self._rows[event.agent] = _AgentRow(since=now)
            self._waiting.add(event.slice_id)
        elif event.kind in (EventKind.VERIFIED, EventKind.FAILED, EventKind.RETRY):
            if row is not None:
                self._rows[event.agent] = _AgentRow(since=now)
            self._counts[event.kind] += 1
            self._waiting.discard(event.slice_id)
            if event.kind is EventKind.FAILED:
                # A failure stays visible after the live table is gone.
                logger.warning("slice %s failed: %s", event.slice_id, event.detail)
        elif event.kind in (EventKind.BLOCKED, EventKind.SKIPPED, EventKind.DEFERRED):
            self._counts[event.kind] += 1
            self._waiting.discard(event.slice_id)
        if now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self._live.update(self._render(now), refresh=True)

    def _render(self, now: float) -> Group:
        table = Table(box=None, pad_edge=False)
        for column in ("agent", "slice", "phase", "elapsed"):
            table.add_column(column)
        rows = list(self._rows.items())
        max_rows = max(5, self._console.size.height - 4)
        hidden = ""
        if len(rows) > max_rows:
            busy = [(number, row) for number, row in rows if row.slice_id]
            idle = len(rows) - len(busy)
            if len(busy) > max_rows:
                hidden = f"{len(busy) - max_rows} more agents busy, "
            hidden += f"{idle} agents idle"
            rows = busy[:max_rows]
        for number, row in rows:
            elapsed = f"{now - row.since:5.1f}s" if row.slice_id else ""
            table.add_row(str(number), row.slice_id or "-", row.phase, elapsed)
        if hidden:
            table.add_row("", hidden, "", "")
        counts = self._counts
        done = sum(
            counts[k]
            for k in (
                EventKind.VERIFIED,
                EventKind.FAILED,
                EventKind.BLOCKED,
                EventKind.SKIPPED,
            )
        )
        line = Text(
            f"{done}/{self.total} slices: {counts[EventKind.VERIFIED]} verified, "
            f"{counts[EventKind.SKIPPED]} already verified, "
            f"{counts[EventKind.FAILED]} failed, {counts[EventKind.BLOCKED]} blocked"
        )
        if self._waiting:
            line.append(f", {len(self._waiting)} converted and waiting")
        return Group(table, line)
