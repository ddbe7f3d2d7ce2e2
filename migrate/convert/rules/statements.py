"""Parse procedure division statements into a tree.

The tree-sitter CST of the procedure division is flat, so statements are
parsed here by recursive descent over tokens. A period closes every open
scope, and ELSE binds to the innermost open IF. Conditional phrases (AT
END, ON SIZE ERROR...) bind to the innermost statement that accepts them.
"""

from __future__ import annotations

from collections.abc import Callable

from migrate.convert.rules import verbs, verbs_flow
from migrate.convert.rules.expressions import ExpressionParser
from migrate.convert.rules.lexer import Token, TokenKind
from migrate.convert.rules.nodes import Handlers, Stmt, Unparsed
from migrate.convert.rules.stream import (
    VERBS,
    ParseError,
    TokenStream,
    UnsupportedConstruct,
)

StatementRule = Callable[["StatementParser", Token], Stmt]

_RULES: dict[str, StatementRule] = {
    "MOVE": verbs.parse_move,
    "COMPUTE": verbs.parse_compute,
    "ADD": verbs.parse_add,
    "SUBTRACT": verbs.parse_subtract,
    "MULTIPLY": verbs.parse_multiply,
    "DIVIDE": verbs.parse_divide,
    "DISPLAY": verbs.parse_display,
    "ACCEPT": verbs.parse_accept,
    "OPEN": verbs.parse_open,
    "CLOSE": verbs.parse_close,
    "READ": verbs.parse_read,
    "WRITE": verbs.parse_write,
    "REWRITE": verbs.parse_rewrite,
    "STRING": verbs.parse_string,
    "INSPECT": verbs.parse_inspect,
    "SET": verbs.parse_set,
    "IF": verbs_flow.parse_if,
    "EVALUATE": verbs_flow.parse_evaluate,
    "PERFORM": verbs_flow.parse_perform,
    "CALL": verbs_flow.parse_call,
    "GOBACK": verbs_flow.parse_control,
    "STOP": verbs_flow.parse_control,
    "EXIT": verbs_flow.parse_control,
    "CONTINUE": verbs_flow.parse_control,
}

# Statements whose text may contain ELSE, WHEN or AT END phrases of their
# own, so an unsupported one is skipped up to its scope terminator or, when
# it has none, to the period.
_SCOPED = {
    "IF": "END-IF",
    "EVALUATE": "END-EVALUATE",
    "SEARCH": "END-SEARCH",
    "EXEC": "END-EXEC",
}


class StatementParser:
    """Parses statements; unsupported ones become ``Unparsed`` nodes."""

    def __init__(
        self, stream: TokenStream, is_condition: Callable[[str], bool]
    ) -> None:
        self.stream = stream
        self.expr = ExpressionParser(stream, is_condition)

    def block(self) -> tuple[Stmt, ...]:
        """Parse statements until a token that starts no statement."""
        statements: list[Stmt] = []
        while self.stream.at_verb():
            statements.append(self.statement())
        return tuple(statements)

    def statement(self) -> Stmt:
        """Parse one statement; the next token is its verb."""
        start = self.stream.index
        verb = self.stream.next()
        rule = _RULES.get(verb.text)
        if rule is None:
            return self._skip_unsupported(verb, _describe(verb, self.stream))
        try:
            return rule(self, verb)
        except UnsupportedConstruct as problem:
            self.stream.index = start + 1
            return self._skip_unsupported(verb, problem.construct, problem.line)

    def end_scope(self, terminator: str) -> None:
        """Consume the explicit scope terminator if it is next."""
        self.stream.accept(terminator)

    def handlers(
        self, on_words: tuple[str, ...], optional_first: str, terminator: str
    ) -> Handlers:
        """Parse ``[ON] phrase stmts [NOT [ON] phrase stmts] [END-x]``.

        ``on_words`` is the phrase after the optional ``optional_first``
        word: ``("SIZE", "ERROR")`` for ON SIZE ERROR, ``("END",)`` for AT
        END.
        """
        on = not_on = None
        if self._at_phrase(0, on_words, optional_first):
            self._consume_phrase(on_words, optional_first)
            on = self.block()
        if self.stream.peek_word("NOT") and self._at_phrase(
            1, on_words, optional_first
        ):
            self.stream.next()
            self._consume_phrase(on_words, optional_first)
            not_on = self.block()
        self.end_scope(terminator)
        return Handlers(on, not_on)

    def _at_phrase(self, ahead: int, words: tuple[str, ...], first: str) -> bool:
        if self.stream.peek_word(first, ahead=ahead):
            ahead += 1
        return all(
            self.stream.peek_word(word, ahead=ahead + k) for k, word in enumerate(words)
        )

    def _consume_phrase(self, words: tuple[str, ...], first: str) -> None:
        self.stream.accept(first)
        for word in words:
            self.stream.expect(word)

    def _skip_unsupported(
        self, verb: Token, construct: str, line: int | None = None
    ) -> Unparsed:
        """Skip the rest of an unsupported statement and describe it."""
        terminator = _SCOPED.get(verb.text, "END-" + verb.text)
        end = self._matching_terminator(verb.text, terminator)
        if end is not None:
            self.stream.index = end + 1
        elif verb.text in _SCOPED:
            while not self.stream.at_end and not self.stream.at_period():
                self.stream.next()
        else:
            while (
                not self.stream.at_end
                and not self.stream.at_period()
                and not self.stream.at_statement_boundary()
            ):
                self.stream.next()
        return Unparsed(construct, line if line is not None else verb.line)

    def _matching_terminator(self, verb: str, terminator: str) -> int | None:
        """Return the index of the scope terminator that closes the current
        statement before the period, skipping nested statements' own."""
        depth = 0
        tokens = self.stream.tokens
        for index in range(self.stream.index, len(tokens)):
            token = tokens[index]
            if token.kind is TokenKind.PERIOD:
                return None
            if token.is_word(verb):
                depth += 1
            elif token.is_word(terminator):
                if depth == 0:
                    return index
                depth -= 1
        return None


def _describe(verb: Token, stream: TokenStream) -> str:
    """Name an unsupported statement the way COBOL writes it."""
    after = stream.peek()
    if verb.text == "GO" and after is not None and after.is_word("TO"):
        return "GO TO statement"
    if verb.text in VERBS:
        return f"{verb.text} statement"
    raise ParseError(f"unknown statement {verb.text!r}", verb.line)
