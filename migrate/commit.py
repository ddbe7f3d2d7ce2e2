"""Git output: slice commits and branches, written with plumbing only.

This is the only module that imports gitpython. It writes blobs, trees and
commits straight into the object database as loose objects. It moves
branches with ``git update-ref`` transactions that name each branch's
expected old value. So the user's working tree, index and checked-out
branch never change, and no index lock is ever taken. Commits carry a fixed
author and the base commit's date, so an identical re-run produces
identical objects.
"""

from __future__ import annotations

import binascii
import contextlib
import hashlib
import logging
import os
import subprocess
import tempfile
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import git

from migrate.errors import UsageError
from migrate.model import JavaSource, Slice, SliceKind

logger = logging.getLogger(__name__)

AUTHOR = "migrate <migrate@localhost>"
BRANCH_PREFIX = "migrate/"
INTEGRATION_BRANCH = "migrate/integration"
SLICE_TRAILER = "Migrate-Slice"
# The reflog message of every branch move that migrate makes.
REFLOG_MESSAGE = "migrate"
ZERO_OID = "0" * 40
_TREE_MODE = 0o040000
_BLOB_MODE = 0o100644
# Parsed tree entries kept in memory across commits: slices commit on top of
# the trees of recent commits, which are then read without a git process.
# At about 150 bytes an entry, the cache stays under 100 MB.
_TREE_CACHE_ENTRIES = 500_000


def branch_name(slice_id: str) -> str:
    """Return the branch of a slice: ``migrate/<slice id>``."""
    return f"{BRANCH_PREFIX}{slice_id}"


# A tree under construction: a name maps to a (mode, binsha) entry, or to a
# nested dict for a subtree that changes.
_Node = dict[str, "tuple[int, bytes] | _Node"]


@dataclass(frozen=True)
class SliceCommit:
    """The contents of a verified slice's commit."""

    slice: Slice
    parents: tuple[str, ...]
    sources: tuple[JavaSource, ...]
    converter: str
    checks: tuple[str, ...]
    input_hash: str
    # Extra trailer lines, such as the note that no job exercised the slice.
    notes: tuple[str, ...] = ()
    # Estate-relative folders that the slice's output replaces. The commit
    # drops what the parents' trees contain under them, then adds its files.
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class BranchUpdate:
    """One branch move: point branch ``name`` at ``new`` ("" deletes it),
    provided it still points at ``old`` ("" for a branch that must not
    exist yet)."""

    name: str
    new: str
    old: str


class EstateRepo:
    """The git repository that contains an estate. Not thread-safe: one
    thread, the scheduler's, writes through it."""

    def __init__(self, repo: git.Repo, root: Path) -> None:
        self._repo = repo
        top = Path(repo.working_tree_dir or root).resolve()
        relative = root.resolve().relative_to(top).as_posix()
        # Path of the estate root inside the repository, "" at the top.
        self.prefix = "" if relative == "." else relative
        self.root = root
        self._objects = Path(repo.odb.root_path())
        self._refs = _RefTransactions(top)
        self._trees = _TreeCache(_TREE_CACHE_ENTRIES)
        # Commit id to (tree id, committer date) of the commits read or
        # written, which every slice commit needs of its parents.
        self._headers: dict[str, tuple[bytes, str]] = {}

    def close(self) -> None:
        """End the git process that writes refs, if one is running."""
        self._refs.close()

    @classmethod
    def open(cls, root: Path) -> EstateRepo:
        """Open the repository around ``root``; raise :class:`UsageError`
        when there is none or it has no commit."""
        hint = "run 'git init' and commit the estate first"
        try:
            repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise UsageError(
                f"{root} is not inside a git work tree", hint=hint
            ) from None
        if repo.bare or repo.working_tree_dir is None:
            raise UsageError(f"{root} is in a bare git repository", hint=hint)
        if not repo.head.is_valid():
            raise UsageError(
                f"the git repository of {root} has no commit yet", hint=hint
            )
        return cls(repo, root)

    def head(self) -> str:
        """Return the commit id of HEAD."""
        return self._repo.head.commit.hexsha

    def checked_out_branches(self) -> dict[str, Path]:
        """Return every branch that a work tree of the repository has checked
        out, or is rebasing, mapped to that work tree's folder."""
        common = Path(self._repo.common_dir)
        main_tree = common.parent if common.name == ".git" else common
        folders = [(common, main_tree)]
        for folder in sorted(common.glob("worktrees/*")):
            gitdir = _read_text(folder / "gitdir")
            tree = Path(gitdir).parent if gitdir else folder
            folders.append((folder, tree))
        branches: dict[str, Path] = {}
        for folder, tree in folders:
            for name in ("HEAD", "rebase-merge/head-name", "rebase-apply/head-name"):
                ref = _read_text(folder / name).removeprefix("ref: ")
                if ref.startswith("refs/heads/"):
                    branches.setdefault(ref.removeprefix("refs/heads/"), tree)
        return branches

    def reject_checked_out(self, names: Iterable[str] | None = None) -> None:
        """Raise :class:`UsageError` when a work tree has checked out one of
        ``names``, or by default any branch under ``migrate/``, because moving
        it would change that work tree's files under the user.

        By default it also rejects a branch named ``migrate``, because git
        cannot create the branches under ``migrate/`` beside it.
        """
        if names is None:
            self._reject_prefix_branch()
        selected = None if names is None else set(names)
        for name, tree in sorted(self.checked_out_branches().items()):
            if selected is None and not name.startswith(BRANCH_PREFIX):
                continue
            if selected is not None and name not in selected:
                continue
            raise UsageError(
                f"branch {name} is checked out in {tree}, and 'migrate run' "
                "moves every branch under migrate/",
                hint=f"check out another branch there first, {self._switch_hint()}"
                "then run again",
            )

    def _reject_prefix_branch(self) -> None:
        name = BRANCH_PREFIX.rstrip("/")
        if self.branch(name) is None:
            return
        raise UsageError(
            f"a branch named {name} exists, so git cannot create the branches "
            f"{BRANCH_PREFIX}<slice> that 'migrate run' writes",
            hint=f"rename it with 'git branch -m {name} <new-name>', then run again",
        )

    def _switch_hint(self) -> str:
        """Return "such as 'git switch B', " for a branch B outside
        ``migrate/``, main or master when one exists, or ""."""
        output = self._repo.git.for_each_ref("--format=%(refname:short)", "refs/heads")
        names = [
            name
            for name in output.splitlines()
            if name != "migrate" and not name.startswith(BRANCH_PREFIX)
        ]
        for name in ("main", "master", *names):
            if name in names:
                return f"such as 'git switch {name}', "
        return ""

    def has_local_changes(self) -> bool:
        """True when files of the estate differ from HEAD."""
        return self._repo.is_dirty(untracked_files=True, path=self.prefix or None)

    def repo_path(self, estate_path: str) -> str:
        """Return the repository path of a path relative to the estate root."""
        return (
            str(PurePosixPath(self.prefix, estate_path)) if self.prefix else estate_path
        )

    # Reading

    def has_commit(self, commit: str) -> bool:
        """True when ``commit`` is an object of this repository."""
        try:
            return self._repo.odb.has_object(binascii.unhexlify(commit))
        except (binascii.Error, ValueError):
            return False

    def branch(self, name: str) -> str | None:
        """Return the commit a branch points at, or None."""
        # gitpython reads loose and packed refs itself, without a git process.
        reference = git.Reference(self._repo, f"refs/heads/{name}")
        try:
            return reference.commit.hexsha
        except ValueError:
            return None

    def list_branches(self, prefix: str = BRANCH_PREFIX) -> dict[str, str]:
        """Return the commit of every branch whose name starts with
        ``prefix``, loose and packed refs alike, by branch name."""
        output = self._repo.git.for_each_ref(
            "--format=%(objectname) %(refname)", f"refs/heads/{prefix}"
        )
        branches = {}
        for line in output.splitlines():
            commit, _, ref = line.partition(" ")
            branches[ref.removeprefix("refs/heads/")] = commit
        return branches

    def read_sources(
        self, commit: str, java_root: str, paths: Iterable[str]
    ) -> tuple[JavaSource, ...]:
        """Read Java files, by path under ``java_root``, from a commit."""
        tree = self._repo.commit(commit).tree
        sources = []
        for path in paths:
            blob = tree / self.repo_path(f"{java_root}/{path}")
            sources.append(JavaSource(path, blob.data_stream.read().decode("utf-8")))
        return tuple(sources)

    def diff(self, commit: str, paths: Sequence[str]) -> str:
        """Return ``git diff`` of a commit against its first parent, limited
        to ``paths`` (estate-relative), which are the commit's own files."""
        parent = self._repo.commit(commit).parents[0].hexsha
        repo_paths = [self.repo_path(path) for path in paths]
        return self._repo.git.diff(parent, commit, "--", *repo_paths)

    def message(self, commit: str) -> str:
        """Return the message of a commit."""
        return str(self._repo.commit(commit).message)

    def parents(self, commit: str) -> tuple[str, ...]:
        """Return the parent ids of a commit."""
        return tuple(parent.hexsha for parent in self._repo.commit(commit).parents)

    def foreign_reason(self, name: str, commit: str) -> str:
        """Return why branch ``name``, which points at ``commit``, may contain
        the user's work, or "" when migrate wrote it.

        Migrate wrote it when the commit's ``Migrate-Slice`` trailer names
        the slice of ``name``, migrate committed it, and the branch's reflog,
        when there is one, shows migrate's move as the last. So a copy of a
        slice branch, an amended slice commit and a branch reset by hand
        are all the user's.
        """
        found = self._repo.commit(commit)
        short = commit[:12]
        slices = [
            value
            for key, value in parse_trailers(str(found.message))
            if key == SLICE_TRAILER
        ]
        if not slices:
            return f"its commit {short} has no {SLICE_TRAILER} trailer"
        if name not in (branch_name(slice_id) for slice_id in slices):
            return (
                f"its commit {short} is the commit of {branch_name(slices[0])}, "
                "not of this branch"
            )
        committer = f"{found.committer.name} <{found.committer.email}>"
        if committer != AUTHOR:
            return f"its commit {short} was committed by {committer}, not by migrate"
        moved = self._last_move(name, commit)
        if moved not in ("", REFLOG_MESSAGE):
            return f"its reflog shows {moved!r} as its last move, not migrate's"
        return ""

    def _last_move(self, name: str, commit: str) -> str:
        """Return the reflog message of the move of branch ``name`` to
        ``commit``, when its reflog ends with that move, or ""."""
        log = Path(self._repo.common_dir, "logs", "refs", "heads", *name.split("/"))
        lines = _read_text(log).splitlines()
        if not lines:
            return ""
        entry, _, message = lines[-1].partition("\t")
        fields = entry.split(" ")
        return message if len(fields) > 1 and fields[1] == commit else ""

    def is_ancestor(self, ancestor: str, commit: str) -> bool:
        """True when ``ancestor`` is ``commit`` or one of its ancestors."""
        return self._repo.is_ancestor(
            self._repo.commit(ancestor), self._repo.commit(commit)
        )

    # Writing

    def write_slice_commit(self, request: SliceCommit, java_root: str) -> str:
        """Write the commit of a verified slice and return its id.

        Its tree is the union of its parents' trees plus its own Java files
        under ``java_root`` (estate-relative).
        """
        files = {
            self.repo_path(f"{java_root}/{s.path}"): s.text.encode("utf-8")
            for s in request.sources
        }
        replaced = [self.repo_path(folder) for folder in request.replaces]
        tree = self._union_tree(request.parents, files, replaced)
        message = slice_message(request)
        return self._store_commit(tree, request.parents, message)

    def write_integration_commit(
        self, heads: Sequence[str], slice_ids: Sequence[str]
    ) -> str:
        """Write one commit that joins the verified slice heads."""
        tree = self._union_tree(heads, {})
        body = "\n".join(f"  {slice_id}" for slice_id in slice_ids)
        message = (
            "Join the verified slices\n\n"
            f"The union of every verified slice of the migration:\n{body}\n\n"
            f"{SLICE_TRAILER}: integration\n"
        )
        return self._store_commit(tree, heads, message)

    def update_branch(
        self, name: str, commit: str, expected: str | None = None
    ) -> bool:
        """Point branch ``name`` at ``commit``; return False when it already
        does. The update fails with :class:`UsageError` when the branch no
        longer points at ``expected`` ("" for no branch; None reads what
        it points at now), so a branch that someone else moved is never
        overwritten."""
        if expected is None:
            expected = self.branch(name) or ""
        if expected == commit:
            return False
        self.update_branches([BranchUpdate(name, commit, expected)])
        return True

    def update_branches(self, updates: Sequence[BranchUpdate]) -> None:
        """Apply branch moves and deletions in one transaction: all of them
        or, when a branch is not at its expected commit, none (and
        :class:`UsageError`)."""
        moves = [update for update in updates if update.new != update.old]
        if moves:
            # Checked again at every move, because the user may check out a
            # branch while a run goes on.
            self.reject_checked_out(update.name for update in moves)
            self._refs.apply(moves)

    def _store_commit(self, tree: bytes, parents: Sequence[str], message: str) -> str:
        stamp = self._base_date(parents)
        lines = [f"tree {tree.hex()}"]
        lines += [f"parent {parent}" for parent in parents]
        lines += [f"author {AUTHOR} {stamp}", f"committer {AUTHOR} {stamp}", ""]
        data = ("\n".join(lines) + "\n" + message).encode("utf-8")
        commit = self._store("commit", data).hex()
        self._headers[commit] = (tree, stamp)
        return commit

    def _base_date(self, parents: Sequence[str]) -> str:
        # Every slice commit descends from the base commit, whose committer
        # date all migrate commits reuse; with no parent, a fixed date.
        if not parents:
            return "0 +0000"
        return self._header(parents[0])[1]

    def _header(self, commit: str) -> tuple[bytes, str]:
        """Return the tree id and the committer date of a commit."""
        header = self._headers.get(commit)
        if header is None:
            raw = self._repo.odb.stream(binascii.unhexlify(commit)).read()
            tree, stamp = b"", "0 +0000"
            for line in raw.decode("utf-8", errors="replace").splitlines():
                if line.startswith("tree ") and not tree:
                    tree = binascii.unhexlify(line[5:])
                elif line.startswith("committer "):
                    stamp = " ".join(line.rsplit(" ", 2)[1:])
                    break
            header = (tree, stamp)
            self._headers[commit] = header
        return header

    def _store(self, kind: str, data: bytes) -> bytes:
        """Write a loose object, unless one exists, and return its id.

        It is written in this process: gitpython's own store runs ``git
        hash-object`` once per object. As git does, it goes to a temporary
        file ``tmp_obj_*`` beside its final path and is renamed there, so a
        killed process leaves whole objects or none, plus at most a
        temporary file that ``git gc`` removes.
        """
        raw = f"{kind} {len(data)}\0".encode() + data
        binsha = hashlib.sha1(raw).digest()
        hexsha = binsha.hex()
        folder = self._objects / hexsha[:2]
        path = folder / hexsha[2:]
        if path.exists():
            return binsha
        folder.mkdir(exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix="tmp_obj_")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(zlib.compress(raw, 1))
                # Git makes objects read-only.
                os.fchmod(stream.fileno(), 0o444)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        return binsha

    def _union_tree(
        self,
        parents: Sequence[str],
        files: Mapping[str, bytes],
        replaced: Sequence[str] = (),
    ) -> bytes:
        root: _Node = {}
        for parent in parents:
            tree = self._header(parent)[0]
            self._merge(root, self._read_tree(tree), "")
        for folder in replaced:
            if self._remove(root, folder.split("/"), folder):
                logger.info(
                    "the parent commits contain %s, which the slice's output replaces",
                    folder,
                )
        for path, data in sorted(files.items()):
            self._add_file(root, path.split("/"), self._store("blob", data), path)
        return self._write_tree(root)

    def _read_tree(self, binsha: bytes) -> _Node:
        entries = self._trees.get(binsha)
        if entries is None:
            entries = dict(_parse_tree(self._repo.odb.stream(binsha).read()))
            self._trees.put(binsha, entries)
        # Callers change the dict they get, never the cached one.
        return dict(entries)

    def _merge(self, into: _Node, other: _Node, where: str) -> None:
        for name, entry in other.items():
            current = into.get(name)
            if current is None or current == entry:
                into[name] = entry
                continue
            path = f"{where}{name}"
            into[name] = self._merge_entries(current, entry, path)

    def _merge_entries(
        self,
        current: tuple[int, bytes] | _Node,
        entry: tuple[int, bytes] | _Node,
        path: str,
    ) -> _Node:
        left = self._as_node(current, path)
        right = self._as_node(entry, path)
        self._merge(left, right, f"{path}/")
        return left

    def _as_node(self, entry: tuple[int, bytes] | _Node, path: str) -> _Node:
        if isinstance(entry, dict):
            return entry
        mode, binsha = entry
        if mode != _TREE_MODE:
            raise UsageError(
                f"the slices' commits disagree on {path}",
                hint="two slices wrote the same file; check the plan",
            )
        return self._read_tree(binsha)

    def _remove(self, node: _Node, parts: list[str], path: str) -> bool:
        """Remove ``path`` and what is below it from a tree under
        construction, and any folder left empty. Return True when it was
        there."""
        name = parts[0]
        child = node.get(name)
        if child is None:
            return False
        if len(parts) == 1:
            del node[name]
            return True
        if not isinstance(child, dict) and child[0] != _TREE_MODE:
            return False
        subtree = self._as_node(child, path)
        node[name] = subtree
        removed = self._remove(subtree, parts[1:], path)
        if not subtree:
            # Git tracks files, so a folder left empty goes too.
            del node[name]
        return removed

    def _add_file(self, node: _Node, parts: list[str], blob: bytes, path: str) -> None:
        name = parts[0]
        if len(parts) == 1:
            node[name] = (_BLOB_MODE, blob)
            return
        child = node.get(name)
        subtree = {} if child is None else self._as_node(child, path)
        node[name] = subtree
        self._add_file(subtree, parts[1:], blob, path)

    def _write_tree(self, node: _Node) -> bytes:
        entries = []
        written: dict[str, tuple[int, bytes]] = {}
        for name, entry in node.items():
            if isinstance(entry, dict):
                entry = (_TREE_MODE, self._write_tree(entry))
            written[name] = entry
            encoded = name.encode("utf-8", errors="surrogateescape")
            entries.append((encoded, entry[0], entry[1]))
        # Git orders entries by name, with a subtree's name compared as if
        # it ended in "/".
        entries.sort(key=lambda e: e[0] + (b"/" if e[1] == _TREE_MODE else b""))
        data = b"".join(
            f"{mode:o}".encode() + b" " + name + b"\0" + binsha
            for name, mode, binsha in entries
        )
        binsha = self._store("tree", data)
        self._trees.put(binsha, written)
        return binsha


class _TreeCache:
    """Parsed trees by object id, least recently used first out, limited
    by the total number of entries."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._trees: OrderedDict[bytes, dict[str, tuple[int, bytes]]] = OrderedDict()
        self._size = 0

    def get(self, binsha: bytes) -> _Node | None:
        """Return the entries of a tree, or None when it is not cached."""
        entries = self._trees.get(binsha)
        if entries is not None:
            self._trees.move_to_end(binsha)
        return entries  # type: ignore[return-value]

    def put(self, binsha: bytes, entries: Mapping[str, object]) -> None:
        """Keep the entries of a tree, whose values must all be tuples."""
        if binsha in self._trees or len(entries) > self.max_entries:
            return
        self._trees[binsha] = dict(entries)  # type: ignore[arg-type]
        self._size += len(entries)
        while self._size > self.max_entries:
            _, evicted = self._trees.popitem(last=False)
            self._size -= len(evicted)


class _RefTransactions:
    """One ``git update-ref --stdin`` process for a whole run, which applies
    each batch of ref updates as one transaction. A ref update then costs a
    round trip through a pipe instead of a new git process.

    ``git update-ref`` locks each ref it updates (``<ref>.lock``) only for the
    transaction, and exits when a transaction fails; the next batch starts a
    new process. When our process dies, the child reads end of file and
    exits too: a transaction that was sent whole has been committed or not,
    never in part.
    """

    def __init__(self, work_tree: Path) -> None:
        self._work_tree = work_tree
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def apply(self, updates: Sequence[BranchUpdate]) -> None:
        """Apply ``updates`` all at once, or raise :class:`UsageError`."""
        lines = ["start", *(_ref_command(update) for update in updates), "commit"]
        with self._lock:
            process = self._process or self._start()
            replies: list[bytes] = []
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(("\n".join(lines) + "\n").encode())
                process.stdin.flush()
                replies = [process.stdout.readline() for _ in range(2)]
            except OSError:
                pass
            if replies == [b"start: ok\n", b"commit: ok\n"]:
                return
            self._process = None
            problem = _failure(process)
        names = ", ".join(update.name for update in updates)
        raise UsageError(
            f"cannot update branch {names}: {problem}",
            hint="another process moved it; run 'migrate run' again",
        )

    def close(self) -> None:
        """End the git process; the next :meth:`apply` starts another."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            assert process.stdin is not None
            process.stdin.close()
            process.wait(timeout=30)

    def _start(self) -> subprocess.Popen[bytes]:
        self._process = subprocess.Popen(
            [
                "git",
                "-C",
                str(self._work_tree),
                "update-ref",
                "--stdin",
                "-m",
                REFLOG_MESSAGE,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        return self._process


def _read_text(path: Path) -> str:
    """Return a small git state file without its line end, or "" when it
    cannot be read."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _ref_command(update: BranchUpdate) -> str:
    ref = f"refs/heads/{update.name}"
    old = update.old or ZERO_OID
    if not update.new:
        return f"delete {ref} {old}"
    return f"update {ref} {update.new} {old}"


def _failure(process: subprocess.Popen[bytes]) -> str:
    """Return why a ``git update-ref`` process failed, once it has exited."""
    assert process.stdin is not None and process.stderr is not None
    with contextlib.suppress(OSError):
        process.stdin.close()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    lines = process.stderr.read().decode(errors="replace").strip().splitlines()
    return lines[-1].removeprefix("fatal: ") if lines else "git update-ref failed"


def _parse_tree(data: bytes) -> list[tuple[str, tuple[int, bytes]]]:
    entries = []
    offset = 0
    while offset < len(data):
        space = data.index(b" ", offset)
        nul = data.index(b"\0", space)
        mode = int(data[offset:space], 8)
        name = data[space + 1 : nul].decode("utf-8", errors="surrogateescape")
        entries.append((name, (mode, bytes(data[nul + 1 : nul + 21]))))
        offset = nul + 21
    return entries


def slice_message(request: SliceCommit) -> str:
    """Return the commit message of a slice: subject, body and trailers."""
    item = request.slice
    members = "\n".join(f"  {member}" for member in item.members)
    body = (
        f"{_description(item)}\n\nMembers:\n{members}"
        if members
        else _description(item)
    )
    trailers = [f"{SLICE_TRAILER}: {item.id}"]
    trailers += [f"Migrate-Source: {member}" for member in item.members]
    trailers += [
        f"Migrate-Converter: {request.converter}",
        f"Migrate-Verified: {', '.join(request.checks)}",
        *request.notes,
        f"Migrate-Input-Hash: {request.input_hash}",
    ]
    return f"{_subject(item)}\n\n{body}\n\n" + "\n".join(trailers) + "\n"


def _subject(item: Slice) -> str:
    if item.kind is SliceKind.RUNTIME:
        return "Add the Java runtime library"
    if item.kind is SliceKind.RECORD:
        names = " and ".join(item.copybooks)
        return f"Convert copybook {names} to a Java record class"
    return f"Convert {' and '.join(item.programs)} to Java"


def _description(item: Slice) -> str:
    if item.kind is SliceKind.RUNTIME:
        return (
            "The runtime library gives the generated Java COBOL data "
            "semantics; every other slice builds on it."
        )
    if item.kind is SliceKind.RECORD:
        return (
            f"Slice {item.id}: the record layout of a copybook that several "
            "programs share."
        )
    what = (
        "a cycle of programs that call each other"
        if len(item.programs) > 1
        else "one program"
    )
    copybooks = (
        f", with the copybooks only it uses ({', '.join(item.copybooks)})"
        if item.copybooks
        else ""
    )
    return f"Slice {item.id}: {what}{copybooks}."


def parse_trailers(message: str) -> tuple[tuple[str, str], ...]:
    """Return the ``Key: value`` trailers of the last paragraph of a message."""
    paragraphs = message.strip().split("\n\n")
    trailers = []
    for line in paragraphs[-1].splitlines():
        key, separator, value = line.partition(": ")
        if separator and key and " " not in key:
            trailers.append((key, value))
    return tuple(trailers)


def init_repository(root: Path, message: str) -> str:
    """Create a git repository at ``root``, commit every file in it, and
    return the commit id. Only for a folder migrate has just created."""
    repo = git.Repo.init(root)
    repo.git.add("--all")
    environment = {
        "GIT_AUTHOR_NAME": "migrate",
        "GIT_AUTHOR_EMAIL": "migrate@localhost",
        "GIT_COMMITTER_NAME": "migrate",
        "GIT_COMMITTER_EMAIL": "migrate@localhost",
    }
    repo.git.commit("--no-gpg-sign", "--quiet", "-m", message, env=environment)
    return repo.head.commit.hexsha
