"""The run journal: SQLite at ``.migrate/journal.sqlite``.

One row per slice stores its latest state, and one row per attempt keeps
every attempt's evidence; one row per run stores its totals. Only the
scheduler thread writes it. WAL mode lets ``migrate status`` read while a
run writes.

The journal also records every ``migrate/*`` branch. A slice's row stores
the commit its branch points at (``commit_id``) and, while the branch is
being moved, the new commit (``committing``). The ``branches`` table does
the same for the integration branch. So at every moment each branch points
at a commit that the journal names, and a run killed at any point can be
reconciled with git on the next start.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from migrate.errors import InputError, UsageError
from migrate.model import SliceState

JOURNAL_FILE = "journal.sqlite"
LOCK_FILE = "run.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    agents INTEGER NOT NULL,
    converter TEXT NOT NULL,
    base_commit TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS slices (
    slice_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    converter TEXT NOT NULL DEFAULT '',
    input_hash TEXT NOT NULL DEFAULT '',
    commit_id TEXT NOT NULL DEFAULT '',
    committing TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    checks TEXT NOT NULL DEFAULT '[]',
    java_paths TEXT NOT NULL DEFAULT '[]',
    requests INTEGER NOT NULL DEFAULT 0,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    agent INTEGER,
    run_id INTEGER,
    started_at TEXT,
    finished_at TEXT
);
CREATE TABLE IF NOT EXISTS attempts (
    slice_id TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    verdict TEXT NOT NULL,
    evidence TEXT NOT NULL,
    requests INTEGER NOT NULL DEFAULT 0,
    tokens_in INTEGER NOT NULL DEFAULT 0,
    tokens_out INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (slice_id, run_id, attempt)
);
CREATE TABLE IF NOT EXISTS branches (
    name TEXT PRIMARY KEY,
    commit_id TEXT NOT NULL DEFAULT '',
    committing TEXT NOT NULL DEFAULT ''
);
"""

# Columns added after the first release, for journals that predate them.
_ADDED_COLUMNS = (("slices", "committing", "TEXT NOT NULL DEFAULT ''"),)


@dataclass(frozen=True)
class Usage:
    """LLM usage: requests, tokens and cost in US dollars."""

    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.requests + other.requests,
            self.tokens_in + other.tokens_in,
            self.tokens_out + other.tokens_out,
            self.cost_usd + other.cost_usd,
        )


@dataclass(frozen=True)
class SliceRecord:
    """The journal's row of one slice."""

    slice_id: str
    state: SliceState
    attempts: int
    converter: str
    input_hash: str
    commit_id: str
    evidence: str
    checks: tuple[str, ...]
    java_paths: tuple[str, ...]
    usage: Usage
    agent: int | None
    run_id: int | None
    started_at: str | None
    finished_at: str | None
    # The commit the slice's branch is being moved to, "" when none: set
    # before the branch moves, cleared once the slice is marked verified.
    committing: str = ""


@dataclass(frozen=True)
class BranchRecord:
    """The journal's row of a branch that belongs to no slice, such as the
    integration branch: the commit it points at, and the one it is being
    moved to ("" when none)."""

    name: str
    commit_id: str
    committing: str


@dataclass(frozen=True)
class AttemptRecord:
    """One conversion attempt of a slice and the judge's verdict on it."""

    slice_id: str
    run_id: int
    attempt: int
    verdict: str
    evidence: str
    usage: Usage
    finished_at: str


@dataclass(frozen=True)
class RunRecord:
    """The journal's row of one run."""

    run_id: int
    started_at: str
    finished_at: str | None
    status: str
    agents: int
    converter: str
    base_commit: str
    summary: dict[str, object]


def now() -> str:
    """Return the current UTC time in ISO 8601, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Journal:
    """The journal of one estate. Not thread-safe: SQLite binds a
    connection to the thread that opened it, which is the scheduler's."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        if readonly:
            if not path.is_file():
                raise InputError(
                    f"no journal found at {path}",
                    hint=f"run 'migrate run {path.parent.parent}' first",
                )
            uri = f"file:{path}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=30)
        else:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            # In WAL mode NORMAL never corrupts the journal, and a killed
            # process loses nothing that was committed. A power cut may lose
            # the last transactions: then a branch can point at a commit the
            # journal no longer names, which the reconciliation at the next
            # start resets.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._add_missing_columns()
        self._db.row_factory = sqlite3.Row
        self._depth = 0

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes so that a crash keeps all of them or none. Nested
        transactions join the outermost one."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._db.rollback()
            raise
        self._depth -= 1
        if self._depth == 0:
            self._db.commit()

    def _add_missing_columns(self) -> None:
        for table, column, declaration in _ADDED_COLUMNS:
            rows = self._db.execute(f"PRAGMA table_info({table})").fetchall()
            if column not in {row[1] for row in rows}:
                self._db.execute(
                    f"ALTER TABLE {table} ADD COLUMN {column} {declaration}"
                )
                self._db.commit()

    # Runs

    def start_run(self, agents: int, converter: str, base_commit: str) -> int:
        """Record a new run; slices left running by a crashed run go back to
        pending, except those with a commit in flight, which
        :meth:`end_commit` or :meth:`abort_commit` settle. Return the run
        id."""
        with self.transaction():
            self.reset_running()
            cursor = self._db.execute(
                "INSERT INTO runs (started_at, status, agents, converter, base_commit)"
                " VALUES (?, 'running', ?, ?, ?)",
                (now(), agents, converter, base_commit),
            )
        return int(cursor.lastrowid or 0)

    def reset_running(self) -> int:
        """Put every slice left running back to pending, except those with a
        commit in flight; return how many."""
        with self.transaction():
            cursor = self._db.execute(
                "UPDATE slices SET state = ? WHERE state = ? AND committing = ''",
                (SliceState.PENDING.value, SliceState.RUNNING.value),
            )
        return cursor.rowcount

    def finish_run(self, run_id: int, status: str, summary: dict[str, object]) -> None:
        """Record how a run ended, with its totals."""
        with self.transaction():
            self._db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
                (now(), status, json.dumps(summary, sort_keys=True), run_id),
            )

    def runs(self) -> tuple[RunRecord, ...]:
        """Return every run, oldest first."""
        rows = self._db.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return tuple(
            RunRecord(
                row["id"],
                row["started_at"],
                row["finished_at"],
                row["status"],
                row["agents"],
                row["converter"],
                row["base_commit"],
                json.loads(row["summary"]),
            )
            for row in rows
        )

    # Slices

    def slice(self, slice_id: str) -> SliceRecord | None:
        """Return the row of one slice, or None before its first run."""
        row = self._db.execute(
            "SELECT * FROM slices WHERE slice_id = ?", (slice_id,)
        ).fetchone()
        return _slice_record(row) if row else None

    def slices(self) -> dict[str, SliceRecord]:
        """Return every slice row by slice id."""
        rows = self._db.execute("SELECT * FROM slices").fetchall()
        return {row["slice_id"]: _slice_record(row) for row in rows}

    def set_pending(self, slice_id: str, input_hash: str = "") -> None:
        """Record a slice that waits for its dependencies."""
        self._upsert(slice_id, state=SliceState.PENDING.value, input_hash=input_hash)

    def set_running(
        self, slice_id: str, run_id: int, agent: int, input_hash: str
    ) -> None:
        """Record that an agent started on a slice."""
        self._upsert(
            slice_id,
            state=SliceState.RUNNING.value,
            agent=agent,
            run_id=run_id,
            input_hash=input_hash,
            started_at=now(),
            finished_at=None,
        )

    def set_blocked(self, slice_id: str, run_id: int, reason: str) -> None:
        """Record a slice that cannot run because a dependency failed."""
        self._upsert(
            slice_id,
            state=SliceState.BLOCKED.value,
            run_id=run_id,
            evidence=reason,
            commit_id="",
            finished_at=now(),
        )

    def set_outcome(
        self,
        slice_id: str,
        state: SliceState,
        *,
        converter: str,
        evidence: str,
        checks: tuple[str, ...],
        java_paths: tuple[str, ...],
        usage: Usage,
        attempts: int,
        commit_id: str = "",
    ) -> None:
        """Record a slice's final state in this run and the commit its
        branch points at ("" for none)."""
        self._upsert(
            slice_id,
            state=state.value,
            commit_id=commit_id,
            committing="",
            **_outcome_columns(converter, evidence, checks, java_paths, usage),
            attempts=attempts,
            finished_at=now(),
        )

    def begin_commit(
        self,
        slice_id: str,
        commit: str,
        *,
        converter: str,
        evidence: str,
        checks: tuple[str, ...],
        java_paths: tuple[str, ...],
        usage: Usage,
        attempts: int,
    ) -> None:
        """Record a verified slice's outcome and the commit its branch is
        about to point at. The slice stays running, and its branch may point
        at either commit, until :meth:`end_commit`."""
        self._upsert(
            slice_id,
            state=SliceState.RUNNING.value,
            committing=commit,
            **_outcome_columns(converter, evidence, checks, java_paths, usage),
            attempts=attempts,
        )

    def end_commit(self, slice_id: str) -> None:
        """Record that the slice's branch points at the commit being written,
        which makes the slice verified."""
        with self.transaction():
            self._db.execute(
                "UPDATE slices SET commit_id = committing, committing = '',"
                " state = ?, finished_at = ? WHERE slice_id = ? AND committing != ''",
                (SliceState.VERIFIED.value, now(), slice_id),
            )

    def abort_commit(self, slice_id: str) -> None:
        """Forget the commit being written, whose object is missing, so that
        the slice runs again; its branch still points at ``commit_id``."""
        with self.transaction():
            self._db.execute(
                "UPDATE slices SET committing = '', state = ? WHERE slice_id = ?",
                (SliceState.PENDING.value, slice_id),
            )

    def forget_commit(self, slice_id: str) -> None:
        """Record that the slice has no branch, because its commit object is
        missing; a verified slice goes back to pending."""
        with self.transaction():
            self._db.execute(
                "UPDATE slices SET commit_id = '', committing = '',"
                " state = CASE WHEN state = ? THEN ? ELSE state END"
                " WHERE slice_id = ?",
                (SliceState.VERIFIED.value, SliceState.PENDING.value, slice_id),
            )

    def add_attempt(
        self,
        slice_id: str,
        run_id: int,
        attempt: int,
        verdict: str,
        evidence: str,
        usage: Usage,
    ) -> None:
        """Keep one attempt's verdict and evidence."""
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO attempts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    slice_id,
                    run_id,
                    attempt,
                    verdict,
                    evidence,
                    usage.requests,
                    usage.tokens_in,
                    usage.tokens_out,
                    usage.cost_usd,
                    now(),
                ),
            )

    def attempts(self, slice_id: str) -> tuple[AttemptRecord, ...]:
        """Return every attempt of a slice, oldest first."""
        rows = self._db.execute(
            "SELECT * FROM attempts WHERE slice_id = ? ORDER BY run_id, attempt",
            (slice_id,),
        ).fetchall()
        return tuple(_attempt_record(row) for row in rows)

    # Branches of no slice

    def branches(self) -> dict[str, BranchRecord]:
        """Return the rows of the branches that belong to no slice, by name."""
        rows = self._db.execute("SELECT * FROM branches").fetchall()
        return {
            row["name"]: BranchRecord(row["name"], row["commit_id"], row["committing"])
            for row in rows
        }

    def begin_branch(self, name: str, commit: str) -> None:
        """Record the commit that branch ``name`` is about to point at."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO branches (name, committing) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET committing = excluded.committing",
                (name, commit),
            )

    def end_branch(self, name: str) -> None:
        """Record that branch ``name`` points at the commit being written."""
        with self.transaction():
            self._db.execute(
                "UPDATE branches SET commit_id = committing, committing = ''"
                " WHERE name = ? AND committing != ''",
                (name,),
            )

    def set_branch(self, name: str, commit: str) -> None:
        """Record the commit branch ``name`` points at ("" for none)."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO branches (name, commit_id) VALUES (?, ?)"
                " ON CONFLICT (name) DO UPDATE SET commit_id = excluded.commit_id,"
                " committing = ''",
                (name, commit),
            )

    def _upsert(self, slice_id: str, **values: object) -> None:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{column} = excluded.{column}" for column in values)
        with self.transaction():
            self._db.execute(
                f"INSERT INTO slices (slice_id, {columns}) VALUES (?, {marks}) "
                f"ON CONFLICT (slice_id) DO UPDATE SET {updates}",
                (slice_id, *values.values()),
            )


def _outcome_columns(
    converter: str,
    evidence: str,
    checks: tuple[str, ...],
    java_paths: tuple[str, ...],
    usage: Usage,
) -> dict[str, object]:
    return {
        "converter": converter,
        "evidence": evidence,
        "checks": json.dumps(list(checks)),
        "java_paths": json.dumps(list(java_paths)),
        "requests": usage.requests,
        "tokens_in": usage.tokens_in,
        "tokens_out": usage.tokens_out,
        "cost_usd": usage.cost_usd,
    }


def _usage(row: sqlite3.Row) -> Usage:
    return Usage(row["requests"], row["tokens_in"], row["tokens_out"], row["cost_usd"])


def _slice_record(row: sqlite3.Row) -> SliceRecord:
    # ``in`` on a sqlite3.Row tests its values, not its column names.
    columns = row.keys()  # noqa: SIM118
    return SliceRecord(
        slice_id=row["slice_id"],
        state=SliceState(row["state"]),
        attempts=row["attempts"],
        converter=row["converter"],
        input_hash=row["input_hash"],
        commit_id=row["commit_id"],
        evidence=row["evidence"],
        checks=tuple(json.loads(row["checks"])),
        java_paths=tuple(json.loads(row["java_paths"])),
        usage=_usage(row),
        agent=row["agent"],
        run_id=row["run_id"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        # A journal that predates the column, opened read-only, lacks it.
        committing=row["committing"] if "committing" in columns else "",
    )


def _attempt_record(row: sqlite3.Row) -> AttemptRecord:
    return AttemptRecord(
        row["slice_id"],
        row["run_id"],
        row["attempt"],
        row["verdict"],
        row["evidence"],
        _usage(row),
        row["finished_at"],
    )


class RunLock:
    """An exclusive lock on an estate's run state, held for one run.

    ``flock`` releases it when the process ends, so a crashed run never
    leaves a stale lock behind.
    """

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / LOCK_FILE
        self._fd: int | None = None

    def __enter__(self) -> RunLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise UsageError(
                f"another 'migrate run' is working on this estate: pid "
                f"{holder} holds the lock {self.path}",
                hint="wait until it finishes, then run again",
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str:
    """Return the pid that the lock's holder wrote into the lock file."""
    # The holder writes its pid just after it takes the lock, so the file
    # can be empty for a moment.
    for _ in range(20):
        text = os.pread(fd, 32, 0).decode(errors="replace").strip()
        if text:
            return text
        time.sleep(0.01)
    return "unknown"
