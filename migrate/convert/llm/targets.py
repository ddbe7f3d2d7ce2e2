"""The Java files a slice must become: paths, class names and entry points
by the conventions of the generated Java."""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate.convert.rules.names import java_class_name
from migrate.model import ConversionRequest, ExpandedSource, SliceKind

_PROGRAM_ID = re.compile(
    r"\bPROGRAM-ID\s*\.?\s*['\"]?([A-Z0-9][A-Z0-9_-]*)", re.IGNORECASE
)
_USING = re.compile(
    r"\bPROCEDURE\s+DIVISION\b(?P<header>[^.]*(?:\.(?=\S)[^.]*)*)\.", re.IGNORECASE
)
_USING_SKIP = frozenset({"BY", "REFERENCE", "CONTENT", "VALUE", "OPTIONAL"})


@dataclass(frozen=True)
class JavaTarget:
    """One class to write: its file path relative to the Java source root,
    its package and name, the COBOL name it comes from, and for a program
    the USING data names of its entry point."""

    path: str
    package: str
    class_name: str
    cobol_name: str
    kind: SliceKind
    params: tuple[str, ...] = ()

    @property
    def call_signature(self) -> str:
        """The entry point's Java signature."""
        params = ", ".join(f"Area p{n}" for n in range(1, len(self.params) + 1))
        return f"public static void call({params})"


def program_id(source: ExpandedSource, fallback: str) -> str:
    """Return the first PROGRAM-ID of ``source``, upper case."""
    found = _PROGRAM_ID.search(source.text)
    return found.group(1).upper() if found else fallback


def using_names(source: ExpandedSource) -> tuple[str, ...]:
    """Return the data names of the first PROCEDURE DIVISION USING list."""
    found = _USING.search(source.text)
    if found is None:
        return ()
    words = found.group("header").upper().split()
    if "USING" not in words:
        return ()
    names: list[str] = []
    for word in words[words.index("USING") + 1 :]:
        if word == "RETURNING":
            break
        if word not in _USING_SKIP:
            names.append(word.rstrip(","))
    return tuple(names)


def targets_for(request: ConversionRequest) -> tuple[JavaTarget, ...]:
    """Return the classes the request's slice must become, one per source."""
    slice_ = request.slice
    if slice_.kind is SliceKind.RECORD:
        package = f"{request.java_package}.records"
        names = slice_.copybooks or tuple(s.member for s in request.sources)
        return tuple(_target(package, name, SliceKind.RECORD, ()) for name in names)
    targets: list[JavaTarget] = []
    # NOTE: a member with nested programs gets one class, for its first
    # PROGRAM-ID; the nested programs' classes are not requested.
    for index, source in enumerate(request.sources):
        fallback = slice_.programs[index] if index < len(slice_.programs) else slice_.id
        name = program_id(source, fallback)
        targets.append(
            _target(request.java_package, name, SliceKind.PROGRAM, using_names(source))
        )
    return tuple(targets)


def _target(
    package: str, cobol_name: str, kind: SliceKind, params: tuple[str, ...]
) -> JavaTarget:
    class_name = java_class_name(cobol_name)
    path = f"{package.replace('.', '/')}/{class_name}.java"
    return JavaTarget(path, package, class_name, cobol_name, kind, params)
