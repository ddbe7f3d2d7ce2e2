"""Read one preprocessed program into the model the code generator uses:
PROGRAM-ID, FILE-CONTROL entries, the data division and the procedure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tree_sitter import Node, Parser
from tree_sitter_language_pack import get_parser

from migrate.convert.rules.lexer import LexError, Token, TokenKind, tokenize
from migrate.convert.rules.nodes import Procedure
from migrate.convert.rules.procedure import parse_procedure
from migrate.convert.rules.stream import ParseError, TokenStream
from migrate.parse.data import DataDivision, build_data_division


@dataclass(frozen=True)
class FileControl:
    """A SELECT entry. ``assign`` is the ASSIGN name or literal;
    ``assign_item`` is set when ASSIGN names a data item."""

    name: str
    assign: str
    line: int
    line_sequential: bool = False
    status: str = ""
    assign_item: bool = False


@dataclass(frozen=True)
class ProgramModel:
    """Everything the code generator needs from one program."""

    program_id: str
    files: tuple[FileControl, ...]
    data: DataDivision
    procedure: Procedure
    # Constructs found while reading, as (line, construct).
    problems: tuple[tuple[int, str], ...]
    # PROGRAM-ID ... IS INITIAL: WORKING-STORAGE starts afresh at each CALL.
    initial: bool = False


@lru_cache(maxsize=1)
def cobol_parser() -> Parser:
    """Return the tree-sitter COBOL parser."""
    return get_parser("cobol")


def read_program(text: str, literals: tuple[tuple[str, str], ...] = ()) -> ProgramModel:
    """Read preprocessed program text; ``literals`` are the (placeholder,
    original) pairs of long literals that preprocessing replaced.

    Raises :class:`ParseError` with a line number for text that cannot be
    read.
    """
    header_end = _procedure_start(text)
    # The grammar reads the divisions before PROCEDURE well, but its flat and
    # sometimes failing procedure CST is not used, so it parses a stub.
    head = text[:header_end] + "       PROCEDURE DIVISION.\n"
    source = head.encode("latin-1", errors="replace")
    tree = cobol_parser().parse(source)
    programs = [
        node for node in tree.root_node.children if node.type == "program_definition"
    ]
    if not programs:
        raise ParseError(
            "no program found: expected IDENTIFICATION DIVISION and PROGRAM-ID", 1
        )
    program = programs[0]
    problems = [
        (node.start_point[0] + 1, "second program in one source")
        for node in programs[1:]
    ]
    originals = dict(literals)
    data = build_data_division(program, source, originals)
    problems.extend((p.line, p.construct) for p in data.problems)
    condition_names = {
        cond.name
        for record in data.records()
        for item in record.walk()
        for cond in item.conditions
    }
    full_text = _restore_literals(text, originals)
    procedure = _read_procedure(full_text, condition_names)
    files, file_problems = _read_file_control(full_text, data)
    problems.extend(file_problems)
    problems.extend(_special_names(head))
    initial = bool(_INITIAL.search(head))
    return ProgramModel(
        _program_id(program, source), files, data, procedure, tuple(problems), initial
    )


_INITIAL = re.compile(r"PROGRAM-ID\.?\s+\S+?\s+(?:IS\s+)?INITIAL\b", re.I)
# SPECIAL-NAMES clauses that change how literals, pictures or data read.
_SPECIAL = re.compile(r"\b(DECIMAL-POINT|CURRENCY|SYMBOLIC|ALPHABET|CLASS)\b", re.I)


def _special_names(head: str) -> list[tuple[int, str]]:
    """Report SPECIAL-NAMES clauses that the translation does not honour."""
    start = re.search(r"^\s*SPECIAL-NAMES\s*\.", head, re.I | re.M)
    if start is None:
        return []
    end = re.search(
        r"^\s*(?:INPUT-OUTPUT|DATA|PROCEDURE)\b", head[start.end() :], re.I | re.M
    )
    body = head[start.end() : start.end() + end.start()] if end else head[start.end() :]
    found = []
    for match in _SPECIAL.finditer(body):
        line = head.count("\n", 0, start.end() + match.start()) + 1
        found.append((line, f"SPECIAL-NAMES {match.group(1).upper()} clause"))
    return found


def _restore_literals(text: str, originals: dict[str, str]) -> str:
    """Put long literals back; only our own lexer reads the result, which
    has no column limit."""
    for placeholder, original in originals.items():
        text = text.replace(placeholder, original)
    return text


def _program_id(program: Node, source: bytes) -> str:
    for child in program.children:
        if child.type == "identification_division":
            for node in child.children:
                if node.type == "program_name":
                    name = source[node.start_byte : node.end_byte].decode("latin-1")
                    return name.strip("'\"").upper()
    match = re.search(rb"PROGRAM-ID\.?\s+['\"]?([A-Za-z0-9_-]+)", source, re.I)
    if match is None:
        raise ParseError("missing PROGRAM-ID", program.start_point[0] + 1)
    return match.group(1).decode("latin-1").upper()


_PROCEDURE = re.compile(r"^[ \t]*PROCEDURE\s+DIVISION\b", re.I | re.M)


def _procedure_start(text: str) -> int:
    """Return the offset of the line that starts the PROCEDURE DIVISION."""
    match = _PROCEDURE.search(text)
    if match is None:
        line = text.count("\n") + 1
        raise ParseError("missing PROCEDURE DIVISION", line)
    return match.start()


def _read_procedure(text: str, condition_names: set[str]) -> Procedure:
    start = _procedure_start(text)
    first_line = text.count("\n", 0, start) + 1
    tokens = _tokens(text[start:], first_line)
    return parse_procedure(tokens, lambda name: name in condition_names)


def _tokens(text: str, first_line: int) -> list[Token]:
    try:
        return tokenize(text, first_line)
    except LexError as error:
        raise ParseError(str(error), error.line) from error


_ENVIRONMENT = re.compile(
    r"^\s*FILE-CONTROL\s*\.(?P<body>.*?)^\s*(?:I-O-CONTROL|DATA\s+DIVISION"
    r"|PROCEDURE\s+DIVISION)",
    re.I | re.M | re.S,
)


def _read_file_control(
    text: str, data: DataDivision
) -> tuple[tuple[FileControl, ...], list[tuple[int, str]]]:
    """Read SELECT entries from the text, where the CST has ERROR nodes for
    valid clauses such as ORGANIZATION IS LINE SEQUENTIAL."""
    match = _ENVIRONMENT.search(text)
    if match is None:
        return (), []
    first_line = text.count("\n", 0, match.start("body")) + 1
    stream = TokenStream(_tokens(match.group("body"), first_line))
    names = {item.name for record in data.records() for item in record.walk()}
    files: list[FileControl] = []
    problems: list[tuple[int, str]] = []
    while not stream.at_end:
        if stream.accept_kind(TokenKind.PERIOD):
            continue
        select = stream.expect("SELECT")
        files.append(_select(stream, select.line, names, problems))
    return tuple(files), problems


def _select(
    stream: TokenStream, line: int, names: set[str], problems: list[tuple[int, str]]
) -> FileControl:
    stream.accept("OPTIONAL")
    name = stream.expect_kind(TokenKind.WORD, "a file name").text
    stream.expect("ASSIGN")
    stream.accept("TO")
    stream.accept("EXTERNAL", "DYNAMIC")
    target = stream.next()
    fields: dict[str, object] = {"assign": target.text}
    if target.kind is TokenKind.WORD and target.text in names:
        fields["assign_item"] = True
    organization_seen = False
    while not stream.at_end and not stream.at_period():
        token = stream.next()
        if token.is_word("ORGANIZATION"):
            organization_seen = True
            stream.accept("IS")
            fields["line_sequential"] = _organization(stream, token, problems)
        elif token.is_word("STATUS"):
            stream.accept("IS")
            fields["status"] = stream.expect_kind(TokenKind.WORD, "a status item").text
        elif token.is_word("ACCESS"):
            _access(stream, token, problems)
        elif token.is_word("FILE", "IS", "MODE"):
            continue
        elif token.is_word("LINE") and not organization_seen:
            fields["line_sequential"] = _organization(stream, token, problems)
        elif token.is_word("SEQUENTIAL"):
            continue
        else:
            problems.append((token.line, f"SELECT clause {token.text}"))
    return FileControl(name, line=line, **fields)  # type: ignore[arg-type]


def _organization(
    stream: TokenStream, token: Token, problems: list[tuple[int, str]]
) -> bool:
    if stream.accept("LINE") or token.is_word("LINE"):
        stream.expect("SEQUENTIAL")
        return True
    stream.accept("RECORD")
    if not stream.accept("SEQUENTIAL"):
        found = stream.next().text if not stream.at_end else ""
        problems.append((token.line, f"ORGANIZATION {found}".strip()))
    return False


def _access(stream: TokenStream, token: Token, problems: list[tuple[int, str]]) -> None:
    stream.accept("MODE")
    stream.accept("IS")
    mode = stream.next()
    if not mode.is_word("SEQUENTIAL"):
        problems.append((token.line, f"ACCESS MODE {mode.text}"))
