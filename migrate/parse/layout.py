"""Record layouts of standalone copybooks.

A copybook is no program, so the grammar cannot parse it alone: it is
wrapped in a program skeleton (IDENTIFICATION DIVISION, PROGRAM-ID and the
section its first entry belongs in), whose lines map to the copybook's
first line, and its data items are laid out by :mod:`migrate.parse.data`.
So every shared record layout is known before any program is converted.
"""

from __future__ import annotations

from dataclasses import dataclass

from migrate.discover import Estate
from migrate.errors import InputError
from migrate.model import Diagnostic, ExpandedSource, SourcePos
from migrate.parse.cobol import parse_tree
from migrate.parse.data import DataDivision, DataItem, build_data_division
from migrate.preprocess import Preprocessor

_HEAD = ["IDENTIFICATION DIVISION.", "PROGRAM-ID. COPYBOOK."]
_SECTIONS = ("WORKING-STORAGE", "LOCAL-STORAGE", "LINKAGE", "FILE")


@dataclass(frozen=True)
class RecordLayout:
    """The data items of one copybook with their offsets and sizes.

    ``source`` is the wrapped copybook as parsed; the ``line`` of every item
    is a line of ``source.text``, which :meth:`pos` maps to the copybook.
    """

    copybook: str
    member: str
    source: ExpandedSource
    division: DataDivision
    problems: tuple[Diagnostic, ...] = ()

    @property
    def records(self) -> list[DataItem]:
        """The level-01 and level-77 items, in text order."""
        return self.division.records()

    def item(self, name: str) -> DataItem:
        """The first item named ``name`` (upper case); KeyError if none."""
        for record in self.records:
            for item in record.walk():
                if item.name == name:
                    return item
        raise KeyError(name)

    def pos(self, item: DataItem) -> SourcePos:
        """The original position of an item's data description."""
        return self.source.pos(item.line)


def record_layout(
    estate: Estate, copybook: str, preprocessor: Preprocessor | None = None
) -> RecordLayout:
    """Parse copybook ``copybook`` on its own and lay out its records.

    Raises :class:`InputError` when there is no such copybook, or when it
    (or a copybook it copies) cannot be read."""
    preprocessor = preprocessor or Preprocessor(estate)
    member = preprocessor.find_copybook(copybook.upper())
    if member is None:
        raise InputError(
            f"copybook {copybook} not found",
            hint="give the name a COPY statement uses for it",
        )
    errors: list[InputError] = []
    prologue = _prologue(preprocessor.lines(member.relpath))
    source = preprocessor.expand(member.relpath, errors, prologue=prologue)
    problems = [Diagnostic(e.pos, e.message, "error") for e in errors]
    tree = parse_tree(source.text)
    data = source.text.encode("latin-1", errors="replace")
    program = next(
        (c for c in tree.root_node.children if c.type == "program_definition"), None
    )
    division = (
        build_data_division(program, data) if program is not None else DataDivision()
    )
    problems += [
        Diagnostic(source.pos(problem.line), f"unsupported {problem.construct}")
        for problem in division.problems
    ]
    return RecordLayout(
        copybook.upper(), member.relpath, source, division, tuple(problems)
    )


def _prologue(lines: list[str]) -> list[str]:
    """The skeleton lines to put before a copybook whose logical lines are
    ``lines``: a data division and a section, unless it holds its own."""
    words = " ".join(lines[:200]).upper().split()
    first = words[0] if words else ""
    has_section = any(
        word in _SECTIONS
        and index + 1 < len(words)
        and words[index + 1].startswith("SECTION")
        for index, word in enumerate(words)
    )
    if first == "DATA":
        return _HEAD
    if has_section:
        return [*_HEAD, "DATA DIVISION."]
    if first in ("FD", "SD"):
        return [*_HEAD, "DATA DIVISION.", "FILE SECTION."]
    if first.isdigit():
        return [*_HEAD, "DATA DIVISION.", "WORKING-STORAGE SECTION."]
    # Procedure code has no records; it is wrapped so that it parses.
    return [*_HEAD, "PROCEDURE DIVISION."]
