"""The record layout check of a shared copybook: GnuCOBOL and the Java
record class must agree on the name and length of every 01 item."""

from __future__ import annotations

import re
from collections.abc import Sequence

from migrate.model import ExpandedSource, JavaSource

CHECK_PROGRAM = "MIGRATE-RECORD-CHECK"
CHECK_CLASS = "MigrateRecordCheck"

# A level-01 entry in area A or B of fixed-format text: "01  NAME".
_LEVEL_01 = re.compile(r"^\s*0?1\s+([A-Za-z0-9][A-Za-z0-9_-]*)\s*(?:\.|\s|$)")


def level1_names(source: ExpandedSource) -> tuple[str, ...]:
    """Return the names of the 01 items of an expanded copybook, in order,
    without FILLER."""
    names = []
    for line in source.text.splitlines():
        # Columns 8 to 72 hold the code of fixed-format text.
        match = _LEVEL_01.match(line[7:72])
        if match and match.group(1).upper() != "FILLER":
            names.append(match.group(1).upper())
    return tuple(names)


def cobol_check_program(copybooks: Sequence[tuple[str, Sequence[str]]]) -> str:
    """Return a fixed-format program that COPYs each copybook into
    WORKING-STORAGE and DISPLAYs each 01 name and its FUNCTION LENGTH.

    ``copybooks`` pairs each copybook name with its 01 names.
    """
    lines = [
        "IDENTIFICATION DIVISION.",
        f"PROGRAM-ID. {CHECK_PROGRAM}.",
        "DATA DIVISION.",
        "WORKING-STORAGE SECTION.",
        "01  MIGRATE-LENGTH PIC 9(9).",
        *(f"COPY {name}." for name, _ in copybooks),
        "PROCEDURE DIVISION.",
    ]
    for _, names in copybooks:
        for item in names:
            lines += [
                f"    MOVE FUNCTION LENGTH({item})",
                "        TO MIGRATE-LENGTH",
                f'    DISPLAY "{item} "',
                "        MIGRATE-LENGTH",
            ]
    lines.append("    STOP RUN.")
    return "".join(f"       {line}\n" for line in lines)


def java_check_source(record_classes: Sequence[str]) -> JavaSource:
    """Return a main class, in the unnamed package, that prints
    ``LEVEL1_NAMES`` and ``LEVEL1_LENGTHS`` of each record class in the
    format of :func:`cobol_check_program`."""
    prints = "\n".join(
        f"        print({name}.LEVEL1_NAMES, {name}.LEVEL1_LENGTHS);"
        for name in record_classes
    )
    text = f"""public final class {CHECK_CLASS} {{
    private {CHECK_CLASS}() {{
    }}

    public static void main(String[] args) {{
{prints}
    }}

    private static void print(String[] names, int[] lengths) {{
        for (int i = 0; i < names.length; i++) {{
            int length = i < lengths.length ? lengths[i] : -1;
            System.out.println(names[i] + " " + String.format("%09d", length));
        }}
        if (lengths.length != names.length) {{
            System.out.println("LEVEL1_LENGTHS has " + lengths.length
                + " entries, LEVEL1_NAMES " + names.length);
        }}
    }}
}}
"""
    return JavaSource(f"{CHECK_CLASS}.java", text)
