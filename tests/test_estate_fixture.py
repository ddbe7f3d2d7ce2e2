"""Checks of the sample bank estate in fixtures/bank.

The estate is test input for every stage, so these tests guard its two
promises: re-running its jobs under GnuCOBOL reproduces ``expected/``, and
the dependency table in its README lists every CALL, COPY, EXEC and DD
site at the right line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ESTATE = Path(__file__).resolve().parent.parent / "fixtures" / "bank"
EXPECTED = ESTATE / "expected"
JOB_RE = re.compile(r"^//(\S+)\s+JOB\s", re.MULTILINE)
# A verb as a whole COBOL word: 2100-CALL-FEECALC is a paragraph name.
VERB_RE = {verb: re.compile(rf"(?<![\w-]){verb}(?![\w-])") for verb in ("CALL", "COPY")}
NODE_RE = re.compile(r"^(program|copybook|dataset|job):[A-Z0-9.#@$-]+$")

# For each edge kind: the node kinds of source and target, and the word
# that the line named by the row must contain.
EDGE_KINDS = {
    "call": (("program",), "program", "CALL"),
    "copy": (("program", "copybook"), "copybook", "COPY"),
    "runs": (("job",), "program", "EXEC"),
    "reads": (("program",), "dataset", "DSN="),
    "writes": (("program",), "dataset", "DSN="),
    # A dataset one step writes and a later step reads: at the reading DD.
    "dataflow": (("program",), "program", "DSN="),
}


def job_names() -> list[str]:
    """Return the job names of every production and test JCL member."""
    members = sorted(ESTATE.glob("jcl/*.jcl")) + sorted(ESTATE.glob("tests/jcl/*.jcl"))
    names = []
    for member in members:
        match = JOB_RE.search(member.read_text())
        assert match, f"{member}: no JOB statement"
        names.append(match.group(1))
    return names


def edge_rows() -> list[list[str]]:
    """Return the cells of each row of the README's dependency table."""
    rows = []
    for line in (ESTATE / "README.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and NODE_RE.match(cells[0]):
            rows.append(cells)
    return rows


def cobol_code(line: str) -> str:
    """Return the program text of a fixed-format line, or '' for a comment."""
    if len(line) > 6 and line[6] in "*/":
        return ""
    return line[7:72]


def source_sites() -> set[tuple[str, str, int]]:
    """Find every CALL, COPY, EXEC and DSN= site as (kind, member, line)."""
    sites = set()
    members = [
        *ESTATE.glob("cobol/*.cbl"),
        *ESTATE.glob("tests/cobol/*.cbl"),
        *ESTATE.glob("copy/*.cpy"),
    ]
    for member in members:
        relpath = member.relative_to(ESTATE).as_posix()
        for number, line in enumerate(member.read_text().splitlines(), 1):
            # Drop literals first: DATEUTL displays the text ' ON CALL '.
            code = re.sub(r"'[^']*'?", "''", cobol_code(line))
            if VERB_RE["CALL"].search(code):
                sites.add(("call", relpath, number))
            if VERB_RE["COPY"].search(code):
                sites.add(("copy", relpath, number))
    for member in [*ESTATE.glob("jcl/*.jcl"), *ESTATE.glob("tests/jcl/*.jcl")]:
        relpath = member.relative_to(ESTATE).as_posix()
        for number, line in enumerate(member.read_text().splitlines(), 1):
            if re.match(r"^//\S+\s+EXEC\s", line):
                sites.add(("runs", relpath, number))
            match = re.match(r"^//\S+\s+DD\s+DSN=[^,]+,DISP=\(?([A-Z]+)", line)
            if match:
                kind = "writes" if match.group(1) in ("NEW", "MOD") else "reads"
                sites.add((kind, relpath, number))
    return sites


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run record-expected.sh once into a temporary folder."""
    missing = [tool for tool in ("cobc", "cobcrun") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"GnuCOBOL is not installed ({', '.join(missing)} not found)")
    outdir = tmp_path_factory.mktemp("recorded")
    result = subprocess.run(
        ["bash", str(ESTATE / "record-expected.sh"), str(outdir)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"record-expected.sh failed:\n{result.stderr}"
    return outdir


@pytest.mark.parametrize("job", job_names())
def test_job_output_matches_expected(recorded: Path, job: str) -> None:
    expected, actual = EXPECTED / job, recorded / job
    assert (expected / "stdout").exists(), f"expected/{job}/stdout is missing"
    assert (actual / "stdout").read_bytes() == (expected / "stdout").read_bytes()
    assert (actual / "rc").read_text() == (expected / "rc").read_text()

    def datasets(folder: Path) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (folder / "datasets").glob("*")}

    recorded_sets, expected_sets = datasets(actual), datasets(expected)
    assert sorted(recorded_sets) == sorted(expected_sets)
    for name, content in expected_sets.items():
        assert recorded_sets[name] == content, f"{job}: dataset {name} differs"


def test_expected_covers_every_job() -> None:
    assert sorted(p.name for p in EXPECTED.iterdir()) == sorted(job_names())


def test_derived_data_matches_producer() -> None:
    produced = {p.name: p for p in EXPECTED.glob("*/datasets/*")}
    derived = [p for p in (ESTATE / "data").iterdir() if p.name in produced]
    assert derived, "data/ holds no dataset that a job writes"
    for dataset in derived:
        producer = produced[dataset.name]
        assert dataset.read_bytes() == producer.read_bytes(), (
            f"data/{dataset.name} differs from {producer.relative_to(ESTATE)}"
        )


def test_edge_table_rows_well_formed() -> None:
    rows = edge_rows()
    assert rows, "README.md has no dependency rows"
    for row in rows:
        assert len(row) == 5, f"row does not have 5 cells: {row}"
        source, target, kind, member, line = row
        assert kind in EDGE_KINDS, f"unknown kind {kind!r} in {row}"
        source_kinds, target_kind, word = EDGE_KINDS[kind]
        assert source.split(":")[0] in source_kinds, f"bad source in {row}"
        assert target.split(":")[0] == target_kind, f"bad target in {row}"
        assert NODE_RE.match(target), f"bad target id in {row}"
        path = ESTATE / member
        assert path.is_file(), f"member {member} not found for {row}"
        lines = path.read_text().splitlines()
        assert line.isdigit(), f"line is not a number in {row}"
        assert 1 <= int(line) <= len(lines), f"line out of range in {row}"
        assert word in lines[int(line) - 1], f"{member}:{line} has no {word}"


def test_edge_table_targets_match_line() -> None:
    for _source, target, kind, member, line in edge_rows():
        text = (ESTATE / member).read_text().splitlines()[int(line) - 1]
        name = target.split(":", 1)[1]
        if kind in ("copy", "reads", "writes"):
            assert name in text, f"{member}:{line} does not name {name}"
        if kind == "runs":
            assert f"PGM={name}" in text, f"{member}:{line} does not run {name}"
        if kind == "call" and "'" in text:
            assert f"'{name}'" in text, f"{member}:{line} does not call {name}"


def test_edge_table_covers_every_site() -> None:
    listed = {
        (kind, member, int(line))
        for _, _, kind, member, line in edge_rows()
        if kind != "dataflow"
    }
    sites = source_sites()
    assert sorted(sites - listed) == [], "sites missing from the README table"
    assert sorted(listed - sites) == [], "README rows that match no site"
