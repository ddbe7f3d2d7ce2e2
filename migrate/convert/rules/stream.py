"""A cursor over procedure division tokens, shared by the parsers."""

from __future__ import annotations

from migrate.convert.rules.lexer import Token, TokenKind

# Words that start a statement. Data names cannot be reserved words, so
# one of these in statement position always starts a new statement.
VERBS = frozenset(
    [
        "ACCEPT",
        "ADD",
        "ALLOCATE",
        "ALTER",
        "CALL",
        "CANCEL",
        "CLOSE",
        "COMMIT",
        "COMPUTE",
        "CONTINUE",
        "DELETE",
        "DISPLAY",
        "DIVIDE",
        "ENTRY",
        "EVALUATE",
        "EXEC",
        "EXIT",
        "FREE",
        "GENERATE",
        "GO",
        "GOBACK",
        "IF",
        "INITIALIZE",
        "INITIATE",
        "INSPECT",
        "INVOKE",
        "MERGE",
        "MOVE",
        "MULTIPLY",
        "OPEN",
        "PERFORM",
        "READ",
        "RELEASE",
        "RETURN",
        "REWRITE",
        "ROLLBACK",
        "SEARCH",
        "SET",
        "SORT",
        "START",
        "STOP",
        "STRING",
        "SUBTRACT",
        "SUPPRESS",
        "TERMINATE",
        "UNLOCK",
        "UNSTRING",
        "USE",
        "WRITE",
    ]
)

# Words that end a list of statements inside a conditional statement.
PHRASE_WORDS = frozenset(
    [
        "ELSE",
        "WHEN",
        "NOT",
        "AT",
        "END",
        "ON",
        "SIZE",
        "OVERFLOW",
        "EXCEPTION",
        "INVALID",
    ]
)


# The explicit scope terminators. Other words that start with END-, such
# as END-OF-PAGE or a data name END-OF-FILE, terminate nothing.
SCOPE_TERMINATORS = frozenset(
    [
        "END-ACCEPT",
        "END-ADD",
        "END-CALL",
        "END-COMPUTE",
        "END-DELETE",
        "END-DISPLAY",
        "END-DIVIDE",
        "END-EVALUATE",
        "END-EXEC",
        "END-IF",
        "END-MULTIPLY",
        "END-PERFORM",
        "END-READ",
        "END-RECEIVE",
        "END-RETURN",
        "END-REWRITE",
        "END-SEARCH",
        "END-START",
        "END-STRING",
        "END-SUBTRACT",
        "END-UNSTRING",
        "END-WRITE",
    ]
)


class ParseError(ValueError):
    """Raised when the procedure division text does not parse."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class UnsupportedConstruct(Exception):
    """Raised inside a statement for a construct the converter does not
    translate; the statement parser turns it into an ``Unparsed`` node."""

    def __init__(self, construct: str, line: int) -> None:
        super().__init__(construct)
        self.construct = construct
        self.line = line


class TokenStream:
    """Tokens with a cursor, lookahead and expectations."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0

    @property
    def at_end(self) -> bool:
        return self.index >= len(self.tokens)

    def peek(self, ahead: int = 0) -> Token | None:
        index = self.index + ahead
        return self.tokens[index] if index < len(self.tokens) else None

    def line(self) -> int:
        token = self.peek() or (self.tokens[-1] if self.tokens else None)
        return token.line if token else 0

    def current(self) -> Token:
        """Return the next token without consuming it."""
        token = self.peek()
        if token is None:
            raise ParseError("unexpected end of the procedure division", self.line())
        return token

    def at_kind(self, kind: TokenKind) -> bool:
        token = self.peek()
        return token is not None and token.kind is kind

    def next(self) -> Token:
        token = self.peek()
        if token is None:
            last = self.tokens[-1].line if self.tokens else 0
            raise ParseError("unexpected end of the procedure division", last)
        self.index += 1
        return token

    def peek_word(self, *words: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token is not None and token.is_word(*words)

    def accept(self, *words: str) -> Token | None:
        """Consume and return the next token if it is one of ``words``."""
        if self.peek_word(*words):
            return self.next()
        return None

    def accept_kind(self, kind: TokenKind) -> Token | None:
        token = self.peek()
        if token is not None and token.kind is kind:
            return self.next()
        return None

    def expect(self, *words: str) -> Token:
        token = self.peek()
        if token is None or not token.is_word(*words):
            found = token.text if token else "end of text"
            raise ParseError(
                f"expected {' or '.join(words)}, found {found!r}",
                token.line if token else self.line(),
            )
        return self.next()

    def expect_kind(self, kind: TokenKind, what: str) -> Token:
        token = self.peek()
        if token is None or token.kind is not kind:
            found = token.text if token else "end of text"
            raise ParseError(f"expected {what}, found {found!r}", self.line())
        return self.next()

    def at_verb(self) -> bool:
        token = self.peek()
        return (
            token is not None and token.kind is TokenKind.WORD and token.text in VERBS
        )

    def at_period(self) -> bool:
        token = self.peek()
        return token is not None and token.kind is TokenKind.PERIOD

    def at_statement_boundary(self) -> bool:
        """Tell whether the next token ends the current statement's operands."""
        token = self.peek()
        if token is None or token.kind is TokenKind.PERIOD:
            return True
        if token.kind is not TokenKind.WORD:
            return False
        return (
            token.text in VERBS
            or token.text in PHRASE_WORDS
            or token.text in SCOPE_TERMINATORS
        )
