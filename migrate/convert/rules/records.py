"""Generate the record class of a shared copybook: its level-01 names and
lengths, and the offset and length of every named item."""

from __future__ import annotations

import re

from migrate.convert.rules.javatext import block, indent, java_string
from migrate.convert.rules.names import (
    NameAllocator,
    java_class_name,
    java_constant_name,
)
from migrate.convert.rules.program import cobol_parser
from migrate.model import ExpandedSource, JavaSource, Unsupported
from migrate.parse.data import DataDivision, DataItem, build_data_division

_SKELETON_HEAD = (
    "       IDENTIFICATION DIVISION.",
    "       PROGRAM-ID. RECORDS.",
    "       DATA DIVISION.",
    "       WORKING-STORAGE SECTION.",
)
_SKELETON_TAIL = "       PROCEDURE DIVISION."


# A pseudo-text tag such as :PFX:, which COPY ... REPLACING fills in.
_TAG = re.compile(r":([A-Za-z0-9][A-Za-z0-9-]*):")


def read_copybook(source: ExpandedSource) -> DataDivision:
    """Parse a copybook's data descriptions inside a skeleton program.

    Tags like ``:PFX:`` become the bare word ``PFX``, as a COPY that
    replaces each tag by its own name would make them.
    """
    body = _TAG.sub(r"\1", source.text.rstrip("\n"))
    text = "\n".join(_SKELETON_HEAD) + "\n" + body + "\n" + _SKELETON_TAIL + "\n"
    encoded = text.encode("latin-1", errors="replace")
    tree = cobol_parser().parse(encoded)
    programs = [n for n in tree.root_node.children if n.type == "program_definition"]
    if not programs:
        return DataDivision()
    return build_data_division(programs[0], encoded)


def generate_record_class(
    copybook: str, source: ExpandedSource, java_package: str
) -> tuple[JavaSource, list[Unsupported]]:
    """Generate ``<package>.records.<Copybook>`` for one shared copybook."""
    data = read_copybook(source)
    offset = len(_SKELETON_HEAD)
    unsupported = [
        Unsupported(source.pos(p.line - offset), p.construct) for p in data.problems
    ]
    records = list(data.working_storage)
    if not records:
        unsupported.append(
            Unsupported(source.pos(1), "copybook without data descriptions")
        )
    class_name = java_class_name(copybook)
    package = f"{java_package}.records"
    names = ", ".join(java_string(r.name) for r in records)
    lengths = ", ".join(str(r.size) for r in records)
    body = [
        "/** The level-01 (and 77) item names, in order. */",
        f"public static final String[] LEVEL1_NAMES = {{{names}}};",
        "/** The byte length of each level-01 item, as GnuCOBOL lays it out. */",
        f"public static final int[] LEVEL1_LENGTHS = {{{lengths}}};",
        "",
    ]
    body += _layout_constants(records) + [""] + block(f"private {class_name}()", [])
    lines = (
        [
            f"package {package};",
            "",
            f"/** Record layouts of copybook {copybook}; offsets are from the "
            f"start of each level-01 item. */",
            f"public final class {class_name} {{",
        ]
        + indent(body)
        + ["}", ""]
    )
    path = f"{package.replace('.', '/')}/{class_name}.java"
    return JavaSource(path, "\n".join(lines)), unsupported


def _layout_constants(records: list[DataItem]) -> list[str]:
    allocator = NameAllocator(("LEVEL1_NAMES", "LEVEL1_LENGTHS"))
    lines: list[str] = []
    for record in records:
        for item in record.walk():
            if item.is_filler:
                continue
            name = allocator.take(java_constant_name(item.name))
            lines.append(f"public static final int {name}_OFFSET = {item.offset};")
            lines.append(f"public static final int {name}_LENGTH = {item.size};")
    return lines
