"""`migrate run` and the user's branches: a checked-out or user-made
``migrate/*`` branch is rejected before anything moves, a re-run after the
user merged the integration branch behaves, and the agents are capped at
the slices that can run."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_bad_input_run import committed_estate, git, migrate, program, user_state

from migrate.commit import EstateRepo, SliceCommit, init_repository
from migrate.errors import UsageError
from migrate.model import JavaSource, Plan, Slice, SliceKind, SliceState
from migrate.schedule.scheduler import Finished, Scheduler, Skip

HELLO_JAVA = "java/src/main/java/migrated/Hello.java"


@pytest.fixture(scope="module")
def migrated_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = committed_estate(
        tmp_path_factory.mktemp("first") / "estate",
        {"HELLO.cbl": program("HELLO"), "OTHER.cbl": program("OTHER")},
    )
    result = migrate("run", str(root), "--agents", "2")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def estate(migrated_once: Path, tmp_path: Path) -> Path:
    """A copy of an estate that one run migrated, journal included."""
    root = tmp_path / "estate"
    shutil.copytree(migrated_once, root, symlinks=True)
    return root


def refs(root: Path) -> str:
    return git(root, "for-each-ref", "--format=%(refname) %(objectname)")


def commit_all(root: Path, message: str) -> None:
    git(root, "commit", "-q", "--allow-empty", "-am", message)


@pytest.mark.parametrize("branch", ["migrate/integration", "migrate/hello"])
def test_run_on_checked_out_branch_rejected(estate: Path, branch: str) -> None:
    git(estate, "checkout", "-q", branch)
    before = user_state(estate)
    before_refs = refs(estate)
    plan_file = estate / ".migrate" / "plan.json"
    planned = plan_file.stat().st_mtime_ns

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert f"error: branch {branch} is checked out in {estate}" in result.stderr
    assert "hint: check out another branch there first" in result.stderr
    assert "Traceback" not in result.stderr
    assert user_state(estate) == before
    assert refs(estate) == before_refs
    # Rejected before planning, too.
    assert plan_file.stat().st_mtime_ns == planned


def test_run_branch_in_worktree_rejected(estate: Path, tmp_path: Path) -> None:
    worktree = tmp_path / "review"
    git(estate, "worktree", "add", "-q", str(worktree), "migrate/hello")
    commit_all(estate, "a commit on main moves the base")
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert f"error: branch migrate/hello is checked out in {worktree}" in (
        result.stderr
    )
    assert refs(estate) == before_refs
    assert git(worktree, "status", "--porcelain") == ""


def test_branch_update_while_checked_out_rejected(estate: Path) -> None:
    main = git(estate, "rev-parse", "main").strip()
    hello = git(estate, "rev-parse", "migrate/hello").strip()
    git(estate, "checkout", "-q", "migrate/hello")
    repo = EstateRepo.open(estate)
    try:
        with pytest.raises(UsageError, match="branch migrate/hello is checked out"):
            repo.update_branch("migrate/hello", main, expected=hello)
    finally:
        repo.close()
    assert git(estate, "rev-parse", "migrate/hello").strip() == hello


def test_user_branch_under_migrate_rejected(tmp_path: Path) -> None:
    root = committed_estate(
        tmp_path / "estate",
        {"HELLO.cbl": program("HELLO"), "OTHER.cbl": program("OTHER")},
    )
    git(root, "branch", "migrate/hello")
    before_refs = refs(root)

    result = migrate("run", str(root), "--agents", "2")

    assert result.returncode == 2
    assert "error: branch migrate/hello was not written by migrate" in result.stderr
    assert "no Migrate-Slice trailer" in result.stderr
    assert "hint: migrate owns every branch under migrate/" in result.stderr
    assert "'git branch -m migrate/hello hello'" in result.stderr
    assert "Traceback" not in result.stderr
    assert refs(root) == before_refs


def test_user_commit_on_slice_branch_rejected(estate: Path) -> None:
    git(estate, "checkout", "-q", "migrate/hello")
    (estate / "NOTES.txt").write_text("review notes\n", encoding="utf-8")
    git(estate, "add", "NOTES.txt")
    commit_all(estate, "Review notes")
    git(estate, "checkout", "-q", "main")
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert "error: branch migrate/hello was not written by migrate" in result.stderr
    assert refs(estate) == before_refs
    assert git(estate, "log", "-1", "--format=%s", "migrate/hello") == (
        "Review notes\n"
    )


def test_stale_migrate_branch_still_deleted(estate: Path) -> None:
    # A branch that migrate wrote for its own slice but that the journal
    # does not name, such as one of a slice that left the plan, is its own
    # to delete.
    repo = EstateRepo.open(estate)
    try:
        ghost = Slice("ghost", SliceKind.PROGRAM, ("GHOST",), (), (), (), 1, 1)
        source = JavaSource("migrated/Ghost.java", "class Ghost {}\n")
        request = SliceCommit(ghost, (repo.head(),), (source,), "rules", (), "h")
        commit = repo.write_slice_commit(request, "java/src/main/java")
        repo.update_branch("migrate/ghost", commit, expected="")
    finally:
        repo.close()

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 0, result.stderr
    assert "branch migrate/ghost points at" in result.stderr
    assert git(estate, "branch", "--list", "migrate/ghost") == ""


def test_copied_slice_branch_rejected(estate: Path) -> None:
    git(estate, "branch", "migrate/copy", "migrate/hello")
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert "error: branch migrate/copy was not written by migrate" in result.stderr
    assert "is the commit of migrate/hello, not of this branch" in result.stderr
    assert "'git branch -m migrate/copy copy'" in result.stderr
    assert "Traceback" not in result.stderr
    assert refs(estate) == before_refs


def amend_hello(root: Path, *identity: str) -> str:
    """Change the Java of migrate/hello and amend its commit; return the
    new commit id."""
    git(root, "checkout", "-q", "migrate/hello")
    java = root / HELLO_JAVA
    java.write_text(java.read_text() + "// reviewed\n", encoding="utf-8")
    git(root, *identity, "commit", "-q", "-a", "--amend", "--no-edit")
    git(root, "checkout", "-q", "main")
    return git(root, "rev-parse", "migrate/hello").strip()


def test_amended_slice_commit_rejected(estate: Path) -> None:
    amended = amend_hello(estate)
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert "error: branch migrate/hello was not written by migrate" in result.stderr
    assert "was committed by dev <dev@example.com>, not by migrate" in result.stderr
    assert refs(estate) == before_refs
    assert git(estate, "rev-parse", "migrate/hello").strip() == amended


def test_amend_as_migrate_rejected(estate: Path) -> None:
    # The committer alone does not prove migrate wrote it: the reflog shows
    # who moved the branch last.
    identity = ("-c", "user.name=migrate", "-c", "user.email=migrate@localhost")
    amended = amend_hello(estate, *identity)
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert "error: branch migrate/hello was not written by migrate" in result.stderr
    assert "its reflog shows 'commit (amend): " in result.stderr
    assert refs(estate) == before_refs
    assert git(estate, "rev-parse", "migrate/hello").strip() == amended


def test_branch_named_migrate_rejected(tmp_path: Path) -> None:
    root = committed_estate(tmp_path / "estate", {"HELLO.cbl": program("HELLO")})
    git(root, "branch", "migrate")
    before_refs = refs(root)

    result = migrate("run", str(root), "--agents", "1")

    assert result.returncode == 2
    assert "error: a branch named migrate exists, so git cannot create" in (
        result.stderr
    )
    assert "hint: rename it with 'git branch -m migrate <new-name>'" in result.stderr
    assert "Traceback" not in result.stderr
    assert refs(root) == before_refs
    assert not (root / ".migrate" / "plan.json").exists()


def test_checked_out_hint_names_master(estate: Path) -> None:
    git(estate, "branch", "-m", "main", "master")
    git(estate, "checkout", "-q", "migrate/hello")

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 2
    assert (
        "hint: check out another branch there first, such as 'git switch "
        "master', then run again"
    ) in result.stderr


@pytest.mark.parametrize("how", ["--no-ff", "--ff-only"])
def test_rerun_after_merge_writes_nothing(estate: Path, how: str) -> None:
    git(estate, "merge", "-q", how, "migrate/integration", "-m", "Merge Java")
    before = user_state(estate)
    before_refs = refs(estate)

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 0, result.stderr
    assert "0 verified, 3 already verified" in result.stderr
    assert "contains migrate/integration" in result.stderr
    assert refs(estate) == before_refs
    assert user_state(estate) == before


def test_rerun_after_merge_and_edit(estate: Path) -> None:
    git(estate, "merge", "-q", "--no-ff", "migrate/integration", "-m", "Merge Java")
    hello = (estate / "HELLO.cbl").read_text(encoding="utf-8")
    (estate / "HELLO.cbl").write_text(hello.replace("'HELLO'", "'WORLD'"))
    commit_all(estate, "Greet the world")
    main = git(estate, "rev-parse", "main").strip()

    result = migrate("run", str(estate), "--agents", "2")

    assert result.returncode == 0, result.stderr
    assert "3 verified, 0 already verified" in result.stderr
    changed = git(estate, "diff", "--name-only", "main", "migrate/integration")
    assert changed == f"{HELLO_JAVA}\n"
    joined = git(estate, "show", f"migrate/integration:{HELLO_JAVA}")
    assert "WORLD" in joined
    assert git(estate, "rev-parse", "migrate/runtime^").strip() == main
    runtime_files = git(estate, "ls-tree", "-r", "--name-only", "migrate/runtime")
    assert "java/src/main/java/migrated/" not in runtime_files
    assert "java/src/main/java/migrate/runtime/" in runtime_files


def test_runtime_commit_replaces_generated_packages(tmp_path: Path) -> None:
    java = tmp_path / "repo/estate/java"
    (java / "src/main/java/migrated").mkdir(parents=True)
    (java / "src/main/java/migrated/Old.java").write_text("class Old {}\n")
    (java / "pom.xml").write_text("<project/>\n")
    init_repository(tmp_path / "repo", "Add the estate and merged Java")
    repo = EstateRepo.open(tmp_path / "repo/estate")
    runtime = Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 0, 0)
    request = SliceCommit(
        runtime,
        (repo.head(),),
        (JavaSource("migrate/runtime/Area.java", "class Area {}\n"),),
        "rules",
        (),
        "h",
        replaces=("java/src/main/java/migrated",),
    )

    commit = repo.write_slice_commit(request, "java/src/main/java")
    repo.close()

    files = git(tmp_path / "repo", "ls-tree", "-r", "--name-only", commit).split()
    assert "estate/java/src/main/java/migrate/runtime/Area.java" in files
    assert "estate/java/pom.xml" in files
    assert "estate/java/src/main/java/migrated/Old.java" not in files
    assert git(tmp_path / "repo", "fsck", "--strict", "--no-dangling") == ""


class InstantHooks:
    """Scheduler hooks whose every slice verifies at once."""

    def prepare(self, item: Slice) -> str | Skip:
        return item.id

    def started(self, item: Slice, agent: int) -> None:
        pass

    def work(self, task: str, report: Callable[[str], None]) -> str:
        return task

    def finish(self, item: Slice, result: str) -> Finished:
        return Finished(SliceState.VERIFIED)

    def crashed(self, item: Slice, error: str) -> Finished:
        return Finished(SliceState.FAILED, error)

    def block(self, item: Slice, failed: str) -> None:
        pass

    def needs_converter(self, item: Slice) -> bool:
        return False


def test_scheduler_caps_agents_at_slices(caplog: pytest.LogCaptureFixture) -> None:
    runtime = Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 1, 0)
    programs = tuple(
        Slice(name, SliceKind.PROGRAM, (name.upper(),), (), (), ("runtime",), 1, 1)
        for name in ("alpha", "bravo")
    )
    plan = Plan("/estate", (), (), (runtime, *programs), (), (), ())
    caplog.set_level(logging.INFO, logger="migrate.schedule.scheduler")

    report = Scheduler(plan, 5000, InstantHooks(), {}).run()

    assert len(report.agents) == 3
    assert report.count(SliceState.VERIFIED) == 3
    assert "5000 agents requested, but the plan has 3 slices" in caplog.text


def test_run_caps_agents_at_slices(estate: Path) -> None:
    git(estate, "commit", "-q", "--allow-empty", "-m", "new base")

    result = migrate("run", str(estate), "--agents", "100000")

    assert result.returncode == 0, result.stderr
    assert "100000 agents requested, but the plan has 3 slices" in result.stderr
    status = migrate("status", str(estate), "--json")
    summary = json.loads(status.stdout)["last_run"]["summary"]
    assert len(summary["agents"]) == 3
