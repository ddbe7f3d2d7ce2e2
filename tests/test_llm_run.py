"""`migrate run` with the LLM converter: 50 agents against a server that
fails 30% of requests, then a re-run that sends no request at all.

The judge compiles and runs all 50 programs twice, so this test takes
about 1.5 minutes on 2 cores. It took 5.5 to 10 minutes while the judge
still ran one javac per agent at once.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import fixed
from llm_server import (
    LLMServer,
    by_slice,
    flaky,
    java_answer,
    llm_server,
    program_request,
)

from migrate.commands.run import run_options
from migrate.convert.rules import RulesConverter
from migrate.schedule.journal import JOURNAL_FILE
from migrate.schedule.runner import RunReport, run_estate

__all__ = ["llm_server"]

PROGRAMS = 50
AGENTS = 50

pytestmark = pytest.mark.skipif(
    not (shutil.which("cobc") and shutil.which("javac") and shutil.which("git")),
    reason="needs cobc, javac and git",
)


def program(name: str, number: int) -> str:
    return fixed(
        f"""
        IDENTIFICATION DIVISION.
        PROGRAM-ID. {name}.
        DATA DIVISION.
        WORKING-STORAGE SECTION.
        01 WS-N PIC 9(3) VALUE {number}.
        PROCEDURE DIVISION.
            ADD 1 TO WS-N
            DISPLAY '{name} ' WS-N
            GOBACK.
        """
    )


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def estate_with_answers(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Write an estate of small programs in a new git repository, and return
    it with the server's answer for each slice: the rules converter's Java."""
    root = tmp_path / "repo"
    estate = root / "estate"
    estate.mkdir(parents=True)
    answers: dict[str, str] = {}
    for number in range(PROGRAMS):
        name = f"PROG{number:02d}"
        text = program(name, number)
        (estate / f"{name}.cbl").write_text(text, encoding="utf-8")
        request = program_request(
            tmp_path / "rules" / name, name, {f"{name}.cbl": text}
        )
        sources = RulesConverter().convert(request).sources
        answers[name.lower()] = java_answer(*((s.path, s.text) for s in sources))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "estate")
    return estate, answers


def run(estate: Path, server: LLMServer) -> RunReport:
    """Run the pipeline with the LLM converter. The timeout leaves room for
    answers slowed by 50 agents and the judge sharing the test's cores, and
    the server's hang faults outlast it."""
    options = run_options(
        agents=AGENTS,
        converter="llm",
        model="openai/test-model",
        api_base=server.url,
        request_timeout=15.0,
    )
    return run_estate(estate, options)


def test_run_fifty_agents_faulty_server(llm_server: LLMServer, tmp_path: Path) -> None:
    estate, answers = estate_with_answers(tmp_path)
    llm_server.script = flaky(
        by_slice(answers), rate=0.3, seed=11, hang=20.0, max_faults_per_slice=2
    )

    first = run(estate, llm_server)

    assert first.failures == ()
    assert first.ok
    assert len(first.branches) == PROGRAMS + 1  # and the runtime slice
    sent = len(llm_server.requests)
    assert sent > PROGRAMS  # faults were retried
    assert llm_server.log.max_in_flight <= AGENTS
    assert first.usage.requests >= sent

    # Without the journal every slice is converted again, from the cache.
    # NOTE: a change to the runtime library's sources between the two runs
    # changes every prompt, so this part fails while someone edits them.
    (estate / ".migrate" / JOURNAL_FILE).unlink()
    second = run(estate, llm_server)

    assert second.ok
    assert len(llm_server.requests) == sent
    assert second.usage.requests == 0
