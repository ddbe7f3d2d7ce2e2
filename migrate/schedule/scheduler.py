"""The scheduler: hub and spoke over the plan's slices.

The scheduler thread, the hub, owns every piece of run state: the policy's
slice states and, through its hooks, the journal and the git refs. Each
agent is a worker thread that takes one task from the ready queue, works on
it, and sends the result back. A worker never touches other shared state
and never talks to another worker.

The hub prepares a task's inputs as soon as the policy makes the task
ready, and puts it in the ready queue. A free agent takes the queued task
that sorts first (by default the longest remaining path, ties broken by
slice id). An agent that finishes takes its next task from the queue at
once, before the hub has recorded its result. Recording writes the journal
and a commit, and it only ever makes more tasks ready, so no agent waits
for it while a task is queued. A failed slice blocks only the slices that
depend on it.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import queue
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar, cast, runtime_checkable

from migrate.model import Plan, Slice, SliceState
from migrate.schedule.policy import Changes, Outcome, Policy, Stage, Task
from migrate.schedule.ready import AgentClock, QueuedTask, ReadyQueue

logger = logging.getLogger(__name__)

TaskT = TypeVar("TaskT")
ResultT = TypeVar("ResultT")

# Seconds between wake-ups of an idle scheduler, which refresh the live view.
TICK_SECONDS = 0.25


@dataclass(frozen=True)
class Skip:
    """The result of :meth:`SliceHooks.prepare` for a slice that needs no
    work, such as one verified by an earlier run with the same inputs."""

    reason: str


@dataclass(frozen=True)
class Finished:
    """The result of :meth:`SliceHooks.finish`: the state the task leads to.

    For the convert and check tasks of a contract-first run, VERIFIED means
    that the task passed; the slice is verified when the scheduler calls
    :meth:`StagedHooks.verify`. ``retry`` runs the task again, for a slice
    whose verification became incomplete while it ran. ``budget_exhausted``
    stops the scheduler from handing out more converter work; the slice
    stays pending.
    """

    state: SliceState
    summary: str = ""
    retry: bool = False
    budget_exhausted: bool = False


class SliceHooks(Protocol[TaskT, ResultT]):
    """The callbacks a run gives the scheduler. Every method but
    :meth:`work` runs in the scheduler thread."""

    def prepare(self, item: Slice) -> TaskT | Skip:
        """Return the task of a ready slice, or a :class:`Skip`."""
        ...

    def started(self, item: Slice, agent: int) -> None:
        """Record that ``agent`` took the slice."""
        ...

    def work(self, task: TaskT, report: Callable[[str], None]) -> ResultT:
        """Do the task in a worker thread; ``report`` names each phase."""
        ...

    def finish(self, item: Slice, result: ResultT) -> Finished:
        """Record a worker's result and return the slice's new state."""
        ...

    def crashed(self, item: Slice, error: str) -> Finished:
        """Record a worker that raised instead of returning a result."""
        ...

    def block(self, item: Slice, failed: str) -> None:
        """Record that ``item`` is blocked by the failed slice ``failed``."""
        ...

    def needs_converter(self, item: Slice) -> bool:
        """True when the slice's task calls the converter."""
        ...


class StagedHooks(SliceHooks[TaskT, ResultT], Protocol):
    """The further callbacks of a contract-first run."""

    def prepare_stage(self, item: Slice, task: Task) -> TaskT:
        """Return the convert or check task of a slice."""
        ...

    def verify(self, item: Slice) -> Finished:
        """Verify and commit a slice whose stages passed and whose
        dependencies are verified."""
        ...

    def release(self, item: Slice) -> None:
        """Record that a converted slice is left unverified by this run."""
        ...


@runtime_checkable
class _HaltsConversion(Protocol):
    budget_exhausted: bool


class EventKind(enum.Enum):
    STARTED = "started"
    PHASE = "phase"
    # Contract-first: converted against interface stubs.
    CONVERTED = "converted"
    # Contract-first: compiled with the real callees and ran its jobs.
    CHECKED = "checked"
    VERIFIED = "verified"
    FAILED = "failed"
    SKIPPED = "skipped"
    BLOCKED = "blocked"
    DEFERRED = "deferred"
    RETRY = "retry"
    TICK = "tick"


@dataclass(frozen=True)
class Event:
    """Something the live view or the log shows."""

    kind: EventKind
    slice_id: str = ""
    agent: int = 0
    detail: str = ""
    # Tasks queued for the next free agent when the event was sent.
    ready: int = 0


@dataclass(frozen=True)
class AgentReport:
    """The time one agent spent working and idle, in seconds."""

    agent: int
    slices: int
    working: float
    # Idle because no task was queued.
    idle: float
    # Idle although a task was queued: the scheduler's fault, and zero
    # unless an agent is kept from the ready queue.
    idle_with_ready: float

    @property
    def utilisation(self) -> float:
        total = self.working + self.idle + self.idle_with_ready
        return self.working / total if total > 0 else 0.0


@dataclass(frozen=True)
class ScheduleReport:
    """The outcome of scheduling one run."""

    states: tuple[tuple[str, SliceState], ...]
    skipped: tuple[str, ...]
    # (agent, slice id) in the order the tasks went out.
    dispatches: tuple[tuple[int, str], ...]
    agents: tuple[AgentReport, ...]
    elapsed: float
    budget_exhausted: bool
    schedule: str = "topological"
    # Wall and CPU seconds the scheduler thread spent on its own work:
    # recording results, preparing tasks, events. Waiting is not counted.
    hub_seconds: float = 0.0
    hub_cpu_seconds: float = 0.0

    def count(self, state: SliceState) -> int:
        """Return how many slices ended in ``state``."""
        return sum(1 for _, value in self.states if value is state)

    @property
    def work_seconds(self) -> float:
        """The agents' working time, summed."""
        return sum(agent.working for agent in self.agents)

    @property
    def efficiency(self) -> float:
        """The scaling efficiency: total work / (agents x elapsed time)."""
        span = len(self.agents) * self.elapsed
        return self.work_seconds / span if span > 0 else 0.0

    def accounting_json(self) -> dict[str, object]:
        """Return the run's and each agent's times as JSON-ready values."""
        tasks = len(self.dispatches)
        return {
            "schedule": self.schedule,
            "elapsed_seconds": round(self.elapsed, 3),
            "work_seconds": round(self.work_seconds, 3),
            "idle_seconds": round(sum(a.idle for a in self.agents), 3),
            "idle_with_ready_seconds": round(
                sum(a.idle_with_ready for a in self.agents), 6
            ),
            "scaling_efficiency": round(self.efficiency, 4),
            "tasks": tasks,
            "scheduler_seconds": round(self.hub_seconds, 3),
            "scheduler_cpu_seconds": round(self.hub_cpu_seconds, 3),
            "scheduler_seconds_per_task": round(self.hub_seconds / tasks, 6)
            if tasks
            else 0.0,
            "agents": [
                {
                    "agent": agent.agent,
                    "slices": agent.slices,
                    "working_seconds": round(agent.working, 3),
                    "idle_seconds": round(agent.idle, 3),
                    "idle_with_ready_seconds": round(agent.idle_with_ready, 6),
                }
                for agent in self.agents
            ],
        }


@dataclass(frozen=True)
class _Phase:
    agent: int
    slice_id: str
    phase: str


@dataclass(frozen=True)
class _Started:
    agent: int
    entry: QueuedTask


@dataclass(frozen=True)
class _Done:
    agent: int
    entry: QueuedTask
    result: object
    error: str


@dataclass
class _Run:
    """The scheduler thread's own state of one run."""

    skipped: list[str] = field(default_factory=list)
    # Tasks in the ready queue or on an agent.
    outstanding: int = 0
    budget_exhausted: bool = False
    hub_seconds: float = 0.0


_OUTCOMES = {
    SliceState.VERIFIED: Outcome.PASSED,
    SliceState.FAILED: Outcome.FAILED,
}
_PASSED_EVENTS = {
    Stage.WHOLE: EventKind.VERIFIED,
    Stage.CONVERT: EventKind.CONVERTED,
    Stage.CHECK: EventKind.CHECKED,
}


def useful_agents(requested: int, slices: int) -> int:
    """Return how many agent threads to start: at least one, and no more
    than there are slices, because a slice has one task out at a time."""
    agents = min(max(1, requested), max(1, slices))
    if agents < requested:
        logger.info(
            "%d agents requested, but the plan has %d slices: starting %d agents",
            requested,
            slices,
            agents,
        )
    return agents


class Scheduler(Generic[TaskT, ResultT]):
    """Runs the slices of a plan on ``agents`` worker threads.

    ``policy`` decides what is ready; without one, the topological policy
    orders ready slices by ``priority``. A contract-first policy needs
    hooks that also implement :class:`StagedHooks`.
    """

    def __init__(
        self,
        plan: Plan,
        agents: int,
        hooks: SliceHooks[TaskT, ResultT],
        priority: Mapping[str, int],
        on_event: Callable[[Event], None] = lambda event: None,
        policy: Policy | None = None,
    ) -> None:
        self._slices = {item.id: item for item in plan.slices}
        self._hooks = hooks
        self._policy = policy if policy is not None else Policy(plan, priority)
        self._listener = on_event
        self._outbox: queue.Queue[_Phase | _Started | _Done] = queue.Queue()
        agents = useful_agents(agents, len(plan.slices))
        self._clocks = [AgentClock(n) for n in range(1, agents + 1)]
        self._queue = ReadyQueue(self._clocks, self._policy.key)
        self._run = _Run()

    def _on_event(self, event: Event) -> None:
        self._listener(dataclasses.replace(event, ready=self._queue.queued()))

    def run(self) -> ScheduleReport:
        """Schedule every slice and return when none can go on."""
        # The clock starts once every agent's thread is started, so that starting
        # a thousand threads does not count as the agents' time.
        threads = [self._start_worker(clock) for clock in self._clocks]
        started = time.monotonic()
        cpu_started = time.thread_time()
        self._queue.start(started)
        try:
            self._apply(self._policy.start())
            self._run.hub_seconds += time.monotonic() - started
            self._loop()
            self._release_unfinished()
        finally:
            self._queue.close()
        for thread in threads:
            thread.join()
        return self._report(started, time.thread_time() - cpu_started)

    def _start_worker(self, clock: AgentClock) -> threading.Thread:
        thread = threading.Thread(
            target=self._work_loop,
            args=(clock.agent,),
            name=f"agent-{clock.agent}",
            daemon=True,
        )
        thread.start()
        return thread

    def _work_loop(self, agent: int) -> None:
        # Worker thread: takes from the ready queue, writes only the outbox.
        entry = self._queue.first(agent)
        while entry is not None:
            self._outbox.put(_Started(agent, entry))

            def report(phase: str, sid: str = entry.task.slice_id) -> None:
                self._outbox.put(_Phase(agent, sid, phase))

            try:
                result: object = self._hooks.work(entry.work, report)  # type: ignore[arg-type]
                error = ""
            except Exception:  # noqa: BLE001 - recorded on the slice, never hidden
                result, error = None, traceback.format_exc()
            halt = isinstance(result, _HaltsConversion) and result.budget_exhausted
            self._outbox.put(_Done(agent, entry, result, error))
            entry = self._queue.take(agent, halt_conversion=halt)

    def _loop(self) -> None:
        run = self._run
        while run.outstanding:
            try:
                message = self._outbox.get(timeout=TICK_SECONDS)
            except queue.Empty:
                self._on_event(Event(EventKind.TICK))
                continue
            began = time.monotonic()
            while True:
                self._receive(message)
                try:
                    message = self._outbox.get_nowait()
                except queue.Empty:
                    break
            run.hub_seconds += time.monotonic() - began

    def _receive(self, message: _Phase | _Started | _Done) -> None:
        if isinstance(message, _Phase):
            self._on_event(
                Event(EventKind.PHASE, message.slice_id, message.agent, message.phase)
            )
        elif isinstance(message, _Started):
            item = self._slices[message.entry.task.slice_id]
            self._hooks.started(item, message.agent)
            self._on_event(Event(EventKind.STARTED, item.id, message.agent))
        else:
            self._run.outstanding -= 1
            self._finish(message)

    def _finish(self, done: _Done) -> None:
        task = done.entry.task
        item = self._slices[task.slice_id]
        if done.error:
            logger.error(
                "agent %d crashed on slice %s:\n%s", done.agent, item.id, done.error
            )
            finished = self._hooks.crashed(item, done.error)
        else:
            began = time.monotonic()
            finished = self._hooks.finish(item, done.result)  # type: ignore[arg-type]
            logger.debug(
                "recorded slice %s in %.3fs", item.id, time.monotonic() - began
            )
        if finished.budget_exhausted and not self._run.budget_exhausted:
            self._halt_conversion()
        outcome = self._outcome(finished)
        if not self._policy.is_blocked(item.id):
            self._announce(task, outcome, done.agent, finished.summary)
        else:
            # The slice was counted blocked already; this frees its agent.
            self._on_event(
                Event(EventKind.BLOCKED, item.id, done.agent, "blocked while it ran")
            )
        self._apply(self._policy.complete(task, outcome))

    @staticmethod
    def _outcome(finished: Finished) -> Outcome:
        if finished.retry:
            return Outcome.RETRY
        return _OUTCOMES.get(finished.state, Outcome.DEFERRED)

    def _announce(self, task: Task, outcome: Outcome, agent: int, detail: str) -> None:
        sid = task.slice_id
        if outcome is Outcome.PASSED:
            kind = _PASSED_EVENTS[task.stage]
        elif outcome is Outcome.FAILED:
            kind = EventKind.FAILED
        elif outcome is Outcome.RETRY:
            kind = EventKind.RETRY
        else:
            kind = EventKind.DEFERRED
        self._on_event(Event(kind, sid, agent, detail))

    def _halt_conversion(self) -> None:
        """Stop handing out converter work, and take back what is queued."""
        self._run.budget_exhausted = True
        self._queue.halt_conversion()
        for entry in self._queue.withdraw(lambda queued: queued.needs_converter):
            self._run.outstanding -= 1
            sid = entry.task.slice_id
            self._on_event(Event(EventKind.DEFERRED, sid, detail="budget exhausted"))
            self._apply(self._policy.complete(entry.task, Outcome.DEFERRED))

    def _apply(self, changes: Changes) -> None:
        """Act on what an outcome changed: record blocked slices, verify
        slices, and prepare and queue the tasks that are ready."""
        for sid, failed in changes.blocked:
            self._hooks.block(self._slices[sid], failed)
            self._on_event(
                Event(EventKind.BLOCKED, sid, detail=f"slice {failed} failed")
            )
        if changes.blocked:
            # A contract-first slice may be queued when a dependency fails.
            blocked = {sid for sid, _ in changes.blocked}
            withdrawn = self._queue.withdraw(lambda q: q.task.slice_id in blocked)
            self._run.outstanding -= len(withdrawn)
        for sid in changes.verified:
            finished = self._staged().verify(self._slices[sid])
            self._on_event(Event(EventKind.VERIFIED, sid, detail=finished.summary))
        stale = {task.slice_id for task in changes.stale}
        withdrawn = self._queue.withdraw(lambda q: q.task.slice_id in stale)
        self._run.outstanding -= len(withdrawn)
        for entry in withdrawn:
            self._enqueue(entry.task)
        for task in changes.ready:
            self._enqueue(task)

    def _enqueue(self, task: Task) -> None:
        item = self._slices[task.slice_id]
        began = time.monotonic()
        if task.stage is Stage.WHOLE:
            work: object = self._hooks.prepare(item)
        else:
            work = self._staged().prepare_stage(item, task)
        logger.debug("prepared slice %s in %.3fs", item.id, time.monotonic() - began)
        if isinstance(work, Skip):
            self._run.skipped.append(item.id)
            self._on_event(Event(EventKind.SKIPPED, item.id, detail=work.reason))
            self._apply(self._policy.complete(task, Outcome.PASSED))
            return
        converter = task.stage is not Stage.CHECK and self._hooks.needs_converter(item)
        if converter and self._run.budget_exhausted:
            self._on_event(
                Event(EventKind.DEFERRED, item.id, detail="budget exhausted")
            )
            self._apply(self._policy.complete(task, Outcome.DEFERRED))
            return
        self._run.outstanding += 1
        self._queue.push(QueuedTask(task, work, converter))

    def _staged(self) -> StagedHooks[TaskT, ResultT]:
        return cast(StagedHooks[TaskT, ResultT], self._hooks)

    def _release_unfinished(self) -> None:
        for sid in self._policy.unfinished():
            self._staged().release(self._slices[sid])

    def _report(self, started: float, hub_cpu: float) -> ScheduleReport:
        end = time.monotonic()
        agents = tuple(
            AgentReport(
                clock.agent,
                clock.tasks,
                clock.working,
                clock.idle + (end - clock.freed_at if clock.free else 0.0),
                clock.idle_with_ready,
            )
            for clock in self._clocks
        )
        states = self._policy.states()
        return ScheduleReport(
            states=tuple((sid, states[sid]) for sid in self._policy.order),
            skipped=tuple(self._run.skipped),
            dispatches=self._queue.dispatches(),
            agents=agents,
            elapsed=end - started,
            budget_exhausted=self._run.budget_exhausted,
            schedule=self._policy.schedule.value,
            hub_seconds=self._run.hub_seconds,
            hub_cpu_seconds=hub_cpu,
        )
