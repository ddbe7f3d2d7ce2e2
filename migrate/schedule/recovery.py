"""Reconciling the journal with the ``migrate/*`` branches when a run
starts, so that a run killed at any moment resumes where it stopped.

The scheduler thread writes a verified slice in four steps, each durable
before the next begins:

1. the blobs, trees and commit object, into the object database;
2. in one journal transaction, the slice's attempts, its outcome and the
   new commit as ``committing``. Its ``commit_id`` still names the commit
   its branch points at now;
3. the branch moves to the new commit with ``git update-ref``, naming
   ``commit_id`` as the expected old value (or none, for a new branch);
4. the journal marks the slice verified, with ``commit_id`` the new commit.

A slice that fails, or is blocked, loses its branch first and its
``commit_id`` second. The integration branch follows the same order in the
journal's ``branches`` table. So at every instant each branch points at
its row's ``commit_id`` or ``committing``, and every commit the journal
names exists. :func:`reconcile` restores the stricter state a run starts
from, in which each branch points at its row's ``commit_id`` and no commit
is in flight:

* a row in ``committing`` whose branch already points at the new commit is
  marked verified; one whose commit object exists gets its branch moved,
  then is marked verified; one whose object is missing runs again;
* a ``commit_id`` whose object is missing is forgotten, and its slice runs
  again;
* every ``migrate/*`` branch that does not point at its row's commit is
  moved back to it, or deleted when the journal names none, in one
  transaction that names each branch's current commit as the expected one;
* slices left running go back to pending.

Before it changes anything, :func:`reconcile` raises :class:`UsageError`
when a work tree has a ``migrate/*`` branch checked out, or when a
``migrate/*`` branch points at a commit that the journal does not name for
it and that migrate did not write for that branch's slice. Such a branch is
the user's work, which a reset would lose: a commit of the user on a slice
branch, an amended slice commit (its committer is the user), a copy of a
slice branch under another name, or a branch the user moved (its reflog
shows a move that is not migrate's).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from migrate.commit import BRANCH_PREFIX, BranchUpdate, EstateRepo, branch_name
from migrate.errors import UsageError
from migrate.schedule.journal import Journal

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reconciliation:
    """The changes that :func:`reconcile` made."""

    # Slices whose commit in flight was completed, so they are verified.
    completed: tuple[str, ...] = ()
    # Slices whose commit object is missing, so they run again.
    redone: tuple[str, ...] = ()
    # Branches moved back to the journal's commit, or deleted.
    reset: tuple[str, ...] = ()
    # Slices left running that went back to pending.
    requeued: int = 0


def reconcile(journal: Journal, repo: EstateRepo) -> Reconciliation:
    """Bring the journal and the ``migrate/*`` branches back in step after a
    run that may have been killed at any point."""
    repo.reject_checked_out()
    branches = repo.list_branches(BRANCH_PREFIX)
    _reject_foreign_branches(journal, repo, branches)
    completed, redone = _complete_commits(journal, repo, branches)
    redone += _forget_missing(journal, repo)
    reset = _reset_branches(journal, repo, branches)
    requeued = journal.reset_running()
    result = Reconciliation(tuple(completed), tuple(redone), tuple(reset), requeued)
    if completed or redone or reset:
        logger.info(
            "reconciled the journal with git: %d commits completed, %d slices "
            "to redo, %d branches reset",
            len(completed),
            len(redone),
            len(reset),
        )
    return result


def _reject_foreign_branches(
    journal: Journal, repo: EstateRepo, branches: dict[str, str]
) -> None:
    """Raise :class:`UsageError` when a ``migrate/*`` branch points at a
    commit that the journal does not name for it and that migrate did not
    write for its slice (see :meth:`EstateRepo.foreign_reason`)."""
    known: dict[str, set[str]] = {}
    for slice_id, record in journal.slices().items():
        known[branch_name(slice_id)] = {record.commit_id, record.committing}
    for name, branch in journal.branches().items():
        known[name] = {branch.commit_id, branch.committing}

    reasons = {
        name: repo.foreign_reason(name, commit)
        for name, commit in sorted(branches.items())
        if commit not in known.get(name, set())
    }
    foreign = [name for name, reason in reasons.items() if reason]
    if not foreign:
        return

    first = foreign[0]
    if len(foreign) == 1:
        message = (
            f"branch {first} was not written by migrate: {reasons[first]}, "
            "and the journal does not name it"
        )
    else:
        message = (
            f"branches {', '.join(foreign)} were not written by migrate: the "
            "journal does not name their commits, and migrate did not write "
            f"them for their slices ({first}: {reasons[first]})"
        )
    raise UsageError(
        message,
        hint="migrate owns every branch under migrate/; rename yours, such as "
        f"'git branch -m {first} {first.removeprefix(BRANCH_PREFIX)}', "
        "then run again",
    )


def _complete_commits(
    journal: Journal, repo: EstateRepo, branches: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Settle every commit in flight; update ``branches`` to match."""
    moves: list[BranchUpdate] = []
    done: list[str] = []
    redone: list[str] = []
    for slice_id, record in sorted(journal.slices().items()):
        if not record.committing:
            continue
        name = branch_name(slice_id)
        current = branches.get(name, "")
        if current != record.committing:
            if not repo.has_commit(record.committing):
                journal.abort_commit(slice_id)
                redone.append(slice_id)
                continue
            moves.append(BranchUpdate(name, record.committing, current))
        done.append(slice_id)
    others = [branch for branch in journal.branches().values() if branch.committing]
    for branch in others:
        current = branches.get(branch.name, "")
        if current != branch.committing and repo.has_commit(branch.committing):
            moves.append(BranchUpdate(branch.name, branch.committing, current))
    repo.update_branches(moves)
    for move in moves:
        branches[move.name] = move.new
    with journal.transaction():
        for slice_id in done:
            journal.end_commit(slice_id)
        for branch in others:
            if branches.get(branch.name, "") == branch.committing:
                journal.end_branch(branch.name)
            else:
                journal.set_branch(branch.name, branch.commit_id)
    return done, redone


def _forget_missing(journal: Journal, repo: EstateRepo) -> list[str]:
    """Forget every journal commit whose object is missing, such as one that
    ``git gc`` pruned after its branch was deleted."""
    forgotten = []
    for slice_id, record in sorted(journal.slices().items()):
        if record.commit_id and not repo.has_commit(record.commit_id):
            logger.warning(
                "slice %s: commit %s is missing from the repository, so the "
                "slice runs again",
                slice_id,
                record.commit_id[:12],
            )
            journal.forget_commit(slice_id)
            forgotten.append(slice_id)
    for name, branch in journal.branches().items():
        if branch.commit_id and not repo.has_commit(branch.commit_id):
            journal.set_branch(name, "")
    return forgotten


def _reset_branches(
    journal: Journal, repo: EstateRepo, branches: dict[str, str]
) -> list[str]:
    """Point every ``migrate/*`` branch at the journal's commit, or delete
    it when the journal names none."""
    expected = {
        branch_name(slice_id): record.commit_id
        for slice_id, record in journal.slices().items()
        if record.commit_id
    }
    expected.update(
        (name, branch.commit_id)
        for name, branch in journal.branches().items()
        if branch.commit_id
    )
    updates = [
        BranchUpdate(name, expected.get(name, ""), branches.get(name, ""))
        for name in sorted(set(expected) | set(branches))
        if expected.get(name, "") != branches.get(name, "")
    ]
    for update in updates:
        logger.warning(
            "branch %s points at %s, but the journal names %s: %s it",
            update.name,
            update.old[:12] or "nothing",
            update.new[:12] or "no commit",
            "moving" if update.new else "deleting",
        )
    repo.update_branches(updates)
    return [update.name for update in updates]
