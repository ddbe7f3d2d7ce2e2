"""The agents' work on one slice: convert, verify, and for a converter that
can repair, convert again with the judge's evidence."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass

from migrate.convert import BudgetExhausted, Converter
from migrate.errors import MigrateError
from migrate.judge.verdict import JudgeTask, Verdict, VerdictKind
from migrate.judge.verify import Judge
from migrate.model import (
    Conversion,
    ConversionRequest,
    ExpandedSource,
    JavaSource,
    Job,
    Slice,
)
from migrate.schedule.journal import Usage

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkItem:
    """Everything an agent needs for one slice; built by the scheduler
    thread, read-only in the worker."""

    slice: Slice
    # None for the runtime slice, whose Java is the runtime library.
    request: ConversionRequest | None
    runtime: tuple[JavaSource, ...]
    # The runtime and the verified Java the judge compiles with the slice.
    context: tuple[JavaSource, ...]
    context_owners: tuple[tuple[str, str], ...]
    jobs: tuple[Job, ...]
    copybooks: tuple[ExpandedSource, ...]
    input_hash: str
    parents: tuple[str, ...]
    # Why the slice cannot be converted at all, such as a missing copybook.
    problem: str = ""


@dataclass(frozen=True)
class Attempt:
    """One conversion and the judge's verdict on it."""

    number: int
    verdict: Verdict
    usage: Usage


@dataclass(frozen=True)
class SliceResult:
    """An agent's result for one slice: the last conversion and every attempt."""

    item: WorkItem
    conversion: Conversion | None
    attempts: tuple[Attempt, ...]
    converter: str
    budget_exhausted: bool = False

    @property
    def verdict(self) -> Verdict | None:
        return self.attempts[-1].verdict if self.attempts else None

    @property
    def usage(self) -> Usage:
        total = Usage()
        for attempt in self.attempts:
            total = total + attempt.usage
        return total


def usage_of(conversion: Conversion) -> Usage:
    """Return the LLM usage that a conversion reports."""
    return Usage(
        conversion.requests,
        conversion.tokens_in,
        conversion.tokens_out,
        conversion.cost_usd,
    )


class SliceWorker:
    """Converts and verifies slices; shared by every agent, and read-only,
    because the converter and the judge are safe to call from threads."""

    def __init__(self, converter: Converter, judge: Judge, max_attempts: int) -> None:
        self.converter = converter
        self.judge = judge
        # The rules converter is deterministic, so a second try repeats the
        # first; only an LLM converter gets the evidence to repair with.
        self.max_attempts = 1 if converter.name == "rules" else max(1, max_attempts)

    def work(self, item: WorkItem, report: Callable[[str], None]) -> SliceResult:
        """Convert and verify ``item``; repair while attempts are left."""
        if item.problem:
            verdict = Verdict(VerdictKind.FAILED, item.problem)
            attempt = Attempt(1, verdict, Usage())
            return SliceResult(item, None, (attempt,), self.converter.name)
        if item.request is None:
            report("compiling")
            runtime = Conversion(item.slice.id, item.runtime, converter="runtime")
            attempt = Attempt(1, self.judge.verify(self._task(item, runtime)), Usage())
            return SliceResult(item, runtime, (attempt,), "runtime")
        return self._convert(item, item.request, report)

    def _convert(
        self,
        item: WorkItem,
        first: ConversionRequest,
        report: Callable[[str], None],
    ) -> SliceResult:
        attempts: list[Attempt] = []
        conversion: Conversion | None = None
        evidence = ""
        for number in range(1, self.max_attempts + 1):
            report("converting" if number == 1 else f"repairing ({number})")
            request = dataclasses.replace(first, repair_evidence=evidence)
            try:
                conversion = self.converter.convert(request)
            except BudgetExhausted as error:
                logger.info("slice %s not converted: %s", item.slice.id, error)
                name = self.converter.name
                return SliceResult(item, conversion, tuple(attempts), name, True)
            except MigrateError as error:
                logger.warning("converter failed on slice %s: %s", item.slice.id, error)
                verdict = Verdict(VerdictKind.FAILED, f"the converter failed: {error}")
                attempts.append(Attempt(number, verdict, Usage()))
                break
            report("verifying")
            verdict = self.judge.verify(self._task(item, conversion))
            attempts.append(Attempt(number, verdict, usage_of(conversion)))
            if verdict.kind is not VerdictKind.REJECTED:
                break
            evidence = verdict.evidence
        return SliceResult(item, conversion, tuple(attempts), self.converter.name)

    @staticmethod
    def _task(item: WorkItem, conversion: Conversion) -> JudgeTask:
        return JudgeTask(
            slice=item.slice,
            conversion=conversion,
            context=item.context,
            context_owners=item.context_owners,
            jobs=item.jobs,
            copybooks=item.copybooks,
        )
