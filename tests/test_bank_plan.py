"""The plan of the sample estate matches the edge table in its README."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES

BANK = FIXTURES / "bank"


def readme_edges() -> set[tuple[str, str, str, str, int]]:
    """The rows of the README's dependency edge table."""
    rows = set()
    for line in (BANK / "README.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and ":" in cells[0] and cells[4].isdigit():
            source, target, kind, member, number = cells
            rows.add((source, target, kind, member, int(number)))
    return rows


def plan_json(root: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run(
        [sys.executable, "-m", "migrate", "plan", str(root), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_plan_edges_match_readme(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    data = plan_json(root)
    planned = {
        (e["source"], e["target"], e["kind"], e["member"], e["line"])
        for e in data["edges"]
    }
    expected = readme_edges()
    assert len(expected) > 100
    assert planned - expected == set()
    assert expected - planned == set()


def test_bank_plan_slices_and_levels(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    data = plan_json(root)
    slices = {item["id"]: item for item in data["slices"]}
    assert "cycle-ovdchk-tranapl" in slices
    assert slices["dateutl"]["programs"] == ["DATEUTL", "TDATEUTL"]
    assert data["critical_path"][0] == "runtime"
    assert data["widest_level"] == max(len(level) for level in data["levels"])
    assert data["unresolved"] == []
    assert (root / ".migrate" / "plan.json").is_file()


def test_bank_plan_summary_shows_both_critical_paths(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    shutil.copytree(BANK, root)
    result = subprocess.run(
        [sys.executable, "-m", "migrate", "plan", str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    topological = next(line for line in lines if line.startswith("critical path:"))
    contract = next(
        line for line in lines if line.startswith("contract-first critical path:")
    )
    assert topological.endswith(
        "runtime -> rec-feeparm -> feecalc -> cycle-ovdchk-tranapl -> posttran"
    )
    assert contract.endswith("runtime -> rec-acctrec -> auditrpt")

    def lines_of(line: str) -> int:
        return int(line.split(", ")[1].split()[0])

    assert lines_of(contract) < lines_of(topological)
