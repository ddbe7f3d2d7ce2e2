"""Preprocessing: reference format, COPY with REPLACING, and the source map."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fixed

from migrate.config import Config
from migrate.discover import discover
from migrate.errors import InputError
from migrate.model import SourcePos
from migrate.preprocess import Preprocessor
from migrate.preprocess.reference import logical_lines

PROGRAM_HEAD = """\
IDENTIFICATION DIVISION.
PROGRAM-ID. MAIN1.
DATA DIVISION.
WORKING-STORAGE SECTION.
"""


def expand(root: Path, relpath: str, **config: object):  # type: ignore[no-untyped-def]
    estate = discover(root, Config(**config))  # type: ignore[arg-type]
    return Preprocessor(estate).expand(relpath)


def lines_of(source) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.strip() for line in source.text.splitlines()]


def test_fixed_format_drops_sequence_and_identification_areas() -> None:
    text = "000100 IDENTIFICATION DIVISION.".ljust(72) + "BNK00001\n"
    lines = logical_lines(text, "a.cbl")
    assert lines[0].text == "IDENTIFICATION DIVISION."


def test_word_ending_at_column_72_is_not_glued() -> None:
    line = "000100     MOVE A TO B".ljust(68) + "ABCD" + "00012345"
    text = logical_lines(line + "\n", "a.cbl")[0].text
    assert text.endswith("ABCD")
    assert "0001" not in text


def test_comment_and_debugging_lines_are_blank() -> None:
    text = fixed(
        """
        * a comment
        / a page eject
        D   DISPLAY 'DEBUG'
            DISPLAY 'KEPT'
        """
    )
    lines = [line.text for line in logical_lines(text, "a.cbl")]
    assert lines == ["", "", "", "    DISPLAY 'KEPT'"]


def test_debugging_line_active_with_debugging_mode() -> None:
    text = fixed(
        """
        SOURCE-COMPUTER. X WITH DEBUGGING MODE.
        D   DISPLAY 'DEBUG'
        """
    )
    lines = [line.text for line in logical_lines(text, "a.cbl")]
    assert lines[1] == "   DISPLAY 'DEBUG'"


def test_literal_continuation_keeps_spaces_to_column_72() -> None:
    first = "000100     DISPLAY 'HELLO"
    text = first + "\n" + "000200-    'WORLD'.\n"
    lines = logical_lines(text, "a.cbl")
    gap = 72 - len(first)
    assert lines[0].text == "    DISPLAY 'HELLO" + " " * gap + "WORLD'."
    assert lines[1].text == ""


def test_word_continuation_joins_without_space() -> None:
    text = "000100     MOVE WS-AC\n000200-        COUNT TO X.\n"
    lines = logical_lines(text, "a.cbl")
    assert lines[0].text == "    MOVE WS-ACCOUNT TO X."


def test_continuation_without_previous_text_is_an_error() -> None:
    with pytest.raises(InputError) as raised:
        logical_lines("000100-    'ABC'.\n", "a.cbl")
    assert raised.value.pos == SourcePos("a.cbl", 1)


def test_tabs_expand_at_configured_width() -> None:
    text = "\t\tMOVE A TO B.\n"
    assert logical_lines(text, "a.cbl", tab_width=4)[0].text == " MOVE A TO B."


def test_free_format_is_detected() -> None:
    text = "IDENTIFICATION DIVISION.\nPROGRAM-ID. FREE1.\n*> a comment\n"
    lines = [line.text for line in logical_lines(text, "a.cbl")]
    assert lines == ["IDENTIFICATION DIVISION.", "PROGRAM-ID. FREE1.", ""]


def test_copy_replacing_pseudo_text_tag(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                PROGRAM_HEAD + "    COPY REC REPLACING ==:P:== BY ==WS==.\n"
            ),
            "REC.cpy": fixed("01  :P:-REC.\n    05  :P:-ID PIC X(4).\n"),
        }
    )
    source = expand(root, "MAIN1.cbl")
    assert "01  WS-REC." in lines_of(source)
    assert "05  WS-ID PIC X(4)." in lines_of(source)


def test_copy_replacing_word_form(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                PROGRAM_HEAD + "    COPY REC REPLACING OLD-ID BY NEW-ID.\n"
            ),
            "REC.cpy": fixed("01  OLD-ID PIC X(4).\n"),
        }
    )
    assert "01  NEW-ID PIC X(4)." in lines_of(expand(root, "MAIN1.cbl"))


def test_source_map_points_into_copybook(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM_HEAD + "    COPY OUTER.\n"),
            "copy/OUTER.cpy": fixed("01  A PIC X.\n    COPY INNER.\n"),
            "copy/INNER.cpy": fixed("01  B PIC X.\n"),
        }
    )
    source = expand(root, "MAIN1.cbl")
    index = lines_of(source).index("01  B PIC X.")
    assert source.source_map[index] == SourcePos(
        "copy/INNER.cpy", 1, ("MAIN1.cbl", "copy/OUTER.cpy")
    )
    assert source.copybooks == ("OUTER", "INNER")


def test_outer_replacing_reaches_nested_copybook(write_estate) -> None:  # type: ignore[no-untyped-def]
    # GnuCOBOL 3.1 applies the outer REPLACING to nested text as well.
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                PROGRAM_HEAD + "    COPY OUTER REPLACING ==:P:== BY ==X==.\n"
            ),
            "OUTER.cpy": fixed("01  :P:-A PIC X.\n    COPY INNER.\n"),
            "INNER.cpy": fixed("01  :P:-B PIC X.\n"),
        }
    )
    assert "01  X-B PIC X." in lines_of(expand(root, "MAIN1.cbl"))


def test_copy_cycle_is_reported(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM_HEAD + "    COPY A.\n"),
            "A.cpy": fixed("01  A1 PIC X.\n    COPY B.\n"),
            "B.cpy": fixed("    COPY A.\n"),
        }
    )
    with pytest.raises(InputError) as raised:
        expand(root, "MAIN1.cbl")
    assert "COPY cycle: A -> B -> A" in raised.value.message
    assert raised.value.pos == SourcePos("B.cpy", 1, ("MAIN1.cbl", "A.cpy"))


def test_missing_copybook_is_reported(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate({"MAIN1.cbl": fixed(PROGRAM_HEAD + "    COPY NOPE.\n")})
    with pytest.raises(InputError) as raised:
        expand(root, "MAIN1.cbl")
    assert raised.value.message == "copybook NOPE not found"
    assert raised.value.pos == SourcePos("MAIN1.cbl", 5)


def test_copybook_found_case_insensitively(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(PROGRAM_HEAD + "    COPY acctrec.\n"),
            "copy/AcctRec.cpy": fixed("01  A PIC X.\n"),
        }
    )
    assert "01  A PIC X." in lines_of(expand(root, "MAIN1.cbl"))


def test_long_lines_fold_into_area_b(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                PROGRAM_HEAD
                + "    COPY REC REPLACING ==:P:== BY ==A-VERY-LONG-PREFIX-NAME==.\n"
            ),
            "REC.cpy": fixed("01  :P:-REC. 05 :P:-FIELD-ONE PIC X(4) VALUE 'ABCD'.\n"),
        }
    )
    source = expand(root, "MAIN1.cbl")
    assert all(len(line) <= 72 for line in source.text.splitlines())
    assert len(source.source_map) == len(source.text.splitlines())


def test_fixed_format_inline_comment_dropped() -> None:
    text = fixed("    MOVE 'A*>B' TO X *> CALL 'NOTME'\n")
    assert logical_lines(text, "a.cbl")[0].text == "MOVE 'A*>B' TO X"


def test_replace_skips_sql_replace_function(write_estate) -> None:  # type: ignore[no-untyped-def]
    root = write_estate(
        {
            "MAIN1.cbl": fixed(
                PROGRAM_HEAD
                + "01  WS-N PIC X(10).\nPROCEDURE DIVISION.\n"
                + "    EXEC SQL SELECT REPLACE(NAME, 'A', 'B') INTO :WS-N\n"
                + "      FROM PEOPLE END-EXEC\n    GOBACK.\n"
            )
        }
    )
    source = expand(root, "MAIN1.cbl")
    assert source.exec_blocks[0][1].startswith("EXEC SQL SELECT REPLACE(NAME")
