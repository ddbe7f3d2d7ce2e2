"""The procedure division parser: nesting, periods, conditions and forms."""

from __future__ import annotations

import pytest

from migrate.convert.rules.lexer import tokenize
from migrate.convert.rules.nodes import (
    And,
    Arithmetic,
    Call,
    ClassTest,
    CondName,
    Display,
    Evaluate,
    FuncCall,
    If,
    Move,
    Not,
    Or,
    PassMode,
    Procedure,
    Read,
    Relation,
    Rewrite,
    Unparsed,
    WhenKind,
)
from migrate.convert.rules.procedure import parse_procedure
from migrate.convert.rules.stream import ParseError


def _procedure(body: str, conditions: tuple[str, ...] = ()) -> Procedure:
    text = "       PROCEDURE DIVISION.\n" + "".join(
        " " * 7 + line + "\n" for line in body.strip("\n").splitlines()
    )
    return parse_procedure(tokenize(text), lambda name: name in conditions)


def _statements(body: str, conditions: tuple[str, ...] = ()) -> tuple:
    return _procedure(body, conditions).paragraphs[0].statements


def test_period_closes_nested_ifs() -> None:
    first, second = _statements("""
    IF A = 1
        IF B = 2 DISPLAY 'X'
        ELSE DISPLAY 'Y'.
    DISPLAY 'Z'.
""")
    assert isinstance(first, If)
    inner = first.then[0]
    assert isinstance(inner, If)
    assert isinstance(inner.otherwise[0], Display)
    assert first.otherwise is None
    assert isinstance(second, Display)


def test_else_binds_innermost_if() -> None:
    (outer,) = _statements("""
    IF A = 1
        IF B = 2
            DISPLAY 'X'
        ELSE
            DISPLAY 'Y'
        END-IF
    ELSE
        DISPLAY 'Z'
    END-IF.
""")
    assert isinstance(outer.then[0], If)
    assert outer.then[0].otherwise is not None
    assert isinstance(outer.otherwise[0], Display)


def test_abbreviated_relation_expands() -> None:
    (stmt,) = _statements("IF A = 1 OR 2 AND > 0 DISPLAY 'X'.")
    assert isinstance(stmt.cond, Or)
    right = stmt.cond.right
    assert isinstance(right, And)
    assert isinstance(right.left, Relation)
    assert right.left.left.name == "A"
    assert right.left.right.literal.text == "2"
    assert right.right.op == ">"


def test_relation_words_and_negation() -> None:
    (stmt,) = _statements(
        "IF A IS NOT LESS THAN B AND C GREATER THAN OR EQUAL TO 3 CONTINUE."
    )
    left, right = stmt.cond.left, stmt.cond.right
    assert left.op == ">="
    assert right.op == ">="


def test_condition_names_and_not() -> None:
    (stmt,) = _statements(
        "IF NOT FLAG-ON AND FLAG-X(2) CONTINUE.", conditions=("FLAG-ON", "FLAG-X")
    )
    assert isinstance(stmt.cond.left, Not)
    assert isinstance(stmt.cond.left.operand, CondName)
    assert stmt.cond.right.ref.subscripts[0].literal.text == "2"


def test_parenthesized_arithmetic_in_relation() -> None:
    (stmt,) = _statements("IF (A + B) * 2 > C CONTINUE.")
    assert isinstance(stmt.cond, Relation)
    assert stmt.cond.left.op == "*"


def test_evaluate_shared_whens() -> None:
    (stmt,) = _statements("""
    EVALUATE X
        WHEN 1
        WHEN 2 THRU 4
            DISPLAY 'A'
        WHEN OTHER
            DISPLAY 'B'
    END-EVALUATE.
""")
    assert isinstance(stmt, Evaluate)
    (when,) = stmt.whens
    assert len(when.alternatives) == 2
    assert when.alternatives[1][0].kind is WhenKind.RANGE
    assert isinstance(stmt.other[0], Display)


def test_perform_forms() -> None:
    statements = _statements("""
    PERFORM P1 THRU P2
    PERFORM P1 3 TIMES
    PERFORM P1 WITH TEST AFTER UNTIL A > 1
    PERFORM P1 VARYING I FROM 1 BY 1 UNTIL I > 3
        AFTER J FROM 1 BY 1 UNTIL J > 2
    PERFORM N TIMES DISPLAY 'X' END-PERFORM
    PERFORM UNTIL A = 1 MOVE 1 TO A END-PERFORM.
""")
    thru, times, after, varying, inline_times, inline_until = statements
    assert (thru.first, thru.last) == ("P1", "P2")
    assert times.times.literal.text == "3"
    assert after.test_after
    assert len(varying.varying) == 2
    assert inline_times.first is None
    assert isinstance(inline_times.body[0], Display)
    assert isinstance(inline_until.body[0], Move)


def test_call_pass_mode_carries() -> None:
    (stmt,) = _statements("CALL 'SUB' USING A BY CONTENT B C BY REFERENCE D.")
    assert isinstance(stmt, Call)
    modes = [mode for mode, _ in stmt.args]
    assert modes == [
        PassMode.REFERENCE,
        PassMode.CONTENT,
        PassMode.CONTENT,
        PassMode.REFERENCE,
    ]


def test_size_error_phrases_bind() -> None:
    (stmt,) = _statements("""
    ADD 1 TO A ON SIZE ERROR DISPLAY 'E'
        NOT ON SIZE ERROR DISPLAY 'OK'
    END-ADD.
""")
    assert isinstance(stmt, Arithmetic)
    assert len(stmt.handlers.on) == 1
    assert len(stmt.handlers.not_on) == 1


def test_read_at_end_phrases() -> None:
    (stmt,) = _statements(
        "READ F INTO R AT END MOVE 1 TO E NOT AT END DISPLAY R END-READ."
    )
    assert isinstance(stmt, Read)
    assert stmt.into.name == "R"
    assert isinstance(stmt.handlers.on[0], Move)


def test_unsupported_statement_skipped() -> None:
    first, second = _statements("GO TO P9\n    DISPLAY 'NEXT'.")
    assert isinstance(first, Unparsed)
    assert first.construct == "GO TO statement"
    assert isinstance(second, Display)


def test_paragraphs_and_sections() -> None:
    procedure = _procedure("""
MAIN SECTION.
    DISPLAY 'HEAD'.
P1.
    DISPLAY 'ONE'.
OTHER-SEC SECTION.
P2.
    EXIT.
""")
    names = [(p.section, p.name) for p in procedure.paragraphs]
    assert names == [("MAIN", ""), ("MAIN", "P1"), ("OTHER-SEC", "P2")]
    assert procedure.sections == ("MAIN", "OTHER-SEC")


def test_syntax_error_has_line() -> None:
    with pytest.raises(ParseError) as raised:
        _statements("DISPLAY 'A'\n    MOVE 1 2 3.")
    assert raised.value.line == 3


def test_unsupported_nested_if_skipped() -> None:
    (outer, after) = _statements("""
    IF A = 1
        IF B = 2 NEXT SENTENCE ELSE DISPLAY 'X' END-IF
    ELSE
        DISPLAY 'Y'
    END-IF
    DISPLAY 'Z'.
""")
    assert isinstance(outer.then[0], Unparsed)
    assert outer.then[0].construct == "NEXT SENTENCE"
    assert isinstance(outer.otherwise[0], Display)
    assert isinstance(after, Display)


def test_end_prefixed_names_not_terminators() -> None:
    procedure = _procedure(
        """
    PERFORM UNTIL END-OF-FILE
        SET END-OF-FILE TO TRUE
    END-PERFORM.
END-OF-JOB.
    STOP RUN.
""",
        conditions=("END-OF-FILE",),
    )
    (loop,) = procedure.paragraphs[0].statements
    assert isinstance(loop.until, CondName)
    assert len(loop.body) == 1
    assert procedure.paragraphs[1].name == "END-OF-JOB"


def test_class_test_after_and() -> None:
    (stmt,) = _statements("IF B < 0 AND B IS NEGATIVE DISPLAY 'N' END-IF.")
    assert isinstance(stmt.cond, And)
    assert isinstance(stmt.cond.right, ClassTest)
    assert stmt.cond.right.test == "NEGATIVE"
    assert isinstance(stmt.then[0], Display)


def test_signed_literal_keeps_spelling() -> None:
    (display, relation) = _statements("""
    DISPLAY +7 -005
    IF X = -1.5 CONTINUE END-IF.
""")
    assert [item.literal.text for item in display.items] == ["+7", "-005"]
    assert relation.cond.right.literal.text == "-1.5"


def test_evaluate_condition_name_subject() -> None:
    (stmt,) = _statements(
        """
    EVALUATE FLAG-ON (I) ALSO X
        WHEN TRUE ALSO 1 DISPLAY 'A'
    END-EVALUATE.
""",
        conditions=("FLAG-ON",),
    )
    assert isinstance(stmt.subjects[0].cond, CondName)
    assert stmt.subjects[0].cond.ref.subscripts
    assert stmt.subjects[1].expr is not None
    assert stmt.whens[0].alternatives[0][0].kind is WhenKind.TRUE


def test_rewrite_from_parsed() -> None:
    (stmt,) = _statements("REWRITE UPD-REC FROM WS-REC END-REWRITE.")
    assert isinstance(stmt, Rewrite)
    assert stmt.record.name == "UPD-REC"
    assert stmt.source.name == "WS-REC"


def test_intrinsic_function_operands() -> None:
    (display,) = _statements("""
    DISPLAY FUNCTION MOD(A, 3) FUNCTION TRIM(X LEADING)
        FUNCTION CURRENT-DATE (1:8) FUNCTION UPPER-CASE(FUNCTION TRIM(X)).
""")
    mod, trim, date, upper = display.items
    assert (mod.name, len(mod.args)) == ("MOD", 2)
    assert (trim.name, trim.keyword) == ("TRIM", "LEADING")
    assert date.args == ()
    assert date.refmod[0].literal.text == "1"
    assert isinstance(upper.args[0], FuncCall)
