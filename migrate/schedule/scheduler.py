"""The scheduler: hub and spoke over the plan's slices.

The scheduler thread owns every piece of run state: the ready set, the
slice states and, through its hooks, the journal and the git refs. Each
agent is a worker thread that takes one task, works on it, and sends the
result back. A worker never touches shared state and never talks to
another worker. A free agent gets the ready slice with the longest
remaining path (ties broken by slice id), so no agent waits while a slice
is ready. A failed slice blocks only the slices that depend on it.
"""

from __future__ import annotations

import enum
import heapq
import logging
import queue
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from migrate.model import Plan, Slice, SliceState

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
    """The result of :meth:`SliceHooks.finish`: the slice's new state.

    ``retry`` puts the slice back in the ready set, for a slice whose
    verification became incomplete while it ran. ``budget_exhausted`` stops
    the scheduler from handing out more converter work; the slice stays
    pending.
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


class EventKind(enum.Enum):
    STARTED = "started"
    PHASE = "phase"
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


@dataclass(frozen=True)
class AgentReport:
    """The time one agent spent working and idle, in seconds."""

    agent: int
    slices: int
    working: float
    # Idle because no slice was ready.
    idle: float
    # Idle although a slice was ready: the scheduler's own latency.
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
    # (agent, slice id) in the order the slices went out.
    dispatches: tuple[tuple[int, str], ...]
    agents: tuple[AgentReport, ...]
    elapsed: float
    budget_exhausted: bool

    def count(self, state: SliceState) -> int:
        """Return how many slices ended in ``state``."""
        return sum(1 for _, value in self.states if value is state)


@dataclass
class _Agent:
    number: int
    inbox: queue.Queue[tuple[Slice, object] | None]
    slice_id: str | None = None
    freed_at: float = 0.0
    started_at: float = 0.0
    slices: int = 0
    working: float = 0.0
    idle: float = 0.0
    idle_with_ready: float = 0.0


@dataclass(frozen=True)
class _Phase:
    agent: int
    slice_id: str
    phase: str


@dataclass(frozen=True)
class _Done:
    agent: int
    slice_id: str
    result: object
    error: str
    finished_at: float


@dataclass
class _Progress:
    """The scheduler thread's own state of one run."""

    states: dict[str, SliceState]
    ready: list[tuple[int, str]] = field(default_factory=list)
    ready_since: float | None = None
    results: deque[_Done] = field(default_factory=deque)
    skipped: list[str] = field(default_factory=list)
    dispatches: list[tuple[int, str]] = field(default_factory=list)
    budget_exhausted: bool = False


class Scheduler(Generic[TaskT, ResultT]):
    """Runs the slices of a plan on ``agents`` worker threads."""

    def __init__(
        self,
        plan: Plan,
        agents: int,
        hooks: SliceHooks[TaskT, ResultT],
        priority: Mapping[str, int],
        on_event: Callable[[Event], None] = lambda event: None,
    ) -> None:
        self._slices = {item.id: item for item in plan.slices}
        self._order = [item.id for item in plan.slices]
        self._deps = {
            item.id: {d for d in item.depends_on if d in self._slices}
            for item in plan.slices
        }
        self._dependents: dict[str, list[str]] = {sid: [] for sid in self._slices}
        for sid, deps in self._deps.items():
            for dep in deps:
                self._dependents[dep].append(sid)
        self._hooks = hooks
        self._priority = priority
        self._on_event = on_event
        self._outbox: queue.Queue[_Phase | _Done] = queue.Queue()
        self._agents = [_Agent(n, queue.Queue()) for n in range(1, max(1, agents) + 1)]
        self._progress = _Progress({sid: SliceState.PENDING for sid in self._slices})

    def run(self) -> ScheduleReport:
        """Schedule every slice and return when none can go on."""
        started = time.monotonic()
        threads = [self._start_worker(agent, started) for agent in self._agents]
        try:
            for sid in self._order:
                if not self._deps[sid]:
                    self._make_ready(sid)
            self._loop()
        finally:
            for agent in self._agents:
                agent.inbox.put(None)
        for thread in threads:
            thread.join()
        return self._report(started)

    def _start_worker(self, agent: _Agent, started: float) -> threading.Thread:
        agent.freed_at = started
        thread = threading.Thread(
            target=self._work_loop,
            args=(agent,),
            name=f"agent-{agent.number}",
            daemon=True,
        )
        thread.start()
        return thread

    def _work_loop(self, agent: _Agent) -> None:
        # Worker thread: reads only its inbox and writes only the outbox.
        while True:
            assignment = agent.inbox.get()
            if assignment is None:
                return
            item, task = assignment

            def report(phase: str, sid: str = item.id) -> None:
                self._outbox.put(_Phase(agent.number, sid, phase))

            try:
                result: object = self._hooks.work(task, report)  # type: ignore[arg-type]
                error = ""
            except Exception:  # noqa: BLE001 - recorded on the slice, never hidden
                result, error = None, traceback.format_exc()
            self._outbox.put(
                _Done(agent.number, item.id, result, error, time.monotonic())
            )

    def _loop(self) -> None:
        # Results are recorded before the next hand-out, so that a slice
        # whose dependency was just verified competes on its priority.
        # Recording a result costs a commit, tens of milliseconds, and that
        # is the only time an agent waits while a slice is ready.
        progress = self._progress
        while True:
            self._dispatch()
            if not any(agent.slice_id for agent in self._agents):
                # Every agent is free, so the dispatch emptied the ready set.
                return
            self._collect(block=True)
            while progress.results:
                self._finish(progress.results.popleft())

    def _collect(self, block: bool) -> None:
        """Take every message the workers sent; wait for one if ``block``."""
        try:
            if block:
                message = self._outbox.get(timeout=TICK_SECONDS)
            else:
                message = self._outbox.get_nowait()
        except queue.Empty:
            if block:
                self._on_event(Event(EventKind.TICK))
            return
        while True:
            self._receive(message)
            try:
                message = self._outbox.get_nowait()
            except queue.Empty:
                return

    def _receive(self, message: _Phase | _Done) -> None:
        if isinstance(message, _Phase):
            self._on_event(
                Event(EventKind.PHASE, message.slice_id, message.agent, message.phase)
            )
            return
        agent = self._agents[message.agent - 1]
        agent.working += message.finished_at - agent.started_at
        agent.freed_at = message.finished_at
        agent.slice_id = None
        self._progress.results.append(message)

    def _dispatch(self) -> None:
        progress = self._progress
        while progress.ready:
            agent = next((a for a in self._agents if a.slice_id is None), None)
            if agent is None:
                return
            _, sid = heapq.heappop(progress.ready)
            ready_since = progress.ready_since or time.monotonic()
            if not progress.ready:
                progress.ready_since = None
            item = self._slices[sid]
            if progress.budget_exhausted and self._hooks.needs_converter(item):
                self._on_event(
                    Event(EventKind.DEFERRED, sid, detail="budget exhausted")
                )
                continue
            began = time.monotonic()
            task = self._hooks.prepare(item)
            logger.debug("prepared slice %s in %.3fs", sid, time.monotonic() - began)
            if isinstance(task, Skip):
                progress.skipped.append(sid)
                self._resolve(sid, SliceState.VERIFIED)
                self._on_event(Event(EventKind.SKIPPED, sid, detail=task.reason))
                continue
            self._assign(agent, item, task, ready_since)

    def _assign(
        self, agent: _Agent, item: Slice, task: object, ready_since: float
    ) -> None:
        now = time.monotonic()
        waited_from = max(agent.freed_at, ready_since)
        agent.idle += max(0.0, waited_from - agent.freed_at)
        agent.idle_with_ready += max(0.0, now - waited_from)
        agent.slice_id = item.id
        agent.started_at = now
        agent.slices += 1
        self._progress.states[item.id] = SliceState.RUNNING
        self._progress.dispatches.append((agent.number, item.id))
        self._hooks.started(item, agent.number)
        self._on_event(Event(EventKind.STARTED, item.id, agent.number))
        agent.inbox.put((item, task))

    def _finish(self, done: _Done) -> None:
        item = self._slices[done.slice_id]
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
        if finished.budget_exhausted:
            self._progress.budget_exhausted = True
        if finished.retry:
            self._on_event(
                Event(EventKind.RETRY, item.id, done.agent, finished.summary)
            )
            self._progress.states[item.id] = SliceState.PENDING
            self._make_ready(item.id)
            return
        kind = {
            SliceState.VERIFIED: EventKind.VERIFIED,
            SliceState.FAILED: EventKind.FAILED,
        }.get(finished.state, EventKind.DEFERRED)
        self._on_event(Event(kind, item.id, done.agent, finished.summary))
        self._resolve(item.id, finished.state)

    def _resolve(self, sid: str, state: SliceState) -> None:
        states = self._progress.states
        states[sid] = state
        if state is SliceState.VERIFIED:
            for dependent in self._dependents[sid]:
                if all(states[d] is SliceState.VERIFIED for d in self._deps[dependent]):
                    self._make_ready(dependent)
        elif state is SliceState.FAILED:
            self._block_dependents(sid)

    def _block_dependents(self, failed: str) -> None:
        pending = list(self._dependents[failed])
        while pending:
            sid = pending.pop()
            if self._progress.states[sid] is not SliceState.PENDING:
                continue
            self._progress.states[sid] = SliceState.BLOCKED
            self._hooks.block(self._slices[sid], failed)
            self._on_event(
                Event(EventKind.BLOCKED, sid, detail=f"slice {failed} failed")
            )
            pending.extend(self._dependents[sid])

    def _make_ready(self, sid: str) -> None:
        progress = self._progress
        if not progress.ready:
            progress.ready_since = time.monotonic()
        # heapq pops the smallest: the longest remaining path, then the id.
        heapq.heappush(progress.ready, (-self._priority.get(sid, 0), sid))

    def _report(self, started: float) -> ScheduleReport:
        end = time.monotonic()
        agents = []
        for agent in self._agents:
            idle = agent.idle + (
                end - agent.freed_at if agent.slice_id is None else 0.0
            )
            agents.append(
                AgentReport(
                    agent.number,
                    agent.slices,
                    agent.working,
                    idle,
                    agent.idle_with_ready,
                )
            )
        progress = self._progress
        return ScheduleReport(
            states=tuple((sid, progress.states[sid]) for sid in self._order),
            skipped=tuple(progress.skipped),
            dispatches=tuple(progress.dispatches),
            agents=tuple(agents),
            elapsed=end - started,
            budget_exhausted=progress.budget_exhausted,
        )
