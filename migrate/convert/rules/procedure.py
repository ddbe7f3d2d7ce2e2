"""Parse a procedure division into sections, paragraphs and statements."""

from __future__ import annotations

from collections.abc import Callable

from migrate.convert.rules.lexer import Token, TokenKind
from migrate.convert.rules.nodes import Paragraph, Procedure, Stmt, Unparsed
from migrate.convert.rules.statements import StatementParser
from migrate.convert.rules.stream import SCOPE_TERMINATORS, ParseError, TokenStream


class _ProcedureReader:
    """Splits the token stream into paragraphs while parsing sentences."""

    def __init__(
        self, tokens: list[Token], is_condition: Callable[[str], bool]
    ) -> None:
        self.stream = TokenStream(tokens)
        self.parser = StatementParser(self.stream, is_condition)
        self.paragraphs: list[Paragraph] = []
        self.sections: list[str] = []
        self.section = ""
        self.name = ""
        self.line = tokens[0].line if tokens else 0
        self.statements: list[Stmt] = []

    def read(self) -> Procedure:
        stream = self.stream
        start = stream.expect("PROCEDURE").line
        stream.expect("DIVISION")
        using = self._using()
        stream.expect_kind(TokenKind.PERIOD, "'.' after the division header")
        if stream.peek_word("DECLARATIVES"):
            self._skip_declaratives()
        while not stream.at_end:
            if self._end_program():
                break
            self._sentence_or_header()
        self._close_paragraph()
        return Procedure(using, tuple(self.paragraphs), tuple(self.sections), start)

    def _using(self) -> tuple[str, ...]:
        names: list[str] = []
        if not self.stream.accept("USING"):
            self._reject_returning()
            return ()
        while not self.stream.at_period() and not self.stream.at_end:
            if self.stream.peek_word("RETURNING"):
                break
            if self.stream.accept("BY"):
                mode = self.stream.expect("REFERENCE", "VALUE")
                if mode.text == "VALUE":
                    self.statements.append(
                        Unparsed("PROCEDURE DIVISION USING BY VALUE", mode.line)
                    )
                continue
            names.append(
                self.stream.expect_kind(TokenKind.WORD, "a USING data name").text
            )
        self._reject_returning()
        return tuple(names)

    def _reject_returning(self) -> None:
        token = self.stream.accept("RETURNING")
        if token is not None:
            self.statements.append(Unparsed("PROCEDURE DIVISION RETURNING", token.line))
            self.stream.next()

    def _skip_declaratives(self) -> None:
        token = self.stream.next()
        self.statements.append(Unparsed("DECLARATIVES", token.line))
        while not self.stream.at_end:
            if self.stream.peek_word("END") and self.stream.peek_word(
                "DECLARATIVES", ahead=1
            ):
                self.stream.next()
                self.stream.next()
                self.stream.accept_kind(TokenKind.PERIOD)
                return
            self.stream.next()

    def _end_program(self) -> bool:
        stream = self.stream
        if stream.peek_word("END") and stream.peek_word("PROGRAM", ahead=1):
            return True
        if stream.peek_word("IDENTIFICATION", "ID") and stream.peek_word(
            "DIVISION", ahead=1
        ):
            token = stream.current()
            self.statements.append(Unparsed("nested program", token.line))
            return True
        return False

    def _sentence_or_header(self) -> None:
        stream = self.stream
        header = self._header()
        if header is not None:
            return
        if stream.at_period():
            stream.next()
            return
        if not stream.at_verb():
            token = stream.current()
            raise ParseError(f"expected a statement, found {token.text!r}", token.line)
        self.statements.extend(self.parser.block())
        if stream.at_period():
            stream.next()
        elif not stream.at_end and self._header_ahead() is None:
            token = stream.current()
            raise ParseError(f"unexpected {token.text!r} in a statement", token.line)

    def _header_ahead(self) -> str | None:
        """Return ``SECTION`` or ``PARAGRAPH`` when a header is next."""
        token = self.stream.peek()
        if token is None or token.kind not in (TokenKind.WORD, TokenKind.NUMBER):
            return None
        if self.stream.at_verb():
            return None
        following = self.stream.peek(1)
        if token.text in SCOPE_TERMINATORS:
            return None
        if following is not None and following.kind is TokenKind.PERIOD:
            return "PARAGRAPH"
        if following is not None and following.is_word("SECTION"):
            return "SECTION"
        return None

    def _header(self) -> str | None:
        kind = self._header_ahead()
        if kind is None:
            return None
        name_token = self.stream.next()
        self._close_paragraph()
        if kind == "SECTION":
            self.stream.next()
            self.section = name_token.text
            self.sections.append(self.section)
            self.name = ""
        else:
            self.name = name_token.text
        self.line = name_token.line
        self.stream.expect_kind(TokenKind.PERIOD, "'.' after a procedure name")
        return kind

    def _close_paragraph(self) -> None:
        if self.name or self.statements:
            self.paragraphs.append(
                Paragraph(self.name, self.section, tuple(self.statements), self.line)
            )
        self.statements = []


def parse_procedure(
    tokens: list[Token], is_condition: Callable[[str], bool]
) -> Procedure:
    """Parse the tokens of a procedure division, from its header on.

    Raises :class:`ParseError` with a line for text that does not parse.
    """
    return _ProcedureReader(tokens, is_condition).read()
