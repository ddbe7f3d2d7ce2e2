"""The ready queue between the scheduler thread and the agents, and the
clock of each agent's working and idle time.

The queue pairs a free agent with a queued task under one lock, and stamps
both sides of the pairing with one clock reading. So an agent's idle time
splits exactly into the time no task was queued and the time a task was
queued while the agent waited. The second part stays zero as long as a
free agent is never kept from a queued task that it may take.
"""

from __future__ import annotations

import heapq
import itertools
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from migrate.schedule.policy import Task

KeyT = tuple[int, int, str]


@dataclass(frozen=True)
class QueuedTask:
    """A prepared task: the policy's task and the hooks' work item."""

    task: Task
    work: object
    needs_converter: bool


@dataclass
class AgentClock:
    """One agent's times in seconds; changed only under the queue's lock."""

    agent: int
    free: bool = True
    freed_at: float = 0.0
    assigned_at: float = 0.0
    tasks: int = 0
    working: float = 0.0
    idle: float = 0.0
    idle_with_ready: float = 0.0


class ReadyQueue:
    """Prepared tasks, taken in the order of ``key``.

    :meth:`push` gives a task to the lowest-numbered free agent, or queues
    it when every agent is busy. An agent that finishes calls :meth:`take`,
    which returns the first queued task at once or waits for the next push.
    After :meth:`halt_conversion`, tasks that call the converter stay
    queued until the scheduler takes them back with :meth:`withdraw`.
    """

    def __init__(self, clocks: list[AgentClock], key: Callable[[Task], KeyT]) -> None:
        self._clocks = {clock.agent: clock for clock in clocks}
        self._key = key
        self._lock = threading.Lock()
        self._inboxes: dict[int, queue.SimpleQueue[QueuedTask | None]] = {
            clock.agent: queue.SimpleQueue() for clock in clocks
        }
        self._free = sorted(self._clocks)
        # Tasks that call the converter, and the others, so that a halt
        # keeps the first kind without searching the heap.
        self._converting: list[tuple[KeyT, int, QueuedTask]] = []
        self._other: list[tuple[KeyT, int, QueuedTask]] = []
        self._counter = itertools.count()
        self._halted = False
        self._closed = False
        # Since when a task an agent may take has been queued, or None.
        self._ready_since: float | None = None
        self._dispatches: list[tuple[int, str]] = []

    def start(self, now: float) -> None:
        """Start every agent's idle time at ``now``."""
        with self._lock:
            for clock in self._clocks.values():
                clock.freed_at = now

    def push(self, entry: QueuedTask) -> None:
        """Give ``entry`` to a free agent, or queue it."""
        with self._lock:
            now = time.monotonic()
            if self._free and not (entry.needs_converter and self._halted):
                agent = heapq.heappop(self._free)
                self._assign(self._clocks[agent], entry, now)
                self._inboxes[agent].put(entry)
                return
            heap = self._converting if entry.needs_converter else self._other
            heapq.heappush(heap, (self._key(entry.task), next(self._counter), entry))
            if self._ready_since is None and self._takeable():
                self._ready_since = now

    def first(self, agent: int) -> QueuedTask | None:
        """Wait for the agent's first task; return None once closed. Every
        agent starts free, so only a push hands it a task."""
        return self._inboxes[agent].get()

    def take(self, agent: int, halt_conversion: bool = False) -> QueuedTask | None:
        """End the agent's current task and return its next one, waiting
        for a push if none is queued; return None once the queue is closed.
        ``halt_conversion`` halts converter work before choosing, for an
        agent whose converter ran out of budget."""
        with self._lock:
            now = time.monotonic()
            clock = self._clocks[agent]
            clock.working += now - clock.assigned_at
            clock.free = True
            clock.freed_at = now
            if halt_conversion:
                self._halted = True
            if self._closed:
                return None
            entry = self._pop()
            if entry is not None:
                self._assign(clock, entry, now)
                return entry
            heapq.heappush(self._free, agent)
        return self._inboxes[agent].get()

    def withdraw(self, matches: Callable[[QueuedTask], bool]) -> list[QueuedTask]:
        """Take back every queued task that ``matches``, in queue order."""
        with self._lock:
            taken = []
            for name in ("_converting", "_other"):
                heap: list[tuple[KeyT, int, QueuedTask]] = getattr(self, name)
                kept = [row for row in heap if not matches(row[2])]
                taken += [row for row in heap if matches(row[2])]
                heapq.heapify(kept)
                setattr(self, name, kept)
            if not self._takeable():
                self._ready_since = None
            return [row[2] for row in sorted(taken, key=lambda row: row[:2])]

    def halt_conversion(self) -> None:
        """Stop handing out tasks that call the converter."""
        with self._lock:
            self._halted = True
            if not self._takeable():
                self._ready_since = None

    def close(self) -> None:
        """Wake every waiting agent with None; later takes return None."""
        with self._lock:
            self._closed = True
            free, self._free = self._free, []
        for agent in free:
            self._inboxes[agent].put(None)

    def queued(self) -> int:
        """Return how many tasks wait in the queue, halted ones included."""
        with self._lock:
            return len(self._other) + len(self._converting)

    def dispatches(self) -> tuple[tuple[int, str], ...]:
        """Return (agent, slice id) of every task handed out, in order."""
        with self._lock:
            return tuple(self._dispatches)

    def _takeable(self) -> bool:
        return bool(self._other or (self._converting and not self._halted))

    def _pop(self) -> QueuedTask | None:
        heaps = [self._other]
        if not self._halted:
            heaps.append(self._converting)
        heaps = [heap for heap in heaps if heap]
        if not heaps:
            return None
        first = min(heaps, key=lambda heap: heap[0][:2])
        entry = heapq.heappop(first)[2]
        if not self._takeable():
            self._ready_since = None
        return entry

    def _assign(self, clock: AgentClock, entry: QueuedTask, now: float) -> None:
        """Stamp the pairing of a free agent with a task at ``now``."""
        # The agent waited from freed_at; a task it could take was queued
        # from waited_from on.
        waited_from = now
        if self._ready_since is not None:
            waited_from = max(clock.freed_at, min(self._ready_since, now))
        clock.idle += waited_from - clock.freed_at
        clock.idle_with_ready += now - waited_from
        clock.free = False
        clock.assigned_at = now
        clock.tasks += 1
        self._dispatches.append((clock.agent, entry.task.slice_id))
