"""Generate Java for intrinsic function calls, through ``Functions``.

Alphanumeric functions give a Java ``String``, numeric ones a
``BigDecimal``. GnuCOBOL 3.1.2 shows and moves the result of most numeric
functions as a field of at least 9 digits (``FUNCTION MOD(7, 3)`` displays
``000000001``), some as plain digits (LENGTH of an item, DATE-OF-INTEGER),
and ABS, MAX, MIN and SQRT in a form that depends on their arguments. The
last ones are translated in arithmetic and comparisons only.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrate.convert.rules.nodes import Expr, FuncCall
from migrate.convert.rules.stream import UnsupportedConstruct

if TYPE_CHECKING:
    from migrate.convert.rules.codegen_expr import ExprGenerator


class Shown(enum.Enum):
    """How DISPLAY, and MOVE to an alphanumeric item, render a result."""

    TEXT = "text"
    PADDED = "padded"
    PLAIN = "plain"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Function:
    """An intrinsic function the runtime implements.

    ``numeric_args`` tells whether the arguments are arithmetic values
    rather than items or literals; ``arity`` is None for a list.
    """

    method: str
    numeric: bool
    numeric_args: bool
    arity: int | None
    shown: Shown


_TEXT = Shown.TEXT
_FUNCTIONS = {
    "CURRENT-DATE": Function("currentDate", False, False, 0, _TEXT),
    "UPPER-CASE": Function("upperCase", False, False, 1, _TEXT),
    "LOWER-CASE": Function("lowerCase", False, False, 1, _TEXT),
    "REVERSE": Function("reverse", False, False, 1, _TEXT),
    "TRIM": Function("trim", False, False, 1, _TEXT),
    "CONCATENATE": Function("concatenate", False, False, None, _TEXT),
    "CHAR": Function("charOf", False, True, 1, _TEXT),
    "LENGTH": Function("length", True, False, 1, Shown.PLAIN),
    "NUMVAL": Function("numval", True, False, 1, Shown.PADDED),
    "NUMVAL-C": Function("numvalC", True, False, 1, Shown.PADDED),
    "ORD": Function("ord", True, False, 1, Shown.PADDED),
    "MOD": Function("mod", True, True, 2, Shown.PADDED),
    "REM": Function("rem", True, True, 2, Shown.PADDED),
    "INTEGER": Function("integer", True, True, 1, Shown.PADDED),
    "INTEGER-PART": Function("integerPart", True, True, 1, Shown.PADDED),
    "INTEGER-OF-DATE": Function("integerOfDate", True, True, 1, Shown.PADDED),
    "INTEGER-OF-DAY": Function("integerOfDay", True, True, 1, Shown.PADDED),
    "DATE-OF-INTEGER": Function("dateOfInteger", True, True, 1, Shown.PLAIN),
    "DAY-OF-INTEGER": Function("dayOfInteger", True, True, 1, Shown.PLAIN),
    "ABS": Function("abs", True, True, 1, Shown.UNKNOWN),
    "MAX": Function("max", True, True, None, Shown.UNKNOWN),
    "MIN": Function("min", True, True, None, Shown.UNKNOWN),
    "SQRT": Function("sqrt", True, True, 1, Shown.UNKNOWN),
}
_TRIM_METHODS = {"": "trim", "LEADING": "trimLeading", "TRAILING": "trimTrailing"}


def function_of(call: FuncCall) -> Function:
    """Return the runtime function of ``call``; raise UnsupportedConstruct
    for a function it does not implement or a wrong argument count."""
    found = _FUNCTIONS.get(call.name)
    if found is None:
        raise UnsupportedConstruct(f"intrinsic function {call.name}", call.line)
    if (
        found.arity is not None
        and len(call.args) != found.arity
        or found.arity is None
        and not call.args
    ):
        raise UnsupportedConstruct(
            f"FUNCTION {call.name} with {len(call.args)} arguments", call.line
        )
    if call.refmod is not None and found.numeric:
        raise UnsupportedConstruct(
            f"reference modification of FUNCTION {call.name}", call.line
        )
    return found


def is_numeric_function(expr: Expr | None) -> bool:
    """Tell whether ``expr`` calls a numeric intrinsic function."""
    return (
        isinstance(expr, FuncCall)
        and expr.name in _FUNCTIONS
        and _FUNCTIONS[expr.name].numeric
    )


def function_call(g: ExprGenerator, call: FuncCall) -> str:
    """Return the Java call: a String or a BigDecimal expression."""
    function = function_of(call)
    method = _TRIM_METHODS[call.keyword] if call.name == "TRIM" else function.method
    render = g.num if function.numeric_args else g.operand
    text = f"Functions.{method}({', '.join(render(arg) for arg in call.args)})"
    if call.refmod is None:
        return text
    start, length = call.refmod
    begin = f"{g.int_expr(start)} - 1"
    if length is None:
        return f"{text}.substring({begin})"
    return f"{text}.substring({begin}, {begin} + {g.int_expr(length)})"


def shown_function(g: ExprGenerator, call: FuncCall, digits_only: bool) -> str:
    """Return the String or BigDecimal that DISPLAY writes for ``call`` or,
    with ``digits_only``, that MOVE stores in an alphanumeric item."""
    function = function_of(call)
    text = function_call(g, call)
    shown = function.shown
    if call.name == "LENGTH" and isinstance(call.args[0], FuncCall):
        # The length of a function result is shown as 9 digits.
        shown = Shown.PADDED
    if shown is Shown.UNKNOWN:
        what = "MOVE" if digits_only else "DISPLAY"
        raise UnsupportedConstruct(f"{what} of FUNCTION {call.name}", call.line)
    if shown is not Shown.PADDED:
        return text
    padded = f"Functions.displayText({text})"
    return f'{padded}.replace("-", "").replace(".", "")' if digits_only else padded
