"""Slice commits written with git plumbing: parents, trees, trailers, and a
user's repository left exactly as it was."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from migrate.commit import EstateRepo, SliceCommit, init_repository, parse_trailers
from migrate.errors import UsageError
from migrate.model import JavaSource, Slice, SliceKind

RUNTIME = Slice("runtime", SliceKind.RUNTIME, (), (), (), (), 1, 0)
RECORD = Slice(
    "rec-acctrec",
    SliceKind.RECORD,
    (),
    ("ACCTREC",),
    ("copy/ACCTREC.cpy",),
    ("runtime",),
    4,
    1,
)
DATEUTL = Slice(
    "dateutl",
    SliceKind.PROGRAM,
    ("DATEUTL",),
    (),
    ("cobol/DATEUTL.cbl",),
    ("runtime",),
    9,
    1,
)
POSTTRAN = Slice(
    "posttran",
    SliceKind.PROGRAM,
    ("POSTTRAN",),
    ("POSTLOC",),
    ("cobol/POSTTRAN.cbl", "copy/POSTLOC.cpy"),
    ("rec-acctrec", "dateutl"),
    30,
    2,
)
JAVA_ROOT = "java/src/main/java"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    root = tmp_path / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "cobol/DATEUTL.cbl").write_text("       PROGRAM-ID. DATEUTL.\n")
    (root / "README").write_text("bank\n")
    init_repository(root, "Add the estate")
    # An unstaged change and an untracked file, which must survive.
    (root / "README").write_text("bank, edited\n")
    (root / "notes.txt").write_text("scratch\n")
    return root


def user_state(root: Path) -> tuple[str, bytes, str, str]:
    return (
        git(root, "status", "--porcelain"),
        (root / ".git/index").read_bytes(),
        (root / ".git/HEAD").read_text(),
        git(root, "rev-parse", "HEAD"),
    )


def source(path: str, text: str = "class X {}\n") -> JavaSource:
    return JavaSource(path, text)


def commit_slice(
    repo: EstateRepo, item: Slice, parents: tuple[str, ...], *paths: str
) -> str:
    request = SliceCommit(
        slice=item,
        parents=parents,
        sources=tuple(source(path, f"// {path}\n") for path in paths),
        converter="rules",
        checks=("compile", "job NIGHTLY"),
        input_hash="abc123",
    )
    return repo.write_slice_commit(request, JAVA_ROOT)


def build_chain(repo: EstateRepo) -> dict[str, str]:
    base = repo.head()
    runtime = commit_slice(repo, RUNTIME, (base,), "migrate/runtime/Area.java")
    record = commit_slice(repo, RECORD, (runtime,), "migrated/records/Acctrec.java")
    dateutl = commit_slice(repo, DATEUTL, (runtime,), "migrated/Dateutl.java")
    posttran = commit_slice(repo, POSTTRAN, (record, dateutl), "migrated/Posttran.java")
    return {
        "base": base,
        "runtime": runtime,
        "record": record,
        "dateutl": dateutl,
        "posttran": posttran,
    }


def test_runtime_commit_adds_files_to_base(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    files = git(repo_dir, "ls-tree", "-r", "--name-only", commits["runtime"]).split()
    assert files == [
        "README",
        "cobol/DATEUTL.cbl",
        f"{JAVA_ROOT}/migrate/runtime/Area.java",
    ]
    assert repo.parents(commits["runtime"]) == (commits["base"],)


def test_slice_commit_parents_and_union_tree(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    assert repo.parents(commits["posttran"]) == (commits["record"], commits["dateutl"])
    files = git(repo_dir, "ls-tree", "-r", "--name-only", commits["posttran"]).split()
    assert f"{JAVA_ROOT}/migrated/records/Acctrec.java" in files
    assert f"{JAVA_ROOT}/migrated/Dateutl.java" in files
    assert f"{JAVA_ROOT}/migrated/Posttran.java" in files
    assert f"{JAVA_ROOT}/migrate/runtime/Area.java" in files


def test_diff_against_parents_is_slice_only(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    for parent in repo.parents(commits["posttran"]):
        changed = git(
            repo_dir, "diff", "--name-only", parent, commits["posttran"]
        ).split()
        assert f"{JAVA_ROOT}/migrated/Posttran.java" in changed
    diff = repo.diff(commits["posttran"], [f"{JAVA_ROOT}/migrated/Posttran.java"])
    assert "+// migrated/Posttran.java" in diff
    assert "Dateutl" not in diff


def test_commit_message_subject_body_trailers(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    message = repo.message(commits["posttran"])
    assert message.splitlines()[0] == "Convert POSTTRAN to Java"
    assert "  cobol/POSTTRAN.cbl" in message
    trailers = parse_trailers(message)
    assert ("Migrate-Slice", "posttran") in trailers
    assert ("Migrate-Source", "cobol/POSTTRAN.cbl") in trailers
    assert ("Migrate-Source", "copy/POSTLOC.cpy") in trailers
    assert ("Migrate-Converter", "rules") in trailers
    assert ("Migrate-Verified", "compile, job NIGHTLY") in trailers
    assert ("Migrate-Input-Hash", "abc123") in trailers
    parsed = git(
        repo_dir,
        "log",
        "-1",
        "--format=%(trailers:key=Migrate-Slice,valueonly)",
        commits["posttran"],
    )
    assert parsed.strip() == "posttran"


def test_commit_author_and_date_fixed(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    line = git(
        repo_dir,
        "log",
        "-1",
        "--format=%an <%ae> %ct|%cn <%ce> %ct",
        commits["dateutl"],
    )
    base_date = git(repo_dir, "log", "-1", "--format=%ct", commits["base"]).strip()
    signature = f"migrate <migrate@localhost> {base_date}"
    assert line.strip() == f"{signature}|{signature}"


def test_user_tree_index_head_unchanged(repo_dir: Path) -> None:
    before = user_state(repo_dir)
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    repo.update_branch("migrate/posttran", commits["posttran"])
    repo.update_branch(
        "migrate/integration",
        repo.write_integration_commit([commits["posttran"]], ["posttran"]),
    )
    assert user_state(repo_dir) == before
    assert (repo_dir / "README").read_text() == "bank, edited\n"


def test_rewrite_gives_same_objects(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    first = build_chain(repo)
    assert repo.update_branch("migrate/posttran", first["posttran"])
    refs = git(repo_dir, "for-each-ref")
    second = build_chain(repo)
    assert second == first
    assert not repo.update_branch("migrate/posttran", second["posttran"])
    assert git(repo_dir, "for-each-ref") == refs


def test_fsck_strict_clean(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    for name, commit in commits.items():
        if name != "base":
            repo.update_branch(f"migrate/{name}", commit)
    repo.update_branch(
        "migrate/integration",
        repo.write_integration_commit([commits["posttran"]], ["posttran"]),
    )
    done = subprocess.run(
        ["git", "fsck", "--strict"], cwd=repo_dir, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout == ""
    assert "error" not in done.stderr


def test_integration_joins_heads(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    third = commit_slice(
        repo,
        Slice("other", SliceKind.PROGRAM, ("OTHER",), (), (), ("runtime",), 1, 1),
        (commits["runtime"],),
        "migrated/Other.java",
    )
    joined = repo.write_integration_commit(
        [commits["posttran"], third], ["posttran", "other"]
    )
    assert repo.parents(joined) == (commits["posttran"], third)
    files = git(repo_dir, "ls-tree", "-r", "--name-only", joined).split()
    assert f"{JAVA_ROOT}/migrated/Other.java" in files
    assert f"{JAVA_ROOT}/migrated/Posttran.java" in files


def test_branch_moved_elsewhere_rejected(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    repo.update_branch("migrate/dateutl", commits["dateutl"])
    seen = repo.branch("migrate/dateutl")
    # Another process moves the branch after migrate read it.
    git(repo_dir, "update-ref", "refs/heads/migrate/dateutl", commits["runtime"])
    with pytest.raises(UsageError, match="cannot update branch migrate/dateutl"):
        repo.update_branch("migrate/dateutl", commits["record"], expected=seen)
    assert repo.branch("migrate/dateutl") == commits["runtime"]


def test_new_branch_never_overwrites(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    commits = build_chain(repo)
    git(repo_dir, "update-ref", "refs/heads/migrate/dateutl", commits["runtime"])
    with pytest.raises(UsageError):
        repo.update_branch("migrate/dateutl", commits["dateutl"], expected="")
    assert repo.branch("migrate/dateutl") == commits["runtime"]


def test_conflicting_parents_rejected(repo_dir: Path) -> None:
    repo = EstateRepo.open(repo_dir)
    runtime = commit_slice(repo, RUNTIME, (repo.head(),), "migrate/runtime/Area.java")
    left = repo.write_slice_commit(
        SliceCommit(
            DATEUTL, (runtime,), (source("migrated/Same.java", "a"),), "rules", (), "h"
        ),
        JAVA_ROOT,
    )
    right = repo.write_slice_commit(
        SliceCommit(
            RECORD, (runtime,), (source("migrated/Same.java", "b"),), "rules", (), "h"
        ),
        JAVA_ROOT,
    )
    with pytest.raises(UsageError, match="disagree on"):
        repo.write_integration_commit([left, right], ["dateutl", "rec-acctrec"])


def test_estate_in_subfolder_uses_prefix(tmp_path: Path) -> None:
    top = tmp_path / "repo"
    (top / "bank/cobol").mkdir(parents=True)
    (top / "bank/cobol/A.cbl").write_text("       PROGRAM-ID. A.\n")
    init_repository(top, "Add the estate")
    repo = EstateRepo.open(top / "bank")
    assert repo.prefix == "bank"
    commit = commit_slice(repo, RUNTIME, (repo.head(),), "migrate/runtime/Area.java")
    files = git(top, "ls-tree", "-r", "--name-only", commit).split()
    assert f"bank/{JAVA_ROOT}/migrate/runtime/Area.java" in files


def test_not_a_work_tree_rejected(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not inside a git work tree") as raised:
        EstateRepo.open(tmp_path)
    assert "git init" in raised.value.hint


def test_repository_without_commit_rejected(tmp_path: Path) -> None:
    git_init = subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert git_init.returncode == 0
    with pytest.raises(UsageError, match="no commit yet"):
        EstateRepo.open(tmp_path)
