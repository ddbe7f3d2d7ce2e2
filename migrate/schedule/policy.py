"""Scheduling policies: which tasks are ready, in which order agents take
them, and what each outcome makes ready, blocks or verifies.

A policy keeps no clock and does no I/O. The scheduler drives it with real
agents, and the schedule benchmark drives the same code on a virtual clock.

* ``topological``: a slice is one task, convert and verify. It is ready
  once every slice it depends on is verified.
* ``contract``: a program slice is converted as soon as its record and
  runtime slices are verified. It compiles against interface stubs of its
  callees. It is then checked with the real callees and the jobs it owns,
  once every slice those need is converted, and verified once its
  dependencies are verified. Record and runtime slices, and slices that an
  earlier run verified (``held``), stay one task, ready as in
  ``topological``, so that their input hash can be compared and they can
  be skipped.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from migrate.judge.jobs import call_targets, exercised_programs, program_slices
from migrate.model import Plan, SliceKind, SliceState
from migrate.plan import contract_dependencies


class Schedule(enum.Enum):
    """The scheduling policy of a run, as ``--schedule`` names it."""

    TOPOLOGICAL = "topological"
    CONTRACT = "contract"


class Stage(enum.Enum):
    """The kind of work one task does for its slice."""

    # Convert and verify in one go, against verified dependencies.
    WHOLE = "whole"
    # Convert, and compile against interface stubs of the callees.
    CONVERT = "convert"
    # Compile with the callees' real Java and run the jobs the slice owns.
    CHECK = "check"


@dataclass(frozen=True)
class Task:
    """One unit of agent work."""

    slice_id: str
    stage: Stage
    # For a check: indexes in ``Plan.jobs`` of the jobs it runs.
    jobs: tuple[int, ...] = ()


class Outcome(enum.Enum):
    """The ending of a task, as the scheduler reports it to the policy."""

    PASSED = "passed"
    FAILED = "failed"
    # Run the same task again, such as a slice that missed a job.
    RETRY = "retry"
    # Not done and not to be tried again this run; the slice stays pending.
    DEFERRED = "deferred"


@dataclass(frozen=True)
class Changes:
    """The effects of an outcome, for the scheduler to act on."""

    # Newly ready tasks, in the order agents should take them.
    ready: tuple[Task, ...] = ()
    # Slices the scheduler must now verify and commit, dependencies first.
    # A whole task's own slice is not here: its result verified it.
    verified: tuple[str, ...] = ()
    # (blocked slice, failed slice) pairs.
    blocked: tuple[tuple[str, str], ...] = ()
    # Queued tasks whose inputs changed: take them back and prepare again.
    stale: tuple[Task, ...] = ()


class _Progress(enum.Enum):
    WAITING = "waiting"
    # A convert or whole task is queued or running.
    READY = "ready"
    CONVERTED = "converted"
    CHECKING = "checking"
    # The check passed; the slice waits for its dependencies' verification.
    CHECKED = "checked"
    VERIFIED = "verified"
    FAILED = "failed"
    BLOCKED = "blocked"


_TERMINAL = frozenset({_Progress.VERIFIED, _Progress.FAILED, _Progress.BLOCKED})
_REPORTED = {
    _Progress.VERIFIED: SliceState.VERIFIED,
    _Progress.FAILED: SliceState.FAILED,
    _Progress.BLOCKED: SliceState.BLOCKED,
    _Progress.READY: SliceState.RUNNING,
    _Progress.CHECKING: SliceState.RUNNING,
}


def plan_job_slices(plan: Plan) -> dict[int, frozenset[str]]:
    """Map the index of each job that can ever run to the slices it
    exercises. A job exercising a program no slice converts cannot run."""
    owner = program_slices(plan)
    calls = call_targets(plan)
    result: dict[int, frozenset[str]] = {}
    for index, job in enumerate(plan.jobs):
        programs = exercised_programs(job, calls)
        if programs and all(program in owner for program in programs):
            result[index] = frozenset(owner[program] for program in programs)
    return result


class Policy:
    """The topological policy, and the state both policies share."""

    schedule = Schedule.TOPOLOGICAL

    def __init__(
        self,
        plan: Plan,
        priority: Mapping[str, int],
        jobs: Mapping[int, frozenset[str]] | None = None,
    ) -> None:
        self.order = [item.id for item in plan.slices]
        self.kinds = {item.id: item.kind for item in plan.slices}
        self.deps = {
            item.id: tuple(d for d in item.depends_on if d in self.kinds)
            for item in plan.slices
        }
        self.dependents: dict[str, list[str]] = {sid: [] for sid in self.order}
        for sid, deps in self.deps.items():
            for dep in deps:
                self.dependents[dep].append(sid)
        self.priority = priority
        self.jobs = plan_job_slices(plan) if jobs is None else dict(jobs)
        self.jobs_of: dict[str, list[int]] = {sid: [] for sid in self.order}
        for index, members in sorted(self.jobs.items()):
            for sid in members:
                self.jobs_of[sid].append(index)
        self.progress = {sid: _Progress.WAITING for sid in self.order}
        # How many slices of each job are not verified yet.
        self.unverified = {index: len(members) for index, members in self.jobs.items()}

    # The scheduler's calls

    def start(self) -> Changes:
        """Return the tasks that are ready before anything ran."""
        return Changes(ready=self._sorted(self._startable()))

    def key(self, task: Task) -> tuple[int, int, str]:
        """Return the sort key of a ready task: smallest goes first."""
        return (1, -self.priority.get(task.slice_id, 0), task.slice_id)

    def complete(self, task: Task, outcome: Outcome) -> Changes:
        """Record how ``task`` ended and return what that changes."""
        sid = task.slice_id
        if self.progress[sid] is _Progress.BLOCKED:
            # Blocked while it ran: the result no longer counts.
            return Changes()
        if outcome is Outcome.FAILED:
            return self._fail(sid)
        if outcome is Outcome.RETRY:
            return Changes(ready=(task,))
        if outcome is Outcome.DEFERRED:
            self.progress[sid] = _Progress.WAITING
            return Changes()
        return self._passed(task)

    def states(self) -> dict[str, SliceState]:
        """Return each slice's state in the terms of the journal."""
        return {
            sid: _REPORTED.get(self.progress[sid], SliceState.PENDING)
            for sid in self.order
        }

    def is_blocked(self, sid: str) -> bool:
        """True when a failed dependency blocked the slice."""
        return self.progress[sid] is _Progress.BLOCKED

    def unfinished(self) -> list[str]:
        """Return the slices that went through a stage but are not verified,
        failed or blocked, such as a converted slice still waiting."""
        return [
            sid
            for sid in self.order
            if self.progress[sid]
            in (_Progress.CONVERTED, _Progress.CHECKING, _Progress.CHECKED)
        ]

    # Shared steps

    def _startable(self) -> list[Task]:
        tasks = []
        for sid in self.order:
            task = self._task_if_ready(sid)
            if task is not None:
                tasks.append(task)
        return tasks

    def _task_if_ready(self, sid: str) -> Task | None:
        """Make ``sid`` ready if it waits and may start; return its task."""
        if self.progress[sid] is not _Progress.WAITING:
            return None
        verified = _Progress.VERIFIED
        if all(self.progress[d] is verified for d in self.deps[sid]):
            self.progress[sid] = _Progress.READY
            return Task(sid, Stage.WHOLE)
        return None

    def _verified(self, sid: str) -> list[Task]:
        """Mark ``sid`` verified; return the queued whole tasks it completes a
        job for, which were prepared without that job."""
        self.progress[sid] = _Progress.VERIFIED
        stale = []
        for index in self.jobs_of[sid]:
            self.unverified[index] -= 1
            if self.unverified[index] != 1:
                continue
            last = next(
                s
                for s in self.jobs[index]
                if self.progress[s] is not _Progress.VERIFIED
            )
            if self.progress[last] is _Progress.READY:
                stale.append(Task(last, Stage.WHOLE))
        return stale

    def _passed(self, task: Task) -> Changes:
        sid = task.slice_id
        stale = self._verified(sid)
        ready = [
            ready
            for dependent in self.dependents[sid]
            if (ready := self._task_if_ready(dependent)) is not None
        ]
        return Changes(ready=self._sorted(ready), stale=_unique(stale))

    def _fail(self, sid: str) -> Changes:
        self.progress[sid] = _Progress.FAILED
        blocked: list[tuple[str, str]] = []
        pending = list(self.dependents[sid])
        while pending:
            dependent = pending.pop()
            if self.progress[dependent] in _TERMINAL:
                continue
            self.progress[dependent] = _Progress.BLOCKED
            blocked.append((dependent, sid))
            pending.extend(self.dependents[dependent])
        return Changes(blocked=tuple(blocked))

    def _sorted(self, tasks: Iterable[Task]) -> tuple[Task, ...]:
        return tuple(sorted(tasks, key=self.key))


class ContractPolicy(Policy):
    """The contract-first policy; see the module docstring.

    Each job runs in the check of one slice, its owner: the last of the
    job's slices in plan order that goes through the contract stages. The
    plan order is topological, so the owner is a slice that no other slice
    of the job depends on. The job's other slices are its partners: the
    owner's check waits until they are converted, and compiles their Java
    with its own. A job with a failed or blocked slice can never run, and
    its owner's check goes on without it.
    """

    schedule = Schedule.CONTRACT

    def __init__(
        self,
        plan: Plan,
        priority: Mapping[str, int],
        jobs: Mapping[int, frozenset[str]] | None = None,
        held: Iterable[str] = (),
    ) -> None:
        super().__init__(plan, priority, jobs)
        self.held = frozenset(held)
        self.staged = {
            sid
            for sid in self.order
            if self.kinds[sid] is SliceKind.PROGRAM and sid not in self.held
        }
        by_id = {item.id: item for item in plan.slices}
        self.convert_deps = {
            sid: contract_dependencies(by_id[sid], self.kinds) for sid in self.order
        }
        # Slices whose conversion, or whose verification, waits for a slice.
        self.waiting_for: dict[str, list[str]] = {
            sid: list(self.dependents[sid]) for sid in self.order
        }
        for sid, deps in self.convert_deps.items():
            for dep in deps:
                if sid not in self.waiting_for[dep]:
                    self.waiting_for[dep].append(sid)
        self.owned: dict[str, list[int]] = {sid: [] for sid in self.order}
        self.owner: dict[int, str] = {}
        rank = {sid: number for number, sid in enumerate(self.order)}
        for index, members in sorted(self.jobs.items()):
            staged = [s for s in members if s in self.staged]
            if staged:
                self.owner[index] = max(staged, key=rank.__getitem__)
                self.owned[self.owner[index]].append(index)
        self.closure = self._program_closures()
        self.needs: dict[str, set[str]] = {}
        self.missing: dict[str, int] = {}
        self.watchers: dict[str, set[str]] = {sid: set() for sid in self.order}
        for sid in self.staged:
            self._count_needs(sid)
        # Slices whose running check compiles or runs Java that was taken
        # back since: its result does not count, and the check runs again.
        self.invalidated: set[str] = set()

    def complete(self, task: Task, outcome: Outcome) -> Changes:
        """Record how ``task`` ended. A check that failed (RETRY) sends its
        slice back to a whole task; see :meth:`_demote`."""
        sid = task.slice_id
        if task.stage is Stage.CHECK and self.progress[sid] is not _Progress.BLOCKED:
            if sid in self.invalidated:
                self.invalidated.discard(sid)
                self.progress[sid] = _Progress.CONVERTED
                again = self._check_if_ready(sid)
                return Changes(ready=(again,) if again else ())
            if outcome is Outcome.RETRY:
                return self._demote(sid)
        return super().complete(task, outcome)

    def check_invalidated(self, sid: str) -> bool:
        """True when the running check of ``sid`` no longer counts."""
        return sid in self.invalidated

    def _demote(self, sid: str) -> Changes:
        """Take a slice whose check failed out of the contract stages. It is
        converted again, with the judge's evidence and the repair loop, as a
        whole task once its dependencies are verified, so that a failure is
        blamed on the slice only when its dependencies are known good. The
        checks that compiled or ran its Java wait for it and run again."""
        self.staged.discard(sid)
        self.progress[sid] = _Progress.WAITING
        for watcher in sorted(self.watchers[sid]):
            state = self.progress[watcher]
            if state in _TERMINAL or watcher not in self.staged:
                continue
            self.missing[watcher] += 1
            if state is _Progress.CHECKING:
                self.invalidated.add(watcher)
            elif state is _Progress.CHECKED:
                self.progress[watcher] = _Progress.CONVERTED
        again = self._task_if_ready(sid)
        return Changes(ready=(again,) if again else ())

    def key(self, task: Task) -> tuple[int, int, str]:
        # A check goes before any conversion. It ends the chain of its slice,
        # and a check held back only lengthens the run's tail.
        rank = 0 if task.stage is Stage.CHECK else 1
        return (rank, -self.priority.get(task.slice_id, 0), task.slice_id)

    def _program_closures(self) -> dict[str, frozenset[str]]:
        """Map each slice to the program slices it depends on, transitively."""
        closure: dict[str, frozenset[str]] = {}
        for sid in self.order:
            found: set[str] = set()
            for dep in self.deps[sid]:
                found |= closure[dep]
                if self.kinds[dep] is SliceKind.PROGRAM:
                    found.add(dep)
            closure[sid] = frozenset(found)
        return closure

    def live_jobs(self, sid: str) -> list[int]:
        """Return the owned jobs of ``sid`` that can still run."""
        dead = (_Progress.FAILED, _Progress.BLOCKED)
        return [
            index
            for index in self.owned[sid]
            if not any(self.progress[s] in dead for s in self.jobs[index])
        ]

    def _count_needs(self, sid: str) -> None:
        """Work out what the check of ``sid`` waits for, and watch it."""
        for old in self.needs.get(sid, ()):
            self.watchers[old].discard(sid)
        needs = set(self.closure[sid])
        for index in self.live_jobs(sid):
            # A slice of the job that depends on ``sid`` is one an earlier
            # run verified; it waits for ``sid`` and runs the job itself.
            needs |= {m for m in self.jobs[index] if sid not in self.closure[m]}
        needs.discard(sid)
        self.needs[sid] = needs
        self.missing[sid] = sum(1 for s in needs if not self._available(s))
        for need in needs:
            self.watchers[need].add(sid)

    def _available(self, sid: str) -> bool:
        """True when the slice's Java exists: converted, or verified."""
        state = self.progress[sid]
        if sid in self.staged:
            return state in (
                _Progress.CONVERTED,
                _Progress.CHECKING,
                _Progress.CHECKED,
                _Progress.VERIFIED,
            )
        return state is _Progress.VERIFIED

    def _needs_check(self, sid: str) -> bool:
        # A slice with no program dependency and no job compiled against its
        # real dependencies already when it was converted.
        return bool(self.closure[sid] or self.owned[sid])

    def _task_if_ready(self, sid: str) -> Task | None:
        if sid not in self.staged:
            return super()._task_if_ready(sid)
        if self.progress[sid] is not _Progress.WAITING:
            return None
        verified = _Progress.VERIFIED
        if all(self.progress[d] is verified for d in self.convert_deps[sid]):
            self.progress[sid] = _Progress.READY
            return Task(sid, Stage.CONVERT)
        return None

    def _passed(self, task: Task) -> Changes:
        sid = task.slice_id
        if task.stage is Stage.WHOLE:
            stale = self._verified(sid)
            ready = self._became_available(sid)
            verified, more, later = self._cascade(sid)
            return Changes(
                ready=self._sorted(ready + more),
                verified=tuple(verified),
                stale=_unique(stale + later),
            )
        if task.stage is Stage.CONVERT:
            self.progress[sid] = _Progress.CONVERTED
            ready = self._became_available(sid)
            if not self._needs_check(sid):
                self.progress[sid] = _Progress.CHECKED
            elif self.missing[sid] == 0:
                self.progress[sid] = _Progress.CHECKING
                ready.append(Task(sid, Stage.CHECK, tuple(self.live_jobs(sid))))
        else:
            self.progress[sid] = _Progress.CHECKED
            ready = []
        verified, more, stale = self._cascade(sid)
        return Changes(
            ready=self._sorted(ready + more),
            verified=tuple(verified),
            stale=_unique(stale),
        )

    def _became_available(self, sid: str) -> list[Task]:
        """Count ``sid`` as converted for every check waiting for it; return
        the checks that may start now."""
        ready = []
        for watcher in sorted(self.watchers[sid]):
            self.missing[watcher] -= 1
            task = self._check_if_ready(watcher)
            if task is not None:
                ready.append(task)
        return ready

    def _check_if_ready(self, sid: str) -> Task | None:
        if self.progress[sid] is not _Progress.CONVERTED or self.missing[sid]:
            return None
        self.progress[sid] = _Progress.CHECKING
        return Task(sid, Stage.CHECK, tuple(self.live_jobs(sid)))

    def _cascade(self, first: str) -> tuple[list[str], list[Task], list[Task]]:
        """Verify every checked slice whose dependencies are all verified,
        starting at ``first``. Return them, dependencies first, the tasks
        that their verification makes ready, and the queued whole tasks it
        makes stale."""
        verified: list[str] = []
        ready: list[Task] = []
        stale: list[Task] = []
        pending = [first]
        while pending:
            sid = pending.pop()
            state = self.progress[sid]
            if state is _Progress.CHECKED and all(
                self.progress[d] is _Progress.VERIFIED for d in self.deps[sid]
            ):
                stale += self._verified(sid)
                verified.append(sid)
                state = _Progress.VERIFIED
            if state is not _Progress.VERIFIED:
                continue
            for dependent in self.waiting_for[sid]:
                task = self._task_if_ready(dependent)
                if task is not None:
                    ready.append(task)
                    if dependent not in self.staged:
                        continue
                pending.append(dependent)
        return verified, ready, stale

    def _fail(self, sid: str) -> Changes:
        changes = super()._fail(sid)
        ready = []
        touched = {sid, *(blocked for blocked, _ in changes.blocked)}
        owners = {
            self.owner[index]
            for member in touched
            for index in self.jobs_of[member]
            if index in self.owner
        }
        for owner in sorted(owners):
            if owner in self.staged and self.progress[owner] not in _TERMINAL:
                self._count_needs(owner)
                task = self._check_if_ready(owner)
                if task is not None:
                    ready.append(task)
        return Changes(ready=self._sorted(ready), blocked=changes.blocked)


def _unique(tasks: list[Task]) -> tuple[Task, ...]:
    return tuple(dict.fromkeys(tasks))
