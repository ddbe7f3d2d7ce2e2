"""The synthetic estate generator of the benchmarks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO

from migrate.config import load_config
from migrate.discover import discover
from migrate.model import MemberKind, SliceKind
from migrate.plan import build_plan

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_estate import (  # noqa: E402
    GeneratedEstate,
    count_parse_errors,
    generate,
    read_manifest,
)


def files_of(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> GeneratedEstate:
    """An estate of 60 programs, about 15,000 lines."""
    root = tmp_path_factory.mktemp("generator") / "estate"
    return generate(root, lines=15_000, programs=60, seed=5)


def test_generator_same_seed_same_files(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", programs=25, seed=3)
    second = generate(tmp_path / "b", programs=25, seed=3)
    other = generate(tmp_path / "c", programs=25, seed=4)
    assert other.seed == 4
    files = files_of(tmp_path / "a")
    assert files_of(tmp_path / "b").keys() == files.keys()
    for relpath, data in files_of(tmp_path / "b").items():
        if relpath != "generator.json":
            assert data == files[relpath], relpath
    assert (first.lines, first.cycles) == (second.lines, second.cycles)
    assert files_of(tmp_path / "c") != files


def test_generator_meets_line_target(tmp_path: Path) -> None:
    summary = generate(tmp_path / "estate", lines=30_000, seed=2)
    assert 27_000 <= summary.lines <= 33_000
    assert read_manifest(tmp_path / "estate") == summary


def test_generator_rejects_used_folder(tmp_path: Path) -> None:
    (tmp_path / "estate").mkdir()
    (tmp_path / "estate" / "old.cbl").write_text("")
    with pytest.raises(FileExistsError):
        generate(tmp_path / "estate", programs=12)


def test_generated_programs_parse_cleanly(small: GeneratedEstate) -> None:
    assert small.programs == 60
    assert count_parse_errors(Path(small.root), sample=small.programs) == {}


def test_generated_estate_plans_slices(small: GeneratedEstate) -> None:
    root = Path(small.root)
    estate = discover(root, load_config(root))
    plan = build_plan(estate)

    assert len(estate.of_kind(MemberKind.PROGRAM)) == small.programs
    assert [d for d in plan.diagnostics if d.severity == "error"] == []
    assert small.cycles
    ids = {item.id for item in plan.slices}
    for cycle in small.cycles:
        assert "cycle-" + "-".join(name.lower() for name in cycle) in ids
    shared = plan.slice("rec-" + small.shared_copybooks[0].lower())
    assert shared.kind is SliceKind.RECORD
    assert len(plan.jobs) == small.jobs
    assert len(plan.critical_path) > 4
