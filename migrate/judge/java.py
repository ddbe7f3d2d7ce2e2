"""Compiling generated Java with javac, once per run for the runtime library
and once per slice for the rest, and the command that runs a class."""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from migrate.judge.sandbox import JAVA_HEAP
from migrate.model import JavaSource

logger = logging.getLogger(__name__)

# Where the runtime library's sources sit under the Java source root.
RUNTIME_PREFIX = "migrate/runtime/"
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


def compile_java(
    sources: Sequence[JavaSource], work: Path, classpath: Sequence[Path] = ()
) -> CompileResult:
    """Compile ``sources`` against ``classpath`` with one javac call into
    ``work/classes``."""
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
        *_classpath_flags(classpath),
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
    return CompileResult(classes, error_text(output))


def error_text(output: str) -> str:
    """Return the evidence of a failed compilation: javac's output, cut to
    its first lines."""
    return _first_lines(output.strip() or "javac failed", MAX_ERROR_LINES)


def _write_sources(sources: Sequence[JavaSource], root: Path, argfile: Path) -> Path:
    """Write each source under ``root`` and list their paths in ``argfile``."""
    for source in sources:
        path = root / source.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source.text, encoding="utf-8")
    argfile.write_text("\n".join(s.path for s in sources) + "\n", encoding="utf-8")
    return argfile


def _classpath_flags(classpath: Sequence[Path]) -> list[str]:
    if not classpath:
        return []
    return ["-cp", os.pathsep.join(str(entry) for entry in classpath)]


def java_command(
    classes: Path | Sequence[Path],
    main_class: str,
    arguments: Sequence[str],
    extra: Sequence[str],
) -> list[str]:
    """Return the command that runs ``main_class`` from ``classes``, one
    class folder or a class path of several."""
    entries = [classes] if isinstance(classes, Path) else list(classes)
    return [
        "java",
        *JVM_FLAGS,
        "-Djava.io.tmpdir=.",
        *extra,
        *_classpath_flags(entries),
        main_class,
        *arguments,
    ]


class RuntimeBuild:
    """The runtime library compiled once per version of its sources, for
    every slice compile of one run to put on its class path.

    Safe to call from many threads: the first caller of a version compiles
    it while later callers wait.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._built: dict[str, CompileResult] = {}

    def split(
        self, context: Sequence[JavaSource]
    ) -> tuple[list[JavaSource], list[Path]]:
        """Return the sources of ``context`` that are not the runtime, and
        the class path of the compiled runtime they need.

        When the runtime does not compile on its own, nothing is split, so
        that its errors show in the slice's own javac output.
        """
        runtime = [s for s in context if s.path.startswith(RUNTIME_PREFIX)]
        if not runtime:
            return list(context), []
        compiled = self.compiled(runtime)
        if not compiled.ok:
            return list(context), []
        rest = [s for s in context if not s.path.startswith(RUNTIME_PREFIX)]
        return rest, [compiled.classes]

    def compiled(self, runtime: Sequence[JavaSource]) -> CompileResult:
        """Return the classes of ``runtime``, compiling them on first use."""
        digest = _sources_digest(runtime)
        with self._lock:
            result = self._built.get(digest)
            if result is None:
                result = compile_java(runtime, self.folder / digest)
                self._built[digest] = result
                logger.debug("runtime %s compiled into %s", digest, result.classes)
            return result


def _sources_digest(sources: Sequence[JavaSource]) -> str:
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: s.path):
        digest.update(source.path.encode("utf-8") + b"\0")
        digest.update(source.text.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def _first_lines(text: str, count: int) -> str:
    lines = text.splitlines()
    if len(lines) <= count:
        return text
    return "\n".join(lines[:count] + [f"... {len(lines) - count} more lines"])
