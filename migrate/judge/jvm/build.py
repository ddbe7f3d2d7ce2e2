"""Compiling the judge server's own Java, once per version of its sources,
into a cache folder."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from migrate.errors import ToolMissingError
from migrate.judge.jvm.protocol import JvmServerError

logger = logging.getLogger(__name__)

SERVER_CLASS = "JudgeServer"
# Wall-clock limit of the javac call that builds the server, in seconds.
BUILD_TIMEOUT = 300.0


def server_sources() -> dict[str, str]:
    """Return the server's Java sources by file name."""
    folder = resources.files(__package__).joinpath("java")
    return {
        entry.name: entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".java")
    }


def default_cache_dir() -> Path:
    """Return ``$XDG_CACHE_HOME/migrate/jvm-server``, or the same under
    ``~/.cache``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "migrate" / "jvm-server"


def source_hash(sources: dict[str, str]) -> str:
    """Return a short hash of the server's sources, names included."""
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(
            name.encode("utf-8") + b"\0" + sources[name].encode("utf-8") + b"\0"
        )
    return digest.hexdigest()[:16]


def server_classes(cache_dir: Path | None = None, javac: str = "javac") -> Path:
    """Return the folder of the compiled server, compiling it first unless
    the cache already contains this version.

    Compilation goes to a temporary folder that is renamed into place, so
    that processes building the same version at once never see half a build.
    """
    sources = server_sources()
    target = (cache_dir or default_cache_dir()) / source_hash(sources)
    if (target / f"{SERVER_CLASS}.class").is_file():
        return target
    if shutil.which(javac) is None:
        raise ToolMissingError(
            f"{javac} not found on PATH; it compiles the judge server",
            hint="install a JDK (apt-get install openjdk-17-jdk-headless)",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix="build-") as folder:
        _compile(sources, Path(folder), javac)
        try:
            os.replace(Path(folder) / "classes", target)
        except OSError:
            # Another process renamed its build into place first.
            if not (target / f"{SERVER_CLASS}.class").is_file():
                raise
    logger.info("judge server compiled into %s", target)
    return target


def _compile(sources: dict[str, str], folder: Path, javac: str) -> None:
    source_dir = folder / "src"
    classes = folder / "classes"
    source_dir.mkdir()
    classes.mkdir()
    for name, text in sources.items():
        (source_dir / name).write_text(text, encoding="utf-8")
    command = [
        javac,
        "-encoding",
        "UTF-8",
        "-nowarn",
        "-XDignore.symbol.file",
        "-d",
        str(classes),
        *sorted(str(source_dir / name) for name in sources),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False
    )
    if done.returncode != 0:
        raise JvmServerError(f"javac failed on the judge server:\n{done.stderr}")
    if done.stderr.strip():
        logger.debug("javac on the judge server: %s", done.stderr.strip())
