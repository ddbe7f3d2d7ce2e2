"""``migrate run`` end to end: check the repository and the tools, plan,
build the original COBOL, then schedule every slice and join the results."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from migrate.commit import EstateRepo, branch_name
from migrate.config import Config, apply_settings, load_config
from migrate.console import console, is_interactive
from migrate.convert import Converter, ConverterOptions, make_converter
from migrate.discover import discover
from migrate.graph import EstateModel, build_model
from migrate.judge.cobol import build_library
from migrate.judge.sandbox import Isolation, Sandbox, detect_isolation, kill_running
from migrate.judge.tools import require_tools, tool_prefixes
from migrate.judge.verify import Judge
from migrate.model import Plan, SliceState
from migrate.plan import plan_from_model
from migrate.planjson import save_plan, state_dir
from migrate.runtime import runtime_sources
from migrate.schedule.contract import schedule_hooks
from migrate.schedule.interrupt import DEFAULT_GRACE_SECONDS, Interrupt, RunCancelled
from migrate.schedule.journal import JOURNAL_FILE, Journal, RunLock, Usage
from migrate.schedule.live import LiveView, LogView
from migrate.schedule.policy import Schedule
from migrate.schedule.recovery import reconcile
from migrate.schedule.scheduler import (
    Event,
    Scheduler,
    ScheduleReport,
    useful_agents,
)
from migrate.schedule.session import RunSession
from migrate.schedule.worker import SliceWorker

logger = logging.getLogger("migrate.run")


@dataclass(frozen=True)
class RunOptions:
    """The options of ``migrate run``; None takes the estate's setting."""

    agents: int | None = None
    converter: ConverterOptions = ConverterOptions()
    run_timeout: float | None = None
    # Seconds the running slices get to finish after Ctrl-C.
    interrupt_grace: float = DEFAULT_GRACE_SECONDS
    schedule: Schedule = Schedule.TOPOLOGICAL
    # KEY=VALUE overrides of the estate's settings, from --set.
    settings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunReport:
    """The outcome of one run, for the summary and the exit code."""

    root: Path
    run_id: int
    converter: str
    schedule: ScheduleReport
    # (slice id, usage) of every slice that used the converter this run.
    slice_usage: tuple[tuple[str, Usage], ...]
    # (slice id, first line of the reason) of every failed slice.
    failures: tuple[tuple[str, str], ...]
    # (branch, commit) of every verified slice.
    branches: tuple[tuple[str, str], ...]
    integration: str | None
    isolation: Isolation
    # True when Ctrl-C stopped the run before every slice was scheduled.
    interrupted: bool = False

    @property
    def usage(self) -> Usage:
        total = Usage()
        for _, usage in self.slice_usage:
            total = total + usage
        return total

    @property
    def ok(self) -> bool:
        """True when every slice of the plan is verified."""
        return all(state is SliceState.VERIFIED for _, state in self.schedule.states)


def run_estate(
    root: Path, options: RunOptions, converter: Converter | None = None
) -> RunReport:
    """Migrate the estate at ``root``: every slice converted, verified and
    committed on its branch, or failed with its evidence.

    ``converter`` replaces the one that ``options.converter`` names, for
    callers that bring their own.
    """
    root = root.resolve()
    repo = EstateRepo.open(root)
    try:
        # Before anything else: a run never moves a branch the user has
        # checked out.
        repo.reject_checked_out()
        require_tools()
        config = apply_settings(load_config(root), options.settings)
        config = config.with_overrides(
            agents=options.agents, run_timeout=options.run_timeout
        )
        folder = state_dir(root)
        with RunLock(folder):
            return _run_locked(root, folder, config, repo, options, converter)
    finally:
        repo.close()


def _run_locked(
    root: Path,
    folder: Path,
    config: Config,
    repo: EstateRepo,
    options: RunOptions,
    converter: Converter | None,
) -> RunReport:
    estate = discover(root, config)
    model = build_model(estate)
    plan = plan_from_model(model)
    save_plan(plan, root)
    logger.info(
        "plan: %d slices, critical path %s, contract-first critical path %s",
        len(plan.slices),
        " > ".join(plan.critical_path),
        " > ".join(plan.contract_critical_path),
    )
    if repo.has_local_changes():
        logger.warning(
            "the estate has changes that are not committed; the branches "
            "build on HEAD %s, which does not hold them",
            repo.head()[:12],
        )
    journal = Journal(folder / JOURNAL_FILE)
    try:
        # A run killed at any point left the journal and the branches in one
        # of the states that reconcile() repairs.
        reconcile(journal, repo)
        return _run_with_journal(model, plan, repo, journal, options, folder, converter)
    finally:
        journal.close()


def _run_with_journal(
    model: EstateModel,
    plan: Plan,
    repo: EstateRepo,
    journal: Journal,
    options: RunOptions,
    folder: Path,
    converter: Converter | None,
) -> RunReport:
    config = model.estate.config
    agents = useful_agents(config.agents, len(plan.slices))
    converter_options = dataclasses.replace(
        options.converter, cache_dir=folder / "cache", agents=agents
    )
    if converter is None:
        converter = make_converter(converter_options)
    label = converter.name
    if converter_options.model:
        label = f"{converter.name}:{converter_options.model}"

    base = repo.head()
    run_id = journal.start_run(agents, label, base)
    temp_root = _temp_root(model.estate.root)
    interrupt = Interrupt(options.interrupt_grace)
    judge: Judge | None = None
    try:
        judge = _build_judge(model, folder, temp_root)
        session = RunSession(
            model,
            plan,
            journal,
            repo,
            SliceWorker(converter, judge, converter_options.max_attempts),
            run_id=run_id,
            base_commit=base,
            converter_label=label,
            runtime=runtime_sources(),
        )
        # Before this point Ctrl-C raises KeyboardInterrupt, because nothing
        # is done yet that a partial summary could show.
        with interrupt.installed():
            schedule = _schedule(plan, agents, session, interrupt, options.schedule)
            integration = session.update_integration()
    except BaseException as error:
        kill_running()
        status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
        journal.reset_running()
        journal.finish_run(run_id, status, {})
        raise
    finally:
        if judge is not None:
            judge.close()
        # A worker abandoned by a cancelled run may have started a program
        # after the first kill.
        kill_running()
        shutil.rmtree(temp_root, ignore_errors=True)

    report = _report(
        model.estate.root, run_id, label, schedule, journal, integration, judge
    )
    report = dataclasses.replace(report, interrupted=interrupt.requested)
    status = "interrupted" if report.interrupted else "finished"
    journal.finish_run(run_id, status, _summary_json(report))
    return report


def _temp_root(root: Path) -> Path:
    """Make the run's scratch folder, after removing those that killed runs
    of this estate left. Only a holder of the run lock may call this."""
    digest = hashlib.sha256(str(root).encode()).hexdigest()[:12]
    prefix = f"migrate-run-{digest}-"
    for stale in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=prefix))


def _build_judge(model: EstateModel, folder: Path, temp_root: Path) -> Judge:
    """Compile the original COBOL and set up the judge and its sandbox."""
    config = model.estate.config
    programs = {p.name: p.member for p in model.programs.values() if not p.parent}
    library = build_library(
        model.estate,
        programs,
        folder / "cobol",
        temp_root / "cobol",
        # cobc is CPU-bound: more processes than cores only share them.
        workers=min(config.agents, os.cpu_count() or 1),
    )
    # The home folder contains credentials, so it is hidden unless a tool the
    # judge runs is installed there.
    sandbox = Sandbox(
        detect_isolation(),
        hide=(model.estate.root, Path.home()),
        keep=tool_prefixes(),
    )
    judge_root = temp_root / "judge"
    judge_root.mkdir()
    return Judge(model.estate.root, config, library, sandbox, judge_root)


def _schedule(
    plan: Plan,
    agents: int,
    session: RunSession,
    interrupt: Interrupt,
    schedule: Schedule,
) -> ScheduleReport:
    hooks, policy = schedule_hooks(plan, session, schedule)
    total = len(plan.slices)
    view = LiveView(console, agents, total) if is_interactive() else LogView(total)
    started = time.monotonic()

    def on_event(event: Event) -> None:
        view(event)
        # Raising here is safe: the scheduler sends events between hook
        # calls, never in the middle of a commit.
        interrupt.check()

    def stop() -> None:
        session.interrupted = True

    interrupt.on_stop(stop)
    with view:
        scheduler = Scheduler(plan, agents, hooks, {}, on_event=on_event, policy=policy)
        try:
            return scheduler.run()
        except RunCancelled:
            kill_running()
            session.journal.reset_running()
            return _cancelled_report(plan, session, time.monotonic() - started)


def _cancelled_report(
    plan: Plan, session: RunSession, elapsed: float
) -> ScheduleReport:
    """Build the schedule's report from the journal, for a run that stopped
    waiting for its running slices, which are pending again."""
    records = session.journal.slices()
    states = tuple(
        (item.id, records[item.id].state if item.id in records else SliceState.PENDING)
        for item in plan.slices
    )
    return ScheduleReport(
        states=states,
        skipped=tuple(session.skipped),
        dispatches=(),
        agents=(),
        elapsed=elapsed,
        budget_exhausted=False,
    )


def _report(
    root: Path,
    run_id: int,
    label: str,
    schedule: ScheduleReport,
    journal: Journal,
    integration: str | None,
    judge: Judge | None,
) -> RunReport:
    records = journal.slices()
    states = dict(schedule.states)
    usage = tuple(
        (sid, records[sid].usage)
        for sid, _ in schedule.states
        if sid in records
        and records[sid].run_id == run_id
        and sid not in schedule.skipped
    )
    failures = tuple(
        (sid, _first_line(records[sid].evidence) if sid in records else "")
        for sid, state in states.items()
        if state is SliceState.FAILED
    )
    branches = tuple(
        (branch_name(sid), records[sid].commit_id)
        for sid, state in states.items()
        if state is SliceState.VERIFIED and sid in records
    )
    assert judge is not None
    isolation = judge.sandbox.isolation
    return RunReport(
        root, run_id, label, schedule, usage, failures, branches, integration, isolation
    )


def _summary_json(report: RunReport) -> dict[str, object]:
    schedule = report.schedule
    usage = report.usage
    return {
        "verified": schedule.count(SliceState.VERIFIED) - len(schedule.skipped),
        "already_verified": len(schedule.skipped),
        "failed": schedule.count(SliceState.FAILED),
        "blocked": schedule.count(SliceState.BLOCKED),
        "pending": schedule.count(SliceState.PENDING),
        "requests": usage.requests,
        "tokens_in": usage.tokens_in,
        "tokens_out": usage.tokens_out,
        "cost_usd": usage.cost_usd,
        "budget_exhausted": schedule.budget_exhausted,
        "interrupted": report.interrupted,
        "integration": report.integration or "",
        # The schedule, elapsed time, and every agent's working and idle time.
        **schedule.accounting_json(),
    }


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""
