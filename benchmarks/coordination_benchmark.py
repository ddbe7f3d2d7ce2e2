"""Coordination cost on the real clock: the scheduler's own time per task,
agents idle while a task is queued, peak memory, and the speed-up reached
against the ideal, with many agents.

The plan is the synthetic estate of ``schedule_benchmark.py``. The
scheduler is the real one: its threads, ready queue, policies and
accounting. Verification is trivial: a check task and the runtime slice
return at once, and nothing is committed, so the run measures
coordination alone. Each conversion is either

* ``http``: the real LLM converter (litellm) sends its prompt to the
  stand-in of ``tests/llm_server.py``. The stand-in runs on 127.0.0.1 in a
  child process and responds after ``--delay`` seconds.
* ``sleep``: a converter sleeps ``--delay`` seconds.

Usage::

    python benchmarks/coordination_benchmark.py --converter sleep --delay 2
    python benchmarks/coordination_benchmark.py --converter http --delay 10
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from estate_shape import design_estate
from schedule_benchmark import Estate, estate_plan, make_policy, simulate

from migrate.model import (
    Conversion,
    ConversionRequest,
    ExpandedSource,
    Slice,
    SliceKind,
    SliceState,
    SourceMap,
    SourceRun,
)
from migrate.schedule.policy import Stage, Task
from migrate.schedule.scheduler import Finished, Scheduler, ScheduleReport

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
PROGRAM = """\
       IDENTIFICATION DIVISION.
       PROGRAM-ID. {name}.
       DATA DIVISION.
       LINKAGE SECTION.
       01 LK-AREA PIC X(5).
       PROCEDURE DIVISION USING LK-AREA.
           GOBACK.
"""
PROGRAM_ID = re.compile(r"PROGRAM-ID\. ([A-Z0-9-]+)\.")
DUMMY_KEY = "sk-bench-0123456789abcdefDUMMY"


@dataclass(frozen=True)
class BenchTask:
    """One task: the slice, its stage, and the request of a conversion."""

    slice: Slice
    stage: Stage
    request: ConversionRequest | None


class CoordinationHooks:
    """Scheduler hooks that convert with ``convert`` and verify nothing."""

    def __init__(self, convert: Callable[[ConversionRequest], object]) -> None:
        self.convert = convert

    def prepare(self, item: Slice) -> BenchTask:
        return self._task(item, Stage.WHOLE)

    def prepare_stage(self, item: Slice, task: Task) -> BenchTask:
        return self._task(item, task.stage)

    def _task(self, item: Slice, stage: Stage) -> BenchTask:
        if stage is Stage.CHECK or item.kind is SliceKind.RUNTIME:
            return BenchTask(item, stage, None)
        return BenchTask(item, stage, conversion_request(item))

    def started(self, item: Slice, agent: int) -> None:
        return None

    def work(self, task: BenchTask, report: Callable[[str], None]) -> None:
        if task.request is not None:
            self.convert(task.request)

    def finish(self, item: Slice, result: object) -> Finished:
        return Finished(SliceState.VERIFIED)

    def crashed(self, item: Slice, error: str) -> Finished:
        sys.stderr.write(f"slice {item.id} crashed:\n{error}\n")
        return Finished(SliceState.FAILED, error.strip().splitlines()[-1])

    def block(self, item: Slice, failed: str) -> None:
        return None

    def needs_converter(self, item: Slice) -> bool:
        return item.kind is not SliceKind.RUNTIME

    def verify(self, item: Slice) -> Finished:
        return Finished(SliceState.VERIFIED)

    def release(self, item: Slice) -> None:
        return None


def program_name(item: Slice) -> str:
    """Return a PROGRAM-ID for the slice: its first program, or its id."""
    if item.programs:
        return item.programs[0]
    return re.sub(r"[^A-Z0-9]", "-", item.id.upper())[:30].strip("-")


def conversion_request(item: Slice) -> ConversionRequest:
    """Return a one-program request of seven lines for the slice."""
    name = program_name(item)
    text = PROGRAM.format(name=name)
    member = f"bench/{name}.cbl"
    lines = text.count("\n")
    source = ExpandedSource(member, text, SourceMap((SourceRun(0, member, 1),), lines))
    request_slice = Slice(item.id, SliceKind.PROGRAM, (name,), (), (member,), (), 7, 1)
    return ConversionRequest(request_slice, (source,), "migrated", ())


def sleeper(delay: float) -> Callable[[ConversionRequest], object]:
    def convert(request: ConversionRequest) -> Conversion:
        time.sleep(delay)
        return Conversion(request.slice.id, (), converter="sleep")

    return convert


def serve(delay: float) -> int:
    """Run the stand-in server until stdin closes; print its URL first."""
    sys.path.insert(0, str(TESTS))
    from llm_server import LLMServer, Reply, hello_java, java_answer

    from migrate.convert.rules.names import java_class_name

    def script(request):  # type: ignore[no-untyped-def]
        found = PROGRAM_ID.search(request.prompt)
        name = found.group(1) if found else "MISSING"
        cls = java_class_name(name)
        answer = java_answer((f"migrated/{cls}.java", hello_java(cls, name)))
        return Reply(answer, hang=delay)

    server = LLMServer(script).start()
    # NOTE: socketserver listens with a backlog of 5; with many agents
    # connecting at once the kernel would drop connections, and retries
    # would be measured instead of the scheduler.
    server._httpd.socket.listen(4096)
    sys.stdout.write(server.url + "\n")
    sys.stdout.flush()
    sys.stdin.read()
    server.stop()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"server peak RSS {usage.ru_maxrss / 1024:.0f} MiB\n")
    return 0


def http_converter(
    url: str, agents: int, delay: float
) -> Callable[[ConversionRequest], object]:
    sys.path.insert(0, str(TESTS))
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("OPENAI_API_KEY", DUMMY_KEY)
    from llm_server import RUNTIME_STUB

    from migrate.convert.llm import LLMSettings, build_llm_converter

    settings = LLMSettings(
        model="openai/bench-model",
        api_base=url,
        cache_dir=None,
        # NOTE: under load the stand-in now and then reads an empty body and
        # sends no response. A short timeout turns that into a retry instead
        # of a ten-minute stall.
        request_timeout=max(30.0, 3 * delay),
        concurrency=agents,
    )
    converter = build_llm_converter(settings, runtime=RUNTIME_STUB)
    return converter.convert


def ideal_makespan(
    estate: Estate, schedule: str, delay: float, agents: int
) -> tuple[float, float]:
    """Return max(critical path, work / agents) of the delay model, and the
    makespan of the same policy on the virtual clock: ``delay`` per
    conversion, 0 for the rest, and no time for coordination."""

    def duration(task: Task) -> float:
        kind = estate.plan.slice(task.slice_id).kind
        if task.stage is Stage.CHECK or kind is SliceKind.RUNTIME:
            return 0.0
        return delay

    unlimited = 2 * len(estate.plan.slices)
    path, work = simulate(make_policy(schedule, estate), duration, unlimited)
    virtual, _ = simulate(make_policy(schedule, estate), duration, agents)
    return max(path, work / agents), virtual


def run_once(
    estate: Estate,
    schedule: str,
    agents: int,
    convert: Callable[[ConversionRequest], object],
) -> ScheduleReport:
    policy = make_policy(schedule, estate)
    hooks = CoordinationHooks(convert)
    return Scheduler(estate.plan, agents, hooks, {}, policy=policy).run()  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--programs", type=int, default=3000)
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument(
        "--delay",
        type=float,
        default=2.0,
        help="seconds the stand-in waits before each response",
    )
    parser.add_argument("--converter", choices=("sleep", "http"), default="sleep")
    parser.add_argument("--schedule", nargs="+", default=["topological", "contract"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print JSON on stdout")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.delay)
    estate = estate_plan(design_estate(random.Random(args.seed), args.programs))
    server = None
    if args.converter == "http":
        server = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--delay", str(args.delay)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        convert = http_converter(url, args.agents, args.delay)
    else:
        convert = sleeper(args.delay)
    try:
        results = [
            measure(estate, schedule, args, convert) for schedule in args.schedule
        ]
    finally:
        if server is not None:
            server.communicate("")
    if args.json:
        sys.stdout.write(json.dumps(results, indent=1) + "\n")
    else:
        sys.stdout.write(report(results, args) + "\n")
    return 0


def measure(
    estate: Estate,
    schedule: str,
    args: argparse.Namespace,
    convert: Callable[[ConversionRequest], object],
) -> dict[str, object]:
    """Run one schedule and collect its coordination figures."""
    cpu = time.process_time()
    result = run_once(estate, schedule, args.agents, convert)
    cpu = time.process_time() - cpu
    tasks = len(result.dispatches)
    ideal, virtual = ideal_makespan(estate, schedule, args.delay, args.agents)
    verified = result.count(SliceState.VERIFIED)
    return {
        "schedule": schedule,
        "converter": args.converter,
        "agents": args.agents,
        "delay_seconds": args.delay,
        "slices": len(estate.plan.slices),
        "verified": verified,
        "tasks": tasks,
        "makespan_seconds": round(result.elapsed, 3),
        "ideal_makespan_seconds": round(ideal, 3),
        "virtual_makespan_seconds": round(virtual, 3),
        "speed_up_over_ideal": round(ideal / result.elapsed, 4),
        "speed_up_over_virtual": round(virtual / result.elapsed, 4),
        "scheduler_ms_per_task": round(result.hub_seconds / tasks * 1000, 3),
        "scheduler_cpu_ms_per_task": round(result.hub_cpu_seconds / tasks * 1000, 3),
        "idle_with_ready_seconds": sum(a.idle_with_ready for a in result.agents),
        "process_cpu_seconds": round(cpu, 1),
        "peak_rss_mib": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }


def report(results: list[dict[str, object]], args: argparse.Namespace) -> str:
    lines = [
        f"{args.agents} agents, {args.converter} converter, {args.delay:g}s per "
        f"answer, {results[0]['slices']} slices",
        "| schedule | tasks | makespan | ideal | virtual clock | "
        "speed-up / ideal | speed-up / virtual | "
        "scheduler per task (wall, CPU) | idle with a task queued | "
        "process CPU | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results:
        lines.append(
            f"| {row['schedule']} | {row['tasks']} | {row['makespan_seconds']}s | "
            f"{row['ideal_makespan_seconds']}s | {row['virtual_makespan_seconds']}s | "
            f"{row['speed_up_over_ideal']:.3f} | {row['speed_up_over_virtual']:.3f} | "
            f"{row['scheduler_ms_per_task']} ms, {row['scheduler_cpu_ms_per_task']} ms"
            f" | {row['idle_with_ready_seconds']}s | {row['process_cpu_seconds']}s | "
            f"{row['peak_rss_mib']} MiB |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
