"""Parse the control-flow statements: IF, EVALUATE, PERFORM, CALL and the
statements that end a procedure or program."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from migrate.convert.rules.lexer import Token, TokenKind
from migrate.convert.rules.nodes import (
    Call,
    Control,
    Evaluate,
    Expr,
    Flow,
    Handlers,
    If,
    PassMode,
    Perform,
    Ref,
    Stmt,
    Subject,
    Varying,
    When,
    WhenKind,
    WhenObject,
)
from migrate.convert.rules.stream import ParseError, UnsupportedConstruct

if TYPE_CHECKING:
    from migrate.convert.rules.statements import StatementParser

_PERFORM_OPTIONS = ("UNTIL", "VARYING", "WITH", "TEST")


def parse_if(p: StatementParser, verb: Token) -> Stmt:
    cond = p.expr.condition()
    p.stream.accept("THEN")
    _reject_next_sentence(p)
    then = p.block()
    otherwise = None
    if p.stream.accept("ELSE"):
        _reject_next_sentence(p)
        otherwise = p.block()
    p.end_scope("END-IF")
    return If(cond, then, otherwise, verb.line)


def _reject_next_sentence(p: StatementParser) -> None:
    if p.stream.peek_word("NEXT") and p.stream.peek_word("SENTENCE", ahead=1):
        raise UnsupportedConstruct("NEXT SENTENCE", p.stream.line())


def parse_evaluate(p: StatementParser, verb: Token) -> Stmt:
    subjects = [_subject(p)]
    while p.stream.accept("ALSO"):
        subjects.append(_subject(p))
    whens: list[When] = []
    other = None
    while p.stream.peek_word("WHEN"):
        if p.stream.peek_word("OTHER", ahead=1):
            p.stream.next()
            p.stream.next()
            other = p.block()
            break
        line = p.stream.line()
        alternatives = []
        while p.stream.peek_word("WHEN") and not p.stream.peek_word("OTHER", ahead=1):
            p.stream.next()
            alternatives.append(_when_objects(p, subjects))
        whens.append(When(tuple(alternatives), p.block(), line))
    p.end_scope("END-EVALUATE")
    return Evaluate(tuple(subjects), tuple(whens), other, verb.line)


def _subject(p: StatementParser) -> Subject:
    if p.stream.accept("TRUE"):
        return Subject(truth=True)
    if p.stream.accept("FALSE"):
        return Subject(truth=False)
    start = p.stream.index
    if p.stream.peek_word("NOT"):
        return Subject(cond=p.expr.condition())
    expr = p.expr.arithmetic()
    is_condition_name = isinstance(expr, Ref) and p.expr.is_condition(expr.name)
    if is_condition_name or p.expr._relop_ahead(0) or p.expr._class_ahead():
        p.stream.index = start
        return Subject(cond=p.expr.condition())
    return Subject(expr=expr)


def _when_objects(
    p: StatementParser, subjects: list[Subject]
) -> tuple[WhenObject, ...]:
    objects = [_when_object(p, subjects[0])]
    while p.stream.accept("ALSO"):
        if len(objects) >= len(subjects):
            raise ParseError(
                "WHEN has more objects than EVALUATE subjects", p.stream.line()
            )
        objects.append(_when_object(p, subjects[len(objects)]))
    return tuple(objects)


def _when_object(p: StatementParser, subject: Subject) -> WhenObject:
    if p.stream.accept("ANY"):
        return WhenObject(WhenKind.ANY)
    if p.stream.accept("TRUE"):
        return WhenObject(WhenKind.TRUE)
    if p.stream.accept("FALSE"):
        return WhenObject(WhenKind.FALSE)
    if subject.expr is None:
        return WhenObject(WhenKind.COND, cond=p.expr.condition())
    negated = bool(p.stream.accept("NOT"))
    value = p.expr.arithmetic()
    if p.stream.accept("THRU", "THROUGH"):
        return WhenObject(WhenKind.RANGE, value, p.expr.arithmetic(), negated=negated)
    return WhenObject(WhenKind.VALUE, value, negated=negated)


def parse_perform(p: StatementParser, verb: Token) -> Stmt:
    first = last = None
    if _at_procedure_name(p):
        first = _procedure_name(p)
        if p.stream.accept("THRU", "THROUGH"):
            last = _procedure_name(p)
    options = _perform_options(p, verb)
    body = None
    if first is None:
        body = p.block()
        p.stream.expect("END-PERFORM")
    return replace(options, first=first, last=last, body=body)


def _at_procedure_name(p: StatementParser) -> bool:
    token = p.stream.peek()
    if token is None or p.stream.at_verb() or token.is_word(*_PERFORM_OPTIONS):
        return False
    if token.kind not in (TokenKind.WORD, TokenKind.NUMBER):
        return False
    return not p.stream.peek_word("TIMES", ahead=1)


def _procedure_name(p: StatementParser) -> str:
    token = p.stream.next()
    if token.kind not in (TokenKind.WORD, TokenKind.NUMBER):
        raise ParseError(f"expected a procedure name, found {token.text!r}", token.line)
    if p.stream.peek_word("OF", "IN"):
        p.stream.next()
        section = p.stream.next().text
        return f"{token.text} IN {section}"
    return token.text


def _perform_options(p: StatementParser, verb: Token) -> Perform:
    """Parse the TIMES, UNTIL or VARYING phrase into a Perform without its
    procedure names and body."""
    plain = Perform(None, None, None, verb.line)
    if (
        p.expr.at_operand()
        and p.stream.peek_word("TIMES", ahead=1)
        or _times_after_ref(p)
    ):
        times = p.expr.operand()
        p.stream.expect("TIMES")
        return replace(plain, times=times)
    test_after = False
    if p.stream.peek_word("WITH", "TEST"):
        p.stream.accept("WITH")
        p.stream.expect("TEST")
        test_after = p.stream.expect("BEFORE", "AFTER").text == "AFTER"
    if p.stream.accept("UNTIL"):
        return replace(plain, until=p.expr.condition(), test_after=test_after)
    if p.stream.accept("VARYING"):
        varying = [_varying(p)]
        while p.stream.accept("AFTER"):
            varying.append(_varying(p))
        return replace(plain, varying=tuple(varying), test_after=test_after)
    if test_after:
        raise ParseError("WITH TEST needs UNTIL or VARYING", verb.line)
    return plain


def _times_after_ref(p: StatementParser) -> bool:
    """Tell whether a subscripted count precedes TIMES: ``X(I) TIMES``."""
    start = p.stream.index
    try:
        p.expr.ref()
        return p.stream.peek_word("TIMES")
    except (ParseError, UnsupportedConstruct):
        return False
    finally:
        p.stream.index = start


def _varying(p: StatementParser) -> Varying:
    var = p.expr.ref()
    p.stream.expect("FROM")
    start = p.expr.arithmetic()
    p.stream.expect("BY")
    step = p.expr.arithmetic()
    p.stream.expect("UNTIL")
    return Varying(var, start, step, p.expr.condition())


def parse_call(p: StatementParser, verb: Token) -> Stmt:
    program = p.expr.operand()
    args: list[tuple[PassMode, Expr]] = []
    if p.stream.accept("USING"):
        mode = PassMode.REFERENCE
        while True:
            mode = _pass_mode(p, mode)
            if p.stream.peek_word("OMITTED", "ADDRESS"):
                raise UnsupportedConstruct(
                    "CALL argument OMITTED or ADDRESS OF", verb.line
                )
            if not p.expr.at_operand():
                break
            args.append((mode, p.expr.operand()))
    if p.stream.peek_word("RETURNING", "GIVING"):
        raise UnsupportedConstruct("CALL ... RETURNING", verb.line)
    handlers = _call_handlers(p)
    return Call(program, tuple(args), handlers, verb.line)


def _pass_mode(p: StatementParser, mode: PassMode) -> PassMode:
    p.stream.accept("BY")
    word = p.stream.accept("REFERENCE", "CONTENT", "VALUE")
    if word is None:
        return mode
    if word.text == "VALUE":
        raise UnsupportedConstruct("CALL ... BY VALUE", word.line)
    return PassMode.REFERENCE if word.text == "REFERENCE" else PassMode.CONTENT


def _call_handlers(p: StatementParser) -> Handlers:
    word = (
        "OVERFLOW"
        if (p.stream.peek_word("OVERFLOW") or p.stream.peek_word("OVERFLOW", ahead=1))
        else "EXCEPTION"
    )
    return p.handlers((word,), "ON", "END-CALL")


def parse_control(p: StatementParser, verb: Token) -> Stmt:
    if verb.text == "GOBACK":
        return Control(Flow.GOBACK, verb.line)
    if verb.text == "CONTINUE":
        return Control(Flow.CONTINUE, verb.line)
    if verb.text == "STOP":
        if not p.stream.accept("RUN"):
            raise UnsupportedConstruct("STOP literal", verb.line)
        if p.stream.peek_word("RETURNING", "GIVING", "WITH"):
            raise UnsupportedConstruct("STOP RUN RETURNING", verb.line)
        return Control(Flow.STOP_RUN, verb.line)
    return _exit(p, verb)


def _exit(p: StatementParser, verb: Token) -> Stmt:
    if p.stream.accept("PROGRAM"):
        return Control(Flow.EXIT_PROGRAM, verb.line)
    if p.stream.accept("PARAGRAPH"):
        return Control(Flow.EXIT_PARAGRAPH, verb.line)
    if p.stream.accept("PERFORM"):
        if p.stream.accept("CYCLE"):
            return Control(Flow.EXIT_PERFORM_CYCLE, verb.line)
        return Control(Flow.EXIT_PERFORM, verb.line)
    if p.stream.peek_word("SECTION"):
        raise UnsupportedConstruct("EXIT SECTION", verb.line)
    return Control(Flow.EXIT, verb.line)
