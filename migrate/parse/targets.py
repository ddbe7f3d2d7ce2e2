"""The values a data item can hold, for CALLs and CICS commands that name
their target through a data item.

Three sources are read, each only when a program needs it. The first is
the item's VALUE clause. The second is the literals moved or SET to it, and
the items moved to it, read in turn. The third is the table the item is an
element of, when that table REDEFINES a group of VALUE clauses, which is how
menu programs keep their program names; it is read from the record layout
of :mod:`migrate.parse.data`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from importlib import resources

from tree_sitter import Node, Query, QueryCursor
from tree_sitter_language_pack import get_language

from migrate.parse.data import (
    DataDivision,
    DataItem,
    ItemCategory,
    ItemUsage,
    LiteralKind,
    build_data_division,
)
from migrate.preprocess.tokens import TextScan

logger = logging.getLogger(__name__)

_queries: dict[str, Query] = {}
# A name a CALL can reach: GnuCOBOL program names are at most 31 characters.
_PROGRAM_NAME = re.compile(r"[A-Z0-9#@$][A-Z0-9_#@$-]{0,30}")
_MOVE_LITERAL = re.compile(r"\s+(['\"])([^'\"]*)\1\s+TO\s+([A-Z0-9][A-Z0-9_-]*)")
_SET_ENTRY = re.compile(r"\s+([A-Z0-9][A-Z0-9_-]*)\s+TO\s+ENTRY\s+(['\"])([^'\"]*)\2")


def data_query(name: str) -> Query:
    """Return the query ``grammars/cobol/<name>.scm``, compiled once."""
    query = _queries.get(name)
    if query is None:
        source = resources.files("migrate.grammars").joinpath(f"cobol/{name}.scm")
        query = Query(get_language("cobol"), source.read_text())
        _queries[name] = query
    return query


@dataclass
class DataFacts:
    """Lazily read facts about the data of one program: the
    ``program_definition`` node ``node`` of text ``data``, the program
    ``index`` of a member whose programs start at byte offsets ``starts``."""

    node: Node | None
    data: bytes
    scan: TextScan
    starts: list[int]
    index: int
    _values: dict[str, list[str]] | None = field(default=None, repr=False)
    _entries: set[str] | None = field(default=None, repr=False)
    _moves: dict[str, list[tuple[str, str]]] | None = field(default=None, repr=False)
    _layout: DataDivision | None = field(default=None, repr=False)

    @property
    def span(self) -> tuple[int, int]:
        end = (
            self.starts[self.index + 1]
            if self.index + 1 < len(self.starts)
            else len(self.data)
        )
        return self.starts[self.index], end

    def data_division(self) -> Node | None:
        if self.node is None:
            return None
        return next((c for c in self.node.children if c.type == "data_division"), None)

    def values(self, name: str) -> list[str]:
        """String literals of the VALUE clauses of items named ``name``."""
        if self._values is None:
            self._values = {}
            division = self.data_division()
            if division is not None:
                for _number, match in QueryCursor(data_query("values")).matches(
                    division
                ):
                    item = self._text(match["data.name"][0]).upper()
                    literal = self._text(match["data.value"][0]).strip()[1:-1]
                    self._values.setdefault(item, []).append(literal.strip().upper())
        return self._values.get(name, [])

    def entry_names(self) -> set[str]:
        """Names of every data item of the program."""
        if self._entries is None:
            self._entries = set()
            division = self.data_division()
            if division is not None:
                for _number, match in QueryCursor(data_query("entries")).matches(
                    division
                ):
                    self._entries.add(self._text(match["data.entry"][0]).upper())
        return self._entries

    def moves(self, name: str) -> list[tuple[str, str]]:
        """Return what is moved or SET to ``name``, as ("literal", text) or
        ("item", data name) pairs in text order."""
        if self._moves is None:
            self._moves = self._read_moves()
        return self._moves.get(name, [])

    def layout(self) -> DataDivision:
        if self._layout is None and self.node is None:
            self._layout = DataDivision()
        if self._layout is None and self.node is not None:
            try:
                self._layout = build_data_division(self.node, self.data)
            except ValueError as error:  # a data description data.py rejects
                logger.debug("no layout for a program: %s", error)
                self._layout = DataDivision()
        return self._layout or DataDivision()

    def _text(self, node: Node) -> str:
        return self.data[node.start_byte : node.end_byte].decode("latin-1")

    def _read_moves(self) -> dict[str, list[tuple[str, str]]]:
        moves: dict[str, list[tuple[str, str]]] = {}
        start, end = self.span
        scan = self.scan
        for hit in scan.words("MOVE", "SET"):
            if not start <= hit.offset < end:
                continue
            if hit.word == "SET":
                match = scan.followed_by(hit, _SET_ENTRY)
                if match:
                    moves.setdefault(match.group(1), []).append(
                        ("literal", match.group(3).strip())
                    )
                continue
            for target, move in self._move_at(hit.offset):
                moves.setdefault(target, []).append(move)
        return moves

    def _move_at(self, offset: int) -> list[tuple[str, tuple[str, str]]]:
        node = None
        if self.node is not None:
            node = self.node.descendant_for_byte_range(offset, offset + 4)
        while node is not None and node.type not in ("move_statement", "ERROR"):
            node = node.parent
        if node is None or node.type == "ERROR":
            match = _MOVE_LITERAL.match(self.scan.upper, offset + 4)
            return (
                [(match.group(3), ("literal", match.group(2).strip()))] if match else []
            )
        source = node.child_by_field_name("src")
        if source is None:
            return []
        text = self._text(source).strip()
        if source.type == "string":
            move = ("literal", text[1:-1].strip().upper())
        elif source.type == "qualified_word":
            move = ("item", text.split()[0].upper())
        else:
            return []
        targets = node.children_by_field_name("dst")
        return [(self._text(t).split()[0].upper(), move) for t in targets]


def resolve_dynamic(via: str, facts: DataFacts) -> tuple[tuple[str, ...], str]:
    """Return the program names data item ``via`` can hold and the sources
    that gave them (``value``, ``move``, ``table`` joined by ``+``), or
    ``((), "unresolved")``."""
    found: dict[str, None] = {}
    sources: list[str] = []

    def add(names: list[str], source: str) -> None:
        names = [n for n in names if _PROGRAM_NAME.fullmatch(n)]
        if names:
            found.update(dict.fromkeys(names))
            if source not in sources:
                sources.append(source)

    add(facts.values(via), "value")
    for kind, text in facts.moves(via):
        if kind == "literal":
            add([text.upper()], "move")
        else:
            add(facts.values(text), "move")
            add(table_values(facts.layout(), text), "table")
    add(table_values(facts.layout(), via) if not found else [], "table")
    if not found:
        return (), "unresolved"
    return tuple(found), "+".join(sources)


def table_values(division: DataDivision, name: str) -> list[str]:
    """Return the values that element ``name`` of a table takes when the
    table REDEFINES a group whose items have VALUE clauses, else []."""
    for record in division.records():
        path = _path_to(record, name)
        if path:
            return _table_values(record, path)
    return []


def _path_to(item: DataItem, name: str) -> list[DataItem]:
    if item.name == name:
        return [item]
    for child in item.children:
        path = _path_to(child, name)
        if path:
            return [item, *path]
    return []


def _table_values(record: DataItem, path: list[DataItem]) -> list[str]:
    item = path[-1]
    # NOTE: an element of a table in a table reads only the innermost OCCURS.
    occurs_at = next((i for i in range(len(path) - 1, -1, -1) if path[i].occurs), -1)
    if occurs_at < 0:
        return []
    redefines_at = next((i for i in range(occurs_at, -1, -1) if path[i].redefines), -1)
    if redefines_at < 0:
        return []
    redefining = path[redefines_at]
    siblings = path[redefines_at - 1].children if redefines_at else ()
    base = next((s for s in siblings if s.name == redefining.redefines), None)
    if base is None:
        return []
    image = _value_image(base)
    stride = path[occurs_at].size
    values = []
    for number in range(path[occurs_at].occurs):
        start = item.offset + number * stride - base.offset
        chunk = image[start : start + item.size]
        if len(chunk) < item.size or any(byte is None for byte in chunk):
            continue
        text = "".join(chunk).strip().upper()  # type: ignore[arg-type]
        if text:
            values.append(text)
    return values


def _value_image(base: DataItem) -> list[str | None]:
    """Return the characters of ``base`` that its VALUE clauses set, with
    None where no VALUE clause of DISPLAY text sets a character."""
    image: list[str | None] = [None] * base.size
    for item in base.walk():
        literal = item.value
        if literal is None or item.usage is not ItemUsage.DISPLAY:
            continue
        start = item.offset - base.offset
        size = item.size
        if literal.kind is LiteralKind.STRING:
            text = (literal.text * (size if literal.all else 1))[:size]
            text = text.rjust(size) if item.justified else text.ljust(size)
        elif literal.kind is LiteralKind.FIGURATIVE and literal.text in (
            "SPACE",
            "ZERO",
        ):
            text = (" " if literal.text == "SPACE" else "0") * size
        elif (
            literal.kind is LiteralKind.NUMBER and item.category is ItemCategory.NUMERIC
        ):
            digits = literal.text.lstrip("+")
            if not digits.isdigit() or item.picture is None or item.picture.scale:
                continue
            text = digits.rjust(size, "0")[-size:]
        else:
            continue
        image[start : start + size] = list(text)
    return image
