"""Contract-first runs: the hooks that convert a program slice against
interface stubs of its callees, check it later with their real Java, and
verify it once its dependencies are verified.

:class:`ContractSession` wraps the run's :class:`RunSession`. A whole task
(the runtime, a record slice, or a slice an earlier run verified) goes to
the session unchanged. The convert and check tasks are built here. The
final verification builds the slice's topological work item with
:meth:`RunSession.prepare`, which its verified dependencies now allow. It
then hands the conversion and the check's verdict to
:meth:`RunSession.finish`, which writes the commit, the branch and the
journal exactly as a topological run does.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from migrate.convert.rules.names import java_class_name
from migrate.convert.stubs import interface_stubs
from migrate.errors import InputError
from migrate.judge.jobs import job_slices
from migrate.judge.verdict import JudgeTask, Verdict, VerdictKind
from migrate.model import (
    Conversion,
    ConversionRequest,
    EntryPoint,
    ExpandedSource,
    JavaSource,
    Job,
    MemberKind,
    Plan,
    Slice,
    SliceKind,
    SliceState,
)
from migrate.plan import contract_remaining_path_lengths, remaining_path_lengths
from migrate.preprocess import expand
from migrate.schedule.journal import Usage
from migrate.schedule.policy import ContractPolicy, Policy, Schedule, Stage, Task
from migrate.schedule.scheduler import Finished, Skip, SliceHooks
from migrate.schedule.session import RunSession
from migrate.schedule.worker import Attempt, SliceResult, WorkItem

logger = logging.getLogger(__name__)

CONVERTED_SUMMARY = "converted; compiles against the interface stubs of its callees"


@dataclass(frozen=True)
class CheckItem:
    """A check: a converted slice's Java, compiled with the real Java of
    every slice it needs, and the jobs it runs."""

    slice: Slice
    conversion: Conversion
    context: tuple[JavaSource, ...]
    context_owners: tuple[tuple[str, str], ...]
    jobs: tuple[Job, ...]


@dataclass(frozen=True)
class CheckResult:
    """The judge's verdict on a check."""

    item: CheckItem
    verdict: Verdict


def schedule_hooks(
    plan: Plan, session: RunSession, schedule: Schedule
) -> tuple[SliceHooks[object, object], Policy]:
    """Return the hooks and the policy of a run under ``schedule``."""
    if schedule is Schedule.TOPOLOGICAL:
        return session, Policy(plan, remaining_path_lengths(plan))  # type: ignore[return-value]
    hooks = ContractSession(session)
    policy = ContractPolicy(
        plan, contract_remaining_path_lengths(plan), held=hooks.held()
    )
    hooks.policy = policy
    return hooks, policy  # type: ignore[return-value]


class ContractSession:
    """The scheduler's hooks for a contract-first run; see the module
    docstring. Every method except :meth:`work` runs in the scheduler
    thread."""

    def __init__(self, session: RunSession) -> None:
        self.session = session
        self._slices = {item.id: item for item in session.plan.slices}
        self._converted: dict[str, SliceResult] = {}
        self._checks: dict[str, Verdict] = {}
        self._staged: set[str] = set()
        # Blocked slices, with the failed slice that blocked each.
        self._blocked: dict[str, str] = {}
        # The run's policy, which records whose check no longer counts.
        self.policy: ContractPolicy | None = None
        self._java: dict[str, tuple[JavaSource, ...]] = {}
        # The agent that last took a task of each slice.
        self._agents: dict[str, int] = {}

    def held(self) -> frozenset[str]:
        """Return the slices an earlier run verified. They wait for their
        dependencies, so that their input hash can be compared."""
        return frozenset(
            sid
            for sid, record in self.session.journal.slices().items()
            if record.state is SliceState.VERIFIED and record.commit_id
        )

    # Scheduler hooks

    def prepare(self, item: Slice) -> WorkItem | Skip:
        """Build the work item of a whole task."""
        return self.session.prepare(item)

    def prepare_stage(self, item: Slice, task: Task) -> WorkItem | CheckItem:
        """Build the work item of a convert or a check task."""
        self._staged.add(item.id)
        if task.stage is Stage.CONVERT:
            return self._conversion_item(item)
        return self._check_item(item, task.jobs)

    def started(self, item: Slice, agent: int) -> None:
        if item.id not in self._staged:
            self.session.started(item, agent)
            return
        if item.id in self._blocked:
            # An agent took the task before the failure that blocks it was
            # recorded; the journal keeps the slice blocked.
            return
        # The input hash depends on the dependencies' commits, which do not
        # exist yet; verify() records it.
        session = self.session
        self._agents[item.id] = agent
        session.journal.set_running(item.id, session.run_id, agent, "")

    def work(
        self, task: WorkItem | CheckItem, report: Callable[[str], None]
    ) -> SliceResult | CheckResult:
        """Convert, or check, in a worker thread."""
        if isinstance(task, CheckItem):
            if getattr(self.session, "interrupted", False):
                # Recorded as pending, as the session records an interrupted
                # conversion.
                return CheckResult(task, Verdict(VerdictKind.FAILED, "interrupted"))
            report("checking with the real callees")
            judged = JudgeTask(
                slice=task.slice,
                conversion=task.conversion,
                context=task.context,
                context_owners=task.context_owners,
                jobs=task.jobs,
            )
            return CheckResult(task, self.session.worker.judge.verify(judged))
        return self.session.work(task, report)

    def finish(self, item: Slice, result: SliceResult | CheckResult) -> Finished:
        """Record a result. A passed stage is kept for :meth:`verify`."""
        if isinstance(result, CheckResult):
            return self._finish_check(item, result.verdict)
        if item.id not in self._staged:
            return self.session.finish(item, result)
        if item.id in self._blocked:
            self._add_attempts(item, result.attempts)
            return Finished(SliceState.BLOCKED, "blocked while it ran")
        verdict = result.verdict
        if verdict is None or not verdict.accepted or result.budget_exhausted:
            return self.session.finish(item, result)
        self._add_attempts(item, result.attempts)
        self._converted[item.id] = result
        return Finished(SliceState.VERIFIED, CONVERTED_SUMMARY)

    def verify(self, item: Slice) -> Finished:
        """Commit a slice whose stages passed, now that its dependencies are
        verified, through the session's topological work item."""
        work = self.session.prepare(item)
        if isinstance(work, Skip):
            return Finished(SliceState.VERIFIED, work.reason)
        # Records the input hash that a later run compares.
        self.session.started(item, self._agents.get(item.id, 0))
        finished = self.session.finish(item, self._final_result(item, work))
        if finished.state is not SliceState.VERIFIED:
            logger.warning(
                "slice %s passed its checks but was recorded %s: %s",
                item.id,
                finished.state.value,
                finished.summary,
            )
        return finished

    def release(self, item: Slice) -> None:
        """Put a converted slice that this run cannot verify back to pending."""
        self.session.journal.set_pending(item.id)

    def crashed(self, item: Slice, error: str) -> Finished:
        return self.session.crashed(item, error)

    def block(self, item: Slice, failed: str) -> None:
        self._blocked[item.id] = failed
        self.session.block(item, failed)

    def needs_converter(self, item: Slice) -> bool:
        return self.session.needs_converter(item)

    # Results

    def _finish_check(self, item: Slice, verdict: Verdict) -> Finished:
        if item.id in self._blocked:
            return Finished(SliceState.BLOCKED, "blocked while it ran")
        if self.policy is not None and self.policy.check_invalidated(item.id):
            return Finished(
                SliceState.PENDING,
                "checked with Java of a dependency that is being converted "
                "again; it is checked again once that one is verified",
                retry=True,
            )
        if verdict.accepted:
            self._checks[item.id] = verdict
            return Finished(SliceState.VERIFIED, verdict.summary())
        if self.session.interrupted:
            self.session.journal.set_pending(item.id)
            return Finished(SliceState.PENDING, "interrupted")
        # The fault may be the slice's own or that of a callee that is only
        # converted. So the slice goes back to a whole task, which converts
        # it again with this evidence once its dependencies are verified.
        evidence = verdict.evidence.strip().splitlines()
        logger.warning(
            "slice %s failed its check with its real callees (%s); it is "
            "converted again once its dependencies are verified",
            item.id,
            evidence[0] if evidence else verdict.kind.value,
        )
        self._converted.pop(item.id, None)
        self._checks.pop(item.id, None)
        self._staged.discard(item.id)
        self.session.journal.set_pending(item.id)
        return Finished(
            SliceState.PENDING,
            "failed its check; converted again once its dependencies are verified",
            retry=True,
        )

    def _final_result(self, item: Slice, work: WorkItem) -> SliceResult:
        converted = self._converted[item.id]
        attempts = converted.attempts
        check = self._checks.get(item.id)
        if check is not None:
            attempts = _with_last_verdict(attempts, check)
        return dataclasses.replace(converted, item=work, attempts=attempts)

    def _add_attempts(self, item: Slice, attempts: Iterable[Attempt]) -> None:
        session = self.session
        for attempt in attempts:
            session.journal.add_attempt(
                item.id,
                session.run_id,
                attempt.number,
                attempt.verdict.kind.value,
                attempt.verdict.evidence,
                attempt.usage,
            )

    # Work items

    def _conversion_item(self, item: Slice) -> WorkItem:
        session = self.session
        records = self._record_closure([item.id])
        stubs = interface_stubs(self._callees(item), session.config.java_package)
        owner_of = _program_owners(session.plan)
        context = list(session.runtime)
        owners = [(s.path, "runtime") for s in session.runtime]
        for sid in records:
            context.extend(self._java_of(sid))
            owners.extend((s.path, sid) for s in self._java_of(sid))
        stub_owners = self._stub_owners(item, owner_of)
        context.extend(stubs)
        owners.extend((s.path, stub_owners.get(s.path, "")) for s in stubs)
        problem, sources = self._sources(item)
        request = ConversionRequest(
            slice=item,
            sources=sources,
            java_package=session.config.java_package,
            callees=self._callees(item),
            dependency_sources=tuple(context[len(session.runtime) :]),
        )
        return WorkItem(
            slice=item,
            request=request,
            runtime=session.runtime,
            context=tuple(context),
            context_owners=tuple(owners),
            jobs=(),
            copybooks=(),
            input_hash="",
            parents=(),
            problem=problem,
        )

    def _check_item(self, item: Slice, job_indexes: tuple[int, ...]) -> CheckItem:
        session = self.session
        jobs = tuple(session.plan.jobs[index] for index in job_indexes)
        programs = set(self._program_closure(item.id))
        for job in jobs:
            programs |= job_slices(session.plan, job)
        programs.discard(item.id)
        needed = [s.id for s in session.plan.slices if s.id in programs]
        context = list(session.runtime)
        owners = [(s.path, "runtime") for s in session.runtime]
        for sid in self._record_closure([item.id, *needed]) + needed:
            sources = self._java_or_conversion(sid)
            context.extend(sources)
            owners.extend((s.path, sid) for s in sources)
        return CheckItem(
            slice=item,
            conversion=self._converted[item.id].conversion,  # type: ignore[arg-type]
            context=tuple(context),
            context_owners=tuple(owners),
            jobs=jobs,
        )

    def _java_or_conversion(self, sid: str) -> tuple[JavaSource, ...]:
        converted = self._converted.get(sid)
        if converted is not None and converted.conversion is not None:
            return converted.conversion.sources
        return self._java_of(sid)

    def _java_of(self, sid: str) -> tuple[JavaSource, ...]:
        """Return the Java of a verified slice, from its commit."""
        if sid not in self._java:
            session = self.session
            record = session.journal.slice(sid)
            if record is None or not record.commit_id:
                raise KeyError(f"slice {sid} has no verified commit")
            self._java[sid] = session.repo.read_sources(
                record.commit_id, session.java_root, record.java_paths
            )
        return self._java[sid]

    def _program_closure(self, sid: str) -> list[str]:
        seen: set[str] = set()
        pending = list(self._slices[sid].depends_on)
        while pending:
            dep = pending.pop()
            if dep not in seen:
                seen.add(dep)
                pending.extend(self._slices[dep].depends_on)
        return [
            s.id
            for s in self.session.plan.slices
            if s.id in seen and s.kind is SliceKind.PROGRAM
        ]

    def _record_closure(self, roots: list[str]) -> list[str]:
        """Return the record slices that ``roots`` depend on, transitively,
        in plan order."""
        seen: set[str] = set()
        pending = [d for sid in roots for d in self._slices[sid].depends_on]
        while pending:
            dep = pending.pop()
            if dep not in seen and self._slices[dep].kind is SliceKind.RECORD:
                seen.add(dep)
                pending.extend(self._slices[dep].depends_on)
        return [s.id for s in self.session.plan.slices if s.id in seen]

    def _callees(self, item: Slice) -> tuple[EntryPoint, ...]:
        programs = self.session.model.programs
        names = {
            target
            for name in item.programs
            if name in programs
            for site in programs[name].calls
            for target in site.targets
            if target in programs and target not in item.programs
        }
        return tuple(
            EntryPoint(name, java_class_name(name), programs[name].using)
            for name in sorted(names)
        )

    def _stub_owners(self, item: Slice, owner_of: Mapping[str, str]) -> dict[str, str]:
        package = self.session.config.java_package.replace(".", "/")
        return {
            f"{package}/{entry.java_class}.java": owner_of.get(entry.program, "")
            for entry in self._callees(item)
        }

    def _sources(self, item: Slice) -> tuple[str, tuple[ExpandedSource, ...]]:
        """Return why the program sources cannot be expanded (or ""), and the
        expanded sources."""
        session = self.session
        try:
            members = [
                relpath
                for relpath in item.members
                if session.estate.member(relpath).kind is MemberKind.PROGRAM
            ]
            sources = tuple(
                session.model.sources.get(relpath) or expand(session.estate, relpath)
                for relpath in members
            )
        except (InputError, KeyError) as error:
            return f"the slice's sources cannot be expanded: {error}", ()
        return "", sources


def _program_owners(plan: Plan) -> dict[str, str]:
    return {program: s.id for s in plan.slices for program in s.programs}


def _with_last_verdict(
    attempts: tuple[Attempt, ...], verdict: Verdict
) -> tuple[Attempt, ...]:
    if not attempts:
        return (Attempt(1, verdict, Usage()),)
    last = dataclasses.replace(attempts[-1], verdict=verdict)
    return (*attempts[:-1], last)
