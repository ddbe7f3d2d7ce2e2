"""Parse the data, arithmetic and input-output statements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrate.convert.rules.lexer import Token, TokenKind
from migrate.convert.rules.nodes import (
    Accept,
    Arithmetic,
    ArithVerb,
    Close,
    Compute,
    Display,
    Expr,
    Inspect,
    InspectPhrase,
    Move,
    Open,
    Read,
    Ref,
    Rewrite,
    SetTrue,
    Stmt,
    StringStmt,
    Target,
    Write,
)
from migrate.convert.rules.stream import (
    SCOPE_TERMINATORS,
    VERBS,
    ParseError,
    UnsupportedConstruct,
)

if TYPE_CHECKING:
    from migrate.convert.rules.statements import StatementParser

_SIZE_ERROR = (("SIZE", "ERROR"), "ON")


def parse_move(p: StatementParser, verb: Token) -> Stmt:
    if p.stream.peek_word("CORRESPONDING", "CORR"):
        raise UnsupportedConstruct("MOVE CORRESPONDING", verb.line)
    source = p.expr.operand()
    p.stream.expect("TO")
    return Move(source, tuple(_refs(p)), verb.line)


def parse_compute(p: StatementParser, verb: Token) -> Stmt:
    targets = _targets(p)
    if not p.stream.accept("EQUAL"):
        token = p.stream.next()
        if token.text != "=":
            raise ParseError(
                f"expected '=' in COMPUTE, found {token.text!r}", token.line
            )
    expr = p.expr.arithmetic()
    handlers = p.handlers(*_SIZE_ERROR, "END-COMPUTE")
    return Compute(tuple(targets), expr, handlers, verb.line)


def parse_add(p: StatementParser, verb: Token) -> Stmt:
    if p.stream.peek_word("CORRESPONDING", "CORR"):
        raise UnsupportedConstruct("ADD CORRESPONDING", verb.line)
    operands = _operands(p)
    second: list[Expr] = []
    if p.stream.accept("TO"):
        if _giving_follows(p):
            second = _operands(p)
        else:
            targets = _targets(p)
            handlers = p.handlers(*_SIZE_ERROR, "END-ADD")
            return Arithmetic(
                ArithVerb.ADD,
                tuple(operands),
                (),
                tuple(targets),
                False,
                handlers,
                verb.line,
            )
    p.stream.expect("GIVING")
    targets = _targets(p)
    handlers = p.handlers(*_SIZE_ERROR, "END-ADD")
    return Arithmetic(
        ArithVerb.ADD,
        tuple(operands),
        tuple(second),
        tuple(targets),
        True,
        handlers,
        verb.line,
    )


def parse_subtract(p: StatementParser, verb: Token) -> Stmt:
    if p.stream.peek_word("CORRESPONDING", "CORR"):
        raise UnsupportedConstruct("SUBTRACT CORRESPONDING", verb.line)
    operands = _operands(p)
    p.stream.expect("FROM")
    if _giving_follows(p):
        second = _operands(p)
        p.stream.expect("GIVING")
        targets = _targets(p)
        giving = True
    else:
        second, targets, giving = [], _targets(p), False
    handlers = p.handlers(*_SIZE_ERROR, "END-SUBTRACT")
    return Arithmetic(
        ArithVerb.SUBTRACT,
        tuple(operands),
        tuple(second),
        tuple(targets),
        giving,
        handlers,
        verb.line,
    )


def parse_multiply(p: StatementParser, verb: Token) -> Stmt:
    operand = p.expr.operand()
    p.stream.expect("BY")
    return _by_or_giving(p, verb, ArithVerb.MULTIPLY, operand, False, "END-MULTIPLY")


def parse_divide(p: StatementParser, verb: Token) -> Stmt:
    operand = p.expr.operand()
    into = p.stream.expect("INTO", "BY").text == "INTO"
    return _by_or_giving(p, verb, ArithVerb.DIVIDE, operand, into, "END-DIVIDE")


def _by_or_giving(
    p: StatementParser,
    verb: Token,
    kind: ArithVerb,
    operand: Expr,
    into: bool,
    terminator: str,
) -> Stmt:
    second: tuple[Expr, ...]
    if _giving_follows(p):
        second = (p.expr.operand(),)
        p.stream.expect("GIVING")
        targets = _targets(p)
        giving = True
    else:
        second, targets, giving = (), _targets(p), False
        if kind is ArithVerb.DIVIDE and not into:
            raise ParseError("DIVIDE ... BY needs GIVING", verb.line)
    remainder = None
    if p.stream.accept("REMAINDER"):
        remainder = _targets(p)[0]
    handlers = p.handlers(*_SIZE_ERROR, terminator)
    return Arithmetic(
        kind,
        (operand,),
        second,
        tuple(targets),
        giving,
        handlers,
        verb.line,
        into=into,
        remainder=remainder,
    )


def _giving_follows(p: StatementParser) -> bool:
    """Tell whether GIVING comes before the end of this statement."""
    index = p.stream.index
    depth = 0
    while index < len(p.stream.tokens):
        token = p.stream.tokens[index]
        if token.kind is TokenKind.LPAREN:
            depth += 1
        elif token.kind is TokenKind.RPAREN:
            depth -= 1
        elif depth == 0 and token.is_word("GIVING"):
            return True
        elif depth == 0 and _ends_operands(token, index > p.stream.index):
            return False
        index += 1
    return False


def _ends_operands(token: Token, after_first: bool) -> bool:
    """Tell whether ``token`` ends an arithmetic statement's operands."""
    if token.kind is TokenKind.PERIOD or token.text in SCOPE_TERMINATORS:
        return True
    if token.is_word("ROUNDED", "ON", "SIZE", "NOT", "REMAINDER"):
        return True
    return after_first and token.kind is TokenKind.WORD and token.text in VERBS


def _operands(p: StatementParser) -> list[Expr]:
    operands = [p.expr.operand()]
    while p.expr.at_operand():
        operands.append(p.expr.operand())
    return operands


def _refs(p: StatementParser) -> list[Ref]:
    refs = [p.expr.ref()]
    while p.expr.at_operand():
        refs.append(p.expr.ref())
    return refs


def _targets(p: StatementParser) -> list[Target]:
    targets: list[Target] = []
    while True:
        ref = p.expr.ref()
        targets.append(Target(ref, bool(p.stream.accept("ROUNDED"))))
        if not p.expr.at_operand():
            return targets


def parse_display(p: StatementParser, verb: Token) -> Stmt:
    items: list[Expr] = []
    while p.expr.at_operand():
        items.append(p.expr.operand())
    syserr = False
    if p.stream.accept("UPON"):
        device = p.stream.next()
        if not device.is_word("SYSERR", "STDERR", "SYSOUT", "STDOUT", "CONSOLE"):
            raise UnsupportedConstruct(f"DISPLAY UPON {device.text}", verb.line)
        syserr = device.text in ("SYSERR", "STDERR")
    no_advancing = False
    if p.stream.peek_word("WITH", "NO"):
        p.stream.accept("WITH")
        p.stream.expect("NO")
        p.stream.expect("ADVANCING")
        no_advancing = True
    p.end_scope("END-DISPLAY")
    return Display(tuple(items), syserr, no_advancing, verb.line)


# Devices that GnuCOBOL reads as standard input.
_STANDARD_INPUT = ("SYSIN", "CONSOLE", "STDIN")
_ACCEPT_SOURCES = {
    "DATE": ("YYYYMMDD",),
    "DAY": ("YYYYDDD",),
    "TIME": (),
    "DAY-OF-WEEK": (),
}


def parse_accept(p: StatementParser, verb: Token) -> Stmt:
    target = p.expr.ref()
    source = ""
    if p.stream.accept("FROM") and not p.stream.accept(*_STANDARD_INPUT):
        word = p.stream.next()
        if word.text not in _ACCEPT_SOURCES:
            raise UnsupportedConstruct(f"ACCEPT FROM {word.text}", verb.line)
        source = word.text
        extra = (
            p.stream.accept(*_ACCEPT_SOURCES[word.text])
            if _ACCEPT_SOURCES[word.text]
            else None
        )
        if extra:
            source += " " + extra.text
    p.end_scope("END-ACCEPT")
    return Accept(target, source, verb.line)


def parse_open(p: StatementParser, verb: Token) -> Stmt:
    modes: list[tuple[str, tuple[str, ...]]] = []
    while p.stream.peek_word("INPUT", "OUTPUT", "EXTEND", "I-O"):
        mode = p.stream.next().text
        files: list[str] = []
        while p.expr.at_operand() and not p.stream.peek_word(
            "INPUT", "OUTPUT", "EXTEND", "I-O"
        ):
            files.append(p.stream.next().text)
        modes.append((mode, tuple(files)))
    if not modes:
        raise ParseError("expected INPUT, OUTPUT, EXTEND or I-O after OPEN", verb.line)
    return Open(tuple(modes), verb.line)


def parse_close(p: StatementParser, verb: Token) -> Stmt:
    files: list[str] = []
    while p.expr.at_operand():
        files.append(p.stream.next().text)
        if p.stream.peek_word("WITH", "LOCK", "NO", "REEL", "UNIT"):
            raise UnsupportedConstruct("CLOSE with options", verb.line)
    return Close(tuple(files), verb.line)


def parse_read(p: StatementParser, verb: Token) -> Stmt:
    file = p.stream.expect_kind(TokenKind.WORD, "a file name").text
    p.stream.accept("NEXT")
    p.stream.accept("RECORD")
    into = p.expr.ref() if p.stream.accept("INTO") else None
    if p.stream.peek_word("INVALID", "KEY"):
        raise UnsupportedConstruct("READ with a KEY phrase", verb.line)
    handlers = p.handlers(("END",), "AT", "END-READ")
    return Read(file, into, handlers, verb.line)


def parse_write(p: StatementParser, verb: Token) -> Stmt:
    record = p.expr.ref()
    source = p.expr.operand() if p.stream.accept("FROM") else None
    stmt = Write(record, source, verb.line)
    if p.stream.peek_word("BEFORE", "AFTER"):
        after = p.stream.next().text == "AFTER"
        p.stream.accept("ADVANCING")
        lines = None
        if not p.stream.accept("PAGE"):
            lines = p.expr.operand()
            p.stream.accept("LINE", "LINES")
        stmt = Write(record, source, verb.line, True, after, lines)
    if p.stream.peek_word("INVALID", "AT", "END-OF-PAGE", "EOP"):
        raise UnsupportedConstruct(
            "WRITE with an INVALID KEY or END-OF-PAGE phrase", verb.line
        )
    p.end_scope("END-WRITE")
    return stmt


def parse_rewrite(p: StatementParser, verb: Token) -> Stmt:
    record = p.expr.ref()
    source = p.expr.operand() if p.stream.accept("FROM") else None
    if p.stream.peek_word("INVALID", "NOT"):
        raise UnsupportedConstruct("REWRITE with an INVALID KEY phrase", verb.line)
    p.end_scope("END-REWRITE")
    return Rewrite(record, source, verb.line)


def parse_string(p: StatementParser, verb: Token) -> Stmt:
    sources: list[tuple[Expr, Expr | None]] = []
    while not p.stream.peek_word("INTO"):
        group = _operands(p)
        p.stream.expect("DELIMITED")
        p.stream.accept("BY")
        delimiter = None if p.stream.accept("SIZE") else p.expr.operand()
        sources.extend((source, delimiter) for source in group)
    p.stream.expect("INTO")
    into = p.expr.ref()
    pointer = None
    if p.stream.peek_word("WITH", "POINTER"):
        p.stream.accept("WITH")
        p.stream.expect("POINTER")
        pointer = p.expr.ref()
    handlers = p.handlers(("OVERFLOW",), "ON", "END-STRING")
    return StringStmt(tuple(sources), into, pointer, handlers, verb.line)


def parse_inspect(p: StatementParser, verb: Token) -> Stmt:
    subject = p.expr.ref()
    phrases: list[InspectPhrase] = []
    converting = None
    if p.stream.accept("TALLYING"):
        phrases.extend(_tallying(p))
    if p.stream.accept("REPLACING"):
        phrases.extend(_replacing(p))
    if not phrases and p.stream.accept("CONVERTING"):
        source = p.expr.operand()
        p.stream.expect("TO")
        converting = (source, p.expr.operand(), _bounds(p))
    if not phrases and converting is None:
        raise ParseError("expected TALLYING, REPLACING or CONVERTING", verb.line)
    return Inspect(subject, tuple(phrases), converting, verb.line)


def _tallying(p: StatementParser) -> list[InspectPhrase]:
    phrases: list[InspectPhrase] = []
    while p.expr.at_operand() and not p.stream.peek_word("REPLACING"):
        counter = p.expr.ref()
        p.stream.expect("FOR")
        while p.stream.peek_word("ALL", "LEADING", "CHARACTERS"):
            mode = p.stream.next().text
            if mode == "CHARACTERS":
                phrases.append(InspectPhrase(mode, None, None, counter, _bounds(p)))
                continue
            while _at_pattern(p) and not _at_counter(p):
                pattern = p.expr.operand()
                phrases.append(InspectPhrase(mode, pattern, None, counter, _bounds(p)))
    return phrases


def _at_pattern(p: StatementParser) -> bool:
    return p.expr.at_operand() and not p.stream.peek_word(
        "ALL", "LEADING", "FIRST", "CHARACTERS"
    )


def _at_counter(p: StatementParser) -> bool:
    """Tell whether the next operand is a new TALLYING counter (``x FOR``)."""
    start = p.stream.index
    try:
        p.expr.ref()
        return p.stream.peek_word("FOR")
    except ParseError:
        return False
    finally:
        p.stream.index = start


def _replacing(p: StatementParser) -> list[InspectPhrase]:
    phrases: list[InspectPhrase] = []
    while p.stream.peek_word("ALL", "LEADING", "FIRST", "CHARACTERS"):
        mode = p.stream.next().text
        if mode == "CHARACTERS":
            p.stream.expect("BY")
            replacement = p.expr.operand()
            phrases.append(InspectPhrase(mode, None, replacement, None, _bounds(p)))
            continue
        while _at_pattern(p):
            pattern = p.expr.operand()
            p.stream.expect("BY")
            replacement = p.expr.operand()
            phrases.append(InspectPhrase(mode, pattern, replacement, None, _bounds(p)))
    return phrases


def _bounds(p: StatementParser) -> tuple[tuple[str, Expr], ...]:
    bounds: list[tuple[str, Expr]] = []
    while p.stream.peek_word("BEFORE", "AFTER"):
        word = p.stream.next().text
        p.stream.accept("INITIAL")
        bounds.append((word, p.expr.operand()))
    return tuple(bounds)


def parse_set(p: StatementParser, verb: Token) -> Stmt:
    conditions: list[Ref] = []
    while p.expr.at_operand():
        conditions.append(p.expr.ref())
    if not conditions or not p.stream.accept("TO"):
        raise UnsupportedConstruct("SET statement of this form", verb.line)
    if not p.stream.accept("TRUE"):
        raise UnsupportedConstruct("SET ... TO a value other than TRUE", verb.line)
    return SetTrue(tuple(conditions), verb.line)
