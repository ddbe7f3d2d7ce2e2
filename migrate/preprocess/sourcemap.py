"""Lines of text with their original positions, kept as runs.

Every preprocessing step reads and writes :class:`Mapped` text. A run says
that consecutive lines come from consecutive lines of one member, so a
member without COPY keeps one run however long it is.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from migrate.model import SourceMap, SourcePos, SourceRun


@dataclass
class Mapped:
    """Lines of area A/B text and the runs that map them to original lines;
    run starts are indexes into ``lines``."""

    lines: list[str] = field(default_factory=list)
    runs: list[SourceRun] = field(default_factory=list)

    @classmethod
    def of_member(
        cls, lines: list[str], member: str, chain: tuple[str, ...] = ()
    ) -> Mapped:
        """The lines of one member, line 1 first."""
        return cls(list(lines), [SourceRun(0, member, 1, chain)] if lines else [])

    def pos(self, index: int) -> SourcePos:
        """The original position of ``lines[index]``."""
        starts = [run.start for run in self.runs]
        run = self.runs[bisect.bisect_right(starts, index) - 1]
        return SourcePos(
            run.member, run.line + (index - run.start) * run.step, run.chain
        )

    def append(self, text: str, pos: SourcePos, step: int = 1) -> None:
        """Add one line that comes from ``pos``."""
        self._add_run(SourceRun(len(self.lines), pos.member, pos.line, pos.chain, step))
        self.lines.append(text)

    def extend(self, other: Mapped, start: int = 0, end: int | None = None) -> None:
        """Add lines ``start:end`` of ``other`` with their positions."""
        end = len(other.lines) if end is None else end
        if start >= end:
            return
        offset = len(self.lines) - start
        runs = other.runs
        first = bisect.bisect_right([run.start for run in runs], start) - 1
        for number in range(first, len(runs)):
            run = runs[number]
            if run.start >= end:
                break
            begin = max(run.start, start)
            line = run.line + (begin - run.start) * run.step
            self._add_run(
                SourceRun(begin + offset, run.member, line, run.chain, run.step)
            )
        self.lines.extend(other.lines[start:end])

    def _add_run(self, run: SourceRun) -> None:
        if self.runs:
            last = self.runs[-1]
            expected = last.line + (run.start - last.start) * last.step
            if (
                last.member == run.member
                and last.chain == run.chain
                and last.step == run.step
                and expected == run.line
            ):
                return
            if last.start == run.start:  # the last run holds no line yet
                self.runs[-1] = run
                return
        self.runs.append(run)

    def source_map(self) -> SourceMap:
        """The runs as the :class:`SourceMap` of an expanded source."""
        return SourceMap(tuple(self.runs), len(self.lines))
