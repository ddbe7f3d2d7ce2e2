"""The run journal: SQLite at ``.migrate/journal.sqlite``.

One row per slice stores its latest state, and one row per attempt keeps
every attempt's evidence; one row per run stores its totals. Only the
scheduler thread writes it. WAL mode lets ``migrate status`` read while a
run writes.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
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
"""


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
            # In WAL mode NORMAL never corrupts the journal; a power cut may
            # lose the last transactions, which a re-run redoes.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        self._db.row_factory = sqlite3.Row

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    # Runs

    def start_run(self, agents: int, converter: str, base_commit: str) -> int:
        """Record a new run; slices left running by a crashed run go back to
        pending. Return the run id."""
        with self._db:
            self._db.execute(
                "UPDATE slices SET state = ? WHERE state = ?",
                (SliceState.PENDING.value, SliceState.RUNNING.value),
            )
            cursor = self._db.execute(
                "INSERT INTO runs (started_at, status, agents, converter, base_commit)"
                " VALUES (?, 'running', ?, ?, ?)",
                (now(), agents, converter, base_commit),
            )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, summary: dict[str, object]) -> None:
        """Record how a run ended, with its totals."""
        with self._db:
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
        """Record a slice's final state in this run."""
        self._upsert(
            slice_id,
            state=state.value,
            converter=converter,
            evidence=evidence,
            checks=json.dumps(list(checks)),
            java_paths=json.dumps(list(java_paths)),
            requests=usage.requests,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            cost_usd=usage.cost_usd,
            attempts=attempts,
            commit_id=commit_id,
            finished_at=now(),
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
        with self._db:
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

    def _upsert(self, slice_id: str, **values: object) -> None:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        updates = ", ".join(f"{column} = excluded.{column}" for column in values)
        with self._db:
            self._db.execute(
                f"INSERT INTO slices (slice_id, {columns}) VALUES (?, {marks}) "
                f"ON CONFLICT (slice_id) DO UPDATE SET {updates}",
                (slice_id, *values.values()),
            )


def _usage(row: sqlite3.Row) -> Usage:
    return Usage(row["requests"], row["tokens_in"], row["tokens_out"], row["cost_usd"])


def _slice_record(row: sqlite3.Row) -> SliceRecord:
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
            holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise UsageError(
                f"another 'migrate run' is working on this estate (pid {holder})",
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
