"""Contract-first scheduling: the policy on hand-built plans, a call chain
converted at once and verified callee first, and the sample estate."""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import fixed

from migrate.commands.run import run_options
from migrate.commit import EstateRepo, init_repository
from migrate.config import load_config
from migrate.convert.rules import RulesConverter
from migrate.convert.stubs import interface_stub
from migrate.discover import discover
from migrate.errors import UsageError
from migrate.graph import build_model
from migrate.judge.cobol import build_library
from migrate.judge.java import compile_java
from migrate.judge.sandbox import Sandbox, detect_isolation
from migrate.judge.verify import Judge
from migrate.model import (
    Conversion,
    ConversionRequest,
    DDStatement,
    EntryPoint,
    JavaSource,
    Job,
    JobStep,
    Plan,
    Slice,
    SliceKind,
    SliceState,
    SourcePos,
)
from migrate.plan import contract_critical_path, plan_from_model
from migrate.planjson import load_plan
from migrate.runtime import runtime_sources
from migrate.schedule.contract import (
    CONVERTED_SUMMARY,
    ContractSession,
    schedule_hooks,
)
from migrate.schedule.journal import Journal
from migrate.schedule.live import LogView
from migrate.schedule.policy import (
    Changes,
    ContractPolicy,
    Outcome,
    Schedule,
    Stage,
    Task,
)
from migrate.schedule.runner import RunOptions, run_estate
from migrate.schedule.scheduler import Event, EventKind, Scheduler
from migrate.schedule.session import RunSession
from migrate.schedule.worker import SliceWorker

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "fixtures" / "bank"

# Policy tests


def slice_of(
    sid: str, kind: SliceKind = SliceKind.PROGRAM, deps: tuple[str, ...] = ("runtime",)
) -> Slice:
    programs = (sid.upper(),) if kind is SliceKind.PROGRAM else ()
    return Slice(sid, kind, programs, (), (), deps, 10, 1)


def hand_plan(slices: list[Slice], jobs: tuple[Job, ...] = ()) -> Plan:
    runtime = Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 1, 0)
    return Plan("/estate", (), (), (runtime, *slices), (), (), jobs)


def chain_plan() -> Plan:
    # A calls B calls C; B and C share the record slice rec.
    return hand_plan(
        [
            slice_of("rec", SliceKind.RECORD),
            slice_of("c", deps=("rec",)),
            slice_of("b", deps=("c", "rec")),
            slice_of("a", deps=("b",)),
        ]
    )


def passed(policy: ContractPolicy, sid: str, stage: Stage) -> Changes:
    return policy.complete(Task(sid, stage), Outcome.PASSED)


def ready_ids(changes: Changes) -> list[tuple[str, Stage]]:
    return [(task.slice_id, task.stage) for task in changes.ready]


def test_contract_chain_converts_at_once() -> None:
    policy = ContractPolicy(chain_plan(), {"a": 3, "b": 2, "c": 1})
    assert ready_ids(policy.start()) == [("runtime", Stage.WHOLE)]
    changes = passed(policy, "runtime", Stage.WHOLE)
    # a needs no record slice, so the runtime alone lets it start.
    assert ready_ids(changes) == [("a", Stage.CONVERT), ("rec", Stage.WHOLE)]
    changes = passed(policy, "rec", Stage.WHOLE)
    assert ready_ids(changes) == [("b", Stage.CONVERT), ("c", Stage.CONVERT)]


def test_contract_chain_verifies_callee_first() -> None:
    policy = ContractPolicy(chain_plan(), {})
    policy.start()
    passed(policy, "runtime", Stage.WHOLE)
    passed(policy, "rec", Stage.WHOLE)
    # a is converted first, but its check waits for b and c.
    assert passed(policy, "a", Stage.CONVERT) == Changes()
    changes = passed(policy, "b", Stage.CONVERT)
    assert ready_ids(changes) == []
    # c has no program dependency and no job: its conversion verified it.
    changes = passed(policy, "c", Stage.CONVERT)
    assert changes.verified == ("c",)
    assert ready_ids(changes) == [("a", Stage.CHECK), ("b", Stage.CHECK)]
    # a's check passes first, yet a is verified only after b.
    assert passed(policy, "a", Stage.CHECK).verified == ()
    assert passed(policy, "b", Stage.CHECK).verified == ("b", "a")
    assert set(policy.states().values()) == {SliceState.VERIFIED}


def test_contract_failed_callee_blocks_callers() -> None:
    policy = ContractPolicy(chain_plan(), {})
    policy.start()
    passed(policy, "runtime", Stage.WHOLE)
    passed(policy, "rec", Stage.WHOLE)
    passed(policy, "b", Stage.CONVERT)
    changes = policy.complete(Task("c", Stage.CONVERT), Outcome.FAILED)
    assert sorted(changes.blocked) == [("a", "c"), ("b", "c")]
    # a was still converting; its result no longer counts.
    assert passed(policy, "a", Stage.CONVERT) == Changes()
    states = policy.states()
    assert states["c"] is SliceState.FAILED
    assert states["a"] is SliceState.BLOCKED
    assert states["b"] is SliceState.BLOCKED


def job_of(name: str, *programs: str) -> Job:
    pos = SourcePos("jcl/J.jcl", 1)
    steps = tuple(
        JobStep(
            f"S{n}", program, (DDStatement("SYSOUT", "", "", pos, sysout=True),), pos
        )
        for n, program in enumerate(programs, 1)
    )
    return Job(name, "jcl/J.jcl", steps, pos)


def two_top_plan() -> Plan:
    # One job runs x and y, which do not call each other.
    return hand_plan(
        [slice_of("x"), slice_of("y"), slice_of("z")],
        jobs=(job_of("BOTH", "X", "Y"), job_of("ZONLY", "Z")),
    )


def test_contract_job_checked_by_owner() -> None:
    policy = ContractPolicy(two_top_plan(), {})
    policy.start()
    passed(policy, "runtime", Stage.WHOLE)
    # y is last of the job's slices in plan order: it owns the job.
    changes = passed(policy, "x", Stage.CONVERT)
    assert changes.verified == ("x",)
    changes = passed(policy, "y", Stage.CONVERT)
    assert [(t.slice_id, t.stage, t.jobs) for t in changes.ready] == [
        ("y", Stage.CHECK, (0,))
    ]
    changes = passed(policy, "z", Stage.CONVERT)
    assert [(t.slice_id, t.jobs) for t in changes.ready] == [("z", (1,))]


def test_contract_failed_partner_drops_job() -> None:
    policy = ContractPolicy(two_top_plan(), {})
    policy.start()
    passed(policy, "runtime", Stage.WHOLE)
    assert ready_ids(passed(policy, "y", Stage.CONVERT)) == []
    changes = policy.complete(Task("x", Stage.CONVERT), Outcome.FAILED)
    # The job can never run, so y's check goes on without it.
    assert [(t.slice_id, t.stage, t.jobs) for t in changes.ready] == [
        ("y", Stage.CHECK, ())
    ]


def test_contract_held_slice_waits() -> None:
    policy = ContractPolicy(chain_plan(), {}, held=("b",))
    policy.start()
    passed(policy, "runtime", Stage.WHOLE)
    passed(policy, "rec", Stage.WHOLE)
    changes = passed(policy, "c", Stage.CONVERT)
    # b goes as one task once c is verified, so an unchanged b is skipped.
    assert ready_ids(changes) == [("b", Stage.WHOLE)]
    changes = passed(policy, "a", Stage.CONVERT)
    assert ready_ids(changes) == []
    changes = passed(policy, "b", Stage.WHOLE)
    assert ready_ids(changes) == [("a", Stage.CHECK)]


def test_contract_check_sorts_before_conversion() -> None:
    policy = ContractPolicy(chain_plan(), {"a": 100, "b": 1})
    check = Task("b", Stage.CHECK)
    convert = Task("a", Stage.CONVERT)
    assert policy.key(check) < policy.key(convert)


# Stubs


def test_interface_stub_compiles_for_caller(tmp_path: Path) -> None:
    entry = EntryPoint("DATE-UTL", "DateUtl", ("DATE-PARM", "DATE-RC"))
    stub = interface_stub(entry, "migrated")
    assert stub.path == "migrated/DateUtl.java"
    assert 'public static final String PROGRAM_ID = "DATE-UTL";' in stub.text
    assert "public static void call(Area p1, Area p2)" in stub.text
    caller = (
        "package migrated;\n"
        "import migrate.runtime.Area;\n"
        "public final class Caller {\n"
        "    static void run() {\n"
        "        DateUtl.call(Area.allocate(8), Area.allocate(2));\n"
        "        String id = DateUtl.PROGRAM_ID;\n"
        "        DateUtl.main(new String[0]);\n"
        "    }\n"
        "}\n"
    )
    compiled = compile_java(
        [*runtime_sources(), stub, JavaSource("migrated/Caller.java", caller)],
        tmp_path / "classes",
    )
    assert compiled.ok, compiled.errors


# A chain converted at once, on real agents

CHAIN_A = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CHAINA.
       DATA DIVISION.
       WORKING-STORAGE SECTION.
       01 WS-VALUE PIC 9(4) VALUE 1.
       PROCEDURE DIVISION.
           CALL 'CHAINB' USING WS-VALUE
           DISPLAY "A GOT " WS-VALUE
           STOP RUN.
"""
CHAIN_B = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CHAINB.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LK-VALUE PIC 9(4).
       PROCEDURE DIVISION USING LK-VALUE.
           ADD 10 TO LK-VALUE
           CALL 'CHAINC' USING LK-VALUE
           GOBACK.
"""
CHAIN_C = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. CHAINC.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LK-VALUE PIC 9(4).
       PROCEDURE DIVISION USING LK-VALUE.
           MULTIPLY 2 BY LK-VALUE
           GOBACK.
"""
CHAIN_JCL = "//CHAIN    JOB 1\n//STEP1    EXEC PGM=CHAINA\n"


@dataclass
class SlowRules:
    """The rules converter, after a fixed sleep; counts conversions at once."""

    name: str = "rules"
    seconds: float = 1.5
    running: int = 0
    max_running: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    rules: RulesConverter = field(default_factory=RulesConverter)

    def convert(self, request: ConversionRequest) -> Conversion:
        with self.lock:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return self.rules.convert(request)

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.0


@dataclass
class ChainRun:
    root: Path
    plan: Plan
    session: RunSession
    journal: Journal


def chain_run(tmp_path: Path, converter: SlowRules) -> ChainRun:
    root = tmp_path / "estate"
    for name, text in (("CHAINA", CHAIN_A), ("CHAINB", CHAIN_B), ("CHAINC", CHAIN_C)):
        path = root / "cobol" / f"{name}.cbl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / "jcl").mkdir()
    (root / "jcl/CHAIN.jcl").write_text(CHAIN_JCL)
    init_repository(root, "Add the chain estate")
    estate = discover(root, load_config(root))
    model = build_model(estate)
    plan = plan_from_model(model)
    programs = {p.name: p.member for p in model.programs.values()}
    library = build_library(estate, programs, tmp_path / "cache", tmp_path / "cobol")
    (tmp_path / "judge").mkdir()
    sandbox = Sandbox(detect_isolation())
    judge = Judge(root, estate.config, library, sandbox, tmp_path / "judge")
    journal = Journal(tmp_path / "journal.sqlite")
    repo = EstateRepo.open(root)
    run_id = journal.start_run(3, converter.name, repo.head())
    session = RunSession(
        model,
        plan,
        journal,
        repo,
        SliceWorker(converter, judge, max_attempts=1),
        run_id=run_id,
        base_commit=repo.head(),
        converter_label=converter.name,
        runtime=runtime_sources(),
    )
    return ChainRun(root, plan, session, journal)


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_contract_chain_three_agents(tmp_path: Path) -> None:
    converter = SlowRules()
    run = chain_run(tmp_path, converter)
    assert [s.id for s in run.plan.slices] == ["runtime", "chainc", "chainb", "chaina"]
    hooks, policy = schedule_hooks(run.plan, run.session, Schedule.CONTRACT)
    events: list[Event] = []
    report = Scheduler(
        run.plan, 3, hooks, {}, on_event=events.append, policy=policy
    ).run()
    states = dict(report.states)
    assert set(states.values()) == {SliceState.VERIFIED}, states
    assert converter.max_running == 3
    verified = [e.slice_id for e in events if e.kind is EventKind.VERIFIED]
    assert verified == ["runtime", "chainc", "chainb", "chaina"]
    records = run.journal.slices()
    for sid, parent in (("chainb", "chainc"), ("chaina", "chainb")):
        parents = git(run.root, "log", "-1", "--format=%P", f"migrate/{sid}")
        assert parents == records[parent].commit_id
    assert records["chaina"].checks == ("compile", "job CHAIN")
    assert all(agent.idle_with_ready == 0.0 for agent in report.agents)


def test_contract_rerun_skips_verified(tmp_path: Path) -> None:
    converter = SlowRules(seconds=0.0)
    run = chain_run(tmp_path, converter)
    hooks, policy = schedule_hooks(run.plan, run.session, Schedule.CONTRACT)
    Scheduler(run.plan, 2, hooks, {}, policy=policy).run()
    session = run.session
    again = RunSession(
        session.model,
        run.plan,
        run.journal,
        session.repo,
        session.worker,
        run_id=run.journal.start_run(2, converter.name, session.base_commit),
        base_commit=session.base_commit,
        converter_label=converter.name,
        runtime=session.runtime,
    )
    hooks, policy = schedule_hooks(run.plan, again, Schedule.CONTRACT)
    assert isinstance(hooks, ContractSession)
    assert hooks.held() == {"runtime", "chainc", "chainb", "chaina"}
    report = Scheduler(run.plan, 2, hooks, {}, policy=policy).run()
    assert sorted(report.skipped) == ["chaina", "chainb", "chainc", "runtime"]
    assert report.dispatches == ()


def test_contract_path_shorter_on_chain(tmp_path: Path) -> None:
    run = chain_run(tmp_path, SlowRules(seconds=0.0))
    plan = run.plan
    assert plan.critical_path == ("runtime", "chainc", "chainb", "chaina")
    sizes = {s.id: s.size for s in plan.slices}
    assert len(plan.contract_critical_path) == 2
    assert plan.contract_critical_path[0] == "runtime"
    contract = sum(sizes[s] for s in plan.contract_critical_path)
    assert contract < sum(sizes[s] for s in plan.critical_path)
    assert contract_critical_path(list(plan.slices)) == list(
        plan.contract_critical_path
    )


def test_log_view_shows_contract_stages(caplog: pytest.LogCaptureFixture) -> None:
    view = LogView(total=2)
    with caplog.at_level(logging.INFO, logger="migrate.run"), view:
        view(Event(EventKind.CONVERTED, "alpha", 1, CONVERTED_SUMMARY))
        view(Event(EventKind.CHECKED, "alpha", 2, "compiled; jobs J behave the same"))
        view(Event(EventKind.VERIFIED, "alpha", 0, "compiled; jobs J behave the same"))
    assert caplog.messages == [
        f"slice alpha converted: {CONVERTED_SUMMARY}",
        "slice alpha checked: compiled; jobs J behave the same",
        "slice alpha verified: compiled; jobs J behave the same",
    ]


def test_run_options_reject_unknown_schedule() -> None:
    with pytest.raises(UsageError, match="unknown schedule 'wave'") as caught:
        run_options(agents=2, schedule="wave")
    assert caught.value.hint == "choose one of: topological, contract"
    options = run_options(agents=2, schedule="contract")
    assert options.schedule is Schedule.CONTRACT


@dataclass
class WrongFirstRules:
    """The rules converter, except that SUBW's first conversion displays the
    wrong text. A repair request, which carries the judge's evidence, gets
    the right Java. Its name is not "rules", so the worker repairs."""

    name: str = "repairing"
    rules: RulesConverter = field(default_factory=RulesConverter)
    requests: list[tuple[str, bool]] = field(default_factory=list)

    def convert(self, request: ConversionRequest) -> Conversion:
        repair = bool(request.repair_evidence)
        self.requests.append((request.slice.id, repair))
        conversion = self.rules.convert(request)
        if request.slice.id != "subw" or repair:
            return conversion
        sources = tuple(
            dataclasses.replace(s, text=s.text.replace("SUBW HELLO", "SUBW HELL0"))
            for s in conversion.sources
        )
        return dataclasses.replace(conversion, sources=sources)


def caller_callee_estate(root: Path) -> Path:
    """MAINW calls SUBW, and each program has a job of its own."""
    members = {
        "cobol/MAINW.cbl": "PROGRAM-ID. MAINW.\nPROCEDURE DIVISION.\n"
        "    DISPLAY 'MAINW IN'\n    CALL 'SUBW'\n    DISPLAY 'MAINW OUT'\n"
        "    STOP RUN.\n",
        "cobol/SUBW.cbl": "PROGRAM-ID. SUBW.\nPROCEDURE DIVISION.\n"
        "    DISPLAY 'SUBW HELLO'\n    GOBACK.\n",
    }
    for path, text in members.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(fixed("IDENTIFICATION DIVISION.\n" + text))
    for name in ("MAINW", "SUBW"):
        job = root / "jcl" / f"J{name}.jcl"
        job.parent.mkdir(exist_ok=True)
        job.write_text(f"//J{name} JOB (A),CLASS=A\n//S1 EXEC PGM={name}\n")
    init_repository(root, "Add the estate")
    return root


@pytest.mark.skipif(
    not (shutil.which("cobc") and shutil.which("javac")), reason="needs cobc, javac"
)
def test_contract_check_failure_repaired(tmp_path: Path) -> None:
    root = caller_callee_estate(tmp_path / "estate")
    converter = WrongFirstRules()

    report = run_estate(
        root, RunOptions(agents=2, schedule=Schedule.CONTRACT), converter=converter
    )

    assert report.ok, report.failures
    assert ("subw", True) in converter.requests
    records = Journal(root / ".migrate" / "journal.sqlite").slices()
    assert records["subw"].state is SliceState.VERIFIED
    assert records["mainw"].state is SliceState.VERIFIED
    assert "job JMAINW" in records["mainw"].checks
    java = subprocess.run(
        ["git", "-C", str(root), "grep", "-h", "SUBW HELL", "migrate/integration"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SUBW HELLO" in java
    assert "SUBW HELL0" not in java


# The sample estate


@pytest.mark.slow
def test_contract_verifies_bank_estate(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    init_repository(root, "Add the bank estate")
    migrate = [sys.executable, "-m", "migrate"]
    run = subprocess.run(
        [*migrate, "run", str(root), "--schedule", "contract", "--agents", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "contract schedule, 3 agents" in run.stderr
    plan = load_plan(root)
    sizes = {s.id: max(s.size, 1) for s in plan.slices}
    topological = sum(sizes[s] for s in plan.critical_path)
    contract = sum(sizes[s] for s in plan.contract_critical_path)
    assert contract < topological
    kinds = [plan.slice(s).kind for s in plan.contract_critical_path]
    assert kinds[0] is SliceKind.RUNTIME
    assert kinds[-1] is SliceKind.PROGRAM
    assert kinds.count(SliceKind.PROGRAM) == 1
    records = Journal(root / ".migrate" / "journal.sqlite").slices()
    assert {r.state for r in records.values()} == {SliceState.VERIFIED}
    assert len(records) == len(plan.slices)
    assert "job NIGHTLY" in records["posttran"].checks
    status = subprocess.run(
        [*migrate, "status", str(root), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = json.loads(status.stdout)["last_run"]["summary"]
    assert summary["schedule"] == "contract"
    assert summary["verified"] == len(plan.slices)
    assert 0.0 < summary["scaling_efficiency"] <= 1.0
    assert len(summary["agents"]) == 3
    assert all(a["idle_with_ready_seconds"] == 0.0 for a in summary["agents"])
