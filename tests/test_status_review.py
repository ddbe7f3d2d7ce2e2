"""`migrate status` and `migrate review` read the journal and the plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from migrate.commit import init_repository
from migrate.convert.rules.names import java_class_name
from migrate.model import Conversion, ConversionRequest, JavaSource
from migrate.schedule.runner import RunOptions, run_estate

REPO = Path(__file__).resolve().parent.parent


class PrintingConverter:
    """Java that prints what the COBOL prints, except for program BROKEN."""

    name = "printing"

    def convert(self, request: ConversionRequest) -> Conversion:
        sources = []
        for program in request.slice.programs:
            cls = java_class_name(program)
            said = "SOMETHING ELSE" if program == "BROKEN" else f"{program} RAN"
            text = (
                f"package migrated;\n\npublic final class {cls} {{\n"
                "    public static void main(String[] args) {\n"
                f'        System.out.println("{said}");\n'
                "    }\n}\n"
            )
            sources.append(JavaSource(f"migrated/{cls}.java", text))
        return Conversion(request.slice.id, tuple(sources), converter=self.name)

    def estimate_cost(self, request: ConversionRequest) -> float:
        return 0.0


def cobol_program(name: str) -> str:
    return (
        "       IDENTIFICATION DIVISION.\n"
        f"       PROGRAM-ID. {name}.\n"
        "       PROCEDURE DIVISION.\n"
        f'           DISPLAY "{name} RAN"\n'
        "           STOP RUN.\n"
    )


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("status") / "estate"
    (root / "cobol").mkdir(parents=True)
    (root / "jcl").mkdir()
    for name in ("GOOD", "BROKEN", "LONELY"):
        (root / f"cobol/{name}.cbl").write_text(cobol_program(name))
    (root / "jcl/GOOD.jcl").write_text("//GOODJOB JOB 1\n//S1 EXEC PGM=GOOD\n")
    (root / "jcl/BROKEN.jcl").write_text("//BADJOB JOB 1\n//S1 EXEC PGM=BROKEN\n")
    init_repository(root, "Add the estate")
    run_estate(root, RunOptions(agents=2), converter=PrintingConverter())
    return root


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    # Wide enough that rich never wraps a message line.
    env["COLUMNS"] = "250"
    return subprocess.run(
        [sys.executable, "-m", "migrate", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_status_json_lists_slices(migrated: Path) -> None:
    done = run_cli("status", str(migrated), "--json")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    rows = {row["slice"]: row for row in document["slices"]}
    assert set(rows) == {"runtime", "good", "broken", "lonely"}
    assert rows["good"]["state"] == "verified"
    assert rows["good"]["branch"] == "migrate/good"
    assert rows["good"]["attempts"] == 1
    assert rows["broken"]["state"] == "failed"
    assert rows["broken"]["branch"] is None
    assert (
        rows["broken"]["evidence"]
        == "job BADJOB: the Java run differs from the COBOL run"
    )
    assert rows["lonely"]["evidence"] == (
        "compiled; behaviour not exercised by any job or test yet"
    )
    assert rows["good"]["tokens_in"] == 0
    assert document["last_run"]["status"] == "finished"


def test_status_table_on_stdout(migrated: Path) -> None:
    done = run_cli("status", str(migrated))
    assert done.returncode == 0, done.stderr
    assert "broken" in done.stdout
    assert "migrate/good" in done.stdout
    assert "migrate/good" not in done.stderr


def test_review_json_has_diff_and_evidence(migrated: Path) -> None:
    done = run_cli("review", "good", str(migrated), "--json")
    assert done.returncode == 0, done.stderr
    review = json.loads(done.stdout)
    assert review["members"] == ["cobol/GOOD.cbl"]
    assert review["java_files"] == ["migrated/Good.java"]
    assert review["checks"] == ["compile", "job GOODJOB"]
    assert "+++ b/java/src/main/java/migrated/Good.java" in review["diff"]
    assert '+        System.out.println("GOOD RAN");' in review["diff"]
    assert review["attempts"][0]["verdict"] == "accepted"


def test_review_failed_slice_shows_diff(migrated: Path) -> None:
    done = run_cli("review", "broken", str(migrated))
    assert done.returncode == 0, done.stderr
    assert "state: failed" in done.stdout
    assert "-BROKEN RAN" in done.stdout
    assert "+SOMETHING ELSE" in done.stdout


def test_review_unknown_slice_exit_2(migrated: Path) -> None:
    done = run_cli("review", "nope", str(migrated))
    assert done.returncode == 2
    assert "no slice 'nope' in the plan" in done.stderr
    assert "good" in done.stderr


def test_status_before_run_exit_2(tmp_path: Path) -> None:
    done = run_cli("status", str(tmp_path))
    assert done.returncode == 2
    assert "no plan found" in done.stderr
