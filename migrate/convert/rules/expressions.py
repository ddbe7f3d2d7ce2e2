"""Parse data references, operands, arithmetic expressions and conditions."""

from __future__ import annotations

from collections.abc import Callable

from migrate.convert.rules.lexer import Token, TokenKind
from migrate.convert.rules.nodes import (
    And,
    BinOp,
    ClassTest,
    Cond,
    CondName,
    Expr,
    FuncCall,
    Lit,
    Negate,
    Not,
    Or,
    Ref,
    Relation,
)
from migrate.convert.rules.stream import (
    ParseError,
    TokenStream,
    UnsupportedConstruct,
)
from migrate.parse.data import FIGURATIVES, Literal, LiteralKind

CLASS_TESTS = frozenset(
    (
        "NUMERIC",
        "ALPHABETIC",
        "ALPHABETIC-LOWER",
        "ALPHABETIC-UPPER",
        "POSITIVE",
        "NEGATIVE",
        "ZERO",
        "ZEROS",
        "ZEROES",
    )
)
_NEGATED = {"=": "<>", "<>": "=", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
_SYMBOLS = {"=": "=", "<": "<", ">": ">", "<=": "<=", ">=": ">=", "<>": "<>"}
# Intrinsic functions without arguments, so a parenthesis after the name
# starts a reference modification.
_NO_ARGUMENTS = frozenset(("CURRENT-DATE", "WHEN-COMPILED", "E", "PI"))
# Words that may not be data names, so they never start an operand.
_RESERVED = frozenset(
    [
        "TO",
        "FROM",
        "BY",
        "INTO",
        "GIVING",
        "USING",
        "THRU",
        "THROUGH",
        "AND",
        "OR",
        "NOT",
        "IS",
        "THAN",
        "EQUAL",
        "GREATER",
        "LESS",
        "ROUNDED",
        "REMAINDER",
        "DELIMITED",
        "POINTER",
        "WITH",
        "UPON",
        "TIMES",
        "UNTIL",
        "VARYING",
        "AFTER",
        "BEFORE",
        "ALSO",
        "OTHER",
        "THEN",
        "ELSE",
        "WHEN",
        "END",
        "OF",
        "IN",
        "ALL",
        "LEADING",
        "FIRST",
        "CHARACTERS",
        "INITIAL",
        "REPLACING",
        "TALLYING",
        "CONVERTING",
        "FOR",
        "SIZE",
        "TRUE",
        "FALSE",
        "ANY",
        "ON",
        "AT",
        "RECORD",
        "NEXT",
        "INPUT",
        "OUTPUT",
        "EXTEND",
        "ADVANCING",
        "LINE",
        "LINES",
        "PAGE",
        "CONTENT",
        "REFERENCE",
        "VALUE",
        "RETURNING",
    ]
)


class ExpressionParser:
    """Parses operands and conditions from a token stream.

    ``is_condition`` returns whether a name is a level-88 condition name.
    Abbreviated combined conditions need it to tell a condition name from
    an operand.
    """

    def __init__(
        self, stream: TokenStream, is_condition: Callable[[str], bool]
    ) -> None:
        self.stream = stream
        self.is_condition = is_condition

    # Operands ------------------------------------------------------------

    def at_operand(self) -> bool:
        """Tell whether the next token can start an operand."""
        token = self.stream.peek()
        if token is None:
            return False
        if token.kind in (TokenKind.STRING, TokenKind.NUMBER):
            return True
        if token.kind is TokenKind.OPERATOR and token.text in "+-":
            after = self.stream.peek(1)
            return (
                after is not None
                and after.kind is TokenKind.NUMBER
                and not after.spaced
            )
        if token.kind is not TokenKind.WORD:
            return False
        if self.stream.at_statement_boundary() and token.text not in FIGURATIVES:
            return False
        return token.text not in _RESERVED or token.text == "ALL"

    def ref(self) -> Ref:
        """Parse a data reference with qualifiers, subscripts and reference
        modification."""
        token = self.stream.expect_kind(TokenKind.WORD, "a data name")
        if token.text == "FUNCTION":
            name = self.stream.peek()
            raise UnsupportedConstruct(
                f"intrinsic function {name.text if name else ''}".strip(), token.line
            )
        if token.text in _RESERVED or token.text in FIGURATIVES:
            raise ParseError(f"expected a data name, found {token.text!r}", token.line)
        qualifiers: list[str] = []
        while self.stream.peek_word("OF", "IN"):
            self.stream.next()
            qualifiers.append(
                self.stream.expect_kind(TokenKind.WORD, "a qualifier").text
            )
        subscripts: tuple[Expr, ...] = ()
        refmod = None
        while self.stream.at_kind(TokenKind.LPAREN):
            parts, is_refmod = self._parenthesized_reference()
            if is_refmod:
                refmod = (parts[0], parts[1] if len(parts) > 1 else None)
            else:
                subscripts = tuple(parts)
        return Ref(token.text, token.line, tuple(qualifiers), subscripts, refmod)

    def _parenthesized_reference(self) -> tuple[list[Expr], bool]:
        self.stream.next()
        parts = [self.arithmetic()]
        if self.stream.accept_kind(TokenKind.COLON):
            if self.stream.at_kind(TokenKind.RPAREN):
                self.stream.next()
                return parts, True
            parts.append(self.arithmetic())
            self.stream.expect_kind(TokenKind.RPAREN, "')'")
            return parts, True
        while not self.stream.accept_kind(TokenKind.RPAREN):
            parts.append(self.arithmetic())
        return parts, False

    def literal(self) -> Lit | None:
        """Parse a literal or figurative constant, or return None."""
        token = self.stream.peek()
        if token is None:
            return None
        if token.kind is TokenKind.STRING:
            self.stream.next()
            return Lit(Literal(LiteralKind.STRING, token.text), token.line)
        if token.kind is TokenKind.NUMBER:
            self.stream.next()
            return Lit(Literal(LiteralKind.NUMBER, token.text), token.line)
        if token.kind is TokenKind.OPERATOR and token.text in "+-":
            after = self.stream.peek(1)
            if (
                after is not None
                and after.kind is TokenKind.NUMBER
                and not after.spaced
            ):
                self.stream.next()
                self.stream.next()
                text = token.text + after.text
                return Lit(Literal(LiteralKind.NUMBER, text), token.line)
            return None
        if token.is_word("ALL"):
            self.stream.next()
            inner = self.literal()
            if inner is None:
                raise ParseError("expected a literal after ALL", token.line)
            return Lit(
                Literal(inner.literal.kind, inner.literal.text, True), token.line
            )
        if token.kind is TokenKind.WORD and token.text in FIGURATIVES:
            self.stream.next()
            return Lit(
                Literal(LiteralKind.FIGURATIVE, FIGURATIVES[token.text]), token.line
            )
        return None

    def operand(self) -> Expr:
        """Parse a literal, an intrinsic function or a data reference."""
        if self.stream.peek_word("FUNCTION"):
            return self.function()
        lit = self.literal()
        return lit if lit is not None else self.ref()

    def function(self) -> FuncCall:
        """Parse ``FUNCTION name [(arguments)] [(start:length)]``."""
        token = self.stream.expect("FUNCTION")
        name = self.stream.expect_kind(TokenKind.WORD, "a function name").text
        args: list[Expr] = []
        keyword = ""
        if name not in _NO_ARGUMENTS and self.stream.at_kind(TokenKind.LPAREN):
            self.stream.next()
            while not self.stream.accept_kind(TokenKind.RPAREN):
                if self.stream.peek_word("LEADING", "TRAILING"):
                    keyword = self.stream.next().text
                else:
                    args.append(self.arithmetic())
        refmod = None
        if self.stream.at_kind(TokenKind.LPAREN):
            parts, is_refmod = self._parenthesized_reference()
            if not is_refmod:
                raise ParseError(
                    f"expected (start:length) after FUNCTION {name}", token.line
                )
            refmod = (parts[0], parts[1] if len(parts) > 1 else None)
        return FuncCall(name, tuple(args), token.line, refmod, keyword)

    # Arithmetic -----------------------------------------------------------

    def arithmetic(self) -> Expr:
        """Parse an arithmetic expression with COBOL precedence."""
        left = self._term()
        while self._at_operator("+", "-"):
            op = self.stream.next()
            left = BinOp(op.text, left, self._term(), op.line)
        return left

    def _term(self) -> Expr:
        left = self._power()
        while self._at_operator("*", "/"):
            op = self.stream.next()
            left = BinOp(op.text, left, self._power(), op.line)
        return left

    def _power(self) -> Expr:
        left = self._unary()
        while self._at_operator("**"):
            op = self.stream.next()
            left = BinOp("**", left, self._unary(), op.line)
        return left

    def _unary(self) -> Expr:
        if self._at_operator("-", "+"):
            # A signed numeric literal keeps its spelling, which comparisons
            # with alphanumeric items and DISPLAY use.
            signed = self.literal()
            if signed is not None:
                return signed
            op = self.stream.next()
            operand = self._unary()
            return Negate(operand, op.line) if op.text == "-" else operand
        token = self.stream.peek()
        if token is not None and token.kind is TokenKind.LPAREN:
            self.stream.next()
            inner = self.arithmetic()
            self.stream.expect_kind(TokenKind.RPAREN, "')'")
            return inner
        return self.operand()

    def _at_operator(self, *ops: str) -> bool:
        token = self.stream.peek()
        return (
            token is not None and token.kind is TokenKind.OPERATOR and token.text in ops
        )

    # Conditions -----------------------------------------------------------

    def condition(self) -> Cond:
        """Parse a condition, expanding abbreviated combined relations."""
        return self._or(None)

    def _or(self, last: Relation | None) -> Cond:
        left, last = self._and(last)
        while self.stream.peek_word("OR"):
            token = self.stream.next()
            right, last = self._and(last)
            left = Or(left, right, token.line)
        return left

    def _and(self, last: Relation | None) -> tuple[Cond, Relation | None]:
        left, last = self._not(last)
        while self.stream.peek_word("AND"):
            token = self.stream.next()
            right, last = self._not(last)
            left = And(left, right, token.line)
        return left, last

    def _not(self, last: Relation | None) -> tuple[Cond, Relation | None]:
        token = self.stream.peek()
        if token is not None and token.is_word("NOT") and not self._relop_ahead(1):
            self.stream.next()
            inner, last = self._not(last)
            return Not(inner, token.line), last
        return self._primary(last)

    def _primary(self, last: Relation | None) -> tuple[Cond, Relation | None]:
        token = self.stream.peek()
        if token is None:
            raise ParseError("expected a condition", self.stream.line())
        if last is not None and self._relop_ahead(0):
            op = self._relop()
            relation = Relation(last.left, op, self.arithmetic(), token.line)
            return relation, relation
        if token.kind is TokenKind.LPAREN:
            nested = self._parenthesized_condition(last)
            if nested is not None:
                return nested
        if (
            token.kind is TokenKind.WORD
            and self.is_condition(token.text)
            and not self._relop_follows_ref()
        ):
            ref = self.ref()
            return CondName(ref, token.line), last
        left = self.arithmetic()
        if last is not None and not self._relop_ahead(0) and not self._class_ahead():
            relation = Relation(last.left, last.op, left, token.line)
            return relation, relation
        return self._relation_tail(left, token)

    def _relation_tail(self, left: Expr, token: Token) -> tuple[Cond, Relation | None]:
        self.stream.accept("IS")
        if self._class_ahead():
            negated = bool(self.stream.accept("NOT"))
            test = self.stream.next().text
            test = "ZERO" if test in ("ZEROS", "ZEROES") else test
            cond: Cond = ClassTest(left, test, token.line)
            return (Not(cond, token.line) if negated else cond), None
        op = self._relop()
        relation = Relation(left, op, self.arithmetic(), token.line)
        return relation, relation

    def _parenthesized_condition(
        self, last: Relation | None
    ) -> tuple[Cond, Relation | None] | None:
        """Parse ``( condition )``, or return None (cursor unchanged) when
        the parentheses hold an arithmetic expression."""
        start = self.stream.index
        try:
            self.stream.next()
            inner = self._or(last)
            self.stream.expect_kind(TokenKind.RPAREN, "')'")
        except ParseError:
            self.stream.index = start
            return None
        if self._relop_ahead(0) or self._at_operator("+", "-", "*", "/", "**"):
            self.stream.index = start
            return None
        return inner, last

    def _relop_follows_ref(self) -> bool:
        start = self.stream.index
        try:
            self.ref()
            return self._relop_ahead(0)
        except (ParseError, UnsupportedConstruct):
            return False
        finally:
            self.stream.index = start

    def _class_ahead(self) -> bool:
        ahead = 1 if self.stream.peek_word("IS") else 0
        ahead += 1 if self.stream.peek_word("NOT", ahead=ahead) else 0
        token = self.stream.peek(ahead)
        return (
            token is not None
            and token.is_word(*CLASS_TESTS)
            and not self._operand_continues(ahead + 1)
        )

    def _operand_continues(self, ahead: int) -> bool:
        """Tell whether ZERO at ``ahead - 1`` is an operand, not a sign test."""
        token = self.stream.peek(ahead)
        return token is not None and token.kind is TokenKind.OPERATOR

    def _relop_ahead(self, ahead: int) -> bool:
        index = ahead
        if self.stream.peek_word("IS", ahead=index):
            index += 1
        if self.stream.peek_word("NOT", ahead=index):
            index += 1
        token = self.stream.peek(index)
        if token is None:
            return False
        if token.kind is TokenKind.OPERATOR:
            return token.text in _SYMBOLS
        return token.is_word("EQUAL", "EQUALS", "GREATER", "LESS")

    def _relop(self) -> str:
        self.stream.accept("IS")
        negated = bool(self.stream.accept("NOT"))
        token = self.stream.next()
        if token.kind is TokenKind.OPERATOR and token.text in _SYMBOLS:
            op = _SYMBOLS[token.text]
        elif token.is_word("EQUAL", "EQUALS"):
            self.stream.accept("TO")
            op = "="
        elif token.is_word("GREATER", "LESS"):
            op = self._word_relop(token.text)
        else:
            raise ParseError(
                f"expected a relational operator, found {token.text!r}", token.line
            )
        return _NEGATED[op] if negated else op

    def _word_relop(self, word: str) -> str:
        self.stream.accept("THAN")
        symbol = ">" if word == "GREATER" else "<"
        if self.stream.peek_word("OR") and self.stream.peek_word("EQUAL", ahead=1):
            self.stream.next()
            self.stream.next()
            self.stream.accept("TO")
            return symbol + "="
        return symbol
