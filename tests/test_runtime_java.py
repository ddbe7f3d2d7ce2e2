"""The Java runtime library against GnuCOBOL.

Each case under ``tests/java_runtime/<case>/`` contains a COBOL program
(``prog.cbl``) and its hand-written Java equivalent (``Prog.java`` in package
``cases.<case>``). Both run under a frozen clock and must write the same
stdout, return code and files.

A case folder may also contain subprograms (``<PROGRAM-ID>.cbl``, compiled as
modules) and more Java classes. ``stdin.txt`` is the standard input, which is
empty without it. ``env.txt`` adds ``NAME=value`` lines to the environment,
and the files of ``input/`` are copied into the working folder of both runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from migrate.runtime import runtime_sources

CASES_DIR = Path(__file__).parent / "java_runtime"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "prog.cbl").is_file())
FROZEN_ENV = {"COB_CURRENT_DATE": "2020/01/15 10:20:30.00", "TZ": "UTC"}
TIMEOUT_SECONDS = 60

needs_tools = pytest.mark.skipif(
    shutil.which("cobc") is None or shutil.which("javac") is None,
    reason="GnuCOBOL (cobc) and a JDK (javac) are both needed to compare runs",
)


@dataclass(frozen=True)
class RunResult:
    """What one run of a program left behind."""

    stdout: bytes
    stderr: bytes
    returncode: int
    files: dict[str, bytes]


@pytest.fixture(scope="session")
def java_classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compile the runtime and every case's Java with one javac call."""
    source_root = tmp_path_factory.mktemp("java-src")
    for source in runtime_sources():
        target = source_root / source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.text, encoding="utf-8")
    files = [str(p) for p in source_root.rglob("*.java")]
    files += [str(p) for case in CASES for p in (CASES_DIR / case).glob("*.java")]
    classes = tmp_path_factory.mktemp("java-classes")
    result = subprocess.run(
        ["javac", "-Xlint:none", "-encoding", "UTF-8", "-d", str(classes), *files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return classes


def _environment(case_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(FROZEN_ENV)
    env_file = case_dir / "env.txt"
    if env_file.is_file():
        for line in env_file.read_text().splitlines():
            if "=" in line:
                name, value = line.split("=", 1)
                env[name.strip()] = value.strip()
    return env


def _prepare_workdir(case_dir: Path, workdir: Path) -> None:
    workdir.mkdir(parents=True)
    inputs = case_dir / "input"
    if inputs.is_dir():
        shutil.copytree(inputs, workdir, dirs_exist_ok=True)


def _run(
    command: list[str], case_dir: Path, workdir: Path, env: dict[str, str]
) -> RunResult:
    stdin_file = case_dir / "stdin.txt"
    stdin = stdin_file.read_bytes() if stdin_file.is_file() else b""
    completed = subprocess.run(
        command,
        cwd=workdir,
        env=env,
        input=stdin,
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    files = {
        str(path.relative_to(workdir)): path.read_bytes()
        for path in sorted(workdir.rglob("*"))
        if path.is_file()
    }
    return RunResult(completed.stdout, completed.stderr, completed.returncode, files)


def _build_cobol(case_dir: Path, bindir: Path) -> Path:
    bindir.mkdir(parents=True)
    for module in sorted(case_dir.glob("*.cbl")):
        if module.name == "prog.cbl":
            continue
        output = bindir / f"{module.stem}.so"
        subprocess.run(
            ["cobc", "-m", "-o", str(output), str(module)],
            check=True,
            capture_output=True,
        )
    executable = bindir / "prog"
    subprocess.run(
        ["cobc", "-x", "-o", str(executable), str(case_dir / "prog.cbl")],
        check=True,
        capture_output=True,
    )
    return executable


def _run_both(
    case: str, java_classes: Path, tmp_path: Path
) -> tuple[RunResult, RunResult]:
    case_dir = CASES_DIR / case
    env = _environment(case_dir)
    executable = _build_cobol(case_dir, tmp_path / "cobol-bin")
    cobol_env = dict(env, COB_LIBRARY_PATH=str(executable.parent))
    _prepare_workdir(case_dir, tmp_path / "cobol")
    cobol = _run([str(executable)], case_dir, tmp_path / "cobol", cobol_env)
    _prepare_workdir(case_dir, tmp_path / "java")
    java_command = [
        "java",
        "-Xshare:auto",
        "-cp",
        str(java_classes),
        f"cases.{case}.Prog",
    ]
    java = _run(java_command, case_dir, tmp_path / "java", env)
    return cobol, java


@needs_tools
@pytest.mark.parametrize("case", CASES)
def test_runtime_case_matches_gnucobol(
    case: str, java_classes: Path, tmp_path: Path
) -> None:
    cobol, java = _run_both(case, java_classes, tmp_path)
    java_stderr = java.stderr.decode("latin-1")
    assert java.stdout.decode("latin-1") == cobol.stdout.decode("latin-1"), java_stderr
    assert java.returncode == cobol.returncode, java_stderr
    assert sorted(java.files) == sorted(cobol.files)
    for name, content in cobol.files.items():
        assert java.files[name] == content, f"output file {name} differs"


def test_runtime_sources_cover_package() -> None:
    sources = runtime_sources()
    paths = [source.path for source in sources]
    assert "migrate/runtime/Area.java" in paths
    assert "migrate/runtime/package-info.java" in paths
    assert all(path.startswith("migrate/runtime/") for path in paths)
    assert paths == sorted(paths)
    assert all("package migrate.runtime;" in source.text for source in sources)


def _javadoc_block(text: str, start: str, end: str) -> str:
    block = text[text.index(start) + len(start) : text.index(end)]
    return "\n".join(
        line[3:] if line.startswith(" * ") else line[2:] for line in block.split("\n")
    )


def test_package_example_matches_javadoc() -> None:
    """The example in package-info.java is the package_example case, so it runs."""
    info = next(
        s for s in runtime_sources() if s.path.endswith("package-info.java")
    ).text
    java = _javadoc_block(info, "<pre>{@code\n", " * }</pre>")
    java = java.replace("package migrated;", "package cases.package_example;")
    java = java.replace("Sumsales", "Prog")
    cobol = _javadoc_block(info, "<pre>\n", " * </pre>")
    case_dir = CASES_DIR / "package_example"
    assert (case_dir / "Prog.java").read_text() == java
    assert (case_dir / "prog.cbl").read_text().rstrip() == cobol.rstrip()
