"""Compiling generated Java with javac, and the command that runs a class."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from migrate.judge.sandbox import JAVA_HEAP
from migrate.model import JavaSource

# Wall-clock limit of one javac call, in seconds.
COMPILE_TIMEOUT = 600.0
# Lines of javac output kept as evidence.
MAX_ERROR_LINES = 200

# Fast start-up matters more than peak speed for short batch steps. Bytes
# pass through as ISO-8859-1 characters unchanged, as the runtime reads
# and writes them.
JVM_FLAGS = (
    JAVA_HEAP,
    "-Xss16m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:-UsePerfData",
    "-Dfile.encoding=ISO-8859-1",
    "-Dsun.stdout.encoding=ISO-8859-1",
    "-Dsun.stderr.encoding=ISO-8859-1",
)


@dataclass(frozen=True)
class CompileResult:
    """The outcome of one javac call: the class folder, or the errors with
    file and line relative to the Java source root."""

    classes: Path
    errors: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def compile_java(sources: Sequence[JavaSource], work: Path) -> CompileResult:
    """Compile ``sources`` with one javac call into ``work/classes``."""
    source_root = work / "src"
    classes = work / "classes"
    classes.mkdir(parents=True, exist_ok=True)
    argfile = _write_sources(sources, source_root, work / "sources.txt")

    # Annotation processing stays off, so compiling never runs code of the
    # sources being compiled.
    command = [
        "javac",
        "-d",
        str(classes),
        "-encoding",
        "UTF-8",
        "-proc:none",
        "-nowarn",
        "-Xmaxerrs",
        "100",
        f"@{argfile}",
    ]
    try:
        done = subprocess.run(
            command,
            cwd=source_root,
            capture_output=True,
            text=True,
            timeout=COMPILE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return CompileResult(classes, f"javac timed out after {COMPILE_TIMEOUT:.0f}s")
    if done.returncode == 0:
        return CompileResult(classes)
    output = (done.stderr + done.stdout).strip() or f"javac exited {done.returncode}"
    return CompileResult(classes, _first_lines(output, MAX_ERROR_LINES))


def _write_sources(sources: Sequence[JavaSource], root: Path, argfile: Path) -> Path:
    """Write each source under ``root`` and list their paths in ``argfile``."""
    for source in sources:
        path = root / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8")
    argfile.write_text("\n".join(s.path for s in sources) + "\n", encoding="utf-8")
    return argfile


def java_command(
    classes: Path, main_class: str, arguments: Sequence[str], extra: Sequence[str]
) -> list[str]:
    """Return the command that runs ``main_class`` from ``classes``."""
    return [
        "java",
        *JVM_FLAGS,
        "-Djava.io.tmpdir=.",
        *extra,
        "-cp",
        str(classes),
        main_class,
        *arguments,
    ]


def _first_lines(text: str, count: int) -> str:
    lines = text.splitlines()
    if len(lines) <= count:
        return text
    return "\n".join(lines[:count] + [f"... {len(lines) - count} more lines"])
