"""The run journal in SQLite and the run lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from migrate.errors import InputError, UsageError
from migrate.model import SliceState
from migrate.schedule.journal import Journal, RunLock, Usage


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    opened = Journal(tmp_path / "journal.sqlite")
    yield opened
    opened.close()


def verify_slice(journal: Journal, run_id: int, slice_id: str = "dateutl") -> None:
    journal.set_running(slice_id, run_id, agent=2, input_hash="h1")
    journal.set_outcome(
        slice_id,
        SliceState.VERIFIED,
        converter="rules",
        evidence="compiled; jobs TDATEUTL behave the same",
        checks=("compile", "job TDATEUTL"),
        java_paths=("migrated/Dateutl.java",),
        usage=Usage(2, 100, 50, 0.25),
        attempts=1,
        commit_id="c0ffee",
    )


def test_journal_uses_wal_mode(journal: Journal, tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "journal.sqlite")
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert mode == "wal"


def test_slice_outcome_round_trip(journal: Journal) -> None:
    run_id = journal.start_run(4, "rules", "base")
    verify_slice(journal, run_id)
    record = journal.slice("dateutl")
    assert record is not None
    assert record.state is SliceState.VERIFIED
    assert record.input_hash == "h1"
    assert record.agent == 2
    assert record.run_id == run_id
    assert record.commit_id == "c0ffee"
    assert record.checks == ("compile", "job TDATEUTL")
    assert record.java_paths == ("migrated/Dateutl.java",)
    assert record.usage == Usage(2, 100, 50, 0.25)
    assert record.started_at is not None
    assert record.finished_at is not None


def test_unknown_slice_is_none(journal: Journal) -> None:
    assert journal.slice("nothing") is None


def test_every_attempt_kept(journal: Journal) -> None:
    run_id = journal.start_run(1, "llm:model", "base")
    journal.add_attempt(
        "posttran", run_id, 1, "rejected", "diff one", Usage(1, 10, 5, 0.1)
    )
    journal.add_attempt("posttran", run_id, 2, "accepted", "ok", Usage(1, 12, 6, 0.1))
    attempts = journal.attempts("posttran")
    assert [a.attempt for a in attempts] == [1, 2]
    assert [a.evidence for a in attempts] == ["diff one", "ok"]
    assert attempts[0].usage.tokens_in == 10


def test_blocked_slice_records_reason(journal: Journal) -> None:
    run_id = journal.start_run(1, "rules", "base")
    journal.set_blocked("posttran", run_id, "blocked: slice dateutl failed")
    record = journal.slice("posttran")
    assert record is not None
    assert record.state is SliceState.BLOCKED
    assert record.evidence == "blocked: slice dateutl failed"


def test_new_run_resets_running_slices(journal: Journal) -> None:
    run_id = journal.start_run(1, "rules", "base")
    journal.set_running("posttran", run_id, agent=1, input_hash="h")
    journal.start_run(1, "rules", "base")
    record = journal.slice("posttran")
    assert record is not None
    assert record.state is SliceState.PENDING


def test_run_rows_keep_summary(journal: Journal) -> None:
    first = journal.start_run(2, "rules", "base")
    journal.finish_run(first, "finished", {"verified": 3})
    second = journal.start_run(2, "rules", "base")
    runs = journal.runs()
    assert [run.run_id for run in runs] == [first, second]
    assert runs[0].status == "finished"
    assert runs[0].summary == {"verified": 3}
    assert runs[1].status == "running"
    assert runs[1].finished_at is None


def test_readonly_journal_sees_writes(journal: Journal, tmp_path: Path) -> None:
    run_id = journal.start_run(1, "rules", "base")
    verify_slice(journal, run_id)
    reader = Journal(tmp_path / "journal.sqlite", readonly=True)
    try:
        record = reader.slice("dateutl")
        assert record is not None
        assert record.state is SliceState.VERIFIED
    finally:
        reader.close()


def test_readonly_missing_journal_rejected(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no journal found"):
        Journal(tmp_path / "missing.sqlite", readonly=True)


def test_run_lock_rejects_second_holder(tmp_path: Path) -> None:
    with (
        RunLock(tmp_path),
        pytest.raises(UsageError, match="another 'migrate run'") as raised,
        RunLock(tmp_path),
    ):
        pass
    assert "wait" in raised.value.hint


def test_run_lock_released_after_exit(tmp_path: Path) -> None:
    with RunLock(tmp_path):
        pass
    with RunLock(tmp_path) as lock:
        assert lock.path.read_text().strip().isdigit()
