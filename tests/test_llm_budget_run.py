"""The LLM budget: a slice, or a request, whose expected cost would pass
``--budget-usd`` is not sent.

Through the command line on the sample estate, the run stops handing out
LLM work, the summary reports the stop and lists the cost of every slice, and a
second run without a budget converts the rest. The model is
``openai/gpt-4o-mini``, which litellm's bundled price list prices at $0.15
per million prompt tokens and $0.60 per million answer tokens, but
``--api-base`` points at the test server on 127.0.0.1. The server reports
``usage`` as characters / 4 of the prompt and the answer. A record slice's
prompt is about 9,500 tokens, nearly all of it the runtime library's API,
so one costs about $0.0017, and a budget of $0.006 let three of them
through in the runs measured.

Measured on 2 cores shared with other test runs, the run test takes 50
seconds to 2.5 minutes. Most of that is the second run, because its judge
compiles every slice the first run left. The converter test takes under 10
seconds.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from llm_server import RUNTIME_STUB, LLMServer, by_files, llm_server, settings_for
from test_llm_bank import (
    NEEDS_TOOLS,
    auditrpt_request,
    copy_bank,
    git,
    migrate_cli,
    rules_java,
)

from migrate.convert import BudgetExhausted
from migrate.convert.llm import build_llm_converter
from migrate.errors import ExitCode
from migrate.model import SliceKind, SliceState
from migrate.planjson import load_plan
from migrate.schedule.journal import JOURNAL_FILE, Journal

__all__ = ["llm_server", "rules_java"]

MODEL = "openai/gpt-4o-mini"
BUDGET_USD = 0.006
AGENTS = 4
BUDGET_MESSAGE = "The LLM budget is exhausted, so the slices not started stay pending."


def usage_rows(stderr: str) -> dict[str, tuple[int, float]]:
    """Return the summary's LLM usage table: {slice: (requests, cost)},
    without the total row."""
    lines = stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("LLM usage ("))
    rows: dict[str, tuple[int, float]] = {}
    # The line after the title contains the column names.
    for line in lines[start + 2 :]:
        cells = line.split()
        if not cells or cells[0] == "total":
            break
        assert re.fullmatch(r"\$\d+\.\d{4}", cells[-1]), line
        rows[cells[0]] = (int(cells[1]), float(cells[-1][1:]))
    return rows


@pytest.mark.slow
@NEEDS_TOOLS
def test_budget_stop_leaves_slices_pending(
    llm_server: LLMServer, rules_java: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    root = copy_bank(tmp_path / "bank")
    unknown: list[str] = []
    llm_server.script = by_files(rules_java, unknown)
    run = (
        "run",
        str(root),
        "--converter",
        "llm",
        "--model",
        MODEL,
        "--api-base",
        llm_server.url,
        "--agents",
        str(AGENTS),
        "--request-timeout",
        "60",
    )

    done = migrate_cli(*run, "--budget-usd", str(BUDGET_USD))

    # A budget stop leaves the estate unfinished, which exits as failed
    # slices do, so that a CI job does not pass with slices pending.
    assert done.returncode == ExitCode.SLICES_FAILED, done.stderr[-3000:]
    assert unknown == []
    assert BUDGET_MESSAGE in done.stderr
    assert "failed " not in done.stderr
    plan = load_plan(root)
    journal = Journal(root / ".migrate" / JOURNAL_FILE, readonly=True)
    records = journal.slices()
    journal.close()
    verified = {
        sid for sid, record in records.items() if record.state is SliceState.VERIFIED
    }
    pending = {item.id for item in plan.slices} - verified
    assert "runtime" in verified
    assert len(verified) >= 2
    assert len(pending) >= len(plan.slices) // 2
    for sid in pending:
        record = records.get(sid)
        # A slice that never started has no row, which means pending.
        assert record is None or record.state is SliceState.PENDING, sid
        assert record is None or record.commit_id == "", sid
        assert record is None or record.usage.requests == 0, sid

    # Only verified slices are committed: no branch for a pending one, and
    # the integration branch joins exactly the verified ones.
    branches = set(git(root, "branch", "--list", "migrate/*").split())
    assert branches == {f"migrate/{sid}" for sid in verified} | {"migrate/integration"}
    log = git(root, "log", "--format=%B", "migrate/integration")
    joined = set(re.findall(r"^Migrate-Slice: (\S+)$", log, re.MULTILINE))
    assert joined - {"integration"} == verified

    # The usage table has a row for every slice that sent requests, each
    # with a cost, and the server got requests from exactly those slices.
    rows = usage_rows(done.stderr)
    requested = {sid for sid in verified if sid != "runtime"}
    assert set(rows) == requested
    for sid in requested:
        requests, cost = rows[sid]
        assert requests == records[sid].usage.requests, sid
        assert requests >= 1, sid
        assert cost > 0, sid
    assert {request.slice_id for request in llm_server.requests} == requested

    status = migrate_cli("status", str(root), "--json")
    assert status.returncode == 0, status.stderr
    costs = {
        row["slice"]: row["cost_usd"] for row in json.loads(status.stdout)["slices"]
    }
    assert set(costs) == {item.id for item in plan.slices}
    for sid in requested:
        assert costs[sid] == records[sid].usage.cost_usd, sid
        assert costs[sid] > 0, sid
    for sid in pending | {"runtime"}:
        assert costs[sid] == 0, sid

    # A run without a budget converts the pending slices only.
    first_requests = len(llm_server.requests)
    again = migrate_cli(*run)

    assert again.returncode == ExitCode.OK, again.stderr[-3000:]
    assert BUDGET_MESSAGE not in again.stderr
    resumed = {request.slice_id for request in llm_server.requests[first_requests:]}
    kinds = {item.id: item.kind for item in plan.slices}
    assert resumed == {sid for sid in pending if kinds[sid] is not SliceKind.RUNTIME}
    assert f"{len(verified)} already verified" in again.stderr


def test_budget_refuses_slice_before_parts(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    # With the one-class runtime stub and 6,000 prompt tokens, AUDITRPT goes
    # in three parts of about a third of its cost each, so each part alone
    # fits the budget and the whole slice does not.
    request = auditrpt_request(tmp_path / "estate")
    settings = settings_for(llm_server, None, model=MODEL, max_prompt_tokens=6_000)
    probe = build_llm_converter(settings, runtime=RUNTIME_STUB)
    expected = probe.estimate_cost(request)
    budgeted = dataclasses.replace(settings, budget_usd=expected * 0.6)
    converter = build_llm_converter(budgeted, runtime=RUNTIME_STUB)

    with pytest.raises(BudgetExhausted) as caught:
        converter.convert(request)

    assert llm_server.requests == []
    assert "and slice auditrpt is expected to cost" in str(caught.value)
