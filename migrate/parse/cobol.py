"""Parse expanded COBOL with tree-sitter into the dependency model: programs
(nested ones included), their USING parameters, entry points, CALL sites,
file assignments, and what their EXEC blocks use.

The grammar's tree is flat: nested programs are siblings of their parent
and statements are children of the PROCEDURE DIVISION, so nesting comes
from END PROGRAM markers. A full query over the tree costs about two thirds
of the parse (measured on a generated estate of 100,000 lines), so
statements are found by a keyword scan of the text (``str.find``) and read
from the tree node at that offset. Text the grammar could not parse (an
ERROR node) is read by a token scan.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass

from tree_sitter import Node, Parser, Tree
from tree_sitter_language_pack import get_parser

from migrate.model import CallKind, Diagnostic, ExpandedSource, SourcePos
from migrate.parse.embedded import HostVariable, ResourceUse, read_exec_blocks
from migrate.parse.repair import repair_for_grammar
from migrate.parse.sites import CallSite
from migrate.parse.targets import DataFacts, resolve_dynamic
from migrate.preprocess.tokens import Hit, TextScan

_local = threading.local()

_END_PROGRAM = re.compile(
    r"\s+PROGRAM\s+(?:'([^']+)'|\"([^\"]+)\"|([A-Z0-9][A-Z0-9_-]*))"
)
_CALL_TARGET = re.compile(
    r"\s+(?:(['\"])([^'\"]+)\1|([A-Z][A-Z0-9_-]*(?:\s*\([^)]*\))?))"
)
_ENTRY_NAME = re.compile(r"\s+(['\"])([^'\"]+)\1")
_SELECT = re.compile(
    r"\s+(?:OPTIONAL\s+)?([A-Z0-9][A-Z0-9_-]*)\s+ASSIGN\s+(?:TO\s+)?"
    r"(?:EXTERNAL\s+|DYNAMIC\s+|USING\s+)?([A-Z0-9][A-Z0-9_-]*|'[^']*'|\"[^\"]*\")"
)
_PROGRAM_NAME = re.compile(r"\.?\s+(['\"]?)([A-Z0-9][A-Z0-9_-]*)\1")
_COMMON = re.compile(
    r"\.?\s+(?:'[^']*'|\"[^\"]*\"|[A-Z0-9][A-Z0-9_-]*)\s+(?:IS\s+)?COMMON"
)


@dataclass(frozen=True)
class FileAssignment:
    """A SELECT of FILE-CONTROL: the file name and its ASSIGN name."""

    name: str
    assign: str
    pos: SourcePos


@dataclass(frozen=True)
class ProgramModel:
    """The facts of one program that the dependency graph reads."""

    name: str
    member: str
    pos: SourcePos
    using: tuple[str, ...]
    calls: tuple[CallSite, ...]
    files: tuple[FileAssignment, ...]
    entries: tuple[str, ...]
    parent: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    # IS COMMON: programs nested in the same parent may call it.
    common: bool = False
    # Tables, datasets, segments and transactions its EXEC blocks name.
    resources: tuple[ResourceUse, ...] = ()
    host_variables: tuple[HostVariable, ...] = ()


def parser() -> Parser:
    """Return the tree-sitter COBOL parser of this thread."""
    cached = getattr(_local, "parser", None)
    if cached is None:
        cached = get_parser("cobol")
        _local.parser = cached
    return cached


def parse_tree(text: str) -> Tree:
    """Parse expanded fixed-format text with the bundled COBOL grammar."""
    return parser().parse(text.encode("latin-1", errors="replace"))


@dataclass
class _Member:
    """One expanded member while its programs are read."""

    source: ExpandedSource
    scan: TextScan
    data: bytes
    tree: Tree
    starts: list[int]  # byte offset where each program starts

    def program_at(self, offset: int) -> int:
        """Return the index of the program whose text contains ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def pos(self, offset: int) -> SourcePos:
        line, _column = self.scan.locate(offset, 17)
        return self.source.pos(line + 1)


@dataclass(frozen=True)
class _Anchor:
    """The start of one program, and its program_definition node, or None
    when the grammar lost it in an ERROR node and only the text shows it."""

    start: int
    name: str
    node: Node | None


def parse_programs(source: ExpandedSource) -> list[ProgramModel]:
    """Read every program of one expanded member, nested ones included."""
    scan = TextScan.of_text(source.text)
    text = repair_for_grammar(source.text, scan)
    data = text.encode("latin-1", errors="replace")
    tree = parser().parse(data)
    anchors = _anchors(tree, scan, data)
    if not anchors:
        return []
    member = _Member(source, scan, data, tree, [anchor.start for anchor in anchors])
    names = [anchor.name for anchor in anchors]
    parents = _parents(names, member)
    per_program = _collect(member, len(anchors))
    per_program[0].diagnostics[:0] = list(source.warnings)
    ending = _unfinished(source)
    if ending is not None:
        per_program[-1].diagnostics.append(ending)
    programs = []
    for index, anchor in enumerate(anchors):
        found = per_program[index]
        facts = DataFacts(anchor.node, data, member.scan, member.starts, index)
        calls = [_resolved(site, facts) for site in found.calls]
        resources, host_variables, exec_calls, exec_problems = read_exec_blocks(
            source, found.blocks, facts
        )
        programs.append(
            ProgramModel(
                name=names[index],
                member=source.member,
                pos=member.pos(anchor.start),
                using=_using(anchor.node, data) if anchor.node is not None else (),
                calls=tuple(calls + exec_calls),
                files=tuple(found.files),
                entries=tuple(found.entries),
                parent=names[parents[index]] if parents[index] >= 0 else "",
                diagnostics=tuple(found.diagnostics + exec_problems),
                common=bool(_COMMON.match(member.scan.upper, found.program_id_end)),
                resources=tuple(resources),
                host_variables=tuple(host_variables),
            )
        )
    return programs


def _anchors(tree: Tree, scan: TextScan, data: bytes) -> list[_Anchor]:
    """Return one anchor per PROGRAM-ID paragraph of the text, with the
    program node that contains it when the grammar read it."""
    nodes = [c for c in tree.root_node.children if c.type == "program_definition"]
    starts = [node.start_byte for node in nodes]
    used: set[int] = set()
    anchors = []
    for hit in scan.words("PROGRAM-ID"):
        index = bisect.bisect_right(starts, hit.offset) - 1
        if index >= 0 and index not in used and hit.offset < nodes[index].end_byte:
            used.add(index)
            node = nodes[index]
            name = _program_name(node, data)
            anchors.append(_Anchor(node.start_byte, name, node))
            continue
        match = scan.followed_by(hit, _PROGRAM_NAME)
        if match is not None:
            line, _column = scan.locate(hit.offset)
            anchors.append(_Anchor(scan.line_start(line), match.group(2), None))
    return anchors


@dataclass
class _Found:
    """The statements the scans found in one program's text."""

    calls: list[CallSite]
    files: list[FileAssignment]
    entries: list[str]
    diagnostics: list[Diagnostic]
    blocks: list[int]  # indexes into ExpandedSource.exec_blocks
    program_id_end: int = 0


def _collect(member: _Member, count: int) -> list[_Found]:
    found = [_Found([], [], [], [], []) for _ in range(count)]
    scan = member.scan
    for hit in scan.words("CALL", "ENTRY", "SELECT", "PROGRAM-ID"):
        mine = found[member.program_at(hit.offset)]
        if hit.word == "CALL":
            site = _call_site(hit, member)
            if site is not None:
                mine.calls.append(site)
        elif hit.word == "ENTRY":
            match = scan.followed_by(hit, _ENTRY_NAME)
            # SET pointer TO ENTRY 'X' names an entry of another program.
            before = scan.upper[max(0, hit.offset - 8) : hit.offset].split()
            if match and before[-1:] != ["TO"]:
                mine.entries.append(match.group(2).strip().upper())
        elif hit.word == "SELECT":
            _file_assignment(hit, member, mine)
        elif not mine.program_id_end:
            mine.program_id_end = hit.offset + len(hit.word)
    for error in _error_nodes(member.tree.root_node):
        index = member.program_at(error.start_byte)
        found[index].diagnostics.append(_error_diagnostic(error, member))
    for number, line in enumerate(member.source.exec_lines):
        offset = scan.line_start(line - 1)
        found[member.program_at(offset)].blocks.append(number)
    return found


def _call_site(hit: Hit, member: _Member) -> CallSite | None:
    """Read the CALL at ``hit`` from its call_statement node, or from the
    text when the grammar could not parse it."""
    node = member.tree.root_node.descendant_for_byte_range(
        hit.offset, hit.offset + len(hit.word)
    )
    pos = member.pos(hit.offset)
    statement = node
    while statement is not None and statement.type not in ("call_statement", "ERROR"):
        statement = statement.parent
    if statement is not None and statement.type == "call_statement":
        target = statement.child_by_field_name("x")
        if target is None:
            return None
        text = member.data[target.start_byte : target.end_byte].decode("latin-1")
        if target.type == "string":
            return CallSite(CallKind.STATIC, (_unquote(text),), pos)
        return CallSite(CallKind.UNRESOLVED, (), pos, _data_name(text), "unresolved")
    if statement is None:
        return None  # the word CALL in a comment entry, not a statement
    match = member.scan.followed_by(hit, _CALL_TARGET)
    if match is None:
        return None
    if match.group(2):
        return CallSite(CallKind.STATIC, (match.group(2).strip(),), pos)
    via = _data_name(match.group(3))
    if via in ("USING", "END-CALL"):
        return None
    return CallSite(CallKind.UNRESOLVED, (), pos, via, "unresolved")


def _resolved(site: CallSite, facts: DataFacts) -> CallSite:
    if site.kind is CallKind.STATIC:
        return site
    targets, resolution = resolve_dynamic(site.via, facts)
    kind = CallKind.DYNAMIC if targets else CallKind.UNRESOLVED
    return CallSite(kind, targets, site.pos, site.via, resolution, site.command)


def _unquote(text: str) -> str:
    return text.strip()[1:-1].strip().upper()


def _data_name(text: str) -> str:
    """Return the data name of an identifier, without subscripts or
    qualifiers."""
    return text.split("(")[0].split()[0].upper() if text.strip() else ""


def _program_name(node: Node, data: bytes) -> str:
    for child in node.children:
        if child.type == "identification_division":
            for item in child.children:
                if item.type == "program_name":
                    text = data[item.start_byte : item.end_byte].decode("latin-1")
                    return text.strip().strip("'\"").upper()
    return "UNNAMED"


def _parents(names: list[str], member: _Member) -> list[int]:
    """Index of each program's parent, or -1: a program that starts before
    the END PROGRAM of an open program is nested in it."""
    ends: list[tuple[int, str]] = []
    scan = member.scan
    for hit in scan.words("END"):
        match = scan.followed_by(hit, _END_PROGRAM)
        if match:
            name = next(group for group in match.groups() if group)
            ends.append((hit.offset, name.upper()))
    parents = [-1] * len(names)
    open_programs: list[int] = []
    events = sorted(
        [(start, "", index) for index, start in enumerate(member.starts)]
        + [(offset, name, -1) for offset, name in ends]
    )
    for _offset, ended, index in events:
        if not ended:
            parents[index] = open_programs[-1] if open_programs else -1
            open_programs.append(index)
            continue
        while open_programs:
            if names[open_programs.pop()] == ended:
                break
    return parents


def _using(node: Node, data: bytes) -> tuple[str, ...]:
    """Return the data names of PROCEDURE DIVISION USING, without BY
    phrases."""
    division = next((c for c in node.children if c.type == "procedure_division"), None)
    if division is None:
        return ()
    chaining = division.named_child(0) if division.named_child_count else None
    if chaining is None or chaining.type != "procedure_using_chaining":
        return ()
    names = []
    for param in chaining.named_children:
        if param.type == "procedure_param":
            words = data[param.start_byte : param.end_byte].decode("latin-1").split()
            if words:
                names.append(words[-1].upper())
    return tuple(names)


def _file_assignment(hit: Hit, member: _Member, found: _Found) -> None:
    match = member.scan.followed_by(hit, _SELECT)
    if match is None:
        return
    assign = match.group(2).strip("'\"")
    found.files.append(FileAssignment(match.group(1), assign, member.pos(hit.offset)))


def _unfinished(source: ExpandedSource) -> Diagnostic | None:
    """Return a warning when the text does not end with a period, because a
    member cut in the middle of a statement can still parse."""
    text = source.text.rstrip()
    if not text or text.endswith("."):
        return None
    line = text.count("\n") + 1
    return Diagnostic(
        source.pos(line),
        "the member ends without a period after its last statement; it may be "
        "cut short",
    )


def _error_nodes(root: Node) -> list[Node]:
    """ERROR and MISSING nodes, found by descending only into subtrees that
    hold an error."""
    if not root.has_error:
        return []
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(node)
            continue
        stack.extend(child for child in reversed(node.children) if child.has_error)
    return found


def _error_diagnostic(node: Node, member: _Member) -> Diagnostic:
    first = member.source.pos(node.start_point[0] + 1)
    if node.is_missing:
        return Diagnostic(
            first,
            f"the COBOL grammar expected {node.type!r} here; the statement "
            "may be cut short",
        )
    last = member.source.pos(node.end_point[0] + 1)
    until = f" up to {last}" if last != first else ""
    return Diagnostic(
        first,
        f"the COBOL grammar could not parse the text{until}; CALLs there were "
        "found by a token scan",
    )


__all__ = [
    "CallSite",
    "FileAssignment",
    "ProgramModel",
    "parse_programs",
    "parse_tree",
    "parser",
]
