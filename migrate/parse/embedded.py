"""Read the EXEC blocks that preprocessing lifted out of a program.

* ``EXEC SQL``: the tables a statement reads (SELECT, a cursor's
  declaration, FETCH, the FROM and JOIN of any subquery) or writes (INSERT,
  UPDATE, DELETE, MERGE), and its host variables (``:WS-X``), resolved to
  the program's data items.
* ``EXEC CICS``: LINK and XCTL reach programs; RETURN TRANSID and START
  TRANSID start transactions; READ, READNEXT, READPREV, STARTBR, WRITE,
  REWRITE and DELETE use files.
* ``EXEC DLI``: the segments a call reads (GU, GN, GNP and their hold forms)
  or writes (ISRT, REPL, DLET).

A target given by a data item (``PROGRAM(WS-PGM)``) is resolved like the
target of a dynamic CALL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from migrate.model import (
    CallKind,
    Diagnostic,
    EdgeKind,
    ExpandedSource,
    NodeKind,
    SourcePos,
)
from migrate.parse.sites import CallSite
from migrate.parse.targets import DataFacts, resolve_dynamic

_TOKEN = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\""
    r"|:[A-Z0-9_#@$-]+(?:\.[A-Z0-9_#@$-]+)*"
    r"|[A-Z0-9_#@$][A-Z0-9_#@$.-]*"
    r"|\S"
)
_SQL_WRITES = {"INSERT": "INTO", "UPDATE": "", "DELETE": "FROM", "MERGE": "INTO"}
# Words after which a FROM list of table references ends.
_SQL_STOP = frozenset(
    [
        "WHERE",
        "GROUP",
        "ORDER",
        "HAVING",
        "UNION",
        "EXCEPT",
        "INTERSECT",
        "FETCH",
        "FOR",
        "WITH",
        "INNER",
        "LEFT",
        "RIGHT",
        "FULL",
        "OUTER",
        "CROSS",
        "JOIN",
        "ON",
        "USING",
        "SET",
        "VALUES",
        "SELECT",
        "WHEN",
        "OPTIMIZE",
        "QUERYNO",
        "SKIP",
        "LIMIT",
        "OFFSET",
        "INTO",
        "END-EXEC",
        "AS",
    ]
)
_CICS_READS = frozenset(["READ", "READNEXT", "READPREV", "STARTBR", "RESETBR"])
_CICS_WRITES = frozenset(["WRITE", "REWRITE", "DELETE"])
_DLI_READS = frozenset(["GU", "GHU", "GN", "GHN", "GNP", "GHNP"])
_DLI_WRITES = frozenset(["ISRT", "REPL", "DLET"])


@dataclass(frozen=True)
class ResourceUse:
    """A table, dataset, segment or transaction that a program uses.

    ``names`` has one name, or the names a data item can hold (see
    ``resolution``, as for :class:`migrate.parse.cobol.CallSite`); ``access``
    is READS, WRITES or STARTS; ``interface`` is ``sql``, ``cics`` or
    ``dli``, and ``verb`` the statement or command.
    """

    kind: NodeKind
    names: tuple[str, ...]
    access: EdgeKind
    pos: SourcePos
    interface: str
    verb: str
    via: str = ""
    resolution: str = "literal"


@dataclass(frozen=True)
class HostVariable:
    """A host variable of embedded SQL and the data item it names; ``item``
    is empty when the program has no such item."""

    name: str
    item: str
    pos: SourcePos


@dataclass(frozen=True)
class _Token:
    text: str
    line: int  # line of the block, 0 for its first


@dataclass
class _Block:
    tokens: list[_Token]
    source: ExpandedSource
    first_line: int  # 1-based line of the expanded text

    def pos(self, token: _Token) -> SourcePos:
        return self.source.pos(self.first_line + token.line)


# What read_exec_blocks returns: resources, host variables, CALL sites
# (LINK, XCTL) and diagnostics.
ExecFacts = tuple[
    list[ResourceUse], list[HostVariable], list[CallSite], list[Diagnostic]
]


def read_exec_blocks(
    source: ExpandedSource, indexes: list[int], facts: DataFacts
) -> ExecFacts:
    """Read the blocks ``source.exec_blocks[i]`` for ``i`` in ``indexes``, all
    of one program."""
    blocks = [_block(source, index) for index in indexes]
    cursors = _cursor_tables(blocks)
    resources: list[ResourceUse] = []
    hosts: list[HostVariable] = []
    calls: list[CallSite] = []
    problems: list[Diagnostic] = []
    for block in blocks:
        words = [token.text for token in block.tokens]
        kind = words[1] if len(words) > 1 else ""
        if kind == "SQL":
            resources.extend(_sql(block, cursors))
            hosts.extend(_host_variables(block, facts, problems))
        elif kind == "CICS":
            calls.extend(_cics_calls(block, facts))
            resources.extend(_cics_resources(block, facts))
        elif kind == "DLI":
            resources.extend(_dli(block, facts))
    return resources, hosts, calls, problems


def _block(source: ExpandedSource, index: int) -> _Block:
    text = source.exec_blocks[index][1].upper()
    tokens: list[_Token] = []
    for number, line in enumerate(text.split("\n")):
        tokens.extend(_Token(match.group(), number) for match in _TOKEN.finditer(line))
    first = source.exec_lines[index] if index < len(source.exec_lines) else 1
    return _Block(tokens, source, first)


def _cursor_tables(blocks: list[_Block]) -> dict[str, tuple[str, ...]]:
    """Tables of each ``DECLARE cursor CURSOR FOR SELECT``, by cursor."""
    cursors = {}
    for block in blocks:
        words = [token.text for token in block.tokens]
        if words[1:3] == ["SQL", "DECLARE"] and "CURSOR" in words[4:6]:
            cursors[words[3]] = tuple(
                name for _token, name in _from_tables(block.tokens)
            )
    return cursors


def _sql(block: _Block, cursors: dict[str, tuple[str, ...]]) -> list[ResourceUse]:
    tokens = block.tokens
    verb = tokens[2].text if len(tokens) > 2 else ""
    uses: list[ResourceUse] = []

    def use(token: _Token, name: str, access: EdgeKind, verb: str) -> None:
        uses.append(
            ResourceUse(NodeKind.TABLE, (name,), access, block.pos(token), "sql", verb)
        )

    if verb == "DECLARE" and len(tokens) > 4 and tokens[4].text == "TABLE":
        return []  # a DCLGEN table declaration
    if verb == "FETCH":
        cursor = next(
            (
                t.text
                for t in tokens[3:]
                if t.text not in ("NEXT", "PRIOR", "FIRST", "LAST", "FROM")
            ),
            "",
        )
        for name in cursors.get(cursor, ()):
            use(tokens[2], name, EdgeKind.READS, "FETCH")
        return uses
    written = _written_table(tokens, verb)
    if written is not None:
        use(written[0], written[1], EdgeKind.WRITES, verb)
    for token, name in _from_tables(tokens):
        if written is None or token is not written[0]:
            use(token, name, EdgeKind.READS, verb)
    return uses


def _written_table(tokens: list[_Token], verb: str) -> tuple[_Token, str] | None:
    if verb not in _SQL_WRITES:
        return None
    index = 3
    keyword = _SQL_WRITES[verb]
    if keyword and index < len(tokens) and tokens[index].text == keyword:
        index += 1
    if index < len(tokens) and _is_name(tokens[index].text):
        return tokens[index], tokens[index].text
    return None


def _from_tables(tokens: list[_Token]) -> list[tuple[_Token, str]]:
    """Table names after every FROM and JOIN, with the token that names them."""
    found = []
    for index, token in enumerate(tokens):
        if token.text not in ("FROM", "JOIN"):
            continue
        cursor = index + 1
        while cursor < len(tokens) and _is_name(tokens[cursor].text):
            found.append((tokens[cursor], tokens[cursor].text))
            cursor += 1
            if cursor < len(tokens) and tokens[cursor].text == "AS":
                cursor += 1
            if cursor < len(tokens) and _is_name(tokens[cursor].text):
                cursor += 1  # a correlation name
            if (
                token.text == "JOIN"
                or cursor >= len(tokens)
                or tokens[cursor].text != ","
            ):
                break
            cursor += 1
    return found


def _is_name(word: str) -> bool:
    return (
        bool(word) and (word[0].isalpha() or word[0] in "#@$") and word not in _SQL_STOP
    )


def _host_variables(
    block: _Block, facts: DataFacts, problems: list[Diagnostic]
) -> list[HostVariable]:
    variables = []
    names = None
    for token in block.tokens:
        if not token.text.startswith(":") or len(token.text) < 2:
            continue
        names = names if names is not None else facts.entry_names()
        written = token.text[1:]
        # :GROUP.ITEM qualifies ITEM by its group.
        item = written.split(".")[-1]
        pos = block.pos(token)
        if item not in names:
            problems.append(
                Diagnostic(
                    pos, f"host variable :{written} is not a data item of the program"
                )
            )
            item = ""
        variables.append(HostVariable(written, item, pos))
    return variables


def _options(tokens: list[_Token]) -> list[tuple[str, str, _Token]]:
    """CICS or DLI options as (option, argument text, option token); an
    option without an argument has an empty one."""
    options = []
    index = 2
    while index < len(tokens):
        token = tokens[index]
        if index + 1 < len(tokens) and tokens[index + 1].text == "(":
            depth, end = 0, index + 1
            while end < len(tokens):
                depth += {"(": 1, ")": -1}.get(tokens[end].text, 0)
                if depth == 0:
                    break
                end += 1
            argument = " ".join(t.text for t in tokens[index + 2 : end])
            options.append((token.text, argument, token))
            index = end + 1
        else:
            options.append((token.text, "", token))
            index += 1
    return options


def _target(argument: str, facts: DataFacts) -> tuple[tuple[str, ...], str, str]:
    """The names an option argument gives: (names, via, resolution)."""
    argument = argument.strip()
    if argument[:1] in ("'", '"'):
        return (argument[1:-1].strip(),), "", "literal"
    via = (
        argument.strip("() ").split("(")[0].split()[0] if argument.strip("() ") else ""
    )
    if not via:
        return (), "", "unresolved"
    names, resolution = resolve_dynamic(via, facts)
    return names, via, resolution


def _cics_calls(block: _Block, facts: DataFacts) -> list[CallSite]:
    options = _options(block.tokens)
    command = options[0][0] if options else ""
    if command not in ("LINK", "XCTL"):
        return []
    sites = []
    for option, argument, token in options:
        if option == "PROGRAM":
            names, via, resolution = _target(argument, facts)
            if via and names:
                kind = CallKind.DYNAMIC
            elif via:
                kind = CallKind.UNRESOLVED
            else:
                kind = CallKind.STATIC
            sites.append(
                CallSite(kind, names, block.pos(token), via, resolution, command)
            )
    return sites


def _cics_resources(block: _Block, facts: DataFacts) -> list[ResourceUse]:
    options = _options(block.tokens)
    command = options[0][0] if options else ""
    uses = []
    for option, argument, token in options[1:]:
        if option == "TRANSID" and command in ("RETURN", "START"):
            kind, access = NodeKind.TRANSACTION, EdgeKind.STARTS
        elif option in ("FILE", "DATASET") and command in _CICS_READS | _CICS_WRITES:
            kind = NodeKind.DATASET
            access = EdgeKind.READS if command in _CICS_READS else EdgeKind.WRITES
        else:
            continue
        names, via, resolution = _target(argument, facts)
        uses.append(
            ResourceUse(
                kind, names, access, block.pos(token), "cics", command, via, resolution
            )
        )
    return uses


def _dli(block: _Block, facts: DataFacts) -> list[ResourceUse]:
    options = _options(block.tokens)
    function = options[0][0] if options else ""
    if function not in _DLI_READS | _DLI_WRITES:
        return []
    access = EdgeKind.READS if function in _DLI_READS else EdgeKind.WRITES
    uses = []
    for option, argument, token in options[1:]:
        if option != "SEGMENT" or not argument:
            continue
        # SEGMENT(NAME) names the segment; SEGMENT((ITEM)) holds it in an item.
        if argument.startswith("("):
            names, via, resolution = _target(argument, facts)
        else:
            names, via, resolution = (argument.split()[0],), "", "literal"
        uses.append(
            ResourceUse(
                NodeKind.SEGMENT,
                names,
                access,
                block.pos(token),
                "dli",
                function,
                via,
                resolution,
            )
        )
    return uses
