"""Crash safety of `migrate run`: the reconciliation of the journal with the
branches, case by case, and the sample bank estate run to the end through
many SIGKILLs at random points.

A slice is committed once when exactly one commit with its
``Migrate-Slice`` trailer is reachable from the repository's refs, and
its branch was written once: its reflog has a single entry.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pytest

from migrate.commit import (
    INTEGRATION_BRANCH,
    EstateRepo,
    SliceCommit,
    init_repository,
    parse_trailers,
)
from migrate.errors import UsageError
from migrate.model import JavaSource, Slice, SliceKind, SliceState
from migrate.planjson import load_plan
from migrate.schedule.journal import Journal, Usage
from migrate.schedule.recovery import reconcile
from migrate.schedule.session import COMMIT_PAUSE_VARIABLE

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "fixtures" / "bank"
JAVA_ROOT = "java/src/main/java"
MISSING = "0123456789abcdef0123456789abcdef01234567"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def program(slice_id: str) -> Slice:
    name = slice_id.upper()
    return Slice(
        slice_id,
        SliceKind.PROGRAM,
        (name,),
        (),
        (f"cobol/{name}.cbl",),
        (),
        1,
        1,
    )


def write_commit(repo: EstateRepo, slice_id: str, text: str = "") -> str:
    source = JavaSource(f"migrated/{slice_id.title()}.java", text or f"// {slice_id}\n")
    request = SliceCommit(
        program(slice_id), (repo.head(),), (source,), "rules", (), "h"
    )
    return repo.write_slice_commit(request, JAVA_ROOT)


def record_committing(journal: Journal, slice_id: str, commit: str) -> None:
    run_id = journal.start_run(1, "rules", "base")
    journal.set_running(slice_id, run_id, agent=1, input_hash="h")
    journal.begin_commit(
        slice_id,
        commit,
        converter="rules",
        evidence="compiled",
        checks=("compile",),
        java_paths=(f"migrated/{slice_id.title()}.java",),
        usage=Usage(),
        attempts=1,
    )


def record_verified(journal: Journal, slice_id: str, commit: str) -> None:
    record_committing(journal, slice_id, commit)
    journal.end_commit(slice_id)


@pytest.fixture
def estate(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "cobol/ALPHA.cbl").write_text("       PROGRAM-ID. ALPHA.\n")
    init_repository(root, "Add the estate")
    return root


def open_both(root: Path) -> tuple[Journal, EstateRepo]:
    (root / ".migrate").mkdir(exist_ok=True)
    return Journal(root / ".migrate/journal.sqlite"), EstateRepo.open(root)


def test_reconcile_marks_moved_branch_verified(estate: Path) -> None:
    journal, repo = open_both(estate)
    commit = write_commit(repo, "alpha")
    record_committing(journal, "alpha", commit)
    # Killed after the branch moved, before the journal marked the slice.
    repo.update_branch("migrate/alpha", commit, expected="")
    result = reconcile(journal, repo)
    record = journal.slice("alpha")
    assert record is not None
    assert result.completed == ("alpha",)
    assert record.state is SliceState.VERIFIED
    assert record.commit_id == commit
    assert record.committing == ""
    assert repo.branch("migrate/alpha") == commit


def test_reconcile_moves_branch_then_verifies(estate: Path) -> None:
    journal, repo = open_both(estate)
    commit = write_commit(repo, "alpha")
    # Killed after the journal named the commit, before the branch moved.
    record_committing(journal, "alpha", commit)
    result = reconcile(journal, repo)
    record = journal.slice("alpha")
    assert record is not None
    assert result.completed == ("alpha",)
    assert record.state is SliceState.VERIFIED
    assert repo.branch("migrate/alpha") == commit


def test_reconcile_redoes_missing_commit_object(estate: Path) -> None:
    journal, repo = open_both(estate)
    old = write_commit(repo, "alpha", "// old\n")
    record_verified(journal, "alpha", old)
    repo.update_branch("migrate/alpha", old, expected="")
    record_committing(journal, "alpha", MISSING)
    result = reconcile(journal, repo)
    record = journal.slice("alpha")
    assert record is not None
    assert result.redone == ("alpha",)
    assert record.state is SliceState.PENDING
    assert record.commit_id == old
    assert record.committing == ""
    assert repo.branch("migrate/alpha") == old


def test_reconcile_resets_branches_to_journal(estate: Path) -> None:
    journal, repo = open_both(estate)
    alpha = write_commit(repo, "alpha")
    bravo = write_commit(repo, "bravo")
    record_verified(journal, "alpha", alpha)
    record_verified(journal, "bravo", bravo)
    # alpha's branch is missing, bravo's is at an older commit of bravo,
    # ghost's is unknown to the journal.
    repo.update_branch("migrate/bravo", write_commit(repo, "bravo", "// old\n"), "")
    repo.update_branch("migrate/ghost", write_commit(repo, "ghost"), expected="")
    result = reconcile(journal, repo)
    assert sorted(result.reset) == ["migrate/alpha", "migrate/bravo", "migrate/ghost"]
    assert repo.list_branches() == {"migrate/alpha": alpha, "migrate/bravo": bravo}


def test_reconcile_rejects_branch_of_other_slice(estate: Path) -> None:
    journal, repo = open_both(estate)
    alpha = write_commit(repo, "alpha")
    bravo = write_commit(repo, "bravo")
    record_verified(journal, "alpha", alpha)
    record_verified(journal, "bravo", bravo)
    repo.update_branch("migrate/alpha", alpha, expected="")
    # bravo's branch points at alpha's commit, where migrate never put it.
    repo.update_branch("migrate/bravo", alpha, expected="")
    with pytest.raises(UsageError, match="branch migrate/bravo was not written"):
        reconcile(journal, repo)
    assert repo.list_branches() == {"migrate/alpha": alpha, "migrate/bravo": alpha}


def test_reconcile_forgets_missing_verified_commit(estate: Path) -> None:
    journal, repo = open_both(estate)
    record_verified(journal, "alpha", MISSING)
    result = reconcile(journal, repo)
    record = journal.slice("alpha")
    assert record is not None
    assert result.redone == ("alpha",)
    assert record.state is SliceState.PENDING
    assert record.commit_id == ""
    assert repo.list_branches() == {}


def test_reconcile_settles_integration_branch(estate: Path) -> None:
    journal, repo = open_both(estate)
    alpha = write_commit(repo, "alpha")
    record_verified(journal, "alpha", alpha)
    repo.update_branch("migrate/alpha", alpha, expected="")
    joined = repo.write_integration_commit([alpha], ["alpha"])
    journal.begin_branch(INTEGRATION_BRANCH, joined)
    reconcile(journal, repo)
    branch = journal.branches()[INTEGRATION_BRANCH]
    assert branch.commit_id == joined
    assert branch.committing == ""
    assert repo.branch(INTEGRATION_BRANCH) == joined


def test_reconcile_requeues_running_slices(estate: Path) -> None:
    journal, repo = open_both(estate)
    run_id = journal.start_run(1, "rules", "base")
    journal.set_running("alpha", run_id, agent=1, input_hash="h")
    result = reconcile(journal, repo)
    record = journal.slice("alpha")
    assert record is not None
    assert result.requeued == 1
    assert record.state is SliceState.PENDING


def test_failed_branch_update_names_branch(estate: Path) -> None:
    _, repo = open_both(estate)
    commit = write_commit(repo, "alpha")
    repo.update_branch("migrate/alpha", commit, expected="")
    with pytest.raises(UsageError, match="cannot update branch migrate/alpha"):
        repo.update_branch("migrate/alpha", repo.head(), expected=MISSING)
    # The next update starts a new git process.
    assert repo.update_branch("migrate/alpha", repo.head(), expected=commit)
    assert repo.branch("migrate/alpha") == repo.head()


# The bank estate through SIGKILLs

SEED = 20261204
KILLS = 24
# Seconds slept between the steps of each commit, to widen the windows.
COMMIT_PAUSE = 0.2


def start_run(root: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("CI", None)
    env[COMMIT_PAUSE_VARIABLE] = str(COMMIT_PAUSE)
    return subprocess.Popen(
        [sys.executable, "-m", "migrate", "run", str(root), "--agents", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def query(root: Path, sql: str) -> list[tuple[object, ...]]:
    """Read the journal as `migrate status` does, while a run may write."""
    path = root / ".migrate/journal.sqlite"
    if not path.is_file():
        return []
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    except sqlite3.OperationalError:
        # The first run has not created the tables yet.
        return []
    finally:
        connection.close()


def wait_until(
    process: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float
) -> None:
    """Wait until ``ready()`` is true, the process ends, or ``limit`` s pass."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if ready():
            return
        time.sleep(0.01)


def kill_at_random_point(
    root: Path, process: subprocess.Popen[bytes], rng: random.Random, number: int
) -> bool:
    """Kill the run: early, some time after it started its run, or inside a
    commit, in turn. Return False when it ended before the kill."""
    runs = len(query(root, "SELECT id FROM runs"))
    mode = number % 3
    if mode == 0:
        time.sleep(rng.uniform(0.2, 3.0))
    elif mode == 1:
        wait_until(process, lambda: len(query(root, "SELECT id FROM runs")) > runs, 60)
        time.sleep(rng.uniform(0.0, 4.0))
    else:
        committing = "SELECT slice_id FROM slices WHERE committing != ''"
        wait_until(process, lambda: bool(query(root, committing)), 60)
        time.sleep(rng.uniform(0.0, 3 * COMMIT_PAUSE))
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return killed


def branches(root: Path) -> dict[str, str]:
    output = git(
        root,
        "for-each-ref",
        "--format=%(refname:short) %(objectname)",
        "refs/heads/migrate/",
    )
    return dict(line.split(" ") for line in output.splitlines())


def existing_commits(root: Path, ids: set[str]) -> set[str]:
    done = subprocess.run(
        ["git", "cat-file", "--batch-check=%(objectname) %(objecttype)"],
        cwd=root,
        input="".join(f"{commit}\n" for commit in sorted(ids)),
        capture_output=True,
        text=True,
        check=True,
    )
    return {
        line.split()[0] for line in done.stdout.splitlines() if line.endswith(" commit")
    }


def check_invariants(root: Path) -> None:
    """Every branch points at a commit its journal row names, and every
    commit the journal names exists."""
    named: dict[str, set[str]] = defaultdict(set)
    for slice_id, commit_id, committing in query(
        root, "SELECT slice_id, commit_id, committing FROM slices"
    ):
        named[f"migrate/{slice_id}"] |= {str(commit_id), str(committing)} - {""}
    for name, commit_id, committing in query(
        root, "SELECT name, commit_id, committing FROM branches"
    ):
        named[str(name)] |= {str(commit_id), str(committing)} - {""}
    for name, commit in branches(root).items():
        assert commit in named[name], f"{name} points at {commit}, not in the journal"
    every = set().union(*named.values()) if named else set()
    assert existing_commits(root, every) == every


def slices_done(root: Path) -> set[str]:
    rows = query(
        root,
        "SELECT slice_id FROM slices WHERE state = 'verified' OR committing != ''",
    )
    return {str(row[0]) for row in rows}


@pytest.mark.slow
def test_sigkill_anywhere_commits_each_slice_once(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    init_repository(root, "Add the bank estate")
    rng = random.Random(SEED)
    kills = in_commit = 0
    # (last run id, slices verified or committing) after each kill.
    done_at_kill: list[tuple[int, set[str]]] = []
    for number in range(KILLS):
        process = start_run(root)
        kills += kill_at_random_point(root, process, rng, number)
        if query(root, "SELECT 1 FROM slices WHERE committing != ''"):
            in_commit += 1
        check_invariants(root)
        runs = [int(str(row[0])) for row in query(root, "SELECT id FROM runs")]
        done_at_kill.append((max(runs, default=0), slices_done(root)))

    final = subprocess.run(
        [sys.executable, "-m", "migrate", "run", str(root), "--agents", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert final.returncode == 0, final.stderr[-3000:]
    print(f"{kills} runs killed, {in_commit} of them inside a commit")
    assert kills >= 20, f"only {kills} runs were killed; the others ended first"
    assert in_commit >= 2, f"only {in_commit} kills landed inside a commit"

    plan = load_plan(root)
    slice_ids = {item.id for item in plan.slices}
    journal = Journal(root / ".migrate/journal.sqlite", readonly=True)
    try:
        records = journal.slices()
        attempts = {sid: journal.attempts(sid) for sid in slice_ids}
    finally:
        journal.close()
    assert {sid for sid in slice_ids if records[sid].state is SliceState.VERIFIED} == (
        slice_ids
    )
    assert all(records[sid].committing == "" for sid in slice_ids)

    # The branches are exactly the journal's commits.
    refs = branches(root)
    assert set(refs) == {f"migrate/{sid}" for sid in slice_ids} | {INTEGRATION_BRANCH}
    for sid in slice_ids:
        assert refs[f"migrate/{sid}"] == records[sid].commit_id, sid
        message = git(root, "log", "-1", "--format=%B", records[sid].commit_id)
        assert ("Migrate-Slice", sid) in parse_trailers(message)

    # One commit per slice reachable from the refs, and one branch write.
    log = git(
        root,
        "log",
        "--all",
        "--format=%H %(trailers:key=Migrate-Slice,valueonly,separator=)",
    )
    reachable: dict[str, set[str]] = defaultdict(set)
    for line in log.splitlines():
        commit, _, trailer = line.partition(" ")
        if trailer:
            reachable[trailer].add(commit)
    for sid in slice_ids:
        assert reachable[sid] == {records[sid].commit_id}, sid
        reflog = git(root, "reflog", "show", "--format=%H", f"refs/heads/migrate/{sid}")
        assert reflog.split() == [records[sid].commit_id], sid

    # A slice verified (or with its commit recorded) when a run was killed
    # never ran again in a later run.
    for run_id, done in done_at_kill:
        for sid in done:
            later = [a for a in attempts[sid] if a.run_id > run_id]
            assert later == [], f"slice {sid} ran again after run {run_id}"

    fsck = subprocess.run(
        ["git", "fsck", "--strict", "--no-dangling"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert fsck.returncode == 0, fsck.stderr
    assert fsck.stdout == ""
    assert "error" not in fsck.stderr
