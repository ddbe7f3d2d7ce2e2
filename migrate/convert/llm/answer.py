"""Read a model's answer defensively: Java only from fenced ```java blocks,
each naming its file, and every name checked against the expected ones.

The answer is untrusted text. A file path must be relative, stay inside
the Java source root, consist of Java identifiers, and be one of the files
the prompt asked for; the class it declares must carry the file's name in
the expected package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from migrate.convert.llm.javaapi import java_parser
from migrate.convert.llm.targets import JavaTarget
from migrate.model import JavaSource, SourcePos, Unsupported

_FENCE = re.compile(
    r"^```[ \t]*(?P<lang>[\w+-]*)[ \t]*\n(?P<body>.*?)^```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_FILE_LINE = re.compile(r"^\s*//\s*File:\s*(?P<path>\S+)\s*$", re.IGNORECASE)
# "File: migrated/X.java" or "`migrated/X.java`:" on the line before a fence.
_PATH_BEFORE = re.compile(r"(?P<path>[\w./\\-]+\.java)\W*$")
_UNSUPPORTED = re.compile(
    r"^UNSUPPORTED:\s*(?P<member>\S+?):(?P<line>\d+)\s+(?P<what>.+)$", re.MULTILINE
)
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_TYPE_NODES = (
    "class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
)


class AnswerRejected(ValueError):
    """The answer broke a rule. The message names the rule, for the log and
    for the correction prompt."""


@dataclass(frozen=True)
class ParsedAnswer:
    """The Java files of one answer and the constructs the model reported
    it could not translate."""

    sources: tuple[JavaSource, ...]
    unsupported: tuple[Unsupported, ...]


def parse_answer(text: str, targets: tuple[JavaTarget, ...]) -> ParsedAnswer:
    """Return the files of ``text``, exactly one per target, or raise
    :class:`AnswerRejected`."""
    blocks = [m for m in _FENCE.finditer(text) if m.group("lang").lower() == "java"]
    if not blocks:
        raise AnswerRejected("the answer contains no ```java code block")
    expected = {target.path: target for target in targets}
    found: dict[str, JavaSource] = {}
    for block in blocks:
        path, body = _path_and_body(text, block)
        check_path(path)
        if path not in expected:
            expected_paths = ", ".join(sorted(expected))
            raise AnswerRejected(
                f"the answer writes {path}, which was not requested "
                f"(expected: {expected_paths})"
            )
        if path in found:
            raise AnswerRejected(f"the answer writes {path} twice")
        check_declaration(body, expected[path])
        found[path] = JavaSource(path, body.rstrip() + "\n")
    missing = [path for path in expected if path not in found]
    if missing:
        raise AnswerRejected(f"the answer lacks {', '.join(missing)}")
    return ParsedAnswer(
        sources=tuple(found[target.path] for target in targets),
        unsupported=_unsupported(text, blocks),
    )


def _path_and_body(text: str, block: re.Match[str]) -> tuple[str, str]:
    lines = block.group("body").splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        named = _FILE_LINE.match(lines[first])
        if named:
            return named.group("path"), "\n".join(lines[first + 1 :])
    before = text[: block.start()].rstrip().splitlines()
    named_before = _PATH_BEFORE.search(before[-1]) if before else None
    if named_before:
        return named_before.group("path"), block.group("body")
    raise AnswerRejected(
        "a ```java block names no file: its first line must be // File: <path>"
    )


def check_path(path: str) -> None:
    """Raise :class:`AnswerRejected` unless ``path`` is a relative path of
    Java identifiers inside the output folder, ending in ``.java``."""
    if "\\" in path or path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise AnswerRejected(
            f"invalid file path {path!r}: it must be relative, with / separators"
        )
    parts = PurePosixPath(path).parts
    if ".." in parts or "." in parts:
        raise AnswerRejected(f"invalid file path {path!r}: it leaves the output folder")
    if not path.endswith(".java"):
        raise AnswerRejected(f"invalid file path {path!r}: it must end in .java")
    names = list(parts[:-1]) + [parts[-1][: -len(".java")]]
    bad = [name for name in names if not _IDENTIFIER.match(name)]
    if bad:
        raise AnswerRejected(
            f"invalid file path {path!r}: {bad[0]!r} is not a Java identifier"
        )


def check_declaration(body: str, target: JavaTarget) -> None:
    """Raise :class:`AnswerRejected` unless ``body`` declares the target's
    package and a top-level type named after the file."""
    root = java_parser().parse(body.encode("utf-8")).root_node
    package = ""
    names: list[str] = []
    for child in root.named_children:
        if child.type == "package_declaration":
            package = " ".join(
                (n.text or b"").decode()
                for n in child.named_children
                if n.type != "annotation"
            ).strip()
        elif child.type in _TYPE_NODES:
            name = child.child_by_field_name("name")
            if name is not None and name.text is not None:
                names.append(name.text.decode())
    if package != target.package:
        raise AnswerRejected(
            f"{target.path} declares package {package or '(none)'!r}, "
            f"expected {target.package!r}"
        )
    if target.class_name not in names:
        declared = ", ".join(names) or "no top-level type"
        raise AnswerRejected(
            f"{target.path} declares {declared}, expected class {target.class_name}"
        )


def _unsupported(text: str, blocks: list[re.Match[str]]) -> tuple[Unsupported, ...]:
    outside = text
    for block in reversed(blocks):
        outside = outside[: block.start()] + outside[block.end() :]
    return tuple(
        Unsupported(
            SourcePos(m.group("member"), int(m.group("line"))), m.group("what").strip()
        )
        for m in _UNSUPPORTED.finditer(outside)
    )
