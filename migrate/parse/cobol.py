"""Parse expanded COBOL with tree-sitter into the dependency model: programs,
their USING parameters, entry points, CALL sites and file assignments."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from tree_sitter import Node, Parser, Query, QueryCursor, Tree
from tree_sitter_language_pack import get_language, get_parser

from migrate.model import CallKind, Diagnostic, ExpandedSource, SourcePos

_local = threading.local()
_query: Query | None = None
_query_lock = threading.Lock()

_SELECT = re.compile(
    r"\bSELECT\s+(?:OPTIONAL\s+)?([A-Z0-9][A-Z0-9_-]*)\s+ASSIGN\s+(?:TO\s+)?"
    r"(?:EXTERNAL\s+|DYNAMIC\s+)?([A-Z0-9][A-Z0-9_-]*|'[^']*'|\"[^\"]*\")",
    re.IGNORECASE,
)
_ENTRY = re.compile(r"\bENTRY\s+(['\"])([^'\"]+)\1", re.IGNORECASE)
_CALL_TEXT = re.compile(
    r"\bCALL\s+(?:(['\"])([^'\"]+)\1|([A-Z][A-Z0-9_-]*))", re.IGNORECASE
)


@dataclass(frozen=True)
class CallSite:
    """One CALL statement and the program names it may reach.

    ``targets`` is one name for a static CALL, the names a data item can
    hold for a dynamic one, and empty when they could not be found.
    ``resolution`` says how: ``literal``, ``value`` (the item's VALUE
    clause), ``move`` (literals moved to the item), or ``unresolved``.
    """

    kind: CallKind
    targets: tuple[str, ...]
    pos: SourcePos
    via: str = ""
    resolution: str = "literal"


@dataclass(frozen=True)
class FileAssignment:
    """A SELECT of FILE-CONTROL: the file name and its ASSIGN name."""

    name: str
    assign: str
    pos: SourcePos


@dataclass(frozen=True)
class ProgramModel:
    """What the dependency graph needs to know of one program."""

    name: str
    member: str
    pos: SourcePos
    using: tuple[str, ...]
    calls: tuple[CallSite, ...]
    files: tuple[FileAssignment, ...]
    entries: tuple[str, ...]
    parent: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()


def parser() -> Parser:
    """A tree-sitter COBOL parser for this thread."""
    cached = getattr(_local, "parser", None)
    if cached is None:
        cached = get_parser("cobol")
        _local.parser = cached
    return cached


def parse_tree(text: str) -> Tree:
    """Parse expanded fixed-format text with the bundled COBOL grammar."""
    return parser().parse(text.encode("latin-1", errors="replace"))


def dependency_query() -> Query:
    global _query
    with _query_lock:
        if _query is None:
            source = resources.files("migrate.grammars").joinpath(
                "cobol/dependencies.scm"
            )
            _query = Query(get_language("cobol"), source.read_text())
        return _query


def parse_programs(source: ExpandedSource, tree: Tree | None = None) -> list[ProgramModel]:
    """Read every program of one expanded member, nested ones included."""
    tree = tree or parse_tree(source.text)
    data = source.text.encode("latin-1", errors="replace")
    collected = _collect(tree, data)
    programs = []
    for node in collected.programs:
        programs.append(_program(node, collected, source, data))
    return programs


@dataclass
class _Collected:
    programs: list[Node]
    captures: list[tuple[str, Node, Node | None]]  # name, node, partner


def _collect(tree: Tree, data: bytes) -> _Collected:
    collected = _Collected([], [])
    for _index, match in QueryCursor(dependency_query()).matches(tree.root_node):
        if "program" in match:
            collected.programs.extend(match["program"])
        elif "move.value" in match:
            collected.captures.append(
                ("move", match["move.target"][0], match["move.value"][0])
            )
        elif "data.value" in match:
            collected.captures.append(
                ("data", match["data.name"][0], match["data.value"][0])
            )
        else:
            for name, nodes in match.items():
                collected.captures.extend((name, node, None) for node in nodes)
    collected.programs.sort(key=lambda node: node.start_byte)
    return collected


def _owner(start: int, end: int, programs: list[Node]) -> Node | None:
    """The innermost program whose text holds bytes ``start:end``, else the
    last program that starts before them (text the grammar left outside)."""
    holding = [p for p in programs if p.start_byte <= start and end <= p.end_byte]
    if holding:
        return max(holding, key=lambda p: p.start_byte)
    before = [p for p in programs if p.start_byte <= start]
    return before[-1] if before else (programs[0] if programs else None)


def _text(node: Node, data: bytes) -> str:
    return data[node.start_byte : node.end_byte].decode("latin-1")


def _first_word(node: Node, data: bytes) -> str:
    return _text(node, data).split("(")[0].split()[0].upper()


def _literal(node: Node, data: bytes) -> str:
    return _text(node, data).strip()[1:-1].strip().upper()


def _program(
    node: Node, collected: _Collected, source: ExpandedSource, data: bytes
) -> ProgramModel:
    programs = collected.programs
    mine = [
        c
        for c in collected.captures
        if _owner(c[1].start_byte, c[1].end_byte, programs) is node
    ]
    name = _program_name(node, data)
    values: dict[str, list[str]] = {}
    moves: dict[str, list[str]] = {}
    using: list[str] = []
    calls: list[CallSite] = []
    diagnostics: list[Diagnostic] = []
    for kind, capture, partner in mine:
        if kind == "data" and partner is not None:
            values.setdefault(_first_word(capture, data), []).append(
                _literal(partner, data)
            )
        elif kind == "move" and partner is not None:
            moves.setdefault(_first_word(capture, data), []).append(
                _literal(partner, data)
            )
        elif kind == "using":
            using.append(_text(capture, data).strip().upper())
    for kind, capture, _partner in mine:
        line = capture.start_point[0] + 1
        if kind == "call":
            calls.append(_call_site(capture, data, source.pos(line), values, moves))
        elif kind == "error":
            calls.extend(_calls_in_error(capture, data, source, values, moves))
            diagnostics.append(_error_diagnostic(capture, source))
    def owned(match: re.Match[str]) -> bool:
        return _owner(match.start(), match.end(), programs) is node

    text = data.decode("latin-1")
    return ProgramModel(
        name=name,
        member=source.member,
        pos=source.pos(node.start_point[0] + 1),
        using=tuple(using),
        calls=tuple(calls),
        files=_files(text, source, owned),
        entries=tuple(
            m.group(2).upper() for m in _ENTRY.finditer(text) if owned(m)
        ),
        parent=_parent_name(node, programs, data),
        diagnostics=tuple(diagnostics),
    )


def _program_name(node: Node, data: bytes) -> str:
    for child in node.children:
        if child.type == "identification_division":
            for item in child.children:
                if item.type == "program_name":
                    return _text(item, data).strip().strip("'\"").upper()
    return "UNNAMED"


def _parent_name(node: Node, programs: list[Node], data: bytes) -> str:
    outer = [
        p
        for p in programs
        if p is not node and p.start_byte <= node.start_byte
        and node.end_byte <= p.end_byte
    ]
    if not outer:
        return ""
    return _program_name(max(outer, key=lambda p: p.start_byte), data)


def _call_site(
    node: Node,
    data: bytes,
    pos: SourcePos,
    values: dict[str, list[str]],
    moves: dict[str, list[str]],
) -> CallSite:
    target = node.child_by_field_name("x")
    if target is not None and target.type == "string":
        return CallSite(CallKind.STATIC, (_literal(target, data),), pos)
    via = _first_word(target, data) if target is not None else ""
    return resolve_dynamic(via, pos, values, moves)


def resolve_dynamic(
    via: str, pos: SourcePos, values: dict[str, list[str]], moves: dict[str, list[str]]
) -> CallSite:
    """Resolve a CALL through a data name to the literals it can hold."""
    moved = tuple(dict.fromkeys(moves.get(via, ())))
    initial = tuple(dict.fromkeys(v for v in values.get(via, ()) if v))
    targets = tuple(dict.fromkeys(initial + moved))
    if not targets:
        return CallSite(CallKind.UNRESOLVED, (), pos, via, "unresolved")
    resolution = "value+move" if initial and moved else ("move" if moved else "value")
    return CallSite(CallKind.DYNAMIC, targets, pos, via, resolution)


def _calls_in_error(
    node: Node,
    data: bytes,
    source: ExpandedSource,
    values: dict[str, list[str]],
    moves: dict[str, list[str]],
) -> list[CallSite]:
    """Find CALLs by a token scan inside text the grammar could not parse."""
    text = _text(node, data)
    first_line = node.start_point[0] + 1
    sites = []
    for match in _CALL_TEXT.finditer(text):
        pos = source.pos(first_line + text.count("\n", 0, match.start()))
        if match.group(2):
            sites.append(CallSite(CallKind.STATIC, (match.group(2).upper(),), pos))
        else:
            sites.append(resolve_dynamic(match.group(3).upper(), pos, values, moves))
    return sites


def _error_diagnostic(node: Node, source: ExpandedSource) -> Diagnostic:
    first = source.pos(node.start_point[0] + 1)
    last = node.end_point[0] + 1
    return Diagnostic(
        first,
        f"the COBOL grammar could not parse the text up to expanded line {last}; "
        "CALLs there were found by a token scan",
    )


def _files(
    text: str, source: ExpandedSource, owned: Callable[[re.Match[str]], bool]
) -> tuple[FileAssignment, ...]:
    files = []
    for match in _SELECT.finditer(text):
        if not owned(match):
            continue
        line = 1 + text.count("\n", 0, match.start())
        assign = match.group(2).strip("'\"")
        files.append(FileAssignment(match.group(1).upper(), assign.upper(), source.pos(line)))
    return tuple(files)
