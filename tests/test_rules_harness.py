"""Harness of the rules converter tests: translate COBOL, compile it with
javac against the runtime, and run it beside GnuCOBOL under a frozen clock.

The tests at the bottom check the harness helpers themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from migrate.convert.rules import RulesConverter
from migrate.model import (
    Conversion,
    ConversionRequest,
    EntryPoint,
    ExpandedSource,
    JavaSource,
    Slice,
    SliceKind,
    SourcePos,
)
from migrate.runtime import runtime_sources

FROZEN_ENV = {"COB_CURRENT_DATE": "2020/01/15 10:20:30.00", "TZ": "UTC"}
RUN_TIMEOUT = 60


def tools_missing() -> str:
    """Return why the comparison tests cannot run, or an empty string."""
    missing = [
        tool
        for tool in ("cobc", "cobcrun", "javac", "java")
        if shutil.which(tool) is None
    ]
    return f"{', '.join(missing)} not installed" if missing else ""


def expand_by_hand(path: Path, member: str | None = None) -> ExpandedSource:
    """Preprocess a fixed-format program without COPY: blank columns 1-7,
    blank comment lines and cut each line at column 72."""
    lines = path.read_text(encoding="latin-1").splitlines()
    out = []
    for line in lines:
        indicator = line[6:7]
        if indicator in ("*", "/") or not line[7:72].strip():
            out.append("")
        else:
            out.append(" " * 7 + line[7:72].rstrip())
    name = member or path.name
    source_map = tuple(SourcePos(name, number) for number in range(1, len(out) + 1))
    return ExpandedSource(name, "\n".join(out) + "\n", source_map)


def convert_programs(
    sources: list[ExpandedSource],
    callees: tuple[EntryPoint, ...] = (),
    java_package: str = "migrated",
) -> Conversion:
    """Run the rules converter on one program slice holding ``sources``."""
    slice_ = Slice("programs", SliceKind.PROGRAM, (), (), (), (), 0, 0)
    request = ConversionRequest(slice_, tuple(sources), java_package, callees)
    return RulesConverter().convert(request)


def write_java(
    sources: tuple[JavaSource, ...] | list[JavaSource], root: Path
) -> list[Path]:
    paths = []
    for source in sources:
        path = root / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8")
        paths.append(path)
    return paths


def javac(paths: list[Path], classpath: Path, out: Path) -> None:
    """Compile ``paths`` in one javac call; fail the test with its errors."""
    out.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            "javac",
            "-nowarn",
            "-encoding",
            "UTF-8",
            "-cp",
            str(classpath),
            "-d",
            str(out),
        ]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"javac failed:\n{result.stderr[-6000:]}")


@dataclass
class StepRun:
    """What one job step produced."""

    stdout: bytes
    returncode: int
    stderr: bytes = b""


@dataclass
class Step:
    """A job step: the program, its DD datasets and its SYSIN lines."""

    program: str
    datasets: dict[str, str] = field(default_factory=dict)
    stdin: bytes = b""


def run_cobol(program: str, build: Path, workdir: Path, step: Step) -> StepRun:
    """Run a program compiled with ``cobc -m`` through cobcrun."""
    env = step_env(workdir, step)
    env["COB_LIBRARY_PATH"] = str(build)
    result = subprocess.run(
        ["cobcrun", program],
        input=step.stdin,
        cwd=workdir,
        env=env,
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    return StepRun(result.stdout, result.returncode, result.stderr)


def run_java(java_class: str, classes: Path, workdir: Path, step: Step) -> StepRun:
    """Run a translated program's ``main``."""
    env = step_env(workdir, step)
    result = subprocess.run(
        [
            "java",
            "-Xshare:auto",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            str(classes),
            java_class,
        ],
        input=step.stdin,
        cwd=workdir,
        env=env,
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    return StepRun(result.stdout, result.returncode, result.stderr)


def step_env(workdir: Path, step: Step) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DD_", "dd_", "COB_"))
    }
    env.update(FROZEN_ENV)
    for ddname, dsn in step.datasets.items():
        env[f"DD_{ddname}"] = str(workdir / dsn)
    return env


def cobc_module(source: Path, build: Path, include: Path | None = None) -> None:
    """Compile one program with ``cobc -m`` into ``build``."""
    build.mkdir(parents=True, exist_ok=True)
    command = [
        "cobc",
        "-m",
        "-o",
        str(build / f"{source.stem.upper()}.so"),
        str(source),
    ]
    if include is not None:
        command[2:2] = ["-I", str(include)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"cobc failed on {source}:\n{result.stderr}")


_RUNTIME: dict[str, Path] = {}


def compiled_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Compile the Java runtime once per session and return its classes."""
    if shutil.which("javac") is None:
        pytest.skip("javac not installed")
    if "classes" not in _RUNTIME:
        root = tmp_path_factory.mktemp("runtime")
        paths = write_java(runtime_sources(), root / "src")
        javac(paths, root, root / "classes")
        _RUNTIME["classes"] = root / "classes"
    return _RUNTIME["classes"]


def test_expand_by_hand_blanks_columns(tmp_path: Path) -> None:
    source = tmp_path / "P.cbl"
    source.write_text(
        "000100 IDENTIFICATION DIVISION.                  "
        "                          XXXXXXXX\n"
        "000200* A COMMENT\n",
        encoding="latin-1",
    )
    expanded = expand_by_hand(source)
    lines = expanded.text.split("\n")
    assert lines[0] == "       IDENTIFICATION DIVISION."
    assert lines[1] == ""
    assert expanded.pos(2) == SourcePos("P.cbl", 2)
