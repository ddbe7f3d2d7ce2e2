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
    """A live table with one row per busy agent, the counts of slices,
    throughput and an ETA."""

    def __init__(self, console: Console, agents: int, total: int) -> None:
        self.total = total
        self._agents = agents
        self._rows: dict[int, _AgentRow] = {}
        self._counts: Counter[EventKind] = Counter()
        # Contract-first: converted slices that wait for their check or
        # for their dependencies.
        self._waiting: set[str] = set()
        self._ready = 0
        self._console = console
        self._live = Live(console=console, auto_refresh=False, transient=True)
        self._drawn = 0.0
        self._started = time.monotonic()

    def __enter__(self) -> LiveView:
        self._started = time.monotonic()
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
        self._ready = event.ready
        kind = event.kind
        if kind is EventKind.STARTED:
            self._rows[event.agent] = _AgentRow(event.slice_id, "starting", now)
        elif kind is EventKind.PHASE and event.agent in self._rows:
            self._rows[event.agent].phase = event.detail
        elif kind in (EventKind.CONVERTED, EventKind.CHECKED):
            self._rows.pop(event.agent, None)
            self._waiting.add(event.slice_id)
        elif kind in (EventKind.VERIFIED, EventKind.FAILED, EventKind.RETRY):
            self._rows.pop(event.agent, None)
            self._counts[kind] += 1
            self._waiting.discard(event.slice_id)
            if kind is EventKind.FAILED:
                # A failure stays visible after the live table is gone.
                logger.warning("slice %s failed: %s", event.slice_id, event.detail)
        elif kind is EventKind.BLOCKED and event.agent:
            # A task that ran while its slice was blocked ended.
            self._rows.pop(event.agent, None)
        elif kind in (EventKind.BLOCKED, EventKind.SKIPPED, EventKind.DEFERRED):
            self._counts[kind] += 1
            self._waiting.discard(event.slice_id)
        if now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self._live.update(self._render(now), refresh=True)

    def _render(self, now: float) -> Group:
        table = Table(box=None, pad_edge=False)
        for column in ("agent", "slice", "phase", "elapsed"):
            table.add_column(column)
        busy = sorted(self._rows.items())
        max_rows = max(5, self._console.size.height - 5)
        for number, row in busy[:max_rows]:
            table.add_row(
                str(number), row.slice_id, row.phase, f"{now - row.since:5.1f}s"
            )
        hidden = f"{len(busy) - max_rows} more busy, " if len(busy) > max_rows else ""
        idle = self._agents - len(busy)
        idle_text = f"{idle} agent{'' if idle == 1 else 's'} idle"
        table.add_row("", hidden + idle_text, "", "")
        return Group(table, Text(self._counts_line()), Text(self._rate_line(now)))

    def _counts_line(self) -> str:
        counts = self._counts
        line = (
            f"{self._done()}/{self.total} slices: {counts[EventKind.VERIFIED]} "
            f"verified, {counts[EventKind.SKIPPED]} already verified, "
            f"{counts[EventKind.FAILED]} failed, {counts[EventKind.BLOCKED]} blocked"
        )
        if self._waiting:
            line += f", {len(self._waiting)} converted and waiting"
        return line

    def _rate_line(self, now: float) -> str:
        counts = self._counts
        line = f"{self._ready} ready"
        if not self._waiting:
            # Slices no agent holds, none queued, and not finished wait for
            # their dependencies. Under contract-first a converted slice may
            # also have a check queued or running, so no such count is shown.
            waiting = (
                self.total
                - self._done()
                - counts[EventKind.DEFERRED]
                - len(self._rows)
                - self._ready
            )
            line += f", {waiting} waiting for dependencies"
        # NOTE: the rate counts finished slices only. Under contract-first,
        # conversions finish long before their slices, so the ETA runs high.
        finished = counts[EventKind.VERIFIED] + counts[EventKind.FAILED]
        minutes = (now - self._started) / 60
        if finished and minutes > 0:
            rate = finished / minutes
            left = self.total - self._done() - counts[EventKind.DEFERRED]
            line += f"; {rate:.1f} slices/min, ETA {_duration(left / rate * 60)}"
        return line

    def _done(self) -> int:
        counts = self._counts
        return sum(
            counts[kind]
            for kind in (
                EventKind.VERIFIED,
                EventKind.FAILED,
                EventKind.BLOCKED,
                EventKind.SKIPPED,
            )
        )


def _duration(seconds: float) -> str:
    """Return ``seconds`` as 42s, 3m05s or 2h07m."""
    whole = int(seconds + 0.5)
    if whole < 60:
        return f"{whole}s"
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    return f"{whole // 3600}h{whole % 3600 // 60:02d}m"
