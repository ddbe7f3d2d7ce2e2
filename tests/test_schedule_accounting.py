"""Per-agent accounting of the scheduler: working, idle with no task queued,
and idle although a task was queued, which must be exactly zero.

The converter here is a real implementation of the Converter protocol that
sleeps a fixed time before it returns its Java, and each slice goes
through the real judge (javac) and real commits."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from test_scheduler import World, java_program, make_world, program_slice

from migrate.convert.rules.names import java_class_name
from migrate.model import Conversion, ConversionRequest, JavaSource, SliceState
from migrate.plan import contract_remaining_path_lengths, remaining_path_lengths
from migrate.schedule.contract import ContractSession
from migrate.schedule.policy import ContractPolicy, Stage, Task
from migrate.schedule.ready import AgentClock, QueuedTask, ReadyQueue
from migrate.schedule.scheduler import Scheduler, ScheduleReport

SLEEP_SECONDS = 0.4


@dataclass
class SleepingConverter:
    """Sleeps ``SLEEP_SECONDS``, then writes a class per program that prints
    what the COBOL of the test estate prints."""

    name: str = "sleeping"
    seconds: float = SLEEP_SECONDS
    converted: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def convert(self, request: ConversionRequest) -> Conversion:
        time.sleep(self.seconds)
        with self.lock:
            self.converted.append(request.slice.id)
        sources = tuple(
            JavaSource(f"migrated/{java_class_name(p)}.java", java_program(p))
            for p in request.slice.programs
        )
        return Conversion(request.slice.id, sources, converter=self.name)

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.0


def fan_out_slices() -> list:  # type: ignore[type-arg]
    # Five slices ready at once after the runtime, two that wait for them.
    slices = [
        program_slice(name, size)
        for name, size in (
            ("ALPHA", 9),
            ("BRAVO", 8),
            ("CHARLIE", 7),
            ("DELTA", 6),
            ("ECHO", 5),
        )
    ]
    slices.append(program_slice("FOXTROT", 4, ("alpha", "bravo")))
    slices.append(program_slice("GOLF", 3, ("charlie",)))
    return slices


def topological(world: World, agents: int) -> ScheduleReport:
    priority = remaining_path_lengths(world.plan)
    return Scheduler(world.plan, agents, world.session, priority).run()


def contract(world: World, agents: int) -> ScheduleReport:
    hooks = ContractSession(world.session)
    policy = ContractPolicy(
        world.plan, contract_remaining_path_lengths(world.plan), held=hooks.held()
    )
    return Scheduler(world.plan, agents, hooks, {}, policy=policy).run()


def test_topological_idle_with_ready_zero(tmp_path: Path) -> None:
    world = make_world(tmp_path, fan_out_slices(), SleepingConverter())  # type: ignore[arg-type]
    report = topological(world, agents=2)
    assert report.count(SliceState.VERIFIED) == 8
    for agent in report.agents:
        assert agent.idle_with_ready == 0.0, agent
        assert agent.slices > 0, agent


def test_contract_idle_with_ready_zero(tmp_path: Path) -> None:
    world = make_world(tmp_path, fan_out_slices(), SleepingConverter())  # type: ignore[arg-type]
    report = contract(world, agents=3)
    assert report.count(SliceState.VERIFIED) == 8
    for agent in report.agents:
        assert agent.idle_with_ready == 0.0, agent


def test_working_covers_converter_sleep(tmp_path: Path) -> None:
    converter = SleepingConverter()
    world = make_world(tmp_path, fan_out_slices(), converter)  # type: ignore[arg-type]
    report = topological(world, agents=2)
    tasks = {agent.agent: 0 for agent in report.agents}
    for agent, slice_id in report.dispatches:
        if slice_id != "runtime":
            tasks[agent] += 1
    for agent in report.agents:
        assert agent.working >= tasks[agent.agent] * SLEEP_SECONDS, agent
        total = agent.working + agent.idle + agent.idle_with_ready
        assert abs(total - report.elapsed) < 0.05, agent
    assert sorted(converter.converted) == sorted(
        s.id for s in world.plan.slices if s.id != "runtime"
    )


def test_efficiency_is_work_over_span(tmp_path: Path) -> None:
    world = make_world(tmp_path, fan_out_slices(), SleepingConverter())  # type: ignore[arg-type]
    report = topological(world, agents=2)
    work = sum(agent.working for agent in report.agents)
    assert report.work_seconds == work
    assert report.efficiency == work / (2 * report.elapsed)
    assert 0.0 < report.efficiency <= 1.0


def test_chain_second_agent_idle_without_ready(tmp_path: Path) -> None:
    slices = [
        program_slice("ALPHA", 3),
        program_slice("BRAVO", 2, ("alpha",)),
        program_slice("CHARLIE", 1, ("bravo",)),
    ]
    world = make_world(tmp_path, slices, SleepingConverter())  # type: ignore[arg-type]
    report = topological(world, agents=2)
    second = report.agents[1]
    assert second.slices == 0
    assert second.working == 0.0
    assert second.idle_with_ready == 0.0
    assert abs(second.idle - report.elapsed) < 0.05


def test_accounting_json_sums_agents(tmp_path: Path) -> None:
    world = make_world(tmp_path, fan_out_slices(), SleepingConverter())  # type: ignore[arg-type]
    report = topological(world, agents=2)
    data = report.accounting_json()
    agents = data["agents"]
    assert isinstance(agents, list)
    assert [row["agent"] for row in agents] == [1, 2]
    assert data["schedule"] == "topological"
    assert data["idle_with_ready_seconds"] == 0.0
    assert data["tasks"] == len(report.dispatches)
    assert data["scaling_efficiency"] == round(report.efficiency, 4)
    assert abs(data["work_seconds"] - sum(r["working_seconds"] for r in agents)) < 0.01
    assert data["scheduler_seconds"] >= 0.0


def queued(slice_id: str) -> QueuedTask:
    return QueuedTask(Task(slice_id, Stage.WHOLE), slice_id, needs_converter=True)


def test_ready_queue_gives_lowest_free_agent() -> None:
    clocks = [AgentClock(1), AgentClock(2), AgentClock(3)]
    ready = ReadyQueue(clocks, key=lambda task: (0, 0, task.slice_id))
    ready.start(time.monotonic())
    ready.push(queued("alpha"))
    ready.push(queued("bravo"))
    assert ready.first(1) == queued("alpha")
    assert ready.first(2) == queued("bravo")
    assert [clock.free for clock in clocks] == [False, False, True]
    assert ready.dispatches() == ((1, "alpha"), (2, "bravo"))
    ready.close()


def test_ready_queue_finisher_takes_queued() -> None:
    clocks = [AgentClock(1)]
    ready = ReadyQueue(clocks, key=lambda task: (0, 0, task.slice_id))
    ready.start(time.monotonic())
    ready.push(queued("alpha"))
    assert ready.first(1) == queued("alpha")
    # Queued while the only agent is busy, in key order.
    ready.push(queued("delta"))
    ready.push(queued("charlie"))
    time.sleep(0.05)
    assert ready.take(1) == queued("charlie")
    assert clocks[0].idle_with_ready == 0.0
    assert clocks[0].working >= 0.05
    ready.close()


def test_ready_queue_halt_keeps_converter_work() -> None:
    clocks = [AgentClock(1)]
    ready = ReadyQueue(clocks, key=lambda task: (0, 0, task.slice_id))
    ready.start(time.monotonic())
    ready.push(queued("alpha"))
    assert ready.first(1) == queued("alpha")
    ready.push(queued("bravo"))
    other = QueuedTask(Task("check", Stage.CHECK), "check", needs_converter=False)
    ready.push(other)
    assert ready.take(1, halt_conversion=True) == other
    withdrawn = ready.withdraw(lambda entry: entry.needs_converter)
    assert withdrawn == [queued("bravo")]
    ready.close()
    assert ready.take(1) is None
