"""Batch parsing: worker pool against one process, and the parse cache."""

from __future__ import annotations

import logging
import shutil
import sys
import threading
from pathlib import Path

import pytest
from conftest import REPO, fixed

from migrate.config import Config, load_config
from migrate.discover import Estate, discover
from migrate.errors import UsageError
from migrate.model import MemberKind
from migrate.parse.batch import (
    BatchStats,
    ParsedMember,
    PoolThreshold,
    chunk_jobs,
    parse_members,
    worker_count,
)
from migrate.parse.cache import ParseCache

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_estate import generate  # noqa: E402

ALWAYS_POOL = PoolThreshold(members=1, bytes=0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated estate of 120 programs and 100 copybooks, about 14,000
    lines; tests that change it work on a copy."""
    root = tmp_path_factory.mktemp("batch") / "estate"
    generate(root, lines=14_000, programs=120, copybooks=100, seed=7)
    return root


def copy_of(root: Path, tmp_path: Path) -> Path:
    target = tmp_path / "estate"
    shutil.copytree(root, target)
    return target


def programs_of(root: Path) -> tuple[Estate, list[str]]:
    estate = discover(root, load_config(root))
    return estate, [m.relpath for m in estate.of_kind(MemberKind.PROGRAM)]


class StatsHandler(logging.Handler):
    """Keeps the stats that parse_members logs."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.stats: list[BatchStats] = []

    def emit(self, record: logging.LogRecord) -> None:
        if hasattr(record, "batch_stats"):
            self.stats.append(record.batch_stats)


def parse_logged(
    estate: Estate, relpaths: list[str], **options: object
) -> tuple[list[ParsedMember], BatchStats]:
    """Parse and return the results with the stats that were logged."""
    logger = logging.getLogger("migrate.parse.batch")
    handler, level = StatsHandler(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        results = parse_members(estate, relpaths, **options)  # type: ignore[arg-type]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    (stats,) = handler.stats
    return results, stats


def test_pool_matches_in_process_parse(
    generated: Path,
) -> None:
    estate, relpaths = programs_of(generated)
    alone, alone_stats = parse_logged(estate, relpaths, workers=1, use_cache=False)
    pooled, pool_stats = parse_logged(
        estate, relpaths, workers=2, use_cache=False, threshold=ALWAYS_POOL
    )
    assert alone_stats.workers == 1
    assert pool_stats.workers == 2
    assert [p.relpath for p in pooled] == relpaths
    assert len(estate.members) > 200
    for alone_member, pooled_member in zip(alone, pooled, strict=True):
        assert alone_member == pooled_member, alone_member.relpath
    assert not (generated / ".migrate").exists()


def test_cache_returns_identical_results(generated: Path, tmp_path: Path) -> None:
    estate, relpaths = programs_of(copy_of(generated, tmp_path))
    first, first_stats = parse_logged(estate, relpaths, threshold=ALWAYS_POOL)
    again, again_stats = parse_logged(estate, relpaths, threshold=ALWAYS_POOL)
    assert first_stats.from_cache == 0
    assert again_stats.from_cache == len(relpaths)
    assert again_stats.parsed == ()
    assert again == first


def test_changed_copybook_reparses_its_users(generated: Path, tmp_path: Path) -> None:
    root = copy_of(generated, tmp_path)
    estate, relpaths = programs_of(root)
    before, _ = parse_logged(estate, relpaths)
    # A fragment is copied only from inside other copybooks, so its users
    # copy it through a nested COPY. The least used one keeps the test fast.
    users_of = {
        m.name: {p.relpath for p in before if p.source and m.name in p.source.copybooks}
        for m in estate.of_kind(MemberKind.COPYBOOK)
        if m.name[4] == "F"
    }
    name = min((n for n in users_of if users_of[n]), key=lambda n: len(users_of[n]))
    fragment = estate.member(f"copybooks/{name}.cpy")
    fragment.path.write_text(fragment.path.read_text().replace("PIC", "PICTURE", 1))

    after, stats = parse_logged(estate, relpaths)

    assert set(stats.parsed) == users_of[name]
    assert len(users_of[name]) < len(relpaths)
    fresh = parse_members(estate, list(stats.parsed), use_cache=False)
    assert [after[relpaths.index(p.relpath)] for p in fresh] == fresh
    assert all("PICTURE" in p.source.text for p in fresh if p.source)


def test_corrupt_cache_entry_is_rewritten(generated: Path, tmp_path: Path) -> None:
    root = copy_of(generated, tmp_path)
    estate, relpaths = programs_of(root)
    first, _ = parse_logged(estate, relpaths)
    cache = ParseCache.open(estate)
    assert cache is not None
    damaged, truncated = relpaths[3], relpaths[5]
    cache.entry_path(damaged).write_bytes(b"not a pickle")
    entry = cache.entry_path(truncated)
    entry.write_bytes(entry.read_bytes()[:-40])

    again, stats = parse_logged(estate, relpaths)
    third, third_stats = parse_logged(estate, relpaths)

    assert sorted(stats.parsed) == sorted([damaged, truncated])
    assert again == first
    assert third_stats.from_cache == len(relpaths)
    assert third == first


def program(name: str, data: str = "") -> str:
    return fixed(
        f"""
IDENTIFICATION DIVISION.
PROGRAM-ID. {name}.
DATA DIVISION.
WORKING-STORAGE SECTION.
{data}
PROCEDURE DIVISION.
    GOBACK.
"""
    )


def test_added_copybook_reparses_member(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {"P1.cbl": program("P1", "    COPY MISSING."), "P2.cbl": program("P2")}
    )
    estate, relpaths = programs_of(root)
    before, _ = parse_logged(estate, relpaths)
    assert any("not found" in d.message for d in before[0].diagnostics)

    write_estate({"MISSING.cpy": fixed("01  FOUND-REC PIC X(10).\n")}, root)
    estate, relpaths = programs_of(root)
    after, stats = parse_logged(estate, relpaths)

    assert stats.parsed == ("P1.cbl",)
    assert after[0].diagnostics == ()


def test_changed_setting_reparses_all(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"P1.cbl": program("P1"), "P2.cbl": program("P2")})
    estate, relpaths = programs_of(root)
    parse_logged(estate, relpaths)
    wider = Estate(root, Config(tab_width=4), estate.members)
    _, stats = parse_logged(wider, relpaths)
    assert stats.parsed == ("P1.cbl", "P2.cbl")


def test_pool_beside_threads_matches(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {f"P{n}.cbl": program(f"P{n}", "    COPY REC.") for n in range(4)}
    )
    write_estate({"REC.cpy": fixed("01  REC-AREA PIC X(10).\n")}, root)
    estate, relpaths = programs_of(root)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pooled, stats = parse_logged(
            estate, relpaths, workers=2, use_cache=False, threshold=ALWAYS_POOL
        )
    finally:
        stop.set()
        other.join()
    assert stats.workers == 2
    assert pooled == parse_members(estate, relpaths, workers=1, use_cache=False)


def test_disabled_cache_writes_nothing(
    write_estate,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    root = write_estate({"P1.cbl": program("P1")})
    estate, relpaths = programs_of(root)
    monkeypatch.setenv("MIGRATE_PARSE_CACHE", "0")
    parse_members(estate, relpaths)
    assert not (root / ".migrate").exists()


def test_worker_count_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGRATE_WORKERS", "3")
    assert worker_count() == 3
    assert worker_count(5) == 5
    monkeypatch.setenv("MIGRATE_WORKERS", "many")
    with pytest.raises(UsageError, match="MIGRATE_WORKERS"):
        worker_count()


def test_chunks_hold_every_job_biggest_first() -> None:
    sizes = {"a": 900, "b": 100, "c": 500, "d": 100, "e": 300}
    jobs = list(enumerate(sizes))
    chunks = chunk_jobs(jobs, sizes, 3)
    flat = [relpath for chunk in chunks for _index, relpath in chunk]
    assert sorted(flat) == sorted(sizes)
    assert flat[0] == "a"
    assert len(chunks) <= 4
