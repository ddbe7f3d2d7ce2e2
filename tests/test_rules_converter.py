"""The rules converter's contract: unsupported constructs, errors at the
original position, record slices and Java names."""

from __future__ import annotations

import pytest

from migrate.convert.rules import RulesConverter, java_class_name, java_member_name
from migrate.errors import InputError, UsageError
from migrate.model import (
    ConversionRequest,
    EntryPoint,
    ExpandedSource,
    Slice,
    SliceKind,
    SourcePos,
)


def _source(
    body: str, member: str = "cobol/PROG.cbl", shift: int = 100
) -> ExpandedSource:
    """Build an expanded source whose line i maps to original line i + shift."""
    lines = body.strip("\n").splitlines()
    text = "".join(" " * 7 + line + "\n" for line in lines)
    source_map = tuple(
        SourcePos(member, number + shift) for number in range(1, len(lines) + 1)
    )
    return ExpandedSource(member, text, source_map)


def _convert(
    source: ExpandedSource,
    kind: SliceKind = SliceKind.PROGRAM,
    copybooks: tuple[str, ...] = (),
    callees: tuple[EntryPoint, ...] = (),
):  # type: ignore[no-untyped-def]
    slice_ = Slice("s1", kind, (), copybooks, (), (), 0, 0)
    return RulesConverter().convert(
        ConversionRequest(slice_, (source,), "migrated", callees)
    )


PROGRAM = """
IDENTIFICATION DIVISION.
PROGRAM-ID. POST-TRAN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-A  PIC 9 VALUE 1.
PROCEDURE DIVISION.
MAIN-PARA.
    GO TO DONE-PARA.
    INITIALIZE WS-A
    DISPLAY 'AFTER'.
DONE-PARA.
    STOP RUN.
"""


def test_unsupported_at_original_line() -> None:
    conversion = _convert(_source(PROGRAM))
    found = [(u.pos.member, u.pos.line, u.construct) for u in conversion.unsupported]
    assert found == [
        ("cobol/PROG.cbl", 108, "GO TO statement"),
        ("cobol/PROG.cbl", 109, "INITIALIZE statement"),
    ]
    assert conversion.sources[0].path == "migrated/PostTran.java"
    assert "// UNSUPPORTED: GO TO statement" in conversion.sources[0].text
    assert 'Display.line("AFTER");' in conversion.sources[0].text


def test_unsupported_in_copybook_keeps_chain() -> None:
    source = _source(PROGRAM)
    inner = SourcePos("copy/STEPS.cpy", 7, ("cobol/PROG.cbl",))
    mapped = source.source_map[:7] + (inner,) + source.source_map[8:]
    conversion = _convert(ExpandedSource(source.member, source.text, mapped))
    assert conversion.unsupported[0].pos == inner


def test_unsupported_data_clause_reported() -> None:
    conversion = _convert(
        _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. DATAPROB.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-P  USAGE POINTER.
PROCEDURE DIVISION.
    STOP RUN.
""")
    )
    assert [(u.pos.line, u.construct) for u in conversion.unsupported] == [
        (105, "USAGE POINTER")
    ]


def test_undefined_data_name_raises() -> None:
    with pytest.raises(InputError) as raised:
        _convert(
            _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. BADREF.
PROCEDURE DIVISION.
    DISPLAY NO-SUCH-ITEM
    STOP RUN.
""")
        )
    assert raised.value.pos == SourcePos("cobol/PROG.cbl", 104)
    assert "NO-SUCH-ITEM is not defined" in raised.value.message


def test_undefined_paragraph_raises() -> None:
    with pytest.raises(InputError) as raised:
        _convert(
            _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. BADPERF.
PROCEDURE DIVISION.
    PERFORM NOWHERE
    STOP RUN.
""")
        )
    assert raised.value.pos.line == 104
    assert "NOWHERE" in raised.value.message


def test_syntax_error_raises_at_line() -> None:
    with pytest.raises(InputError) as raised:
        _convert(
            _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. BADSYN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-A  PIC 9.
PROCEDURE DIVISION.
    MOVE 1 WS-A.
""")
        )
    assert raised.value.pos.line == 107
    assert "expected TO" in raised.value.message


def test_missing_program_raises() -> None:
    with pytest.raises(InputError):
        _convert(_source("01  NOT-A-PROGRAM  PIC X."))


def test_ambiguous_name_needs_qualifier() -> None:
    body = """
IDENTIFICATION DIVISION.
PROGRAM-ID. QUAL.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  REC-A.
    05  AMT  PIC 9.
01  REC-B.
    05  AMT  PIC 9.
PROCEDURE DIVISION.
    MOVE 1 TO AMT OF REC-B
    STOP RUN.
"""
    conversion = _convert(_source(body))
    assert "Move.move(N_1, amt2);" in conversion.sources[0].text
    with pytest.raises(InputError) as raised:
        _convert(_source(body.replace("AMT OF REC-B", "AMT")))
    assert "ambiguous" in raised.value.message


def test_runtime_slice_rejected() -> None:
    with pytest.raises(UsageError):
        _convert(_source(PROGRAM), kind=SliceKind.RUNTIME)


def test_estimate_cost_is_zero() -> None:
    slice_ = Slice("s1", SliceKind.PROGRAM, (), (), (), (), 0, 0)
    request = ConversionRequest(slice_, (), "migrated", ())
    assert RulesConverter().estimate_cost(request) == 0.0


def test_static_call_uses_callee_class() -> None:
    conversion = _convert(
        _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. CALLER.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-A  PIC X(4).
PROCEDURE DIVISION.
    CALL 'DATE-UTL' USING WS-A
    CALL 'OTHER' USING BY CONTENT WS-A 'LIT'
    STOP RUN.
"""),
        callees=(EntryPoint("DATE-UTL", "DateUtl", ("LK-A", "LK-B")),),
    )
    text = conversion.sources[0].text
    assert "DateUtl.call(wsA, null);" in text
    assert (
        'Programs.call("migrated", "OTHER", wsA.copy(), Area.literal("LIT"));' in text
    )


def test_record_slice_lists_level1() -> None:
    source = _source(
        """
01  ACCT-REC.
    05  ACCT-ID    PIC X(10).
    05  ACCT-BAL   PIC S9(9)V99 COMP-3.
01  ACCT-KEY      PIC X(10).
""",
        member="copy/ACCTREC.cpy",
    )
    conversion = _convert(source, kind=SliceKind.RECORD, copybooks=("ACCTREC",))
    (java,) = conversion.sources
    assert java.path == "migrated/records/Acctrec.java"
    assert 'LEVEL1_NAMES = {"ACCT-REC", "ACCT-KEY"};' in java.text
    assert "LEVEL1_LENGTHS = {16, 10};" in java.text
    assert "ACCT_BAL_OFFSET = 10;" in java.text
    assert conversion.unsupported == ()


def test_java_names_follow_rule() -> None:
    assert java_class_name("POST-TRAN") == "PostTran"
    assert java_class_name("DATEUTL") == "Dateutl"
    assert java_class_name("1STPASS") == "P1stpass"
    assert java_member_name("WS-ACCT-BAL") == "wsAcctBal"
    assert java_member_name("CLASS") == "class_"
    assert java_member_name("1000-MAIN") == "p1000Main"


def _error_for(
    procedure: str, data: str = "01  WS-T.\n    05 WS-E PIC X OCCURS 3."
) -> InputError:
    body = (
        "IDENTIFICATION DIVISION.\nPROGRAM-ID. ERRS.\nDATA DIVISION.\n"
        "WORKING-STORAGE SECTION.\n" + data + "\nPROCEDURE DIVISION.\n" + procedure
    )
    with pytest.raises(InputError) as raised:
        _convert(_source(body))
    return raised.value


def test_subscript_count_checked() -> None:
    error = _error_for("    DISPLAY WS-E\n    STOP RUN.")
    assert "WS-E needs 1 subscript(s), found 0" in error.message
    assert error.pos.line == 108


def test_missing_procedure_division_raises() -> None:
    with pytest.raises(InputError) as raised:
        _convert(_source("IDENTIFICATION DIVISION.\nPROGRAM-ID. NOPROC."))
    assert "missing PROCEDURE DIVISION" in raised.value.message


def test_perform_thru_backwards_raises() -> None:
    error = _error_for("P1.\n    PERFORM P2 THRU P1.\nP2.\n    STOP RUN.")
    assert "P1 comes before P2" in error.message


def test_file_without_select_raises() -> None:
    error = _error_for("    OPEN INPUT NO-FILE\n    STOP RUN.")
    assert "file NO-FILE has no SELECT entry" in error.message


def test_invalid_character_raises() -> None:
    error = _error_for("    DISPLAY 'A' @\n    STOP RUN.")
    assert "invalid character '@'" in error.message
    assert error.pos.line == 108


def test_decimal_point_comma_reported() -> None:
    conversion = _convert(
        _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. EURO.
ENVIRONMENT DIVISION.
CONFIGURATION SECTION.
SPECIAL-NAMES.
    DECIMAL-POINT IS COMMA.
PROCEDURE DIVISION.
    STOP RUN.
""")
    )
    assert [(u.pos.line, u.construct) for u in conversion.unsupported] == [
        (106, "SPECIAL-NAMES DECIMAL-POINT clause")
    ]


def test_initial_program_reinitializes() -> None:
    conversion = _convert(
        _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. FRESH IS INITIAL.
PROCEDURE DIVISION.
    GOBACK.
""")
    )
    text = conversion.sources[0].text
    assert (
        "public static void call() {\n        RunUnit.enter(FRAME);\n"
        "        try {\n            initialize();" in text
    )


def test_exec_blocks_reported() -> None:
    source = _source(PROGRAM)
    block = (SourcePos("cobol/PROG.cbl", 42), "EXEC SQL SELECT 1 END-EXEC")
    lifted = ExpandedSource(
        source.member, source.text, source.source_map, exec_blocks=(block,)
    )
    conversion = _convert(lifted)
    assert [(u.pos.line, u.construct) for u in conversion.unsupported][-1] == (
        42,
        "EXEC SQL block",
    )


def test_many_fields_built_in_methods() -> None:
    items = "\n".join(f"    05  F-{i:04d}  PIC 9(3) VALUE 1." for i in range(700))
    conversion = _convert(
        _source(
            "IDENTIFICATION DIVISION.\nPROGRAM-ID. BIG.\nDATA DIVISION.\n"
            "WORKING-STORAGE SECTION.\n01  WS-REC.\n"
            + items
            + "\nPROCEDURE DIVISION.\n    STOP RUN."
        )
    )
    text = conversion.sources[0].text
    assert "private static NumField f0000;" in text
    assert "f0000 = NumField.display(wsRec, 0, 3, 0, false);" in text
    assert "static {\n        build1();\n        build2();" in text
    assert "private static final Area wsRec" not in text


FILE_PROGRAM = """
IDENTIFICATION DIVISION.
PROGRAM-ID. FILEGEN.
ENVIRONMENT DIVISION.
INPUT-OUTPUT SECTION.
FILE-CONTROL.
    SELECT IN-FILE ASSIGN TO INDATA ORGANIZATION LINE SEQUENTIAL.
    SELECT RPT-FILE ASSIGN TO RPTOUT ORGANIZATION LINE SEQUENTIAL.
DATA DIVISION.
FILE SECTION.
FD  IN-FILE.
01  IN-REC   PIC X(10).
FD  RPT-FILE.
01  RPT-HEAD PIC X(5).
01  RPT-LINE PIC X(20).
WORKING-STORAGE SECTION.
01  WS-COPY  PIC X(10).
PROCEDURE DIVISION.
    READ IN-FILE
    READ IN-FILE INTO WS-COPY NOT AT END DISPLAY WS-COPY END-READ
    READ IN-FILE AT END DISPLAY 'EOF' END-READ
    WRITE RPT-HEAD FROM WS-COPY
    WRITE RPT-LINE
    STOP RUN.
"""


def test_read_without_at_end_fatal() -> None:
    text = _convert(_source(FILE_PROGRAM)).sources[0].text
    assert "inFileFile.read(null, false);" in text
    assert "boolean record1 = inFileFile.read(wsCopy, false);" in text
    assert "boolean record2 = inFileFile.read(null, true);" in text


def test_short_record_written_alone() -> None:
    text = _convert(_source(FILE_PROGRAM)).sources[0].text
    assert (
        "Move.move(wsCopy, rptHead);\n        rptFileFile.writeRecord(rptHead);" in text
    )
    assert "rptFileFile.write();" in text


def test_call_brackets_return_code_frame() -> None:
    text = _convert(_source(FILE_PROGRAM)).sources[0].text
    assert (
        "private static final RunUnit.Frame FRAME = "
        "new RunUnit.Frame(PROGRAM_ID);" in text
    )
    assert "RunUnit.enter(FRAME);\n        try {\n            run();" in text
    assert "} finally {\n            RunUnit.leave(FRAME);" in text


def test_numeric_literal_spelled_for_text() -> None:
    text = (
        _convert(
            _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. SPELLED.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-X  PIC X(5) VALUE 007.
    88  X-ONE VALUE 001.
01  WS-N  PIC 9(3).
PROCEDURE DIVISION.
    MOVE -0042 TO WS-X
    MOVE 0042 TO WS-N
    IF WS-X = 005 OR WS-X = -1.5 OR WS-N = 005 DISPLAY +7 END-IF
    STOP RUN.
""")
        )
        .sources[0]
        .text
    )
    assert 'Move.move("007", wsX);' in text
    assert 'new Level88(wsX, "001")' in text
    assert 'Move.move("0042", wsX);' in text
    assert "Move.move(N_0042, wsN);" in text
    assert 'Compare.compareNumericLiteral(wsX, "005")' in text
    assert 'Compare.compare(wsX, "-15")' in text
    assert "Compare.compare(wsN, N_005)" in text
    assert 'Display.line("+7");' in text


def test_function_display_forms() -> None:
    conversion = _convert(
        _source("""
IDENTIFICATION DIVISION.
PROGRAM-ID. FUNCGEN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01  WS-A  PIC S9(3) VALUE -5.
01  WS-X  PIC X(9).
PROCEDURE DIVISION.
    DISPLAY FUNCTION MOD(WS-A, 3) FUNCTION LENGTH(WS-X)
    MOVE FUNCTION INTEGER(WS-A) TO WS-X
    DISPLAY FUNCTION ABS(WS-A)
    STOP RUN.
""")
    )
    text = conversion.sources[0].text
    assert (
        "Display.line(Functions.displayText(Functions.mod(wsA.get(), N_3)), "
        "Functions.length(wsX));" in text
    )
    assert (
        "Move.move(Functions.displayText(Functions.integer(wsA.get()))"
        '.replace("-", "").replace(".", ""), wsX);' in text
    )
    found = [(u.pos.line, u.construct) for u in conversion.unsupported]
    assert found == [(110, "DISPLAY of FUNCTION ABS")]
