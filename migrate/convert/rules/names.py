"""Java names for COBOL names, by the naming rule of the generated Java.

``POST-TRAN`` is class ``PostTran`` and member ``postTran``. A name that
starts with a digit gets a ``P`` in front (``1STPASS`` is ``P1stpass``). A
member name that is a Java keyword gets a trailing ``_``.
"""

from __future__ import annotations

import re

JAVA_KEYWORDS = frozenset(
    [
        "abstract",
        "assert",
        "boolean",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "class",
        "const",
        "continue",
        "default",
        "do",
        "double",
        "else",
        "enum",
        "extends",
        "final",
        "finally",
        "float",
        "for",
        "goto",
        "if",
        "implements",
        "import",
        "instanceof",
        "int",
        "interface",
        "long",
        "native",
        "new",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "short",
        "static",
        "strictfp",
        "super",
        "switch",
        "synchronized",
        "this",
        "throw",
        "throws",
        "transient",
        "try",
        "void",
        "volatile",
        "while",
        "true",
        "false",
        "null",
        "var",
        "record",
        "yield",
        "sealed",
        "permits",
    ]
)

_PARTS = re.compile(r"[-_]+")


def _parts(cobol_name: str) -> list[str]:
    return [part for part in _PARTS.split(cobol_name.strip()) if part]


def java_class_name(cobol_name: str) -> str:
    """Return the Java class name of a COBOL program or copybook name."""
    name = "".join(part[:1].upper() + part[1:].lower() for part in _parts(cobol_name))
    if not name:
        raise ValueError(f"invalid COBOL name {cobol_name!r}: no letters or digits")
    if name[0].isdigit():
        name = "P" + name
    return name


def java_member_name(cobol_name: str) -> str:
    """Return the Java field or method name of a COBOL data or procedure name."""
    parts = _parts(cobol_name)
    if not parts:
        raise ValueError(f"invalid COBOL name {cobol_name!r}: no letters or digits")
    name = parts[0].lower() + "".join(
        part[:1].upper() + part[1:].lower() for part in parts[1:]
    )
    if name[0].isdigit():
        name = "p" + name
    if name in JAVA_KEYWORDS:
        name += "_"
    return name


def java_constant_name(cobol_name: str) -> str:
    """Return an upper snake case constant name: ``WS-ACCT`` is ``WS_ACCT``."""
    name = "_".join(part.upper() for part in _parts(cobol_name))
    return "N" + name if name[:1].isdigit() else name


class NameAllocator:
    """Hands out Java identifiers that are unique within one class scope."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self._taken: set[str] = set(reserved)

    def take(self, wanted: str) -> str:
        """Return ``wanted``, or ``wanted`` with the lowest free number."""
        name = wanted
        counter = 2
        while name in self._taken:
            name = f"{wanted}{counter}"
            counter += 1
        self._taken.add(name)
        return name
