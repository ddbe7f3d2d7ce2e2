"""Generate Java for the data, arithmetic and input-output statements."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from migrate.convert.rules.codegen_expr import RETURN_CODE
from migrate.convert.rules.codegen_func import is_numeric_function, shown_function
from migrate.convert.rules.javatext import block, indent, java_string, moved_digits
from migrate.convert.rules.nodes import (
    Accept,
    Arithmetic,
    ArithVerb,
    Close,
    Compute,
    Display,
    Expr,
    FuncCall,
    Handlers,
    Inspect,
    Lit,
    Move,
    Open,
    Read,
    Ref,
    Rewrite,
    SetTrue,
    StringStmt,
    Target,
    Write,
)
from migrate.convert.rules.stream import UnsupportedConstruct
from migrate.convert.rules.symbols import JavaKind, ResolveError
from migrate.parse.data import LiteralKind

if TYPE_CHECKING:
    from migrate.convert.rules.codegen_flow import StatementGenerator
    from migrate.convert.rules.context import MethodState

SYNC_RETURN_CODE = "RunUnit.returnCode = RETURN_CODE.intValue();"

_ACCEPT = {
    "": "line",
    "DATE": "date",
    "DATE YYYYMMDD": "dateYyyymmdd",
    "DAY": "day",
    "DAY YYYYDDD": "dayYyyyddd",
    "DAY-OF-WEEK": "dayOfWeek",
    "TIME": "time",
}
_OPEN = {
    "INPUT": "openInput",
    "OUTPUT": "openOutput",
    "EXTEND": "openExtend",
    "I-O": "openIo",
}


def sync_after(refs: list[Ref]) -> list[str]:
    """Return the line that copies RETURN-CODE back when a target is it."""
    return [SYNC_RETURN_CODE] if any(r.name == RETURN_CODE for r in refs) else []


def gen_move(g: StatementGenerator, stmt: Move, state: MethodState) -> list[str]:
    lines = []
    source = stmt.source
    for target in stmt.targets:
        dst = g.expr.ref(target)
        if (
            isinstance(source, Lit)
            and source.literal.all
            and source.literal.kind is LiteralKind.STRING
        ):
            lines.append(f"Move.all({java_string(source.literal.text)}, {dst});")
        elif (
            isinstance(source, Lit)
            and source.literal.kind is LiteralKind.NUMBER
            and g.expr.is_alphanumeric(target)
        ):
            digits = java_string(moved_digits(source.literal.text))
            lines.append(f"Move.move({digits}, {dst});")
        elif is_numeric_function(source) and g.expr.is_alphanumeric(target):
            assert isinstance(source, FuncCall)
            digits = shown_function(g.expr, source, digits_only=True)
            lines.append(f"Move.move({digits}, {dst});")
        else:
            lines.append(f"Move.move({g.expr.operand(source)}, {dst});")
        lines.extend(sync_after([target]))
    return lines


def gen_compute(g: StatementGenerator, stmt: Compute, state: MethodState) -> list[str]:
    value = g.expr.num(stmt.expr)
    if len(stmt.targets) == 1:
        return _stores(g, stmt.targets, value, stmt.handlers, state)
    name = state.local("value")
    return [f"BigDecimal {name} = {value};"] + _stores(
        g, stmt.targets, name, stmt.handlers, state
    )


def _stores(
    g: StatementGenerator,
    targets: tuple[Target, ...],
    value: str,
    handlers: Handlers,
    state: MethodState,
    combine: str | None = None,
) -> list[str]:
    """Store ``value`` in each target, then run the SIZE ERROR phrases.

    With ``combine`` (an Arith method), each target receives
    ``combine(target, value)``, as ADD ... TO does.
    """
    checked = "true" if handlers.present else "false"
    calls = []
    for target in targets:
        dst = g.expr.ref(target.ref)
        result = value
        if combine is not None:
            current = g.expr.num(target.ref)
            result = f"Arith.{combine}({current}, {value})"
        rounded = "true" if target.rounded else "false"
        calls.append(f"Arith.store({dst}, {result}, {rounded}, {checked})")
    sync = sync_after([t.ref for t in targets])
    if not handlers.present:
        return [f"{call};" for call in calls] + sync
    flag = state.local("sizeError")
    lines = [f"boolean {flag} = {calls[0]};"]
    lines.extend(f"{flag} |= {call};" for call in calls[1:])
    return lines + sync + g.handlers(flag, handlers, state)


def gen_arithmetic(
    g: StatementGenerator, stmt: Arithmetic, state: MethodState
) -> list[str]:
    if stmt.remainder is not None:
        return _divide_remainder(g, stmt, state)
    operands = _sum(g, stmt.operands)
    if stmt.verb is ArithVerb.ADD:
        if stmt.giving:
            value = _sum(g, stmt.operands + stmt.second)
            return _stores(g, stmt.targets, value, stmt.handlers, state)
        return _stores(g, stmt.targets, operands, stmt.handlers, state, "add")
    if stmt.verb is ArithVerb.SUBTRACT:
        if stmt.giving:
            value = f"Arith.subtract({_sum(g, stmt.second)}, {operands})"
            return _stores(g, stmt.targets, value, stmt.handlers, state)
        return _stores(g, stmt.targets, operands, stmt.handlers, state, "subtract")
    if stmt.verb is ArithVerb.MULTIPLY:
        if stmt.giving:
            value = f"Arith.multiply({operands}, {g.expr.num(stmt.second[0])})"
            return _stores(g, stmt.targets, value, stmt.handlers, state)
        return _multiply_each(g, stmt, operands, state)
    return _divide(g, stmt, operands, state)


def _sum(g: StatementGenerator, operands: tuple[Expr, ...]) -> str:
    total = g.expr.num(operands[0])
    for operand in operands[1:]:
        total = f"Arith.add({total}, {g.expr.num(operand)})"
    return total


def _multiply_each(
    g: StatementGenerator, stmt: Arithmetic, operand: str, state: MethodState
) -> list[str]:
    """MULTIPLY a BY b c: each target becomes ``a * target``."""
    targets = stmt.targets
    values = [f"Arith.multiply({operand}, {g.expr.num(t.ref)})" for t in targets]
    return _stores_each(g, targets, values, stmt.handlers, state)


def _divide(
    g: StatementGenerator, stmt: Arithmetic, operand: str, state: MethodState
) -> list[str]:
    if stmt.giving:
        other = g.expr.num(stmt.second[0])
        value = (
            f"Arith.divide({other}, {operand})"
            if stmt.into
            else f"Arith.divide({operand}, {other})"
        )
        return _stores(g, stmt.targets, value, stmt.handlers, state)
    values = [f"Arith.divide({g.expr.num(t.ref)}, {operand})" for t in stmt.targets]
    return _stores_each(g, stmt.targets, values, stmt.handlers, state)


def _stores_each(
    g: StatementGenerator,
    targets: tuple[Target, ...],
    values: list[str],
    handlers: Handlers,
    state: MethodState,
) -> list[str]:
    lines: list[str] = []
    flag = state.local("sizeError") if handlers.present else ""
    if flag:
        lines.append(f"boolean {flag} = false;")
    checked = "true" if handlers.present else "false"
    for target, value in zip(targets, values, strict=True):
        rounded = "true" if target.rounded else "false"
        call = f"Arith.store({g.expr.ref(target.ref)}, {value}, {rounded}, {checked})"
        lines.append(f"{flag} |= {call};" if flag else f"{call};")
    lines.extend(sync_after([t.ref for t in targets]))
    return lines + (g.handlers(flag, handlers, state) if flag else [])


def _divide_remainder(
    g: StatementGenerator, stmt: Arithmetic, state: MethodState
) -> list[str]:
    if not stmt.giving or len(stmt.targets) != 1:
        raise UnsupportedConstruct(
            "DIVIDE REMAINDER without one GIVING item", stmt.line
        )
    operand = g.expr.num(stmt.operands[0])
    other = g.expr.num(stmt.second[0])
    dividend, divisor = (other, operand) if stmt.into else (operand, other)
    quotient = stmt.targets[0]
    remainder = stmt.remainder
    assert remainder is not None
    checked = "true" if stmt.handlers.present else "false"
    call = (
        f"Arith.divide({dividend}, {divisor}, {g.expr.ref(quotient.ref)}, "
        f"{'true' if quotient.rounded else 'false'}, "
        f"{g.expr.ref(remainder.ref)}, {checked})"
    )
    sync = sync_after([quotient.ref, remainder.ref])
    if not stmt.handlers.present:
        return [f"{call};"] + sync
    flag = state.local("sizeError")
    return [f"boolean {flag} = {call};"] + sync + g.handlers(flag, stmt.handlers, state)


def gen_display(g: StatementGenerator, stmt: Display, state: MethodState) -> list[str]:
    method = (
        "errorLine"
        if stmt.upon_syserr
        else ("noAdvancing" if stmt.no_advancing else "line")
    )
    items = ", ".join(_display_item(g, item) for item in stmt.items)
    return [f"Display.{method}({items});"]


def _display_item(g: StatementGenerator, item: Expr) -> str:
    if isinstance(item, Lit) and item.literal.all:
        raise UnsupportedConstruct("DISPLAY ALL literal", item.line)
    return g.expr.text_operand(item)


def gen_accept(g: StatementGenerator, stmt: Accept, state: MethodState) -> list[str]:
    target = g.expr.ref(stmt.target)
    return [f"Accept.{_ACCEPT[stmt.source]}({target});"] + sync_after([stmt.target])


def gen_open(g: StatementGenerator, stmt: Open, state: MethodState) -> list[str]:
    return [
        f"{g.file(name, stmt.line)}.{_OPEN[mode]}();"
        for mode, names in stmt.modes
        for name in names
    ]


def gen_close(g: StatementGenerator, stmt: Close, state: MethodState) -> list[str]:
    return [f"{g.file(name, stmt.line)}.close();" for name in stmt.files]


def gen_read(g: StatementGenerator, stmt: Read, state: MethodState) -> list[str]:
    into = g.expr.ref(stmt.into) if stmt.into is not None else "null"
    # Without AT END, end of file is fatal in libcob unless a FILE STATUS
    # item or a declarative covers the file; NOT AT END alone does not.
    at_end = "true" if stmt.handlers.on is not None else "false"
    call = f"{g.file(stmt.file, stmt.line)}.read({into}, {at_end})"
    if not stmt.handlers.present:
        return [f"{call};"]
    flag = state.local("record")
    return [f"boolean {flag} = {call};"] + g.handlers(f"!{flag}", stmt.handlers, state)


def _record_file(g: StatementGenerator, record: Ref, line: int) -> str:
    """Return the name of the file whose FD describes ``record``."""
    file_name = g.context.symbols.file_of_record.get(record.name)
    if file_name is None:
        raise ResolveError(f"{record.name} is not a record of a file", line)
    return file_name


def _move_from(
    g: StatementGenerator, record: Ref, source: Expr | None, state: MethodState
) -> list[str]:
    """Return the MOVE that the FROM phrase of WRITE and REWRITE implies."""
    if source is None:
        return []
    return gen_move(g, Move(source, (record,), record.line), state)


def gen_write(g: StatementGenerator, stmt: Write, state: MethodState) -> list[str]:
    file_name = _record_file(g, stmt.record, stmt.line)
    file = g.file(file_name, stmt.line)
    record = g.expr.ref(stmt.record)
    # WRITE ... FROM is MOVE ... TO the record, then WRITE of the record.
    lines = _move_from(g, stmt.record, stmt.source, state)
    symbol = g.expr.symbol(stmt.record)
    short = (
        symbol is not None and symbol.item.size < g.context.files[file_name].record_size
    )
    if stmt.advancing:
        count = "-1" if stmt.lines is None else g.expr.int_expr(stmt.lines)
        after = "true" if stmt.after else "false"
        # NOTE: a record shorter than the record area is written by moving
        # it over the whole area, which leaves spaces after it in the area.
        source = record if short else "null"
        return lines + [f"{file}.write({source}, {after}, {count});"]
    if short:
        # Only the record's own bytes are written, as GnuCOBOL writes them.
        return lines + [f"{file}.writeRecord({record});"]
    return lines + [f"{file}.write();"]


def gen_rewrite(g: StatementGenerator, stmt: Rewrite, state: MethodState) -> list[str]:
    file = g.file(_record_file(g, stmt.record, stmt.line), stmt.line)
    return _move_from(g, stmt.record, stmt.source, state) + [f"{file}.rewrite();"]


def gen_string(
    g: StatementGenerator, stmt: StringStmt, state: MethodState
) -> list[str]:
    call = f"new StringInto({g.expr.ref(stmt.into)})"
    if stmt.pointer is not None:
        pointer = g.expr.ref(stmt.pointer)
        _require_numeric(g, stmt.pointer, "STRING POINTER")
        call += f".pointer({pointer})"
    for source, delimiter in stmt.sources:
        if is_numeric_function(source) or is_numeric_function(delimiter):
            # GnuCOBOL 3.1.2 strings the result's internal bytes, not its digits.
            raise UnsupportedConstruct("numeric FUNCTION in STRING", stmt.line)
        delim = "null" if delimiter is None else g.expr.text_operand(delimiter)
        call += f"\n        .add({g.expr.text_operand(source)}, {delim})"
    call += ".run()"
    lines: list[str]
    if not stmt.handlers.present:
        lines = [f"{call};"]
    else:
        flag = state.local("overflow")
        lines = [f"boolean {flag} = {call};"] + g.handlers(flag, stmt.handlers, state)
    return [piece for line in lines for piece in line.split("\n")]


def _require_numeric(g: StatementGenerator, ref: Ref, what: str) -> None:
    symbol = g.expr.symbol(ref)
    if symbol is not None and symbol.kind is not JavaKind.NUM:
        raise UnsupportedConstruct(f"{what} item that is not numeric", ref.line)


def gen_inspect(g: StatementGenerator, stmt: Inspect, state: MethodState) -> list[str]:
    parts = [f"new Inspect({g.expr.ref(stmt.subject)})"]
    for phrase in stmt.phrases:
        if phrase.counter is not None:
            _require_numeric(g, phrase.counter, "INSPECT TALLYING")
            counter = g.expr.ref(phrase.counter)
            if phrase.mode == "CHARACTERS":
                parts.append(f".tallyCharacters({counter})")
            else:
                method = "tallyAll" if phrase.mode == "ALL" else "tallyLeading"
                parts.append(f".{method}({counter}, {_pattern(g, phrase.pattern)})")
        elif phrase.mode == "CHARACTERS":
            parts.append(f".replaceCharacters({_pattern(g, phrase.replacement)})")
        else:
            method = {
                "ALL": "replaceAll",
                "LEADING": "replaceLeading",
                "FIRST": "replaceFirst",
            }[phrase.mode]
            parts.append(
                f".{method}({_pattern(g, phrase.pattern)}, "
                f"{_pattern(g, phrase.replacement)})"
            )
        parts.extend(_bounds(g, phrase.bounds))
    if stmt.converting is not None:
        source, target, bounds = stmt.converting
        parts.append(f".convert({_pattern(g, source)}, {_pattern(g, target)})")
        parts.extend(_bounds(g, bounds))
    return (
        [parts[0]]
        + [f"        {part}" for part in parts[1:-1]]
        + ([f"        {parts[-1]}.run();"] if len(parts) > 1 else [])
    )


def _pattern(g: StatementGenerator, expr: Expr | None) -> str:
    if expr is None:
        raise UnsupportedConstruct("INSPECT phrase without an operand", 0)
    return g.expr.operand(expr)


def _bounds(g: StatementGenerator, bounds: tuple[tuple[str, Expr], ...]) -> list[str]:
    return [f".{word.lower()}({_pattern(g, delimiter)})" for word, delimiter in bounds]


def gen_set(g: StatementGenerator, stmt: SetTrue, state: MethodState) -> list[str]:
    return [f"{g.expr.condition_ref(ref)}.set();" for ref in stmt.conditions]


def handler_lines(
    flag: str, handlers: Handlers, on_block: list[str], not_block: list[str]
) -> list[str]:
    """Return ``if (flag) {on} else {not on}`` with absent phrases left out."""
    if handlers.on is not None and handlers.not_on is not None:
        return block(f"if ({flag})", on_block, "} else {") + not_block_tail(not_block)
    if handlers.on is not None:
        return block(f"if ({flag})", on_block)
    return block(f"if (!({flag}))", not_block)


def not_block_tail(lines: list[str]) -> list[str]:
    """Return the indented ELSE branch and the closing brace."""
    return indent(lines) + ["}"]


# The generator of each simple statement node, by node type.
RULES: dict[type, Callable[..., list[str]]] = {
    Move: gen_move,
    Compute: gen_compute,
    Arithmetic: gen_arithmetic,
    Display: gen_display,
    Accept: gen_accept,
    Open: gen_open,
    Close: gen_close,
    Read: gen_read,
    Write: gen_write,
    Rewrite: gen_rewrite,
    StringStmt: gen_string,
    Inspect: gen_inspect,
    SetTrue: gen_set,
}
