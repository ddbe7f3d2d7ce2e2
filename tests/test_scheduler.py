"""The scheduler with hand-built plans: priority order, no idle agent while
a slice is ready, failures that block only their dependents, and agents
that work in parallel."""

from __future__ import annotations

import io
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rich.console import Console

from migrate.commit import EstateRepo, init_repository
from migrate.config import load_config
from migrate.convert import BudgetExhausted
from migrate.convert.rules.names import java_class_name
from migrate.discover import discover
from migrate.graph import build_model
from migrate.judge.cobol import build_library
from migrate.judge.sandbox import Sandbox, detect_isolation
from migrate.judge.verify import Judge
from migrate.model import (
    Conversion,
    ConversionRequest,
    JavaSource,
    NodeKind,
    Plan,
    Slice,
    SliceKind,
    SliceState,
)
from migrate.parse.jcl import parse_jcl
from migrate.plan import remaining_path_lengths
from migrate.schedule.journal import Journal
from migrate.schedule.live import LiveView, LogView
from migrate.schedule.scheduler import Event, EventKind, Scheduler, ScheduleReport
from migrate.schedule.session import RunSession
from migrate.schedule.worker import SliceWorker

# A one-class runtime keeps javac fast; the real one is tested elsewhere.
TINY_RUNTIME = (
    JavaSource(
        "migrate/runtime/Marker.java",
        "package migrate.runtime;\npublic final class Marker {}\n",
    ),
)


def cobol_program(name: str) -> str:
    return (
        "       IDENTIFICATION DIVISION.\n"
        f"       PROGRAM-ID. {name}.\n"
        "       PROCEDURE DIVISION.\n"
        f'           DISPLAY "{name} RAN"\n'
        "           STOP RUN.\n"
    )


def java_program(name: str) -> str:
    cls = java_class_name(name)
    return (
        "package migrated;\n\n"
        f"public final class {cls} {{\n"
        "    public static void main(String[] args) {\n"
        f'        System.out.println("{name} RAN");\n'
        "    }\n"
        "}\n"
    )


@dataclass
class FixedConverter:
    """Returns a fixed Java class per program; slices named in ``broken``
    get Java that does not compile, those in ``over_budget`` raise."""

    name: str = "fixed"
    delay: float = 0.0
    broken: tuple[str, ...] = ()
    over_budget: tuple[str, ...] = ()
    running: int = 0
    most_running: int = 0
    calls: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def convert(self, request: ConversionRequest) -> Conversion:
        slice_id = request.slice.id
        if slice_id in self.over_budget:
            raise BudgetExhausted("the next request would pass the budget of $1.00")
        with self.lock:
            self.calls.append(slice_id)
            self.running += 1
            self.most_running = max(self.most_running, self.running)
        time.sleep(self.delay)
        with self.lock:
            self.running -= 1
        sources = []
        for program in request.slice.programs:
            text = java_program(program)
            if slice_id in self.broken:
                text = text.replace(
                    "{\n    public", "{\n    int broken = ;\n    public"
                )
            sources.append(
                JavaSource(f"migrated/{java_class_name(program)}.java", text)
            )
        return Conversion(slice_id, tuple(sources), converter=self.name)

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.0


@dataclass
class World:
    root: Path
    plan: Plan
    session: RunSession
    journal: Journal
    repo: EstateRepo


def program_slice(
    name: str, size: int, depends_on: tuple[str, ...] = ("runtime",)
) -> Slice:
    return Slice(
        name.lower(),
        SliceKind.PROGRAM,
        (name,),
        (),
        (f"cobol/{name}.cbl",),
        depends_on,
        size,
        1,
    )


def make_world(
    tmp_path: Path, slices: list[Slice], converter: FixedConverter, jcl: str = ""
) -> World:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    for item in slices:
        for program in item.programs:
            (root / f"cobol/{program}.cbl").write_text(cobol_program(program))
    if jcl:
        (root / "jcl").mkdir()
        (root / "jcl/JOBS.jcl").write_text(jcl)
    init_repository(root, "Add the estate")
    estate = discover(root, load_config(root))
    model = build_model(estate)
    runtime = Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 1, 0)
    nodes = tuple(
        (f"program:{p}", NodeKind.PROGRAM) for s in slices for p in s.programs
    )
    jobs = tuple(parse_jcl(jcl, "jcl/JOBS.jcl")) if jcl else ()
    plan = Plan(str(root), nodes, (), (runtime, *slices), (), (), jobs)
    library = None
    if jcl:
        programs = {p: f"cobol/{p}.cbl" for s in slices for p in s.programs}
        library = build_library(
            estate, programs, tmp_path / "cache", tmp_path / "cobol"
        )
    judge_root = tmp_path / "judge"
    judge_root.mkdir()
    judge = Judge(root, estate.config, library, Sandbox(detect_isolation()), judge_root)
    journal = Journal(tmp_path / "journal.sqlite")
    repo = EstateRepo.open(root)
    run_id = journal.start_run(2, converter.name, repo.head())
    session = RunSession(
        model,
        plan,
        journal,
        repo,
        SliceWorker(converter, judge, max_attempts=1),
        run_id=run_id,
        base_commit=repo.head(),
        converter_label=converter.name,
        runtime=TINY_RUNTIME,
    )
    return World(root, plan, session, journal, repo)


def schedule(world: World, agents: int) -> ScheduleReport:
    priority = remaining_path_lengths(world.plan)
    return Scheduler(world.plan, agents, world.session, priority).run()


def test_one_agent_follows_priority(tmp_path: Path) -> None:
    slices = [
        program_slice("ALPHA", 10),
        program_slice("BRAVO", 50),
        program_slice("CHARLIE", 5),
        program_slice("DELTA", 100, ("charlie",)),
    ]
    world = make_world(tmp_path, slices, FixedConverter())
    report = schedule(world, agents=1)
    order = [slice_id for _, slice_id in report.dispatches]
    # The free agent takes the best slice ready at that moment. DELTA becomes
    # ready only once the hub has recorded CHARLIE, which may happen just
    # before or just after the agent takes its next slice.
    assert order in (
        ["runtime", "charlie", "delta", "bravo", "alpha"],
        ["runtime", "charlie", "bravo", "delta", "alpha"],
    )
    assert all(state is SliceState.VERIFIED for _, state in report.states)


def test_priority_ties_broken_by_id(tmp_path: Path) -> None:
    slices = [
        program_slice("ZULU", 7),
        program_slice("ECHO", 7),
        program_slice("KILO", 7),
    ]
    world = make_world(tmp_path, slices, FixedConverter())
    report = schedule(world, agents=1)
    assert [sid for _, sid in report.dispatches] == ["runtime", "echo", "kilo", "zulu"]


def test_failed_slice_blocks_only_dependents(tmp_path: Path) -> None:
    slices = [
        program_slice("ALPHA", 10),
        program_slice("CHARLIE", 5),
        program_slice("DELTA", 100, ("charlie",)),
        program_slice("ECHO", 3, ("delta",)),
        program_slice("FOXTROT", 3, ("alpha",)),
    ]
    world = make_world(tmp_path, slices, FixedConverter(broken=("charlie",)))
    report = schedule(world, agents=2)
    states = dict(report.states)
    assert states["charlie"] is SliceState.FAILED
    assert states["delta"] is SliceState.BLOCKED
    assert states["echo"] is SliceState.BLOCKED
    assert states["alpha"] is SliceState.VERIFIED
    assert states["foxtrot"] is SliceState.VERIFIED
    records = world.journal.slices()
    assert records["delta"].evidence == "blocked: slice charlie failed"
    assert "javac failed" in records["charlie"].evidence
    assert world.repo.branch("migrate/foxtrot") == records["foxtrot"].commit_id
    assert world.repo.branch("migrate/charlie") is None


def test_agents_convert_in_parallel(tmp_path: Path) -> None:
    slices = [
        program_slice(name, 10) for name in ("ALPHA", "BRAVO", "CHARLIE", "DELTA")
    ]
    converter = FixedConverter(delay=1.0)
    world = make_world(tmp_path, slices, converter)
    report = schedule(world, agents=4)
    assert converter.most_running == 4
    assert {agent for agent, _ in report.dispatches} == {1, 2, 3, 4}
    assert report.count(SliceState.VERIFIED) == 5


def test_no_idle_agent_while_ready(tmp_path: Path) -> None:
    slices = [
        program_slice(name, size)
        for name, size in (("ALPHA", 9), ("BRAVO", 8), ("CHARLIE", 7))
    ]
    slices.append(program_slice("DELTA", 6, ("alpha",)))
    slices.append(program_slice("ECHO", 5, ("bravo", "charlie")))
    world = make_world(tmp_path, slices, FixedConverter(delay=0.3))
    report = schedule(world, agents=2)
    for agent in report.agents:
        # Only the scheduler's own bookkeeping between a result and the
        # next hand-out counts here: milliseconds, never a whole slice.
        assert agent.idle_with_ready < 0.2, agent
        assert agent.working > 0


def test_chain_leaves_second_agent_idle(tmp_path: Path) -> None:
    slices = [program_slice("ALPHA", 2), program_slice("BRAVO", 1, ("alpha",))]
    world = make_world(tmp_path, slices, FixedConverter(delay=0.3))
    report = schedule(world, agents=2)
    second = report.agents[1]
    assert second.slices == 0
    assert second.idle > 0.5
    assert second.idle_with_ready == 0.0


def test_budget_exhausted_stops_new_work(tmp_path: Path) -> None:
    slices = [
        program_slice("ALPHA", 9),
        program_slice("BRAVO", 5),
        program_slice("CHARLIE", 1),
    ]
    converter = FixedConverter(over_budget=("alpha",))
    world = make_world(tmp_path, slices, converter)
    report = schedule(world, agents=1)
    states = dict(report.states)
    assert report.budget_exhausted
    assert states["runtime"] is SliceState.VERIFIED
    assert states["alpha"] is SliceState.PENDING
    assert states["bravo"] is SliceState.PENDING
    assert states["charlie"] is SliceState.PENDING
    assert converter.calls == []
    record = world.journal.slice("alpha")
    assert record is not None
    assert "budget" in record.evidence


def test_job_shared_by_two_slices_runs(tmp_path: Path) -> None:
    jcl = "//BOTH JOB 1\n//S1 EXEC PGM=ALPHA\n//S2 EXEC PGM=BRAVO\n"
    slices = [program_slice("ALPHA", 5), program_slice("BRAVO", 5)]
    world = make_world(tmp_path, slices, FixedConverter(delay=0.5), jcl=jcl)
    report = schedule(world, agents=2)
    assert report.count(SliceState.VERIFIED) == 3
    records = world.journal.slices()
    # Both ran at once, so whichever finished second ran again with the job.
    checks = [records[sid].checks for sid in ("alpha", "bravo")]
    assert ("compile", "job BOTH") in checks
    assert [sid for _, sid in report.dispatches].count("alpha") + [
        sid for _, sid in report.dispatches
    ].count("bravo") == 3


def test_live_view_shows_agent_rows() -> None:
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=100, color_system=None)
    view = LiveView(console, agents=2, total=3)
    with view:
        view(Event(EventKind.STARTED, "alpha", 1))
        view(Event(EventKind.PHASE, "alpha", 1, "verifying"))
        view(Event(EventKind.STARTED, "bravo", 2))
        view(Event(EventKind.VERIFIED, "bravo", 2, "compiled"))
    text = output.getvalue()
    assert "alpha" in text
    assert "verifying" in text
    assert "1/3 slices: 1 verified, 0 already verified, 0 failed, 0 blocked" in text
    assert "1 agent idle" in text


def test_live_view_shows_ready_rate_eta() -> None:
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=120, color_system=None)
    view = LiveView(console, agents=3, total=6)
    with view:
        view(Event(EventKind.STARTED, "alpha", 1, ready=2))
        view(Event(EventKind.STARTED, "bravo", 2, ready=1))
        time.sleep(0.2)
        view(Event(EventKind.VERIFIED, "bravo", 2, "compiled", ready=1))
    text = output.getvalue()
    # alpha runs, one is queued, bravo is done: three wait for dependencies.
    assert "1 ready, 3 waiting for dependencies" in text
    assert "2 agents idle" in text
    assert re.search(r"\d+\.\d slices/min, ETA \d+s", text), text


def test_log_view_writes_plain_lines(caplog: pytest.LogCaptureFixture) -> None:
    view = LogView(total=2)
    with caplog.at_level(logging.INFO, logger="migrate.run"), view:
        view(Event(EventKind.STARTED, "alpha", 1))
        view(Event(EventKind.PHASE, "alpha", 1, "verifying"))
        view(Event(EventKind.FAILED, "alpha", 1, "javac failed:"))
        view(Event(EventKind.BLOCKED, "bravo", detail="slice alpha failed"))
    assert caplog.messages == [
        "slice alpha started on agent 1",
        "slice alpha failed: javac failed:",
        "slice bravo blocked: slice alpha failed",
    ]
