"""LLM agents on the sample estate, against a scripted server that answers
every prompt with the rules converter's Java for the files it lists.

`migrate run --converter llm --agents 50` runs through the command line.
The runtime slice sends no request, because the LLM converter copies the
runtime library; every record slice and every program slice sends at least
one. The converter assumes 16,000 prompt tokens for a model that litellm
does not know, so the largest programs (AUDITRPT, POSTTRAN) are split into
parts. Some slices of several programs (the OVDCHK and TRANAPL cycle,
STMTFMT with its test driver) send one prompt per program. A
second test repairs AUDITRPT in parts with evidence longer than a prompt.

Measured on 2 cores shared with other test runs: the run test 40 seconds
to 2.5 minutes, the repair test 5 to 10 seconds, and the rules run that
makes the answers, once per module, 12 to 40 seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import migrate
from llm_server import (
    DUMMY_KEY,
    LLMServer,
    by_files,
    llm_server,
    program_request,
    settings_for,
)

from migrate.commands.run import run_options
from migrate.commit import init_repository
from migrate.convert.llm import build_llm_converter
from migrate.convert.llm.planning import estimate_tokens
from migrate.convert.llm.settings import DEFAULT_MAX_PROMPT_TOKENS
from migrate.model import ConversionRequest, SliceKind, SliceState
from migrate.planjson import load_plan
from migrate.schedule.journal import JOURNAL_FILE, Journal
from migrate.schedule.runner import run_estate

__all__ = ["llm_server", "rules_java"]

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "fixtures" / "bank"
# The Java source root inside a slice's commit, as the default java_dir sets it.
JAVA_ROOT = "java/src/main/java/"
AGENTS = 50

NEEDS_TOOLS = pytest.mark.skipif(
    not (shutil.which("cobc") and shutil.which("javac") and shutil.which("git")),
    reason="needs cobc, javac and git",
)
pytestmark = [pytest.mark.slow, NEEDS_TOOLS]


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def copy_bank(root: Path) -> Path:
    """Copy the sample estate to ``root`` as a git repository with one commit."""
    shutil.copytree(BANK, root)
    init_repository(root, "Add the bank estate")
    return root


def java_files(root: Path, commit: str) -> set[str]:
    """Return the Java paths of ``commit``, relative to the Java source root."""
    listed = git(root, "ls-tree", "-r", "--name-only", commit).splitlines()
    return {path[len(JAVA_ROOT) :] for path in listed if path.startswith(JAVA_ROOT)}


def slice_java(root: Path, slice_id: str) -> dict[str, str]:
    """Return the Java files that the commit of ``slice_id`` adds to all of
    its parents: the slice's own files, by path."""
    branch = f"migrate/{slice_id}"
    own = java_files(root, branch)
    for parent in git(root, "log", "-1", "--format=%P", branch).split():
        own -= java_files(root, parent)
    return {path: git(root, "show", f"{branch}:{JAVA_ROOT}{path}") for path in own}


@pytest.fixture(scope="module")
def rules_java(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Run the rules converter on a copy of the sample estate, and return
    each slice's Java files from its branch: {slice id: {path: text}}."""
    root = copy_bank(tmp_path_factory.mktemp("rules") / "bank")
    report = run_estate(root, run_options(agents=2))
    assert report.ok, report.failures
    plan = load_plan(root)
    return {item.id: slice_java(root, item.id) for item in plan.slices}


def migrate_cli(*args: str, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """Run ``python -m migrate`` with a dummy key and litellm's bundled
    price list, so that litellm reaches no host but the test server."""
    env = dict(os.environ)
    env.pop("CI", None)
    env["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    env["OPENAI_API_KEY"] = DUMMY_KEY
    # Wide enough that rich never wraps a line of the summary.
    env["COLUMNS"] = "250"
    return migrate(*args, env=env, cwd=REPO, timeout=timeout)


def test_bank_fifty_llm_agents_verified(
    llm_server: LLMServer, rules_java: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    root = copy_bank(tmp_path / "bank")
    unknown: list[str] = []
    llm_server.script = by_files(rules_java, unknown)

    done = migrate_cli(
        "run",
        str(root),
        "--converter",
        "llm",
        "--model",
        "openai/test-model",
        "--api-base",
        llm_server.url,
        "--agents",
        str(AGENTS),
        "--request-timeout",
        "60",
    )

    failed = [line for line in done.stderr.splitlines() if line.startswith("failed ")]
    assert done.returncode == 0, "\n".join(failed) or done.stderr[-3000:]
    assert unknown == []
    plan = load_plan(root)
    journal = Journal(root / ".migrate" / JOURNAL_FILE, readonly=True)
    records = journal.slices()
    journal.close()
    for item in plan.slices:
        record = records.get(item.id)
        assert record is not None, item.id
        assert record.state is SliceState.VERIFIED, (item.id, record.evidence)
        assert record.commit_id, item.id
        branch = git(root, "rev-parse", f"migrate/{item.id}").strip()
        assert branch == record.commit_id, item.id

    requests = llm_server.requests
    assert llm_server.log.max_in_flight <= AGENTS
    assert not any(request.is_repair for request in requests)
    sent = {request.slice_id for request in requests}
    assert "runtime" not in sent
    converted = {item.id for item in plan.slices if item.kind is not SliceKind.RUNTIME}
    assert sent == converted
    # The split programs show that the parts were joined into one class.
    assert any(request.part > 1 for request in requests)


def auditrpt_request(root: Path, evidence: str = "") -> ConversionRequest:
    """Return the request for a slice of AUDITRPT, the sample estate's
    longest program, alone with the copybooks, written under ``root``."""
    members = {"cobol/AUDITRPT.cbl": (BANK / "cobol/AUDITRPT.cbl").read_text()}
    for copybook in (BANK / "copy").glob("*.cpy"):
        members[f"copy/{copybook.name}"] = copybook.read_text()
    return program_request(root, "auditrpt", members, evidence=evidence)


def test_bank_chunked_repair_clips_evidence(
    llm_server: LLMServer, rules_java: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    # Far longer than the whole prompt budget, as javac's output for a
    # class joined from wrong parts can be.
    evidence = "\n".join(
        f"migrated/Auditrpt.java:{n}: error: variable N_{n} is already defined"
        for n in range(1, 1500)
    )
    request = auditrpt_request(tmp_path / "estate", evidence)
    unknown: list[str] = []
    llm_server.script = by_files(rules_java, unknown)
    converter = build_llm_converter(settings_for(llm_server, None))

    conversion = converter.convert(request)

    assert unknown == []
    assert [s.path for s in conversion.sources] == ["migrated/Auditrpt.java"]
    requests = llm_server.requests
    assert len(requests) > 1
    for sent in requests:
        assert sent.is_repair
        assert sent.part >= 1
        assert "more lines of evidence left out to fit the prompt" in sent.prompt
        assert estimate_tokens(sent.prompt) <= DEFAULT_MAX_PROMPT_TOKENS
