"""Golden programs under tests/golden/rules/<case>/, each translated by the
rules converter and run beside GnuCOBOL on the same input.

A case contains ``prog.cbl`` (the main program), optionally more ``*.cbl``
subprograms it calls, ``stdin.txt`` for ACCEPT, and ``<DDNAME>.in`` input
files, each passed as ``DD_<DDNAME>``. Every file the programs write in the
working folder is compared, with stdout and the return code.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_rules_harness import (
    RUN_TIMEOUT,
    Step,
    StepRun,
    cobc_module,
    compiled_runtime,
    convert_programs,
    expand_by_hand,
    javac,
    run_java,
    step_env,
    tools_missing,
    write_java,
)

from migrate.model import Unsupported

GOLDEN = Path(__file__).resolve().parent / "golden" / "rules"
CASES = (
    sorted(p.name for p in GOLDEN.iterdir() if (p / "prog.cbl").is_file())
    if GOLDEN.is_dir()
    else []
)


@pytest.fixture(scope="session")
def runtime_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compiled_runtime(tmp_path_factory)


@dataclass
class GoldenBuild:
    classes: Path
    root: Path
    main_class: dict[str, str]
    unsupported: dict[str, tuple[Unsupported, ...]]


def _package(case: str) -> str:
    return "golden." + case.replace("-", "_")


@pytest.fixture(scope="module")
def golden(
    runtime_classes: Path, tmp_path_factory: pytest.TempPathFactory
) -> GoldenBuild:
    if tools_missing():
        pytest.skip(tools_missing())
    root = tmp_path_factory.mktemp("golden")
    java_paths: list[Path] = []
    main_class: dict[str, str] = {}
    unsupported: dict[str, tuple[Unsupported, ...]] = {}
    for case in CASES:
        folder = GOLDEN / case
        programs = [folder / "prog.cbl"] + sorted(
            p for p in folder.glob("*.cbl") if p.name != "prog.cbl"
        )
        sources = [expand_by_hand(p, f"{case}/{p.name}") for p in programs]
        conversion = convert_programs(sources, java_package=_package(case))
        unsupported[case] = conversion.unsupported
        java_paths += write_java(conversion.sources, root / "java")
        first = conversion.sources[0].path
        main_class[case] = first.removesuffix(".java").replace("/", ".")
        _cobc_case(folder, programs, root / "cobol" / case)
    javac(java_paths, runtime_classes, root / "classes")
    classpath = Path(f"{root / 'classes'}{os.pathsep}{runtime_classes}")
    return GoldenBuild(classpath, root, main_class, unsupported)


def _cobc_case(folder: Path, programs: list[Path], build: Path) -> None:
    build.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["cobc", "-x", "-o", str(build / "prog"), str(programs[0])],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"cobc failed on {programs[0]}:\n{result.stderr}")
    for program in programs[1:]:
        cobc_module(program, build)


def _workdir(case: str, root: Path) -> tuple[Path, Step]:
    folder = GOLDEN / case
    workdir = root / "run" / case
    workdir.mkdir(parents=True)
    step = Step("prog")
    for data in folder.glob("*.in"):
        shutil.copy(data, workdir / data.name)
        step.datasets[data.stem.upper()] = data.name
    stdin = folder / "stdin.txt"
    step.stdin = stdin.read_bytes() if stdin.is_file() else b""
    return workdir, step


def _run_cobol(case: str, build: GoldenBuild, workdir: Path, step: Step) -> StepRun:
    env = step_env(workdir, step)
    env["COB_LIBRARY_PATH"] = str(build.root / "cobol" / case)
    result = subprocess.run(
        [str(build.root / "cobol" / case / "prog")],
        input=step.stdin,
        cwd=workdir,
        env=env,
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    return StepRun(result.stdout, result.returncode, result.stderr)


def _outputs(workdir: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(workdir.iterdir())
        if p.is_file() and p.suffix != ".in"
    }


def libcob_messages(stderr: bytes) -> list[str]:
    """Return the lines of ``stderr`` with each libcob file error cut after
    "for file" and the warnings of implicit CLOSE left out.

    NOTE: libcob names the file by its SELECT name and resolved path, as in
    ``for file IN-FILE ('DD_INDATA' => /run/indata.in)``, and warns of each
    file it closes at the end of the run; the runtime names the ASSIGN name
    only and does not warn.
    """
    lines = []
    for line in stderr.decode("latin-1").splitlines():
        if line.startswith("libcob: warning: implicit CLOSE of "):
            continue
        head, found, _ = line.partition(" for file ")
        lines.append(
            head + found.rstrip() if line.startswith("libcob: error: ") else line
        )
    return lines


@pytest.mark.parametrize("case", CASES)
def test_golden_case_matches_cobol(golden: GoldenBuild, case: str) -> None:
    assert [str(u) for u in golden.unsupported[case]] == []
    cobol_dir, step = _workdir(case, golden.root / "cobol-side")
    java_dir, _ = _workdir(case, golden.root / "java-side")
    cobol = _run_cobol(case, golden, cobol_dir, step)
    java = run_java(golden.main_class[case], golden.classes, java_dir, step)
    assert libcob_messages(java.stderr) == libcob_messages(cobol.stderr)
    assert java.stdout.decode("latin-1") == cobol.stdout.decode("latin-1")
    assert java.returncode == cobol.returncode
    assert _outputs(java_dir) == _outputs(cobol_dir)


def test_libcob_messages_cut_file_names() -> None:
    stderr = (
        b"libcob: error: end of file (status = 10) for file IN-FILE "
        b"('DD_INDATA' => /run/cobol/indata.in)\n"
        b"libcob: warning: implicit CLOSE of IN-FILE ('INDATA')\n"
        b"libcob: error: module 'NOSUCH' not found\n"
    )
    assert libcob_messages(stderr) == [
        "libcob: error: end of file (status = 10) for file",
        "libcob: error: module 'NOSUCH' not found",
    ]
