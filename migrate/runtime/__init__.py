"""The Java runtime library ``migrate.runtime``, shipped as Java source.

Translated programs call this library for COBOL data semantics: byte
storage, numeric encodings, MOVE, arithmetic, DISPLAY, files and CALL. Its
sources live in ``java/migrate/runtime/`` inside this package.
"""

from __future__ import annotations

from importlib import resources

from migrate.model import JavaSource

_JAVA_PACKAGE_DIR = "migrate/runtime"


def runtime_sources() -> tuple[JavaSource, ...]:
    """Return every Java source of the runtime, sorted by path.

    Each path is relative to the Java source root, such as
    ``migrate/runtime/Area.java``.
    """
    folder = resources.files(__package__).joinpath("java", "migrate", "runtime")
    sources = [
        JavaSource(
            path=f"{_JAVA_PACKAGE_DIR}/{entry.name}", text=entry.read_text("utf-8")
        )
        for entry in folder.iterdir()
        if entry.name.endswith(".java")
    ]
    return tuple(sorted(sources, key=lambda source: source.path))
