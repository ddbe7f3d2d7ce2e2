"""Generate Java for data references, arithmetic expressions and conditions."""

from __future__ import annotations

from migrate.convert.rules.codegen_func import (
    function_call,
    is_numeric_function,
    shown_function,
)
from migrate.convert.rules.context import Context
from migrate.convert.rules.javatext import compared_digits, java_string
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
from migrate.convert.rules.stream import UnsupportedConstruct
from migrate.convert.rules.symbols import JavaKind, ResolveError, Symbol
from migrate.parse.data import LiteralKind

RETURN_CODE = "RETURN-CODE"
_ARITH = {"+": "add", "-": "subtract", "*": "multiply", "/": "divide", "**": "power"}
_MIRROR = {"=": "=", "<>": "<>", "<": ">", ">": "<", "<=": ">=", ">=": "<="}
_JAVA_OP = {"=": "==", "<>": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_CLASS_TESTS = {
    "NUMERIC": "Compare.isNumeric",
    "ALPHABETIC": "Compare.isAlphabetic",
    "ALPHABETIC-LOWER": "Compare.isAlphabeticLower",
    "ALPHABETIC-UPPER": "Compare.isAlphabeticUpper",
}
_SIGN_TESTS = {"POSITIVE": "> 0", "NEGATIVE": "< 0", "ZERO": "== 0"}


class ExprGenerator:
    """Turns expression and condition nodes into Java expressions."""

    def __init__(self, context: Context) -> None:
        self.context = context

    # References ----------------------------------------------------------

    def symbol(self, ref: Ref) -> Symbol | None:
        """Return the symbol of ``ref``, or None for RETURN-CODE."""
        if ref.name == RETURN_CODE:
            return None
        return self.context.symbols.resolve(ref)

    def ref(self, ref: Ref) -> str:
        """Return the Java view of a data reference."""
        if ref.name == RETURN_CODE:
            self.context.uses_return_code = True
            text = "returnCode()"
            dims = 0
        else:
            symbol = self.context.symbols.resolve(ref)
            text = symbol.java
            dims = symbol.dims
        if len(ref.subscripts) != dims:
            raise ResolveError(
                f"{ref.name} needs {dims} subscript(s), found {len(ref.subscripts)}",
                ref.line,
            )
        if ref.subscripts:
            text += f".at({', '.join(self.int_expr(s) for s in ref.subscripts)})"
        if ref.refmod is not None:
            start, length = ref.refmod
            text += f".refMod({self.int_expr(start)}"
            text += f", {self.int_expr(length)})" if length is not None else ")"
        return text

    def int_expr(self, expr: Expr) -> str:
        """Return an int expression for a subscript or a count."""
        if isinstance(expr, Lit) and expr.literal.kind is LiteralKind.NUMBER:
            text = expr.literal.text.lstrip("+")
            if "." not in text:
                return str(int(text))
        if isinstance(expr, Ref):
            symbol = self.symbol(expr)
            if symbol is None or symbol.kind is JavaKind.NUM and expr.refmod is None:
                return f"{self.ref(expr)}.intValue()"
        if isinstance(expr, BinOp) and expr.op in "+-*":
            return f"({self.int_expr(expr.left)} {expr.op} {self.int_expr(expr.right)})"
        return f"{self.num(expr)}.intValue()"

    # Values -------------------------------------------------------------

    def num(self, expr: Expr) -> str:
        """Return a BigDecimal expression for an arithmetic operand."""
        if isinstance(expr, Lit):
            return self._num_literal(expr)
        if isinstance(expr, Ref):
            symbol = self.symbol(expr)
            text = self.ref(expr)
            if expr.refmod is None and (
                symbol is None or symbol.kind in (JavaKind.NUM, JavaKind.EDITED)
            ):
                return f"{text}.get()"
            return f"Arith.value({text})"
        if isinstance(expr, Negate):
            return f"Arith.negate({self.num(expr.operand)})"
        if isinstance(expr, FuncCall):
            if not is_numeric_function(expr):
                raise UnsupportedConstruct(
                    f"FUNCTION {expr.name} in arithmetic", expr.line
                )
            return function_call(self, expr)
        return f"Arith.{_ARITH[expr.op]}({self.num(expr.left)}, {self.num(expr.right)})"

    def _num_literal(self, lit: Lit) -> str:
        literal = lit.literal
        if literal.kind is LiteralKind.NUMBER:
            return self.context.constants.number(literal.text)
        if literal.kind is LiteralKind.FIGURATIVE and literal.text == "ZERO":
            return "BigDecimal.ZERO"
        raise UnsupportedConstruct(
            f"non-numeric literal {literal.text!r} in arithmetic", lit.line
        )

    def is_numeric(self, ref: Ref) -> bool:
        """Tell whether ``ref`` is a numeric item (RETURN-CODE included) that
        takes a numeric value, as opposed to bytes."""
        symbol = self.symbol(ref)
        return ref.refmod is None and (symbol is None or symbol.kind is JavaKind.NUM)

    def is_alphanumeric(self, ref: Ref) -> bool:
        """Tell whether ``ref`` receives a MOVE as bytes: a group, an
        alphanumeric or alphanumeric-edited item, or a reference modification."""
        symbol = self.symbol(ref)
        return (
            ref.refmod is not None
            or symbol is not None
            and symbol.kind in (JavaKind.AREA, JavaKind.ALPHA, JavaKind.ALPHA_EDITED)
        )

    def text_operand(self, expr: Expr) -> str:
        """Return an operand of DISPLAY or STRING, where a numeric literal
        stands for its characters as written (``005``, ``+7``, ``.5``)."""
        if isinstance(expr, Lit) and expr.literal.kind is LiteralKind.NUMBER:
            return java_string(expr.literal.text)
        if isinstance(expr, FuncCall):
            return shown_function(self, expr, digits_only=False)
        return self.operand(expr)

    def operand(self, expr: Expr) -> str:
        """Return an operand as the Object that Move, Display and Compare take."""
        if isinstance(expr, Lit):
            literal = expr.literal
            if literal.kind is LiteralKind.STRING:
                return java_string(literal.text)
            if literal.kind is LiteralKind.FIGURATIVE:
                return f"Figurative.{literal.text}"
            return self.context.constants.number(literal.text)
        if isinstance(expr, Ref):
            return self.ref(expr)
        if isinstance(expr, FuncCall):
            return function_call(self, expr)
        return self.num(expr)

    # Conditions ---------------------------------------------------------

    def cond(self, cond: Cond) -> str:
        """Return a boolean Java expression for a condition."""
        if isinstance(cond, Relation):
            return self._relation(cond)
        if isinstance(cond, ClassTest):
            return self._class_test(cond)
        if isinstance(cond, CondName):
            return f"{self.condition_ref(cond.ref)}.test()"
        if isinstance(cond, Not):
            return f"!({self.cond(cond.operand)})"
        joiner = " && " if isinstance(cond, And) else " || "
        assert isinstance(cond, (And, Or))
        return f"({self.cond(cond.left)}{joiner}{self.cond(cond.right)})"

    def condition_ref(self, ref: Ref) -> str:
        """Return the Java Level88 of a condition-name reference."""
        found = self.context.symbols.condition(ref)
        if found is None:
            raise ResolveError(f"{ref.name} is not a condition name", ref.line)
        if len(ref.subscripts) != found.owner.dims:
            raise ResolveError(
                f"{ref.name} needs {found.owner.dims} subscript(s)", ref.line
            )
        text = found.java
        if ref.subscripts:
            text += f".at({', '.join(self.int_expr(s) for s in ref.subscripts)})"
        return text

    def _relation(self, relation: Relation) -> str:
        left, right, op = relation.left, relation.right, relation.op
        if not isinstance(left, Ref) and isinstance(right, Ref):
            left, right, op = right, left, _MIRROR[op]
        return f"{self.compare(left, right)} {_JAVA_OP[op]} 0"

    def compare(self, left: Expr, right: Expr) -> str:
        """Return the Java call that compares two operands."""
        if (
            isinstance(right, Lit)
            and right.literal.all
            and right.literal.kind is LiteralKind.STRING
        ):
            return (
                f"Compare.compareAll({self.operand(left)}, "
                f"{java_string(right.literal.text)})"
            )
        if (
            isinstance(left, Ref)
            and isinstance(right, Lit)
            and right.literal.kind is LiteralKind.NUMBER
            and not self.is_numeric(left)
        ):
            return self._compare_spelled(left, right.literal.text)
        if isinstance(left, Ref):
            return f"Compare.compare({self.ref(left)}, {self.operand(right)})"
        if _is_numeric(left) and _is_numeric(right):
            return f"Compare.compare({self.num(left)}, {self.num(right)})"
        return (
            f"Compare.compare((Object) {self.operand(left)}, "
            f"(Object) {self.operand(right)})"
        )

    def _compare_spelled(self, left: Ref, literal: str) -> str:
        """Compare a non-numeric item with a numeric literal as spelled."""
        if literal.isdigit():
            return (
                f"Compare.compareNumericLiteral({self.ref(left)}, "
                f"{java_string(literal)})"
            )
        # NOTE: compareNumericLiteral drops the sign and keeps the point, but
        # GnuCOBOL 3.1.2 compares '-1' equal to -1 and '15' equal to 1.5.
        return (
            f"Compare.compare({self.ref(left)}, "
            f"{java_string(compared_digits(literal))})"
        )

    def _class_test(self, test: ClassTest) -> str:
        if test.test in _SIGN_TESTS:
            operand = (
                self.ref(test.operand)
                if isinstance(test.operand, Ref)
                else self.num(test.operand)
            )
            sign = _SIGN_TESTS[test.test]
            return f"Compare.compare({operand}, BigDecimal.ZERO) {sign}"
        if not isinstance(test.operand, Ref):
            raise UnsupportedConstruct(f"{test.test} test of a literal", test.line)
        return f"{_CLASS_TESTS[test.test]}({self.ref(test.operand)})"


def _is_numeric(expr: Expr) -> bool:
    if isinstance(expr, Lit):
        return expr.literal.kind is LiteralKind.NUMBER
    return isinstance(expr, (BinOp, Negate)) or is_numeric_function(expr)
